"""The Payments view: totals, aging and on-time tables over a filterable, sortable ledger; add, edit, mark paid
or unpaid, delete (all undoable), with the partner colour and the status painted in the rows."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.domain.errors import EditConflictError, PartnerDeskError
from partnerdesk.l10n import _, ngettext
from partnerdesk.services import payments as P
from partnerdesk.services.base import ChangeSet
from partnerdesk.services.payment_edits import PaymentService
from partnerdesk.ui.conflicts import resolve_conflict
from partnerdesk.ui.payments import commands as C
from partnerdesk.ui.payments.delegate import LedgerDelegate
from partnerdesk.ui.payments.dialogs import MarkPaidDialog, PaymentDialog
from partnerdesk.ui.payments.filters import FilterBar
from partnerdesk.ui.payments.model import COLUMNS, DUE, PARTNER, LedgerModel
from partnerdesk.ui.payments.summary import AgingTable, OnTimeTable, TotalsTable
from partnerdesk.ui.undo import push


class PaymentsView(QWidget):
    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paymentsView")
        self.context = context
        self.dialog: QWidget | None = None
        self.print_dialog: QWidget | None = None
        self.model = LedgerModel(None, self)
        self.summary: P.LedgerSummary | None = None
        self.summary_filter = P.PaymentFilter()
        self._names: dict[int, str] = {}
        self._names_for: object = None
        self.summary_timer = QTimer(self)
        self.summary_timer.setSingleShot(True)
        self.summary_timer.setInterval(150)
        self.summary_timer.timeout.connect(self.recompute_summary)
        self.filters = FilterBar()
        self.filters.changed.connect(self._filter_changed)
        self.totals, self.aging, self.on_time = TotalsTable(), AgingTable(), OnTimeTable()
        self.aging.bucket_clicked.connect(self.filters.set_bucket)
        self.on_time.partner_clicked.connect(self.filters.set_partner)
        self.totals_title, self.aging_title, self.on_time_title = QLabel(), QLabel(), QLabel()
        self.count_label = QLabel()
        self.count_label.setObjectName("paymentsCount")
        self.buttons: dict[str, QPushButton] = {}
        # A tool bar, so buttons that do not fit a narrow window go into its overflow menu instead of widening
        # the window; the everyday actions are buttons, the occasional ones sit in a "More" menu.
        actions = QToolBar()
        actions.setObjectName("paymentsActions")
        for key, slot in (("add", self.add_payment), ("schedule", self.add_schedule), ("edit", self.edit_payment),
                          ("paid", self.mark_paid),
                          ("unpaid", self.mark_unpaid), ("delete", self.delete_payments)):
            button = QPushButton()
            button.setObjectName(f"payments_{key}")
            button.clicked.connect(slot)
            self.buttons[key] = button
            actions.addWidget(button)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        actions.addWidget(spacer)
        self.more = QToolButton()
        self.more.setObjectName("paymentsMore")
        self.more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.more_menu = QMenu(self.more)
        self.more.setMenu(self.more_menu)
        #: The occasional actions, in the "More" menu: trash, import, export, print, settings.
        self.more_actions: dict[str, QAction] = {}
        for key, slot in (("trash", self.show_trash), ("import", self.import_csv), ("export", self.export_csv),
                          ("print", self.print_ledger), ("settings", self.edit_settings)):
            if key == "print":
                self.more_menu.addSeparator()
            action = self.more_menu.addAction("")
            action.setObjectName(f"payments_{key}")
            action.triggered.connect(lambda _checked=False, slot=slot: slot())
            self.more_actions[key] = action
        actions.addWidget(self.more)
        self.filters.extras.addWidget(self.count_label)

        tables = QHBoxLayout()
        for title, table, stretch in ((self.totals_title, self.totals, 3), (self.aging_title, self.aging, 5),
                                      (self.on_time_title, self.on_time, 3)):
            column = QVBoxLayout()
            column.setSpacing(2)
            font = title.font()
            font.setBold(True)
            title.setFont(font)
            column.addWidget(title)
            column.addWidget(table)
            tables.addLayout(column, stretch)

        self.table = QTableView()
        self.table.setObjectName("paymentsLedger")
        self.table.setModel(self.model)
        self.table.setItemDelegate(LedgerDelegate(self.table))
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(DUE, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setTabKeyNavigation(False)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.doubleClicked.connect(lambda _i: self.edit_payment())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addLayout(tables)
        layout.addWidget(actions)
        layout.addWidget(self.table, 1)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table,
                           context=Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.delete_payments)
        edit = QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, context=Qt.ShortcutContext.WidgetShortcut)
        edit.activated.connect(self.edit_payment)
        context.hub.changed.connect(self._on_changed)
        context.hub.workspace_replaced.connect(self.reload)
        context.hub.reload_requested.connect(self.reload)
        self.retranslate_ui()
        self.reload()

    # --- view contract ---------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        texts = {"add": _("New payment…"), "schedule": _("New schedule…"), "edit": _("Edit…"), "paid": _("Mark paid…"),
                 "unpaid": _("Mark unpaid"), "delete": _("Delete"), "trash": _("Trash…"), "import": _("Import…"),
                 "export": _("Export…"), "print": _("Print…"), "settings": _("Settings…")}
        for key, text in texts.items():
            if key in self.buttons:
                self.buttons[key].setText(text)
            else:
                self.more_actions[key].setText(text)
        self.more.setText(_("More"))
        self.more.setToolTip(_("Trash, import, export, print and settings"))
        self.more.setAccessibleName(_("More payment actions"))
        self.totals_title.setText(_("Totals per currency"))
        self.aging_title.setText(_("Aging by due date"))
        self.on_time_title.setText(_("On time by partner (12 months)"))
        for table, title in ((self.totals, self.totals_title), (self.aging, self.aging_title),
                             (self.on_time, self.on_time_title)):
            table.setAccessibleName(title.text())
        self.table.setAccessibleName(_("Payments"))
        self.filters.retranslate_ui()
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        self.table.viewport().update()
        self._show_summary()

    #: Above this many payments the ledger is read off the UI thread (the view shows at once, rows follow).
    BACKGROUND_LOAD = 20_000

    def reload(self) -> None:
        ws = self.context.workspace
        self.summary_timer.stop()
        if ws is None:
            self.model.load(None)
            return
        self.grace = P.grace_days(ws)
        if P.count_payments(ws) > self.BACKGROUND_LOAD:
            from partnerdesk.ui.jobs import BackgroundJob

            self.count_label.setText(_("Loading payments…"))
            previous = getattr(self, "_loader", None)
            if previous is not None and previous.isRunning():
                previous.succeeded.disconnect()
            def read() -> tuple[list[P.PaymentRow], dict[int, str]]:
                rows = P.load_rows(ws)
                return rows, {r.id: P.haystack(r) for r in rows}  # the text filter's, made off the UI thread

            self._loader = BackgroundJob(read, self)
            self._loader.succeeded.connect(lambda found: self._loaded(ws, *found))
            self._loader.start()
            return
        self._loaded(ws, P.load_rows(ws))

    def _loaded(self, ws: Any, rows: list[P.PaymentRow], haystacks: dict[int, str] | None = None) -> None:
        if ws is not self.context.workspace:
            return
        self.model.load(ws, dt.date.today(), self.grace, rows, haystacks)
        self._refresh_choices()
        header = self.table.horizontalHeader()
        header.setResizeContentsPrecision(40)  # widths from the first rows, not all 50,000
        self.table.resizeColumnsToContents()
        header.resizeSection(PARTNER, max(header.sectionSize(PARTNER), 200))
        self._update_count()
        self.summary = None
        QTimer.singleShot(0, self, self.recompute_summary)  # the ledger first, the tables above on the next turn

    @property
    def service(self) -> PaymentService:
        return PaymentService(self.context.ws)

    # --- refresh ---------------------------------------------------------------------------------------------
    def _on_changed(self, changes: Any) -> None:
        entities = changes.entities()
        if "partner" in entities or "setting" in entities:
            self.reload()
            return
        if "payment" not in entities:
            return
        selected = self.selected_ids()
        old, new = self.model.refresh(changes.ids("payment"))
        if self.summary_timer.isActive() or self.summary is None:
            self.recompute_summary()
        else:  # only the changed payments' share of the totals, aging and on-time rates
            base = dataclasses.replace(self.model.filter, bucket=None, statuses=frozenset())
            on, grace = self.model.on, self.model.grace
            self.summary.add_base(P.filter_rows(old, base, on, grace), -1)
            self.summary.add_shown(P.filter_rows(old, self.summary_filter, on, grace), -1)
            self.summary.add_base(P.filter_rows(new, base, on, grace))
            self.summary.add_shown(P.filter_rows(new, self.model.filter, on, grace))
            self.summary_filter = self.model.filter
            self._show_summary(partners={r.partner_id for r in old + new})
        if {r.currency for r in new} - {self.filters.currency.itemData(i) for i in range(self.filters.currency.count())}:
            self._refresh_choices()
        self.select_ids(selected)

    def _refresh_choices(self) -> None:
        names = {r.partner_id: r.partner_name for r in self.model.rows.values()}
        currencies = sorted({r.currency for r in self.model.rows.values()})
        self.filters.blockSignals(True)
        self.filters.set_choices(sorted(names.items(), key=lambda kv: kv[1].casefold()), currencies)
        self.filters.blockSignals(False)

    def _filter_changed(self, flt: P.PaymentFilter) -> None:
        selected = self.selected_ids()
        self.model.set_filter(flt)
        self.select_ids(selected)
        self._update_count()
        # Typing should stay instant: the tables above follow once the keystrokes pause.
        self.summary_timer.start()

    def recompute_summary(self) -> None:
        """Totals of the shown rows; aging and on-time rates of the rows the other filters leave."""
        self.summary_timer.stop()
        flt = self.model.filter
        on, grace = self.model.on, self.model.grace
        base_filter = dataclasses.replace(flt, bucket=None, statuses=frozenset())
        base = self.model.all_rows() if base_filter.is_empty() else \
            P.filter_rows(self.model.all_rows(), base_filter, on, grace,
                          self.model.hay if base_filter.text.strip() else None)
        summary = P.LedgerSummary(on, grace)
        summary.add_base(base)
        summary.add_shown(self.model.visible_rows())
        self.summary, self.summary_filter = summary, flt
        self._show_summary()

    def _show_summary(self, partners: set[int] | None = None) -> None:
        """Fill the tables from the summary; ``partners``: only their on-time rows changed (updated in place)."""
        if self.summary is None:
            return
        self.totals.show_totals(self.summary.totals())
        self.aging.show_aging(self.summary.aging(), (self.filters.bucket_currency, self.filters.bucket))
        stats = self.summary.on_time()
        if partners is None or not self.on_time.update_stats({pid: stats.get(pid) for pid in partners}):
            names = {pid: self.partner_names.get(pid, "") for pid in stats}
            self.on_time.show_stats(names, stats)
        self._update_count()

    @property
    def partner_names(self) -> dict[int, str]:
        if len(self._names) == 0 or self._names_for is not self.model.rows:
            self._names = {r.partner_id: r.partner_name for r in self.model.rows.values()}
            self._names_for = self.model.rows
        return self._names

    def _update_count(self) -> None:
        shown, total = len(self.model.ids), len(self.model.rows)
        self.count_label.setText(ngettext("{shown} of {total} payment", "{shown} of {total} payments",
                                          total).format(shown=shown, total=total))

    # --- selection -------------------------------------------------------------------------------------------
    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.ids[r] for r in rows if r < len(self.model.ids)]

    def select_ids(self, ids: list[int]) -> None:
        sel = self.table.selectionModel()
        sel.clearSelection()
        first = None
        for pid in ids:
            row = self.model.row_of(pid)
            if row is None:
                continue
            index = self.model.index(row, 0)
            first = first or index
            sel.select(index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
        if first is not None:
            self.table.setCurrentIndex(first)
            sel.select(first, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(first)

    def open_payment(self, payment_id: int) -> None:
        """Show one payment (from a calendar chip): clear filters that hide it, select it."""
        if self.model.row_of(payment_id) is None:
            self.filters.reset()
        self.select_ids([payment_id])
        self.table.setFocus()

    def _update_buttons(self, *_args: Any) -> None:
        ids = self.selected_ids()
        rows = [self.model.rows[i] for i in ids]
        self.buttons["edit"].setEnabled(len(ids) == 1)
        self.buttons["paid"].setEnabled(any(r.paid_on is None for r in rows))
        self.buttons["unpaid"].setEnabled(any(r.paid_on is not None for r in rows))
        self.buttons["delete"].setEnabled(bool(ids))

    def _context_menu(self, pos: Any) -> None:
        if not self.selected_ids():
            return
        menu = QMenu(self)
        for key in ("edit", "paid", "unpaid", "delete"):
            button = self.buttons[key]
            action = menu.addAction(button.text())
            action.setEnabled(button.isEnabled())
            action.triggered.connect(button.click)
        menu.popup(self.table.viewport().mapToGlobal(pos))
        self._menu = menu

    # --- commands --------------------------------------------------------------------------------------------
    def _run(self, command: Any) -> bool:
        try:
            push(self.context.undo_stack, command)
        except PartnerDeskError as exc:
            QMessageBox.warning(self, _("Payments"), exc.message)
            return False
        return True

    def add_payment(self) -> None:
        partner = next(iter(self.model.filter.partner_ids), None)

        def submit(values: dict[str, Any], _scope: str) -> None:
            command = C.AddPayment(self.service, self.context.hub, values)
            push(self.context.undo_stack, command)
            if command.payment_id is not None:
                self.select_ids([command.payment_id])

        self.dialog = PaymentDialog(P.partner_choices(self.context.ws), submit, None, self, partner)
        self.dialog.open()

    def add_schedule(self) -> None:
        from partnerdesk.services.payment_schedules import ScheduleService
        from partnerdesk.ui.payments.schedule_dialog import ScheduleDialog

        partner = next(iter(self.model.filter.partner_ids), None)
        self.dialog = ScheduleDialog(P.partner_choices(self.context.ws), ScheduleService(self.context.ws),
                                     self.context.hub, self.context.undo_stack, self, partner)
        self.dialog.open()

    def edit_payment(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 1:
            return
        try:  # the payment as it is now, and its version: what the save starts from (issue 18)
            row, version = self.service.row_at(ids[0])
        except PartnerDeskError as exc:
            QMessageBox.warning(self, _("Payments"), exc.message)
            return

        def submit(values: dict[str, Any], scope: str, start: int | None = version) -> None:
            targets = {row.id: values}
            if scope == "following" and row.schedule_id is not None:
                targets = series_edit(row, values, self.model.rows.values())
            expected = {row.id: start} if start is not None else {}
            command = C.EditPayments(self.service, self.context.hub, targets, values["invoice_ref"], expected)
            try:
                push(self.context.undo_stack, command)
            except EditConflictError as exc:
                error = exc

                def reload() -> None:
                    changes = ChangeSet()
                    changes.add("updated", error.entity, error.entity_id)
                    self.context.hub.announce(changes)

                resolve_conflict(self, exc, self.context.ws, values, reload=reload,
                                 reapply=lambda current: submit(values, scope, current))

        self.dialog = PaymentDialog(P.partner_choices(self.context.ws), submit, row, self)
        self.dialog.open()

    def mark_paid(self, *_args: Any, paid_on: dt.date | None = None, ask: bool = True) -> None:
        ids = [i for i in self.selected_ids() if self.model.rows[i].paid_on is None]
        if not ids:
            return
        if not ask:
            self._run(C.MarkPaid(self.service, self.context.hub, ids, paid_on))
            return
        dialog = MarkPaidDialog(len(ids), self.model.rows[ids[0]].method if len(ids) == 1 else None, self)
        self.dialog = dialog

        def done() -> None:
            day, method = dialog.chosen()
            self._run(C.MarkPaid(self.service, self.context.hub, ids, day, method))

        dialog.accepted.connect(done)
        dialog.open()

    def mark_unpaid(self) -> None:
        ids = [i for i in self.selected_ids() if self.model.rows[i].paid_on is not None]
        if ids:
            self._run(C.MarkUnpaid(self.service, self.context.hub, ids))

    def show_trash(self) -> None:
        from partnerdesk.ui.payments.trash import PaymentTrashDialog

        self.dialog = PaymentTrashDialog(self.context, self)
        self.dialog.open()

    def export_csv(self) -> None:
        from partnerdesk.ui.payments.files import export_ledger

        export_ledger(self)

    def import_csv(self) -> None:
        from partnerdesk.ui.payments.files import import_ledger

        self.dialog = import_ledger(self)

    def print_ledger(self) -> None:
        from partnerdesk.ui.payments.files import print_ledger

        print_ledger(self)

    def edit_settings(self) -> None:
        from partnerdesk.ui.payments.settings import PaymentSettingsDialog

        self.dialog = PaymentSettingsDialog(self.service, self.context.hub, self)
        self.dialog.open()

    def delete_payments(self) -> None:
        ids = self.selected_ids()
        if ids:
            self._run(C.TrashPayments(self.service, self.context.hub, ids))


def series_edit(row: P.PaymentRow, values: dict[str, Any], rows: Any) -> dict[int, dict[str, Any]]:
    """"This and following" of a scheduled series: the edited payment gets ``values``; every later open payment of
    the same schedule gets the shared fields (amount, currency, method, direction, notes) and the same shift of
    its due date. Invoice references and paid dates stay each payment's own."""
    shift = values["due_on"] - row.due_on
    shared = {k: values[k] for k in ("amount_minor", "currency", "method", "direction", "notes") if k in values}
    out: dict[int, dict[str, Any]] = {row.id: values}
    for other in rows:
        if other.schedule_id == row.schedule_id and other.id != row.id and other.due_on > row.due_on \
                and other.paid_on is None:
            out[other.id] = shared | {"due_on": other.due_on + shift}
    return out
