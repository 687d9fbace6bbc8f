"""Alphabetical order as a reader of a language expects it, for the lists the site shows.

Python's ``sorted`` orders by code point: Russian topics then follow their English keys, or put
«Ё» after «Я» and every Latin name («COVID-19») before the Cyrillic ones. A Russian reader looks
for Cyrillic names in the alphabet's order, «ё» with «е», and Latin names after them; an
English reader the other way round (ICU's collation for each language does the same). The
letters of the language's own script (CLDR's likely script for it, through Babel) come first,
then those of other scripts, each by its alphabet; case is a tie-breaker only.
"""

from __future__ import annotations

import functools
import unicodedata

from babel.core import get_global

_SCRIPT_NAMES = {"Cyrl": "CYRILLIC", "Latn": "LATIN", "Grek": "GREEK"}
_SAME_LETTER = str.maketrans({"ё": "е"})
"""Letters a language's alphabet sorts with another at the first level (Russian «ё», «е»)."""


@functools.cache
def _own_script(lang: str) -> str:
    """The Unicode name prefix of the script ``lang`` is written in ("CYRILLIC" for ru)."""
    likely = get_global("likely_subtags").get(lang, "")
    parts = likely.split("_")
    return _SCRIPT_NAMES.get(parts[1] if len(parts) > 1 else "Latn", "LATIN")


def _rank(char: str, own: str) -> int:
    """Spaces and signs first, then figures, then the letters of ``own``, then other letters."""
    if char.isdigit():
        return 1
    if not char.isalpha():
        return 0
    return 2 if unicodedata.name(char, "").startswith(own) else 3


def alphabetical(text: str, lang: str) -> tuple[tuple[tuple[int, str], ...], str, str]:
    """The key that sorts ``text`` among others as a reader of ``lang`` expects."""
    own = _own_script(lang)
    folded = text.casefold()
    letters = folded.translate(_SAME_LETTER)
    return tuple((_rank(char, own), char) for char in letters), folded, text
