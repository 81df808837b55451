"""French typography of generated text: « 1er » for the first day of a month, typographic apostrophes."""

from __future__ import annotations

import re

_FIRST = re.compile(r"(?<![\d/.-])1(?=[ \u00a0\u202f][^\d\s])")


def first_of_month(text: str) -> str:
    """« 1 octobre 2026 » -> « 1er octobre 2026 » (a date of French text, formatted by Babel)."""
    return _FIRST.sub("1er", text, count=1)


def apostrophes(text: str) -> str:
    """Straight apostrophes made typographic (« l'île » -> « l’île »)."""
    return text.replace("'", "’")
