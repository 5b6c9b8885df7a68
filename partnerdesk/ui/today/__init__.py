"""Today: the first screen, what needs the manager now."""
