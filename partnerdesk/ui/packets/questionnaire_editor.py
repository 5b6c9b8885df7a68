"""Onboarding questionnaire editor: title and introduction, questions with answer types, add/remove/reorder."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.domain.enums import AnswerType
from partnerdesk.l10n import _, fill
from partnerdesk.services.questionnaire import QuestionDraft, QuestionnaireDraft, QuestionnaireService
from partnerdesk.ui.packets.editor_base import DraftEditor
from partnerdesk.ui.packets.rows import focus_shortcut

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class QuestionsModel(QAbstractListModel):
    """The questions of the draft, shown as “1. Text — Answer type (required)”."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.questions: list[QuestionDraft] = []

    def set_questions(self, questions: list[QuestionDraft]) -> None:
        self.beginResetModel()
        self.questions = list(questions)
        self.endResetModel()

    def rowCount(self, parent: Index = _ROOT) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.questions)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        q = self.questions[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            # The question keeps its own direction inside the label (Unicode FSI … PDI): an English question
            # ending in "?" in the Arabic list would otherwise show the "?" at its start.
            text = " ".join(q.text.split()) if q.text.strip() else _("(no text yet)")
            label = fill(_("{number}. {text} — {answer}"), number=index.row() + 1, text=text,
                         answer=q.answer_type.label)
            return label + (" " + _("(required)") if q.required else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            return q.text
        return None

    def replace(self, row: int, question: QuestionDraft) -> None:
        self.questions[row] = question
        self.dataChanged.emit(self.index(row), self.index(row))

    def insert(self, row: int, question: QuestionDraft) -> int:
        row = max(0, min(row, len(self.questions)))
        self.beginInsertRows(QModelIndex(), row, row)
        self.questions.insert(row, question)
        self.endInsertRows()
        return row

    def remove(self, row: int) -> None:
        if 0 <= row < len(self.questions):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.questions[row]
            self.endRemoveRows()
            self._renumber(row)

    def move(self, row: int, delta: int) -> int:
        target = row + delta
        if not (0 <= row < len(self.questions) and 0 <= target < len(self.questions)):
            return row
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), target + 1 if delta > 0 else target)
        self.questions.insert(target, self.questions.pop(row))
        self.endMoveRows()
        self._renumber(min(row, target))
        return target

    def _renumber(self, first: int) -> None:
        if self.questions and first < len(self.questions):
            self.dataChanged.emit(self.index(first), self.index(len(self.questions) - 1))


