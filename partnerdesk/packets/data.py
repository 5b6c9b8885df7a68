"""Plain data a packet is built from (no database access here)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Any

from partnerdesk.domain.text import strip_bidi_controls


class _UserText:
    """Every text field (and list of texts) of a packet's data loses its bidirectional control characters, so
    a right-to-left override in a name or task cannot reverse it in the PDF."""

    def __post_init__(self) -> None:
        for item in fields(self):  # type: ignore[arg-type]
            value: Any = getattr(self, item.name)
            if isinstance(value, str):
                object.__setattr__(self, item.name, strip_bidi_controls(value))
            elif isinstance(value, list | tuple) and any(isinstance(v, str) for v in value):
                cleaned = [strip_bidi_controls(v) if isinstance(v, str) else v for v in value]
                object.__setattr__(self, item.name, type(value)(cleaned))


@dataclass(frozen=True)
class Person(_UserText):
    """Someone in "who's who"; working hours are local wall-clock times ("HH:MM") in ``time_zone``."""

    name: str
    role: str = ""
    email: str = ""
    time_zone: str = ""
    organization: str = ""
    work_start: str = "09:00"
    work_end: str = "18:00"
    weekend: tuple[int, ...] = (5, 6)
    is_manager: bool = False


@dataclass(frozen=True)
class ResponsibilityRow(_UserText):
    task: str
    who: str
    frequency: str  # already translated label
    deadline: dt.date | None = None


@dataclass(frozen=True)
class ContractSummary(_UserText):
    title: str
    start_on: dt.date
    end_on: dt.date | None = None
    payment_terms: str = ""
    delivery_terms: str = ""
    review_every_months: int | None = None
    notice_days: int = 30
    dispute_resolution: str = ""


@dataclass(frozen=True)
class KpiRow(_UserText):
    name: str
    value: str
    target: str


@dataclass(frozen=True)
class QuestionRow(_UserText):
    """A questionnaire question; ``answer_type`` is a ``domain.enums.AnswerType`` value (``lines`` is the number of
    ruled lines for long text answers)."""

    text: str
    required: bool = False
    lines: int = 3
    answer_type: str = "long_text"
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class CalendarEntry(_UserText):
    """One dated entry of the 90-day calendar: ``start``/``end`` are aware datetimes; ``kind`` is a key of
    ``packets.plan.ENTRY_KINDS`` (event kinds plus "payment", "contract_review", "contract_notice",
    "contract_end", "deadline", "work_item")."""

    start: dt.datetime
    title: str
    kind: str
    end: dt.datetime | None = None
    all_day: bool = False
    detail: str = ""  # amount, location or link
    recurring: bool = False
    online: bool = False  # a video meeting (detail is its link) rather than a place


@dataclass(frozen=True)
class ChannelUse(_UserText):
    """A communication channel (``domain.enums.Channel`` value) and how often it was used with the partner."""

    channel: str
    count: int = 0


@dataclass(frozen=True)
class OnboardingData(_UserText):
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
    time_zone: str = "UTC"  # the partner's zone: calendar times are shown in it
    reply_hours: int = 24  # agreed reply time on working days
    calendar: list[CalendarEntry] = field(default_factory=list)  # next 90 days, sorted
    milestones: list[CalendarEntry] = field(default_factory=list)  # contract dates, one-off deadlines, sorted
    channels: list[ChannelUse] = field(default_factory=list)  # most used first
    brand: BrandGuideData | None = None

    @property
    def manager(self) -> Person | None:
        """Our account manager (the person the working-hours overlap is computed with)."""
        return next((p for p in self.owners if p.is_manager), self.owners[0] if self.owners else None)


@dataclass(frozen=True)
class ColourRow(_UserText):
    name: str
    hex: str
    usage: str = ""


@dataclass(frozen=True)
class BrandGuideData(_UserText):
    name: str
    story: str = ""
    tone_of_voice: str = ""
    imagery: str = ""
    logo_png: bytes | None = None
    colours: list[ColourRow] = field(default_factory=list)
    typefaces: list[tuple[str, str, str]] = field(default_factory=list)  # role, family, usage
    dos: list[str] = field(default_factory=list)
    donts: list[str] = field(default_factory=list)
