"""``--db`` works before or after the command, and never falls back to the user's own workspace by accident."""

from pathlib import Path

import pytest

from partnerdesk.cli import main


@pytest.mark.parametrize("before", [True, False])
def test_db_option_before_or_after_the_command(tmp_path: Path, before: bool) -> None:
    target = tmp_path / "demo.pdk"
    argv = ["--db", str(target), "demo"] if before else ["demo", "--db", str(target)]
    assert main(argv) == 0
    assert target.exists()
    assert not (Path.home() / "data" / "PartnerDesk").exists()
