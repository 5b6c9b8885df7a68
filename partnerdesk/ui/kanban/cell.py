"""The widgets of one board column: its header (name, count/limit, collapse, quick add) and card lists."""

from __future__ import annotations

import html
import json

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QDrag, QDragEnterEvent, QDropEvent, QFont, QFontMetrics, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.l10n import _
from partnerdesk.ui import theme
from partnerdesk.ui.kanban.delegate import CardDelegate
from partnerdesk.ui.kanban.model import MIME, CellModel, IdRole


def _folded_arrow(widget: QWidget) -> Qt.ArrowType:
    """A folded column or lane points in the reading direction."""
    return Qt.ArrowType.LeftArrow if widget.isRightToLeft() else Qt.ArrowType.RightArrow


def _directed(widget: QWidget, rich: str) -> str:
    """Rich text follows the text's first letter; make a header follow the interface direction instead."""
    return f"<div dir='{'rtl' if widget.isRightToLeft() else 'ltr'}'>{rich}</div>"


def _elided_bold(label: QLabel, name: str, tail: str) -> str:
    """``name`` (drawn bold) shortened with "…" so that it and ``tail`` (the count) fit the label's width."""
    if label.width() <= 0:
        return name
    bold = QFont(label.font())
    bold.setBold(True)
    room = label.width() - label.fontMetrics().horizontalAdvance(tail) - 2 * label.margin() - 8
    return QFontMetrics(bold).elidedText(name, Qt.TextElideMode.ElideRight, max(0, room))


def _fits_two_lines(label: QLabel, name: str, tail: str) -> bool:
    """Whether bold ``name`` and ``tail`` fit the label's width on two lines."""
    if label.width() <= 0:
        return False
    bold = QFont(label.font())
    bold.setBold(True)
    width = label.width() - 2 * label.margin() - 8
    needed = QFontMetrics(bold).horizontalAdvance(name) + label.fontMetrics().horizontalAdvance(tail)
    return needed <= 2 * width - QFontMetrics(bold).averageCharWidth() * 4  # room for a word that does not split


