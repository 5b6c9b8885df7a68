"""`partnerdesk import events`, `export events` and `agenda --json`: summaries, exit codes, JSON for scripts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from partnerdesk.cli import main

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "w.pdk"
    assert main(["--db", str(path), "import", "events", str(FIXTURES / "google.ics"), "--tz", "Europe/Lisbon"]) == 0
    return path


def test_import_then_reimport(capsys, db: Path) -> None:  # type: ignore[no-untyped-def]
    assert "Events created: 4, updated: 0, unchanged: 0, removed: 0" in capsys.readouterr().out
    assert main(["--db", str(db), "import", "events", str(FIXTURES / "google.ics")]) == 0
    assert "Events created: 0, updated: 0, unchanged: 4, removed: 0" in capsys.readouterr().out


def test_broken_file_exits_non_zero_and_imports_nothing(db: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    assert main(["--db", str(db), "import", "events", str(FIXTURES / "broken.ics")]) == 1
    err = capsys.readouterr().err
    assert "event 2 (line 14" in err and "20260231T250000Z" in err
    assert main(["--db", str(db), "agenda", "--from", "2026-03-10", "--to", "2026-03-10", "--tz", "UTC",
                 "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []  # the good first event was not imported


def test_missing_file_and_unknown_zone(db: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    assert main(["--db", str(db), "import", "events", str(tmp_path / "nope.ics")]) == 1
    assert "nope.ics" in capsys.readouterr().err
    assert main(["--db", str(db), "import", "events", str(FIXTURES / "google.ics"), "--tz", "Mars/Base"]) == 1
    assert "Mars/Base" in capsys.readouterr().err


def test_export_with_range_and_partner(db: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out.ics"
    assert main(["--db", str(db), "export", "events", "--from", "2026-04-09", "--to", "2026-04-30", "-o",
                 str(out)]) == 0
    assert "Exported 2 events to" in capsys.readouterr().out
    text = out.read_text(encoding="utf-8")
    assert text.count("BEGIN:VEVENT") == 3  # series + its moved occurrence, and the deadline
    assert "Prazo: relatório trimestral" in text and "大阪" not in text
    assert main(["--db", str(db), "export", "events", "--partner", "Nobody", "-o", str(out)]) == 1
    assert "Nobody" in capsys.readouterr().err


@pytest.mark.parametrize("args, needle", [
    (["--from", "2026-02-30", "--to", "2026-03-01"], "2026-02-30"),
    (["--from", "2026-04-01", "--to", "2026-03-01"], "before the start"),
    (["--from", "2026-03-01", "--to", "2026-03-31", "--tz", "Atlantis/Capital"], "Atlantis/Capital"),
    (["--from", "2026-03-01", "--to", "2026-03-31", "--kind", "party"], "party"),
])
def test_agenda_bad_input(db: Path, capsys, args: list[str], needle: str) -> None:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    assert main(["--db", str(db), "agenda", *args, "--json"]) == 1
    assert needle in capsys.readouterr().err


def test_agenda_json_keeps_lisbon_wall_clock(db: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    assert main(["--db", str(db), "agenda", "--from", "2026-03-01", "--to", "2026-04-30", "--tz", "Europe/Lisbon",
                 "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {"title", "start", "end", "zone", "source"} <= set(rows[0])
    series = [r for r in rows if r["title"] == "Revisão semanal com a Ribeira Digital"]
    assert [r["start"] for r in series] == ["2026-03-16T10:00:00+00:00", "2026-04-13T10:00:00+01:00",
                                            "2026-04-20T10:00:00+01:00"]
    assert all(r["zone"] == "Europe/Lisbon" and r["source"] == "event" for r in series)
    deadline = next(r for r in rows if r["title"].startswith("Prazo"))
    assert deadline["all_day"] and deadline["start"] == "2026-04-10" and deadline["end"] == "2026-04-11"


def test_agenda_in_another_zone_and_as_text(db: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    assert main(["--db", str(db), "agenda", "--from", "2026-03-20", "--to", "2026-03-20", "--tz", "Asia/Tokyo",
                 "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["title"][:4], r["start"]) for r in rows] == [("大阪のパ", "2026-03-20T17:30:00+09:00")]
    assert main(["--db", str(db), "--lang", "ja", "agenda", "--from", "2026-03-16", "--to", "2026-03-16",
                 "--tz", "Europe/Lisbon"]) == 0
    out = capsys.readouterr().out
    assert "2026-03-16  10:00–11:00" in out and "Revisão semanal" in out


@pytest.mark.parametrize("lang, needle", [("pt", "Nada foi importado"), ("ja", "何もインポートされませんでした"),
                                          ("it", "Non è stato importato nulla"), ("el", "Δεν εισήχθη τίποτα"),
                                          ("ar", "لم يُستورد أي شيء")])
def test_broken_file_message_in_every_language(tmp_path: Path, capsys, lang: str, needle: str) -> None:  # type: ignore[no-untyped-def]
    assert main(["--lang", lang, "--db", str(tmp_path / "w.pdk"), "import", "events",
                 str(FIXTURES / "broken.ics")]) == 1
    err = capsys.readouterr().err
    assert needle in err and "14" in err and "20260231T250000Z" in err


def test_agenda_shows_the_events_own_clock_and_all_day_dates(db: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    assert main(["--db", str(db), "agenda", "--from", "2026-04-13", "--to", "2026-04-13", "--tz", "Asia/Tokyo",
                 "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    weekly = next(r for r in rows if r["title"] == "Revisão semanal com a Ribeira Digital")
    assert weekly["start"] == "2026-04-13T18:00:00+09:00"
    assert weekly["local_start"] == "2026-04-13T10:00:00+01:00"  # the partner's side of the clock
    # The 10 April deadline (all day in Lisbon) overlaps 11 April in Tokyo, but is not listed on the 11th.
    assert main(["--db", str(db), "agenda", "--from", "2026-04-11", "--to", "2026-04-11", "--tz", "Asia/Tokyo",
                 "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["--db", str(db), "agenda", "--from", "2026-04-13", "--to", "2026-04-13", "--tz", "Asia/Tokyo"]) == 0
    assert "18:00–19:00  Revisão semanal com a Ribeira Digital  [Events; Europe/Lisbon 10:00]" in capsys.readouterr().out
