"""File ▸ Import KPI Values…: the menu entry and what it opens."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.l10n import _
from partnerdesk.ui.modal import open_modal

if TYPE_CHECKING:
    from partnerdesk.ui.main_window import MainWindow
    from partnerdesk.ui.performance.import_dialog import ImportKpiDialog

FOLDER_KEY = "files/kpi_import_folder"


class PerformanceActions:
    """Adds "Import KPI Values…" to ``menu`` before the action ``before``."""

    def __init__(self, window: MainWindow, menu: QMenu, before: QAction, packets_menu: QMenu | None = None) -> None:
        self.window = window
        self.import_kpis = QAction(window)
        self.import_kpis.setObjectName("importKpiAction")
        self.import_kpis.triggered.connect(self.choose_and_import)
        menu.insertAction(before, self.import_kpis)
        self.scorecard = QAction(window)
        self.scorecard.setObjectName("scorecardPdfAction")
        self.scorecard.triggered.connect(lambda: self.open_scorecard())
        if packets_menu is not None:
            packets_menu.addSeparator()
            packets_menu.addAction(self.scorecard)
        self.dialog: ImportKpiDialog | None = None

    def set_enabled(self, enabled: bool) -> None:
        self.import_kpis.setEnabled(enabled)
        self.scorecard.setEnabled(enabled)

    def open_scorecard(self, partner_id: int | None = None, period: object = None) -> object:
        """The scorecard PDF dialog (for the partner and period shown, when there is one)."""
        from partnerdesk.ui.performance.scorecard_dialog import ScorecardDialog

        if self.window.context.workspace is None:
            return None
        dialog = ScorecardDialog(self.window.context, self.window, partner_id, period)  # type: ignore[arg-type]
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def retranslate_ui(self) -> None:
        self.import_kpis.setText(_("Import &KPI Values…"))
        self.import_kpis.setStatusTip(_("Add KPI values from a Google Analytics 4 export or a CSV table, with a "
                                        "preview before anything is saved"))
        self.scorecard.setText(_("&Scorecard PDF…"))
        self.scorecard.setStatusTip(_("A partner's KPIs for a period, with charts, our side and evidence"))

    def choose_and_import(self) -> ImportKpiDialog | None:
        w = self.window
        if w.context.workspace is None:
            return None
        settings = w.context.settings
        folder = str(settings.value(FOLDER_KEY, str(w.context.ws.path.parent if w.context.ws.path else Path.home()), type=str))
        name, _filter = QFileDialog.getOpenFileName(w, _("Import KPI Values"), folder, _(
            "CSV files ({pattern})").format(pattern="*.csv *.txt") + ";;" + _("All files ({pattern})").format(
            pattern="*"))
        if not name:
            return None
        settings.setValue(FOLDER_KEY, str(Path(name).parent))
        return self.open_import(Path(name))

    def open_import(self, path: Path) -> ImportKpiDialog | None:
        from partnerdesk.ui.performance.import_dialog import ImportKpiDialog

        try:
            dialog = ImportKpiDialog(self.window.context, path, self.window)
        except PartnerDeskError as exc:
            QMessageBox.warning(self.window, _("Import KPI Values"), exc.message)
            return None
        open_modal(self, dialog)
        return dialog
