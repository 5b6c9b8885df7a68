"""A searchable time zone picker: "(GMT+03:00) Riyadh, Saudi Arabia" in the UI language (CLDR through Babel),
the IANA name kept as the item's data. The list of about 420 zones is built when first opened, once per
language, so views that hold a picker open fast."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, available_timezones

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QWidget

from partnerdesk.l10n import current_language

if TYPE_CHECKING:
    from babel import Locale

_SKIP = ("Etc/", "SystemV/", "US/", "Canada/", "Mexico/", "Brazil/", "Chile/")


@dataclass(frozen=True)
class ZoneChoice:
    name: str  # IANA
    label: str
    offset_minutes: int


def fold(text: str) -> str:
    """Accent- and case-insensitive form for matching typed text ("sao paulo" finds "São Paulo")."""
    import unicodedata

    return "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch)).casefold()


def _offset(name: str, now: dt.datetime) -> int:
    delta = now.astimezone(ZoneInfo(name)).utcoffset() or dt.timedelta(0)
    return int(delta.total_seconds() // 60)


_SEPARATOR = {"ar": "، ", "ja": "、"}


def _compose(gmt: str, place: str, lang: str) -> str:
    """Offset first where text runs left to right (the list reads west to east); in Arabic the place leads and
    the offset is isolated, so brackets and signs keep their order."""
    from partnerdesk.l10n import is_rtl

    if is_rtl(lang):
        return f"{place} (\u2068{gmt}\u2069)"
    return f"({gmt}) {place}"


def _gmt(offset_minutes: int, locale: Locale) -> str:
    from babel.dates import get_timezone_gmt

    zone = dt.timezone(dt.timedelta(minutes=offset_minutes))
    return get_timezone_gmt(dt.datetime(2026, 1, 1, tzinfo=zone), width="long", locale=locale)


def _city(name: str, locale: Locale) -> str:
    from babel.dates import get_timezone_location

    known = locale.time_zones.get(name, {}).get("city")
    return str(known) if known else get_timezone_location(name, locale=locale, return_city=True)


def zone_city(name: str, lang: str | None = None) -> str:
    """The zone's city in ``lang`` ("Lisboa" for Europe/Lisbon in Portuguese); UTC and unknown names as given."""
    from partnerdesk.l10n import babel_locale

    if name == "UTC" or "/" not in name:
        return name
    try:
        return _city(name, babel_locale(lang or current_language()))
    except LookupError:
        return name


def zone_label(name: str, lang: str | None = None, now: dt.datetime | None = None) -> str:
    """"(GMT+03:00) Riyadh, Saudi Arabia": the current offset, city and country in ``lang``."""
    from babel.core import get_global

    from partnerdesk.l10n import babel_locale

    lang = lang or current_language()
    locale = babel_locale(lang)
    try:
        offset = _offset(name, now or dt.datetime.now(dt.UTC))
    except (KeyError, ValueError):
        return name
    gmt = _gmt(offset, locale)
    if name == "UTC":
        return _compose(gmt, "UTC", lang)
    city = _city(name, locale)
    territory = get_global("zone_territories").get(name)
    country = locale.territories.get(territory, "") if territory else ""
    place = city if not country or country == city else f"{city}{_SEPARATOR.get(lang, ', ')}{country}"
    return _compose(gmt, place, lang)


@lru_cache(maxsize=8)
def zone_choices(lang: str, hour: int) -> tuple[ZoneChoice, ...]:
    """Every zone people live in, labelled in ``lang``, west to east (``hour`` keys the cache: offsets move
    with daylight saving)."""
    del hour
    from babel.core import get_global

    from partnerdesk.l10n import babel_locale

    locale = babel_locale(lang)
    now = dt.datetime.now(dt.UTC)
    territories = get_global("zone_territories")
    names = sorted(z for z in available_timezones() if z in territories and "/" in z and not z.startswith(_SKIP))
    gmt: dict[int, str] = {}
    separator = _SEPARATOR.get(lang, ", ")
    seen: set[str] = set()
    out = [ZoneChoice("UTC", zone_label("UTC", lang, now), 0)]
    for name in names:
        offset = _offset(name, now)
        if offset not in gmt:
            gmt[offset] = _gmt(offset, locale)
        city = _city(name, locale)
        country = locale.territories.get(territories[name], "")
        place = city if not country or country == city else f"{city}{separator}{country}"
        label = _compose(gmt[offset], place, lang)
        if label in seen:  # an alias of a zone already listed
            continue
        seen.add(label)
        out.append(ZoneChoice(name, label, offset))
    out[1:] = sorted(out[1:], key=lambda c: (c.offset_minutes, c.label.casefold()))
    return tuple(out)


