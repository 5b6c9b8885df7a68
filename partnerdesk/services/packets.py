"""Gather what a packet needs from the workspace and build it (read-only).

Public API used by the CLI and the app ("Build packet…" dialog, preview, batch):
``onboarding_sections()`` (keys and labels to offer), ``partner_language()`` and ``partner_paper()`` (the
dialog's defaults), ``default_paper()``, ``onboarding_pdf()`` and ``onboarding_batch()`` (with ``sections``,
``paper``, ``lang``, ``fillable``, ``progress`` and ``cancel``), ``brand_guide_pdf()``, ``load_onboarding()``,
``load_brand_guide()`` and ``PacketCancelled`` (raised on cancel; a batch's exception carries ``partial``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from babel import Locale, UnknownLocaleError
from sqlalchemy import func, select

from partnerdesk.domain.enums import KpiUnit, RuleKind
from partnerdesk.domain.errors import NotFoundError, PartnerDeskError, ValidationError
from partnerdesk.domain.partners import current_phase
from partnerdesk.l10n import N_, Translator, language_for
from partnerdesk.l10n.formats import format_decimal, format_money, format_number, format_percent
from partnerdesk.packets.data import (
    BrandGuideData,
    ChannelUse,
    ColourRow,
    ContractSummary,
    KpiRow,
    OnboardingData,
    Person,
    QuestionRow,
    ResponsibilityRow,
)
from partnerdesk.packets.onboarding import build_onboarding
from partnerdesk.packets.render import Cancelled
from partnerdesk.packets.sections import SECTION_KEYS, SECTIONS
from partnerdesk.services.packet_calendar import milestones, partner_calendar
from partnerdesk.store.models import (
    BrandGuide,
    Interaction,
    KpiValue,
    Partner,
    Questionnaire,
    Setting,
    TeamMember,
)
from partnerdesk.store.workspace import Workspace

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]


class PacketCancelled(PartnerDeskError):
    """The user cancelled a packet build (nothing was written)."""

    template = N_("The packet build was cancelled.")


def onboarding_sections() -> list[tuple[str, str]]:
    """(key, untranslated label) of every onboarding section in reading order; translate labels with ``_()``."""
    return list(SECTIONS)


def _check_sections(sections: Iterable[str] | None) -> list[str] | None:
    if sections is None:
        return None
    chosen = [s.strip() for s in sections if s.strip()]
    for name in chosen:
        if name not in SECTION_KEYS:
            raise ValidationError(N_("Unknown section: {name}. Choose from: {choices}."), field="sections",
                                  name=name, choices=", ".join(SECTION_KEYS))
    return chosen


def default_paper(locale: str, country: str = "") -> str:
    """"A4" or "Letter" for a locale ("en_US", "pt") and optional ISO country: CLDR territory of the locale,
    else of the language in that country (en + US -> Letter), else of the language's usual region."""
    from partnerdesk.l10n.formats import paper_size

    tag = locale.replace("-", "_")
    if "_" not in tag and country:
        try:
            Locale.parse(f"{tag}_{country.upper()}")
            tag = f"{tag}_{country.upper()}"
        except (ValueError, LookupError, UnknownLocaleError):
            pass
    return paper_size(tag)


def _kpi_text(value: float | None, unit: KpiUnit, currency: str, lang: str) -> str:
    if value is None:
        return "—"
    if unit == KpiUnit.PERCENT:
        return format_percent(value / 100 if value > 1 else value, lang=lang)
    if unit == KpiUnit.MONEY and currency:
        return format_money(round(value * 100), currency, lang=lang)
    if unit == KpiUnit.COUNT:
        return format_number(round(value), lang=lang)
    return format_decimal(value, lang=lang)