class QuestionnaireEditor(DraftEditor):
    entity = "questionnaire"

    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        self._loading = False
        super().__init__(context, parent)
        self.setObjectName("questionnaireEditor")
        self.resize(860, 580)

    def service(self) -> QuestionnaireService:
        return QuestionnaireService(self.context.ws)

    # --- widgets ----------------------------------------------------------------------------------------
    def build_ui(self) -> QWidget:
        body = QWidget()
        top = QFormLayout()
        self.title = QLineEdit()
        self.title.setObjectName("questionnaireTitle")
        self.intro = QPlainTextEdit()
        self.intro.setFixedHeight(70)
        self.title_label, self.intro_label = QLabel(), QLabel()
        top.addRow(self.title_label, self.title)
        top.addRow(self.intro_label, self.intro)

        self.model = QuestionsModel(self)
        self.list = QListView()
        self.list.setObjectName("questionList")
        self.list.setModel(self.model)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setWordWrap(True)
        self.add_button, self.remove_button = QPushButton(), QPushButton()
        self.up_button, self.down_button = QPushButton(), QPushButton()
        focus_shortcut(self.list, "Alt+Up", self.up_button.click)
        focus_shortcut(self.list, "Alt+Down", self.down_button.click)
        self.add_button.clicked.connect(self.add_question)
        self.remove_button.clicked.connect(self.remove_question)
        self.up_button.clicked.connect(lambda: self.move_question(-1))
        self.down_button.clicked.connect(lambda: self.move_question(1))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            row.addWidget(button)
        left_layout.addLayout(row)

        self.detail = QGroupBox()
        form = QFormLayout(self.detail)
        self.text = QPlainTextEdit()
        self.text.setObjectName("questionText")
        self.answer_type = QComboBox()
        self.answer_type.setObjectName("answerType")
        for kind in AnswerType:
            self.answer_type.addItem("", kind.value)
        self.required = QCheckBox()
        self.choices = QPlainTextEdit()
        self.choices.setObjectName("questionChoices")
        self.choices_hint = QLabel()
        self.choices_hint.setWordWrap(True)
        self.choices_hint.setStyleSheet("color: palette(placeholder-text)")
        self.detail_labels = [QLabel() for _i in range(3)]
        form.addRow(self.detail_labels[0], self.text)
        form.addRow(self.detail_labels[1], self.answer_type)
        form.addRow("", self.required)
        form.addRow(self.detail_labels[2], self.choices)
        form.addRow("", self.choices_hint)
        self.text.textChanged.connect(self._detail_edited)
        self.answer_type.currentIndexChanged.connect(lambda _i: self._detail_edited())
        self.required.toggled.connect(lambda _on: self._detail_edited())
        self.choices.textChanged.connect(self._detail_edited)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.list.selectionModel().currentRowChanged.connect(lambda *_a: self._show_current())
        return body

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.setWindowTitle(_("Onboarding questionnaire"))
        self.title_label.setText(_("Title"))
        self.intro_label.setText(_("Introduction"))
        self.add_button.setText(_("Add question"))
        self.remove_button.setText(_("Remove"))
        self.up_button.setText(_("Move up"))
        self.down_button.setText(_("Move down"))
        self.up_button.setToolTip(_("Move up (Alt+Up)"))
        self.down_button.setToolTip(_("Move down (Alt+Down)"))
        self.detail.setTitle(_("Question"))
        for label, text in zip(self.detail_labels, (_("Question"), _("Answer type"), _("Choices")), strict=True):
            label.setText(text)
        self.required.setText(_("Answer required"))
        self.choices_hint.setText(_("One answer per line; at least two."))
        for i in range(self.answer_type.count()):
            self.answer_type.setItemText(i, AnswerType(self.answer_type.itemData(i)).label)
        self.model.layoutChanged.emit()

    # --- draft <-> widgets ------------------------------------------------------------------------------
    def draft(self) -> QuestionnaireDraft:
        return QuestionnaireDraft(self.title.text(), self.intro.toPlainText(), tuple(self.model.questions))

    def show_draft(self, draft: QuestionnaireDraft) -> None:
        current = self.current_row()
        self.title.setText(draft.title)
        self.intro.setPlainText(draft.intro)
        self.model.set_questions(list(draft.questions))
        self.select(min(max(current, 0), self.model.rowCount() - 1))
        self._show_current()

    def undo_text(self) -> str:
        return _("Edit onboarding questionnaire")

    def focus_field(self, field: str, params: dict[str, Any]) -> None:
        if field == "title":
            self.title.setFocus()
        elif isinstance(params.get("number"), int):
            self.select(params["number"] - 1)
            self.text.setFocus()

    # --- questions --------------------------------------------------------------------------------------
    def current_row(self) -> int:
        index = self.list.currentIndex() if hasattr(self, "list") else QModelIndex()
        return index.row() if index.isValid() else -1

    def select(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.list.selectionModel().setCurrentIndex(self.model.index(row),
                                                       QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self._show_current()

    def add_question(self, question: QuestionDraft | None = None) -> int:
        row = self.model.insert(self.current_row() + 1 if self.current_row() >= 0 else self.model.rowCount(),
                                question if isinstance(question, QuestionDraft) else QuestionDraft(""))
        self.select(row)
        self.text.setFocus()
        return row

    def remove_question(self) -> None:
        row = self.current_row()
        if row >= 0:
            self.model.remove(row)
            self.select(min(row, self.model.rowCount() - 1))

    def move_question(self, delta: int) -> None:
        row = self.current_row()
        if row >= 0:
            self.select(self.model.move(row, delta))

    def _show_current(self) -> None:
        row = self.current_row()
        has = row >= 0
        self.detail.setEnabled(has)
        self.remove_button.setEnabled(has)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.model.rowCount() - 1)
        self._loading = True
        try:
            q = self.model.questions[row] if has else QuestionDraft("")
            self.text.setPlainText(q.text)
            self.answer_type.setCurrentIndex(max(0, self.answer_type.findData(AnswerType(q.answer_type).value)))
            self.required.setChecked(q.required)
            self.choices.setPlainText("\n".join(q.choices))
            self._update_choices_enabled()
        finally:
            self._loading = False

    def _update_choices_enabled(self) -> None:
        is_choice = self.answer_type.currentData() == AnswerType.CHOICE.value
        self.choices.setEnabled(is_choice)
        self.choices_hint.setVisible(is_choice)

    def _detail_edited(self) -> None:
        self._update_choices_enabled()
        row = self.current_row()
        if self._loading or row < 0:
            return
        kind = AnswerType(self.answer_type.currentData())
        choices = tuple(self.choices.toPlainText().splitlines()) if kind == AnswerType.CHOICE else ()
        self.model.replace(row, QuestionDraft(self.text.toPlainText(), kind, choices, self.required.isChecked()))
