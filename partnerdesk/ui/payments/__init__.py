"""The Payments view: ledger, aging, on-time rate, schedules and reminders."""
