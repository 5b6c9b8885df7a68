"""The demo workspace: rich enough to show every feature, deterministic, and never written over real data."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import func, select

from partnerdesk.domain.enums import PartnerKind, PartnerStage, StatusCategory
from partnerdesk.l10n.formats import currency_digits
from partnerdesk.services.demo import WorkspaceNotEmptyError, populate_demo
from partnerdesk.store.models import (
    BrandGuide,
    Contact,
    Event,
    KpiDefinition,
    KpiValue,
    Partner,
    Payment,
    Question,
    TeamMember,
    WorkItem,
)
from partnerdesk.store.workspace import open_workspace

TODAY = dt.date(2026, 3, 11)


@pytest.fixture(scope="module")
def demo_ws(tmp_path_factory):
    with open_workspace(tmp_path_factory.mktemp("demo") / "demo.partnerdesk") as ws:
        populate_demo(ws, today=TODAY, seed=7)
        yield ws


def test_counts_meet_minimums(demo_ws):
    with demo_ws.session() as s:
        assert s.scalar(select(func.count(Contact.id))) >= 40
        assert s.scalar(select(func.count(WorkItem.id))) >= 80
        assert {m.seniority.value for m in s.scalars(select(TeamMember))} == {"senior", "junior", "new_hire"}
        assert s.scalar(select(func.count(TeamMember.id)).where(TeamMember.is_me)) == 1
        partners = list(s.scalars(select(Partner)))
        assert {p.kind for p in partners} == set(PartnerKind)
        assert {p.stage for p in partners} == set(PartnerStage)
        assert {p.time_zone for p in partners} >= {"America/Sao_Paulo", "Europe/Lisbon", "Asia/Tokyo",
                                                    "Europe/Rome", "Europe/Athens", "Asia/Dubai", "Asia/Riyadh"}
        riyadh = next(p for p in partners if p.time_zone == "Asia/Riyadh")
        assert riyadh.weekend_days == [4, 5]
        assert all(re.fullmatch(r"#[0-9A-F]{6}", p.color) for p in partners)
        assert all(p.owner.seniority.value == "senior" for p in partners)


def test_work_items_cover_every_status_and_due_situation(demo_ws):
    with demo_ws.session() as s:
        items = list(s.scalars(select(WorkItem)))
        assert {i.status.key for i in items} == {"pending", "in_progress", "on_track", "at_risk", "done"}
        assert {i.status.category for i in items} == set(StatusCategory)
        now = dt.datetime.combine(TODAY, dt.time(12), dt.UTC)
        open_items = [i for i in items if i.status.key != "done"]
        assert any(i.due_at and i.due_at < now for i in open_items), "some overdue"
        assert any(i.due_at and now <= i.due_at <= now + dt.timedelta(days=7) for i in open_items)
        assert any(i.due_at is None for i in items)
        assert any(now - i.status_changed_at > dt.timedelta(days=14) for i in open_items), "some stale"
        assert any(i.archived for i in items)
        assert any(i.checklist for i in items)
        assert any(i.responsible_contact_id for i in items) and any(i.responsible_member_id for i in items)


def test_calendar_payments_and_kpis(demo_ws):
    with demo_ws.session() as s:
        events = list(s.scalars(select(Event)))
        rules = [e.rrule for e in events if e.rrule]
        assert any("MONTHLY" in r for r in rules) and any("WEEKLY" in r for r in rules)
        assert len({e.uid for e in events}) == len(events)
        assert all(e.starts_at.tzinfo is not None for e in events)
        payments = list(s.scalars(select(Payment)))
        assert {p.currency for p in payments} == {"BRL", "EUR", "JPY", "AED", "SAR"}
        assert any(p.paid_on for p in payments)
        assert any(p.paid_on is None and p.due_on < TODAY for p in payments), "overdue"
        assert any(p.paid_on is None and p.due_on >= TODAY for p in payments), "due"
        assert currency_digits("JPY") == 0
        # Minor units: yen are whole yen (hundreds of thousands), euros are cents (thousands of euros).
        assert all(100_000 <= p.amount_minor <= 2_000_000 for p in payments if p.currency == "JPY")
        assert all(100_000 <= p.amount_minor <= 1_000_000 for p in payments if p.currency == "EUR")
        months = s.execute(select(KpiValue.partner_id, KpiValue.definition_id,
                                  func.count(KpiValue.id)).group_by(KpiValue.partner_id, KpiValue.definition_id))
        counts = list(months)
        assert counts and all(n == 12 for _p, _d, n in counts)
        # Every definition but revenue (it comes from analytics imports; with it ROI would be computed).
        assert {d for _p, d, _n in counts} == set(s.scalars(select(KpiDefinition.id)
                                                          .where(KpiDefinition.key != "revenue")))
        rate = s.scalars(select(KpiValue.value).join(KpiDefinition)
                         .where(KpiDefinition.key == "conversion_rate")).all()
        assert all(0 < v < 1 for v in rate)
        guide = s.scalars(select(BrandGuide)).one()
        assert guide.logo.startswith(b"\x89PNG") and 5 <= len(guide.colors) <= 6
        assert len({q.answer_type for q in s.scalars(select(Question))}) == 6


def test_names_in_their_own_scripts(demo_ws):
    with demo_ws.session() as s:
        names = " ".join(s.scalars(select(Contact.display_name)))
    assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", names), "Japanese"
    assert re.search(r"[\u0370-\u03ff]", names), "Greek"
    assert re.search(r"[\u0600-\u06ff]", names), "Arabic"
    assert re.search(r"[ãçéíóúâêôõ]", names), "Portuguese/Italian accents"


def _snapshot(ws):
    with ws.session() as s:
        return [
            sorted((p.name, p.stage.value, p.notes) for p in s.scalars(select(Partner))),
            sorted((w.title, w.status_id, w.priority.value, w.due_at, w.position, w.status_changed_at)
                   for w in s.scalars(select(WorkItem))),
            sorted((c.display_name, str(c.emails), str(c.phones)) for c in s.scalars(select(Contact))),
            sorted((v.partner_id, v.definition_id, v.period_start, v.value) for v in s.scalars(select(KpiValue))),
            sorted((p.invoice_ref, p.amount_minor, p.due_on, p.paid_on) for p in s.scalars(select(Payment))),
            sorted((e.uid, e.starts_at) for e in s.scalars(select(Event))),
        ]


def test_same_date_and_seed_give_the_same_demo(demo_ws, tmp_path):
    with open_workspace(tmp_path / "again.partnerdesk") as ws:
        populate_demo(ws, today=TODAY, seed=7)
        assert _snapshot(ws) == _snapshot(demo_ws)
    with open_workspace(tmp_path / "other.partnerdesk") as ws:
        populate_demo(ws, today=TODAY, seed=8)
        assert _snapshot(ws) != _snapshot(demo_ws)


def test_refuses_a_workspace_that_has_partners(workspace):
    with workspace.transaction() as s:
        s.add(Partner(name="Real partner", kind=PartnerKind.VENDOR))
    with pytest.raises(WorkspaceNotEmptyError) as info:
        populate_demo(workspace, today=TODAY)
    assert "empty" in info.value.message
    with workspace.session() as s:
        assert s.scalar(select(func.count(Partner.id))) == 1
        assert s.scalar(select(func.count(TeamMember.id))) == 0


def test_cli_demo_then_refuses_second_run(tmp_path, capsys):
    from partnerdesk.cli import main

    db = tmp_path / "cli.partnerdesk"
    assert main(["--lang", "en", "demo", "--db", str(db), "--date", "2026-03-11"]) == 0
    assert "work_item" in capsys.readouterr().out
    assert main(["--lang", "en", "demo", "--db", str(db)]) == 1
    assert "empty workspace" in capsys.readouterr().err


def test_recurring_series_start_on_their_first_occurrence(demo_ws):
    from zoneinfo import ZoneInfo

    from dateutil.rrule import rrulestr

    with demo_ws.session() as s:
        series = [e for e in s.scalars(select(Event)) if e.rrule]
    assert len(series) == 3
    for ev in series:
        local = ev.starts_at.astimezone(ZoneInfo(ev.time_zone)).replace(tzinfo=None)
        assert rrulestr(ev.rrule, dtstart=local)[0] == local
        assert local.date() < TODAY and rrulestr(ev.rrule, dtstart=local).after(
            dt.datetime.combine(TODAY, dt.time())) is not None


def test_partner_meetings_fall_on_the_partners_working_days(demo_ws):
    from zoneinfo import ZoneInfo

    with demo_ws.session() as s:
        events = [e for e in s.scalars(select(Event)) if e.partner_id]
        assert {e.kind.value for e in events} >= {"review", "payment", "training", "workshop", "meeting"}
        for ev in events:
            local = ev.starts_at.astimezone(ZoneInfo(ev.partner.time_zone))
            assert local.weekday() not in ev.partner.weekend_days, ev.title
            assert ev.time_zone == ev.partner.time_zone


def test_cli_rejects_a_negative_seed_without_creating_data(tmp_path, capsys):
    from partnerdesk.cli import main

    db = tmp_path / "neg.partnerdesk"
    assert main(["--lang", "en", "demo", "--db", str(db), "--seed", "-1"]) == 1
    assert "seed" in capsys.readouterr().err
    assert not db.exists()
