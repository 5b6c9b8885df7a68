"""Pickers instead of raw codes, reached through the main window: the partner's time zone (translated city,
country and current offset), working hours as two time edits, typed e-mail and phone rows."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTime, QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from partnerdesk.store import models as m
from partnerdesk.ui.pickers.typed_rows import TypedItemsEdit
from partnerdesk.ui.pickers.zones import zone_choices, zone_label
from partnerdesk.ui.views_registry import VIEWS

KEYS = [key for key, *_rest in VIEWS]


def _partners(window: Any, name: str) -> tuple[Any, int]:
    with window.context.ws.session() as s:
        pid = s.scalars(select(m.Partner.id).where(m.Partner.name == name)).one()
    window.show_view(KEYS.index("partners"))
    view = window.current_view()
    view.select_partner(pid)
    return view, pid


def test_partner_zone_and_hours_are_picked_not_typed(demo_window: Any, qtbot: Any) -> None:
    window = demo_window
    window.start()
    window.set_language("el")
    view, pid = _partners(window, "Najd Care Center")
    overview = view.profile.overview
    assert overview.zone.zone() == "Asia/Riyadh"
    assert overview.zone.currentText() == "(GMT+03:00) Ριάντ, Σαουδική Αραβία"
    assert overview.hours.hours() == ("08:00", "16:00")
    # Type part of a city in Greek: the one zone that matches is chosen.
    overview.zone.lineEdit().setFocus()
    overview.zone.setCurrentText("Τόκιο")
    overview.zone.lineEdit().editingFinished.emit()
    assert overview.zone.zone() == "Asia/Tokyo"
    overview.hours.start.setTime(QTime(9, 30))
    overview.hours.end.setTime(QTime(17, 45))
    overview.save.click()
    with window.context.ws.session() as s:
        p = s.get(m.Partner, pid)
        assert (p.time_zone, p.work_start, p.work_end) == ("Asia/Tokyo", "09:30", "17:45")


def test_zone_list_is_translated_and_runs_west_to_east(qapp: Any) -> None:
    choices = zone_choices("ar", 0)
    assert len(choices) > 300
    offsets = [c.offset_minutes for c in choices[1:]]
    assert offsets == sorted(offsets)
    riyadh = next(c for c in choices if c.name == "Asia/Riyadh")
    assert riyadh.label == "الرياض، المملكة العربية السعودية (\u2068غرينتش+03:00\u2069)"
    assert zone_label("Asia/Tokyo", "ja").endswith("東京、日本")
    assert len({c.name for c in choices}) == len(choices)


def test_calendar_zone_box_is_the_same_picker(demo_window: Any) -> None:
    window = demo_window
    window.start()
    window.show_view(KEYS.index("calendar"))
    calendar = window.current_view()
    calendar.filters.zone.setCurrentText("Sao Paulo")
    calendar.filters.zone.lineEdit().editingFinished.emit()
    assert calendar.zone_name == "America/Sao_Paulo"
    assert "Brazil" in calendar.filters.zone.currentText()


def test_contact_emails_and_phones_are_typed_rows(demo_window: Any, qtbot: Any) -> None:
    window = demo_window
    window.start()
    window.set_language("pt")
    with window.context.ws.session() as s:
        contact = s.scalars(select(m.Contact).where(m.Contact.phones != "[]").order_by(m.Contact.id)).first()
        cid, phones_before, zone_before = contact.id, list(contact.phones), contact.time_zone
    window.show_view(KEYS.index("contacts"))
    contacts = window.current_view()
    contacts.select_contact(cid)
    seen: dict[str, Any] = {}

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        phones: TypedItemsEdit = dialog.phones
        seen["labels"] = [phones.rows[0].kind_box.itemText(i) for i in range(phones.rows[0].kind_box.count())]
        seen["add"] = phones.add_button.text()
        row = phones.add_row()
        row.kind_box.setCurrentIndex(row.kind_box.findData("mobile"))
        row.value.setText("+351 912 000 111")
        seen["zone"] = (dialog.time_zone.zone(), dialog.time_zone.currentText())
        dialog.time_zone.setCurrentText("Lisboa")  # in Portuguese, by city
        dialog.time_zone.lineEdit().editingFinished.emit()
        dialog.accept()

    QTimer.singleShot(0, fill)
    contacts.edit_contact()
    assert "Celular" in seen["labels"] and "Trabalho" in seen["labels"]
    assert seen["add"] == "Adicionar telefone"
    with window.context.ws.session() as s:
        phones = s.get(m.Contact, cid).phones
    assert phones[: len(phones_before)] == phones_before
    assert phones[-1]["type"] == "mobile" and "912 000 111" in phones[-1]["value"].replace("-", " ")
    assert seen["zone"][0] in ("", zone_before) and (zone_before or seen["zone"][1] == "Fuso horário do parceiro")
    with window.context.ws.session() as s:
        assert s.get(m.Contact, cid).time_zone == "Europe/Lisbon"


def test_event_dialog_zone_is_the_picker(demo_window: Any) -> None:
    window = demo_window
    window.start()
    window.show_view(KEYS.index("calendar"))
    calendar = window.current_view()
    calendar.editor.new_event()
    dialog = calendar.editor.dialog
    assert dialog.zone.zone() == calendar.zone_name
    dialog.zone.setCurrentText("Tokyo")
    dialog.zone.lineEdit().editingFinished.emit()
    assert dialog.values()["time_zone"] == "Asia/Tokyo"
    assert "Japan" in dialog.zone.currentText()
    dialog.reject()
