"""A PO catalog's bytes as Babel's catalog, or the one located reason they cannot be one.

In: the bytes of a ``messages.po`` or ``fragments.po`` and its language. Out: the
:class:`~babel.messages.catalog.Catalog`, or :class:`CatalogError` with the message and line.

Why not Babel's ``read_po`` alone: a catalog is edited by hand or by a translator's tool, and
its ``Plural-Forms`` header is code gettext runs for every number a page shows. Babel takes
``nplurals`` as it comes (a list of that many strings per plural message: ``nplurals=999999999``
took all the memory there was) and leaves the ``plural`` rule to fail where a page first uses
it. Here the header is checked when the catalog is read, at its line, as a build needs it.
"""

from __future__ import annotations

import codecs
import gettext
import io
import re
from collections.abc import Iterable

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, PoFileParser


class CatalogError(ValueError):
    """Why a catalog cannot be read, and the line (1-based) where, when known."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.line = line


def parse_catalog(data: bytes, lang: str) -> Catalog:
    """The catalog ``data`` holds, for the language ``lang``."""
    # Without the byte-order mark a Windows editor may add, which Babel takes for a word.
    data = data.removeprefix(codecs.BOM_UTF8)
    catalog = _BoundedCatalog(locale=lang)
    try:
        PoFileParser(catalog, abort_invalid=True).parse(io.BytesIO(data))
        _check_plural_rule(catalog)
    except (PoFileError, ValueError) as exc:
        message, line = str(exc), getattr(exc, "lineno", None)
        if message.startswith(PLURAL_FORMS):  # found where a plural message needed it
            message, line = message.rsplit(" on ", 1)[0], _line_of(data, PLURAL_FORMS.encode())
        elif isinstance(line, int):
            line += 1  # Babel counts lines from 0
        raise CatalogError(message, line) from exc
    return catalog


PLURAL_FORMS = "Plural-Forms:"
MAX_PLURALS = 6
"""The most plural forms a language has (CLDR's six: zero, one, two, few, many, other)."""


class _BoundedCatalog(Catalog):
    """Babel's catalog, refusing a ``Plural-Forms`` header with more forms than any language
    has: Babel makes a list of that many strings for each plural message it reads, so
    ``nplurals=999999999`` took all the memory there was."""

    def _set_headers(self, headers: Iterable[tuple[str, str]]) -> None:
        headers = list(headers)
        for name, value in headers:  # Babel would say "invalid literal for int()"
            number = re.search(r"nplurals\s*=\s*([^;]*)", value)
            if (name.lower() == PLURAL_FORMS[:-1].lower() and number
                    and not number[1].strip().isdigit()):
                raise ValueError(f"{PLURAL_FORMS} nplurals={number[1]} is not a number")
        Catalog.mime_headers.fset(self, headers)

    mime_headers = property(Catalog.mime_headers.fget, _set_headers)

    @property
    def num_plurals(self) -> int:
        number = super().num_plurals
        if not 1 <= number <= MAX_PLURALS:
            raise ValueError(f"{PLURAL_FORMS} nplurals={number}, but a language has 1 to "
                             f"{MAX_PLURALS} plural forms")
        return number


def _check_plural_rule(catalog: Catalog) -> None:
    """ValueError unless the catalog's ``plural`` rule gives a form it has for every count, as
    gettext will ask it for each number a page shows (``n%0`` divides by zero, ``n+5`` names
    a form there is not, a rule nested a hundred deep is more than gettext reads)."""
    rule, forms = catalog.plural_expr, catalog.num_plurals
    try:
        choose = gettext.c2py(rule)
        wrong = next((n for n in (*range(1001), 10**6, 10**9 + 1) if not 0 <= choose(n) < forms),
                     None)
    except (ValueError, ArithmeticError, RecursionError) as exc:
        raise ValueError(f"{PLURAL_FORMS} plural={rule!r} is not a rule gettext can use "
                         f"({exc or type(exc).__name__})") from None
    if wrong is not None:
        raise ValueError(f"{PLURAL_FORMS} plural={rule!r} gives form {choose(wrong)} for "
                         f"{wrong}, but there are {forms} (0 to {forms - 1})")


def _line_of(data: bytes, text: bytes) -> int | None:
    at = data.find(text)
    return data.count(b"\n", 0, at) + 1 if at >= 0 else None
