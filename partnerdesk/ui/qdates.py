"""Typed conversions between Python dates and QDate (PySide6 converts them at run time, but its stubs type
``QDate.toPython()`` as ``object`` and offer no ``QDate(date)`` constructor)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())
