"""The Payments tab of the partner profile, reached through the Partners view of the main window."""

from __future__ import annotations

from partnerdesk.services import payments as P
from partnerdesk.ui.views_registry import VIEWS


def test_partner_profile_shows_that_partners_ledger(payments_window) -> None:  # type: ignore[no-untyped-def]
    window = payments_window
    window.start()
    window.nav.setCurrentRow([key for key, *_rest in VIEWS].index("partners"))
    view = window.current_view()
    rows = P.load_rows(window.context.ws)
    partner_id = rows[0].partner_id
    view.select_partner(partner_id)
    profile = view.profile
    profile.show_section(profile.payments)
    assert profile.tabText(profile.currentIndex()) == "Payments"
    tab = profile.payments
    mine = [r for r in rows if r.partner_id == partner_id]
    assert tab.model.rowCount() == len(mine)
    assert {tab.model.rows[i].partner_id for i in tab.model.ids} == {partner_id}
    assert "%" in tab.ours.text() or "No payments" in tab.ours.text()
    assert tab.totals.rowCount() == len({r.currency for r in mine})
    window.set_language("el")  # views are built again in the new language
    profile = window.current_view().profile
    assert profile.tabText(profile.sections.index(profile.payments)) == "Πληρωμές"


def test_calendar_payment_chip_names_partner_and_amount_and_opens_the_ledger(payments_window) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from partnerdesk.domain.occurrence import SourceKind
    from partnerdesk.services.calendar import occurrences
    from partnerdesk.ui.calendar.navigation import open_source
    from tests.conftest import DEMO_TODAY

    window = payments_window
    window.start()
    window.nav.setCurrentRow([key for key, *_rest in VIEWS].index("calendar"))
    calendar = window.current_view()
    start = dt.datetime.combine(DEMO_TODAY, dt.time(), tzinfo=dt.UTC)
    occ = next(o for o in occurrences(window.context.ws, start, start + dt.timedelta(days=30),
                                      kinds=[SourceKind.PAYMENT]))
    row = P.load_rows(window.context.ws, [occ.source_id])[0]
    from partnerdesk.l10n import format_money

    assert occ.title == f"{row.partner_name} · {format_money(row.amount_minor, row.currency)}"
    open_source(calendar, occ)
    ledger = window.current_view()
    assert type(ledger).__name__ == "PaymentsView"
    assert ledger.selected_ids() == [occ.source_id]
