"""Two clients on one workspace (issue 18): a save over someone else's change is a conflict, never a lost update.

On SQLite the two clients are two ``open_workspace(path, lock=False)`` objects on the same file. The tests take
the ``workspace`` fixture for client A and open client B on the same target, so they also run on PostgreSQL once
that fixture is parametrised over both engines.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select

from partnerdesk.domain.errors import EditConflictError
from partnerdesk.services.work_items import WorkItemService
from partnerdesk.store.models import TeamMember, WorkItem, WorkStatus
from partnerdesk.store.workspace import Workspace
from tests.team.helpers import second_client


@pytest.fixture
def clients(workspace: Workspace) -> Iterator[tuple[WorkItemService, WorkItemService, int]]:
    """Marta's and Rui's card services on the same workspace, and a card both can see."""
    with workspace.session() as s, s.begin():
        s.add_all([TeamMember(name="Marta Sousa"), TeamMember(name="Rui Costa")])
    with workspace.session() as s:
        marta = s.scalar(select(TeamMember.id).where(TeamMember.name == "Marta Sousa"))
        rui = s.scalar(select(TeamMember.id).where(TeamMember.name == "Rui Costa"))
        status = s.scalar(select(WorkStatus.id).order_by(WorkStatus.position))
    assert status is not None
    other = second_client(workspace)
    a, b = WorkItemService(workspace, marta), WorkItemService(other, rui)
    card, _changes = a.create(status, "Launch plan", description="first draft")
    yield a, b, card
    other.close()


def test_concurrent_edits_of_a_card_conflict_instead_of_losing_one(clients) -> None:
    a, b, card = clients
    _values, _checklist, held_by_a = a.snapshot_at(card)  # Marta opens the card…
    _values, _checklist, held_by_b = b.snapshot_at(card)  # …and so does Rui
    b.edit(card, {"title": "Launch plan v2"}, expected_version=held_by_b)  # Rui saves first
    with pytest.raises(EditConflictError) as err:
        a.edit(card, {"description": "Marta's draft"}, expected_version=held_by_a)
    conflict = err.value
    assert conflict.entity == "work_item" and conflict.entity_id == card
    assert conflict.who == "Rui Costa"
    assert conflict.fields() == {"title": ["Launch plan", "Launch plan v2"]}
    assert "Rui Costa changed this card" in conflict.message
    assert conflict.current_version == held_by_a + 1
    values, _checklist, _version = b.snapshot_at(card)
    assert values["title"] == "Launch plan v2" and values["description"] == "first draft"  # nothing of Marta's
    # Re-apply mine, knowingly, at the version now there: both changes are in.
    a.edit(card, {"description": "Marta's draft"}, expected_version=conflict.current_version)
    values, _checklist, version = b.snapshot_at(card)
    assert (values["title"], values["description"]) == ("Launch plan v2", "Marta's draft")
    assert version == held_by_a + 2


def test_a_write_racing_another_inside_one_transaction_is_refused(clients) -> None:
    """Even without an expected version: Marta's transaction read the card, Rui committed, Marta's UPDATE finds
    the row at another version and nothing of hers is written (SQLAlchemy's version_id_col)."""
    a, b, card = clients
    with pytest.raises(EditConflictError) as err, a.unit_of_work() as (s, _changes):
        item = s.get(WorkItem, card)
        assert item is not None
        b.update(card, title="Rui's title")
        item.title = "Marta's title"
        s.flush()
    assert err.value.who == "Rui Costa"
    values, _checklist, _version = a.snapshot_at(card)
    assert values["title"] == "Rui's title"


def test_version_left_by_a_change_is_reported_and_logged(clients) -> None:
    a, b, card = clients
    _values, _checklist, version = a.snapshot_at(card)
    changes = a.edit(card, {"title": "Renamed"}, expected_version=version)
    assert changes.version("work_item", card) == version + 1
    changes = a.move([card], a.places([card])[card]["status_id"], None)
    assert changes.version("work_item", card) == version + 2
    with pytest.raises(EditConflictError):  # Rui's copy from before both
        b.trash([card], expected={card: version})
    b.trash([card], expected={card: version + 2})
