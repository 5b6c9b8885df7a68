"""The kanban board: one list view per status column, cards painted by a delegate."""
