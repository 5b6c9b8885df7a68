"""The board's filter bar: partner, owner, tag, due date and free text (combined), and named presets."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QSizePolicy,
    QStyle,
    QStyleOptionComboBox,
    QToolBar,
    QToolButton,
    QWidget,
)

from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.l10n import _
from partnerdesk.services.board_query import BoardFilter, BoardQuery
from partnerdesk.services.board_settings import BoardSettingsService
from partnerdesk.ui.context import AppContext
from partnerdesk.ui.icons import theme_icon

SHORT_TEXT_DELAY_MS = 250


class LazyCombo(QComboBox):
    """A combo box that fills its list when first opened (the tag list scans every card)."""

    def __init__(self, loader: Callable[[], None]) -> None:
        super().__init__()
        self.loader = loader
        self.loaded = False

    def showPopup(self) -> None:  # noqa: N802 - Qt API
        if not self.loaded:
            self.loader()
        super().showPopup()


def _combo(min_width: int = 120, combo: QComboBox | None = None) -> QComboBox:
    combo = combo or QComboBox()
    combo.setMinimumWidth(min_width)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(12)
    combo.setProperty("floorWidth", min_width)
    return combo


def _fit_first(combo: QComboBox) -> None:
    """Widen the box so its first choice ("All partners", "Saved filters…") shows in full in this language."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    text = combo.fontMetrics().horizontalAdvance(combo.itemText(0)) if combo.count() else 0
    needed = combo.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, option,
                                            QSize(text, combo.fontMetrics().height()), combo).width()
    combo.setMinimumWidth(max(int(combo.property("floorWidth") or 0), needed))


