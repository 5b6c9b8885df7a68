"""A live language switch (ar → ja → el) leaves nothing of the previous language in any view: each view shows
exactly what a fresh start in the new language shows (values, dates, times, digits), never Arabic-Indic digits
once Arabic is left."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from partnerdesk.ui.views_registry import VIEWS

ARABIC_INDIC = re.compile("[\u0660-\u0669\u06f0-\u06f9]")
ARABIC_LETTER = re.compile("[\u0620-\u064a]")
ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole)


def view_texts(view: QWidget) -> list[str]:
    """What a user reads in a view: labels, buttons, fields, and the cells of every item view."""
    texts: list[str] = []
    for label in view.findChildren(QLabel):
        texts.append(label.text())
    for button in view.findChildren(QAbstractButton):
        texts.append(button.text())
    for edit in view.findChildren(QLineEdit):
        texts.append(edit.placeholderText())
    for spin in view.findChildren(QAbstractSpinBox):  # dates and numbers in Qt's own locale formatting
        texts.append(spin.text())
    for combo in view.findChildren(QComboBox):
        texts.extend(combo.itemText(i) for i in range(combo.count()))
    for item_view in view.findChildren(QAbstractItemView):
        model = item_view.model()
        if model is None:
            continue
        try:
            columns = model.columnCount(QModelIndex())
        except TypeError:  # list models keep it private: one column
            columns = 1
        for column in range(columns):
            texts.append(str(model.headerData(column, Qt.Orientation.Horizontal)))
        for row in range(min(model.rowCount(QModelIndex()), 60)):
            for column in range(columns):
                for role in ROLES:
                    value = model.index(row, column).data(role)
                    if isinstance(value, str):
                        texts.append(value)
    return [re.sub("[0-9]", "#", t) for t in texts if t]  # the clock may tick between two snapshots


def snapshot(window: Any) -> dict[str, list[str]]:
    shots = {}
    for index, (key, *_rest) in enumerate(VIEWS):
        window.show_view(index)
        QApplication.processEvents()
        shots[key] = view_texts(window.current_view())
    return shots


@pytest.fixture
def settings(isolated_dirs: Path) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(isolated_dirs / "settings"))


def _window(db: Path, lang: str, qtbot) -> Any:  # type: ignore[no-untyped-def]
    from partnerdesk.ui.app import build_main_window

    window = build_main_window(db, lang)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.start()
    return window


def _close(window: Any) -> None:
    window.close()
    window.shutdown()


def test_switching_ar_ja_el_leaves_nothing_of_the_previous_language(demo_file: Path, tmp_path: Path, qtbot,  # type: ignore[no-untyped-def]
                                                                   settings: None) -> None:
    live_db, fresh_db = tmp_path / "live.pdk", tmp_path / "fresh.pdk"
    shutil.copy(demo_file, live_db)
    shutil.copy(demo_file, fresh_db)
    live = _window(live_db, "ar", qtbot)
    arabic = snapshot(live)
    for key, *_rest in VIEWS:  # each view shows language-dependent text the comparison below can catch
        assert sum(bool(ARABIC_LETTER.search(t)) for t in arabic[key]) >= 3, (key, arabic[key][:20])
    for lang in ("ja", "el"):
        live.set_language(lang)
        switched = snapshot(live)
        fresh = _window(fresh_db, lang, qtbot)
        started = snapshot(fresh)
        _close(fresh)
        for key, *_rest in VIEWS:
            stale = [t for t in switched[key] if ARABIC_INDIC.search(t)]
            assert stale == [], f"{key} after switching to {lang}: {stale[:5]}"
            assert switched[key] == started[key], f"{key} after switching to {lang} differs from a fresh start"
    _close(live)
    from partnerdesk.l10n import set_language

    set_language("en")
