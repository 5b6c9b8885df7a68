"""A partner's profile: Overview, People, Scope, Contract, Responsibilities, Interactions, Activity, Payments and
Performance."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from partnerdesk.domain.enums import PartnerKind, PartnerStage, Seniority
from partnerdesk.domain.partners import SCOPE_LADDER
from partnerdesk.l10n import _, weekday_name
from partnerdesk.store.models import Contact, Partner, TeamMember
from partnerdesk.ui import theme
from partnerdesk.ui.partners.contracts import ContractSection
from partnerdesk.ui.partners.section_commands import change_owners, edit_overview
from partnerdesk.ui.partners.sections import (
    ActivitySection,
    InteractionsSection,
    ResponsibilitiesSection,
    ScopeSection,
    Section,
)
from partnerdesk.ui.performance.tab import PerformanceSection
from partnerdesk.ui.pickers.hours import WorkingHoursEdit
from partnerdesk.ui.pickers.stars import StarRating
from partnerdesk.ui.pickers.zones import ZonePicker


def ladder_text(stage: PartnerStage, rtl: bool = False) -> str:
    """prospect → evaluating → [pilot] → active → expanded, the current step in bold; in a right-to-left
    interface the steps run leftwards, and so do the arrows (an arrow is not mirrored by the bidi algorithm)."""
    parts = []
    for step in SCOPE_LADDER:
        label = step.label
        parts.append(f"<b>[{label}]</b>" if step == stage else f"<span style='color:#777'>{label}</span>")
    text = (" ← " if rtl else " → ").join(parts)
    if stage not in SCOPE_LADDER:
        text += f"  <b>({stage.label})</b>"
    return text


class OverviewSection(Section):
    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._shown: tuple[int, dict[str, Any]] | None = None  # the partner and form values last loaded or saved
        form = QFormLayout(self)
        self.ladder = QLabel()
        self.name, self.website, self.zone = QLineEdit(), QLineEdit(), ZonePicker()
        self.zone.setObjectName("partnerZone")
        self.kind, self.stage = QComboBox(), QComboBox()
        self.hours, self.weekend, self.reply = WorkingHoursEdit(), QWidget(), QSpinBox()
        self.weekend_days = [QCheckBox() for _day in range(7)]  # Monday (0) .. Sunday (6)
        days = QHBoxLayout(self.weekend)
        days.setContentsMargins(0, 0, 0, 0)
        for box in self.weekend_days:
            days.addWidget(box)
        days.addStretch(1)
        self.reply.setRange(0, 24 * 14)
        self.cadence = QSpinBox()  # days without an interaction before Today lists the partner as quiet
        self.cadence.setObjectName("contactCadence")
        self.cadence.setRange(1, 365)
        self.scores = [StarRating() for _ in range(3)]
        self.notes = QPlainTextEdit()
        self.notes.setMinimumHeight(60)  # takes the height the form leaves over
        self.ladder.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.save = QPushButton()
        self.save.clicked.connect(self._save)
        self.labels = [QLabel() for _ in range(12)]
        for label, field in zip(self.labels, (self.name, self.kind, self.stage, self.website, self.zone,
                                              self.hours, self.weekend, self.reply, self.cadence, *self.scores),
                                strict=False):
            form.addRow(label, field)
        form.insertRow(0, self.ladder)
        self.ladder.hide()  # the header card above the profile shows the ladder as steps
        self.notes_label = QLabel()
        form.addRow(self.notes_label, self.notes)
        form.addRow(self.save)

    def retranslate_ui(self) -> None:
        for label, text in zip(self.labels, (_("Name"), _("Kind"), _("Stage"), _("Website"), _("Time zone"),
                                             _("Working hours"), _("Weekend"), _("Expected reply (hours)"),
                                             _("Contact every (days)"), _("Experience"), _("Reputation"),
                                             _("Compatibility")), strict=False):
            label.setText(text)
        self.notes_label.setText(_("Evaluation notes"))
        self.weekend.setAccessibleName(_("Weekend"))
        self.save.setText(_("Save overview"))
        self.zone.retranslate_ui()
        for widget in (self.zone, self.zone.lineEdit()):  # a screen reader focuses the line edit inside
            if widget is not None:
                widget.setAccessibleName(_("Time zone"))
        self.hours.set_accessible_names(_("Working hours"), _("Working hours"))
        for day, box in enumerate(self.weekend_days):
            box.setText(weekday_name(day, "abbreviated"))
            box.setToolTip(weekday_name(day))
        for stars, label in zip(self.scores, self.labels[9:], strict=True):  # after the cadence
            stars.setAccessibleName(label.text())
        for combo, enum_cls in ((self.kind, PartnerKind), (self.stage, PartnerStage)):
            current = combo.currentData()
            combo.clear()
            for member in enum_cls:
                combo.addItem(member.label, member)
            combo.setCurrentIndex(max(0, combo.findData(current)))

    def load(self, p: Partner) -> None:
        """Show ``p``; unsaved edits of the same partner are kept (someone else's change, arriving live, must not
        wipe what is being typed: saving it then meets their change through the row version)."""
        if self._shown is not None and self._shown[0] == p.id and self.form_values() != self._shown[1]:
            return
        self.ladder.setText(ladder_text(p.stage, self.isRightToLeft()))
        self.name.setText(p.name)
        self.kind.setCurrentIndex(self.kind.findData(p.kind))
        self.stage.setCurrentIndex(self.stage.findData(p.stage))
        self.website.setText(p.website)
        self.zone.set_zone(p.time_zone)
        self.hours.set_hours(p.work_start, p.work_end)
        for day, box in enumerate(self.weekend_days):
            box.setChecked(day in (p.weekend_days or []))
        self.reply.setValue(p.reply_hours)
        self.cadence.setValue(p.contact_cadence_days or 30)
        for spin, value in zip(self.scores, (p.score_experience, p.score_reputation, p.score_compatibility),
                               strict=True):
            spin.setValue(value or 0)
        self.notes.setPlainText(p.evaluation_notes)
        self.version: int | None = p.row_version  # a save is made from this version of the partner
        self._shown = (p.id, self.form_values())

    def form_values(self) -> dict[str, Any]:
        start, end = self.hours.hours()
        values = {"name": self.name.text(), "kind": self.kind.currentData(), "stage": self.stage.currentData(),
                  "website": self.website.text().strip(), "time_zone": self.zone.zone(),
                  "work_start": start, "work_end": end, "reply_hours": self.reply.value(),
                  "contact_cadence_days": self.cadence.value(),
                  "weekend_days": [day for day, box in enumerate(self.weekend_days) if box.isChecked()],
                  "evaluation_notes": self.notes.toPlainText()}
        for key, spin in zip(("score_experience", "score_reputation", "score_compatibility"), self.scores,
                             strict=True):
            values[key] = spin.value() or None
        return values

    def _save(self) -> None:
        if self.partner_id is None:
            return
        partner_id = self.partner_id
        values = self.form_values()
        shown = self._shown[1] if self._shown is not None and self._shown[0] == partner_id else None
        # Only what was edited here: a field someone else changed meanwhile keeps their value.
        edited = {k: v for k, v in values.items() if shown is None or shown.get(k) != v}
        if not edited or not edit_overview(self.context, partner_id, edited).new:
            return  # nothing changed: no empty step on the undo stack

        def saved(command: Any) -> None:  # now or re-applied: no longer an unsaved edit (else kept as typed)
            self._shown = (partner_id, values)
            self.version = command.expected_version()
            if self.partner_id == partner_id:  # the saved partner as it is now, their fields included
                with self.context.ws.session() as s:
                    partner = s.get(Partner, partner_id)
                    if partner is not None:
                        self.load(partner)

        def reload() -> None:  # theirs replaces what was typed
            self._shown = None

        self.push_versioned(lambda version: edit_overview(self.context, partner_id, edited, version),
                            getattr(self, "version", None), edited, on_saved=saved, reload=reload)


class PeopleSection(Section):
    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        layout = QVBoxLayout(self)
        owners = QHBoxLayout()
        self.owner_label, self.second_label = QLabel(), QLabel()
        self.owner, self.second = QComboBox(), QComboBox()
        owners.addWidget(self.owner_label)
        owners.addWidget(self.owner, 1)
        owners.addWidget(self.second_label)
        owners.addWidget(self.second, 1)
        layout.addLayout(owners)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        theme.styled(self.warning, lambda: f"color: {theme.name('warning')}; background: {theme.name('warning.surface')};"
                     " padding: 6px; border-radius: 4px")
        self.warning.hide()
        layout.addWidget(self.warning)
        self.contacts_label = QLabel()
        layout.addWidget(self.contacts_label)
        self.contacts = QListWidget()
        layout.addWidget(self.contacts, 1)
        self.owner.activated.connect(self._save)
        self.second.activated.connect(self._save)

    def retranslate_ui(self) -> None:
        self.owner_label.setText(_("Owner #1"))
        self.second_label.setText(_("Owner #2"))
        self.contacts_label.setText(_("Contacts at this partner"))

    def load(self, p: Partner, session: Any) -> None:
        members = list(session.scalars(select(TeamMember).where(TeamMember.active.is_(True))
                                       .order_by(TeamMember.name)))
        for combo, current in ((self.owner, p.owner_id), (self.second, p.second_id)):
            combo.clear()
            combo.addItem(_("(nobody)"), None)
            for m in members:
                suffix = "" if m.seniority == Seniority.SENIOR else f" ({m.seniority.label})"
                combo.addItem(m.name + suffix, m.id)
            combo.setCurrentIndex(max(0, combo.findData(current)))
        self.contacts.clear()
        for c in session.scalars(select(Contact).where(Contact.partner_id == p.id).order_by(Contact.display_name)):
            detail = " · ".join(x for x in (c.role, c.emails[0]["value"] if c.emails else "") if x)
            self.contacts.addItem(c.display_name + (f" — {detail}" if detail else "")
                                  + ("  ★" if c.advisory_board else ""))
        self._show_warning(self.service().owner_warnings(p.owner_id, p.second_id))
        self.version: int | None = p.row_version

    def _show_warning(self, warnings: list[str]) -> None:
        # A message that starts with a Latin name would otherwise be laid out left-to-right in Arabic.
        mark = "\u200f" if self.isRightToLeft() else ""
        self.warning.setText("\n".join(mark + w for w in warnings))
        self.warning.setVisible(bool(warnings))

    def _save(self, *_args: Any) -> None:
        if self.partner_id is None:
            return
        partner_id, owner, second = self.partner_id, self.owner.currentData(), self.second.currentData()
        if not change_owners(self.context, partner_id, owner, second).new:
            return

        def saved(command: Any) -> None:  # now or re-applied
            self.version = command.expected_version()
            self._show_warning(command.warnings)

        self.push_versioned(lambda version: change_owners(self.context, partner_id, owner, second, version),
                            getattr(self, "version", None), {"owner_id": owner, "second_id": second}, on_saved=saved)


class PartnerProfile(QTabWidget):
    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.partner_id: int | None = None
        self.overview = OverviewSection(context)
        self.people = PeopleSection(context)
        self.scope = ScopeSection(context)
        self.contract = ContractSection(context)
        self.responsibilities = ResponsibilitiesSection(context)
        self.interactions = InteractionsSection(context)
        self.activity = ActivitySection(context)
        from partnerdesk.ui.payments.partner_tab import PartnerPaymentsSection

        self.payments = PartnerPaymentsSection(context)
        self.performance = PerformanceSection(context)
        self.sections = (self.overview, self.people, self.scope, self.contract, self.responsibilities,
                         self.interactions, self.activity, self.payments, self.performance)
        for section in self.sections:  # each page scrolls, so the profile fits a laptop screen
            page = QScrollArea()
            page.setWidgetResizable(True)
            page.setFrameShape(QFrame.Shape.NoFrame)
            page.setWidget(section)
            self.addTab(page, "")
        self.retranslate_ui()

    def show_section(self, section: QWidget) -> None:
        """Bring one of ``self.sections`` to the front (each sits inside its own scrolling page)."""
        self.setCurrentIndex(self.sections.index(section))

    def current_section(self) -> QWidget:
        return self.sections[self.currentIndex()]

    def retranslate_ui(self) -> None:
        titles = (_("Overview"), _("People"), _("Scope"), _("Contract"), _("Responsibilities"), _("Interactions"),
                  _("Activity"), _("Payments"), _("Performance"))
        for i, title in enumerate(titles):
            self.setTabText(i, title)
        for section in self.sections:
            section.retranslate_ui()
        if self.partner_id is not None:
            self.show_partner(self.partner_id)

    def show_partner(self, partner_id: int | None) -> None:
        self.partner_id = partner_id
        self.setEnabled(partner_id is not None)
        for section in self.sections:
            section.partner_id = partner_id
        if partner_id is None or self.context.workspace is None:
            return
        with self.context.ws.session() as s:
            partner = s.get(Partner, partner_id)
            if partner is None:
                self.setEnabled(False)
                return
            self.overview.load(partner)
            self.people.load(partner, s)
            self.scope.load(s)
            self.contract.load(s)
            self.responsibilities.load(s)
            self.interactions.load(s)
            self.activity.load(s)
            self.payments.load(s)
            self.performance.load(s)

    def on_changed(self, changes: Any) -> None:
        if self.partner_id is not None and changes:
            self.show_partner(self.partner_id)
