"""Plain data a packet is built from (no database access here)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Person:
    name: str
    role: str = ""
    email: str = ""
    time_zone: str = ""
    organization: str = ""


@dataclass(frozen=True)
class ResponsibilityRow:
    task: str
    who: str
    frequency: str  # already translated label
    deadline: dt.date | None = None


@dataclass(frozen=True)
class ContractSummary:
    title: str
    start_on: dt.date
    end_on: dt.date | None = None
    payment_terms: str = ""
    delivery_terms: str = ""
    review_every_months: int | None = None
    notice_days: int = 30
    dispute_resolution: str = ""


@dataclass(frozen=True)
class KpiRow:
    name: str
    value: str
    target: str


@dataclass(frozen=True)
class QuestionRow:
    text: str
    required: bool = False
    lines: int = 3


@dataclass(frozen=True)
class OnboardingData:
    partner_name: str
    company_name: str
    today: dt.date
    owners: list[Person] = field(default_factory=list)  # owner #1 first
    contacts: list[Person] = field(default_factory=list)
    in_scope: list[str] = field(default_factory=list)
    out_of_scope: list[str] = field(default_factory=list)
    phase: str = ""
    responsibilities: list[ResponsibilityRow] = field(default_factory=list)
    contract: ContractSummary | None = None
    kpis: list[KpiRow] = field(default_factory=list)
    questionnaire_title: str = ""
    questionnaire_intro: str = ""
    questions: list[QuestionRow] = field(default_factory=list)


@dataclass(frozen=True)
class ColourRow:
    name: str
    hex: str
    usage: str = ""


@dataclass(frozen=True)
class BrandGuideData:
    name: str
    story: str = ""
    tone_of_voice: str = ""
    imagery: str = ""
    logo_png: bytes | None = None
    colours: list[ColourRow] = field(default_factory=list)
    typefaces: list[tuple[str, str, str]] = field(default_factory=list)  # role, family, usage
    dos: list[str] = field(default_factory=list)
    donts: list[str] = field(default_factory=list)
