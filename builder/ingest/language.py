"""The language of a block of text, from the scripts its letters are written in.

For English and Russian, script statistics are decisive and cannot be fooled by short blocks
the way n-gram models can: Cyrillic letters mean Russian, Latin letters mean English. Names in
the other script ("COVID-19" in a Russian sentence) are outvoted by the rest of the block.
"""

from __future__ import annotations

import re

SCRIPT_LANGUAGES = {"cyrillic": "ru", "latin": "en"}


def script_counts(text: str) -> dict[str, int]:
    counts = {"cyrillic": 0, "latin": 0}
    for ch in text:
        if "\u0400" <= ch <= "\u04ff":
            counts["cyrillic"] += 1
        elif ch.isascii() and ch.isalpha():
            counts["latin"] += 1
    return counts


_ADDRESS = re.compile(r"\]\([^)\s]*\)|<?https?://\S+|\S+@\S+\.\w+")
"""Link targets, URLs and e-mail addresses: Latin letters whatever the language around them."""


def detect(text: str) -> str | None:
    """``"ru"``, ``"en"``, or None when the text has no letters at all."""
    counts = script_counts(_ADDRESS.sub(" ", text))
    if not any(counts.values()):
        return None
    return SCRIPT_LANGUAGES[max(counts, key=lambda script: counts[script])]