def load_onboarding(workspace: Workspace, partner_name: str, lang: str, today: dt.date | None = None
                    ) -> OnboardingData:
    """Everything the onboarding packet for ``partner_name`` shows, with labels in ``lang``."""
    tr = Translator(lang)
    with workspace.session() as session:
        partner = session.scalar(select(Partner).where(Partner.name == partner_name))
        if partner is None:
            raise NotFoundError(N_("No partner named {name}."), name=partner_name)
        brand = session.scalar(select(BrandGuide).order_by(BrandGuide.id))
        from partnerdesk.services.team_members import me_condition  # who I am on a team workspace

        me = session.scalar(select(TeamMember).where(me_condition(workspace)).limit(1))
        company = _company_name(session, brand, me)
        team = [m for m in (partner.owner, partner.second) if m]
        if me is not None and me not in team:
            team.append(me)
        owners = [Person(m.name, m.role, m.email, m.time_zone, company, m.work_start, m.work_end,
                         tuple(m.weekend_days or ()), is_manager=m is me) for m in team]
        contacts = [Person(c.display_name, c.role, (c.emails[0].get("value", "") if c.emails else ""),
                           c.time_zone or partner.time_zone, c.organization, partner.work_start, partner.work_end,
                           tuple(partner.weekend_days or ()))
                    for c in sorted(partner.contacts, key=lambda c: c.id)]
        today = today or dt.date.today()
        channels = [ChannelUse(channel.value, count) for channel, count in session.execute(
            select(Interaction.channel, func.count(Interaction.id)).where(Interaction.partner_id == partner.id)
            .group_by(Interaction.channel).order_by(func.count(Interaction.id).desc(), Interaction.channel))]
        scope = sorted(partner.scope_items, key=lambda s: s.position)
        phase = current_phase(partner.stage, {s.phase for s in scope})  # the stage says, not the last item
        current = [s for s in scope if phase is None or s.phase == phase]
        people = {m.id: m.name for m in session.scalars(select(TeamMember))}
        contact_names = {c.id: c.display_name for c in partner.contacts}
        resp = [ResponsibilityRow(r.task, people.get(r.member_id or -1) or contact_names.get(r.contact_id or -1, "—"),
                                  tr.gettext(r.frequency.source_label), r.deadline)
                for r in sorted(partner.responsibilities, key=lambda r: r.position)]
        contracts = sorted(partner.contracts, key=lambda c: c.start_on)
        contract = None
        if contracts:
            c = contracts[-1]
            contract = ContractSummary(c.title, c.start_on, c.end_on, c.payment_terms, c.delivery_terms,
                                       c.review_every_months, c.notice_days, c.dispute_resolution)
        latest: dict[int, KpiValue] = {}
        for value in session.scalars(select(KpiValue).where(KpiValue.partner_id == partner.id)
                                     .order_by(KpiValue.period_end)):
            latest[value.definition_id] = value
        kpis = []
        for value in sorted(latest.values(), key=lambda v: v.definition.key):
            d = value.definition
            name = d.name or tr.gettext(_kpi_label(d.key))
            kpis.append(KpiRow(name, _kpi_text(value.value, d.unit, d.currency, tr.language),
                               _kpi_text(value.target, d.unit, d.currency, tr.language)))
        questionnaire = session.scalar(select(Questionnaire).order_by(Questionnaire.id))
        questions = [QuestionRow(q.text, q.required, answer_type=q.answer_type.value,
                                 choices=tuple(str(c) for c in q.choices or ()))
                     for q in questionnaire.questions] if questionnaire else []
        return OnboardingData(
            partner_name=partner.name, company_name=company, today=today, owners=owners,
            contacts=contacts, in_scope=[s.description for s in current if s.in_scope],
            out_of_scope=[s.description for s in current if not s.in_scope],
            phase=tr.gettext(phase.source_label) if phase else "", responsibilities=resp, contract=contract,
            kpis=kpis, questionnaire_title=questionnaire.title if questionnaire else "",
            questionnaire_intro=questionnaire.intro if questionnaire else "", questions=questions,
            time_zone=partner.time_zone, reply_hours=partner.reply_hours,
            calendar=partner_calendar(workspace, session, partner, today, tr.language),
            milestones=milestones(session, partner, today, tr.language), channels=channels,
            brand=_brand_data(brand) if brand is not None else None)


def _company_name(session: object, brand: BrandGuide | None, me: TeamMember | None) -> str:
    """The "company_name" setting; else the brand guide's name without a trailing "brand guide"; else me."""
    setting = session.get(Setting, "company_name")  # type: ignore[attr-defined]
    if setting is not None and isinstance(setting.value, str) and setting.value.strip():
        return setting.value.strip()
    if brand is not None:
        name = brand.name.strip()
        return name[: -len(" brand guide")] if name.lower().endswith(" brand guide") else name
    return me.name if me else ""


# Names of the built-in KPIs (their definitions carry an empty name until the user gives one).
KPI_NAMES: dict[str, str] = {
    "traffic": N_("Traffic"),
    "conversions": N_("Conversions"),
    "conversion_rate": N_("Conversion rate"),
    "roi": N_("Return on investment (ROI)"),
    "cs_response_hours": N_("Customer service response time (hours)"),
    "logistics_on_time": N_("On-time deliveries"),
}


def _kpi_label(key: str) -> str:
    """The msgid naming a KPI: a built-in's name, else the key in words (a user's own KPI without a name)."""
    return KPI_NAMES.get(key) or key.replace("_", " ").capitalize()


def _partner_locale(workspace: Workspace, partner_name: str) -> tuple[str, str]:
    with workspace.session() as session:
        partner = session.scalar(select(Partner).where(Partner.name == partner_name))
        if partner is None:
            raise NotFoundError(N_("No partner named {name}."), name=partner_name)
        return partner.locale or "en", partner.country or ""


