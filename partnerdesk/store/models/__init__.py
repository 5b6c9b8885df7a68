"""SQLAlchemy 2 typed models of a PartnerDesk workspace."""

from partnerdesk.store.models.activity import ActivityLog, Setting
from partnerdesk.store.models.base import Base, utcnow
from partnerdesk.store.models.brand import (
    BrandColor,
    BrandGuide,
    BrandRule,
    BrandTypeface,
    Question,
    Questionnaire,
)
from partnerdesk.store.models.calendar import Event, Payment, event_contacts, event_members
from partnerdesk.store.models.kpi import KpiDefinition, KpiMapping, KpiSnapshot, KpiValue
from partnerdesk.store.models.payments import PaymentSchedule
from partnerdesk.store.models.people import Contact, Interaction, Partner, TeamMember, interaction_contacts
from partnerdesk.store.models.work import (
    ChecklistItem,
    Contract,
    Responsibility,
    ScopeItem,
    WorkItem,
    WorkStatus,
)

__all__ = [
    "ActivityLog", "Base", "BrandColor", "BrandGuide", "BrandRule", "BrandTypeface", "ChecklistItem",
    "Contact", "Contract", "Event", "Interaction", "KpiDefinition", "KpiMapping", "KpiSnapshot", "KpiValue",
    "Partner", "Payment", "PaymentSchedule", "Question", "Questionnaire", "Responsibility", "ScopeItem", "Setting",
    "TeamMember", "WorkItem",
    "WorkStatus", "event_contacts", "event_members", "interaction_contacts", "utcnow",
]
