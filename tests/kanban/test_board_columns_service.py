from partnerdesk.services.board_columns import BoardColumnService
from partnerdesk.services.work_items import WorkItemService


def test_remove_column_moves_cards(workspace):
    cols = BoardColumnService(workspace)
    items = WorkItemService(workspace)
    new, _ = cols.add("Waiting on partner")
    other, _ = cols.add("Review")
    x, _ = items.create(new, "Contract draft")
    cols.rename(new, "Blocked")
    cols.set_wip_limit(other, 3)
    cols.remove(new, move_cards_to=other)
    assert items.column_ids(other) == [x]
