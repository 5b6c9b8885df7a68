"""Add / edit one contact."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)
from sqlalchemy import select

from partnerdesk.domain.errors import PartnerDeskError, ValidationError
from partnerdesk.l10n import _
from partnerdesk.services.contacts import validate_contact
from partnerdesk.store.models import Partner
from partnerdesk.store.paths import documents_dir
from partnerdesk.ui import theme
from partnerdesk.ui.pickers.typed_rows import TypedItemsEdit
from partnerdesk.ui.pickers.zones import ZonePicker


class ContactDialog(QDialog):
    def __init__(self, workspace: Any, values: dict[str, Any] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Edit contact") if values else _("New contact"))
        # Saves the checked values when OK is pressed; a PartnerDeskError (shown here) keeps the dialog open.
        self.save_hook: Callable[[dict[str, Any]], None] | None = None
        values = values or {}
        self._photo: bytes | None = values.get("photo")
        self._photo_mime: str = values.get("photo_mime", "")
        form = QFormLayout(self)
        self.given = QLineEdit(values.get("given_name", ""))
        self.family = QLineEdit(values.get("family_name", ""))
        self.display = QLineEdit(values.get("display_name", ""))
        self.role = QLineEdit(values.get("role", ""))
        self.organization = QLineEdit(values.get("organization", ""))
        self.partner = QComboBox()
        self.partner.addItem(_("(no partner)"), None)
        with workspace.session() as s:
            for pid, name in s.execute(select(Partner.id, Partner.name).order_by(Partner.name)):
                self.partner.addItem(name, pid)
        self.partner.setCurrentIndex(max(0, self.partner.findData(values.get("partner_id"))))
        self.emails = TypedItemsEdit("email")
        self.emails.set_items(values.get("emails", []))
        self.phones = TypedItemsEdit("phone")
        self.phones.set_items(values.get("phones", []))
        self.tags = QLineEdit(", ".join(values.get("tags", [])))
        self.advisory = QCheckBox(_("Member of the advisory board"))
        self.advisory.setChecked(bool(values.get("advisory_board")))
        self.time_zone = ZonePicker()
        self.time_zone.setObjectName("contactZone")
        self.time_zone.allow_empty(lambda: _("The partner's time zone"))
        self.time_zone.set_zone(values.get("time_zone", ""))
        self.notes = QPlainTextEdit(values.get("notes", ""))
        self.photo_label = QLabel()
        self.photo_label.setFixedSize(64, 64)
        choose = QPushButton(_("Choose photo…"))
        choose.clicked.connect(self._choose_photo)
        clear = QPushButton(_("Remove photo"))
        clear.clicked.connect(self._clear_photo)
        photo_row = QHBoxLayout()
        photo_row.addWidget(self.photo_label)
        photo_row.addWidget(choose)
        photo_row.addWidget(clear)
        photo_row.addStretch()
        self._show_photo()
        form.addRow(_("First name"), self.given)
        form.addRow(_("Last name"), self.family)
        form.addRow(_("Display name"), self.display)
        form.addRow(_("Job title"), self.role)
        form.addRow(_("Organization"), self.organization)
        form.addRow(_("Partner"), self.partner)
        form.addRow(_("Emails"), self.emails)
        form.addRow(_("Phones"), self.phones)
        form.addRow(_("Tags"), self.tags)
        form.addRow("", self.advisory)
        form.addRow(_("Time zone"), self.time_zone)
        form.addRow(_("Photo"), photo_row)
        form.addRow(_("Notes"), self.notes)
        self.error = QLabel()
        theme.styled(self.error, lambda: f"color: {theme.name('danger')}")
        self.error.setWordWrap(True)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.values: dict[str, Any] = {}

    def _show_photo(self) -> None:
        pixmap = QPixmap()
        if self._photo:
            pixmap.loadFromData(self._photo)
        self.photo_label.setPixmap(pixmap.scaled(64, 64, Qt.AspectRatioMode.KeepAspectRatio,
                                                 Qt.TransformationMode.SmoothTransformation)
                                   if not pixmap.isNull() else QPixmap())

    def _choose_photo(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Choose photo"), str(documents_dir()),
                                                    _("Images (*.png *.jpg *.jpeg *.gif)"))
        if not path:
            return
        data = Path(path).read_bytes()
        if QPixmap().loadFromData(data) is False:
            QMessageBox.warning(self, _("Choose photo"), _("This file is not an image."))
            return
        self._photo = data
        self._photo_mime = "image/png" if data.startswith(b"\x89PNG") else "image/jpeg"
        self._show_photo()

    def _clear_photo(self) -> None:
        self._photo, self._photo_mime = None, ""
        self._show_photo()

    def collect(self) -> dict[str, Any]:
        return {
            "given_name": self.given.text(), "family_name": self.family.text(),
            "display_name": self.display.text().strip() or " ".join(
                x for x in (self.given.text().strip(), self.family.text().strip()) if x),
            "role": self.role.text(), "organization": self.organization.text(),
            "partner_id": self.partner.currentData(), "emails": self.emails.items(),
            "phones": self.phones.items(),
            "tags": [t.strip() for t in self.tags.text().split(",") if t.strip()],
            "advisory_board": self.advisory.isChecked(), "time_zone": self.time_zone.zone(),
            "notes": self.notes.toPlainText(), "photo": self._photo, "photo_mime": self._photo_mime,
        }

    def accept(self) -> None:
        try:
            self.values = validate_contact(self.collect())
        except ValidationError as exc:
            self.error.setText(exc.message)
            return
        if self.save_hook is not None:
            try:
                self.save_hook(self.values)
            except PartnerDeskError as exc:  # not saved (the connection is lost, a conflict…): nothing typed is lost
                self.error.setText(exc.message)
                return
        super().accept()
