"""`partnerdesk backup list|create|restore`: the workspace's snapshots from the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from partnerdesk.cli import add_db_option, workspace_file, workspace_path
from partnerdesk.l10n import _


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("backup", help=_("list, create or restore backups of a workspace"))
    actions = parser.add_subparsers(dest="backup_action", required=True, metavar="ACTION")
    listing = actions.add_parser("list", help=_("list the backups, newest first"))
    add_db_option(listing)
    listing.set_defaults(func=run_list)
    create = actions.add_parser("create", help=_("back the workspace up now"))
    add_db_option(create)
    create.set_defaults(func=run_create)
    restore = actions.add_parser("restore", help=_("replace the workspace with a backup (the current file is "
                                                   "backed up first)"))
    restore.add_argument("backup", metavar="BACKUP",
                         help=_("the backup's number in `backup list`, its file name or its path"))
    add_db_option(restore)
    restore.set_defaults(func=run_restore)


def run_list(args: argparse.Namespace) -> int:
    from partnerdesk.l10n.formats import format_datetime
    from partnerdesk.services.backups import list_backups
    from partnerdesk.store.backup import backup_folder

    path = workspace_file(args)
    backups = list_backups(path)
    print(_("Backups of {path} (kept in {folder}):").format(path=path, folder=backup_folder(path)))
    if not backups:
        print(_("  none yet"))
        return 0
    for number, info in enumerate(backups, start=1):
        counts = _("partners: {partners}, work items: {cards}, contacts: {contacts}").format(
            partners=_n(info.partners), cards=_n(info.work_items), contacts=_n(info.contacts))
        print(f"{number:>3}  {format_datetime(info.snapshot.taken_at.astimezone())}  {info.snapshot.reason.value:<9}"
              f"  {info.snapshot.size:>10}  {counts}  {info.path.name}")
    return 0


def _n(value: int | None) -> str:
    return "?" if value is None else str(value)


def run_create(args: argparse.Namespace) -> int:
    from partnerdesk.services.backups import create_backup
    from partnerdesk.store.workspace import open_workspace

    with open_workspace(workspace_path(args), create=False) as ws:
        target = create_backup(ws)
    print(_("Backup saved to “{path}”.").format(path=target))
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from partnerdesk.services.backups import list_backups, restore_backup
    from partnerdesk.store.workspace import WorkspaceError, open_workspace

    path = workspace_file(args)
    backups = list_backups(path)
    chosen: Path | None = None
    if args.backup.isdigit() and 1 <= int(args.backup) <= len(backups):
        chosen = backups[int(args.backup) - 1].path
    else:
        chosen = next((b.path for b in backups if b.path.name == args.backup), None)
        if chosen is None and Path(args.backup).is_file():
            chosen = Path(args.backup)
    if chosen is None:
        print(_("Error: {message}").format(message=_("There is no backup “{name}”. Run `partnerdesk backup list` "
                                                     "to see them.").format(name=args.backup)), file=sys.stderr)
        return 1
    saved = restore_backup(path, chosen)
    try:
        open_workspace(path, create=False).close()  # the restored file opens (and is migrated if it is older)
    except WorkspaceError as exc:
        print(_("Error: {message}").format(message=exc.message), file=sys.stderr)
        return 1
    print(_("Restored {backup} into {path}. The previous file was saved as “{saved}”.").format(
        backup=chosen.name, path=path, saved=saved))
    return 0
