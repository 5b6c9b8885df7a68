"""The partner's header card above the profile: colour, name, kind and country, the stage as a ladder of
steps, owners #1/#2, their local time, the open and overdue items and, when the partner's KPI scorecard has values,
its health ("3 KPIs on track · 1 KPI behind · 1 KPI at risk", each in its status colour and words)."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from partnerdesk.domain.kpi import KpiStatus
from partnerdesk.domain.partners import SCOPE_LADDER
from partnerdesk.l10n import _, country_name, ngettext
from partnerdesk.ui import theme
from partnerdesk.ui.partners.model import local_time
from partnerdesk.ui.pickers.zones import zone_city

_STEP = ("padding: 2px 8px; border-radius: 9px; {look}")
_DONE = "color: #1F2933; background: #D9E2EC;"
_NOW = "color: #FFFFFF; background: #1D4E89; font-weight: bold;"
_LATER = "color: #7B8794; background: transparent; border: 1px solid #D9E2EC;"


class PartnerHeader(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("partnerHeader")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.swatch = QFrame()
        self.swatch.setFixedWidth(6)
        self.name = QLabel()
        self.name.setObjectName("partnerHeaderName")
        font = self.name.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.name.setFont(font)
        self.kind = QLabel()
        self.kind.setStyleSheet("color: #52606D")
        self.steps = [QLabel() for _step in SCOPE_LADDER]
        self.other_stage = QLabel()
        ladder = QHBoxLayout()
        ladder.setSpacing(4)
        for step in self.steps:
            ladder.addWidget(step)
        ladder.addWidget(self.other_stage)
        ladder.addStretch(1)
        self.owners = QLabel()
        self.clock = QLabel()
        self.items = QLabel()
        self.items.setTextFormat(Qt.TextFormat.RichText)
        self.health = QLabel()
        self.health.setObjectName("partnerHealth")
        self.health.setTextFormat(Qt.TextFormat.RichText)
        self.health.hide()
        self.health_counts: dict[KpiStatus, int] = {}
        left = QVBoxLayout()
        title = QHBoxLayout()
        title.addWidget(self.name)
        title.addWidget(self.kind, 1, Qt.AlignmentFlag.AlignBottom)
        left.addLayout(title)
        left.addLayout(ladder)
        right = QVBoxLayout()
        for label in (self.owners, self.clock, self.items, self.health):
            label.setAlignment(Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter)
            right.addWidget(label)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 10, 0)
        row.addWidget(self.swatch)
        row.addSpacing(6)
        row.addLayout(left, 1)
        row.addLayout(right)
        self.row: Any = None

    def show_row(self, row: Any) -> None:
        """``row``: the directory's PartnerRow (None hides the card)."""
        self.row = row
        self.setVisible(row is not None)
        if row is None:
            return
        self.swatch.setStyleSheet(f"background: {row.color or '#9AA5B1'}; border-radius: 3px")
        self.name.setText(row.name)
        country = country_name(row.country) if row.country else ""
        self.kind.setText(" · ".join(x for x in (row.kind.label, country) if x))
        current = SCOPE_LADDER.index(row.stage) if row.stage in SCOPE_LADDER else -1
        for n, (label, step) in enumerate(zip(self.steps, SCOPE_LADDER, strict=True)):
            label.setText(step.label)
            look = _NOW if n == current else _DONE if n < current else _LATER
            label.setStyleSheet(_STEP.format(look=look))
            label.setAccessibleName(_("Current stage: {stage}").format(stage=step.label) if n == current
                                    else step.label)
        self.other_stage.setVisible(current < 0)
        self.other_stage.setText(row.stage.label)
        self.other_stage.setStyleSheet(_STEP.format(look=_NOW))
        owners = [_("#1 {name}").format(name=row.owner) if row.owner else "",
                  _("#2 {name}").format(name=row.second) if row.second else ""]
        self.owners.setText(" · ".join(o for o in owners if o) or _("No owner yet"))
        self.clock.setText(_("Their time: {time} ({city})").format(time=local_time(row.time_zone),
                                                                  city=zone_city(row.time_zone)))
        open_text = ngettext("{count} open item", "{count} open items", row.open_items).format(
            count=row.open_items)
        overdue = ngettext("{count} overdue", "{count} overdue", row.overdue_items).format(count=row.overdue_items)
        self.items.setText(open_text + (f" · <span style='color:#B00020'>{overdue}</span>" if row.overdue_items
                                        else ""))

    def show_health(self, counts: dict[KpiStatus, int], period: str = "") -> None:
        """The scorecard's KPIs per status (on track, behind, at risk) for ``period``; hidden when none has a
        value. Each status is a word in its colour, after a dot of that colour: never the colour alone."""
        self.health_counts = {s: n for s, n in counts.items() if n and s in _HEALTH}
        self.health.setVisible(bool(self.health_counts))
        if not self.health_counts:
            self.health.clear()
            return
        parts, plain = [], []
        for status, role in _HEALTH.items():
            count = self.health_counts.get(status, 0)
            if not count:
                continue
            text = health_text(status, count)
            plain.append(text)
            parts.append(f"<span style='color:{theme.name(role)}'>● {escape(text)}</span>")
        self.health.setText(" · ".join(parts))
        self.health.setAccessibleName(" · ".join(plain))
        self.health.setToolTip(_("KPI scorecard: {period}").format(period=period) if period else "")


_HEALTH: dict[KpiStatus, str] = {KpiStatus.ON_TRACK: "success", KpiStatus.BEHIND: "warning",
                                  KpiStatus.AT_RISK: "danger"}


def health_text(status: KpiStatus, count: int) -> str:
    """"3 KPIs on track", "1 KPI behind", "2 KPIs at risk" in the current language."""
    if status is KpiStatus.ON_TRACK:
        text = ngettext("{count} KPI on track", "{count} KPIs on track", count)
    elif status is KpiStatus.BEHIND:
        text = ngettext("{count} KPI behind", "{count} KPIs behind", count)
    else:
        text = ngettext("{count} KPI at risk", "{count} KPIs at risk", count)
    return text.format(count=count)
