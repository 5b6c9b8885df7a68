"""Reminders while the app runs, and the ones missed while it was closed.

A timer asks the calendar service which reminders fell due since the last check; each one shows an in-app
notification in the main window and a system-tray message when the desktop has a tray. The last check time is
remembered per workspace in the settings, so at the next start every reminder missed in between is listed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QSystemTrayIcon,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from partnerdesk.domain.errors import PartnerDeskError
from partnerdesk.l10n import _, format_skeleton, format_time, ngettext
from partnerdesk.ui import theme
from partnerdesk.ui.accessibility import announce
from partnerdesk.ui.calendar.layout import day_and_time, zone

CHECK_MS = 30_000
KEEP_SHOWN = 6


def settings_key(path: str) -> str:
    return "calendar/reminders_checked_" + hashlib.sha1(path.encode()).hexdigest()[:16]


def reminder_text(reminder: Any, tz: dt.tzinfo) -> str:
    if not hasattr(reminder, "occurrence"):  # a payment reminder (ui/payments/reminders.py)
        from partnerdesk.ui.payments.reminders import payment_reminder_text

        return payment_reminder_text(reminder, tz)
    occ = reminder.occurrence
    start = occ.start.astimezone(tz)
    when = format_time(start) if occ.all_day is False else format_skeleton("MMMEd", start)
    text = _("“{title}” starts at {time}").format(title=occ.title, time=when)
    if start.date() != reminder.remind_at.astimezone(tz).date() and not occ.all_day:
        text = _("“{title}” starts {day} at {time}").format(title=occ.title, day=format_skeleton("MMMEd", start),
                                                            time=when)
    if occ.partner_name:
        text += f" · {occ.partner_name}"
    return text


class NotificationPopup(QFrame):
    """In-app notifications in the window's trailing bottom corner (the leading one in right-to-left)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("reminderPopup")
        theme.styled(self, lambda: f"#reminderPopup {{ background: {theme.name('surface')}; border: 1px solid"
                                   f" {theme.name('info.border')}; border-radius: 6px; }}"
                                   f" #reminderPopup QLabel {{ color: {theme.name('text')}; }}")
        self.heading = QLabel()
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.dismiss)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.body)
        self.lines: list[str] = []
        self.setFixedWidth(340)
        self.hide()

    def add(self, text: str) -> None:
        self.lines = (self.lines + [text])[-KEEP_SHOWN:]
        self.heading.setText(ngettext("Reminder", "Reminders", len(self.lines)))
        self.close_button.setToolTip(_("Dismiss"))
        self.body.setText("\n".join(self.lines))
        self.adjustSize()
        self.place()
        self.show()
        self.raise_()
        announce(self, f"{self.heading.text()}: {text}", urgent=True)

    def dismiss(self) -> None:
        self.lines = []
        self.hide()

    def place(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        margin = 16
        rtl = parent.layoutDirection() == Qt.LayoutDirection.RightToLeft
        x = margin if rtl else parent.width() - self.width() - margin
        y = parent.height() - self.height() - margin - 24
        self.move(max(0, x), max(0, y))


class MissedRemindersDialog(QDialog):
    def __init__(self, reminders: list[Any], tz: dt.tzinfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("missedReminders")
        self.setWindowTitle(_("Missed reminders"))
        self.setMinimumWidth(480)
        label = QLabel(ngettext("{n} reminder fell due while PartnerDesk was closed:",
                                "{n} reminders fell due while PartnerDesk was closed:",
                                len(reminders)).format(n=len(reminders)))
        label.setWordWrap(True)
        self.list = QListWidget()
        for reminder in reminders:
            due = day_and_time(reminder.remind_at.astimezone(tz))
            self.list.addItem(f"{due} — {reminder_text(reminder, tz)}")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)


class ReminderWatcher(QObject):
    """Checks for due reminders every 30 s for the workspace open in ``context``."""

    reminded = Signal(object)  # calendar Reminder

    def __init__(self, context: Any, window: QWidget | None = None) -> None:
        super().__init__(window)
        self.context = context
        self.window = window
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._tick)
        if window is not None:
            window.installEventFilter(self)  # stop watching when the window closes
        self.popup = NotificationPopup(window) if window is not None else None
        self.tray: QSystemTrayIcon | None = None
        self.missed_dialog: MissedRemindersDialog | None = None
        self.messages: list[str] = []

    def _tz(self) -> dt.tzinfo:
        from partnerdesk.ui.calendar.zones import user_zone_name

        return zone(user_zone_name(self.context.workspace, self.context.settings))

    def _key(self) -> str:
        return settings_key(str(self.context.ws.key))  # the file's path, or a team workspace's address

    def last_check(self) -> dt.datetime | None:
        text = self.context.settings.value(self._key(), "", type=str)
        try:
            value = dt.datetime.fromisoformat(text) if text else None
        except ValueError:
            return None
        return value if value is None or value.tzinfo else value.replace(tzinfo=dt.UTC)

    def remember(self, moment: dt.datetime) -> None:
        self.context.settings.setValue(self._key(), moment.astimezone(dt.UTC).isoformat())

    def start(self, now: dt.datetime | None = None) -> list[Any]:
        """A workspace was opened: list what was missed since the last run, then keep watching."""

        if self.context.workspace is None:
            self.timer.stop()
            return []
        now = now or dt.datetime.now(dt.UTC)
        last = self.last_check()
        missed = self._due(last, now) if last is not None and last < now else []
        self.remember(now)
        if missed:
            dialog = MissedRemindersDialog(missed, self._tz(), self.window)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.missed_dialog = dialog
            dialog.show()  # not modal: the window stays usable
        self.timer.start(CHECK_MS)
        return missed

    def stop(self) -> None:
        self.timer.stop()

    def _due(self, since: dt.datetime, until: dt.datetime) -> list[Any]:
        """Event reminders and payment reminders (payables due soon) in (since, until], oldest first."""
        from partnerdesk.services.calendar import due_reminders
        from partnerdesk.ui.payments.reminders import due_payment_reminders

        found = due_reminders(self.context.ws, since, until) + \
            due_payment_reminders(self.context.ws, since, until, self._tz())
        return sorted(found, key=lambda r: r.remind_at)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.stop()
        return False

    def _tick(self) -> None:
        """The timer's check: a workspace that went away (closed, file removed) stops the watch quietly."""
        try:
            self.check()
        except (PartnerDeskError, SQLAlchemyError, OSError):
            self.stop()

    def check(self, now: dt.datetime | None = None) -> list[Any]:

        if self.context.workspace is None:
            return []
        now = now or dt.datetime.now(dt.UTC)
        last = self.last_check() or now
        due = self._due(last, now) if last < now else []
        self.remember(now)
        tz = self._tz()
        for reminder in due:
            self.notify(reminder_text(reminder, tz))
            self.reminded.emit(reminder)
        return due

    def notify(self, text: str) -> None:
        self.messages.append(text)
        if self.popup is not None:
            self.popup.add(text)
        if QSystemTrayIcon.isSystemTrayAvailable():
            if self.tray is None:
                icon = self.window.windowIcon() if self.window is not None else QIcon()
                if icon.isNull():
                    icon = QIcon.fromTheme("x-office-calendar")
                self.tray = QSystemTrayIcon(icon, self)
                self.tray.show()
            self.tray.showMessage(_("Reminder"), text, QSystemTrayIcon.MessageIcon.Information, 15_000)
