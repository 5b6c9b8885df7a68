"""The one dialog for an edit conflict (issue 18): someone else saved the record after you opened it.

Every edit dialog and inline edit that saves from a copy it loaded earlier shows this dialog when the service
raises :class:`EditConflictError`: their change (who, when, each field from what you had to what it is now, and
what you wanted it to be), then a choice:

* **Reload** — discard mine and show theirs (the caller reloads the record, e.g. reopens its editor);
* **Re-apply mine** — save mine over theirs knowingly, at the version now in the workspace.

Closing the dialog is Reload: nothing is written over their change without the user saying so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from partnerdesk.domain.enums import (
    Channel,
    EventKind,
    Frequency,
    KpiUnit,
    LabelledEnum,
    PartnerKind,
    PartnerStage,
    PaymentDirection,
    PaymentMethod,
    Priority,
    Seniority,
)
from partnerdesk.domain.errors import EditConflictError
from partnerdesk.l10n import N_, _, format_datetime, format_decimal
from partnerdesk.services.conflicts import id_names

if TYPE_CHECKING:
    from partnerdesk.store.workspace import Workspace

# What each logged field is called (the same words as the edit dialogs); fields not listed show their own name.
FIELD_LABELS: dict[str, str] = {
    "title": N_("Title"), "description": N_("Description"), "partner_id": N_("Partner"),
    "responsible_member_id": N_("Responsible"), "responsible_contact_id": N_("Responsible"),
    "priority": N_("Priority"), "due_at": N_("Due date"), "due_has_time": N_("Time"), "tags": N_("Tags"),
    "status_id": N_("Status"), "checklist": N_("Checklist"), "name": N_("Name"), "display_name": N_("Name"),
    "emails": N_("Email"), "phones": N_("Phone"), "notes": N_("Notes"), "note": N_("Note"), "role": N_("Role"),
    "organization": N_("Organization"), "starts_at": N_("Start"), "ends_at": N_("End"), "location": N_("Location"),
    "amount_minor": N_("Amount"), "currency": N_("Currency"), "invoice_ref": N_("Invoice"), "due_on": N_("Due"),
    "paid_on": N_("Paid on"), "value": N_("Value"), "target": N_("Target"), "deleted_at": N_("Deleted"),
    "time_zone": N_("Time zone"), "stage": N_("Stage"), "kind": N_("Kind"), "website": N_("Website"),
    "status": N_("Status"),
}
# Bookkeeping a person did not type: not shown.
HIDDEN = {"position", "status_changed_at", "updated_at", "created_at", "row_version", "evidence", "purged"}


# Fields holding a choice: shown by the choice's translated label, not its stored value ("high" → "Alta").
ENUM_FIELDS: dict[str, tuple[type[LabelledEnum], ...]] = {
    "priority": (Priority,), "stage": (PartnerStage,), "kind": (PartnerKind, EventKind),
    "direction": (PaymentDirection,), "method": (PaymentMethod,), "channel": (Channel,), "seniority": (Seniority,),
    "frequency": (Frequency,), "unit": (KpiUnit,),
}


def field_label(name: str) -> str:
    return _(FIELD_LABELS[name]) if name in FIELD_LABELS else name.replace("_", " ")


def value_text(name: str, value: Any, names: Mapping[tuple[str, int], str]) -> str:
    """A logged value as a person reads it: names for ids, local dates, "—" for nothing."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, str) and name in ENUM_FIELDS:
        for enum_cls in ENUM_FIELDS[name]:
            try:
                return enum_cls(value).label
            except ValueError:
                continue
    if isinstance(value, int) and (name, value) in names:
        return names[(name, value)] or f"#{value}"
    if isinstance(value, float):
        return format_decimal(value)
    if isinstance(value, dt.datetime):
        return format_datetime(value, "short")
    if isinstance(value, str) and len(value) >= 16 and value[4:5] == "-" and "T" in value:
        try:
            parsed = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
        return format_datetime(parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC), "short")
    if isinstance(value, list | tuple):
        return ", ".join(value_text(name, v, names) for v in value) or "—"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {value_text(name, v, names)}" for k, v in value.items())
    return str(value)


