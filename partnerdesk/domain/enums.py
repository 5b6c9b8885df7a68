"""Closed vocabularies of the domain. Values are stored in the database; labels are translated."""

from __future__ import annotations

from enum import StrEnum

from partnerdesk.l10n import N_, _


class LabelledEnum(StrEnum):
    """A StrEnum whose members carry an English label marked for translation."""

    @classmethod
    def _labels(cls) -> dict[str, str]:
        raise NotImplementedError

    @property
    def label(self) -> str:
        """Label in the current UI language."""
        return _(self._labels()[self.value])

    @property
    def source_label(self) -> str:
        """Untranslated English label (translate with a Translator for another language)."""
        return self._labels()[self.value]


class Seniority(LabelledEnum):
    SENIOR = "senior"
    JUNIOR = "junior"
    NEW_HIRE = "new_hire"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"senior": N_("Senior"), "junior": N_("Junior"), "new_hire": N_("New hire")}


class PartnerKind(LabelledEnum):
    AGENCY = "agency"
    MARKETPLACE = "marketplace"
    LOGISTICS = "logistics"
    CUSTOMER_SERVICE = "customer_service"
    SEO_MARKETING = "seo_marketing"
    PAYMENTS = "payments"
    TECHNOLOGY = "technology"
    VENDOR = "vendor"
    B2B_CUSTOMER = "b2b_customer"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "agency": N_("Agency"),
            "marketplace": N_("Marketplace"),
            "logistics": N_("Logistics"),
            "customer_service": N_("Customer service"),
            "seo_marketing": N_("SEO and marketing"),
            "payments": N_("Payments"),
            "technology": N_("Technology"),
            "vendor": N_("Vendor"),
            "b2b_customer": N_("B2B customer"),
        }


class PartnerStage(LabelledEnum):
    PROSPECT = "prospect"
    EVALUATING = "evaluating"
    PILOT = "pilot"
    ACTIVE = "active"
    EXPANDED = "expanded"
    PAUSED = "paused"
    ENDED = "ended"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "prospect": N_("Prospect"),
            "evaluating": N_("Evaluating"),
            "pilot": N_("Pilot"),
            "active": N_("Active"),
            "expanded": N_("Expanded"),
            "paused": N_("Paused"),
            "ended": N_("Ended"),
        }


class Channel(LabelledEnum):
    EMAIL = "email"
    CALL = "call"
    VIDEO = "video"
    IN_PERSON = "in_person"
    MESSAGE = "message"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "email": N_("Email"),
            "call": N_("Call"),
            "video": N_("Video meeting"),
            "in_person": N_("In person"),
            "message": N_("Message"),
        }


class Priority(LabelledEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"low": N_("Low"), "normal": N_("Normal"), "high": N_("High"), "urgent": N_("Urgent")}

    @property
    def rank(self) -> int:
        return list(Priority).index(self)


class StatusCategory(LabelledEnum):
    """What a kanban column means for the workflow, whatever the user calls it."""

    TODO = "todo"
    DOING = "doing"
    DONE = "done"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"todo": N_("To do"), "doing": N_("In progress"), "done": N_("Done")}


class Phase(LabelledEnum):
    PILOT = "pilot"
    EXPANSION = "expansion"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"pilot": N_("Pilot"), "expansion": N_("Expansion")}


class ScopeStatus(LabelledEnum):
    PROPOSED = "proposed"
    AGREED = "agreed"
    DELIVERED = "delivered"
    DROPPED = "dropped"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "proposed": N_("Proposed"),
            "agreed": N_("Agreed"),
            "delivered": N_("Delivered"),
            "dropped": N_("Dropped"),
        }


class Frequency(LabelledEnum):
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    ONE_OFF = "one_off"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "daily": N_("Daily"),
            "weekly": N_("Weekly"),
            "monthly": N_("Monthly"),
            "quarterly": N_("Quarterly"),
            "one_off": N_("One-off"),
        }


class EventKind(LabelledEnum):
    MEETING = "meeting"
    DEADLINE = "deadline"
    REVIEW = "review"
    PAYMENT = "payment"
    TRAINING = "training"
    WORKSHOP = "workshop"
    CONTENT = "content"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "meeting": N_("Meeting"),
            "deadline": N_("Deadline"),
            "review": N_("Review"),
            "payment": N_("Payment"),
            "training": N_("Training"),
            "workshop": N_("Workshop"),
            "content": N_("Content"),
        }


class PaymentDirection(LabelledEnum):
    PAYABLE = "payable"
    RECEIVABLE = "receivable"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"payable": N_("We pay"), "receivable": N_("Partner pays")}


class PaymentMethod(LabelledEnum):
    BANK_TRANSFER = "bank_transfer"
    CARD = "card"
    PIX = "pix"
    SEPA = "sepa"
    OTHER = "other"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "bank_transfer": N_("Bank transfer"),
            "card": N_("Card"),
            "pix": N_("Pix"),
            "sepa": N_("SEPA transfer"),
            "other": N_("Other"),
        }


class KpiDirection(LabelledEnum):
    HIGHER = "higher"
    LOWER = "lower"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"higher": N_("Higher is better"), "lower": N_("Lower is better")}


class KpiUnit(LabelledEnum):
    COUNT = "count"
    PERCENT = "percent"
    RATIO = "ratio"
    HOURS = "hours"
    MONEY = "money"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "count": N_("Count"),
            "percent": N_("Percent"),
            "ratio": N_("Ratio"),
            "hours": N_("Hours"),
            "money": N_("Money"),
        }


class RuleKind(LabelledEnum):
    DO = "do"
    DONT = "dont"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"do": N_("Do"), "dont": N_("Don't")}


class AnswerType(LabelledEnum):
    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"
    YES_NO = "yes_no"
    CHOICE = "choice"
    NUMBER = "number"
    DATE = "date"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "short_text": N_("Short text"),
            "long_text": N_("Long text"),
            "yes_no": N_("Yes / no"),
            "choice": N_("Multiple choice"),
            "number": N_("Number"),
            "date": N_("Date"),
        }


class Action(LabelledEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    RESTORE = "restore"
    MOVE = "move"
    IMPORT = "import"
    MERGE = "merge"
    ARCHIVE = "archive"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "create": N_("Created"),
            "update": N_("Updated"),
            "delete": N_("Deleted"),
            "restore": N_("Restored"),
            "move": N_("Moved"),
            "import": N_("Imported"),
            "merge": N_("Merged"),
            "archive": N_("Archived"),
        }


# Default kanban columns: key -> (label, category).
DEFAULT_STATUSES: tuple[tuple[str, str, StatusCategory], ...] = (
    ("pending", N_("Pending"), StatusCategory.TODO),
    ("in_progress", N_("In Progress"), StatusCategory.DOING),
    ("on_track", N_("On Track"), StatusCategory.DOING),
    ("at_risk", N_("At Risk"), StatusCategory.DOING),
    ("done", N_("Done"), StatusCategory.DONE),
)
