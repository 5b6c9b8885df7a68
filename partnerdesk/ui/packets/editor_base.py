"""What the brand-guide and questionnaire editors share: load a draft, Save (one undoable command), Revert,
a translated error line that keeps the user's input, and reloading after undo/redo when nothing is pending."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox, QVBoxLayout, QWidget

from partnerdesk.domain.errors import PartnerDeskError, ValidationError
from partnerdesk.l10n import _
from partnerdesk.ui import theme
from partnerdesk.ui.packets.commands import SaveDraftCommand


class DraftEditor(QDialog):
    """Subclasses set ``entity`` and implement ``service()``, ``build_ui()``, ``draft()``, ``show_draft()``,
    ``undo_text()``, ``focus_field()`` and ``retranslate_ui()``."""

    entity = ""

    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.context = context
        self.saved_id: int | None = None
        self.saved: Any = None
        self._discard = False
        self.error = QLabel()
        self.error.setObjectName("editorError")
        self.error.setWordWrap(True)
        theme.styled(self.error, lambda: f"color: {theme.name('danger')}; background: {theme.name('danger.surface')};"
                     " padding: 6px; border-radius: 4px")
        self.error.hide()
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveButton")
        self.revert_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Reset)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        self.close_button.clicked.connect(self.close)
        body = self.build_ui()
        layout = QVBoxLayout(self)
        layout.addWidget(body, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        context.hub.changed.connect(self._on_changed)
        context.hub.language_changed.connect(self._language_changed)
        context.hub.workspace_replaced.connect(self._workspace_replaced)
        context.hub.reload_requested.connect(self._reload_requested)
        self.reload()
        self.retranslate_ui()

    # --- for subclasses -----------------------------------------------------------------------------------
    def service(self) -> Any:
        raise NotImplementedError

    def build_ui(self) -> QWidget:
        raise NotImplementedError

    def draft(self) -> Any:
        raise NotImplementedError

    def show_draft(self, draft: Any) -> None:
        raise NotImplementedError

    def undo_text(self) -> str:
        raise NotImplementedError

    def focus_field(self, field: str, params: dict[str, Any]) -> None:
        pass

    def retranslate_ui(self) -> None:
        self.revert_button.setText(_("Revert"))

    # --- life cycle ---------------------------------------------------------------------------------------
    def reload(self) -> None:
        self.saved_id, self.saved = self.service().load()
        self.show_draft(self.saved)
        self.show_error(None)

    def is_dirty(self) -> bool:
        return self.draft() != self.saved

    def show_error(self, exc: PartnerDeskError | None) -> None:
        self.error.setText(exc.message if exc is not None else "")
        self.error.setVisible(exc is not None)

    def save(self) -> bool:
        """Validate and save in one transaction, as one undoable step. On error, show why and keep the input."""
        draft = self.draft()
        if draft == self.saved:
            self.show_error(None)
            return True
        before = self.saved if self.saved_id is not None else None
        svc = self.service()
        try:
            _new_id, changes = svc.save(draft)
        except PartnerDeskError as exc:
            self.show_error(exc)
            if isinstance(exc, ValidationError):
                self.focus_field(exc.field, exc.params)
            return False
        self.reload()  # shows the saved, cleaned values (trimmed text, normalised hex codes)
        command = SaveDraftCommand(self.context, self.undo_text(), svc.save, svc.delete, before, self.saved)
        self.context.undo_stack.push(command)
        self.context.hub.announce(changes)
        return True

    def revert(self) -> None:
        self.reload()

    def _language_changed(self, _lang: str) -> None:
        self.retranslate_ui()

    def _workspace_replaced(self) -> None:
        """Another workspace was opened: edits of the old one must not be saved into it."""
        self._discard = True
        self.close()

    def _reload_requested(self) -> None:
        if self.context.workspace is not None:
            self.refresh_from_store()

    def _on_changed(self, changes: Any) -> None:
        if self.entity in changes.entities() and self.context.workspace is not None:
            self.refresh_from_store()

    def refresh_from_store(self) -> None:
        """After undo/redo: show the stored data unless the user has unsaved edits."""
        if not self.is_dirty():
            self.reload()
        else:
            self.saved_id, self.saved = self.service().load()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        if self._discard or not self.is_dirty():
            super().closeEvent(event)
            return
        event.ignore()  # ask without blocking: Save, Discard or keep editing
        box = QMessageBox(QMessageBox.Icon.Question, self.windowTitle(), _("Save your changes before closing?"),
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("unsavedChangesBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda button: self._close_answer(box.standardButton(button)))
        box.open()

    def _close_answer(self, answer: QMessageBox.StandardButton) -> None:
        if answer == QMessageBox.StandardButton.Discard or (
                answer == QMessageBox.StandardButton.Save and self.save()):
            self._discard = True
            self.close()
            self._discard = False
