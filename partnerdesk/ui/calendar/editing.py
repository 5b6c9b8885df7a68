"""Turning calendar gestures into edits: dialogs, the "which occurrences?" question, undo commands, and the
warning when an event falls outside the partner's working hours. Dialogs open window-modal but never block
(``open()``), so the window keeps painting and tests can drive them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QDialog

from partnerdesk.domain.errors import EditConflictError, NotFoundError, PartnerDeskError
from partnerdesk.domain.occurrence import Occurrence, SourceKind
from partnerdesk.l10n import _, format_clock, format_list, format_skeleton, format_time, weekday_name
from partnerdesk.services.base import ChangeSet
from partnerdesk.services.calendar import EditScope, EventService
from partnerdesk.store.models import Event
from partnerdesk.ui.calendar.attendees import attendee_choices
from partnerdesk.ui.calendar.commands import ChangeEvent, CreateEvent
from partnerdesk.ui.calendar.event_dialog import EventDialog
from partnerdesk.ui.calendar.layout import day_and_time, zone
from partnerdesk.ui.calendar.scope_dialog import ScopeDialog
from partnerdesk.ui.calendar.zones import PartnerClock
from partnerdesk.ui.conflicts import open_conflict, resolve_conflict
from partnerdesk.ui.pickers.zones import zone_city

if TYPE_CHECKING:
    from partnerdesk.ui.calendar.view import CalendarView

_FIELDS = {"start": "starts_at", "end": "ends_at"}


def event_values(ws: Any, occ: Occurrence) -> dict[str, Any]:
    """The dialog's values for an occurrence: the row's fields, the occurrence's own times, the series' rule."""
    with ws.session() as s:
        ev = s.get(Event, occ.source_id)
        if ev is None:
            raise NotFoundError()
        master = s.get(Event, ev.series_id) if ev.series_id is not None else ev
        rule_text = master.rrule if master else ""
        return {
            "title": ev.title, "kind": ev.kind, "partner_id": ev.partner_id, "time_zone": ev.time_zone,
            "all_day": ev.all_day, "start": occ.start, "end": occ.end, "location": ev.location,
            "video_link": ev.video_link, "description": ev.description,
            "reminder_minutes": list(ev.reminder_minutes or []), "rrule": rule_text,
            "member_ids": sorted(m.id for m in ev.members), "contact_ids": sorted(c.id for c in ev.contacts),
            "attendee_emails": list(ev.attendee_emails or []),
            "row_version": ev.row_version,  # what a save from this dialog expects (issue 18)
        }


def hours_warning(partner: PartnerClock, start: dt.datetime, end: dt.datetime) -> str:
    """'' when [start, end) is inside the partner's working hours, else what is wrong, in words."""
    hours = partner.hours
    if end <= start:
        end = start + dt.timedelta(minutes=1)
    if hours.covers(start, end):
        return ""
    there = start.astimezone(zone(partner.time_zone))
    when = day_and_time(there)
    if there.weekday() in hours.weekend:
        days = format_list([weekday_name(d) for d in sorted(hours.weekend)])
        return _("Outside working hours: for {partner} this is {time}, on their weekend ({days}).").format(
            partner=partner.name, time=when, days=days)
    return _("Outside working hours: for {partner} this is {time}; they work {start}–{end} ({zone}).").format(
        partner=partner.name, time=when, start=format_clock(hours.start), end=format_clock(hours.end),
        zone=zone_city(partner.time_zone))


