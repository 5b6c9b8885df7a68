import pytest
from sqlalchemy import select

from partnerdesk.domain.errors import ValidationError
from partnerdesk.services.work_items import WorkItemService
from partnerdesk.store.models import WorkStatus


def _statuses(ws):
    with ws.session() as s:
        return list(s.scalars(select(WorkStatus.id).order_by(WorkStatus.position)))


def test_create_move_trash_restore(workspace):
    svc = WorkItemService(workspace)
    a, b = _statuses(workspace)[:2]
    x, _ = svc.create(a, "Logo files")
    y, _ = svc.create(a, "Price list")
    assert svc.column_ids(a) == [y, x]
    ch = svc.move([x], b)
    assert x in ch.ids("work_item")
    assert svc.column_ids(b) == [x] and svc.column_ids(a) == [y]
    svc.move([y], b, before_id=x)
    assert svc.column_ids(b) == [y, x]
    assert svc.counts_per_column()[b] == 2
    svc.trash([x])
    assert svc.column_ids(b) == [y]
    svc.restore([x])
    assert svc.column_ids(b) == [y, x]
    assert svc.column_ids(b, text="logo") == [x]


def test_blank_title_rejected(workspace):
    svc = WorkItemService(workspace)
    with pytest.raises(ValidationError):
        svc.create(_statuses(workspace)[0], "   ")


def test_checklist_progress(workspace):
    svc = WorkItemService(workspace)
    x, _ = svc.create(_statuses(workspace)[0], "Onboarding")
    a, _ = svc.add_checklist_item(x, "Send brand guide")
    svc.add_checklist_item(x, "Sign contract")
    svc.set_checklist_done(a, True)
    assert svc.checklist_progress(x) == (1, 2)


def test_filters(workspace):
    import datetime as dt

    from partnerdesk.services.work_items import filtered_ids
    svc = WorkItemService(workspace)
    col = _statuses(workspace)[0]
    late, _ = svc.create(col, "Late invoice", due_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC), tags=["billing"])
    free, _ = svc.create(col, "Someday idea")
    assert filtered_ids(svc, due="overdue") == [late]
    assert filtered_ids(svc, due="none") == [free]
    assert filtered_ids(svc, tag="billing") == [late]
    assert filtered_ids(svc, text="idea") == [free]
