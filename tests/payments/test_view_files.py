"""Export, import, print and settings from the Payments view in the main window."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter

from partnerdesk.services import payments as P
from tests.payments.test_view import choose_more, open_payments


def test_export_writes_the_filtered_rows(payments_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from partnerdesk.ui.payments.files import export_ledger

    view = open_payments(payments_window)
    view.filters.text.setText("LC-")
    view.filters.status.setCurrentIndex(view.filters.status.findData("paid"))
    shown = view.model.rowCount()
    out = export_ledger(view, str(tmp_path / "p.csv"))
    assert out is not None
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == shown + 1 and all(",paid," in line for line in lines[1:])


def test_import_dialog_lists_bad_rows_then_imports_all_and_undoes(payments_window, qtbot,  # type: ignore[no-untyped-def]
                                                                  tmp_path: Path) -> None:
    from partnerdesk.ui.payments.files import import_ledger

    view = open_payments(payments_window)
    partner = view.model.visible_rows()[0].partner_name
    bad = tmp_path / "bad.csv"
    bad.write_text(f"Contact,Invoice,Total,Currency,Due Date\n{partner},X-1,10.00,EUR,2026-04-01\n"
                   f"{partner},X-2,10.123,EUR,2026-04-01\n", encoding="utf-8")
    dialog = import_ledger(view, str(bad))
    assert dialog is not None
    assert dialog.problems.count() == 1 and "Line 3" in dialog.problems.item(0).text()
    assert not dialog.import_button.isEnabled()
    dialog.reject()
    good = tmp_path / "good.csv"
    good.write_text(f"Contact,Invoice,Total,Currency,Due Date\n{partner},X-1,10.00,EUR,2026-04-01\n"
                    f"{partner},X-2,12.50,EUR,2026-04-02\n", encoding="utf-8")
    before = view.model.rowCount()
    dialog = import_ledger(view, str(good))
    assert dialog is not None and dialog.import_button.isEnabled() and dialog.preview.rowCount() == 2
    dialog.import_button.click()
    assert view.model.rowCount() == before + 2
    payments_window.context.undo_stack.undo()
    assert view.model.rowCount() == before


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_print_to_pdf(payments_window, tmp_path: Path, lang: str) -> None:  # type: ignore[no-untyped-def]
    from partnerdesk.ui.payments.files import print_ledger
    from partnerdesk.ui.payments.printing import make_printer

    view = open_payments(payments_window)
    payments_window.set_language(lang)
    printer = make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / f"ledger-{lang}.pdf"
    printer.setOutputFileName(str(out))
    assert print_ledger(view, preview=False, printer=printer) >= 1
    assert out.stat().st_size > 1000
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True).stdout
        text = unicodedata.normalize("NFKC", text)  # Arabic comes out in presentation forms
        first = view.model.visible_rows()[0].invoice_ref
        assert first in text
        if lang == "en":
            assert text.index("Partner") < text.index("Status")  # left to right
        else:
            line = next(t for t in text.splitlines() if "الشريك" in t)
            assert line.index("الشريك") > line.index("الحالة")  # mirrored: partner column on the right


def test_settings_change_grace_and_reminder_days(payments_window) -> None:  # type: ignore[no-untyped-def]
    view = open_payments(payments_window)
    choose_more(view, "Settings…")
    dialog = view.dialog
    dialog.grace.setValue(4)
    dialog.reminder.setValue(6)
    dialog.save()
    ws = payments_window.context.ws
    assert (P.grace_days(ws), P.reminder_days(ws)) == (4, 6)
    assert view.model.grace == 4


def test_print_button_opens_a_landscape_preview(payments_window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QPageLayout

    view = open_payments(payments_window)
    choose_more(view, "Print…")
    dialog = view.print_dialog
    assert dialog is not None and dialog.isVisible()
    printer = dialog.printer()
    assert printer.pageLayout().orientation() == QPageLayout.Orientation.Landscape
    dialog.close()
