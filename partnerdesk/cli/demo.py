"""`partnerdesk demo`: create (or open) a workspace and fill it with the Lumen & Co. demo."""

from __future__ import annotations

import argparse
import datetime as dt

from partnerdesk.cli import add_db_option, workspace_path
from partnerdesk.domain.errors import ValidationError
from partnerdesk.l10n import N_, _


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(_("not a date in the form YYYY-MM-DD: {value}").format(value=text)) \
            from exc


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("demo", help=_("fill an empty workspace with demo partners and work"))
    add_db_option(parser)
    parser.add_argument("--date", type=_date, default=None,
                        help=_("pretend today is this date (YYYY-MM-DD); default: today"))
    parser.add_argument("--seed", type=int, default=7, help=_("random seed; the same date and seed give the "
                                                             "same demo"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from partnerdesk.services.demo import populate_demo
    from partnerdesk.store.workspace import open_workspace

    if args.seed < 0:
        raise ValidationError(N_("The seed must be zero or a positive number."), field="seed")
    path = workspace_path(args)
    with open_workspace(path) as ws:
        changes = populate_demo(ws, today=args.date, seed=args.seed)
        location = ws.location  # a server's address without its password
    print(_("Demo workspace created: {path}").format(path=location))
    width = max(len(k) for k in changes.created)
    for entity, ids in changes.created.items():
        print(f"  {entity:<{width}}  {len(ids):>6}")
    return 0
