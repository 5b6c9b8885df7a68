"""`partnerdesk import contacts FILE` and `partnerdesk export contacts --format vcf|csv -o FILE`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from partnerdesk.cli import add_db_option, verb_parser, workspace_path
from partnerdesk.l10n import _, ngettext

if TYPE_CHECKING:
    from partnerdesk.interop.records import RecordError


def register(subparsers: argparse._SubParsersAction) -> None:
    imports = verb_parser(subparsers, "import", _("import contacts or events from a file"))
    parser = imports.add_parser("contacts", help=_("import contacts from a vCard (.vcf) or CSV file"))
    parser.add_argument("file", type=Path, metavar="FILE")
    parser.add_argument("--partner", metavar="NAME", help=_("attach the imported contacts to this partner"))
    parser.add_argument("--on-duplicate", choices=("skip", "merge", "new"), default="skip",
                        help=_("what to do with contacts that already exist (default: skip)"))
    parser.add_argument("--partial", action="store_true",
                        help=_("import the readable records even when some records are broken"))
    add_db_option(parser)
    parser.set_defaults(func=run_import)

    exports = verb_parser(subparsers, "export", _("export contacts or events to a file"))
    parser = exports.add_parser("contacts", help=_("export contacts as vCard or CSV"))
    parser.add_argument("--format", choices=("vcf", "csv"), default="vcf", dest="fmt")
    parser.add_argument("--vcard-version", choices=("3.0", "4.0"), default="3.0")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    parser.add_argument("--partner", metavar="NAME", help=_("only this partner's contacts"))
    add_db_option(parser)
    parser.set_defaults(func=run_export)


def read_file(path: Path):
    """Records and errors of a .vcf or .csv file (chosen by extension, then by content)."""
    from partnerdesk.interop import csv_io, vcard
    from partnerdesk.interop.records import UnreadableFileError

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFileError(name=str(path), reason=exc.strerror or str(exc)) from exc
    if not data.strip():
        raise UnreadableFileError(name=str(path), reason=_("the file is empty"))
    if path.suffix.lower() in (".vcf", ".vcard") or b"BEGIN:VCARD" in data[:4096].upper():
        return vcard.read_vcards(data)
    return csv_io.read_csv(data, name=str(path))


def run_import(args: argparse.Namespace) -> int:
    from partnerdesk.services.contacts import ContactService, DuplicateChoice, ImportFailedError
    from partnerdesk.store.workspace import open_workspace

    result = read_file(args.file)
    for warning in result.warnings:
        print(_("  record {number} (line {line}): {reason}").format(
            number=warning.number, line=warning.line, reason=warning.message), file=sys.stderr)
    with open_workspace(workspace_path(args)) as ws:
        service = ContactService(ws)
        partner_id = service.partner_id_by_name(args.partner) if args.partner else None
        plan = service.plan_import(result.records, result.errors, partner_id)
        try:
            summary = service.apply_import(plan, on_duplicate=DuplicateChoice(args.on_duplicate),
                                           partner_id=partner_id, allow_partial=args.partial,
                                           source=args.file.name)
        except ImportFailedError as exc:  # a partly broken file without --partial: say what can still be done
            print(_("Error: {message}").format(message=exc.message), file=sys.stderr)
            _print_errors(plan.errors)
            if plan.records:
                print(_("Readable records: {count}. Run the command again with --partial to import them and "
                        "leave out the broken ones.").format(count=len(plan.records)), file=sys.stderr)
            return 1
    print(_("Imported: {imported}, merged: {merged}, skipped: {skipped}, failed: {failed}").format(
        imported=summary.imported, merged=summary.merged, skipped=summary.skipped, failed=summary.failed))
    _print_errors(summary.errors)
    return 1 if summary.failed else 0


def _print_errors(errors: list[RecordError]) -> None:
    for error in errors:
        print(_("  record {number} (line {line}): {reason}").format(
            number=error.number, line=error.line, reason=error.message), file=sys.stderr)


def run_export(args: argparse.Namespace) -> int:
    from partnerdesk.interop import csv_io, vcard
    from partnerdesk.services.contacts import ContactService
    from partnerdesk.store.workspace import open_workspace

    with open_workspace(workspace_path(args), create=False) as ws:
        service = ContactService(ws)
        partner_id = service.partner_id_by_name(args.partner) if args.partner else None
        records = service.export_records(partner_id)
    data = vcard.write_vcards(records, args.vcard_version) if args.fmt == "vcf" else csv_io.write_csv(records)
    try:
        args.output.write_bytes(data)
    except OSError as exc:
        print(_("Error: {message}").format(message=exc.strerror or str(exc)), file=sys.stderr)
        return 1
    print(ngettext("Exported {count} contact to {path}", "Exported {count} contacts to {path}",
                   len(records)).format(count=len(records), path=args.output))
    return 0
