"""`partnerdesk info`: counts per entity and the schema version of a workspace."""

from __future__ import annotations

import argparse
import json

from partnerdesk import __version__
from partnerdesk.cli import add_db_option, workspace_path
from partnerdesk.l10n import _


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("info", help=_("show what a workspace holds"))
    add_db_option(parser)
    parser.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from partnerdesk.services.stats import workspace_info
    from partnerdesk.store.workspace import open_workspace

    with open_workspace(workspace_path(args), create=False) as ws:
        info = workspace_info(ws)
    info["app_version"] = __version__
    if args.json:
        print(json.dumps(info, ensure_ascii=False, indent=2))
        return 0
    print(_("Workspace: {path}").format(path=info["path"]))
    print(_("Schema version: {revision}").format(revision=info["schema_version"]))
    width = max(len(k) for k in info["counts"])
    for entity, count in info["counts"].items():
        print(f"  {entity:<{width}}  {count:>7}")
    return 0
