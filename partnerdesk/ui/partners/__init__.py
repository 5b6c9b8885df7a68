"""Partner directory and profile."""
