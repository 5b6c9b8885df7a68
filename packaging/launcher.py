"""Entry point of the frozen app (PyInstaller): the same `partnerdesk` command as from source."""

from partnerdesk.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
