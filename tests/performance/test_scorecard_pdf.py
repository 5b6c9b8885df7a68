"""The scorecard PDF: CLI and Packets menu; every font embedded; Arabic right to left; bilingual."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from partnerdesk.cli import main
from partnerdesk.ui.performance import clock

TODAY = dt.date(2026, 3, 2)
HAVE_POPPLER = shutil.which("pdftotext") is not None and shutil.which("pdffonts") is not None


def _text(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return unicodedata.normalize("NFKC", out)


@pytest.mark.skipif(not HAVE_POPPLER, reason="poppler-utils not installed")
@pytest.mark.parametrize(("lang", "bilingual", "expected"), [
    ("en", False, ["Scorecard — Vitrine Paulista", "Traffic", "Our payments on time", "February 2026"]),
    ("pt", True, ["Tráfego / Traffic", "Quadro de indicadores / Scorecard", "fevereiro de 2026"]),
    ("ar", False, ["Vitrine Paulista"]),
])
def test_cli_scorecard_pdf(demo_file, tmp_path, lang, bilingual, expected) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "demo.pdk"
    shutil.copy(demo_file, db)
    out = tmp_path / f"sc-{lang}.pdf"
    argv = ["packet", "scorecard", "--partner", "Vitrine Paulista", "--period", "2026-02", "--lang", lang,
            "-o", str(out), "--db", str(db)] + (["--bilingual"] if bilingual else [])
    assert main(argv) == 0
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(" yes yes " in line for line in fonts), fonts  # every font embedded and subset
    text = _text(out)
    for word in expected:
        assert word in text
    if lang == "ar":
        assert unicodedata.normalize("NFKC", "الزيارات") in text or "تايرايزلا" in text


def test_packets_menu_scorecard(demo_window, qtbot, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    window = demo_window
    window.start()
    action = window.actions_.performance.scorecard
    assert action in window.actions_.packets.menu.actions() and action.isEnabled()
    action.trigger()
    dialog = window.findChild(QDialog, "scorecardDialog")
    assert dialog is not None and dialog.isVisible()
    dialog.partner.setCurrentIndex(dialog.partner.findText("Rota Sul Logística"))
    assert dialog.language.currentData() == "pt"  # the partner's language
    dialog.bilingual.setChecked(True)
    target = tmp_path / "card.pdf"
    assert dialog.save_to(target)
    assert target.read_bytes().startswith(b"%PDF")
    dialog.close()
