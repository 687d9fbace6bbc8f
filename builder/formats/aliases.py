"""An alias: an address of the site that leads to a page, read from a page's ``aliases:``.

In: the text the editor wrote, and the page's language. Out: the address as a folder URL
(``/en/2020/04/old-slug/``), or why it cannot be one. Pure, and the one rule for it: the read
stage checks each alias with :func:`read_alias`, and the editors' JSON Schema is made from
:func:`schema_patterns`, which accepts exactly what :func:`read_alias` does.

An alias becomes a file of the site (``<alias>/index.html``) and a line of Netlify's
``_redirects``, so it is read as untrusted input: a path inside the site, in unreserved
characters only (RFC 3986: ASCII letters, digits, ``-``, ``.``, ``_``, ``~``), no segment that
starts with a dot (so no ``.``, ``..`` or hidden file), no scheme, host, query, fragment,
backslash, space, percent escape or control character, each segment short enough to be a file
name. Nothing of it then needs escaping, in a file name, in HTML or in ``_redirects`` (where
``*`` and ``:name`` would mean something).

**Relative or absolute.** ``/en/2020/04/old-slug/`` is that address. An alias without a
leading slash is read relative to the page's language, as Hugo reads one in a multilingual
site: ``2020/04/old-slug`` on an English page is ``/en/2020/04/old-slug/``. A trailing slash is
optional; every alias is a folder.

**Reserved.** The addresses the builder makes pages at are never an alias, whether or not the
page exists today (an alias at ``/en/2021/`` would be hidden by the year's page as soon as an
item is dated 2021): a language's home, its ``topics/`` and ``search/``, its years and months,
its feeds and not-found page, and the site's ``assets/``, ``pagefind/`` and files at the top.
An alias equal to an article's address, or claimed by two pages, is found once every page is
read (:mod:`builder.index`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from builder.diagnostics import Diagnostic, error, warning

SEGMENT = r"[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,254}"
"""One segment of an alias: unreserved characters, not starting with a dot, a file name's
length at most (255 bytes: ASCII)."""
MAX_LENGTH = 1000
"""The longest alias, in characters: well inside any file system's limit on a path."""
_SYNTAX = re.compile(rf"/?(?:{SEGMENT}/)*{SEGMENT}/?")

TOP_RESERVED = ("assets", "pagefind", "index.html", "404.html", "sitemap.xml", "robots.txt",
                "_redirects")
"""First segments the builder writes files or folders at, at the top of the site (its marker,
``.digest-site``, starts with a dot, which no alias may)."""
LANGUAGE_RESERVED = ("topics", "search", "feed.xml", "feed.json", "404.html", "index.html")
"""Segments after a language that the builder writes pages at (``/en/topics/``…), with all
below them."""


def read_aliases(value: object, lang: str, languages: Sequence[str], path: str,
                 line: int | None) -> tuple[tuple[str, ...], tuple[Diagnostic, ...]]:
    """A page's ``aliases:`` (one value, a list, or None) -> its aliases as folder URLs, in the
    order given, and what is wrong with the others. ``path`` and ``line`` locate the key.

    An alias that is not one is an error and is not served; the page is published all the same
    (its own address is not what is wrong), and so are its other aliases.
    """
    found: dict[str, None] = {}
    problems: list[Diagnostic] = []
    for item in [] if value is None else value if isinstance(value, list) else [value]:
        address, problem = read_alias(item, lang, languages)
        if address is None:
            problems.append(error(path, line, "alias-invalid",
                                  f"alias {problem}; it is not served"))
        elif address in found:
            problems.append(warning(path, line, "alias-repeated",
                                    f"alias {address} is listed twice; delete one"))
        else:
            found[address] = None
    return tuple(found), tuple(problems)


