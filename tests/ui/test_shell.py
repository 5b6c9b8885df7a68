"""The main window: languages and direction, first run, menus, undo/redo, About, settings persistence."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from partnerdesk.l10n import LANGUAGES, translations
from partnerdesk.ui.views_registry import VIEWS

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_shell_opens_translated_in_every_language(make_window, tmp_path: Path, lang: str) -> None:
    window = make_window(tmp_path / "ws.pdk", lang)
    t = translations(lang)
    assert window.context.workspace is not None
    menus = [window.actions_.file_menu, window.actions_.edit_menu, window.actions_.view_menu,
             window.actions_.help_menu]
    for menu, source in zip(menus, ("&File", "&Edit", "&View", "&Help"), strict=True):
        assert menu.title() == t.gettext(source)
    for row, (_key, title, _icon, _target) in enumerate(VIEWS):
        assert window.nav.item(row).text() == t.gettext(title)
    if lang != "en":  # words that differ from English in every one of our languages
        assert window.actions_.help_menu.title() != "&Help"
        assert window.nav.item(2).text() != "Contacts"
    assert t.gettext(VIEWS[0][1]) in window.windowTitle()
    view = window.current_view()
    assert view.filter.placeholderText() == t.gettext("Filter cards…")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_direction_is_explicit_and_navigation_mirrors(make_window, qtbot, tmp_path: Path, lang: str) -> None:
    window = make_window(tmp_path / "ws.pdk", lang)
    rtl = lang == "ar"
    expected = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
    assert QApplication.layoutDirection() == expected
    assert window.layoutDirection() == expected
    qtbot.waitUntil(lambda: window.stack.geometry().width() > 0)
    nav_x, stack_x = window.nav.geometry().x(), window.stack.geometry().x()
    assert (nav_x > stack_x) if rtl else (nav_x < stack_x)
    # menu bar order mirrors too: File sits at the reading start
    bar = window.menuBar()
    file_x = bar.actionGeometry(window.actions_.file_menu.menuAction()).x()
    help_x = bar.actionGeometry(window.actions_.help_menu.menuAction()).x()
    assert (file_x > help_x) if rtl else (file_x < help_x)


def test_greek_standard_buttons_come_from_our_catalog(make_window, tmp_path: Path) -> None:
    make_window(tmp_path / "ws.pdk", "el")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel).text()
    assert cancel == translations("el").pgettext("QPlatformTheme", "Cancel") == "Ακύρωση"
    assert QCoreApplication.translate("QLineEdit", "Select All") == "Επιλογή όλων"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_images_load_and_qt_messages_stay_in_every_language(make_window, tmp_path: Path, lang: str) -> None:
    """Our translator answers "no translation" with a null string: an empty one would blank Qt's own messages,
    and Qt's TGA reader would then claim every PNG (contact photos and logos failed to load in Greek)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage, QPixmap

    make_window(tmp_path / "ws.pdk", lang)
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(0x3366AA)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    pixmap = QPixmap()
    assert pixmap.loadFromData(bytes(data)) and pixmap.width() == 8
    assert not QImage.fromData(bytes(data)).isNull()
    assert QCoreApplication.translate("QTgaFile", "Image type not supported") != ""


def test_japanese_uses_qtbase_and_english_has_no_translators(make_window, tmp_path: Path) -> None:
    window = make_window(tmp_path / "ws.pdk", "ja")
    assert window.qt_language.qtbase_loaded == "qtbase_ja"
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() != "Cancel"
    window.set_language("en")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"


def test_language_switch_at_runtime_retranslates_everything(make_window, tmp_path: Path) -> None:
    window = make_window(tmp_path / "ws.pdk", "en")
    view = window.current_view()
    window.set_language("it")
    it = translations("it")
    assert window.actions_.help_menu.title() == it.gettext("&Help") != "&Help"
    assert window.nav.item(2).text() == it.gettext("Contacts")
    assert view.filter.placeholderText() == it.gettext("Filter cards…") != "Filter cards…"
    assert "In corso" in view.grid.headers[view.board_columns[1].status_id].label.text()
    assert window.actions_.language_actions["it"].isChecked()
    window.set_language("ar")
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.actions_.help_menu.title() == translations("ar").gettext("&Help")
    window.set_language("en")
    assert window.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert window.actions_.file_menu.title() == "&File"
    assert window.context.settings.value("ui/language") == "en"


def test_preferences_dialog_changes_language(make_window, qtbot, tmp_path: Path) -> None:
    window = make_window(tmp_path / "ws.pdk", "en")
    window.actions_.preferences.trigger()
    dialog = window.findChild(QApplication.activeModalWidget().__class__ if QApplication.activeModalWidget()
                              else object, "preferencesDialog")
    assert dialog is not None
    dialog.language.setCurrentIndex(dialog.language.findData("pt"))
    dialog.accept()
    assert window.actions_.edit_menu.title() == translations("pt").gettext("&Edit") != "&Edit"


