"""`partnerdesk import contacts` / `export contacts`: summaries, exit codes, nothing written on failure."""

from __future__ import annotations

from pathlib import Path

from partnerdesk.cli import main

CARDS = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Giulia Rossi\r\nEMAIL:giulia@moda.it\r\nEND:VCARD\r\n"
         "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:山田 太郎\r\nTEL;TYPE=CELL:+81 90 1234 5678\r\nEND:VCARD\r\n")


def test_import_export_round_trip(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    db, src = tmp_path / "w.pdk", tmp_path / "in.vcf"
    src.write_text(CARDS, encoding="utf-8")
    assert main(["--db", str(db), "import", "contacts", str(src)]) == 0
    assert "Imported: 2, merged: 0, skipped: 0, failed: 0" in capsys.readouterr().out
    assert main(["--db", str(db), "import", "contacts", str(src), "--on-duplicate", "merge"]) == 0
    assert "Imported: 0, merged: 2" in capsys.readouterr().out
    out = tmp_path / "out.csv"
    assert main(["--db", str(db), "export", "contacts", "--format", "csv", "-o", str(out)]) == 0
    text = out.read_bytes().decode("utf-8-sig")
    assert "山田 太郎" in text and "'+81 90 1234 5678" in text
    vcf = tmp_path / "out.vcf"
    assert main(["--db", str(db), "export", "contacts", "--format", "vcf", "-o", str(vcf)]) == 0
    assert vcf.read_text(encoding="utf-8").count("BEGIN:VCARD") == 2


def test_broken_file_fails_and_imports_nothing(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    db, src = tmp_path / "w.pdk", tmp_path / "bad.vcf"
    src.write_text(CARDS + "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut off\r\n", encoding="utf-8")
    assert main(["--db", str(db), "import", "contacts", str(src)]) == 1
    assert "record 3 (line 11)" in capsys.readouterr().err
    assert main(["--db", str(db), "import", "contacts", str(src), "--partial"]) == 1
    captured = capsys.readouterr()
    assert "Imported: 2" in captured.out and "failed: 1" in captured.out


def test_unknown_partner_is_an_error(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "in.vcf"
    src.write_text(CARDS, encoding="utf-8")
    assert main(["--db", str(tmp_path / "w.pdk"), "import", "contacts", str(src), "--partner", "Nobody"]) == 1
    assert "Nobody" in capsys.readouterr().err


def test_partly_broken_file_lists_every_bad_record_and_points_to_partial(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    db, src = tmp_path / "w.pdk", tmp_path / "mixed.vcf"
    src.write_text(CARDS + "BEGIN:VCARD\r\nVERSION:3.0\r\nN:;;;\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo\r\n",
                   encoding="utf-8")
    assert main(["--db", str(db), "import", "contacts", str(src)]) == 1
    err = capsys.readouterr().err
    assert "Nothing was imported: record 3 (line 11)" in err
    assert "record 4 (line 15)" in err  # every broken record, not only the first
    assert "Readable records: 2." in err and "--partial" in err
    assert main(["--db", str(db), "import", "contacts", str(src), "--partial"]) == 1
    assert "Imported: 2, merged: 0, skipped: 0, failed: 2" in capsys.readouterr().out
