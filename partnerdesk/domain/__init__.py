"""Pure rules with no I/O and no Qt: enums, workflow, recurrence, time zones, KPI maths, money."""
