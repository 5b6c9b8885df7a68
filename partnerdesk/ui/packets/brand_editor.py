"""Brand guide editor: story, voice and imagery; colours (colour picker, HEX shown); typefaces; do/don't; logo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import (
    QColorDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.domain.errors import PartnerDeskError, ValidationError
from partnerdesk.l10n import N_, _, format_number
from partnerdesk.services.brand_guide import (
    BrandGuideDraft,
    BrandGuideService,
    ColourDraft,
    TypefaceDraft,
    normalise_hex,
    read_logo_file,
)
from partnerdesk.store.paths import documents_dir
from partnerdesk.ui import theme
from partnerdesk.ui.packets.editor_base import DraftEditor
from partnerdesk.ui.packets.rows import RowsEditor, RowsModel

HEX_COLUMN = 1


def colour_of(text: str) -> QColor | None:
    try:
        return QColor(normalise_hex(text))
    except ValidationError:
        return None


def image_format(data: bytes) -> str | None:
    """PNG or JPEG from the file signature. Qt's own format detection fails under a Greek UI locale
    (QPixmap.loadFromData without a format then rejects a valid PNG), so we always name the format."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data.startswith(b"\xff\xd8"):
        return "JPEG"
    return None


def _colour_decoration(row: list[str], column: int) -> dict[int, Any]:
    if column != HEX_COLUMN or not row[HEX_COLUMN].strip():
        return {}
    colour = colour_of(row[HEX_COLUMN])
    if colour is None:
        return {Qt.ItemDataRole.ForegroundRole: theme.color("danger"),
                Qt.ItemDataRole.ToolTipRole: _("Not a hex colour: use six digits, like #1A2B3C.")}
    return {Qt.ItemDataRole.DecorationRole: colour,
            Qt.ItemDataRole.ToolTipRole: f"RGB {colour.red()} {colour.green()} {colour.blue()}"}


