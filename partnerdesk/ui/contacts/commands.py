"""Undo commands for contacts. Each calls the contact service and announces the change once."""

from __future__ import annotations

from typing import Any

from partnerdesk.l10n import _, ngettext
from partnerdesk.services.contacts import ContactService
from partnerdesk.ui.undo import ServiceCommand


class _ContactCommand(ServiceCommand):
    def __init__(self, context: Any, text: str) -> None:
        super().__init__(text)
        self.context = context
        self.service = ContactService(context.ws)
        self.error: Exception | None = None

    def announce(self, changes: Any) -> None:
        self.context.hub.announce(changes)


class AddContactCommand(_ContactCommand):
    def __init__(self, context: Any, values: dict[str, Any]) -> None:
        super().__init__(context, _("Add contact {name}").format(name=values.get("display_name", "")))
        self.values = values
        self.snapshot: dict[str, Any] | None = None
        self.contact_id: int | None = None

    def apply(self) -> None:
        if self.snapshot is None:
            self.contact_id, changes = self.service.create(**self.values)
        else:
            changes = self.service.restore(self.snapshot)
        self.announce(changes)

    def revert(self) -> None:
        assert self.contact_id is not None
        self.snapshot, changes = self.service.delete(self.contact_id)
        self.announce(changes)


class EditContactCommand(_ContactCommand):
    """Save the contact dialog from the contact's version ``expected_version`` (None: no check); undo puts the
    changed fields back unless someone else changed the contact since."""

    def __init__(self, context: Any, contact_id: int, values: dict[str, Any],
                 expected_version: int | None = None) -> None:
        super().__init__(context, _("Edit contact {name}").format(name=values.get("display_name", "")))
        self.contact_id = contact_id
        self.new = values
        before = self.service.get_snapshot(contact_id)
        self.old = {k: before[k] for k in values}
        self.track_version(context.hub, "contact", contact_id, expected_version)

    def apply(self) -> None:
        self.announce(self.note_version(self.service.update(self.contact_id, expected_version=self.expected_version(),
                                                            **self.new)))

    def revert(self) -> None:
        self.announce(self.note_version(self.service.update(self.contact_id, expected_version=self.expected_version(),
                                                            **self.old)))


class DeleteContactsCommand(_ContactCommand):
    def __init__(self, context: Any, contact_ids: list[int]) -> None:
        super().__init__(context, ngettext("Delete {count} contact", "Delete {count} contacts",
                                           len(contact_ids)).format(count=len(contact_ids)))
        self.contact_ids = contact_ids
        self.snapshots: list[dict[str, Any]] = []

    def apply(self) -> None:
        self.snapshots = []
        for cid in self.contact_ids:
            data, changes = self.service.delete(cid)
            self.snapshots.append(data)
            self.announce(changes)

    def revert(self) -> None:
        for data in reversed(self.snapshots):
            self.announce(self.service.restore(data))


class MergeContactsCommand(_ContactCommand):
    """Merge ``other`` into ``keep``. Undo puts back both contacts as they were, links included."""

    def __init__(self, context: Any, keep_id: int, other_id: int) -> None:
        super().__init__(context, _("Merge contacts"))
        self.keep_id, self.other_id = keep_id, other_id
        self.keep_before = self.service.get_snapshot(keep_id)
        self.other_before = self.service.get_snapshot(other_id)

        self.moved: dict[str, list[int]] = {}

    def apply(self) -> None:
        self.announce(self.service.merge(self.keep_id, self.other_id))
        self.moved = self.service.last_moved_links

    def revert(self) -> None:
        self.announce(self.service.unmerge(self.keep_before, self.other_before, self.moved))
