"""`partnerdesk payments [--json] [--status] [--partner] [--date]`, `partnerdesk payments aging`,
`partnerdesk import payments FILE.csv` and `partnerdesk export payments -o FILE.csv`."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from partnerdesk.cli import add_db_option, verb_parser, workspace_path
from partnerdesk.cli.calendar import parse_day
from partnerdesk.domain.errors import ValidationError
from partnerdesk.l10n import N_, _, ngettext

STATUS_CHOICES = ("open", "overdue", "paid")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("payments", help=_("list payments, or their aging per currency"))
    _ledger_options(parser)
    parser.set_defaults(func=run_list)
    inner = parser.add_subparsers(dest="payments_command", metavar="aging")
    aging = inner.add_parser("aging", help=_("open amounts per currency by days overdue"))
    aging.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    aging.add_argument("--date", metavar="DATE", help=_("as seen on this day (YYYY-MM-DD; default today)"))
    add_db_option(aging)
    aging.set_defaults(func=run_aging)

    imports = verb_parser(subparsers, "import", _("import contacts or events from a file"))
    parser = imports.add_parser("payments", help=_("import payments from a CSV file (all rows or none)"))
    parser.add_argument("file", type=Path, metavar="FILE")
    add_db_option(parser)
    parser.set_defaults(func=run_import)

    exports = verb_parser(subparsers, "export", _("export contacts or events to a file"))
    parser = exports.add_parser("payments", help=_("export payments as CSV"))
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    _ledger_options(parser, with_json=False)
    parser.set_defaults(func=run_export)


def _ledger_options(parser: argparse.ArgumentParser, with_json: bool = True) -> None:
    if with_json:
        parser.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    parser.add_argument("--status", choices=STATUS_CHOICES, help=_("only open, overdue or paid payments"))
    parser.add_argument("--partner", metavar="NAME", help=_("only this partner's payments"))
    parser.add_argument("--date", metavar="DATE", help=_("as seen on this day (YYYY-MM-DD; default today)"))
    add_db_option(parser)


def _rows(ws: Any, args: argparse.Namespace, on: dt.date) -> list[Any]:
    from partnerdesk.domain.aging import PaymentStatus
    from partnerdesk.services import payments as P

    statuses: frozenset[PaymentStatus] = frozenset()
    if args.status == "open":
        statuses = frozenset(s for s in PaymentStatus if s.is_open)
    elif args.status == "overdue":
        statuses = frozenset({PaymentStatus.OVERDUE})
    elif args.status == "paid":
        statuses = frozenset({PaymentStatus.PAID, PaymentStatus.PAID_LATE})
    partners: frozenset[int] = frozenset()
    if args.partner:
        found = {name.casefold(): pid for pid, name in P.partner_choices(ws)}.get(args.partner.strip().casefold())
        if found is None:
            raise ValidationError(N_("No partner is called “{name}”."), field="partner", name=args.partner)
        partners = frozenset({found})
    rows = P.load_rows(ws)
    return P.filter_rows(rows, P.PaymentFilter(partner_ids=partners, statuses=statuses), on, P.grace_days(ws))


def run_list(args: argparse.Namespace) -> int:
    from partnerdesk.domain.aging import describe_status
    from partnerdesk.l10n import format_date, format_money
    from partnerdesk.services import payments as P
    from partnerdesk.store.workspace import open_workspace

    on = parse_day(args.date, "--date") or dt.date.today()
    with open_workspace(workspace_path(args)) as ws:
        grace = P.grace_days(ws)
        rows = _rows(ws, args, on)
    if args.json:
        print(json.dumps([{
            "id": r.id, "partner": r.partner_name, "invoice": r.invoice_ref, "direction": r.direction.value,
            "amount_minor": r.amount_minor, "currency": r.currency, "issued_on": _iso(r.issued_on),
            "due_on": r.due_on.isoformat(), "paid_on": _iso(r.paid_on), "method": r.method.value,
            "status": r.status(on, grace).value, "days_overdue": r.days_overdue(on),
        } for r in rows], ensure_ascii=False, indent=2))
        return 0
    for r in rows:
        print("\t".join([format_date(r.due_on), r.partner_name, r.invoice_ref, r.direction.label,
                         format_money(r.amount_minor, r.currency), describe_status(r.due_on, r.paid_on, on, grace)]))
    print(ngettext("{n} payment", "{n} payments", len(rows)).format(n=len(rows)), file=sys.stderr)
    return 0


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def run_aging(args: argparse.Namespace) -> int:
    from partnerdesk.domain.aging import bucket_label
    from partnerdesk.l10n import format_money
    from partnerdesk.services import payments as P
    from partnerdesk.store.workspace import open_workspace

    on = parse_day(args.date, "--date") or dt.date.today()
    with open_workspace(workspace_path(args)) as ws:
        aging = P.aging_per_currency(P.load_rows(ws), on)
    if args.json:
        print(json.dumps({currency: {bucket.value: {"amount_minor": total.amount_minor, "count": total.count}
                                     for bucket, total in buckets.items()}
                          for currency, buckets in aging.items()}, ensure_ascii=False, indent=2))
        return 0
    for currency, buckets in aging.items():
        cells = [f"{bucket_label(b)}: {format_money(t.amount_minor, currency)}" for b, t in buckets.items()]
        print(currency + "\t" + "\t".join(cells))
    return 0


def run_import(args: argparse.Namespace) -> int:
    from partnerdesk.services.payment_edits import PaymentService
    from partnerdesk.services.payment_files import ImportRejectedError, import_payments, read_file
    from partnerdesk.store.workspace import open_workspace

    result = read_file(args.file)
    with open_workspace(workspace_path(args)) as ws:
        try:
            changes = import_payments(PaymentService(ws), result.records, result.errors)
        except ImportRejectedError as exc:
            print(exc.message, file=sys.stderr)
            return 1
    count = len(changes.created.get("payment", set()))
    print(ngettext("Imported {n} payment.", "Imported {n} payments.", count).format(n=count))
    return 0


def run_export(args: argparse.Namespace) -> int:
    from partnerdesk.services import payments as P
    from partnerdesk.services.payment_files import export_csv
    from partnerdesk.store.workspace import open_workspace

    on = parse_day(args.date, "--date") or dt.date.today()
    with open_workspace(workspace_path(args)) as ws:
        rows = _rows(ws, args, on)
        data = export_csv(rows, on, P.grace_days(ws))
    try:
        Path(args.output).write_bytes(data)
    except OSError as exc:
        raise ValidationError(N_("“{path}” could not be written: {reason}"), field="output",
                              path=str(args.output), reason=exc.strerror or str(exc)) from exc
    print(ngettext("Exported {n} payment to {path}.", "Exported {n} payments to {path}.", len(rows)).format(
        n=len(rows), path=str(args.output)))
    return 0
