"""An item of a site's RSS or Atom feed saved as a file (``.xml``, ``.rss``, ``.atom``) -> the
saved page it stands for, which :mod:`~builder.ingest.html` then reads as any saved page.

Agencies publish their stories in feeds (Yandex's ``yandex:full-text``, WordPress's
``content:encoded``, Atom's ``content``), and an editor may save one item of one. The item's
title is the headline, its text (or else its description) the story, its link the page's
address (the outlet), its author the byline, the feed's title the site's name, and its date
(``pubDate``, ``published``) the date the page shows, as a page prints it under its headline.
A feed of several items is several stories: it is refused with a warning that says so, for
one source is one page. The XML is read with entities, DTDs and the network off: a feed is
untrusted text like any source.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import html as html_text
import re

from lxml import etree

from builder.diagnostics import warning
from builder.ingest.assemble import IngestError

_FEED_START = re.compile(r"^\ufeff?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*|<!DOCTYPE[^>\[]*"
                         r"(?:\[.*?\])?\s*>\s*)*<(?:rss|feed|rdf:RDF)\b", re.DOTALL)
_ATOM = "{http://www.w3.org/2005/Atom}"
_TEXTS = ("{http://news.yandex.ru}full-text", "{http://purl.org/rss/1.0/modules/content/}encoded",
          f"{_ATOM}content", "description", f"{_ATOM}summary")
"""Where an item keeps its story, fullest first."""


def is_feed(text: str) -> bool:
    """Whether ``text`` is an RSS or Atom document."""
    return _FEED_START.match(text[:4096]) is not None


def as_page(text: str, path: str) -> str:
    """The saved page the feed ``text`` holds as its one item; IngestError (a warning: nothing
    is lost) when it holds none or several, or is no XML a parser reads."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, recover=False)
    try:
        root = etree.fromstring(text.lstrip("\ufeff").encode("utf-8"), parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise IngestError(warning(path, getattr(exc, "lineno", None), "source-feed",
                                  f"the feed is not XML a parser reads ({exc})")) from exc
    items = root.findall(".//item") + root.findall(f".//{_ATOM}entry")
    if len(items) != 1:
        raise IngestError(warning(path, None, "source-feed", (
            f"a feed of {len(items)} items, not one: a source is one story, so save each item "
            f"you want as a file of its own (or its page)" if items else
            "a feed with no item: nothing to make a page of")))
    [item] = items
    site = " ".join((_text(root.find("channel/title")) or _text(root.find(f"{_ATOM}title")))
                    .split())
    title = " ".join((_text(item.find("title")) or _text(item.find(f"{_ATOM}title"))).split())
    atom_link = item.find(f"{_ATOM}link")
    link = _text(item.find("link")) or (str(atom_link.get("href") or "") if atom_link is not None
                                        else "")
    author = _text(item.find("author")) or _text(item.find(f"{_ATOM}author/{_ATOM}name")) or \
        _text(item.find("{http://purl.org/dc/elements/1.1/}creator"))
    when = _when(_text(item.find("pubDate")) or _text(item.find(f"{_ATOM}published"))
                 or _text(item.find(f"{_ATOM}updated")))
    story = next((found for tag in _TEXTS if (found := _text(item.find(tag)))), "")
    body = story if "<" in story else "".join(
        f"<p>{html_text.escape(part)}</p>" for part in re.split(r"\n\s*\n", story) if part.strip())
    shown = f"<p><time>{when:%d %B %Y, %H:%M}</time></p>" if when else ""
    return ("<!doctype html><html><head>"
            f"<title>{html_text.escape(title)}</title>"
            + (f"<meta property='og:site_name' content='{html_text.escape(site, True)}'>"
               if site else "")
            + (f"<meta property='og:url' content='{html_text.escape(link, True)}'>" if link else "")
            + (f"<meta property='article:published_time' content='{when.isoformat()}'>"
               if when and when.tzinfo else "")
            + f"</head><body><article><h1>{html_text.escape(title)}</h1>{shown}"
            + (f"<p>By {html_text.escape(author)}</p>" if author else "")
            + f"{body}</article></body></html>")


def _text(element: etree._Element | None) -> str:
    """An element's text as the feed gives it (HTML in a story's CDATA kept), trimmed."""
    return (element.text or "").strip() if element is not None else ""


def _when(value: str) -> dt.datetime | None:
    """An item's date: RSS's (RFC 822) or Atom's (ISO 8601)."""
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