def test_first_run_offers_a_choice_and_start_empty_creates_the_workspace(make_window, isolated_dirs) -> None:
    from partnerdesk.store.paths import default_workspace_path

    window = make_window(None, "en")
    assert window.panel.mode == "first_run"
    assert window.stack.currentWidget() is window.panel
    assert not window.nav.isEnabled()
    assert QApplication.activeModalWidget() is None  # nothing modal at start-up
    assert window.panel.empty_button.isVisible()
    window.panel.empty_button.click()
    assert default_workspace_path().exists()
    assert window.context.workspace is not None
    assert window.nav.isEnabled()
    assert window.stack.currentWidget() is window.current_view()


@pytest.mark.skipif(not __import__("importlib").util.find_spec("partnerdesk.services.demo"),
                    reason="demo data not merged on this branch yet")
def test_first_run_with_demo_data_fills_the_views(make_window, qtbot) -> None:
    window = make_window(None, "en")
    assert window.panel.demo_button.isVisible()
    window.panel.demo_button.click()
    assert window.demo_job is not None  # runs off the UI thread
    qtbot.waitUntil(lambda: window.demo_job is None, timeout=20000)
    assert sum(c.cell().rowCount() for c in window.current_view().columns) > 0
    assert "0 partners" not in window.counts_label.text()


def test_undo_redo_actions_follow_the_one_stack(make_window, tmp_path: Path) -> None:
    window = make_window(tmp_path / "ws.pdk", "en")
    stack, actions = window.context.undo_stack, window.actions_
    assert not actions.undo.isEnabled() and not actions.redo.isEnabled()
    done = []

    class Command(QUndoCommand):
        def redo(self) -> None:
            done.append("redo")

        def undo(self) -> None:
            done.append("undo")

    cmd = Command()
    cmd.setText("Move card")
    stack.push(cmd)
    assert actions.undo.isEnabled() and "Move card" in actions.undo.text()
    actions.undo.trigger()
    assert done == ["redo", "undo"] and stack.index() == 0
    assert actions.redo.isEnabled() and "Move card" in actions.redo.text()
    assert not actions.undo.isEnabled()
    actions.redo.trigger()
    assert done[-1] == "redo" and stack.index() == 1


def test_view_shortcuts_switch_views(make_window, qtbot, tmp_path: Path) -> None:
    window = make_window(tmp_path / "ws.pdk", "en")
    assert [a.shortcut().toString() for a in window.actions_.view_actions] == [
        f"Ctrl+{n}" for n in range(1, len(VIEWS) + 1)]
    window.actions_.view_actions[3].trigger()
    assert window.current_index == 3 and window.nav.currentRow() == 3
    assert type(window.current_view()).__name__ == VIEWS[3][3].rpartition(":")[2]
    assert window.actions_.open_workspace.shortcut().toString() == "Ctrl+O"
    assert window.actions_.quit.shortcut().toString() == "Ctrl+Q"


def test_about_lists_versions_and_licences(make_window, tmp_path: Path) -> None:
    from partnerdesk.ui.dialogs import about_html

    window = make_window(tmp_path / "ws.pdk", "en")
    text = about_html()
    for needle in ("PySide6", "SQLAlchemy", "ReportLab", "Babel", "Python", "LGPL-3.0",
                   "SIL Open Font License", "Noto Sans Arabic", "BIZ UDPGothic"):
        assert needle in text
    window.actions_.about.trigger()
    dialog = window.findChild(QApplication.activeModalWidget().__class__, "aboutDialog")
    assert dialog is not None and "SIL" in dialog.browser.toPlainText()
    assert dialog.browser.verticalScrollBar().maximum() > 0  # long text scrolls inside the dialog
    dialog.close()


def test_settings_persist_across_windows(make_window, tmp_path: Path) -> None:
    window = make_window(tmp_path / "ws.pdk", "en")
    window.resize(790, 560)  # offscreen screen is 800x600: stay inside it
    window.show_view(2)
    window.set_language("ja")
    window.close()
    window.context.workspace.close()
    window.context.workspace = None
    again = make_window(None, None)
    assert again.size().width() == 790 and again.size().height() == 560
    assert again.current_index == 2 and again.nav.currentRow() == 2
    assert again.actions_.file_menu.title() == translations("ja").gettext("&File")
    assert again.context.workspace is not None and again.context.workspace.path == (tmp_path / "ws.pdk")
    assert str(tmp_path / "ws.pdk") in again.actions_.recent_files()


def test_window_shows_before_sqlalchemy_and_reportlab_are_imported(tmp_path: Path) -> None:
    code = (
        f"import sys; sys.path.insert(0, {str(ROOT)!r})\n"
        "from partnerdesk.ui.app import build_main_window\n"
        "w = build_main_window(None, 'en'); w.show()\n"
        "print('sqlalchemy' in sys.modules, 'reportlab' in sys.modules)\n"
    )
    env = {"QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "PATH": "/usr/bin:/bin",
           "XDG_CONFIG_HOME": str(tmp_path / "cfg"), "PARTNERDESK_DATA_DIR": str(tmp_path / "data")}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert out.stdout.strip().splitlines()[-1] == "False False", out.stderr
