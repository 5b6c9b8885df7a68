"""Who attends an event: team members and the partner's contacts (ticked in a list), other people by e-mail."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from partnerdesk.l10n import _

MEMBER, CONTACT = "member", "contact"


@dataclass
class AttendeeChoices:
    members: list[tuple[int, str]] = field(default_factory=list)
    contacts: list[tuple[int, str, int | None]] = field(default_factory=list)  # id, name, partner id


def attendee_choices(ws: Any) -> AttendeeChoices:
    from sqlalchemy import select

    from partnerdesk.store.models import Contact, TeamMember

    with ws.session() as s:
        members = [(r[0], r[1]) for r in s.execute(select(TeamMember.id, TeamMember.name).order_by(TeamMember.name))]
        contacts = [(r[0], r[1], r[2]) for r in s.execute(
            select(Contact.id, Contact.display_name, Contact.partner_id).order_by(Contact.display_name))]
    return AttendeeChoices(members, contacts)


class AttendeesEditor(QWidget):
    def __init__(self, choices: AttendeeChoices, values: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices = choices
        self.chosen: set[tuple[str, int]] = {(MEMBER, i) for i in values.get("member_ids") or []} | \
            {(CONTACT, i) for i in values.get("contact_ids") or []}
        self.partner_id: int | None = values.get("partner_id")
        self.hint = QLabel(_("Tick the people who take part: your team, and the partner's contacts."))
        self.hint.setWordWrap(True)
        self.people = QListWidget()
        self.people.setObjectName("attendeeList")
        self.people.itemChanged.connect(self._ticked)
        self.others_label = QLabel(_("Other people (e-mail addresses, separated by commas):"))
        self.others = QLineEdit(", ".join(values.get("attendee_emails") or []))
        self.others.setObjectName("attendeeEmails")
        self.others_label.setBuddy(self.others)
        box = QVBoxLayout(self)
        box.addWidget(self.hint)
        box.addWidget(self.people, 1)
        box.addWidget(self.others_label)
        box.addWidget(self.others)
        self.fill()

    def set_partner(self, partner_id: int | None) -> None:
        self.partner_id = partner_id
        self.fill()

    def fill(self) -> None:
        self.people.blockSignals(True)
        self.people.clear()

        def add(kind: str, ident: int, text: str) -> None:
            item = QListWidgetItem(text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setData(Qt.ItemDataRole.UserRole, (kind, ident))
            item.setCheckState(Qt.CheckState.Checked if (kind, ident) in self.chosen else Qt.CheckState.Unchecked)
            self.people.addItem(item)

        for ident, name in self.choices.members:
            add(MEMBER, ident, _("{name} (your team)").format(name=name))
        for ident, name, partner in self.choices.contacts:
            # The chosen partner's people, and anyone already invited.
            if (partner is not None and partner == self.partner_id) or (CONTACT, ident) in self.chosen:
                add(CONTACT, ident, name)
        self.people.blockSignals(False)

    def _ticked(self, item: QListWidgetItem) -> None:
        key = item.data(Qt.ItemDataRole.UserRole)
        if item.checkState() == Qt.CheckState.Checked:
            self.chosen.add(key)
        else:
            self.chosen.discard(key)

    def values(self) -> dict[str, Any]:
        emails = [e.strip() for e in self.others.text().replace(";", ",").split(",") if e.strip()]
        return {"member_ids": sorted(i for k, i in self.chosen if k == MEMBER),
                "contact_ids": sorted(i for k, i in self.chosen if k == CONTACT),
                "attendee_emails": emails}
