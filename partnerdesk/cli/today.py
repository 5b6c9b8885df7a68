"""`partnerdesk today`: the Today sections for scripts (--json) or as a plain list."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import Any

from partnerdesk.cli import add_db_option, workspace_path
from partnerdesk.l10n import _, ngettext


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(_("“{value}” is not a date like 2026-03-02.").format(value=text)) from exc


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("today", help=_("list what needs you today, as the Today view does"))
    add_db_option(parser)
    parser.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    parser.add_argument("--date", type=_day, default=None, metavar="YYYY-MM-DD",
                        help=_("the day to look from (default: today in your time zone)"))
    parser.add_argument("--mine", action="store_true",
                        help=_("only items where you are owner #1, owner #2 or responsible"))
    parser.set_defaults(func=run)


def plain(text: str) -> str:
    """Text for a terminal or a script: without the direction isolates the window uses around user data."""
    return text.replace("\u2068", "").replace("\u2069", "")


def row_json(row: Any) -> dict[str, Any]:
    from partnerdesk.services.attention_texts import reasons_text

    return {
        "kind": row.kind.value,
        "title": row.title,
        "partner": row.partner,
        "partner_id": row.partner_id,
        "date": row.day.isoformat() if row.day else None,
        "time": row.at.isoformat() if row.at else None,
        "days_overdue": row.days_overdue,
        "source_kind": row.source_kind,
        "source_id": row.source_id,
        "reason": plain(reasons_text(row)),
        "reasons": [{"reason": r.reason.value, **r.values} for r in row.reasons],
        "amount_minor": row.amount_minor,
        "currency": row.currency or None,
        "mine": row.mine,
    }


def run(args: argparse.Namespace) -> int:
    from partnerdesk.services.attention import Options, brief
    from partnerdesk.services.attention_texts import kind_label, reasons_text, section_title, when_text
    from partnerdesk.store.workspace import open_workspace

    with open_workspace(workspace_path(args), create=False) as ws:
        result = brief(ws, Options(today=args.date, mine=args.mine))
    sections = result.sections()
    if args.json:
        print(json.dumps({
            "date": result.today.isoformat(), "time_zone": result.zone, "action_count": result.action_count,
            "sections": [{"section": s.value, "title": section_title(s), "count": result.count(s),
                          "rows": [row_json(r) for r in rows]} for s, rows in sections],
            "totals": result.totals,
        }, ensure_ascii=False, indent=1))
        return 0
    if not sections:
        print(_("Nothing needs you right now."))
    for section, rows in sections:
        print(f"{section_title(section)} ({result.count(section)})")
        for r in rows:
            bits = [kind_label(r.kind), r.title, r.partner if r.partner != r.title else "",
                    when_text(r, result.today), reasons_text(r)]
            print("  " + plain(" · ".join(b for b in bits if b)))
        if result.more.get(section):
            print("  " + ngettext("…and {n} more", "…and {n} more", result.more[section]).format(
                n=result.more[section]))
    return 0
