"""Which occurrences a change to a recurring event applies to: this one, this and following, or all."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QRadioButton, QVBoxLayout, QWidget

from partnerdesk.l10n import _
from partnerdesk.services.calendar import EditScope


class ScopeDialog(QDialog):
    def __init__(self, question: str, parent: QWidget | None = None, *, allow_this: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("scopeDialog")
        self.setWindowTitle(_("Repeating event"))
        self.options = {
            EditScope.THIS: QRadioButton(_("This occurrence only")),
            EditScope.FOLLOWING: QRadioButton(_("This and the following occurrences")),
            EditScope.ALL: QRadioButton(_("All occurrences")),
        }
        layout = QVBoxLayout(self)
        label = QLabel(question)
        label.setWordWrap(True)
        layout.addWidget(label)
        for scope, button in self.options.items():
            button.setObjectName(f"scope_{scope.value}")
            layout.addWidget(button)
        self.options[EditScope.THIS].setEnabled(allow_this)
        self.options[EditScope.THIS if allow_this else EditScope.ALL].setChecked(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def scope(self) -> EditScope:
        return next(scope for scope, button in self.options.items() if button.isChecked())

    def choose(self, scope: EditScope) -> None:
        self.options[scope].setChecked(True)
