"""The calendar service: occurrences of events and derived entries, edits by scope, undo, reminders, slots."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from partnerdesk.domain.enums import Channel, PartnerKind, PartnerStage
from partnerdesk.domain.errors import ValidationError
from partnerdesk.domain.occurrence import SourceKind
from partnerdesk.services.calendar import (
    EditScope,
    EventService,
    due_reminders,
    find_slots,
    occurrences,
)
from partnerdesk.store import models as m

UTC = dt.UTC
LISBON = ZoneInfo("Europe/Lisbon")


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


def starts(ws, lo, hi, **kw):  # type: ignore[no-untyped-def]
    return [(o.title, o.start) for o in occurrences(ws, lo, hi, **kw)]


@pytest.fixture
def weekly(workspace):  # type: ignore[no-untyped-def]
    """A weekly call at 10:00 Lisbon on Mondays, from 2 March 2026, six times."""
    svc = EventService(workspace)
    start = dt.datetime(2026, 3, 2, 10, tzinfo=LISBON)
    eid, _ = svc.create("Weekly sync", start, start + dt.timedelta(minutes=30), time_zone="Europe/Lisbon",
                        rrule="FREQ=WEEKLY;COUNT=6", reminder_minutes=[15])
    return svc, eid


def test_recurring_event_expands_in_its_zone(workspace, weekly) -> None:
    got = starts(workspace, utc(2026, 3, 1), utc(2026, 5, 1))
    assert [s for _t, s in got] == [utc(2026, 3, 2, 10), utc(2026, 3, 9, 10), utc(2026, 3, 16, 10),
                                    utc(2026, 3, 23, 10), utc(2026, 3, 30, 9), utc(2026, 4, 6, 9)]


def test_edit_this_occurrence_only(workspace, weekly) -> None:
    svc, eid = weekly
    rid = utc(2026, 3, 16, 10)
    svc.move(eid, rid + dt.timedelta(hours=3), rid + dt.timedelta(hours=3, minutes=30), scope=EditScope.THIS,
             recurrence_id=rid)
    got = occurrences(workspace, utc(2026, 3, 1), utc(2026, 5, 1))
    assert [o.start for o in got][2] == utc(2026, 3, 16, 13)
    moved = got[2]
    assert moved.source_id != eid and moved.series_id == eid and moved.recurrence_id == rid
    # Editing the moved occurrence again keeps one override, not two.
    svc.update(moved.source_id, {"title": "Sync (moved)"}, scope=EditScope.THIS)
    titles = [t for t, _s in starts(workspace, utc(2026, 3, 1), utc(2026, 5, 1))]
    assert titles.count("Sync (moved)") == 1 and len(titles) == 6


def test_edit_this_and_following_splits_the_series(workspace, weekly) -> None:
    svc, eid = weekly
    rid = utc(2026, 3, 23, 10)
    changes = svc.update(eid, {"title": "New slot", "starts_at": rid + dt.timedelta(hours=1),
                               "ends_at": rid + dt.timedelta(hours=1, minutes=30)},
                         scope=EditScope.FOLLOWING, recurrence_id=rid)
    assert changes.created.get("event")
    got = starts(workspace, utc(2026, 3, 1), utc(2026, 5, 1))
    assert got == [("Weekly sync", utc(2026, 3, 2, 10)), ("Weekly sync", utc(2026, 3, 9, 10)),
                   ("Weekly sync", utc(2026, 3, 16, 10)), ("New slot", utc(2026, 3, 23, 11)),
                   ("New slot", utc(2026, 3, 30, 10)), ("New slot", utc(2026, 4, 6, 10))]


def test_edit_all_moves_the_series_and_keeps_exceptions(workspace, weekly) -> None:
    svc, eid = weekly
    svc.delete(eid, scope=EditScope.THIS, recurrence_id=utc(2026, 3, 9, 10))
    rid = utc(2026, 3, 16, 10)
    svc.move(eid, rid - dt.timedelta(hours=1), rid - dt.timedelta(minutes=30), scope=EditScope.ALL,
             recurrence_id=rid)
    got = [s for _t, s in starts(workspace, utc(2026, 3, 1), utc(2026, 5, 1))]
    assert got == [utc(2026, 3, 2, 9), utc(2026, 3, 16, 9), utc(2026, 3, 23, 9), utc(2026, 3, 30, 8),
                   utc(2026, 4, 6, 8)]


def test_delete_this_and_following(workspace, weekly) -> None:
    svc, eid = weekly
    svc.delete(eid, scope=EditScope.FOLLOWING, recurrence_id=utc(2026, 3, 23, 10))
    assert len(occurrences(workspace, utc(2026, 3, 1), utc(2026, 5, 1))) == 3
    svc.delete(eid, scope=EditScope.ALL)
    assert occurrences(workspace, utc(2026, 3, 1), utc(2026, 5, 1)) == []


def test_snapshot_and_revert_undo_a_split(workspace, weekly) -> None:
    svc, eid = weekly
    before = starts(workspace, utc(2026, 3, 1), utc(2026, 5, 1))
    snap = svc.snapshot(eid)
    changes = svc.update(eid, {"title": "Other"}, scope=EditScope.FOLLOWING, recurrence_id=utc(2026, 3, 23, 10))
    svc.update(eid, {"title": "Once"}, scope=EditScope.THIS, recurrence_id=utc(2026, 3, 2, 10))
    assert starts(workspace, utc(2026, 3, 1), utc(2026, 5, 1)) != before
    svc.revert(snap, changes.created.get("event", ()))
    assert starts(workspace, utc(2026, 3, 1), utc(2026, 5, 1)) == before


def test_bad_input_changes_nothing(workspace, weekly) -> None:
    svc, eid = weekly
    before = starts(workspace, utc(2026, 3, 1), utc(2026, 5, 1))
    with pytest.raises(ValidationError):
        svc.update(eid, {"starts_at": utc(2026, 3, 2, 12), "ends_at": utc(2026, 3, 2, 11)})
    with pytest.raises(ValidationError):
        svc.update(eid, {"rrule": "FREQ=SOMETIMES"})
    with pytest.raises(ValidationError):
        svc.update(eid, {"time_zone": "Mars/Olympus"})
    with pytest.raises(ValidationError):
        svc.create("  ", utc(2026, 1, 1), utc(2026, 1, 1, 1))
    assert starts(workspace, utc(2026, 3, 1), utc(2026, 5, 1)) == before


def test_derived_entries_and_filters(workspace) -> None:
    with workspace.session() as s, s.begin():
        p = m.Partner(name="Sakura Commerce", kind=PartnerKind.MARKETPLACE, stage=PartnerStage.ACTIVE,
                      time_zone="Asia/Tokyo", color="#AA3355")
        q = m.Partner(name="Atlas", kind=PartnerKind.LOGISTICS, stage=PartnerStage.ACTIVE)
        s.add_all([p, q])
        s.flush()
        status = s.scalars(select(m.WorkStatus)).first()
        s.add(m.WorkItem(title="Catalogue feed", partner_id=p.id, status_id=status.id, position=0,
                         status_changed_at=utc(2026, 6, 1),
                         due_at=dt.datetime(2026, 6, 10, 17, tzinfo=ZoneInfo("Asia/Tokyo")), due_has_time=False))
        s.add(m.Contract(partner_id=p.id, title="Marketplace agreement", start_on=dt.date(2026, 3, 15),
                         end_on=dt.date(2026, 12, 31), review_every_months=3, notice_days=30))
        s.add(m.Payment(partner_id=p.id, invoice_ref="INV-7", amount_minor=125000, currency="EUR",
                        due_on=dt.date(2026, 6, 30)))
        s.add(m.Payment(partner_id=q.id, invoice_ref="PAID-1", amount_minor=100, currency="EUR",
                        due_on=dt.date(2026, 6, 5), paid_on=dt.date(2026, 6, 1)))
        s.add(m.Interaction(partner_id=q.id, occurred_at=utc(2026, 6, 1, 9), channel=Channel.EMAIL,
                            summary="Asked for the SLA draft", follow_up_on=dt.date(2026, 6, 8)))
        pid = p.id
    got = occurrences(workspace, utc(2026, 6, 1), utc(2026, 7, 1))
    kinds = {(o.source, o.title) for o in got}
    assert (SourceKind.WORK_ITEM, "Due: Catalogue feed") in kinds
    assert (SourceKind.CONTRACT_REVIEW, "Contract review: Marketplace agreement") in kinds
    # The chip names who and how much ("Sakura · €1,250.00"); the invoice is in the ledger it opens.
    assert any(o.source is SourceKind.PAYMENT and o.title.endswith(" · €1,250.00") and o.partner_id == pid
               for o in got)
    assert not any("PAID-1" in o.title for o in got)  # paid already
    assert (SourceKind.FOLLOW_UP, "Follow up: Asked for the SLA draft") in kinds
    review = next(o for o in got if o.source is SourceKind.CONTRACT_REVIEW)
    assert review.all_day and review.local_days("America/Sao_Paulo") == (dt.date(2026, 6, 15),) * 2
    due = next(o for o in got if o.source is SourceKind.WORK_ITEM)
    assert due.local_days("Europe/Lisbon")[0] == dt.date(2026, 6, 10)  # its own day, whatever the viewer's zone
    only = occurrences(workspace, utc(2026, 6, 1), utc(2026, 7, 1), kinds=[SourceKind.PAYMENT],
                       partner_ids=[pid])
    assert [o.source for o in only] == [SourceKind.PAYMENT]
    notice = occurrences(workspace, utc(2026, 11, 1), utc(2026, 12, 31), kinds=[SourceKind.CONTRACT_NOTICE])
    assert notice[0].local_days("UTC")[0] == dt.date(2026, 12, 1)


def test_reminders_due_and_missed(workspace, weekly) -> None:
    found = due_reminders(workspace, utc(2026, 3, 1), utc(2026, 3, 10))
    assert [r.remind_at for r in found] == [utc(2026, 3, 2, 9, 45), utc(2026, 3, 9, 9, 45)]
    assert found[0].occurrence.title == "Weekly sync"


def test_find_a_time_respects_both_weeks_and_bookings(workspace) -> None:
    with workspace.session() as s, s.begin():
        s.add(m.TeamMember(name="Me", is_me=True, time_zone="Europe/Lisbon"))
        p = m.Partner(name="Najd", kind=PartnerKind.CUSTOMER_SERVICE, stage=PartnerStage.ACTIVE,
                      time_zone="Asia/Riyadh", work_start="09:00", work_end="17:00", weekend_days=[4, 5])
        s.add(p)
        s.flush()
        pid = p.id
    svc = EventService(workspace)
    # Thursday 3 Dec 2026: Lisbon 09-18 = 09-18 UTC, Riyadh 09-17 = 06-14 UTC -> overlap 09-14 UTC.
    svc.create("Busy", utc(2026, 12, 3, 9), utc(2026, 12, 3, 11), time_zone="Europe/Lisbon")
    slots = find_slots(workspace, pid, dt.timedelta(hours=1), utc(2026, 12, 3, 0), days=5)
    # Friday and Saturday are the weekend in Riyadh, Saturday and Sunday in Lisbon: next is Monday 7 Dec.
    assert slots == [(utc(2026, 12, 3, 11), utc(2026, 12, 3, 12)), (utc(2026, 12, 7, 9), utc(2026, 12, 7, 10))]


def test_this_and_following_on_a_series_without_an_end(workspace) -> None:
    svc = EventService(workspace)
    start = dt.datetime(2026, 3, 2, 10, tzinfo=LISBON)
    eid, _ = svc.create("Open-ended sync", start, start + dt.timedelta(minutes=30), time_zone="Europe/Lisbon",
                        rrule="FREQ=WEEKLY")
    rid = utc(2026, 3, 16, 10)
    svc.update(eid, {"title": "Later sync"}, scope=EditScope.FOLLOWING, recurrence_id=rid)
    svc.delete(eid, scope=EditScope.FOLLOWING, recurrence_id=utc(2026, 3, 9, 10))
    got = starts(workspace, utc(2026, 3, 1), utc(2026, 4, 1))
    assert got == [("Open-ended sync", utc(2026, 3, 2, 10)), ("Later sync", utc(2026, 3, 16, 10)),
                   ("Later sync", utc(2026, 3, 23, 10)), ("Later sync", utc(2026, 3, 30, 9))]
