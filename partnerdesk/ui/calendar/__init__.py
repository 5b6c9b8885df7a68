"""The calendar: month, week and agenda views over events and derived entries, with editing and reminders."""