class ConflictDialog(QDialog):
    """Their change, and Reload / Re-apply mine. ``choice`` is "reload" or "reapply" once closed."""

    def __init__(self, error: EditConflictError, workspace: Workspace | None,
                 mine: Mapping[str, Any] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editConflict")
        self.error = error
        self.choice = "reload"
        self.setWindowTitle(_("Changed by someone else"))
        self.setMinimumWidth(560)
        self.message = QLabel(error.message)
        self.message.setObjectName("conflictMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        theirs = {k: v for k, v in error.fields().items() if k not in HIDDEN}
        mine = {k: v for k, v in (mine or {}).items() if k not in HIDDEN}
        values: dict[str, list[Any]] = {k: [*pair] for k, pair in theirs.items()}
        for k, v in mine.items():
            values.setdefault(k, []).append(v)
        names = id_names(workspace, values) if workspace is not None else {}
        self.fields = QTreeWidget()
        self.fields.setObjectName("conflictFields")
        self.fields.setRootIsDecorated(False)
        self.fields.setColumnCount(4)
        self.fields.setHeaderLabels([_("Field"), _("You had"), _("Their change"), _("Yours")])
        for name in [*theirs, *(k for k in mine if k not in theirs)]:
            old, new = theirs.get(name, [None, None])
            row = QTreeWidgetItem([
                field_label(name),
                value_text(name, old, names) if name in theirs else "",
                value_text(name, new, names) if name in theirs else _("(unchanged)"),
                value_text(name, mine[name], names) if name in mine else _("(unchanged)"),
            ])
            row.setData(0, Qt.ItemDataRole.UserRole, name)
            self.fields.addTopLevelItem(row)
        for column in range(4):
            self.fields.resizeColumnToContents(column)
        self.fields.setVisible(self.fields.topLevelItemCount() > 0)
        self.question = QLabel(_("Reload to see their version and discard yours, or re-apply yours over theirs."))
        self.question.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.reload_button = QPushButton(_("Reload"))
        self.reload_button.setObjectName("conflictReload")
        self.reload_button.setToolTip(_("Discard my change and show theirs"))
        self.reapply_button = QPushButton(_("Re-apply mine"))
        self.reapply_button.setObjectName("conflictReapply")
        self.reapply_button.setToolTip(_("Save my change over theirs"))
        buttons.addButton(self.reload_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.addButton(self.reapply_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.reload_button.setDefault(True)  # the safe choice: nothing written over their change
        self.reapply_button.clicked.connect(self._reapply)
        self.reload_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.fields)
        layout.addWidget(self.question)
        layout.addWidget(buttons)

    def _reapply(self) -> None:
        self.choice = "reapply"
        self.accept()


def open_conflict(parent: QWidget) -> ConflictDialog | None:
    """The conflict dialog showing over ``parent``, if one is."""
    return next((d for d in parent.findChildren(ConflictDialog) if d.isVisible()), None)


def resolve_conflict(parent: QWidget, error: EditConflictError, workspace: Workspace | None,
                     mine: Mapping[str, Any] | None, *, reload: Callable[[], None],
                     reapply: Callable[[int | None], object]) -> ConflictDialog:
    """Show the conflict (window-modal, not blocking) and call ``reload()`` or ``reapply(current_version)`` with
    the user's choice. The dialog is kept as ``parent.conflict_dialog`` while open."""
    dialog = ConflictDialog(error, workspace, mine, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)

    def done(_result: int) -> None:
        if open_conflict(parent) is None:
            parent.conflict_dialog = None  # type: ignore[attr-defined]
        if dialog.choice == "reapply":
            reapply(error.current_version)
        else:
            reload()

    dialog.finished.connect(done)
    parent.conflict_dialog = dialog  # type: ignore[attr-defined]
    dialog.open()
    return dialog


def push_edit(parent: QWidget, context: Any, make: Callable[[int | None], Any], start_version: int | None,
              mine: Mapping[str, Any], *, on_error: Callable[[Exception], object],
              reload: Callable[[], None] | None = None, on_saved: Callable[[Any], None] | None = None) -> Any:
    """Push the undoable save ``make(expected_version)`` of a record the user edited from ``start_version``.

    A conflict opens the conflict dialog: Reload calls ``reload`` (e.g. drop what was typed, reopen the editor) and
    announces the record (views show theirs); Re-apply mine pushes ``make(current version)``. ``on_saved(command)``
    follows every save that was done, now or re-applied. Other errors go to ``on_error``.
    Returns the command when the save was done now, else None."""
    from partnerdesk.domain.errors import PartnerDeskError
    from partnerdesk.services.base import ChangeSet
    from partnerdesk.ui.undo import push

    command = make(start_version)
    try:
        push(context.undo_stack, command)
    except EditConflictError as exc:
        error = exc

        def show_theirs() -> None:
            if reload is not None:
                reload()
            changes = ChangeSet()
            changes.add("updated", error.entity, error.entity_id)
            context.hub.announce(changes)

        def reapply(current: int | None) -> None:
            push_edit(parent, context, make, current, mine, on_error=on_error, reload=reload, on_saved=on_saved)

        resolve_conflict(parent, error, context.workspace, mine, reload=show_theirs, reapply=reapply)
        return None
    except PartnerDeskError as exc:
        on_error(exc)
        return None
    if on_saved is not None:
        on_saved(command)
    return command
