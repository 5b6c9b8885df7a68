"""All contacts: table, editing dialog, undo commands, import."""