class CardList(QListView):
    """The cards of one cell. Keys: Ctrl+Left/Right move to the next column, Ctrl+Up/Down reorder,
    Enter edits, Delete sends to the trash."""

    move_requested = Signal(int)  # visual step: -1 left, +1 right
    reorder_requested = Signal(int)  # -1 up, +1 down
    edit_requested = Signal(int)  # card id
    delete_requested = Signal()
    add_requested = Signal()  # Insert: quick add in this column
    menu_requested = Signal(QPoint)

    def __init__(self, model: CellModel, delegate: CardDelegate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setItemDelegate(delegate)  # one delegate (and its text cache) for every list of the board
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)
        self.setUniformItemSizes(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumWidth(196)  # five columns fit a 1280-pixel laptop screen beside the navigation
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self.menu_requested)
        self.doubleClicked.connect(lambda index: self.edit_requested.emit(index.data(IdRole)))

    def cell(self) -> CellModel:
        model = self.model()
        assert isinstance(model, CellModel)
        return model

    def selected_ids(self) -> list[int]:
        rows = sorted(i.row() for i in self.selectionModel().selectedIndexes())
        return [self.cell().ids[r] for r in rows if r < len(self.cell().ids)]

    def select_ids(self, ids: list[int]) -> None:
        self.setFocus()
        selection = self.selectionModel()
        selection.clear()
        model = self.cell()
        for wid in ids:
            if wid in model.ids:
                index = model.index(model.ids.index(wid))
                if wid == ids[0]:
                    selection.setCurrentIndex(index, selection.SelectionFlag.NoUpdate)
                selection.select(index, selection.SelectionFlag.Select)

    def startDrag(self, supported: Qt.DropAction) -> None:  # noqa: N802 - Qt API
        """Drag the selected cards with a picture of the first one under the cursor."""
        rows = sorted({i.row() for i in self.selectionModel().selectedIndexes()})
        if not rows:
            return
        drag = QDrag(self)
        drag.setMimeData(self.cell().mimeData([self.cell().index(r) for r in rows]))
        first = self.visualRect(self.cell().index(rows[0]))
        if first.isValid():
            pixmap = self.viewport().grab(first)
            drag.setPixmap(pixmap)
            drag.setHotSpot(QPoint(pixmap.width() // 2, min(20, pixmap.height() // 2)))
        drag.exec(Qt.DropAction.MoveAction, Qt.DropAction.MoveAction)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        key = event.key()
        if ctrl and key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            # Screen direction: in Arabic "right" is towards the previous column; the view mirrors the step.
            self.move_requested.emit(1 if key == Qt.Key.Key_Right else -1)
        elif ctrl and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.reorder_requested.emit(-1 if key == Qt.Key.Key_Up else 1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.edit_requested.emit(self.currentIndex().data(IdRole))
        elif key == Qt.Key.Key_Delete and self.selected_ids():
            self.delete_requested.emit()
        elif key == Qt.Key.Key_Insert:
            self.add_requested.emit()
        else:
            super().keyPressEvent(event)


class ColumnHeader(QFrame):
    """Column name, shown/total count and WIP limit (warning colour when exceeded), collapse and add buttons,
    and the quick-add line that appears under it."""

    toggled = Signal()
    quick_add = Signal(str)
    menu_requested = Signal(QPoint)
    cards_dropped = Signal(list)  # card ids dropped on the header (also when the column is folded)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("columnHeader")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.collapse = QToolButton()
        self.collapse.setAutoRaise(True)
        self.collapse.clicked.connect(self.toggled)
        self.label = QLabel()
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.label.installEventFilter(self)  # re-elide the name whenever the label's width changes
        self._shown_text: tuple[str, int, int, int | None] | None = None
        self.add = QToolButton()
        self.add.setText("+")
        self.add.setAutoRaise(True)
        self.add.clicked.connect(self.open_quick_add)
        self.editor = QLineEdit()
        self.editor.hide()
        self.editor.returnPressed.connect(self._submit)
        self.editor.installEventFilter(self)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.collapse)
        top.addWidget(self.label, 1)
        top.addWidget(self.add)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addLayout(top)
        layout.addWidget(self.editor)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self.menu_requested)
        self.collapsed = False
        self.setAcceptDrops(True)
        self.retranslate_ui()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt API
        if event.mimeData().hasFormat(MIME):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt API
        if event.mimeData().hasFormat(MIME):
            self.cards_dropped.emit([int(i) for i in json.loads(bytes(event.mimeData().data(MIME).data()))])
            event.acceptProposedAction()

    def retranslate_ui(self) -> None:
        self.add.setToolTip(_("Add a card at the top of this column (Insert)"))
        self.editor.setPlaceholderText(_("New card title, then Enter"))
        self.editor.setAccessibleName(self.editor.placeholderText())
        self.collapse.setToolTip(_("Expand column") if self.collapsed else _("Collapse column"))

    def set_collapsed(self, collapsed: bool) -> None:
        self.collapsed = collapsed
        self.collapse.setArrowType(_folded_arrow(self) if collapsed else Qt.ArrowType.DownArrow)
        self.add.setVisible(not collapsed)
        if collapsed:  # a narrow strip that still names the column and its count
            self.setFixedWidth(150)
        else:
            self.setMinimumWidth(0)
            self.setMaximumWidth(16777215)
        self.retranslate_ui()

    def set_text(self, name: str, shown: int, total: int, limit: int | None) -> None:
        self._shown_text = (name, shown, total, limit)
        over = limit is not None and total > limit
        count = str(total) if shown == total else _("{shown} of {total}").format(shown=shown, total=total)
        if limit:
            count = f"{count} / {limit}"
        tail = f"  {count}" + (" ⚠" if over else "")
        label = _elided_bold(self.label, name, tail)
        # A long name ("Εντός χρονοδιαγράμματος") goes onto a second line rather than losing its end.
        wrap = label != name and _fits_two_lines(self.label, name, tail)
        self.label.setWordWrap(wrap)
        shown_name = name if wrap else label
        self.label.setText(_directed(self, f"<b>{html.escape(shown_name)}</b> &nbsp; {count}"
                                     + (" ⚠" if over else "")))
        self.label.setToolTip(_("Work-in-progress limit exceeded: {count} cards, limit {limit}").format(
            count=total, limit=limit) if over else name)
        theme.styled(self.label, lambda: f"color: {theme.name('danger')};" if over else "")
        self.setProperty("over", over)

    def is_over(self) -> bool:
        return bool(self.property("over"))

    def open_quick_add(self) -> None:
        self.editor.show()
        self.editor.setFocus()

    def _submit(self) -> None:
        text = self.editor.text().strip()
        if text:
            self.quick_add.emit(text)
            self.editor.clear()  # stays open: type the next card

    def eventFilter(self, watched: object, event: object) -> bool:  # noqa: N802 - Qt API
        if watched is self.label and isinstance(event, QResizeEvent) and self._shown_text is not None:
            self.set_text(*self._shown_text)  # the name shortened anew, so the count stays in view
            return False
        if watched is self.editor and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress \
                and event.key() == Qt.Key.Key_Escape:
            self.editor.clear()
            self.editor.hide()
            return True
        return False


class LaneHeader(QFrame):
    """A swimlane title across the board: collapse button, colour swatch, name, count and optional limit."""

    toggled = Signal()
    menu_requested = Signal(QPoint)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("laneHeader")
        self.collapse = QToolButton()
        self.collapse.setAutoRaise(True)
        self.collapse.clicked.connect(self.toggled)
        self.label = QLabel()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 6, 2, 0)
        layout.addWidget(self.collapse)
        layout.addWidget(self.label, 1)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self.menu_requested)
        self.collapsed = False

    def set_collapsed(self, collapsed: bool) -> None:
        self.collapsed = collapsed
        self.collapse.setArrowType(_folded_arrow(self) if collapsed else Qt.ArrowType.DownArrow)
        self.collapse.setToolTip(_("Expand lane") if collapsed else _("Collapse lane"))

    def set_text(self, name: str, color: str, count: int, open_cards: int | None, limit: int | None) -> None:
        over = limit is not None and open_cards is not None and open_cards > limit
        swatch = f"<span style='color:{color}'>■</span> " if color else ""
        extra = ""
        if limit:
            extra = " · " + _("{open} open / limit {limit}").format(open=open_cards or 0, limit=limit)
        self.label.setText(_directed(self, f"{swatch}<b>{html.escape(name)}</b> &nbsp; {count}{extra}" + (" ⚠" if over else "")))
        theme.styled(self.label, lambda: f"color: {theme.name('danger')};" if over else "")
        self.setProperty("over", over)
