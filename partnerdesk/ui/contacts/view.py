"""The Contacts view: search, partner / tag / advisory filters, photo, local time; add, edit, delete, merge,
import and export."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from partnerdesk.interop import csv_io, vcard
from partnerdesk.l10n import _, ngettext
from partnerdesk.services.contacts import ContactService
from partnerdesk.store.models import Partner
from partnerdesk.store.paths import documents_dir
from partnerdesk.ui.conflicts import push_edit
from partnerdesk.ui.contacts.commands import (
    AddContactCommand,
    DeleteContactsCommand,
    EditContactCommand,
    MergeContactsCommand,
)
from partnerdesk.ui.contacts.dialog import ContactDialog
from partnerdesk.ui.contacts.groups import GroupedContacts
from partnerdesk.ui.contacts.model import ID_ROLE, NAME, ContactsFilter, ContactsModel, tag_label
from partnerdesk.ui.shortcuts import find_shortcut
from partnerdesk.ui.undo import push


class ContactsView(QWidget):
    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.model = ContactsModel(context.workspace, self)
        self.proxy = ContactsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.rows = GroupedContacts(self)  # the table's rows: contacts, and partner headers when grouped
        self.rows.setSourceModel(self.proxy)
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_text)
        self.partner_filter = QComboBox()
        self.tag_filter = QComboBox()
        self.advisory = QCheckBox()
        self.group = QCheckBox()
        for widget in (self.partner_filter, self.tag_filter):
            widget.currentIndexChanged.connect(self._apply_filters)
        self.advisory.toggled.connect(self._apply_filters)
        self.group.toggled.connect(self._group)
        bar.addWidget(self.search, 2)
        bar.addWidget(self.partner_filter, 1)
        bar.addWidget(self.tag_filter, 1)
        bar.addWidget(self.advisory)
        bar.addWidget(self.group)
        layout.addLayout(bar)
        actions = QHBoxLayout()
        self.add_button, self.edit_button, self.delete_button = QPushButton(), QPushButton(), QPushButton()
        self.merge_button, self.import_button, self.export_button = QPushButton(), QPushButton(), QPushButton()
        for button, slot in ((self.add_button, self.add_contact), (self.edit_button, self.edit_contact),
                             (self.delete_button, self.delete_contacts), (self.merge_button, self.merge_contacts),
                             (self.import_button, self.import_contacts), (self.export_button, self.export_contacts)):
            button.clicked.connect(slot)
            actions.addWidget(button)
        actions.addStretch()
        layout.addLayout(actions)
        self.table = QTableView()
        self.table.setModel(self.rows)
        self.rows.layoutChanged.connect(self._span_headers)
        self.rows.modelReset.connect(self._span_headers)
        # The model arrives sorted by name: no initial proxy sort (it would call data() 100k×log n times).
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setResizeContentsPrecision(50)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self.edit_contact())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)
        self.delete_button.setShortcut(QKeySequence.StandardKey.Delete)
        find_shortcut(self, self.search)
        edit = QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, context=Qt.ShortcutContext.WidgetShortcut)
        edit.activated.connect(self.edit_contact)
        context.hub.changed.connect(self._on_changed)
        context.hub.workspace_replaced.connect(self.reload)
        context.hub.reload_requested.connect(self.reload)
        self.retranslate_ui()
        self.reload()

    # -- view contract ------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.search.setPlaceholderText(_("Search contacts…"))
        self.search.setAccessibleName(_("Search contacts…"))
        self.table.setAccessibleName(_("Contacts"))
        self.advisory.setText(_("Advisory board"))
        self.group.setText(_("Group by partner"))
        self.add_button.setText(_("Add"))
        self.edit_button.setText(_("Edit"))
        self.delete_button.setText(_("Delete"))
        self.merge_button.setText(_("Merge"))
        self.import_button.setText(_("Import…"))
        self.export_button.setText(_("Export…"))
        self._fill_filters()
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)

    #: Above this many contacts the list is read off the UI thread (about 10 ms per 1,000 rows).
    BACKGROUND_LOAD = 20_000

    def reload(self) -> None:
        self.model.workspace = self.context.workspace
        if self.model.count_contacts() > self.BACKGROUND_LOAD:
            from partnerdesk.ui.jobs import BackgroundJob, error_message

            self.search.setPlaceholderText(_("Loading contacts…"))
            self.table.setEnabled(False)
            previous = getattr(self, "_loader", None)
            if previous is not None and previous.isRunning():
                previous.succeeded.disconnect()  # a newer load replaces it; its rows are dropped
                previous.failed.disconnect()
            self._loader = BackgroundJob(self.model.loader(), self)
            self._loader.succeeded.connect(self._loaded)
            self._loader.failed.connect(
                lambda exc: QMessageBox.warning(self, _("Contacts"), error_message(exc)))
            self._loader.start()
            return
        self._loaded(None)

    def _loaded(self, lines: Any) -> None:
        if lines is None:
            self.model.reload()
        else:
            self.model.set_lines(lines)
            self.table.setEnabled(True)
            self.search.setPlaceholderText(_("Search contacts…"))
        self._fill_filters()
        self._update_buttons()
        self.table.resizeColumnsToContents()

    # -- filters ------------------------------------------------------------------------------------------
    def _fill_filters(self) -> None:
        partner = self.partner_filter.currentData()
        tag = self.tag_filter.currentData()
        for combo in (self.partner_filter, self.tag_filter):
            combo.blockSignals(True)
            combo.clear()
        self.partner_filter.addItem(_("All partners"), None)
        self.tag_filter.addItem(_("All tags"), "")
        if self.context.workspace is not None:
            with self.context.ws.session() as s:
                for pid, name in s.execute(select(Partner.id, Partner.name).order_by(Partner.name)):
                    self.partner_filter.addItem(name, pid)
        for t in self.model.all_tags():
            self.tag_filter.addItem(tag_label(t), t)
        self.partner_filter.setCurrentIndex(max(0, self.partner_filter.findData(partner)))
        self.tag_filter.setCurrentIndex(max(0, self.tag_filter.findData(tag)))
        for combo in (self.partner_filter, self.tag_filter):
            combo.blockSignals(False)

    def _apply_filters(self) -> None:
        self.proxy.set_filters(self.partner_filter.currentData(), self.tag_filter.currentData() or "",
                               self.advisory.isChecked())

    def _group(self, on: bool) -> None:
        self.rows.set_grouped(on)
        if on and self.table.horizontalHeader().sortIndicatorSection() < 0:
            self.table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)  # by name inside each partner's group

    def _span_headers(self) -> None:
        """Each partner's header row spans the table."""
        self.table.clearSpans()
        columns = self.rows.columnCount()
        for row in self.rows.header_rows():
            self.table.setSpan(row, 0, 1, columns)

    def _on_changed(self, changes: Any) -> None:
        self.model.apply_changes(changes)
        if "partner" in changes.entities():
            self._fill_filters()
        self._update_buttons()

    # -- selection ----------------------------------------------------------------------------------------
    def selected_ids(self) -> list[int]:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        ids = (self.rows.data(r, ID_ROLE) for r in rows)
        return [i for i in ids if i is not None]  # a partner's header row is no contact

    def select_contact(self, contact_id: int) -> None:
        row = self.model.row_of(contact_id)
        if row >= 0:
            index = self.rows.mapFromSource(self.proxy.mapFromSource(self.model.index(row, 0)))
            # Not selectRow(): it finds no column in a right-to-left view that is not laid out yet.
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(index)

    def _update_buttons(self, *_args: Any) -> None:
        count = len(self.selected_ids())
        self.edit_button.setEnabled(count == 1)
        self.delete_button.setEnabled(count >= 1)
        self.merge_button.setEnabled(count == 2)

    # -- actions ------------------------------------------------------------------------------------------
    def _push(self, command: Any) -> bool:
        try:
            push(self.context.undo_stack, command)
        except Exception as exc:  # a PartnerDeskError from the service: show it; nothing was pushed
            self._tell(exc)
            return False
        return True

    def _tell(self, exc: Exception) -> None:
        QMessageBox.warning(self, _("Contacts"), getattr(exc, "message", str(exc)))

    def add_contact(self) -> None:
        dialog = ContactDialog(self.context.ws, None, self)
        dialog.save_hook = lambda values: push(self.context.undo_stack, AddContactCommand(self.context, values))
        dialog.exec()

    def edit_contact(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 1:
            return
        snapshot = ContactService(self.context.ws).get_snapshot(ids[0])
        dialog = ContactDialog(self.context.ws, snapshot, self)

        def save(values: dict[str, Any]) -> None:
            changed = {k: v for k, v in values.items() if snapshot.get(k) != v}
            if changed:
                changed.setdefault("display_name", values["display_name"])
                contact_id = ids[0]
                push_edit(self, self.context,
                          lambda version: EditContactCommand(self.context, contact_id, changed, version),
                          snapshot.get("row_version"), changed, on_error=failed)

        def failed(exc: Exception) -> None:
            if dialog.isVisible():
                raise exc  # the dialog shows it and stays open: nothing typed is lost
            self._tell(exc)  # a re-applied save after the dialog closed

        dialog.save_hook = save
        dialog.exec()

    def delete_contacts(self) -> None:
        ids = self.selected_ids()
        if ids:
            self._push(DeleteContactsCommand(self.context, ids))

    def merge_contacts(self) -> None:
        ids = self.selected_ids()
        if len(ids) != 2:
            return
        names = [self.model.line(self.model.row_of(i)).name for i in ids]
        box = QMessageBox(self)
        box.setWindowTitle(_("Merge contacts"))
        box.setText(_("Merge “{a}” and “{b}”? Every field keeps its most complete value; emails, phones and tags "
                      "are combined.").format(a=names[0], b=names[1]))
        keep_first = box.addButton(_("Keep “{name}”").format(name=names[0]), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(_("Keep “{name}”").format(name=names[1]), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        clicked = box.clickedButton()
        if clicked is None or box.buttonRole(clicked) != QMessageBox.ButtonRole.AcceptRole:
            return
        keep, other = (ids[0], ids[1]) if clicked is keep_first else (ids[1], ids[0])
        self._push(MergeContactsCommand(self.context, keep, other))

    def import_contacts(self) -> None:
        from partnerdesk.ui.contacts.import_dialog import ImportDialog

        dialog = ImportDialog(self.context, parent=self)
        dialog.exec()  # returns only once no worker is running (the dialog waits for its job)
        dialog.deleteLater()

    def export_contacts(self) -> None:
        path, chosen = QFileDialog.getSaveFileName(self, _("Export contacts"),
                                                   str(documents_dir() / "contacts.vcf"),
                                                   _("vCard (*.vcf);;CSV (*.csv)"))
        if not path:
            return
        partner_id = self.partner_filter.currentData()
        records = ContactService(self.context.ws).export_records(partner_id)
        data = csv_io.write_csv(records) if path.lower().endswith(".csv") else vcard.write_vcards(records)
        try:
            with open(path, "wb") as fh:
                fh.write(data)
        except OSError as exc:
            QMessageBox.warning(self, _("Export contacts"), exc.strerror or str(exc))
            return
        QMessageBox.information(self, _("Export contacts"), ngettext(
            "{count} contact exported.", "{count} contacts exported.", len(records)).format(count=len(records)))
