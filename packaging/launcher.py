"""Entry point of the frozen app (PyInstaller): the same `partnerdesk` command as from source."""

import os
import sys

if getattr(sys, "frozen", False):
    # The bundle carries one time-zone database (the tzdata package's); pytz, which vobject imports, reads it
    # too instead of its own copy (left out of the bundle by packaging/targets.py).
    os.environ.setdefault("PYTZ_TZDATADIR", os.path.join(getattr(sys, "_MEIPASS", ""), "tzdata", "zoneinfo"))

from partnerdesk.cli import main  # noqa: E402

if __name__ == "__main__":
    raise SystemExit(main())