def partner_language(workspace: Workspace, partner_name: str) -> str:
    """The partner's packet language (its locale's language; European Portuguese for partners in Portugal)."""
    return language_for(*_partner_locale(workspace, partner_name))


def partner_paper(workspace: Workspace, partner_name: str) -> str:
    """"A4" or "Letter" for the partner (from its locale and country)."""
    return default_paper(*_partner_locale(workspace, partner_name))


def onboarding_pdf(workspace: Workspace, partner_name: str, lang: str | None = None, paper: str | None = None,
                   today: dt.date | None = None, *, sections: Iterable[str] | None = None, fillable: bool = True,
                   progress: Progress | None = None, cancel: Cancel | None = None) -> bytes:
    """Build the onboarding packet for ``partner_name``.

    ``lang``: packet language (default: the partner's locale). ``paper``: "A4" or "Letter" (default: from the
    partner's locale and country). ``sections``: keys from ``onboarding_sections()`` (default: all; an unknown
    key raises ``ValidationError``). ``fillable``: questionnaire with form fields. ``progress(done, total)`` is
    called as the build advances ((1, 2) once the data is loaded, (2, 2) when the PDF is ready; it runs on the
    calling thread, so a worker thread must forward it to the UI thread);
    ``cancel()`` is polled between steps and a True answer raises ``PacketCancelled``.
    """
    chosen = _check_sections(sections)
    lang = lang or partner_language(workspace, partner_name)
    paper = paper or partner_paper(workspace, partner_name)
    if cancel is not None and cancel():
        raise PacketCancelled()
    data = load_onboarding(workspace, partner_name, lang, today)
    if progress is not None:
        progress(1, 2)

    def passes(done: int, total: int) -> None:
        if progress is not None:
            progress(1 + done, 1 + total)

    try:
        return build_onboarding(data, lang, paper, fillable, sections=chosen, progress=passes, cancel=cancel)
    except Cancelled as exc:
        raise PacketCancelled() from exc


def onboarding_batch(workspace: Workspace, partner_names: Iterable[str], lang: str | None = None,
                     paper: str | None = None, today: dt.date | None = None, *,
                     sections: Iterable[str] | None = None, fillable: bool = True,
                     progress: Progress | None = None, cancel: Cancel | None = None) -> dict[str, bytes]:
    """Onboarding packets for several partners: {partner name: PDF bytes}, in the given order.

    ``lang``/``paper`` of None mean each partner's own default. ``progress(done, total)`` counts partners;
    ``cancel()`` is polled before each partner and inside each build, and raises ``PacketCancelled`` (packets
    built so far are discarded by the caller or kept: the exception carries them as ``partial``).
    """
    names = list(dict.fromkeys(partner_names))
    chosen = _check_sections(sections)
    out: dict[str, bytes] = {}
    for i, name in enumerate(names):
        try:
            if cancel is not None and cancel():
                raise PacketCancelled()
            out[name] = onboarding_pdf(workspace, name, lang, paper, today, sections=chosen, fillable=fillable,
                                       cancel=cancel)
        except PacketCancelled as exc:
            exc.partial = out  # type: ignore[attr-defined]
            raise
        if progress is not None:
            progress(i + 1, len(names))
    return out


def _brand_data(guide: BrandGuide) -> BrandGuideData:
    return BrandGuideData(
        name=guide.name, story=guide.story, tone_of_voice=guide.tone_of_voice, imagery=guide.imagery,
        logo_png=guide.logo, colours=[ColourRow(c.name, c.hex, c.usage) for c in guide.colors],
        typefaces=[(f.role, f.family, f.usage) for f in guide.typefaces],
        dos=[r.text for r in guide.rules if r.kind == RuleKind.DO],
        donts=[r.text for r in guide.rules if r.kind == RuleKind.DONT])


def load_brand_guide(workspace: Workspace) -> BrandGuideData:
    """The first brand guide of the workspace."""
    with workspace.session() as session:
        guide = session.scalar(select(BrandGuide).order_by(BrandGuide.id))
        if guide is None:
            raise NotFoundError(N_("The workspace has no brand guide yet."))
        return _brand_data(guide)


def brand_guide_pdf(workspace: Workspace, lang: str, paper: str | None = None, *,
                    progress: Progress | None = None, cancel: Cancel | None = None) -> bytes:
    """The workspace's brand guide in ``lang``; ``paper`` defaults to the language's territory. ``progress`` and
    ``cancel`` as for ``onboarding_pdf``."""
    from partnerdesk.packets.brand import build_brand_guide

    try:
        return build_brand_guide(load_brand_guide(workspace), lang, paper, progress=progress, cancel=cancel)
    except Cancelled as exc:
        raise PacketCancelled() from exc
