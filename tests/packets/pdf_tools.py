"""poppler-utils helpers for the packet tests: text, fonts and word boxes of a PDF."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path


def pdf_text(pdf: bytes, tmp_path: Path, *extra: str) -> str:
    """pdftotext output, NFKC-normalised (Arabic presentation forms -> letters) without bidi marks."""
    path = tmp_path / "text.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", *extra, str(path), "-"], capture_output=True, text=True, check=True).stdout
    return "".join(c for c in unicodedata.normalize("NFKC", out) if unicodedata.category(c) != "Cf")


def pdf_pages(pdf: bytes, tmp_path: Path) -> list[str]:
    """Text of each page (pdftotext separates pages with form feeds)."""
    return pdf_text(pdf, tmp_path, "-layout").split("\f")


def pdf_fonts(pdf: bytes, tmp_path: Path) -> list[list[str]]:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return [line.split() for line in out.splitlines()[2:]]


def word_boxes(pdf: bytes, tmp_path: Path) -> list[tuple[int, float, float, str]]:
    """(page, xMin, xMax, NFKC word) of every word, pages counted from 1."""
    html = pdf_text(pdf, tmp_path, "-bbox")
    out = []
    for page, chunk in enumerate(html.split("<page ")[1:], start=1):
        for x0, x1, word in re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">'
                                       r'([^<]*)</word>', chunk):
            out.append((page, float(x0), float(x1), word))
    return out


def contains_words(text: str, phrase: str, rtl: bool) -> bool:
    """``phrase`` in ``text``; for right-to-left text, compare word sets (lines are reordered visually)."""
    phrase = unicodedata.normalize("NFKC", phrase)
    if not rtl:
        return " ".join(phrase.split()) in " ".join(text.split())
    def bare(word: str) -> str:
        # Sentence punctuation moves to the other end in visual order; harakat may be extracted apart.
        return "".join(c for c in word if unicodedata.category(c) != "Mn").strip(".,:;()؛،")

    words = {bare(w) for w in text.split()} | {bare(w[::-1]) for w in text.split()}
    # pdftotext cuts a word at a haraka (shadda, damma…) into pieces: compare the words without them.
    wanted = {bare(w) for w in phrase.split() if not any(unicodedata.category(c) == "Mn" for c in w)}
    return bool(wanted) and wanted <= words
