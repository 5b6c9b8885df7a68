"""Help ▸ What's New, the first start of a new version, and a workspace upgraded by this version.

- *Help ▸ What's New* shows CHANGELOG.md (bundled beside ``resources/``), newest first.
- The first start of a version newer than the one last run shows what changed, once, without blocking
  start-up (a non-modal window after the first paint). A first-ever start shows nothing.
- A workspace that this version had to upgrade says so in the status bar, naming the copy kept beside it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMenu, QTextBrowser, QVBoxLayout, QWidget

from partnerdesk import __version__
from partnerdesk.l10n import _
from partnerdesk.resources import base_dir

if TYPE_CHECKING:
    from partnerdesk.ui.main_window import MainWindow

SETTINGS_LAST_VERSION = "app/last_version"


def changelog_path() -> Path:
    return base_dir() / "CHANGELOG.md"


def changelog_text() -> str:
    try:
        return changelog_path().read_text(encoding="utf-8")
    except OSError:
        return ""


def _version_key(version: str) -> tuple[int, ...]:
    parts = []
    for part in version.split("."):
        digits = "".join(c for c in part if c.isdigit())
        parts.append(int(digits) if digits else 0)
    return tuple(parts)


def is_upgrade(last_run: str, current: str = __version__) -> bool:
    """Whether ``current`` is newer than the version last run (empty: never run before, not an upgrade)."""
    return bool(last_run) and _version_key(current) > _version_key(last_run)


def _isolated(text: str) -> str:
    """A file name inside a translated sentence, isolated so it reads correctly in Arabic."""
    return f"\u2068{text}\u2069"


class WhatsNewDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("whats_new")
        self.setWindowTitle(_("What's New in PartnerDesk {version}").format(version=__version__))
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setMarkdown(changelog_text() or _("The list of changes is not part of this build."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(640, 520)


class ReleaseActions:
    """*Help ▸ What's New*, the once-per-version announcement and the workspace-upgrade notice."""

    def __init__(self, window: MainWindow, menu: QMenu) -> None:
        self.window = window
        self.dialog: WhatsNewDialog | None = None
        self.whats_new = QAction(window)
        self.whats_new.setObjectName("whats_new_action")
        self.whats_new.triggered.connect(self.show_whats_new)
        if menu.actions():
            menu.insertAction(menu.actions()[0], self.whats_new)
        else:
            menu.addAction(self.whats_new)
        window.workspace_opened.connect(self.announce_upgraded_workspace)
        QTimer.singleShot(0, window, self.announce_new_version)  # tied to the window: never after it is gone
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.whats_new.setText(_("&What's New"))
        self.whats_new.setStatusTip(_("What changed in this version of PartnerDesk"))

    def show_whats_new(self) -> WhatsNewDialog:
        if self.dialog is None:
            self.dialog = WhatsNewDialog(self.window)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog

    def announce_new_version(self) -> None:
        """Once per new version: show what changed (non-modal, after the window has painted)."""
        settings = self.window.context.settings
        last = str(settings.value(SETTINGS_LAST_VERSION, "", type=str) or "")
        if last != __version__:
            settings.setValue(SETTINGS_LAST_VERSION, __version__)
        if is_upgrade(last):
            self.show_whats_new()

    def announce_upgraded_workspace(self, _path: str = "") -> None:
        workspace = self.window.context.workspace
        backup = getattr(workspace, "backup", None)
        if workspace is None or backup is None or not getattr(workspace, "migrated_from", None):
            return
        self.window.statusBar().showMessage(
            _("This workspace was upgraded for PartnerDesk {version}. The copy from before the upgrade is "
              "kept as “{name}”.").format(version=_isolated(__version__), name=_isolated(Path(backup).name)))
