"""Today's attention rules at their boundaries (pure functions, no database)."""

from __future__ import annotations

import datetime as dt

from partnerdesk.domain import attention as rules
from partnerdesk.domain.attention import Kind, Reason, Row, Section
from partnerdesk.domain.enums import PartnerStage, Seniority

TODAY = dt.date(2026, 3, 2)


def test_due_today_is_not_overdue_and_yesterday_is_one_day_overdue() -> None:
    assert not rules.is_overdue(TODAY, TODAY)
    assert rules.days_overdue(TODAY, TODAY) == 0
    assert rules.is_overdue(TODAY - dt.timedelta(days=1), TODAY)
    assert rules.days_overdue(TODAY - dt.timedelta(days=1), TODAY) == 1


def test_done_work_is_never_overdue() -> None:
    assert not rules.is_overdue(TODAY - dt.timedelta(days=40), TODAY, done=True)


def test_week_window_includes_today_and_six_more_days() -> None:
    assert rules.in_window(TODAY, TODAY, 7)
    assert rules.in_window(TODAY + dt.timedelta(days=6), TODAY, 7)
    assert not rules.in_window(TODAY + dt.timedelta(days=7), TODAY, 7)
    assert not rules.in_window(TODAY - dt.timedelta(days=1), TODAY, 7)


def test_notice_deadline_is_end_minus_notice_days() -> None:
    end = TODAY + dt.timedelta(days=40)
    found = rules.contract_deadlines(dt.date(2025, 1, 1), end, None, 30, TODAY, horizon_days=30)
    assert found == [(Kind.CONTRACT_NOTICE, end - dt.timedelta(days=30))]


def test_deadlines_stay_inside_the_horizon() -> None:
    end = TODAY + dt.timedelta(days=29)
    found = rules.contract_deadlines(dt.date(2025, 1, 1), end, None, 10, TODAY, horizon_days=30)
    assert found == [(Kind.CONTRACT_NOTICE, TODAY + dt.timedelta(days=19)), (Kind.CONTRACT_END, end)]
    assert rules.contract_deadlines(dt.date(2025, 1, 1), TODAY + dt.timedelta(days=30), None, 0, TODAY, 30) == []


def test_reviews_every_n_months_from_the_start() -> None:
    found = rules.contract_deadlines(dt.date(2025, 3, 15), None, 6, 30, TODAY, horizon_days=30)
    assert found == [(Kind.CONTRACT_REVIEW, dt.date(2026, 3, 15))]
    # A notice deadline that already passed is not "ahead".
    assert rules.contract_deadlines(dt.date(2025, 1, 1), TODAY + dt.timedelta(days=5), None, 30, TODAY) == [
        (Kind.CONTRACT_END, TODAY + dt.timedelta(days=5))]


def test_quiet_only_past_the_cadence() -> None:
    last = TODAY - dt.timedelta(days=30)
    assert rules.quiet_days(last, dt.date(2020, 1, 1), 30, TODAY) is None
    assert rules.quiet_days(last - dt.timedelta(days=1), dt.date(2020, 1, 1), 30, TODAY) == 31
    # No interaction ever: counted from when the partner was added.
    assert rules.quiet_days(None, TODAY - dt.timedelta(days=10), 7, TODAY) == 10
    assert rules.quiet_days(None, TODAY - dt.timedelta(days=10), 30, TODAY) is None
    assert rules.quiet_days(last - dt.timedelta(days=90), TODAY, 30, TODAY, PartnerStage.ENDED) is None


def test_missed_deadline_rule() -> None:
    assert not rules.keeps_missing_deadlines(2, None)
    assert rules.keeps_missing_deadlines(3, None)
    assert rules.keeps_missing_deadlines(0, 0.69)
    assert not rules.keeps_missing_deadlines(0, 0.70)
    assert rules.on_time_rate(2, 3) == 2 / 3
    assert rules.on_time_rate(0, 2) is None  # too few fell due to call it a pattern


def test_junior_or_new_hire_as_owner_one() -> None:
    assert rules.junior_lead(Seniority.JUNIOR)
    assert rules.junior_lead(Seniority.NEW_HIRE)
    assert not rules.junior_lead(Seniority.SENIOR)
    assert not rules.junior_lead(None)


def test_partner_reasons_most_urgent_first() -> None:
    reasons = rules.partner_reasons(
        stage=PartnerStage.ENDED, today=TODAY, since=dt.date(2025, 1, 1), last_contact=None, cadence_days=30,
        overdue_items=3, open_items=4, rate=0.5, owner_seniority=Seniority.JUNIOR, owner_name="Leonor")
    assert [r.reason for r in reasons] == [Reason.MISSING_DEADLINES, Reason.ENDED_WITH_OPEN_ITEMS]
    assert reasons[0].values == {"overdue": 3, "rate": 50}
    active = rules.partner_reasons(
        stage=PartnerStage.ACTIVE, today=TODAY, since=dt.date(2025, 1, 1), last_contact=TODAY, cadence_days=30,
        overdue_items=0, open_items=0, rate=None, owner_seniority=Seniority.NEW_HIRE, owner_name="Leonor",
        kpis_at_risk=("Conversion rate",))
    assert [r.reason for r in active] == [Reason.KPI_AT_RISK, Reason.JUNIOR_LEAD]
    assert active[1].names == ("Leonor",)


def test_badge_counts_what_needs_action_today() -> None:
    def row(section: Section, kind: Kind, day: dt.date | None) -> Row:
        return Row(section, kind, 1, "x", day=day)

    assert rules.needs_action(row(Section.OVERDUE, Kind.WORK_ITEM, TODAY - dt.timedelta(days=3)), TODAY)
    assert rules.needs_action(row(Section.THIS_WEEK, Kind.WORK_ITEM, TODAY), TODAY)
    assert not rules.needs_action(row(Section.THIS_WEEK, Kind.WORK_ITEM, TODAY + dt.timedelta(days=1)), TODAY)
    assert not rules.needs_action(row(Section.THIS_WEEK, Kind.EVENT, TODAY), TODAY)
    assert rules.needs_action(row(Section.PARTNERS, Kind.PARTNER, None), TODAY)
