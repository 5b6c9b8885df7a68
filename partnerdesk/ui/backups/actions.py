"""File ▸ Import Contacts…, File ▸ Restore from Backup…, and what runs around an open workspace: automatic
snapshots (at open when the last is older than a day, then every few hours), a full integrity check after opening
(a failure offers the latest good backup), and the banner of a workspace opened read-only."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QSizePolicy,
    QToolBar,
    QWidget,
)

from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.l10n import _
from partnerdesk.ui.modal import open_modal

if TYPE_CHECKING:
    from partnerdesk.ui.backups.restore_dialog import RestoreDialog
    from partnerdesk.ui.contacts.import_dialog import ImportDialog
    from partnerdesk.ui.main_window import MainWindow

#: Snapshots while the app is in use (milliseconds).
PERIODIC_MS = 3 * 60 * 60 * 1000


class _Strip(QWidget):
    """The banner's body: as high as its word-wrapped text needs at the width it is given."""

    def __init__(self, label: QLabel) -> None:
        super().__init__()
        self.label = label

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        width = max(200, self.width() or 800)
        return QSize(width, self.label.heightForWidth(width - 20) + 12)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(200, self.sizeHint().height())

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()


class BackupActions:
    """Adds its entries to ``menu`` before ``before`` and watches the window's workspace."""

    def __init__(self, window: MainWindow, menu: QMenu, imports_before: QAction, back_up: QAction) -> None:
        self.window = window
        self.import_contacts = QAction(window)
        self.import_contacts.setObjectName("importContactsAction")
        self.import_contacts.triggered.connect(self.choose_contacts_file)
        self.restore = QAction(window)
        self.restore.setObjectName("restoreBackupAction")
        self.restore.triggered.connect(self.open_restore)
        menu.insertAction(imports_before, self.import_contacts)
        actions = menu.actions()
        after_back_up = actions[actions.index(back_up) + 1] if back_up in actions[:-1] else None
        if after_back_up is not None:
            menu.insertAction(after_back_up, self.restore)
        else:
            menu.addAction(self.restore)
        self.banner = QToolBar(window)
        self.banner.setObjectName("readOnlyBanner")
        self.banner.setMovable(False)
        self.banner.setFloatable(False)
        self.banner.toggleViewAction().setVisible(False)
        self.banner_label = QLabel()
        self.banner_label.setObjectName("readOnlyBannerText")
        self.banner_label.setWordWrap(True)
        self.banner_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        strip = _Strip(self.banner_label)
        strip.setObjectName("readOnlyStrip")
        strip.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        strip.setStyleSheet("#readOnlyStrip { background: #FFF4CE; } QLabel { color: #4A3B00; }")
        strip.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        row = QHBoxLayout(strip)
        row.setContentsMargins(10, 6, 10, 6)
        row.addWidget(self.banner_label, 1)
        self.banner.addWidget(strip)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.banner)
        self.banner.hide()
        self.dialog: RestoreDialog | ImportDialog | None = None
        self.problem_box: QMessageBox | None = None
        self.last_error = ""  # the latest automatic-backup or integrity problem, for tests and the status bar
        self.jobs: list[Any] = []
        self.timer = QTimer(window)
        self.timer.setInterval(PERIODIC_MS)
        self.timer.timeout.connect(lambda: self.snapshot_in_background(periodic=True))
        window.workspace_opened.connect(self._opened)
        self.retranslate_ui()

    # -- state ----------------------------------------------------------------------------------------------
    def set_enabled(self, enabled: bool) -> None:
        ws = self.window.context.workspace
        writable = enabled and ws is not None and not ws.read_only
        self.import_contacts.setEnabled(writable)
        self.restore.setEnabled(self.target_path() is not None and (ws is None or not ws.read_only))
        if ws is None:
            self.banner.hide()
            self.timer.stop()

    def target_path(self) -> Path | None:
        """The open workspace, or the one that was refused (damaged) when backups of it exist."""
        ws = self.window.context.workspace
        if ws is not None:
            return ws.file_path()
        panel = self.window.panel
        if getattr(panel, "mode", "") == "error" and panel.path:
            from partnerdesk.store.backup import list_snapshots

            if list_snapshots(panel.path):
                return Path(panel.path)
        return None

    def retranslate_ui(self) -> None:
        self.import_contacts.setText(_("Import &Contacts (.vcf, .csv)…"))
        self.import_contacts.setStatusTip(_("Add contacts from a vCard or CSV file (phone, Outlook, Gmail, Apple "
                                            "Contacts, Thunderbird)"))
        self.restore.setText(_("Res&tore from Backup…"))
        self.restore.setStatusTip(_("Replace the workspace with one of its automatic or manual backups"))
        self._set_banner_text()

    def _set_banner_text(self) -> None:
        ws = self.window.context.workspace
        if ws is not None and ws.read_only:
            self.banner_label.setText(_("Read-only: “{name}” is in a folder PartnerDesk cannot write to, so changes "
                                        "cannot be saved. Copy the file to a folder of yours to edit it.").format(
                name=ws.file_path().name))

    # -- workspace life cycle -------------------------------------------------------------------------------
    def _opened(self, _path: str) -> None:
        ws = self.window.context.workspace
        self.set_enabled(ws is not None)
        if ws is None:
            return
        self._set_banner_text()
        self.banner.setVisible(ws.read_only)
        if ws.read_only:
            self.timer.stop()
            return
        self.timer.start()
        self.check_and_snapshot()

    def check_and_snapshot(self) -> None:
        """Off the UI thread: the full integrity check, then the daily snapshot if one is due."""
        from partnerdesk.services import backups
        from partnerdesk.store.workspace import integrity_problems
        from partnerdesk.ui.jobs import BackgroundJob

        ws = self.window.context.ws

        def work() -> list[str]:
            problems = integrity_problems(ws.file_path())
            if not problems:
                backups.automatic_backup(ws)
            return problems

        job = BackgroundJob(work, self.window)
        job.succeeded.connect(lambda problems, path=ws.path: self._checked(path, problems))
        job.failed.connect(self._backup_failed)
        self._keep(job)

    def snapshot_in_background(self, periodic: bool = False) -> None:
        from partnerdesk.services import backups
        from partnerdesk.ui.jobs import BackgroundJob

        ws = self.window.context.workspace
        if ws is None or ws.read_only:
            return
        job = BackgroundJob(lambda: backups.automatic_backup(ws, backups.EVERY if periodic else backups.DAILY),
                            self.window)
        job.failed.connect(self._backup_failed)
        self._keep(job)

    def _keep(self, job: Any) -> None:
        self.jobs.append(job)
        job.finished.connect(lambda: self.jobs.remove(job) if job in self.jobs else None)
        job.start()

    def _backup_failed(self, exc: BaseException) -> None:
        from partnerdesk.ui.jobs import error_message

        self.last_error = error_message(exc)
        self.window.statusBar().showMessage(self.last_error, 15000)

    def _checked(self, path: Path, problems: list[str]) -> None:
        ws = self.window.context.workspace
        if not problems or ws is None or ws.path != Path(path):
            return
        from partnerdesk.services.backups import latest_good_backup

        good = latest_good_backup(path)
        text = _("“{name}” failed its integrity check: part of the file is damaged, and what you see may be "
                 "incomplete. Nothing was changed.").format(name=Path(path).name)
        self.last_error = text
        box = QMessageBox(QMessageBox.Icon.Critical, _("The workspace is damaged"), text,
                          QMessageBox.StandardButton.Close, self.window)
        box.setObjectName("integrityProblemBox")
        box.setDetailedText("\n".join(problems))
        if good is not None:
            box.setInformativeText(_("The latest good backup is from {date}.").format(
                date=_format(good.taken_at)))
            offer = box.addButton(_("Restore from Backup…"), QMessageBox.ButtonRole.AcceptRole)
            box.buttonClicked.connect(lambda button: self.open_restore() if button is offer else None)
        self.problem_box = box
        box.open()

    # -- File ▸ Import Contacts… ------------------------------------------------------------------------------
    def choose_contacts_file(self) -> ImportDialog | None:
        w = self.window
        if w.context.workspace is None:
            return None
        name, _filter = QFileDialog.getOpenFileName(w, _("Import contacts"), str(w.context.ws.path.parent if w.context.ws.path else Path.home()),
                                                    _("Contacts (*.vcf *.vcard *.csv);;All files (*)"))
        if not name:
            return None
        return self.open_contacts_import(Path(name))

    def open_contacts_import(self, path: Path) -> ImportDialog:
        from partnerdesk.ui.contacts.import_dialog import ImportDialog

        dialog = ImportDialog(self.window.context, str(path), self.window)
        dialog.setObjectName("contactsImportDialog")
        open_modal(self, dialog)
        return dialog

    # -- File ▸ Restore from Backup… ---------------------------------------------------------------------------
    def open_restore(self) -> RestoreDialog | None:
        from partnerdesk.ui.backups.restore_dialog import RestoreDialog

        path = self.target_path()
        if path is None:
            return None
        ws = self.window.context.workspace
        dialog = RestoreDialog(path, self.restore_now, self.back_up_now if ws is not None else None, self.window)
        open_modal(self, dialog)
        return dialog

    def back_up_now(self) -> None:
        from partnerdesk.services.backups import create_backup

        try:
            target = create_backup(self.window.context.ws)
        except PartnerDeskError as exc:
            QMessageBox.warning(self.window, _("Back Up Now"), exc.message)
            return
        self.window.statusBar().showMessage(_("Backup saved to “{path}”.").format(path=str(target)), 8000)

    def restore_now(self, snapshot: Path) -> bool:
        """Close the workspace, restore ``snapshot`` over it (the service backs the current file up first) and
        open it again; on an error the workspace is reopened unchanged and the reason shown."""
        from partnerdesk.services.backups import restore_backup
        from partnerdesk.ui.jobs import wait_for_all

        w = self.window
        path = self.target_path()
        if path is None:
            return False
        wait_for_all()  # no worker may still write to the file being replaced
        self.timer.stop()
        ws = w.context.workspace
        if ws is not None:
            ws.close()
            w.context.workspace = None
        ok = True
        try:
            restore_backup(path, snapshot)
        except PartnerDeskError as exc:
            ok = False
            QMessageBox.warning(w, _("Restore from Backup"), exc.message)
        w.open_path(path)
        if ok and w.context.workspace is not None:
            w.statusBar().showMessage(_("The backup of {date} was restored.").format(
                date=_format_snapshot(snapshot)), 10000)
        return ok



def _format(moment: Any) -> str:
    from partnerdesk.l10n.formats import format_datetime

    return format_datetime(moment.astimezone())


def _format_snapshot(snapshot: Path) -> str:
    import datetime as dt
    import re

    match = re.match(r"^(\d{8}-\d{6})", snapshot.name)
    if match is None:
        return snapshot.name
    return _format(dt.datetime.strptime(match.group(1), "%Y%m%d-%H%M%S").replace(tzinfo=dt.UTC))
