"""The `partnerdesk` command: opens the GUI, or runs a subcommand (demo, info, import, export, packet …).

Each area keeps its subcommands in a module of this package exposing ``register(subparsers)``; import it in
:func:`command_modules`. A workspace file as the only argument (``partnerdesk FILE.pdk``, what a desktop passes on
a double-click or "Open with") opens it in the GUI. Shared verbs (``import``, ``export``) are created once through :func:`verb_parser`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from partnerdesk import __version__
from partnerdesk.cli.console import prepare_streams
from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.l10n import LANGUAGES, _, set_language, system_language

# Top-level options that take a value: the token after them is not a file or a command.
_VALUE_OPTIONS = frozenset({"--lang", "--db"})

_VERBS: dict[str, argparse._SubParsersAction] = {}


def verb_parser(subparsers: argparse._SubParsersAction, verb: str, help_text: str) -> argparse._SubParsersAction:
    """Get or create the sub-subparsers of a shared verb such as ``import`` or ``export``."""
    if verb not in _VERBS:
        parser = subparsers.add_parser(verb, help=help_text)
        _VERBS[verb] = parser.add_subparsers(dest="kind", required=True, metavar="KIND")
    return _VERBS[verb]


def add_db_option(parser: argparse.ArgumentParser, *, top_level: bool = False) -> None:
    """``--db`` on the program and on each command; a command's own default must not hide the program's
    (``partnerdesk --db X demo`` and ``partnerdesk demo --db X`` mean the same)."""
    parser.add_argument("--db", type=db_target, default=None if top_level else argparse.SUPPRESS,
                        help=_("workspace file, or a team workspace on a server: postgresql://user@host/database "
                               "(password from PGPASSWORD) (default: the file in your user data folder)"))


def db_target(value: str) -> Path | str:
    """A ``--db`` value: a server URL stays a string, anything else is a file path."""
    from partnerdesk.store.targets import is_server_url

    return value.strip() if is_server_url(value) else Path(value)


def workspace_path(args: argparse.Namespace) -> Path | str:
    """The workspace a command works on: a file path, or a ``postgresql://`` URL (``--db``)."""
    from partnerdesk.store.paths import default_workspace_path

    return args.db if getattr(args, "db", None) else default_workspace_path()


def workspace_file(args: argparse.Namespace) -> Path:
    """The workspace file of a command that works on files only (backups): a server URL is refused."""
    from partnerdesk.store.server import ServerAddress
    from partnerdesk.store.workspace import ServerWorkspaceError

    target = workspace_path(args)
    if isinstance(target, str):
        raise ServerWorkspaceError(location=ServerAddress.parse(target).display)
    return target


def command_modules() -> tuple[ModuleType, ...]:
    """The modules that register subcommands (imported here, not at the top: they import this module)."""
    from partnerdesk.cli import (
        backups,
        calendar,
        contacts,
        demo,
        info,
        kpis,
        packets,
        payments,
        today,
        workspace,
    )

    return (info, demo, contacts, packets, calendar, today, payments, kpis, backups, workspace)


def build_parser() -> argparse.ArgumentParser:
    _VERBS.clear()
    parser = argparse.ArgumentParser(
        prog="partnerdesk", description=_("PartnerDesk partnership manager"),
        epilog=_("To open a workspace file, give it as the only argument: partnerdesk FILE.pdk"))
    parser.add_argument("--version", action="version", version=f"PartnerDesk {__version__}")
    parser.add_argument("--lang", choices=LANGUAGES, default=None, help=_("user interface language"))
    add_db_option(parser, top_level=True)
    parser.add_argument("--no-crash-dialog", action="store_true",
                        help=_("write crash reports to the log only, without a dialog"))
    parser.add_argument("--smoke-test", action="store_true",
                        help=_("open every view on a temporary demo workspace and exit"))
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in command_modules():
        module.register(subparsers)
    return parser


def split_workspace_argument(argv: list[str], commands: Sequence[str]) -> tuple[list[str], str | None]:
    """``partnerdesk FILE.pdk [options]``: take out the first positional argument when it is not a command."""
    skip = False
    for i, arg in enumerate(argv):
        if skip:
            skip = False
            continue
        if arg == "--":
            break
        if arg in _VALUE_OPTIONS:
            skip = True
            continue
        if arg.startswith("-"):
            continue
        if arg in commands:
            return argv, None
        return argv[:i] + argv[i + 1:], arg
    return argv, None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    prepare_streams()  # windowed Windows exe, legacy code pages (cli/console.py)
    # The language must be known before help texts are built.
    lang = system_language()
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            lang = argv[i + 1]
        elif arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
    set_language(lang)
    parser = build_parser()
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    argv, file_arg = split_workspace_argument(argv, list(subparsers.choices))
    args = parser.parse_args(argv)
    args.workspace_file = db_target(file_arg) if file_arg is not None else None  # a postgresql:// URL stays a str
    if args.workspace_file is not None and (args.command is not None or args.db is not None):
        parser.error(_("a workspace file cannot be combined with --db or a command"))
    if args.command is None:
        from partnerdesk.ui.app import run_gui

        return run_gui(args)
    try:
        return int(args.func(args) or 0)
    except PartnerDeskError as exc:
        print(_("Error: {message}").format(message=exc.message), file=sys.stderr)
        return 1