def read_alias(value: object, lang: str, languages: Sequence[str]) -> tuple[str | None, str]:
    """(the alias as a folder URL, "") when ``value`` is one for a page in ``lang``; else
    (None, why not, in words that end "…; it is not served" in the message)."""
    if not isinstance(value, str):
        return None, f"must be a path such as /{lang}/2020/04/old-slug/, not {_shown(value)}"
    if len(value) > MAX_LENGTH:
        return None, f"is longer than {MAX_LENGTH} characters"
    if not _SYNTAX.fullmatch(value):
        return None, f"{_shown(value)} is not a path inside the site: {_why_not(value)}"
    segments = [part for part in value.split("/") if part]
    if not value.startswith("/"):
        segments.insert(0, lang)
    address = "/" + "/".join(segments) + "/"
    if reserved := _reserved(segments, languages):
        return None, f"{address} is kept for the builder's own pages ({reserved})"
    return address, ""


def _reserved(segments: Sequence[str], languages: Sequence[str]) -> str:
    """What the builder makes at the folder of ``segments`` (or below), or ""."""
    if "index.html" in segments:
        return "a page's file: write its folder"
    first, rest = segments[0], segments[1:]
    if first in TOP_RESERVED:
        return f"/{first}"
    if first not in languages:
        return ""
    if not rest:
        return "a language's home"
    if rest[0] in LANGUAGE_RESERVED:
        return f"/{first}/{rest[0]}"
    if re.fullmatch(r"[0-9]{4}", rest[0]) and (
            len(rest) == 1 or (len(rest) == 2 and re.fullmatch(r"[0-9]{2}", rest[1]))):
        return "a date archive"
    return ""


def _why_not(value: str) -> str:
    """The first thing that keeps ``value`` from being a path inside the site, in words."""
    checks = (
        (not value.strip("/"), "it names no page"),
        (re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", value) is not None or value.startswith("//"),
         "a whole address with a scheme or host; give the path alone"),
        (any(c in value for c in "?#"), "no query (?) or fragment (#)"),
        ("\\" in value, "write / between segments, not \\"),
        (any(part in {".", ".."} for part in value.split("/")), "no . or .. segments"),
        ("//" in value, "an empty segment (//)"),
        (any(part.startswith(".") for part in value.split("/")),
         "no segment may start with a dot"),
        ("%" in value, "no percent escapes: write the characters"),
        (any(c.isspace() or not c.isprintable() for c in value),
         "no spaces or control characters"),
        (len(max(value.split("/"), key=len)) > 255, "a segment longer than 255 characters"),
    )
    return next((why for failed, why in checks if failed),
                "only ASCII letters, digits and - . _ ~ between the slashes")


def _shown(value: object) -> str:
    if isinstance(value, str):
        return repr(value[:60] + ("…" if len(value) > 60 else ""))
    return f"{type(value).__name__} {value!r}"[:80]


def schema_patterns(languages: Sequence[str]) -> dict[str, object]:
    """The JSON Schema of one alias (a string): what :func:`read_alias` accepts, in patterns an
    editor's tools (ECMA-262) and the tests' validator (Python's ``re.search``) read alike."""
    end = r"(?![\s\S])"  # the end of the text: "$" would also match before a final newline
    language = "(?:" + "|".join(re.escape(code) for code in languages) + ")"
    top = "(?:" + "|".join(re.escape(name) for name in TOP_RESERVED) + ")"
    under = "(?:" + "|".join(re.escape(name) for name in LANGUAGE_RESERVED) + ")"
    in_language = (rf"(?:/?{end}|/{under}(?:/|{end})|/[0-9]{{4}}/?{end}"
                   rf"|/[0-9]{{4}}/[0-9]{{2}}/?{end})")
    reserved = [
        r"(?:^|/)index\.html(?:/|$)",
        rf"^/{top}(?:/|{end})",
        rf"^/{language}{in_language}",
        rf"^{under}(?:/|{end})|^[0-9]{{4}}/?{end}|^[0-9]{{4}}/[0-9]{{2}}/?{end}",
    ]
    return {"type": "string", "maxLength": MAX_LENGTH,
            "pattern": rf"^/?(?:{SEGMENT}/)*{SEGMENT}/?{end}",
            "not": {"anyOf": [{"pattern": pattern} for pattern in reserved]}}
