"""Unique mnemonics per menu in every language, after translation (what KDE's KAcceleratorManager does).

Translators cannot see which letters the other entries of a menu use, so two entries often claim the same one
(Alt+B opening neither). After each language change, and each time a menu is about to show, the entries keep the
letter the translation chose when it is free; a clashing entry takes the first free letter of its text (preferring
the start of a word), or, for texts written without Latin letters, a free Latin letter in the "(&X)" form that
Japanese menus use. Texts with no free letter lose the mnemonic rather than share one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMenuBar

_MARK = re.compile(r"&(?!&)(.)")
_PAREN = re.compile(r"\(&(?!&)(.)\)")
_MANAGED = "_pd_mnemonics"


def mnemonic(text: str) -> str:
    """The mnemonic letter of `text`, case-folded, or "" if it has none."""
    match = _MARK.search(text.replace("&&", "\0\0"))
    return match.group(1).casefold() if match and match.group(1) != "\0" else ""


def _strip(text: str) -> str:
    text = _PAREN.sub("", text) if _PAREN.search(text) else text
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&&")


def _candidates(plain: str) -> Iterable[int]:
    """Positions in `plain` worth a mnemonic: word starts first, then every other letter or digit."""
    starts = [i for i, ch in enumerate(plain) if ch.isalnum() and (i == 0 or not plain[i - 1].isalnum())]
    yield from starts
    yield from (i for i, ch in enumerate(plain) if ch.isalnum() and i not in starts)


def _is_cjk(text: str) -> bool:
    return any(0x3000 <= ord(ch) <= 0x9FFF or 0xF900 <= ord(ch) <= 0xFFEF for ch in text)


def _with_mnemonic(text: str, used: set[str]) -> str:
    plain = _strip(text)
    had_paren = _PAREN.search(text) is not None or _is_cjk(plain)
    for i in ([] if had_paren else _candidates(plain)):
        ch = plain[i]
        if ch.casefold() not in used and ch != "&" and plain[max(0, i - 1):i] != "&":
            used.add(ch.casefold())
            return plain[:i] + "&" + plain[i:]
    if had_paren or not any(ch.isascii() and ch.isalpha() for ch in plain):
        for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
            if letter.casefold() not in used:
                used.add(letter.casefold())
                suffix = ""
                if plain.endswith("…"):
                    plain, suffix = plain[:-1], "…"
                return f"{plain}(&{letter}){suffix}"
    return plain


def make_unique(texts: list[str]) -> list[str]:
    """The same texts with one distinct mnemonic each where possible; the first holder of a letter keeps it."""
    used: set[str] = set()
    result = list(texts)
    clashing: list[int] = []
    for index, text in enumerate(texts):
        letter = mnemonic(text)
        if letter and letter not in used:
            used.add(letter)
        elif text:
            clashing.append(index)
    for index in clashing:
        result[index] = _with_mnemonic(texts[index], used)
    return result


def _entries(container: QMenu | QMenuBar) -> list[QAction]:
    return [a for a in container.actions() if not a.isSeparator() and a.isVisible()]


def fix_container(container: QMenu | QMenuBar) -> None:
    """Give the visible entries of one menu (or the menu bar) unique mnemonics."""
    actions = _entries(container)
    texts = [a.text() for a in actions]
    for action, old, new in zip(actions, texts, make_unique(texts), strict=True):
        if new != old:
            action.setText(new)


def manage(bar: QMenuBar) -> None:
    """Fix the bar and every menu below it now, and each menu again whenever it is about to show."""
    fix_container(bar)
    pending = [a.menu() for a in bar.actions() if a.menu() is not None]
    while pending:
        menu = pending.pop()
        if not isinstance(menu, QMenu):
            continue
        fix_container(menu)
        if not menu.property(_MANAGED):
            menu.setProperty(_MANAGED, True)
            menu.aboutToShow.connect(lambda m=menu: fix_container(m))
        pending.extend(a.menu() for a in menu.actions() if isinstance(a.menu(), QMenu))
