"""Onboarding packet for one partner: data in, PDF bytes out, in the partner's language."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer

from partnerdesk.l10n.formats import format_date
from partnerdesk.packets import people, plan, texts
from partnerdesk.packets.data import OnboardingData
from partnerdesk.packets.kit import Kit
from partnerdesk.packets.questionnaire import questionnaire
from partnerdesk.packets.render import (
    Cancel,
    Meta,
    Progress,
    Toc,
    cover_head,
    draw_cover,
    page_and_kit,
    render,
    running_header,
    toc_entries,
)
from partnerdesk.packets.sections import SECTION_KEYS, SECTIONS  # noqa: F401 - re-exported


def build_onboarding(data: OnboardingData, lang: str, paper: str | None = None, fillable: bool = True, *,
                     sections: Iterable[str] | None = None, progress: Progress | None = None,
                     cancel: Cancel | None = None) -> bytes:
    """The onboarding packet as PDF bytes (deterministic for the same data).

    ``paper``: "A4" or "Letter" (default: from the language's territory). ``fillable``: the questionnaire gets
    AcroForm text fields (drawn with an embedded font, see ``formfont``) over its ruled lines; without it the
    packet is print-only. ``sections``: keys of ``SECTIONS`` to include (default: all), always in reading
    order. ``progress(done, total)`` is called when the layout is done; ``cancel()`` returning True stops the
    build with ``render.Cancelled``.
    """
    chosen = set(SECTION_KEYS if sections is None else sections)
    pagesize, kit = page_and_kit(lang, paper, [c.hex for c in data.brand.colours] if data.brand else [])
    title = kit.t(texts.ONBOARDING_TITLE)
    meta = Meta(f"{title} — {data.partner_name}", data.company_name,
                running_header(kit, data.company_name, title, data.partner_name))

    def make_story() -> list[Flowable]:
        kit.restart()
        story = _story(kit, data, chosen, fillable)
        if "contents" in chosen:
            at = next(i for i, f in enumerate(story) if getattr(f, "toc_slot", False))
            story[at:at + 1] = [Toc(kit, toc_entries(story))]
        return story

    return render(kit, pagesize, make_story, meta, cover=draw_cover if "cover" in chosen else None,
                  progress=progress, cancel=cancel)


class _Slot(Spacer):
    toc_slot = True


def _story(kit: Kit, data: OnboardingData, chosen: set[str], fillable: bool) -> list[Flowable]:
    builders: dict[str, Callable[[Kit, OnboardingData], list[Flowable]]] = {
        "welcome": _welcome, "people": people.whos_who, "scope": _scope, "responsibilities": _responsibilities,
        "calendar": plan.calendar, "communication": plan.communication, "contract": _contract, "kpis": _kpis,
        "training": plan.training, "brand": _brand,
        "questionnaire": lambda k, d: questionnaire(k, d, fillable),
    }
    story: list[Flowable] = []
    if "cover" in chosen:
        story += _cover(kit, data)
    if "contents" in chosen:
        if story:
            story.append(PageBreak())
        story += [kit.heading(kit.t(texts.CONTENTS)), Spacer(1, 6 * mm), _Slot(1, 1)]
    for key in SECTION_KEYS[2:]:
        if key in chosen:
            part = builders[key](kit, data)
            if not story:  # the first thing in the document needs no page break before it
                part = [f for f in part if not isinstance(f, (PageBreak, CondPageBreak))]
            story += part
    return story or [kit.p(kit.t(texts.NOTHING_LISTED))]


def _cover(kit: Kit, data: OnboardingData) -> list[Flowable]:
    t = kit.t
    story = cover_head(kit, t(texts.ONBOARDING_TITLE), data.partner_name,
                       data.brand.logo_png if data.brand else None, 22 * mm, 6 * mm)
    story += [Spacer(1, 8 * mm), kit.p(t(texts.PREPARED_BY, company=data.company_name), kit.cover_meta),
              kit.p(t(texts.PACKET_DATE, date=format_date(data.today, "long", lang=kit.lang)), kit.cover_meta)]
    return story


def _welcome(kit: Kit, data: OnboardingData) -> list[Flowable]:
    t = kit.t
    story = kit.section(t(texts.WELCOME), new_page=True)
    story += [kit.p(t(texts.WELCOME_GREETING, partner=data.partner_name)), kit.p(t(texts.WELCOME_BODY)),
              kit.p(t(texts.WELCOME_CLOSING)), Spacer(1, 6 * mm), kit.p(t(texts.WELCOME_SIGN))]
    if data.owners:
        owner = data.owners[0]
        story += [Spacer(1, 8 * mm), kit.p(owner.name, kit.h2),
                  kit.p(", ".join(x for x in (owner.role, data.company_name) if x), kit.small)]
    glance = _at_a_glance(kit, data)
    if glance:
        story += [Spacer(1, 14 * mm), kit.sub(t(texts.AT_A_GLANCE)), kit.facts(glance, tinted=True)]
    return story


def _at_a_glance(kit: Kit, data: OnboardingData) -> list[tuple[str, str]]:
    """The handful of facts a new partner looks for first."""
    t = kit.t
    rows: list[tuple[str, str]] = []
    if data.phase:
        rows.append((t(texts.GLANCE_PHASE), data.phase))
    manager = data.manager
    if manager is not None:
        rows.append((t(texts.ACCOUNT_MANAGER), " · ".join(x for x in (manager.name, manager.email) if x)))
    rows.append((t(texts.COL_REPLY), kit.n(texts.REPLY_WITHIN, data.reply_hours)))
    if data.contract is not None:
        c = data.contract
        end = format_date(c.end_on, "long", lang=kit.lang) if c.end_on else t(texts.OPEN_ENDED)
        rows.append((t(texts.CONTRACT_TITLE), t(texts.HOURS_RANGE, start=format_date(c.start_on, "long",
                                                                                  lang=kit.lang), end=end)))
    upcoming = next((m for m in data.milestones if m.start.date() >= data.today), None)
    if upcoming is not None:
        rows.append((t(texts.GLANCE_NEXT_MILESTONE),
                     f"{format_date(upcoming.start.date(), 'long', lang=kit.lang)} — {upcoming.title}"))
    return rows


def _scope(kit: Kit, data: OnboardingData) -> list[Flowable]:
    t = kit.t
    story = kit.section(t(texts.SCOPE))
    if data.phase:
        story.append(kit.p(t(texts.PHASE, phase=data.phase)))
    for label, items in ((texts.IN_SCOPE, data.in_scope), (texts.OUT_OF_SCOPE, data.out_of_scope)):
        story.append(kit.sub(t(label)))
        story += [kit.bullet(item) for item in items] or [kit.p(t(texts.NOTHING_LISTED))]
    return story


def _responsibilities(kit: Kit, data: OnboardingData) -> list[Flowable]:
    t, width = kit.t, kit.width
    story = kit.section(t(texts.RESPONSIBILITIES))
    cols = [t(texts.COL_TASK), t(texts.COL_WHO), t(texts.COL_FREQUENCY), t(texts.COL_DEADLINE)]
    rows: list[list[object]] = [
        [r.task, r.who, r.frequency, format_date(r.deadline, "medium", lang=kit.lang) if r.deadline else "—"]
        for r in data.responsibilities]
    story.append(kit.table(cols, rows, [0.42 * width, 0.24 * width, 0.16 * width, 0.18 * width]) if rows
                 else kit.p(t(texts.NOTHING_LISTED)))
    return story


def _contract(kit: Kit, data: OnboardingData) -> list[Flowable]:
    t = kit.t
    story = kit.section(t(texts.CONTRACT), new_page=True)
    c = data.contract
    if c is None:
        return story + [kit.p(t(texts.NO_CONTRACT))]
    rows = [(t(texts.CONTRACT_TITLE), c.title),
            (t(texts.CONTRACT_START), format_date(c.start_on, "long", lang=kit.lang)),
            (t(texts.CONTRACT_END), format_date(c.end_on, "long", lang=kit.lang) if c.end_on
             else t(texts.OPEN_ENDED)),
            (t(texts.PAYMENT_TERMS), c.payment_terms or "—"), (t(texts.DELIVERY_TERMS), c.delivery_terms or "—"),
            (t(texts.REVIEW), t(texts.REVIEW_EVERY, months=c.review_every_months) if c.review_every_months
             else "—"),
            (t(texts.NOTICE), t(texts.NOTICE_DAYS, days=c.notice_days)),
            (t(texts.DISPUTES), c.dispute_resolution or "—")]
    return story + [kit.facts(rows)]


def _kpis(kit: Kit, data: OnboardingData) -> list[Flowable]:
    t, width = kit.t, kit.width
    story = kit.section(t(texts.KPIS))
    rows: list[list[object]] = [[k.name, k.value, k.target] for k in data.kpis]
    story.append(kit.table([t(texts.COL_KPI), t(texts.COL_LATEST), t(texts.COL_TARGET)], rows,
                           [0.5 * width, 0.25 * width, 0.25 * width]) if rows else kit.p(t(texts.NOTHING_LISTED)))
    return story


def _brand(kit: Kit, data: OnboardingData) -> list[Flowable]:
    from partnerdesk.packets.brand import brand_sections

    story = kit.section(kit.t(texts.BRAND_GUIDE), new_page=True)
    if data.brand is None:
        return story + [kit.p(kit.t(texts.NOTHING_LISTED))]
    return story + brand_sections(kit, data.brand, level=1)
