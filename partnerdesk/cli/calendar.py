"""`partnerdesk import events FILE.ics`, `partnerdesk export events -o FILE.ics` and `partnerdesk agenda`."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from partnerdesk.cli import add_db_option, verb_parser, workspace_path
from partnerdesk.domain.errors import ValidationError
from partnerdesk.l10n import N_, _, ngettext


def register(subparsers: argparse._SubParsersAction) -> None:
    imports = verb_parser(subparsers, "import", _("import contacts or events from a file"))
    parser = imports.add_parser("events", help=_("import events from an iCalendar (.ics) file"))
    parser.add_argument("file", type=Path, metavar="FILE")
    parser.add_argument("--partner", metavar="NAME", help=_("attach the imported events to this partner"))
    parser.add_argument("--tz", metavar="ZONE",
                        help=_("time zone for floating times and all-day events (default: your time zone)"))
    parser.add_argument("--partial", action="store_true",
                        help=_("import the readable events even when some events are broken"))
    add_db_option(parser)
    parser.set_defaults(func=run_import)

    exports = verb_parser(subparsers, "export", _("export contacts or events to a file"))
    parser = exports.add_parser("events", help=_("export events as an iCalendar (.ics) file"))
    parser.add_argument("--from", dest="start", metavar="DATE", help=_("first day (YYYY-MM-DD)"))
    parser.add_argument("--to", dest="end", metavar="DATE", help=_("last day (YYYY-MM-DD)"))
    parser.add_argument("--partner", metavar="NAME", help=_("only this partner's events"))
    parser.add_argument("--tz", metavar="ZONE", help=_("time zone of the days given (default: your time zone)"))
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    add_db_option(parser)
    parser.set_defaults(func=run_export)

    parser = subparsers.add_parser("agenda", help=_("list every calendar entry between two days"))
    parser.add_argument("--from", dest="start", metavar="DATE", required=True, help=_("first day (YYYY-MM-DD)"))
    parser.add_argument("--to", dest="end", metavar="DATE", required=True, help=_("last day (YYYY-MM-DD)"))
    parser.add_argument("--tz", metavar="ZONE", help=_("show times in this time zone (default: your time zone)"))
    parser.add_argument("--partner", metavar="NAME", help=_("only this partner's entries"))
    parser.add_argument("--kind", action="append", metavar="KIND", dest="kinds",
                        help=_("only entries of this kind (repeatable): {kinds}").format(kinds=", ".join(
                            ("event", "work_item", "contract_review", "contract_notice", "payment", "follow_up"))))
    parser.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    add_db_option(parser)
    parser.set_defaults(func=run_agenda)


def parse_day(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ValidationError(N_("{option}: “{value}” is not a date; use YYYY-MM-DD, e.g. 2026-03-29."),
                              field=option, option=option, value=value) from None


def _zone(value: str | None, fallback: str) -> str:
    from partnerdesk.domain.partners import check_time_zone

    zone = value or fallback
    check_time_zone(zone, field="tz")
    return zone


def _range(args: argparse.Namespace) -> tuple[dt.date | None, dt.date | None]:
    start, end = parse_day(args.start, "--from"), parse_day(args.end, "--to")
    if start is not None and end is not None and end < start:
        raise ValidationError(N_("The end date is before the start date."), field="end")
    return start, end


def run_import(args: argparse.Namespace) -> int:
    from partnerdesk.interop.ical_records import EventReadError
    from partnerdesk.interop.records import UnreadableFileError
    from partnerdesk.services.contacts import ContactService
    from partnerdesk.services.event_import import EventImportService
    from partnerdesk.store.workspace import open_workspace

    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise UnreadableFileError(name=str(args.file), reason=exc.strerror or str(exc)) from exc
    with open_workspace(workspace_path(args)) as ws:
        service = EventImportService(ws)
        zone = _zone(args.tz, service.user_zone())
        partner_id = ContactService(ws).partner_id_by_name(args.partner) if args.partner else None
        try:
            summary = service.import_file(data, source=args.file.name, partner_id=partner_id, default_zone=zone,
                                          allow_partial=args.partial)
        except EventReadError as exc:  # a partly broken file without --partial: say what can still be done
            print(_("Error: {message}").format(message=exc.message), file=sys.stderr)
            readable = getattr(exc, "readable", 0)
            if readable:
                print(ngettext("Readable events: {count}. Run the command again with --partial to import it and "
                               "leave out the broken ones.",
                               "Readable events: {count}. Run the command again with --partial to import them and "
                               "leave out the broken ones.", readable).format(count=readable), file=sys.stderr)
            return 1
    print(_("Events created: {created}, updated: {updated}, unchanged: {skipped}, removed: {deleted}").format(
        created=summary.created, updated=summary.updated, skipped=summary.skipped, deleted=summary.deleted))
    for error in summary.errors:
        print("  " + error.message, file=sys.stderr)
    return 1 if summary.failed else 0


def run_export(args: argparse.Namespace) -> int:
    from partnerdesk.services.contacts import ContactService
    from partnerdesk.services.event_export import EventExportService
    from partnerdesk.services.event_import import EventImportService
    from partnerdesk.store.workspace import open_workspace

    start, end = _range(args)
    with open_workspace(workspace_path(args), create=False) as ws:
        zone = _zone(args.tz, EventImportService(ws).user_zone())
        partner_id = ContactService(ws).partner_id_by_name(args.partner) if args.partner else None
        result = EventExportService(ws).export(start=start, end=end, partner_id=partner_id, zone=zone)
    try:
        args.output.write_bytes(result.data)
    except OSError as exc:
        print(_("Error: {message}").format(message=exc.strerror or str(exc)), file=sys.stderr)
        return 1
    print(ngettext("Exported {count} event to {path}", "Exported {count} events to {path}",
                   result.events).format(count=result.events, path=args.output))
    return 0


def agenda_rows(occurrences: list[Any], zone: str) -> list[dict[str, Any]]:
    """One JSON-ready dict per occurrence; times in ``zone`` with their offset, all-day entries as dates."""
    from partnerdesk.interop.ical_zones import zone_info

    tz = zone_info(zone)
    rows = []
    for occ in occurrences:
        if occ.all_day:
            own = zone_info(occ.time_zone or "UTC")
            start = occ.start.astimezone(own).date().isoformat()
            end = occ.end.astimezone(own).date().isoformat()
        else:
            start = occ.start.astimezone(tz).isoformat()
            end = occ.end.astimezone(tz).isoformat()
        own = zone_info(occ.time_zone or "UTC")
        rows.append({
            "title": occ.title, "start": start, "end": end, "zone": occ.time_zone, "all_day": occ.all_day,
            "local_start": start if occ.all_day else occ.start.astimezone(own).isoformat(),
            "local_end": end if occ.all_day else occ.end.astimezone(own).isoformat(),
            "source": occ.source.value, "source_id": occ.source_id, "partner": occ.partner_name or None,
            "recurring": occ.recurring,
            "recurrence_id": occ.recurrence_id.isoformat() if occ.recurrence_id else None,
        })
    return rows


def _all_day_within(occ: Any, first: dt.date, last: dt.date) -> bool:
    from partnerdesk.interop.ical_zones import zone_info

    own = zone_info(occ.time_zone or "UTC")
    begin = occ.start.astimezone(own).date()
    finish = occ.end.astimezone(own).date() - dt.timedelta(days=1)  # all-day ends are exclusive midnights
    return begin <= last and max(finish, begin) >= first


def run_agenda(args: argparse.Namespace) -> int:
    from partnerdesk.domain.occurrence import SourceKind
    from partnerdesk.interop.ical_zones import zone_info
    from partnerdesk.services.calendar import occurrences
    from partnerdesk.services.contacts import ContactService
    from partnerdesk.services.event_import import EventImportService
    from partnerdesk.store.workspace import open_workspace

    start, end = _range(args)
    assert start is not None and end is not None  # both options are required
    kinds = None
    if args.kinds:
        known = {k.value for k in SourceKind}
        for kind in args.kinds:
            if kind not in known:
                raise ValidationError(N_("“{kind}” is not a kind of calendar entry; use one of: {kinds}."),
                                      field="kind", kind=kind, kinds=", ".join(sorted(known)))
        kinds = {SourceKind(k) for k in args.kinds}
    with open_workspace(workspace_path(args), create=False) as ws:
        zone = _zone(args.tz, EventImportService(ws).user_zone())
        partner_ids = {ContactService(ws).partner_id_by_name(args.partner)} if args.partner else None
        tz = zone_info(zone)
        lo = dt.datetime.combine(start, dt.time(0), tz).astimezone(dt.UTC)
        hi = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(0), tz).astimezone(dt.UTC)
        found = occurrences(ws, lo, hi, kinds=kinds, partner_ids=partner_ids)
    # An all-day entry belongs to its own date: "due 6 December" in São Paulo is not part of 7–11 December, even
    # though that day in São Paulo overlaps the first hours of 7 December in Lisbon.
    ordered = sorted((o for o in found if not o.all_day or _all_day_within(o, start, end)),
                     key=lambda o: (o.start, o.title))
    rows = agenda_rows(ordered, zone)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    for row, occ in zip(rows, ordered, strict=True):
        if occ.all_day:
            when = _("all day")
        elif occ.end == occ.start:
            when = row["start"][11:16]
        else:
            when = f"{row['start'][11:16]}–{row['end'][11:16]}"
        where = occ.time_zone
        if not occ.all_day and occ.time_zone != zone:  # the other side's clock, e.g. "Asia/Tokyo 09:30"
            where = f"{occ.time_zone} {row['local_start'][11:16]}"
        print(f"{row['start'][:10]}  {when:<11}  {occ.title}  [{SourceKind(occ.source).label}; {where}]")
    print(ngettext("{count} entry", "{count} entries", len(rows)).format(count=len(rows)))
    return 0
