"""Gather what a packet needs from the workspace and build it (read-only)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from partnerdesk.domain.enums import KpiUnit, RuleKind
from partnerdesk.domain.errors import NotFoundError
from partnerdesk.l10n import N_, Translator
from partnerdesk.l10n.formats import format_decimal, format_money, format_number, format_percent
from partnerdesk.packets.data import (
    BrandGuideData,
    ColourRow,
    ContractSummary,
    KpiRow,
    OnboardingData,
    Person,
    QuestionRow,
    ResponsibilityRow,
)
from partnerdesk.packets.onboarding import build_onboarding
from partnerdesk.store.models import (
    BrandGuide,
    KpiValue,
    Partner,
    Questionnaire,
    Setting,
    TeamMember,
)
from partnerdesk.store.workspace import Workspace


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
        me = session.scalar(select(TeamMember).where(TeamMember.is_me))
        company = _company_name(session, brand, me)
        owners = [Person(m.name, m.role, m.email, m.time_zone) for m in (partner.owner, partner.second) if m]
        contacts = [Person(c.display_name, c.role, (c.emails[0].get("value", "") if c.emails else ""),
                           c.time_zone or partner.time_zone, c.organization) for c in partner.contacts]
        scope = sorted(partner.scope_items, key=lambda s: s.position)
        phase = scope[-1].phase if scope else None
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
        questions = [QuestionRow(q.text, q.required) for q in questionnaire.questions] if questionnaire else []
        return OnboardingData(
            partner_name=partner.name, company_name=company, today=today or dt.date.today(), owners=owners,
            contacts=contacts, in_scope=[s.description for s in current if s.in_scope],
            out_of_scope=[s.description for s in current if not s.in_scope],
            phase=tr.gettext(phase.source_label) if phase else "", responsibilities=resp, contract=contract,
            kpis=kpis, questionnaire_title=questionnaire.title if questionnaire else "",
            questionnaire_intro=questionnaire.intro if questionnaire else "", questions=questions)


def _company_name(session: object, brand: BrandGuide | None, me: TeamMember | None) -> str:
    """The "company_name" setting; else the brand guide's name without a trailing "brand guide"; else me."""
    setting = session.get(Setting, "company_name")  # type: ignore[attr-defined]
    if setting is not None and isinstance(setting.value, str) and setting.value.strip():
        return setting.value.strip()
    if brand is not None:
        name = brand.name.strip()
        return name[: -len(" brand guide")] if name.lower().endswith(" brand guide") else name
    return me.name if me else ""


def _kpi_label(key: str) -> str:
    return key.replace("_", " ").capitalize()


def partner_language(workspace: Workspace, partner_name: str) -> str:
    with workspace.session() as session:
        partner = session.scalar(select(Partner).where(Partner.name == partner_name))
        if partner is None:
            raise NotFoundError(N_("No partner named {name}."), name=partner_name)
        return partner.locale or "en"


def onboarding_pdf(workspace: Workspace, partner_name: str, lang: str | None = None, paper: str | None = None,
                   today: dt.date | None = None) -> bytes:
    """Build the onboarding packet (default language: the partner's locale)."""
    lang = lang or partner_language(workspace, partner_name)
    return build_onboarding(load_onboarding(workspace, partner_name, lang, today), lang, paper)


def load_brand_guide(workspace: Workspace) -> BrandGuideData:
    """The first brand guide of the workspace."""
    with workspace.session() as session:
        guide = session.scalar(select(BrandGuide).order_by(BrandGuide.id))
        if guide is None:
            raise NotFoundError(N_("The workspace has no brand guide yet."))
        return BrandGuideData(
            name=guide.name, story=guide.story, tone_of_voice=guide.tone_of_voice, imagery=guide.imagery,
            logo_png=guide.logo, colours=[ColourRow(c.name, c.hex, c.usage) for c in guide.colors],
            typefaces=[(f.role, f.family, f.usage) for f in guide.typefaces],
            dos=[r.text for r in guide.rules if r.kind == RuleKind.DO],
            donts=[r.text for r in guide.rules if r.kind == RuleKind.DONT])


def brand_guide_pdf(workspace: Workspace, lang: str, paper: str | None = None) -> bytes:
    from partnerdesk.packets.brand import build_brand_guide

    return build_brand_guide(load_brand_guide(workspace), lang, paper)
