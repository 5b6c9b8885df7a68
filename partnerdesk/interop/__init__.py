"""Import and export: vCard, iCalendar, CSV."""
