"""Milestones and the 90-day calendar, the communication plan and the training plan."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from reportlab.platypus import Flowable

from partnerdesk.domain.enums import Channel, EventKind
from partnerdesk.l10n.formats import format_date, format_skeleton, format_time
from partnerdesk.packets import people, texts
from partnerdesk.packets.data import CalendarEntry, OnboardingData
from partnerdesk.packets.kit import Kit

HORIZON_DAYS = 90
TRAINING_KINDS = (EventKind.TRAINING.value, EventKind.WORKSHOP.value)
# Labels of the entry kinds that are not event kinds.
_KIND_LABELS = {
    "payment": texts.KIND_PAYMENT,
    "contract_start": texts.KIND_CONTRACT,
    "contract_review": texts.KIND_CONTRACT,
    "contract_notice": texts.KIND_CONTRACT,
    "contract_end": texts.KIND_CONTRACT,
    "deadline": texts.KIND_DEADLINE,
    "work_item": texts.KIND_WORK_ITEM,
}


def kind_label(kit: Kit, kind: str) -> str:
    if kind in _KIND_LABELS:
        return kit.t(_KIND_LABELS[kind])
    try:
        return kit.t(EventKind(kind).source_label)
    except ValueError:
        return kind


def _zone(data: OnboardingData) -> ZoneInfo:
    try:
        return ZoneInfo(data.time_zone)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return ZoneInfo("UTC")


def _when(kit: Kit, entry: CalendarEntry, zone: ZoneInfo) -> str:
    if entry.all_day:
        return kit.t(texts.ALL_DAY)
    start = entry.start.astimezone(zone)
    if entry.end is None or entry.end == entry.start:
        return format_time(start, "short", lang=kit.lang)
    return people.time_range(kit, start.time(), entry.end.astimezone(zone).time())


def _local_day(entry: CalendarEntry, zone: ZoneInfo) -> dt.date:
    return entry.start.date() if entry.all_day else entry.start.astimezone(zone).date()


def _what(kit: Kit, entry: CalendarEntry) -> list[Flowable]:
    title = f"{entry.title} ({kit.t(texts.RECURRING)})" if entry.recurring else entry.title
    return kit.stack([(title, kit.cell), (entry.detail, kit.cell_muted)], 0.5 * kit.width)


def calendar(kit: Kit, data: OnboardingData) -> list[Flowable]:
    t, width = kit.t, kit.width
    zone = _zone(data)
    story = kit.section(t(texts.CALENDAR), new_page=True)
    end = data.today + dt.timedelta(days=HORIZON_DAYS)
    story.append(kit.p(t(texts.CALENDAR_INTRO, start=format_date(data.today, "long", lang=kit.lang),
                         end=format_date(end, "long", lang=kit.lang),
                         zone=people.zone_label(data.time_zone, data.today))))
    story.append(kit.sub(t(texts.MILESTONES)))
    milestones = [e for e in data.milestones]
    if milestones:
        widths = [0.22 * width, 0.56 * width, 0.22 * width]
        rows: list[list[object]] = [[format_date(_local_day(e, zone), "long", lang=kit.lang), _what(kit, e),
                                     kind_label(kit, e.kind)] for e in milestones]
        story.append(kit.table([t(texts.COL_DATE), t(texts.COL_WHAT), t(texts.COL_TYPE)], rows, widths))
    else:
        story.append(kit.p(t(texts.NOTHING_LISTED)))
    story.append(kit.sub(t(texts.NEXT_90_DAYS)))
    if not data.calendar:
        return story + [kit.p(t(texts.NOTHING_PLANNED))]
    widths = [0.16 * width, 0.18 * width, 0.48 * width, 0.18 * width]
    rows, spans, month = [], [], None
    for entry in data.calendar:
        day = _local_day(entry, zone)
        if (day.year, day.month) != month:
            month = (day.year, day.month)
            spans.append(len(rows))
            rows.append([format_skeleton("yMMMM", day, lang=kit.lang), "", "", ""])
        rows.append([format_skeleton("MMMEd", day, lang=kit.lang), _when(kit, entry, zone), _what(kit, entry),
                     kind_label(kit, entry.kind)])
    story.append(kit.table([t(texts.COL_DATE), t(texts.COL_TIME), t(texts.COL_WHAT), t(texts.COL_TYPE)], rows,
                           widths, spans=spans))
    return story


def communication(kit: Kit, data: OnboardingData) -> list[Flowable]:
    t, width = kit.t, kit.width
    story = kit.section(t(texts.COMMUNICATION))
    reply = kit.n(texts.REPLY_WITHIN, data.reply_hours)
    meetings = [e for e in data.calendar if e.kind == EventKind.MEETING.value]
    if any(e.recurring for e in meetings):
        video_cadence = t(texts.MONTHLY)
    elif meetings:
        video_cadence = kit.n(texts.MEETINGS, len(meetings))
    else:
        video_cadence = t(texts.MONTHLY)
    plan = {
        Channel.EMAIL.value: (texts.PURPOSE_EMAIL, t(texts.AS_NEEDED), reply),
        Channel.VIDEO.value: (texts.PURPOSE_VIDEO, video_cadence, t(texts.AGENDA_BEFORE)),
        Channel.CALL.value: (texts.PURPOSE_CALL, t(texts.AS_NEEDED), t(texts.SAME_DAY)),
        Channel.MESSAGE.value: (texts.PURPOSE_MESSAGE, t(texts.AS_NEEDED), reply),
        Channel.IN_PERSON.value: (texts.PURPOSE_IN_PERSON, t(texts.QUARTERLY), "—"),
    }
    used = [c.channel for c in data.channels if c.channel in plan]
    order = list(dict.fromkeys(used + [Channel.EMAIL.value, Channel.VIDEO.value, Channel.CALL.value]))
    rows: list[list[object]] = []
    for channel in order:
        purpose, cadence, expected = plan[channel]
        rows.append([kit.stack([(t(Channel(channel).source_label), kit.cell_bold)], 0.18 * width), t(purpose),
                     cadence, expected])
    story.append(kit.table([t(texts.COL_CHANNEL), t(texts.COL_PURPOSE), t(texts.COL_CADENCE), t(texts.COL_REPLY)],
                           rows, [0.18 * width, 0.40 * width, 0.20 * width, 0.22 * width]))
    story.append(kit.p(kit.n(texts.REPLY_NOTE, data.reply_hours), kit.small))
    manager = data.manager
    if manager is not None:
        partner_side = next((p for p in data.contacts), None)
        if partner_side is not None:
            shared, _length = people.overlap_text(kit, partner_side, manager, data.today)
            if shared and shared != "—" and shared != t(texts.NO_OVERLAP):
                story.append(kit.p(t(texts.BEST_TIME, name=manager.name, hours=shared)))
    if len(data.owners) >= 2:
        story.append(kit.p(t(texts.ESCALATION, first=data.owners[0].name, second=data.owners[1].name)))
    return story


def training(kit: Kit, data: OnboardingData) -> list[Flowable]:
    t, width = kit.t, kit.width
    zone = _zone(data)
    story = kit.section(t(texts.TRAINING))
    story.append(kit.sub(t(texts.SCHEDULED_SESSIONS)))
    sessions = [e for e in data.calendar if e.kind in TRAINING_KINDS]
    if sessions:
        rows: list[list[object]] = []
        for e in sessions:
            day = format_date(_local_day(e, zone), "medium", lang=kit.lang)
            minutes = int((e.end - e.start).total_seconds() // 60) if e.end else 0
            length = t(texts.DURATION_MINUTES, minutes=minutes) if minutes else ""
            rows.append([kit.stack([(day, kit.cell), (_when(kit, e, zone), kit.cell_muted)], 0.2 * width),
                         kit.stack([(e.title, kit.cell), (kind_label(kit, e.kind), kit.cell_muted)], 0.5 * width),
                         kit.stack([(t(texts.ONLINE) if e.online else (e.detail or "—"), kit.cell),
                                    (length, kit.cell_muted)], 0.3 * width)])
        story.append(kit.table([t(texts.COL_DATE), t(texts.COL_SESSION), t(texts.COL_FORMAT)], rows,
                               [0.2 * width, 0.5 * width, 0.3 * width]))
    else:
        story.append(kit.p(t(texts.NO_SESSIONS)))
    story.append(kit.sub(t(texts.MODULES)))
    lead = data.owners[0].name if data.owners else "—"
    second = data.owners[1].name if len(data.owners) > 1 else lead
    modules = [(1, texts.MODULE_KICKOFF, lead)]
    if data.brand is not None:
        modules.append((1, texts.MODULE_BRAND, second))
    if data.responsibilities:
        modules.append((2, texts.MODULE_PROCESSES, second))
    if data.kpis:
        modules.append((3, texts.MODULE_KPIS, lead))
    modules.append((4, texts.MODULE_REVIEW, lead))
    rows = [[t(texts.WEEK_N, n=week), t(module), who] for week, module, who in modules]
    story.append(kit.table([t(texts.COL_WHEN), t(texts.COL_SESSION), t(texts.COL_LEAD)], rows,
                           [0.16 * width, 0.56 * width, 0.28 * width]))
    return story
