"""Fill an empty workspace with a realistic demo: Lumen & Co. and its partners (content in demo_data).

Deterministic for a given ``today`` and ``seed``: all randomness comes from ``random.Random(seed)`` and every
date is relative to ``today``. KPI values: percent KPIs (conversion_rate, logistics_on_time) are stored as
ratios 0..1, like ``domain.kpi.conversion_rate``; roi is a ratio ((gain - cost) / cost); cs_response_hours
in hours; traffic and conversions are monthly counts.
"""

from __future__ import annotations

import datetime as dt
import random
import struct
import zlib
from typing import TypeVar
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from partnerdesk.domain.enums import (
    Action,
    AnswerType,
    Channel,
    EventKind,
    Frequency,
    PartnerKind,
    PartnerStage,
    PaymentDirection,
    PaymentMethod,
    Phase,
    Priority,
    RuleKind,
    ScopeStatus,
    Seniority,
)
from partnerdesk.domain.errors import ConflictError
from partnerdesk.l10n import N_
from partnerdesk.l10n.formats import currency_digits
from partnerdesk.services import demo_data as D
from partnerdesk.services.base import ChangeSet, Service
from partnerdesk.store.models import (
    ActivityLog,
    BrandColor,
    BrandGuide,
    BrandRule,
    BrandTypeface,
    ChecklistItem,
    Contact,
    Contract,
    Event,
    Interaction,
    KpiDefinition,
    KpiValue,
    Partner,
    Payment,
    Question,
    Questionnaire,
    Responsibility,
    ScopeItem,
    TeamMember,
    WorkItem,
    WorkStatus,
)
from partnerdesk.store.workspace import Workspace

_Row = TypeVar("_Row")

UTC = dt.UTC


class WorkspaceNotEmptyError(ConflictError):
    template = N_("This workspace already holds partners; the demo can only fill an empty workspace.")


def _at(day: dt.date, hour: int, minute: int, zone: str) -> dt.datetime:
    """Local wall time in ``zone`` as aware UTC."""
    return dt.datetime.combine(day, dt.time(hour, minute), ZoneInfo(zone)).astimezone(UTC)


def _workday(day: dt.date, weekend: list[int]) -> dt.date:
    """The day itself, or the next day that is not on the given weekend (0 = Monday)."""
    while day.weekday() in weekend:
        day += dt.timedelta(days=1)
    return day


def _month_start(day: dt.date, back: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - back
    return dt.date(index // 12, index % 12 + 1, 1)


def logo_png(size: int = 64) -> bytes:
    """A small Lumen & Co. logo (ink disc with a terracotta sun on linen), as PNG, without Qt."""
    ink, linen, sun = (0x1F, 0x2A, 0x44), (0xF4, 0xED, 0xE1), (0xC8, 0x55, 0x3D)
    c, rows = size / 2, bytearray()
    for y in range(size):
        rows.append(0)
        for x in range(size):
            d2 = (x + 0.5 - c) ** 2 + (y + 0.5 - c) ** 2
            sun_d2 = (x + 0.5 - c * 1.25) ** 2 + (y + 0.5 - c * 0.75) ** 2
            px = sun if sun_d2 < (size * 0.14) ** 2 else ink if d2 < (size * 0.45) ** 2 else linen
            rows.extend(px)

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(rows), 9))
            + chunk(b"IEND", b""))


