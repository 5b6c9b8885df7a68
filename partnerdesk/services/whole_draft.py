"""A workspace-wide record edited as one draft: load it, save the whole draft in one transaction, delete it.

The brand guide and the onboarding questionnaire work this way: the workspace's first record of the kind is
"the" record (packets use it), the editor holds a plain, frozen draft of it, and undo saves the previous
draft again (or deletes the record that the first save created).
"""

from __future__ import annotations

from typing import Any, ClassVar, Generic, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerdesk.domain.enums import Action
from partnerdesk.services.base import ChangeSet, Service

D = TypeVar("D")


class WholeDraftService(Service, Generic[D]):
    """Subclasses name the ORM ``model``, the activity-log ``entity``, the attribute that ``label``s the
    record in the log, provide ``empty``, ``clean`` and ``draft_of`` (plain functions will do, as
    ``staticmethod``) and implement ``write``."""

    model: ClassVar[type[Any]]
    entity: ClassVar[str]
    label: ClassVar[str]

    def empty(self) -> D:
        """The draft of a workspace that has no record yet."""
        raise NotImplementedError

    def clean(self, draft: D) -> D:
        """A validated, normalised copy of ``draft`` (raises ValidationError)."""
        raise NotImplementedError

    def draft_of(self, obj: Any, /) -> D:
        """The draft of a stored record (positional: subclasses name the parameter for their model)."""
        raise NotImplementedError

    def write(self, obj: Any, before: D | None, clean: D) -> dict[str, Any]:
        """Copy ``clean`` onto ``obj`` (``before`` is None for a new record); returns the diff to log."""
        raise NotImplementedError

    def _first(self, s: Session) -> Any:
        return s.scalar(select(self.model).order_by(self.model.id))

    def load(self) -> tuple[int | None, D]:
        """(id, draft) of the record; (None, empty draft) when the workspace has none yet."""
        with self.workspace.session() as s:
            obj = self._first(s)
            if obj is None:
                return None, self.empty()
            return obj.id, self.draft_of(obj)

    def save(self, draft: D) -> tuple[int, ChangeSet]:
        """Validate and write the whole draft in one transaction; creates the record when there is none."""
        clean = self.clean(draft)
        with self.unit_of_work() as (s, changes):
            obj = self._first(s)
            created = obj is None
            if created:
                obj = self.model(**{self.label: getattr(clean, self.label)})
                s.add(obj)
            diff = self.write(obj, None if created else self.draft_of(obj), clean)
            s.flush()
            if created:
                self.log(s, self.entity, obj.id, Action.CREATE, getattr(obj, self.label))
                changes.add("created", self.entity, obj.id)
            elif diff:
                self.log(s, self.entity, obj.id, Action.UPDATE, getattr(obj, self.label), diff)
                changes.add("updated", self.entity, obj.id)
            return obj.id, changes

    def delete(self) -> ChangeSet:
        """Remove the record (used to undo its creation)."""
        with self.unit_of_work() as (s, changes):
            obj = self._first(s)
            if obj is not None:
                self.log(s, self.entity, obj.id, Action.DELETE, getattr(obj, self.label))
                s.delete(obj)
                changes.add("deleted", self.entity, obj.id)
            return changes
