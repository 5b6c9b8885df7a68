"""The main window's views, in navigation order. Each entry: key, English title (translated at display),
icon theme name, and "module:Class" of a QWidget taking ``(context: AppContext, parent=None)``.

A view class may implement ``retranslate_ui()`` (called after a language switch) and ``reload()``
(called when another workspace is opened). Views import lazily, so the window shows before they load.
"""

from __future__ import annotations

from partnerdesk.l10n import N_

VIEWS: tuple[tuple[str, str, str, str], ...] = (
    ("today", N_("Today"), "go-home", "partnerdesk.ui.today.view:TodayView"),
    ("kanban", N_("Kanban"), "view-list-details", "partnerdesk.ui.kanban.view:KanbanView"),
    ("calendar", N_("Calendar"), "x-office-calendar", "partnerdesk.ui.calendar.view:CalendarView"),
    ("contacts", N_("Contacts"), "x-office-address-book", "partnerdesk.ui.contacts.view:ContactsView"),
    ("partners", N_("Partners"), "system-users", "partnerdesk.ui.partners.view:PartnersView"),
    ("payments", N_("Payments"), "wallet-open", "partnerdesk.ui.payments.view:PaymentsView"),
    ("performance", N_("Performance"), "office-chart-line", "partnerdesk.ui.performance.view:PerformanceView"),
)
