"""E-mail addresses or phone numbers as rows of (translated type, value), with add and remove buttons."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.l10n import _, pgettext
from partnerdesk.ui.icons import theme_icon

#: Stored type word → label (vCard TYPE words; "cell" is read as "mobile").
TYPES: dict[str, tuple[str, ...]] = {
    "email": ("work", "home", "other"),
    "phone": ("work", "mobile", "home", "fax", "other"),
}
ALIASES = {"cell": "mobile", "internet": "work", "voice": "work", "main": "work"}


def type_label(word: str) -> str:
    labels = {"work": pgettext("contact detail type", "Work"), "home": pgettext("contact detail type", "Home"),
              "mobile": pgettext("contact detail type", "Mobile"), "fax": pgettext("contact detail type", "Fax"),
              "other": _("Other")}
    return labels.get(word, word)


class _Row(QWidget):
    def __init__(self, kind: str, owner: TypedItemsEdit) -> None:
        super().__init__(owner)
        self.kind_box = QComboBox()
        self.value = QLineEdit()
        self.remove = QToolButton()
        self.remove.setIcon(theme_icon("list-remove"))
        self.remove.clicked.connect(lambda: owner.remove_row(self))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.kind_box)
        row.addWidget(self.value, 1)
        row.addWidget(self.remove)
        self.words = list(TYPES[kind])
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        current = self.kind_box.currentData()
        self.kind_box.clear()
        for word in self.words:
            self.kind_box.addItem(type_label(word), word)
        self.kind_box.setCurrentIndex(max(0, self.kind_box.findData(current)))
        self.remove.setToolTip(_("Remove"))
        self.remove.setAccessibleName(_("Remove"))

    def set_item(self, item: dict[str, Any]) -> None:
        word = str(item.get("type") or "work").lower()
        word = ALIASES.get(word, word)
        if word not in self.words:  # an imported label ("assistant", "X-ABLabel" text…) is kept as it was
            self.words.append(word)
            self.kind_box.addItem(word, word)
        self.kind_box.setCurrentIndex(self.kind_box.findData(word))
        self.value.setText(str(item.get("value", "")))

    def item(self) -> dict[str, Any]:
        return {"type": self.kind_box.currentData() or "work", "value": self.value.text().strip()}


class TypedItemsEdit(QWidget):
    """``kind`` is "email" or "phone"; ``items()`` returns [{"type": "work", "value": "…"}, …] without blanks."""

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.rows: list[_Row] = []
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(4)
        self.add_button = QPushButton()
        self.add_button.setIcon(theme_icon("list-add"))
        self.add_button.clicked.connect(lambda: self.add_row().value.setFocus())
        footer = QHBoxLayout()
        footer.addWidget(self.add_button)
        footer.addStretch(1)
        self.box.addLayout(footer)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.add_button.setText(_("Add e-mail") if self.kind == "email" else _("Add phone"))
        for row in self.rows:
            row.retranslate_ui()

    def add_row(self, item: dict[str, Any] | None = None) -> _Row:
        row = _Row(self.kind, self)
        if item is not None:
            row.set_item(item)
        else:
            row.kind_box.setCurrentIndex(row.kind_box.findData("mobile" if self.kind == "phone" and self.rows
                                                               else "work"))
        self.box.insertWidget(len(self.rows), row)
        self.rows.append(row)
        row.value.setPlaceholderText("name@example.com" if self.kind == "email" else "+55 11 91234-5678")
        return row

    def remove_row(self, row: _Row) -> None:
        if row in self.rows:
            self.rows.remove(row)
            row.hide()
            row.deleteLater()

    def set_items(self, items: list[dict[str, Any]]) -> None:
        for row in list(self.rows):
            self.remove_row(row)
        for item in items:
            self.add_row(item)
        if not items:
            self.add_row()

    def items(self) -> list[dict[str, Any]]:
        return [item for item in (row.item() for row in self.rows) if item["value"]]
