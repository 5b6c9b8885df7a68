"""Use cases: validate input, write in one transaction, log the activity, report what changed."""
