"""Contract and responsibility dates, names and headers are not cut in the longer languages (window 1280×720)."""

from __future__ import annotations

from typing import Any

import pytest

from partnerdesk.ui.views_registry import VIEWS


@pytest.mark.parametrize("lang", ["pt", "it", "el"])
def test_contract_and_responsibility_columns_fit_their_text(demo_window: Any, qtbot: Any, lang: str) -> None:
    window = demo_window
    window.resize(1280, 720)
    window.start()
    window.set_language(lang)
    window.show_view([k for k, *_r in VIEWS].index("partners"))
    view = window.current_view()
    qtbot.waitUntil(lambda: view.current_partner_id() is not None)
    for section in (view.profile.contract, view.profile.responsibilities):
        view.profile.show_section(section)
        table = section.table
        qtbot.waitUntil(lambda t=table: t.model().rowCount() > 0, timeout=3000)
        header = table.horizontalHeader()
        for column in range(1, table.model().columnCount()):
            need = max(table.sizeHintForColumn(column), header.sectionSizeFromContents(column).width())
            assert header.sectionSize(column) >= need, (lang, section, column)
