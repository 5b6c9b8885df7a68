"""File ▸ Import Contacts…, File ▸ Restore from Backup…, automatic snapshots, the integrity watch and the
read-only banner: what keeps a user's data trustworthy, reached from the main window."""
