"""ASCII slugs and anchors from titles and headings in any of the site's languages.

Russian is transliterated with one documented standard, the Wikipedia romanisation as
implemented by the ``iuliia`` package (it reads naturally: "Выдержка из брифинга" ->
"vyderzhka-iz-brifinga"). The same function makes file slugs at ingest and heading anchors at
read time, so a topic page's link to ``#section`` always matches the rendered heading id.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

import iuliia

_NON_WORD = re.compile(r"[^a-z0-9]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def slugify(text: str, max_length: int = 80) -> str:
    """Lower-case ASCII words joined by ``-``, cut at a word boundary near ``max_length``.

    Returns "" when nothing usable remains (the caller decides what to do about it).
    """
    if _CYRILLIC.search(text):
        text = iuliia.WIKIPEDIA.translate(text)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    ascii_text = ascii_text.replace("'", "").replace("\u2019", "")
    slug = _NON_WORD.sub("-", ascii_text.lower()).strip("-")
    if len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut else cut[:max_length]
    return slug.strip("-")


def unique(slug: str, taken: Collection[str]) -> str:
    """``slug`` itself, or ``slug-2``, ``slug-3``... whichever is not in ``taken``: for one
    slug against names already taken. To give many (a page's headings, a language's pages),
    :class:`UniqueSlugs`."""
    candidate, number = slug, 2
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    return candidate


class UniqueSlugs:
    """The slugs of one namespace, given one after the other: each the slug asked for, else
    ``slug-2``, ``slug-3``... the first not taken, exactly as :func:`unique` would say.

    It remembers how far each slug's numbers went, so that n equal headings take n steps, not
    n²/2: probing from ``-2`` every time, 30,000 equal headings took two minutes. (A number
    passed over stays taken, since names are only ever added.)
    """

    def __init__(self) -> None:
        self._taken: set[str] = set()
        self._next: dict[str, int] = {}

    def take(self, slug: str) -> str:
        """``slug`` or the first free numbered form of it, now taken."""
        candidate, number = slug, self._next.get(slug, 2)
        while candidate in self._taken:
            candidate, number = f"{slug}-{number}", number + 1
        self._next[slug] = number
        self._taken.add(candidate)
        return candidate
