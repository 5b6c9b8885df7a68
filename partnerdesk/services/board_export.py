"""The board's visible cards as CSV (formula-safe, UTF-8 with BOM so spreadsheets read every language)."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping

from sqlalchemy import case, func, select

from partnerdesk.domain.enums import Priority
from partnerdesk.interop.csv_io import safe_cell
from partnerdesk.l10n import N_, _, format_date, format_datetime
from partnerdesk.services.board_query import BoardFilter, BoardQuery
from partnerdesk.store.models import ChecklistItem, Contact, Partner, TeamMember, WorkItem

HEADERS = (N_("Title"), N_("Column"), N_("Partner"), N_("Responsible"), N_("Priority"), N_("Due"), N_("Tags"),
           N_("Checklist"), N_("Description"))
BATCH = 500


def board_csv(query: BoardQuery, flt: BoardFilter, column_labels: Mapping[int, str]) -> tuple[bytes, int]:
    """Every card matching ``flt`` in board order; returns the file bytes and the number of cards."""
    order = query.board_ids(flt)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([_(h) for h in HEADERS])
    for start in range(0, len(order), BATCH):
        chunk = order[start:start + BATCH]
        ids = [wid for _sid, wid in chunk]
        with query.workspace.session() as s:
            rows = {r[0]: r for r in s.execute(
                select(WorkItem.id, WorkItem.title, Partner.name, func.coalesce(TeamMember.name, Contact.display_name),
                       WorkItem.priority, WorkItem.due_at, WorkItem.due_has_time, WorkItem.tags,
                       WorkItem.description)
                .outerjoin(Partner, Partner.id == WorkItem.partner_id)
                .outerjoin(TeamMember, TeamMember.id == WorkItem.responsible_member_id)
                .outerjoin(Contact, Contact.id == WorkItem.responsible_contact_id)
                .where(WorkItem.id.in_(ids)))}
            progress = {wid: (int(done or 0), int(total)) for wid, done, total in s.execute(
                select(ChecklistItem.work_item_id, func.sum(case((ChecklistItem.done, 1), else_=0)), func.count())
                .where(ChecklistItem.work_item_id.in_(ids)).group_by(ChecklistItem.work_item_id))}
        for status_id, wid in chunk:
            r = rows[wid]
            due = ""
            if r[5] is not None:
                due = format_datetime(r[5].astimezone(), "short") if r[6] else format_date(r[5].astimezone().date(),
                                                                                           "short")
            done, total = progress.get(wid, (0, 0))
            cells = [r[1], column_labels.get(status_id, ""), r[2] or "", r[3] or "", Priority(r[4]).label, due,
                     "; ".join(r[7] or []), f"{done}/{total}" if total else "", r[8] or ""]
            writer.writerow([safe_cell(str(c)) for c in cells])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"), len(order)
