"""Exchange formats (vCard, iCalendar, CSV) built on maintained libraries. Pure: bytes in, records out."""