class FilterBar(QToolBar):
    changed = Signal(object)  # BoardFilter

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.partner, self.owner, self.due = _combo(), _combo(), _combo(100)
        self.tag = LazyCombo(self.load_tags)
        _combo(100, self.tag)
        self.text = QLineEdit()
        self.text.setClearButtonEnabled(True)
        self.text.setMinimumWidth(160)
        self.presets = _combo(130)
        self.save_button, self.delete_button, self.clear_button = QToolButton(), QToolButton(), QToolButton()
        # A tool bar, so that on a narrow window the controls that do not fit move into its overflow menu.
        self.setMovable(False)
        self.setFloatable(False)
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        for widget in (self.text, self.partner, self.owner, self.tag, self.due, self.clear_button,
                       self.presets, self.save_button, self.delete_button):
            self.addWidget(widget)
        for combo in (self.partner, self.owner, self.tag, self.due):
            combo.currentIndexChanged.connect(self._emit)
        # One or two letters cannot use the trigram index (a full scan on a big board): wait for a pause in the
        # typing before applying them; longer text filters at once, keystroke by keystroke.
        self.short_text_timer = QTimer(self)
        self.short_text_timer.setSingleShot(True)
        self.short_text_timer.setInterval(SHORT_TEXT_DELAY_MS)
        self.short_text_timer.timeout.connect(self._emit)
        self.text.textChanged.connect(self._text_changed)
        self.presets.activated.connect(self._load_preset)
        self.save_button.clicked.connect(self.save_preset)
        self.delete_button.clicked.connect(self.delete_preset)
        self.clear_button.clicked.connect(lambda: self.set_filter(BoardFilter(), emit=True))
        self._quiet = False
        self.retranslate_ui()

    # -- choices --------------------------------------------------------------------------------------------------
    def populate(self) -> None:
        """Fill the choice lists from the workspace, keeping the current selection where it still exists."""
        current = self.current()
        self._quiet = True
        try:
            query = BoardQuery(self.context.ws) if self.context.workspace is not None else None
            self._fill(self.partner, _("All partners"), query.partners() if query else [])
            self._fill(self.owner, _("Anyone"), query.members() if query else [])
            self._fill(self.tag, _("Any tag"), [(current.tag, current.tag)] if current.tag else [])
            self.tag.loaded = False
            self._fill(self.due, _("Any due date"), [("overdue", _("Overdue")), ("week", _("Due this week")),
                                                     ("none", _("No due date"))])
            self._fill_presets()
            self.set_filter(current, emit=False)
        finally:
            self._quiet = False

    def load_tags(self) -> None:
        """Fill the tag list (on first opening of the list: it scans every card's tags)."""
        chosen = self.tag.currentData()
        self._quiet, quiet = True, self._quiet
        try:
            self._fill(self.tag, _("Any tag"), [(t, t) for t in BoardQuery(self.context.ws).tags()]
                       if self.context.workspace is not None else [])
            self.tag.loaded = True
            self.tag.setCurrentIndex(max(0, self.tag.findData(chosen)))
        finally:
            self._quiet = quiet

    @staticmethod
    def _fill(combo: QComboBox, everything: str, items: list[tuple[Any, str]]) -> None:
        combo.clear()
        combo.addItem(everything, None)
        for value, label in items:
            combo.addItem(label, value)
        _fit_first(combo)

    def _fill_presets(self) -> None:
        self.presets.clear()
        self.presets.addItem(_("Saved filters…"), None)
        _fit_first(self.presets)
        if self.context.workspace is not None:
            for name in sorted(BoardSettingsService(self.context.ws).presets(), key=str.casefold):
                self.presets.addItem(name, name)

    # -- the filter -----------------------------------------------------------------------------------------------
    def current(self) -> BoardFilter:
        return BoardFilter(partner_id=self.partner.currentData(), owner_id=self.owner.currentData(),
                           tag=self.tag.currentData() or "", due=self.due.currentData() or "",
                           text=self.text.text().strip())

    def set_filter(self, flt: BoardFilter, emit: bool = True) -> None:
        quiet, self._quiet = self._quiet, True
        try:
            if flt.tag and self.tag.findData(flt.tag) < 0:
                self.tag.addItem(flt.tag, flt.tag)
            for combo, value in ((self.partner, flt.partner_id), (self.owner, flt.owner_id),
                                 (self.tag, flt.tag or None), (self.due, flt.due or None)):
                index = combo.findData(value)
                combo.setCurrentIndex(max(index, 0))
            if self.text.text().strip() != flt.text:
                self.text.setText(flt.text)
        finally:
            self._quiet = quiet
        if emit:
            self._emit()

    def _text_changed(self, text: str) -> None:
        self.short_text_timer.stop()
        if 0 < len(text.strip()) < 3:
            self.short_text_timer.start()
        else:
            self._emit()

    def _emit(self) -> None:
        if not self._quiet:
            self.changed.emit(self.current())

    # -- presets --------------------------------------------------------------------------------------------------
    def _load_preset(self, index: int) -> None:
        name = self.presets.itemData(index)
        if name is None:
            return
        preset = BoardSettingsService(self.context.ws).presets().get(name)
        if preset is not None:
            self.set_filter(BoardFilter.from_dict(preset))

    def save_preset(self, name: str | None = None) -> None:
        if name is None or not isinstance(name, str):
            name, ok = QInputDialog.getText(self, _("Save filter"), _("Name of this filter:"),
                                            text=self.presets.currentData() or "")
            if not ok:
                return
        try:
            BoardSettingsService(self.context.ws).save_preset(name, self.current().as_dict())
        except PartnerDeskError as exc:
            QMessageBox.warning(self, _("Save filter"), exc.message)
            return
        self._fill_presets()
        self.presets.setCurrentIndex(max(0, self.presets.findData(name.strip())))

    def delete_preset(self) -> None:
        name = self.presets.currentData()
        if name is None:
            QMessageBox.information(self, _("Delete saved filter"), _("Choose a saved filter first."))
            return
        BoardSettingsService(self.context.ws).delete_preset(name)
        self._fill_presets()

    def retranslate_ui(self) -> None:
        self.text.setPlaceholderText(_("Filter cards…"))
        self.text.setAccessibleName(self.text.placeholderText())
        self.save_button.setText(_("Save…"))
        self.save_button.setToolTip(_("Save the current filter under a name"))
        self.delete_button.setText(_("Delete"))
        self.delete_button.setToolTip(_("Delete the chosen saved filter"))
        self.clear_button.setText(_("Clear"))
        self.clear_button.setToolTip(_("Show all cards"))
        # Icons (their words in the tooltips and for screen readers), so the bar fits a laptop in every language.
        for button, icon in ((self.save_button, "document-save"), (self.delete_button, "edit-delete"),
                             (self.clear_button, "edit-clear")):
            button.setIcon(theme_icon(icon))
            button.setAccessibleName(button.text())
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.partner.setToolTip(_("Partner"))
        self.owner.setToolTip(_("Responsible"))
        self.tag.setToolTip(_("Tag"))
        self.due.setToolTip(_("Due date"))
        for combo, everything in ((self.partner, _("All partners")), (self.owner, _("Anyone")),
                                  (self.tag, _("Any tag")), (self.due, _("Any due date")),
                                  (self.presets, _("Saved filters…"))):
            if combo.count():
                combo.setItemText(0, everything)
                _fit_first(combo)
        for index, label in enumerate((_("Overdue"), _("Due this week"), _("No due date")), 1):
            if self.due.count() > index:
                self.due.setItemText(index, label)
