"""`partnerdesk kpi import FILE` and `partnerdesk scorecard --partner NAME [--period] --json`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from partnerdesk.cli import add_db_option, workspace_path
from partnerdesk.domain.errors import ValidationError
from partnerdesk.l10n import N_, _, ngettext


def register(subparsers: argparse._SubParsersAction) -> None:
    kpi = subparsers.add_parser("kpi", help=_("KPI values"))
    kpi_commands = kpi.add_subparsers(dest="kpi_command", required=True, metavar="COMMAND")
    parser = kpi_commands.add_parser("import", help=_("import KPI values from a Google Analytics 4 export or a CSV "
                                                       "file (all or nothing)"))
    parser.add_argument("file", type=Path, metavar="FILE")
    parser.add_argument("--partner", metavar="NAME", help=_("the partner the values belong to"))
    parser.add_argument("--source", metavar="PATTERN", help=_("with --partner: only analytics rows whose source "
                                                              "matches PATTERN"))
    parser.add_argument("--period", metavar="YYYY-MM", help=_("the month (or YYYY-Qn quarter) of an analytics "
                                                              "export, instead of its dates"))
    add_db_option(parser)
    parser.set_defaults(func=run_import)

    parser = subparsers.add_parser("scorecard", help=_("a partner's KPIs for a period: value, target, status"))
    parser.add_argument("--partner", metavar="NAME", required=True)
    parser.add_argument("--period", metavar="YYYY-MM", help=_("month or YYYY-Qn quarter (default: the latest "
                                                              "with values)"))
    parser.add_argument("--json", action="store_true", help=_("print JSON instead of a table"))
    add_db_option(parser)
    parser.set_defaults(func=run_scorecard)


def _period(text: str | None) -> Any:
    from partnerdesk.domain.periods import Period

    if not text:
        return None
    try:
        return Period.parse(text)
    except ValueError:
        raise ValidationError(N_("“{text}” is not a period: write YYYY-MM or YYYY-Qn."), text=text) from None


def _partner_id(ws: Any, name: str) -> int:
    from sqlalchemy import select

    from partnerdesk.domain.errors import NotFoundError
    from partnerdesk.store.models import Partner

    with ws.session() as s:
        pid = s.scalar(select(Partner.id).where(Partner.name == name))
    if pid is None:
        raise NotFoundError(N_("No partner named {name}."), name=name)
    return int(pid)


def run_import(args: argparse.Namespace) -> int:
    from partnerdesk.l10n import current_language
    from partnerdesk.services.kpi_import import KpiImportService, plan_file
    from partnerdesk.store.workspace import open_workspace

    if args.source and not args.partner:
        raise ValidationError(N_("--source needs --partner."))
    with open_workspace(workspace_path(args)) as ws:
        partner_id = _partner_id(ws, args.partner) if args.partner else None
        plan = plan_file(ws, args.file, partner_id=partner_id, source=args.source or "",
                         period=_period(args.period), lang=current_language())
        changes = KpiImportService(ws).apply(plan)
    written = len(changes.ids("kpi_value"))
    print(ngettext("{count} KPI value imported.", "{count} KPI values imported.", written).format(count=written))
    same = plan.count("same")
    if same:
        print(ngettext("{count} unchanged", "{count} unchanged", same).format(count=same))
    for row in plan.unmatched:
        print(_("Line {line}: {problem}").format(line=row.line, problem=f"{row.text} — {row.reason}"),
              file=sys.stderr)
    return 0


def run_scorecard(args: argparse.Namespace) -> int:
    from partnerdesk.services.kpis import format_kpi_value, scorecard
    from partnerdesk.store.workspace import open_workspace

    with open_workspace(workspace_path(args)) as ws:
        card = scorecard(ws, _partner_id(ws, args.partner), _period(args.period))
    tiles = [*card.tiles, *card.our_side]
    if args.json:
        print(json.dumps({
            "partner": card.partner_name, "period": card.period.key,
            "kpis": [{"key": t.key, "name": t.kpi.label, "unit": t.kpi.unit.value, "value": t.value,
                      "target": t.target, "status": t.status.value, "previous": t.previous,
                      "last_year": t.last_year, "computed": t.computed, "our_side": t.kpi.our_side}
                     for t in tiles]}, ensure_ascii=False, indent=2))
        return 0
    print(f"{card.partner_name} — {card.period.key}")
    for t in tiles:
        print(f"  {t.kpi.label:<40} {format_kpi_value(t.value, t.kpi.unit, t.kpi.currency):>14}  "
              f"{format_kpi_value(t.target, t.kpi.unit, t.kpi.currency):>14}  {t.status.label}")
    return 0