class ZonePicker(QComboBox):
    """Choose a time zone by typing any part of its city or country; ``zone()`` is the IANA name."""

    zone_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(18)
        self.setMaxVisibleItems(16)
        self._zone = "UTC"
        self._filled_for = ""
        self.empty_label: Callable[[], str] | None = None  # set: "" (no zone of its own) can be chosen
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        # PySide6's stubs type a signal instance as not indexable; the [str] overload exists at run time
        completer.activated[str].connect(lambda _text: self._commit())  # type: ignore[index]
        self.setCompleter(completer)
        self.activated.connect(lambda _i: self._commit())
        self._edit().editingFinished.connect(self._commit)
        self._edit().installEventFilter(self)
        self._show_single(self._zone)

    def _edit(self) -> QLineEdit:
        edit = self.lineEdit()
        assert edit is not None  # the box is editable from the constructor on
        return edit

    # --- filling ------------------------------------------------------------------------------------------
    def _show_single(self, name: str) -> None:
        self.blockSignals(True)
        self.clear()
        self.addItem(self._label(name), name)
        self.setCurrentIndex(0)
        self._edit().setCursorPosition(0)  # a narrow box shows the city, not the end of the label
        self.blockSignals(False)
        self._filled_for = ""

    def ensure_filled(self) -> None:
        """Load every zone (first use, or after a language switch)."""
        lang = current_language()
        if self._filled_for == lang:
            return
        choices = zone_choices(lang, dt.datetime.now(dt.UTC).hour)
        self.blockSignals(True)
        self.clear()
        if self.empty_label is not None:
            self.addItem(self.empty_label(), "")
        for choice in choices:
            self.addItem(choice.label, choice.name)
            self.setItemData(self.count() - 1, choice.name, Qt.ItemDataRole.ToolTipRole)
        if self.findData(self._zone) < 0:
            self.addItem(self._label(self._zone), self._zone)
        self.setCurrentIndex(self.findData(self._zone))
        self.blockSignals(False)
        self._filled_for = lang

    def showPopup(self) -> None:  # noqa: N802 - Qt API
        self.ensure_filled()
        super().showPopup()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.lineEdit() and event.type() in (QEvent.Type.FocusIn, QEvent.Type.KeyPress):
            if not self._filled_for:
                text, position = self._edit().text(), self._edit().cursorPosition()
                self.ensure_filled()
                self._edit().setText(text)
                self._edit().setCursorPosition(position)
        return super().eventFilter(watched, event)

    # --- value --------------------------------------------------------------------------------------------
    def zone(self) -> str:
        return self._zone

    def set_zone(self, name: str) -> None:
        """Show ``name`` (an IANA zone; unknown names show as they are) without emitting ``zone_chosen``."""
        self._zone = name if name or self.empty_label is not None else "UTC"
        if not self._filled_for:
            self._show_single(self._zone)
            return
        self.blockSignals(True)
        index = self.findData(self._zone)
        if index < 0:
            self.addItem(self._label(self._zone), self._zone)
            index = self.count() - 1
        self.setCurrentIndex(index)
        self._edit().setCursorPosition(0)
        self.blockSignals(False)

    def retranslate_ui(self) -> None:
        self._show_single(self._zone)

    def allow_empty(self, label: Callable[[], str]) -> None:
        """Offer "no zone of its own" first, shown as ``label()`` (e.g. "The partner's time zone")."""
        self.empty_label = label
        self._show_single(self._zone)

    def _label(self, name: str) -> str:
        return self.empty_label() if not name and self.empty_label is not None else zone_label(name)

    def _resolve(self, text: str) -> str | None:
        """The zone the typed text names: a label, an IANA name, or the only zone containing the text."""
        text = text.strip()
        if not text:
            return "" if self.empty_label is not None else None
        folded = fold(text)
        for i in range(self.count()):
            if fold(self.itemText(i)) == folded or fold(str(self.itemData(i))) == folded:
                return str(self.itemData(i))
        try:
            ZoneInfo(text)
            if "/" in text or text == "UTC":
                return text
        except (KeyError, ValueError):
            pass
        matches = [i for i in range(self.count()) if folded in fold(self.itemText(i))
                   or folded in fold(str(self.itemData(i)).replace("_", " "))]
        return str(self.itemData(matches[0])) if len(matches) == 1 else None

    def _commit(self) -> None:
        typed = self.currentText()
        self.ensure_filled()
        chosen = self._resolve(typed)
        if chosen is None:  # nothing recognisable: back to the zone shown before
            self.set_zone(self._zone)
            return
        changed = chosen != self._zone
        self.set_zone(chosen)
        if changed:
            self.zone_chosen.emit(chosen)
