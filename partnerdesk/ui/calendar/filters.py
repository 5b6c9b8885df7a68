"""The calendar's side panel: a coloured on/off toggle per kind of entry, the partner filter, and the clocks
(your time and the selected partner's local time)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QCheckBox, QComboBox, QGroupBox, QLabel, QVBoxLayout, QWidget

from partnerdesk.domain.occurrence import KIND_COLORS, SourceKind
from partnerdesk.l10n import _, format_skeleton, format_time
from partnerdesk.ui.calendar.layout import zone
from partnerdesk.ui.calendar.zones import PartnerClock
from partnerdesk.ui.pickers.zones import ZonePicker, zone_city


def swatch(color: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


class FilterPanel(QWidget):
    kind_toggled = Signal(object, bool)  # SourceKind, visible
    partner_changed = Signal(object)  # partner id or None
    zone_changed = Signal(str)  # the IANA zone the views show

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kinds_box = QGroupBox()
        kinds = QVBoxLayout(self.kinds_box)
        self.kind_boxes: dict[SourceKind, QCheckBox] = {}
        for kind in SourceKind:
            box = QCheckBox()
            box.setObjectName(f"kind_{kind.value}")
            box.setChecked(True)
            box.setIcon(swatch(KIND_COLORS[kind]))
            box.toggled.connect(lambda on, k=kind: self.kind_toggled.emit(k, on))
            kinds.addWidget(box)
            self.kind_boxes[kind] = box
        self.partner_box = QGroupBox()
        partner_layout = QVBoxLayout(self.partner_box)
        self.partner = QComboBox()
        self.partner.setObjectName("partnerFilter")
        self.partner.currentIndexChanged.connect(lambda _i: self.partner_changed.emit(self.partner.currentData()))
        self.clock = QLabel()
        self.clock.setObjectName("partnerClock")
        self.clock.setWordWrap(True)
        self.clock.setTextFormat(Qt.TextFormat.RichText)
        partner_layout.addWidget(self.partner)
        partner_layout.addWidget(self.clock)
        self.zone_box = QGroupBox()
        zone_layout = QVBoxLayout(self.zone_box)
        self.zone = ZonePicker()
        self.zone.setObjectName("viewZone")
        self.zone.zone_chosen.connect(self._zone_chosen)
        zone_layout.addWidget(self.zone)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.kinds_box)
        layout.addWidget(self.partner_box)
        layout.addWidget(self.zone_box)
        layout.addStretch(1)
        self.partners: list[PartnerClock] = []
        self.user_zone = "UTC"
        self.setMinimumWidth(200)
        self.setMaximumWidth(280)

    def set_partners(self, partners: list[PartnerClock]) -> None:
        current = self.partner.currentData()
        self.partners = partners
        self.partner.blockSignals(True)
        self.partner.clear()
        self.partner.addItem(_("All partners"), None)
        for clock in partners:
            self.partner.addItem(swatch(clock.color), clock.name, clock.id)
        self.partner.setCurrentIndex(max(0, self.partner.findData(current)))
        self.partner.blockSignals(False)
        if self.partner.currentData() != current:
            self.partner_changed.emit(self.partner.currentData())

    def set_zone(self, name: str) -> None:
        self.user_zone = name
        self.zone.set_zone(name)

    def _zone_chosen(self, name: str) -> None:
        if name != self.user_zone:
            self.zone_changed.emit(name)

    def selected_partner(self) -> PartnerClock | None:
        pid = self.partner.currentData()
        return next((p for p in self.partners if p.id == pid), None)

    def select_partner(self, partner_id: int | None) -> None:
        self.partner.setCurrentIndex(max(0, self.partner.findData(partner_id)))

    def update_clock(self) -> None:
        now = dt.datetime.now(dt.UTC)
        mine = now.astimezone(zone(self.user_zone))
        lines = [_("Your time: {time} ({zone})").format(time=format_time(mine), zone=zone_city(self.user_zone))]
        partner = self.selected_partner()
        if partner is not None:
            theirs = now.astimezone(zone(partner.time_zone))
            when = f"{format_skeleton('EHm', theirs)}"
            working = partner.hours.is_working(now)
            state = _("working hours") if working else _("outside working hours")
            lines.append(_("{partner}: {time} ({zone}), {state}").format(
                partner=partner.name, time=when, zone=zone_city(partner.time_zone), state=state))
        self.clock.setText("<br>".join(lines))

    def retranslate_ui(self) -> None:
        self.kinds_box.setTitle(_("Show"))
        for kind, box in self.kind_boxes.items():
            box.setText(kind.label)
        self.partner_box.setTitle(_("Partner"))
        self.zone_box.setTitle(_("Time zone"))
        self.zone.retranslate_ui()
        self.zone.setToolTip(_("The zone the calendar shows times in"))
        # Group box titles do not name the controls inside them for a screen reader.
        self.partner.setAccessibleName(_("Partner"))
        for widget in (self.zone, self.zone.lineEdit()):
            if widget is not None:
                widget.setAccessibleName(_("Time zone"))
        if self.partner.count():
            self.partner.setItemText(0, _("All partners"))
        self.update_clock()
