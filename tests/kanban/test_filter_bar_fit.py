"""The filter bar's lists show their "all" choice in full in every language (Arabic ran past the box)."""

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
