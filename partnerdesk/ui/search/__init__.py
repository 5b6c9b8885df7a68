"""Global search popup (Ctrl+K)."""
