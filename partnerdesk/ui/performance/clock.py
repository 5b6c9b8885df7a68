"""Today's date for the performance views, in one place (tests set it to the demo's date)."""

from __future__ import annotations

import datetime as dt


def today() -> dt.date:
    return dt.date.today()
