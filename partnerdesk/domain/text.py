"""User text that must not steer layout: bidirectional controls are removed, never applied."""

from __future__ import annotations

import re

#: LRM, RLM, ALM, the embeddings and overrides (LRE RLE PDF LRO RLO) and the isolates (LRI RLI FSI PDI).
BIDI_CONTROLS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")


def strip_bidi_controls(text: str) -> str:
    """``text`` without bidirectional control characters: a right-to-left override (U+202E) typed or pasted
    into a name can no longer reverse it, or the text after it, wherever it is shown."""
    return _BIDI.sub("", text) if text else text
