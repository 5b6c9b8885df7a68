"""`partnerdesk FILE.pdk`: a workspace as the only argument, told apart from commands and option values."""

from __future__ import annotations

import pytest

from partnerdesk.cli import main, split_workspace_argument

COMMANDS = ["info", "demo", "import", "export", "packet", "agenda"]


@pytest.mark.parametrize(("argv", "rest", "file"), [
    (["team.pdk"], [], "team.pdk"),
    (["--lang", "ja", "team.pdk"], ["--lang", "ja"], "team.pdk"),
    (["--no-crash-dialog", "My Deals.pdk", "--lang=ar"], ["--no-crash-dialog", "--lang=ar"], "My Deals.pdk"),
    (["--db", "x.pdk"], ["--db", "x.pdk"], None),  # an option's value is not the file
    (["import", "events", "cal.ics"], ["import", "events", "cal.ics"], None),  # a command's own argument
    (["info", "--db", "x.pdk"], ["info", "--db", "x.pdk"], None),
    ([], [], None),
])
def test_the_workspace_argument_is_found(argv: list[str], rest: list[str], file: str | None) -> None:
    assert split_workspace_argument(argv, COMMANDS) == (rest, file)


@pytest.mark.parametrize("argv", [["team.pdk", "info"], ["team.pdk", "--db", "other.pdk"]])
def test_a_workspace_file_with_a_command_or_db_is_refused(argv: list[str],
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    assert "cannot be combined" in capsys.readouterr().err


def test_help_tells_how_to_open_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "partnerdesk FILE.pdk" in capsys.readouterr().out
