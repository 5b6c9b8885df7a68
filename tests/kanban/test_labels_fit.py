"""Board labels fit in every language: filter lists show their first choice, column headers keep their count."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QStyle, QStyleOptionComboBox


def _text_room(combo: QComboBox) -> int:
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    return combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                        QStyle.SubControl.SC_ComboBoxEditField, combo).width()


@pytest.mark.parametrize("lang", ["en", "pt", "ja", "it", "el", "ar"])
def test_filter_lists_show_their_first_choice_in_full(open_board, qtbot, lang: str) -> None:  # type: ignore[no-untyped-def]
    from partnerdesk import l10n

    view = open_board()
    l10n.set_language(lang)
    QApplication.setLayoutDirection(Qt.LayoutDirection.RightToLeft if lang == "ar" else Qt.LayoutDirection.LeftToRight)
    try:
        view.retranslate_ui()
        bar = view.filter_bar
        for combo in (bar.partner, bar.owner, bar.tag, bar.due, bar.presets):
            text = combo.itemText(0)
            assert text and _text_room(combo) >= combo.fontMetrics().horizontalAdvance(text), (lang, text)
    finally:
        QApplication.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def _ideal_width(label) -> float:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QTextDocument

    doc = QTextDocument()
    doc.setDefaultFont(label.font())
    doc.setDocumentMargin(0)
    doc.setHtml(label.text())
    return doc.idealWidth()


def test_column_header_keeps_its_count_in_view_when_the_name_is_long(open_board) -> None:  # type: ignore[no-untyped-def]
    """Greek "Εντός χρονοδιαγράμματος" hid the column's card count: the name wraps onto a second line."""
    from partnerdesk import l10n
    from partnerdesk.services.work_items import WorkItemService
    from tests.kanban.conftest import status_id

    view = open_board()
    ws = view.context.ws
    on_track = status_id(ws, "on_track")
    for i in range(17):
        WorkItemService(ws).create(on_track, f"Card {i}")
    try:
        l10n.set_language("el")
        view.retranslate_ui()
        view.reload()
        view.resize(900, 600)
        QApplication.processEvents()
        header = view.grid.headers[on_track]
        text = header.label.text()
        # The long name goes onto a second line (not cut, issue 17); the count stays in view either way.
        assert "17" in text and "Εντός χρονοδιαγράμματος" in text and header.label.wordWrap()
        for _step in range(5):
            QApplication.processEvents()
        label = header.label
        assert label.heightForWidth(label.width()) <= label.height() + 1  # two lines, both shown
        view.resize(2400, 600)
        QApplication.processEvents()
        assert "…" not in header.label.text()  # room again: the full name
    finally:
        l10n.set_language("en")


def test_headers_show_user_names_literally(open_board) -> None:  # type: ignore[no-untyped-def]
    from tests.kanban.conftest import status_id

    view = open_board()
    header = view.grid.headers[status_id(view.context.ws, "pending")]
    header.set_text("R&D <b>team</b>", 1, 1, None)
    assert "R&amp;D &lt;b&gt;team&lt;/b&gt;" in header.label.text()
