"""Packets ▸ Scorecard PDF… (and the Performance tab's button): partner, period, language, bilingual, save."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.domain.periods import Granularity, Period
from partnerdesk.l10n import LANGUAGE_NAMES, LANGUAGES, _
from partnerdesk.ui.performance import clock
from partnerdesk.ui.performance.view import period_label


class ScorecardDialog(QDialog):
    def __init__(self, context: Any, parent: QWidget | None = None, partner_id: int | None = None,
                 period: Period | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scorecardDialog")
        self.context = context
        self.written: Path | None = None
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.partner, self.period, self.language = QComboBox(), QComboBox(), QComboBox()
        self.bilingual = QCheckBox()
        self.labels = [QLabel() for _ in range(3)]
        for label, field in zip(self.labels, (self.partner, self.period, self.language), strict=True):
            form.addRow(label, field)
            label.setBuddy(field)
        form.addRow("", self.bilingual)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save_dialog)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        from partnerdesk.store.models import Partner

        with context.ws.session() as s:
            self.partners = list(s.execute(select(Partner.id, Partner.name, Partner.locale).order_by(Partner.name)))
        for pid, name, _locale in self.partners:
            self.partner.addItem(name, pid)
        self.partner.setCurrentIndex(max(0, self.partner.findData(partner_id)))
        self.partner.currentIndexChanged.connect(self._partner_language)
        today = clock.today()
        newest = Period.containing(today, Granularity.MONTH)
        periods = [newest.shifted(-i) for i in range(24)]
        if period is not None and period not in periods:
            periods.insert(0, period)
        for p in periods:
            self.period.addItem(period_label(p), p.key)
        from partnerdesk.services.kpis import default_period

        chosen = period or default_period(context.ws, today)
        self.period.setCurrentIndex(max(0, self.period.findData(chosen.key)))
        for lang in ("en", *LANGUAGES):
            self.language.addItem(LANGUAGE_NAMES.get(lang, "English"), lang)
        self._partner_language()
        self.retranslate_ui()

    def _partner_language(self, _index: int = 0) -> None:
        locale = next((loc for pid, _n, loc in self.partners if pid == self.partner.currentData()), "en") or "en"
        self.language.setCurrentIndex(max(0, self.language.findData(locale.split("-")[0].split("_")[0])))

    def build(self) -> bytes:
        from partnerdesk.services.scorecard_packet import scorecard_pdf

        return scorecard_pdf(self.context.ws, self.partner.currentText(), Period.parse(self.period.currentData()),
                             self.language.currentData(), bilingual=self.bilingual.isChecked(), today=clock.today())

    def save_to(self, path: Path) -> bool:
        from partnerdesk.services.files import write_atomically

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            write_atomically(path, self.build())
        except PartnerDeskError as exc:
            QMessageBox.warning(self, _("Scorecard PDF"), exc.message)
            return False
        finally:
            QApplication.restoreOverrideCursor()
        self.written = path
        return True

    def save_dialog(self) -> None:
        suggestion = _("Scorecard {partner} {period}.pdf").format(partner=self.partner.currentText(),
                                                                 period=self.period.currentData())
        name, _filter = QFileDialog.getSaveFileName(self, _("Scorecard PDF"), str(Path.home() / suggestion),
                                                    _("PDF files ({pattern})").format(pattern="*.pdf"))
        if name and self.save_to(Path(name)):
            self.accept()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Scorecard PDF"))
        for label, text in zip(self.labels, (_("Partner:"), _("Period:"), _("Language:")), strict=True):
            label.setText(text)
        self.bilingual.setText(_("Bilingual (the chosen language and English)"))
