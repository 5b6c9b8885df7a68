"""Persistence: models, workspace files (engine, locking, migrations), queries, backup."""