class BrandGuideEditor(DraftEditor):
    entity = "brand_guide"

    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        self.logo: bytes | None = None
        super().__init__(context, parent)
        self.setObjectName("brandGuideEditor")
        self.resize(820, 600)

    def service(self) -> BrandGuideService:
        return BrandGuideService(self.context.ws)

    # --- widgets ----------------------------------------------------------------------------------------
    def build_ui(self) -> QWidget:
        self.tabs = QTabWidget()
        general = QWidget()
        form = QFormLayout(general)
        self.name = QLineEdit()
        self.name.setObjectName("brandName")
        self.story, self.tone, self.imagery = QPlainTextEdit(), QPlainTextEdit(), QPlainTextEdit()
        self.general_labels = [QLabel() for _i in range(4)]
        for label, field in zip(self.general_labels, (self.name, self.story, self.tone, self.imagery), strict=True):
            form.addRow(label, field)
        self.story_hint = QLabel()
        self.story_hint.setWordWrap(True)
        self.story_hint.setStyleSheet("color: palette(placeholder-text)")
        form.addRow(self.story_hint)
        self.tabs.addTab(general, "")

        colours = QWidget()
        self.colours = RowsEditor(RowsModel([N_("Name"), N_("HEX"), N_("Usage")], self, _colour_decoration))
        self.colours.setObjectName("colourTable")
        self.pick_button = QPushButton()
        self.pick_button.setObjectName("pickColour")
        self.pick_button.clicked.connect(lambda: self.pick_colour())
        self.colours.buttons.insertWidget(4, self.pick_button)
        self.colours.table.doubleClicked.connect(self._colour_double_clicked)
        self.colours.table.setColumnWidth(0, 180)
        self.colours.table.setColumnWidth(HEX_COLUMN, 120)
        box = QVBoxLayout(colours)
        box.addWidget(self.colours)
        self.tabs.addTab(colours, "")

        self.typefaces = RowsEditor(RowsModel([N_("Role"), N_("Font family"), N_("Usage")], self))
        self.typefaces.table.setColumnWidth(0, 160)
        self.typefaces.table.setColumnWidth(1, 200)
        self.tabs.addTab(self.typefaces, "")

        rules = QWidget()
        row = QHBoxLayout(rules)
        self.dos = RowsEditor(RowsModel([N_("Do")], self))
        self.donts = RowsEditor(RowsModel([N_("Don't")], self))
        row.addWidget(self.dos)
        row.addWidget(self.donts)
        self.tabs.addTab(rules, "")

        logo = QWidget()
        column = QVBoxLayout(logo)
        self.logo_preview = QLabel()
        self.logo_preview.setObjectName("logoPreview")
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_preview.setMinimumSize(260, 180)
        self.logo_preview.setStyleSheet("background: white; border: 1px solid palette(mid)")
        self.logo_info = QLabel()
        self.choose_logo_button, self.remove_logo_button = QPushButton(), QPushButton()
        self.choose_logo_button.clicked.connect(lambda: self.choose_logo())
        self.remove_logo_button.clicked.connect(self.remove_logo)
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose_logo_button)
        buttons.addWidget(self.remove_logo_button)
        buttons.addStretch(1)
        column.addWidget(self.logo_preview, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(self.logo_info, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addLayout(buttons)
        column.addStretch(1)
        self.tabs.addTab(logo, "")
        return self.tabs

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.setWindowTitle(_("Brand guide"))
        for i, title in enumerate((_("Story and voice"), _("Colours"), _("Typefaces"), _("Do and don't"),
                                   _("Logo"))):
            self.tabs.setTabText(i, title)
        for label, text in zip(self.general_labels, (_("Name"), _("Brand story"), _("Tone of voice"),
                                                     _("Imagery")), strict=True):
            label.setText(text)
        self.story_hint.setText(_("Leave an empty line between paragraphs."))
        self.pick_button.setText(_("Pick colour…"))
        self.choose_logo_button.setText(_("Choose image…"))
        self.remove_logo_button.setText(_("Remove logo"))
        for editor in (self.colours, self.typefaces, self.dos, self.donts):
            editor.retranslate_ui()
        self._show_logo()

    # --- draft <-> widgets ------------------------------------------------------------------------------
    def draft(self) -> BrandGuideDraft:
        saved_mime = self.saved.logo_mime if self.saved is not None and self.saved.logo == self.logo else ""
        return BrandGuideDraft(
            name=self.name.text(), story=self.story.toPlainText(), tone_of_voice=self.tone.toPlainText(),
            imagery=self.imagery.toPlainText(), logo=self.logo, logo_mime=saved_mime if self.logo else "",
            colours=tuple(ColourDraft(*r) for r in self.colours.model.rows),
            typefaces=tuple(TypefaceDraft(*r) for r in self.typefaces.model.rows),
            dos=tuple(r[0] for r in self.dos.model.rows), donts=tuple(r[0] for r in self.donts.model.rows))

    def show_draft(self, draft: BrandGuideDraft) -> None:
        self.name.setText(draft.name)
        self.story.setPlainText(draft.story)
        self.tone.setPlainText(draft.tone_of_voice)
        self.imagery.setPlainText(draft.imagery)
        self.colours.model.set_rows([[c.name, c.hex, c.usage] for c in draft.colours])
        self.typefaces.model.set_rows([[f.role, f.family, f.usage] for f in draft.typefaces])
        self.dos.model.set_rows([[t] for t in draft.dos])
        self.donts.model.set_rows([[t] for t in draft.donts])
        self.logo = draft.logo
        self._show_logo()

    def undo_text(self) -> str:
        return _("Edit brand guide")

    def focus_field(self, field: str, params: dict[str, Any]) -> None:
        tab = {"name": 0, "colours": 1, "typefaces": 2, "logo": 4}.get(field)
        if tab is not None:
            self.tabs.setCurrentIndex(tab)
        if field == "name":
            self.name.setFocus()
        elif field == "colours":
            for row, values in enumerate(self.colours.model.rows):
                if values[HEX_COLUMN].strip() and colour_of(values[HEX_COLUMN]) is None:
                    self.colours.select(row, HEX_COLUMN)
                    break

    # --- colours ----------------------------------------------------------------------------------------
    def _colour_double_clicked(self, index: Any) -> None:
        if index.column() == HEX_COLUMN:
            self.pick_colour()

    def pick_colour(self, colour: QColor | None = None) -> str | None:
        """Set the current colour row's HEX from a colour (asked with QColorDialog when not given)."""
        row = self.colours.current_row()
        if row < 0:
            row = self.colours.add_row(["", "", ""])
        if colour is None:
            initial = colour_of(self.colours.model.rows[row][HEX_COLUMN]) or QColor("#2E4A7D")
            colour = QColorDialog.getColor(initial, self, _("Pick colour"))
        if not colour.isValid():
            return None
        hex_code = colour.name(QColor.NameFormat.HexRgb).upper()
        self.colours.model.setData(self.colours.model.index(row, HEX_COLUMN), hex_code)
        return hex_code

    # --- logo -------------------------------------------------------------------------------------------
    def choose_logo(self, path: str | Path | None = None) -> bool:
        if path is None:
            name, _filter = QFileDialog.getOpenFileName(self, _("Choose logo"), str(documents_dir()),
                                                        _("Images (*.png *.jpg *.jpeg)"))
            if not name:
                return False
            path = name
        try:
            data, _mime = read_logo_file(path)
        except PartnerDeskError as exc:
            self.tabs.setCurrentIndex(4)
            self.show_error(exc)
            return False
        self.logo = data
        self.show_error(None)
        self._show_logo()
        return True

    def remove_logo(self) -> None:
        self.logo = None
        self._show_logo()

    def _show_logo(self) -> None:
        pixmap = QPixmap()
        if self.logo and pixmap.loadFromData(self.logo, image_format(self.logo)):
            self.logo_preview.setPixmap(pixmap.scaled(240, 160, Qt.AspectRatioMode.KeepAspectRatio,
                                                      Qt.TransformationMode.SmoothTransformation))
            self.logo_info.setText(_("{width} × {height} pixels, {size} KB").format(
                width=format_number(pixmap.width()), height=format_number(pixmap.height()),
                size=format_number(max(1, len(self.logo) // 1024))))
        else:
            self.logo_preview.clear()
            self.logo_preview.setText(_("No logo"))
            self.logo_info.setText("")
        self.remove_logo_button.setEnabled(bool(self.logo))
