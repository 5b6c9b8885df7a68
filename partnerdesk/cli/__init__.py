"""The `partnerdesk` command: opens the GUI, or runs a subcommand (demo, info, import, export, packet …).

Each area keeps its subcommands in a module of this package exposing ``register(subparsers)``; list it in
COMMAND_MODULES. Shared verbs (``import``, ``export``) are created once through :func:`verb_parser`.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from partnerdesk import __version__
from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.l10n import LANGUAGES, _, set_language, system_language

COMMAND_MODULES: tuple[str, ...] = ("info", "demo", "contacts", "packets", "calendar", "today", "payments", "kpis")

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
    parser.add_argument("--db", type=Path, default=None if top_level else argparse.SUPPRESS,
                        help=_("workspace file (default: the one in your user data folder)"))


def workspace_path(args: argparse.Namespace) -> Path:
    from partnerdesk.store.paths import default_workspace_path

    return Path(args.db) if getattr(args, "db", None) else default_workspace_path()


def build_parser() -> argparse.ArgumentParser:
    _VERBS.clear()
    parser = argparse.ArgumentParser(prog="partnerdesk", description=_("PartnerDesk partnership manager"))
    parser.add_argument("--version", action="version", version=f"PartnerDesk {__version__}")
    parser.add_argument("--lang", choices=LANGUAGES, default=None, help=_("user interface language"))
    add_db_option(parser, top_level=True)
    parser.add_argument("--no-crash-dialog", action="store_true",
                        help=_("write crash reports to the log only, without a dialog"))
    parser.add_argument("--smoke-test", action="store_true",
                        help=_("open every view on a temporary demo workspace and exit"))
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"partnerdesk.cli.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # The language must be known before help texts are built.
    lang = system_language()
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            lang = argv[i + 1]
        elif arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
    set_language(lang)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from partnerdesk.ui.app import run_gui

        return run_gui(args)
    try:
        return int(args.func(args) or 0)
    except PartnerDeskError as exc:
        print(_("Error: {message}").format(message=exc.message), file=sys.stderr)
        return 1
