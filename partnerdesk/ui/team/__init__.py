"""Team mode in the window (issue 18): connecting to a workspace on a PostgreSQL server, who am I on it, and
what the status bar says about it."""
