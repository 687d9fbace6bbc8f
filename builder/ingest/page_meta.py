"""What a saved page's metadata says of it: when it was published (its meta tags, ``<time>``
elements, JSON-LD), its address, its language. :mod:`~builder.ingest.html` gives them back
with the page's main text, for ingest to use under the editor's sidecar.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import Any

from lxml import html as lxml_html

LANGUAGES = ("en", "ru")
"""The ``<html lang>`` values kept as ``meta["lang"]`` (the digest's languages)."""

_PUBLISHED_XPATHS = (
    "//meta[@property='article:published_time' or @name='article:published_time']/@content",
    "//meta[@itemprop='datePublished']/@content",
    "//meta[@property='og:published_time' or @name='pubdate' or @name='publishdate']/@content",
    "//meta[translate(@name, 'CDEGLPRSTY', 'cdeglprsty') = 'dcterms.date' or translate(@name, "
    "'CDEGLPRSTY', 'cdeglprsty') = 'dc.date' or @name='parsely-pub-date']/@content",  # Drupal
    "//article//time/@datetime",
    "//*[@itemprop='datePublished']/@datetime", "//*[@itemprop='datePublished']/@content",
    "//time[@itemprop='datePublished' or @pubdate]/@datetime",
    "//time[not(ancestor::nav or ancestor::aside or ancestor::footer)]/@datetime",
)
"""Where pages state when they were published, most explicit first (JSON-LD is read too)."""
_DATE_ONLY = re.compile(r"^\d{4}-?\d{2}-?\d{2}$")


def publication(tree: lxml_html.HtmlElement) -> tuple[dt.datetime | None, dt.date | None]:
    """When the page says it was published: the first stated time (with its offset, if given),
    else the first stated day alone (second). Neither is the news date, which the text knows
    better (a briefing of April 17 published on April 21): either is taken only where the text
    gives none, and then warned of as inferred (``date-from-published``)."""
    day: dt.date | None = None
    for value in _stated_publication(tree):
        value = value.strip()
        try:
            stamp = dt.datetime.fromisoformat(value)
        except ValueError:
            continue
        if not _DATE_ONLY.match(value):
            return stamp, None
        day = day or stamp.date()
    return None, day


def _stated_publication(tree: lxml_html.HtmlElement) -> Iterator[str]:
    for xpath in _PUBLISHED_XPATHS:
        yield from (str(value) for value in tree.xpath(xpath))
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text_content())
        except ValueError:
            continue
        yield from _json_ld_published(data)


def _json_ld_published(data: Any) -> Iterator[str]:
    """``datePublished`` of a JSON-LD object, a list of them or an ``@graph``."""
    if isinstance(data, list):
        for item in data:
            yield from _json_ld_published(item)
    elif isinstance(data, dict):
        if isinstance(data.get("datePublished"), str):
            yield data["datePublished"]
        yield from _json_ld_published(data.get("@graph"))


def web_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) address (a page may say anything, even
    ``javascript:``; the URL ends up as a link on the site)."""
    url = (url or "").strip()
    return url if re.match(r"https?://[^\s/]+", url, re.IGNORECASE) and " " not in url else None


def language(tree: lxml_html.HtmlElement) -> str | None:
    """``<html lang>`` (or ``xml:lang``) as one of :data:`LANGUAGES`."""
    root = tree.getroottree().getroot()
    code = (root.get("lang") or root.get("xml:lang") or "").strip().lower()
    primary = re.split(r"[-_]", code, maxsplit=1)[0]
    return primary if primary in LANGUAGES else None
