"""The Packets menu: Build packet…, Edit brand guide…, Edit onboarding questionnaire…"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from partnerdesk.l10n import _

if TYPE_CHECKING:
    from partnerdesk.ui.main_window import MainWindow


def _raise_or_open(window: QWidget, kind: type[QWidget], factory: Callable[[], QWidget]) -> QWidget:
    """One editor window of each kind (a child of ``window``): bring it back if it is still open."""
    for existing in window.findChildren(kind):
        if existing.isVisible():
            existing.raise_()
            existing.activateWindow()
            return existing
    widget = factory()
    widget.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    widget.show()
    return widget


def open_build_dialog(context: Any, parent: QWidget, partner_id: int | None = None) -> QWidget:
    from partnerdesk.ui.packets.build_dialog import BuildPacketDialog

    dialog = BuildPacketDialog(context, parent, partner_id)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def open_brand_editor(context: Any, parent: QWidget) -> QWidget:
    from partnerdesk.ui.packets.brand_editor import BrandGuideEditor

    return _raise_or_open(parent, BrandGuideEditor, lambda: BrandGuideEditor(context, parent))


def open_questionnaire_editor(context: Any, parent: QWidget) -> QWidget:
    from partnerdesk.ui.packets.questionnaire_editor import QuestionnaireEditor

    return _raise_or_open(parent, QuestionnaireEditor, lambda: QuestionnaireEditor(context, parent))


class PacketActions:
    """Adds the Packets menu to the main window's menu bar, before ``before`` (the Help menu)."""

    def __init__(self, window: MainWindow, before: QMenu) -> None:
        self.window = window
        self.build = QAction(window)
        self.build.setObjectName("buildPacketAction")
        self.build.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.build.triggered.connect(lambda: open_build_dialog(window.context, window, self._current_partner()))
        self.brand = QAction(window)
        self.brand.setObjectName("editBrandGuideAction")
        self.brand.triggered.connect(lambda: open_brand_editor(window.context, window))
        self.questionnaire = QAction(window)
        self.questionnaire.setObjectName("editQuestionnaireAction")
        self.questionnaire.triggered.connect(lambda: open_questionnaire_editor(window.context, window))
        self.menu = QMenu(window)
        self.menu.addAction(self.build)
        self.menu.addSeparator()
        self.menu.addActions([self.brand, self.questionnaire])
        window.menuBar().insertMenu(before.menuAction(), self.menu)

    def _current_partner(self) -> int | None:
        """The partner selected in the Partners view, if that view is showing."""
        from partnerdesk.ui.partners.view import PartnersView

        view = self.window.current_view()
        return view.current_partner_id() if isinstance(view, PartnersView) else None

    def set_enabled(self, enabled: bool) -> None:
        for action in (self.build, self.brand, self.questionnaire):
            action.setEnabled(enabled)

    def retranslate_ui(self) -> None:
        self.menu.setTitle(_("&Packets"))
        self.build.setText(_("&Build Packet…"))
        self.build.setStatusTip(_("Build an onboarding packet or the brand guide as a PDF, for one partner or many"))
        self.brand.setText(_("Edit &Brand Guide…"))
        self.questionnaire.setText(_("Edit Onboarding &Questionnaire…"))