class CalendarEditor:
    def __init__(self, view: CalendarView) -> None:
        self.view = view
        self.dialog: EventDialog | None = None
        self.scope_dialog: ScopeDialog | None = None
        self.find_dialog: Any = None
        for grid in (view.month, view.week):
            grid.create_requested.connect(self.create_at)
            grid.move_requested.connect(self.move)
            grid.open_requested.connect(self.open)
            grid.delete_requested.connect(self.delete_event)
        view.agenda.open_requested.connect(self.open)
        view.agenda.delete_requested.connect(self.delete_event)

    @property
    def service(self) -> EventService:
        return EventService(self.view.context.ws)

    # --- pushing ------------------------------------------------------------------------------------------
    def push(self, command: Any, reapply: Callable[[int | None], object] | None = None,
             mine: dict[str, Any] | None = None, dialog: EventDialog | None = None) -> bool:
        """Run and keep ``command``; True when done. A refusal says why (in ``dialog``, which then stays open, else
        in the view's message bar). An edit conflict (someone else saved the event after the dialog opened) opens
        the conflict dialog, which shows what the user typed: Reload shows theirs, Re-apply mine calls
        ``reapply``."""
        try:
            command.run()
        except EditConflictError as exc:
            if reapply is None:
                if dialog is not None:
                    dialog.show_error(exc.message)
                else:
                    self.view.message.show_message(exc.message, "warning")
                return False
            error = exc

            def reload() -> None:
                changes = ChangeSet()
                changes.add("updated", error.entity, error.entity_id)
                self.view.context.hub.announce(changes)

            resolve_conflict(self.view, exc, self.view.context.ws, mine or {}, reload=reload, reapply=reapply)
            return False
        except PartnerDeskError as exc:
            if dialog is not None:
                dialog.show_error(exc.message)
            else:
                self.view.message.show_message(exc.message, "warning")
            return False
        self.view.context.undo_stack.push(command)
        return True

    def partner(self, partner_id: int | None) -> PartnerClock | None:
        if partner_id is None:
            return self.view.filters.selected_partner()
        return next((p for p in self.view.filters.partners if p.id == partner_id), None)

    def warn_hours(self, partner_id: int | None, start: dt.datetime, end: dt.datetime, all_day: bool) -> None:
        partner = self.partner(partner_id)
        if partner is None or all_day:
            return
        text = hours_warning(partner, start, end)
        if text:
            self.view.message.show_message(text, "warning")

    # --- create -------------------------------------------------------------------------------------------
    def new_event(self) -> None:
        now = dt.datetime.now(self.view.tz)
        day = self.view.anchor
        if day == now.date():
            start = now.replace(minute=0, second=0, microsecond=0) + dt.timedelta(hours=1)
        else:
            start = dt.datetime.combine(day, dt.time(9), self.view.tz)
        start = start.astimezone(dt.UTC)
        self.create_at(start, start + dt.timedelta(hours=1), False)

    def create_at(self, start: dt.datetime, end: dt.datetime, all_day: bool) -> None:
        partner = self.view.filters.selected_partner()
        values = {"title": "", "start": start, "end": end, "all_day": all_day, "time_zone": self.view.zone_name,
                  "partner_id": partner.id if partner else None, "reminder_minutes": [15] if not all_day else []}
        dialog = EventDialog(values, self.view.filters.partners, new=True, parent=self.view,
                             people=attendee_choices(self.view.context.ws))
        dialog.save_hook = lambda: self._created(dialog)
        self._show(dialog)

    def _created(self, dialog: EventDialog) -> bool:
        values = dialog.values()
        data = {_FIELDS.get(k, k): v for k, v in values.items() if v not in ("", None) or k in ("title",)}
        data.setdefault("partner_id", None)
        command = CreateEvent(_("New event “{title}”").format(title=values["title"]), self.service,
                              self.view.context.hub, data)
        if not self.push(command, dialog=dialog):
            return False
        self.warn_hours(values["partner_id"], values["start"], values["end"], values["all_day"])
        return True

    def book(self, title: str, start: dt.datetime, end: dt.datetime, partner_id: int | None) -> bool:
        """Create an event straight away (from "Find a time")."""
        data = {"title": title, "starts_at": start, "ends_at": end, "time_zone": self.view.zone_name,
                "partner_id": partner_id, "reminder_minutes": [15]}
        return self.push(CreateEvent(_("New event “{title}”").format(title=title), self.service,
                                     self.view.context.hub, data))

    # --- open and edit ------------------------------------------------------------------------------------
    def open(self, occ: Occurrence) -> None:
        if occ.source != SourceKind.EVENT:
            from partnerdesk.ui.calendar.navigation import open_source

            open_source(self.view, occ)
            return
        try:
            values = event_values(self.view.context.ws, occ)
        except PartnerDeskError as exc:
            self.view.message.show_message(exc.message, "warning")
            return
        dialog = EventDialog(values, self.view.filters.partners, new=False, parent=self.view,
                             people=attendee_choices(self.view.context.ws))
        dialog.save_hook = lambda: self._edited(dialog, occ, values)
        dialog.delete_requested.connect(lambda: self.delete(occ))
        self._show(dialog)

    def _edited(self, dialog: EventDialog, occ: Occurrence, before: dict[str, Any]) -> bool:
        """Save the edit dialog; False (the dialog stays open) when a one-off event could not be saved."""
        after = dialog.values()
        changed = {_FIELDS.get(k, k): v for k, v in after.items() if before.get(k) != v}
        if not changed:
            return True
        if ("starts_at" in changed) != ("ends_at" in changed):  # times travel together
            changed.update(starts_at=after["start"], ends_at=after["end"])

        def apply(scope: EditScope, version: int | None = before.get("row_version")) -> bool:
            command = ChangeEvent(_("Edit “{title}”").format(title=after["title"]), self.service,
                                  self.view.context.hub, occ.source_id,
                                  lambda s, expected: s.update(occ.source_id, changed, scope=scope,
                                                               recurrence_id=occ.recurrence_id,
                                                               expected_version=expected), version)
            if not self.push(command, lambda current: apply(scope, current), changed,
                             None if occ.recurring else dialog):
                # The conflict dialog took over (it holds what the user typed): this one closes; else it stays.
                return open_conflict(self.view) is not None
            if "starts_at" in changed:
                self.warn_hours(after["partner_id"], after["start"], after["end"], after["all_day"])
            return True

        if not occ.recurring:
            return apply(EditScope.ALL)
        self.with_scope(occ, _("Apply the changes to which occurrences of “{title}”?").format(title=occ.title),
                        apply, allow_this="rrule" not in changed)
        return True

    # --- move and delete ----------------------------------------------------------------------------------
    def move(self, occ: Occurrence, start: dt.datetime, end: dt.datetime) -> None:
        def apply(scope: EditScope) -> None:
            command = ChangeEvent(_("Move “{title}”").format(title=occ.title), self.service,
                                  self.view.context.hub, occ.source_id,
                                  lambda s, expected: s.move(occ.source_id, start, end, scope=scope,
                                                             recurrence_id=occ.recurrence_id,
                                                             expected_version=expected))
            if self.push(command):
                self.view.message.hide()
                self.warn_hours(occ.partner_id, start, end, occ.all_day)
                if self.view.message.isHidden():
                    self._moved_note(occ, start)

        self.with_scope(occ, _("Move which occurrences of “{title}”?").format(title=occ.title), apply)

    def _moved_note(self, occ: Occurrence, start: dt.datetime) -> None:
        self.view.message.show_message(_("“{title}” moved to {time}.").format(
            title=occ.title, time=format_skeleton("MMMEd", start.astimezone(self.view.tz)) + " "
            + format_time(start.astimezone(self.view.tz))), "info", seconds=5)

    def delete(self, occ: Occurrence) -> None:
        def apply(scope: EditScope) -> None:
            self.push(ChangeEvent(_("Delete “{title}”").format(title=occ.title), self.service,
                                  self.view.context.hub, occ.source_id,
                                  lambda s, expected: s.delete(occ.source_id, scope=scope,
                                                               recurrence_id=occ.recurrence_id,
                                                               expected_version=expected)))

        self.with_scope(occ, _("Delete which occurrences of “{title}”?").format(title=occ.title), apply)

    def delete_selected(self) -> None:
        occ = self.view.selected_occurrence()
        if occ is not None:
            self.delete_event(occ)

    def delete_event(self, occ: Occurrence) -> None:
        """Delete key: events only (derived entries belong to their own records)."""
        if occ.source == SourceKind.EVENT:
            self.delete(occ)

    def with_scope(self, occ: Occurrence, question: str, apply: Callable[[EditScope], object], *,
                   allow_this: bool = True) -> None:
        """Run ``apply`` at once for a one-off event; for a repeating one, after asking which occurrences."""
        if not occ.recurring:
            apply(EditScope.ALL)
            return
        dialog = ScopeDialog(question, self.view, allow_this=allow_this)
        self.scope_dialog = dialog
        dialog.accepted.connect(lambda: apply(dialog.scope()))
        self._show(dialog)

    # --- find a time --------------------------------------------------------------------------------------
    def find_a_time(self) -> None:
        from partnerdesk.ui.calendar.find_time import FindTimeDialog

        partner = self.view.filters.selected_partner()
        dialog = FindTimeDialog(self.view.context.ws, self.view.filters.partners, self.view.tz,
                                partner.id if partner else None, self.view)
        dialog.booked.connect(self.book)
        self.find_dialog = dialog
        self._show(dialog)

    def _show(self, dialog: QDialog) -> None:
        if isinstance(dialog, EventDialog):
            self.dialog = dialog
        dialog.open()
