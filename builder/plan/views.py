"""What templates are given: the small frozen views a page job holds, and the job itself.

Contexts hold these views (:class:`Entry`, :class:`Alternate`, …) rather than the model, which
keeps templates simple and makes each page's inputs explicit: a job is everything its page is
made from, so its fingerprint decides whether the page must be rendered again. Every field is
documented for theme authors (docs/templates.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from builder.model import Article, ArticleKey, SiteModel


@dataclass(frozen=True)
class Entry:
    """One line of a list page: an item in the version shown to this language's readers."""

    title: str
    url: str
    date: dt.date
    lang: str
    """Language of the version linked; differs from the page's when no translation exists."""
    outlet: str
    summary: str
    section: str = ""
    """Heading of the section the list is about, when only one section of the item is."""


@dataclass(frozen=True)
class Alternate:
    """Where the language switch leads for one language."""

    lang: str
    url: str
    exact: bool
    """False when this page has no version in ``lang`` and the switch leads to the nearest page."""


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    count: int = 0


@dataclass(frozen=True)
class MonthLink:
    month: dt.date
    """The first day of the month (templates format it with the page's locale)."""
    url: str
    """The month's page; from the home page, at the day its list goes on from."""
    count: int


@dataclass(frozen=True)
class Day:
    """The items of one day on a month page, which groups its list by day."""

    date: dt.date
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class ListNeighbours:
    """Previous and next links of an article page within one list the article is on.

    The entries are the ones the list itself shows in the page's language (a version in
    another language when the item has none in this one), so walking an article's neighbours
    visits exactly the items of the list, in its order.
    """

    url: str
    """Site path of the list page (the month, or the topic)."""
    topic_label: str
    """The topic's name in the page's language; empty for the month list."""
    month: dt.date | None
    """The first day of the month for the month list (templates format it); None for a topic."""
    newer: Entry | None
    """The newer neighbour (``rel="prev"``), None for the newest item of the list."""
    older: Entry | None
    """The older neighbour (``rel="next"``), None for the oldest item of the list."""


@dataclass(frozen=True)
class Redirect:
    """One rule of Netlify's ``_redirects``: an alias to the page it leads to."""

    alias: str
    """The old address (``/en/2020/04/old-slug/``)."""
    url: str
    """The page's address now."""


@dataclass(frozen=True)
class PageJob:
    output: str
    """Path of the file inside the site folder (``en/2020/04/slug/index.html``)."""
    template: str
    lang: str | None
    """Language of the page's chrome; None for language-neutral files (``/``, sitemap)."""
    url: str
    context: Mapping[str, Any] = field(default_factory=dict)
    body_of: Article | None = None
    """The article whose Markdown body renders into ``body_html`` (article pages)."""


class Entries(dict):
    """Entries by article key, each made when first asked for."""

    def __init__(self, model: SiteModel):
        super().__init__()
        self.model = model

    def __missing__(self, key: ArticleKey) -> Entry:
        entry = self[key] = entry_of(self.model.articles[key])
        return entry


def output_path(url: str) -> str:
    """The file a page's URL is served from (``/en/`` -> ``en/index.html``)."""
    return url.strip("/") + "/index.html" if url != "/" else "index.html"


def entry_of(article: Article, section: str = "", anchor: str | None = None) -> Entry:
    """The line a list shows for ``article`` (for one of its sections, with ``anchor``)."""
    url = article.url + (f"#{anchor}" if anchor else "")
    return Entry(article.title, url, article.date, article.lang, article.outlet, article.summary,
                 section)