class _Builder:
    def __init__(self, session: Session, today: dt.date, rng: random.Random) -> None:
        self.s, self.today, self.rng = session, today, rng
        self.now = dt.datetime.combine(today, dt.time(9, 0), UTC)
        self.changes = ChangeSet()
        self.event_n = 0

    def add(self, entity: str, obj: _Row) -> _Row:
        self.s.add(obj)
        self.s.flush()
        self.changes.add("created", entity, obj.id)  # type: ignore[attr-defined]
        return obj

    def team(self) -> list[TeamMember]:
        return [self.add("team_member", TeamMember(
            name=n, role=r, seniority=Seniority(sen), email=e, time_zone=z, work_start=a, work_end=b,
            weekend_days=[5, 6], is_me=me)) for n, r, sen, e, z, a, b, me in D.TEAM]

    def partners(self, team: list[TeamMember]) -> list[Partner]:
        out = []
        for p in D.PARTNERS:
            e, r, c = p["scores"]
            out.append(self.add("partner", Partner(
                name=p["name"], kind=PartnerKind(p["kind"]), stage=PartnerStage(p["stage"]), country=p["country"],
                time_zone=p["time_zone"], locale=p["locale"], website=p["website"], work_start=p["hours"][0],
                work_end=p["hours"][1], weekend_days=p.get("weekend", [5, 6]), reply_hours=p["reply"],
                owner_id=team[p["owners"][0]].id, second_id=team[p["owners"][1]].id, score_experience=e,
                score_reputation=r, score_compatibility=c, evaluation_notes=p["evaluation"], tags=p["tags"],
                color=p["color"], notes=p["notes"])))
        return out

    def contacts(self, partners: list[Partner]) -> list[list[Contact]]:
        out = []
        for partner, rows in zip(partners, D.CONTACTS, strict=True):
            domain = partner.website.split("//", 1)[1].removeprefix("www.")
            group = []
            for given, family, display, role, user, phone, board, zone, loc in rows:
                emails = [{"value": f"{user}@{domain}", "type": "work"}]
                phones = [{"value": phone, "type": "work"}]
                if self.rng.random() < 0.4:
                    phones.append({"value": phone[:-4] + f"{self.rng.randint(1000, 9999)}", "type": "mobile"})
                group.append(self.add("contact", Contact(
                    partner_id=partner.id, given_name=given, family_name=family, display_name=display, role=role,
                    organization=partner.name, emails=emails, phones=phones, locale=loc, time_zone=zone,
                    advisory_board=board, tags=["advisory-board"] if board else [])))
            out.append(group)
        return out

    def work_items(self, partners: list[Partner], contacts: list[list[Contact]], team: list[TeamMember]) -> None:
        statuses = list(self.s.scalars(select(WorkStatus).order_by(WorkStatus.position)))
        positions = {st.id: 0.0 for st in statuses}
        rng, n = self.rng, 0
        for pi, partner in enumerate(partners):
            for k in range(6):
                title, text, tags, checklist = D.WORK_TEMPLATES[(pi * 5 + k) % len(D.WORK_TEMPLATES)]
                status = statuses[(pi + k) % len(statuses)]
                offset = rng.choice([-12, -5, -2, -1, 0, 1, 2, 3, 4, 6, 9, 15, 30, None])
                due = None if offset is None else _at(self.today + dt.timedelta(days=offset), 17, 0,
                                                     partner.time_zone)
                positions[status.id] += 1024.0
                by_contact = k % 4 == 3
                item = WorkItem(
                    title=title.format(p=partner.name), partner_id=partner.id,
                    description=text.format(p=partner.name),
                    responsible_member_id=None if by_contact else team[partner_owner_index(pi, k)].id,
                    responsible_contact_id=contacts[pi][k % 3].id if by_contact else None, status_id=status.id,
                    priority=list(Priority)[rng.randrange(4)], due_at=due, due_has_time=bool(due and k % 2),
                    tags=list(tags), position=positions[status.id],
                    status_changed_at=self.now - dt.timedelta(days=rng.choice([0, 1, 3, 6, 10, 16, 21, 35])),
                    archived=status.key == "done" and n % 4 == 0)
                item.checklist = [ChecklistItem(text=t, done=status.key == "done" or (i == 0 and k % 2 == 0),
                                                position=i) for i, t in enumerate(checklist)]
                self.add("work_item", item)
                n += 1

    def scope_contracts_matrix(self, partners: list[Partner], contacts: list[list[Contact]],
                               team: list[TeamMember]) -> None:
        for pi, p in enumerate(partners):
            for i, (phase, inside, text, status) in enumerate(D.SCOPE):
                self.add("scope_item", ScopeItem(partner_id=p.id, phase=Phase(phase), in_scope=inside,
                                                 description=text, status=ScopeStatus(status), position=i))
            if p.stage not in (PartnerStage.PROSPECT, PartnerStage.EVALUATING):
                start = self.today - dt.timedelta(days=90 + 37 * pi)
                self.add("contract", Contract(
                    partner_id=p.id, title=f"Partnership agreement — {p.name}", start_on=start,
                    end_on=start + dt.timedelta(days=730) if p.stage != PartnerStage.ENDED else self.today
                    - dt.timedelta(days=20),
                    our_obligations=D.OUR_OBLIGATIONS, partner_obligations=D.PARTNER_OBLIGATIONS,
                    payment_terms=D.PAYMENT_TERMS[pi % 3], delivery_terms=D.DELIVERY_TERMS[pi % 3],
                    review_every_months=(3, 6, 12)[pi % 3], notice_days=(30, 60, 90)[pi % 3],
                    dispute_resolution=D.DISPUTES[{"BR": 0, "PT": 0, "IT": 2, "AE": 3, "SA": 3}.get(
                        p.country, 1)]))
            for i, (task, freq) in enumerate(D.RESPONSIBILITIES):
                mine = i % 2 == 0
                self.add("responsibility", Responsibility(
                    partner_id=p.id, task=task, frequency=Frequency(freq), position=i,
                    member_id=team[D.PARTNERS[pi]["owners"][i % 2]].id if mine else None,
                    contact_id=None if mine else contacts[pi][i % 3].id,
                    deadline=self.today + dt.timedelta(days=21 + pi) if freq == "one_off" else None))

    def interactions(self, partners: list[Partner], contacts: list[list[Contact]], team: list[TeamMember]) -> None:
        for pi, p in enumerate(partners):
            for k in range(2):
                channel, summary = D.INTERACTIONS[(pi + k * 3) % len(D.INTERACTIONS)]
                day = _workday(self.today - dt.timedelta(days=self.rng.randint(1, 40)), p.weekend_days)
                follow = self.today + dt.timedelta(days=self.rng.randint(-3, 10)) if k == 0 else None
                item = Interaction(partner_id=p.id, occurred_at=_at(day, 11, 0, p.time_zone),
                                   channel=Channel(channel), team_member_id=team[D.PARTNERS[pi]["owners"][k]].id,
                                   summary=summary, follow_up_on=follow,
                                   follow_up_done=bool(follow and follow < self.today and pi % 2))
                item.contacts = [contacts[pi][k]]
                self.add("interaction", item)

    def _event(self, **values: object) -> Event:
        self.event_n += 1
        return self.add("event", Event(uid=f"demo-{self.event_n}@partnerdesk.local", **values))

    def events(self, partners: list[Partner], contacts: list[list[Contact]], team: list[TeamMember]) -> None:
        for title, kind, rule, zone, (h, m), minutes in D.RECURRING_EVENTS:
            # DTSTART is the series' first real occurrence, two months back, so past and future both show.
            first = rrulestr(rule, dtstart=dt.datetime.combine(_month_start(self.today, 2), dt.time(h, m)))[0]
            start = _at(first.date(), h, m, zone)
            ev = self._event(title=title, kind=EventKind(kind), rrule=rule, time_zone=zone, starts_at=start,
                             ends_at=start + dt.timedelta(minutes=minutes), reminder_minutes=[15],
                             video_link="https://meet.lumenco.example/" + title.lower().replace(" ", "-"),
                             description="Recurring Lumen & Co. partnerships session.")
            ev.members = list(team)
        for title, kind, pi, offset, hour in D.EVENTS:
            p = partners[pi]
            start = _at(_workday(self.today + dt.timedelta(days=offset), p.weekend_days), hour, 0, p.time_zone)
            ev = self._event(title=title.format(p=p.name), kind=EventKind(kind), time_zone=p.time_zone,
                             starts_at=start, ends_at=start + dt.timedelta(hours=1), partner_id=p.id,
                             video_link="https://meet.lumenco.example/" + str(p.id) if kind == "meeting" else "",
                             location="" if kind == "meeting" else p.website, reminder_minutes=[30],
                             attendee_emails=[f"partners@{p.website.split('//')[1]}"])
            ev.contacts = contacts[pi][:2]
            ev.members = [team[0], team[D.PARTNERS[pi]["owners"][0]]] if D.PARTNERS[pi]["owners"][0] else [team[0]]

        # A video check-in with every partner we talk to, in a slot inside both working days when possible.
        for pi, p in enumerate(partners):
            if p.stage == PartnerStage.ENDED:
                continue
            day = _workday(self.today + dt.timedelta(days=self.rng.randint(-10, 12)), p.weekend_days)
            hour = int(p.work_start[:2]) + (1 if p.time_zone.startswith("Asia/Tokyo") else 3)
            start = _at(day, hour, 30, p.time_zone)
            ev = self._event(title=f"Video check-in with {p.name}", kind=EventKind.MEETING, time_zone=p.time_zone,
                             starts_at=start, ends_at=start + dt.timedelta(minutes=30), partner_id=p.id,
                             video_link=f"https://meet.lumenco.example/checkin-{pi + 1}", reminder_minutes=[10],
                             description="Open actions, KPIs of the month, anything blocking.")
            ev.contacts = [contacts[pi][0]]
            ev.members = [team[0]]

    def payments(self, partners: list[Partner]) -> None:
        for pi, p in enumerate(partners):
            if p.stage == PartnerStage.PROSPECT:
                continue
            currency = D.CURRENCY_BY_COUNTRY[p.country]
            scale = 10 ** currency_digits(currency)
            for k, (due_offset, paid) in enumerate(((-40, True), (-10, pi % 3 != 0), (12, False))):
                amount = round(D.INVOICE_SIZE[currency] * self.rng.uniform(0.6, 1.4)) * scale
                due = self.today + dt.timedelta(days=due_offset)
                self.add("payment", Payment(
                    partner_id=p.id, invoice_ref=f"LC-{self.today.year}-{pi + 1:02d}{k + 1:02d}",
                    direction=PaymentDirection.RECEIVABLE if p.kind == PartnerKind.B2B_CUSTOMER
                    else PaymentDirection.PAYABLE, amount_minor=amount, currency=currency, due_on=due,
                    paid_on=due - dt.timedelta(days=2) if paid else None, issued_on=due - dt.timedelta(days=30),
                    method=PaymentMethod(D.METHOD_BY_CURRENCY[currency]),
                    notes="Monthly services invoice" if k else "Set-up and onboarding fee"))

    def kpis(self, partners: list[Partner]) -> None:
        defs = {d.key: d for d in self.s.scalars(select(KpiDefinition))}
        live = (PartnerStage.PILOT, PartnerStage.ACTIVE, PartnerStage.EXPANDED, PartnerStage.PAUSED)
        rng = self.rng
        for p in (p for p in partners if p.stage in live):
            traffic, rate = rng.uniform(8000, 40000), rng.uniform(0.012, 0.03)
            hours, on_time, roi = rng.uniform(10, 30), rng.uniform(0.86, 0.93), rng.uniform(0.8, 2.0)
            for back in range(11, -1, -1):
                start = _month_start(self.today, back + 1)
                end = _month_start(self.today, back) - dt.timedelta(days=1)
                traffic *= rng.uniform(1.0, 1.07)
                rate = min(0.06, rate * rng.uniform(0.97, 1.06))
                hours = max(2.0, hours * rng.uniform(0.88, 1.03))
                on_time = min(0.995, on_time + rng.uniform(-0.01, 0.012))
                roi += rng.uniform(-0.1, 0.2)
                values = {
                    "traffic": (round(traffic), round(traffic * 1.05, -2)),
                    "conversions": (round(traffic * rate), round(traffic * 1.05 * 0.025)),
                    "conversion_rate": (round(rate, 4), 0.025),
                    "roi": (round(roi, 2), 1.5),
                    "cs_response_hours": (round(hours, 1), 12.0),
                    "logistics_on_time": (round(on_time, 3), 0.95),
                }
                for key, (value, target) in values.items():
                    self.add("kpi_value", KpiValue(definition_id=defs[key].id, partner_id=p.id, period_start=start,
                                                   period_end=end, value=float(value), target=float(target)))

    def brand_and_questionnaire(self) -> None:
        b = D.BRAND
        guide = BrandGuide(name=b["name"], story=b["story"], tone_of_voice=b["tone"], imagery=b["imagery"],
                           logo=logo_png(), logo_mime="image/png")
        guide.colors = [BrandColor(name=n, hex=h, usage=u, position=i) for i, (n, h, u) in enumerate(b["colors"])]
        guide.typefaces = [BrandTypeface(role=r, family=f, usage=u, position=i)
                           for i, (r, f, u) in enumerate(b["typefaces"])]
        guide.rules = [BrandRule(kind=RuleKind(k), text=t, position=i) for i, (k, t) in enumerate(b["rules"])]
        self.add("brand_guide", guide)
        q = D.QUESTIONNAIRE
        form = Questionnaire(title=q["title"], intro=q["intro"])
        form.questions = [Question(text=t, answer_type=AnswerType(a), choices=list(c), required=r, position=i)
                          for i, (t, a, c, r) in enumerate(q["questions"])]
        self.add("questionnaire", form)

    def activity(self, partners: list[Partner], team: list[TeamMember]) -> None:
        for pi, p in enumerate(partners):
            who = team[D.PARTNERS[pi]["owners"][0]]
            self.s.add(ActivityLog(at=self.now - dt.timedelta(days=60 - pi), member_id=who.id, entity="partner",
                                   entity_id=p.id, partner_id=p.id, action=Action.CREATE,
                                   summary=f"{who.name}: {D.ACTIVITY[0][1]} ({p.name})"))
        for k, (entity, summary) in enumerate(D.ACTIVITY[1:], start=1):
            p, who = partners[k], team[k % len(team)]
            ids = self.changes.created.get(entity) or {p.id}
            self.s.add(ActivityLog(at=self.now - dt.timedelta(days=k), member_id=who.id, entity=entity,
                                   entity_id=min(ids), partner_id=p.id,
                                   action=Action.MOVE if entity == "work_item" else Action.UPDATE,
                                   summary=f"{who.name}: {summary}"))


def partner_owner_index(partner_index: int, k: int) -> int:
    owner: int = D.PARTNERS[partner_index]["owners"][k % 2]
    return owner


def populate_demo(workspace: Workspace, today: dt.date | None = None, seed: int = 7) -> ChangeSet:
    """Fill an empty workspace with the demo in one transaction; return what was created."""
    today = today or dt.date.today()
    service = Service(workspace)
    with service.unit_of_work() as (session, _changes):
        if session.scalar(select(func.count(Partner.id))):
            raise WorkspaceNotEmptyError()
        b = _Builder(session, today, random.Random(seed))
        team = b.team()
        session.info["actor_id"] = team[0].id
        partners = b.partners(team)
        contacts = b.contacts(partners)
        b.work_items(partners, contacts, team)
        b.scope_contracts_matrix(partners, contacts, team)
        b.interactions(partners, contacts, team)
        b.events(partners, contacts, team)
        b.payments(partners)
        b.kpis(partners)
        b.brand_and_questionnaire()
        b.activity(partners, team)
    return b.changes
