"""``partnerdesk workspace copy --from SRC --to DST``: a workspace file to an empty server database, or a team
workspace on a server to a new file (issue 18). All or nothing, with progress on stderr."""

from __future__ import annotations

import argparse
import sys

from partnerdesk.cli import db_target
from partnerdesk.l10n import _


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("workspace", help=_("move a whole workspace between a file and a server"))
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    copy = actions.add_parser(
        "copy", help=_("copy a workspace: a file into an empty server database, or a server into a new file"),
        description=_("Copy every record of a workspace, all or nothing: into an empty PostgreSQL database "
                      "(postgresql://user@host/database; password from PGPASSWORD or the address) or into a new "
                      "workspace file."))
    copy.add_argument("--from", dest="source", type=db_target, required=True,
                      help=_("the workspace to copy: a file or postgresql://…"))
    copy.add_argument("--to", dest="target", type=db_target, required=True,
                      help=_("an empty database (postgresql://…) or a new file"))
    copy.add_argument("--quiet", action="store_true", help=_("no progress messages"))
    copy.set_defaults(func=run_copy)


def run_copy(args: argparse.Namespace) -> int:
    from partnerdesk.store.copy import copy_workspace
    from partnerdesk.store.server import ServerAddress
    from partnerdesk.store.targets import is_server_url

    last: dict[str, int] = {}

    def progress(table: str, done: int, total: int) -> None:
        if args.quiet or (last.get(table) == done and done):
            return
        last[table] = done
        if table == "search":
            if done:
                print(_("Rebuilding the search index… done"), file=sys.stderr)
            return
        if done == total:
            print(_("Copied {table}: {count}").format(table=table, count=total), file=sys.stderr)

    copied = copy_workspace(args.source, args.target, progress=progress)
    target = ServerAddress.parse(args.target).display if is_server_url(args.target) else str(args.target)
    print(_("Copied {count} records into {target}.").format(count=sum(copied.values()), target=target))
    return 0
