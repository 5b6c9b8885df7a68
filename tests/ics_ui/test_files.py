"""Writing the exported file: whole or not at all, with the permissions a user expects; default names."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest

from partnerdesk.ui.ics.files import IcsWriteError, default_export_name, write_atomically


def test_a_new_file_gets_the_usual_permissions_and_an_existing_one_keeps_its_own(tmp_path: Path) -> None:
    new = tmp_path / "new.ics"
    write_atomically(new, b"BEGIN:VCALENDAR\r\n")
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~umask  # readable by others like any saved file
    old = tmp_path / "old.ics"
    old.write_bytes(b"old")
    old.chmod(0o640)
    write_atomically(old, b"new")
    assert old.read_bytes() == b"new" and stat.S_IMODE(old.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.ics", "old.ics"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "events.ics"
    target.write_bytes(b"old")

    def broken(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(IcsWriteError) as caught:
        write_atomically(target, b"new")
    assert "No space left on device" in caught.value.message and str(target) in caught.value.message
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["events.ics"]


def test_default_names_keep_any_script_and_drop_what_file_systems_refuse() -> None:
    assert default_export_name("سوق البحر") == "Events – سوق البحر.ics"
    assert default_export_name("A/B: Co?") == "Events – A_B_ Co_.ics"
    assert default_export_name(start=dt.date(2026, 3, 1), end=dt.date(2026, 5, 31)) == \
        "Events 2026-03-01 – 2026-05-31.ics"
    assert default_export_name() == "PartnerDesk events.ics"
