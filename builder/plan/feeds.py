"""The feeds of a list (a language's home, a topic): what they hold, ready to render.

Pure: from the model and the list the HTML page shows (same entries, same order) to frozen
:class:`Feed` data, every name already in the feed's language and every time zone-aware, so
``templates/feed.xml`` (Atom) and :meth:`builder.render.Renderer` (JSON Feed) only format it.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass

from builder.model import Article, Listed, SiteModel


@dataclass(frozen=True)
class FeedLinks:
    """The feeds of a list page, for ``<link rel="alternate">`` and the "Subscribe" link."""

    atom: str
    """Site path of the Atom feed (``/en/feed.xml``)."""
    json: str
    """Site path of the JSON Feed (``/en/feed.json``)."""
    topic_label: str = ""
    """The topic's name in the page's language; empty for the language's home feed."""


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed, with every name already in the feed's language."""

    id: str
    """Site path of the article version (no anchor): stable while the item keeps its URL, and
    the same in every feed that lists this version, so readers never see it twice."""
    title: str
    url: str
    """Site path of the page, with the section anchor when only a section is on the list."""
    lang: str
    """Language of the version linked; differs from the feed's when no translation exists."""
    published: dt.datetime
    """When the outlet published it, or the news date at 00:00 UTC: always time-zone aware."""
    summary: str
    author: str
    """The outlet's name in the feed's language."""
    categories: tuple[tuple[str, str], ...]
    """(topic key, topic label in the feed's language) for every topic of the item."""


@dataclass(frozen=True)
class Feed:
    """The latest items of one list (a language's home or one topic), newest first."""

    links: FeedLinks
    page_url: str
    """Site path of the HTML list the feed follows."""
    updated: dt.datetime
    """The newest item's time, never the build's, so that two builds write identical feeds."""
    items: tuple[FeedItem, ...]


EMPTY_FEED_UPDATED = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
"""Atom requires ``<updated>`` even when nothing is published yet; a fixed time (not the build
time) keeps the output of an empty site identical from build to build."""


def list_feed(model: SiteModel, lang: str, links: FeedLinks, page_url: str,
          listed: Sequence[Listed]) -> Feed:
    """The feed of one list, from the same entries (and order) the HTML list shows."""
    items = tuple(feed_item(model, lang, model.articles[item.article], item.anchor)
                  for item in listed)
    updated = max((item.published for item in items), default=EMPTY_FEED_UPDATED)
    return Feed(links, page_url, updated, items)


def feed_item(model: SiteModel, lang: str, article: Article, anchor: str | None) -> FeedItem:
    outlet = model.outlets.get(article.outlet)
    keys = dict.fromkeys([*article.topics, *(t for s in article.sections for t in s.topics)])
    categories = tuple((key, model.topics[key].label(lang)) for key in keys if key in model.topics)
    return FeedItem(
        id=article.url, title=article.title,
        url=article.url + (f"#{anchor}" if anchor else ""), lang=article.lang,
        published=moment(article, outlet.timezone if outlet else None),
        summary=article.summary,
        author=outlet.name(lang) if outlet else article.outlet,
        categories=categories)


def moment(article: Article, timezone: str | None) -> dt.datetime:
    """When the item appeared, time-zone aware as RFC 3339 needs.

    A publication time without an offset is the outlet's own clock (its zone, when known); an
    item with only a news date is dated 00:00 UTC, so its date in UTC is the date readers see.
    """
    if article.published is None:
        return dt.datetime.combine(article.date, dt.time(), dt.UTC)
    if article.published.tzinfo is not None:
        return article.published
    zone: dt.tzinfo = zoneinfo.ZoneInfo(timezone) if timezone else dt.UTC  # checked by config
    return article.published.replace(tzinfo=zone)
