"""The Today service over a small hand-made workspace: which rows land in which section."""

from __future__ import annotations

import datetime as dt
from typing import Any

from partnerdesk.domain.attention import Kind, Reason, Section
from partnerdesk.domain.enums import Channel, PartnerKind, PartnerStage, Seniority
from partnerdesk.services.attention import Options, brief
from partnerdesk.store import models as m

TODAY = dt.date(2026, 3, 2)
UTC = dt.UTC


def _at(day: dt.date, hour: int = 12) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), UTC)


def _day(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


def _seed(ws: Any) -> dict[str, int]:
    with ws.transaction() as s:
        me = m.TeamMember(name="Me", is_me=True, time_zone="UTC")
        junior = m.TeamMember(name="Leonor", seniority=Seniority.JUNIOR)
        s.add_all([me, junior])
        s.flush()
        mine = m.Partner(name="Mine", kind=PartnerKind.AGENCY, stage=PartnerStage.ACTIVE, owner_id=me.id,
                         color="#112233", time_zone="Asia/Tokyo", created_at=_at(_day(-400)))
        other = m.Partner(name="Other", kind=PartnerKind.VENDOR, stage=PartnerStage.ACTIVE, owner_id=junior.id,
                          created_at=_at(_day(-5)))
        ended = m.Partner(name="Ended", kind=PartnerKind.VENDOR, stage=PartnerStage.ENDED,
                          created_at=_at(_day(-5)))
        s.add_all([mine, other, ended])
        s.flush()

        def card(title: str, due: dt.date | None, status: int = 1, partner: Any = mine, **kw: Any) -> None:
            s.add(m.WorkItem(title=title, status_id=status, partner_id=partner.id,
                             due_at=_at(due) if due else None, status_changed_at=_at(_day(-100)), **kw))

        card("Due today", TODAY)
        card("Overdue by one", _day(-1))
        card("Overdue by ten", _day(-10))
        card("Done long ago", _day(-10), status=5)
        card("Due in six days", _day(6))
        card("Due in seven days", _day(7))
        card("Open after the end", None, partner=ended)
        card("Someone else's", _day(-2), partner=other)
        s.add(m.Interaction(partner_id=other.id, occurred_at=_at(_day(-1)), channel=Channel.CALL, summary="Hi",
                            follow_up_on=_day(-1)))
        s.add(m.Contract(partner_id=mine.id, start_on=_day(-300), end_on=_day(20), notice_days=10))
        s.add(m.Event(uid="e1", title="Weekly call", starts_at=_at(TODAY, 9), ends_at=_at(TODAY, 10),
                      partner_id=mine.id))
        s.add(m.Event(uid="e2", title="Tomorrow", starts_at=_at(_day(1), 9), ends_at=_at(_day(1), 10)))
        return {"mine": mine.id, "other": other.id, "ended": ended.id}


def _titles(b: Any, section: Section) -> list[str]:
    return [r.title for r in b.section(section)]


def test_sections(workspace: Any) -> None:
    ids = _seed(workspace)
    b = brief(workspace, Options(today=TODAY))
    assert _titles(b, Section.OVERDUE) == ["Overdue by ten", "Someone else's", "Overdue by one"]
    assert [r.days_overdue for r in b.section(Section.OVERDUE)] == [10, 2, 1]
    week = _titles(b, Section.THIS_WEEK)
    assert "Due today" in week and "Due in six days" in week and "Weekly call" in week and "Hi" in week
    assert "Due in seven days" not in week and "Tomorrow" not in week
    meeting = next(r for r in b.section(Section.THIS_WEEK) if r.kind == Kind.EVENT)
    assert meeting.partner_zone == "Asia/Tokyo" and meeting.at == _at(TODAY, 9)
    deadlines = [(r.kind, r.day) for r in b.section(Section.DEADLINES)]
    assert deadlines == [(Kind.CONTRACT_NOTICE, _day(10)), (Kind.CONTRACT_END, _day(20))]
    reasons = {r.partner_id: [p.reason for p in r.reasons] for r in b.section(Section.PARTNERS)}
    assert reasons[ids["mine"]] == [Reason.MISSING_DEADLINES, Reason.QUIET]
    assert reasons[ids["other"]] == [Reason.JUNIOR_LEAD]
    assert reasons[ids["ended"]] == [Reason.ENDED_WITH_OPEN_ITEMS]
    # Overdue (3) + due today (1) + follow-up a day late (1) + partners (3); meetings do not count.
    assert b.action_count == 8


def test_only_mine(workspace: Any) -> None:
    _seed(workspace)
    b = brief(workspace, Options(today=TODAY, mine=True))
    assert "Someone else's" not in _titles(b, Section.OVERDUE)
    assert "Hi" not in _titles(b, Section.THIS_WEEK)
    assert [r.partner for r in b.section(Section.PARTNERS)] == ["Mine"]


def test_an_interaction_ends_the_quiet(workspace: Any) -> None:
    ids = _seed(workspace)
    with workspace.transaction() as s:
        s.add(m.Interaction(partner_id=ids["mine"], occurred_at=_at(_day(-3)), channel=Channel.EMAIL,
                            summary="Sent the report"))
    b = brief(workspace, Options(today=TODAY))
    row = next(r for r in b.section(Section.PARTNERS) if r.partner_id == ids["mine"])
    assert [p.reason for p in row.reasons] == [Reason.MISSING_DEADLINES]


def test_money_lists_payables_due_within_a_week_with_totals_per_currency(workspace: Any) -> None:
    from partnerdesk.domain.enums import PaymentDirection

    ids = _seed(workspace)
    with workspace.transaction() as s:
        def pay(ref: str, due: dt.date, amount: int, currency: str, **kw: Any) -> None:
            s.add(m.Payment(partner_id=ids["mine"], invoice_ref=ref, amount_minor=amount, currency=currency,
                            due_on=due, **kw))

        pay("LATE-EUR", _day(-3), 10_000, "EUR")
        pay("SOON-EUR", _day(7), 2_500, "EUR")
        pay("SOON-JPY", _day(2), 5_000, "JPY")
        pay("TOO-FAR", _day(8), 1, "EUR")
        pay("PAID", _day(-3), 1, "EUR", paid_on=_day(-4))
        pay("THEY-PAY", _day(1), 1, "EUR", direction=PaymentDirection.RECEIVABLE)
    b = brief(workspace, Options(today=TODAY))
    rows = b.section(Section.MONEY)
    assert [r.title for r in rows] == ["LATE-EUR", "SOON-JPY", "SOON-EUR"]
    assert rows[0].days_overdue == 3 and rows[0].amount_minor == 10_000 and rows[0].currency == "EUR"
    assert b.totals == {"EUR": {"overdue": 10_000, "due_soon": 2_500}, "JPY": {"overdue": 0, "due_soon": 5_000}}


def test_kpis_at_risk_come_from_the_kpi_service(demo_file: Any) -> None:
    from partnerdesk.services.kpis import partners_needing_attention
    from partnerdesk.store.workspace import open_workspace
    from tests.conftest import DEMO_TODAY

    with open_workspace(demo_file) as ws:
        b = brief(ws, Options(today=DEMO_TODAY))
        expected = {a.partner_id: {t.kpi.label for t in a.tiles}
                    for a in partners_needing_attention(ws, today=DEMO_TODAY, include_behind=False)}
    found = {r.partner_id: set(next(p.names for p in r.reasons if p.reason == Reason.KPI_AT_RISK))
             for r in b.section(Section.PARTNERS) if any(p.reason == Reason.KPI_AT_RISK for p in r.reasons)}
    assert found and found == expected


def test_a_long_overdue_list_shows_the_oldest_and_counts_the_rest(workspace: Any, monkeypatch: Any) -> None:
    from partnerdesk.domain import attention as rules

    monkeypatch.setattr(rules, "SECTION_LIMIT", 2)
    _seed(workspace)
    b = brief(workspace, Options(today=TODAY))
    # Overdue by ten and by two are listed from the "long ago" query (limit 2), overdue by one from the near one.
    assert [r.days_overdue for r in b.section(Section.OVERDUE)] == [10, 2, 1]
    assert b.more.get(Section.OVERDUE, 0) == 0
    with workspace.transaction() as s:
        for n in range(5):
            s.add(m.WorkItem(title=f"Old {n}", status_id=1, due_at=_at(_day(-30 - n)),
                             status_changed_at=_at(_day(-100))))
    b = brief(workspace, Options(today=TODAY))
    listed = b.section(Section.OVERDUE)
    assert [r.title for r in listed[:2]] == ["Old 4", "Old 3"]  # the oldest
    assert b.count(Section.OVERDUE) == 8 and b.more[Section.OVERDUE] == 8 - len(listed)
    assert b.action_count == brief(workspace, Options(today=TODAY)).action_count


def test_reminders_missed_while_closed_are_listed(workspace: Any) -> None:
    from partnerdesk.services.calendar import due_reminders

    _seed(workspace)
    with workspace.transaction() as s:
        s.add(m.Event(uid="r1", title="Call with reminder", starts_at=_at(TODAY, 9), ends_at=_at(TODAY, 10),
                      reminder_minutes=[30]))
    missed = due_reminders(workspace, _at(TODAY, 0), _at(TODAY, 12))
    b = brief(workspace, Options(today=TODAY), missed)
    rows = b.section(Section.REMINDERS)
    assert [r.title for r in rows] == ["Call with reminder"] and rows[0].kind == Kind.REMINDER
    assert rows[0].source_kind == "event"
    assert b.action_count == brief(workspace, Options(today=TODAY)).action_count + 1
