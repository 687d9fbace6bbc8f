"""The feeds of a list (a language's home, a topic): which there are, what they hold, ready to
render.

Pure: from the model and the list the HTML page shows (same entries, same order) to frozen
:class:`Feed` data, every name already in the feed's language and every time zone-aware, so
``templates/feed.xml`` (Atom) and :mod:`builder.render.feeds` (JSON Feed) only format it. An
entry's content is its article's body, which is read and rendered with the feed
(:class:`FeedItem.body_of`, as :attr:`PageJob.body_of <builder.plan.views.PageJob.body_of>`
for an article page): so a feed shows the body, and is planned again when a body it shows is
edited (:func:`feed_jobs` with ``showing``).
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass

from builder.config import SiteConfig
from builder.model import Article, LanguageIndex, Listed, SiteModel
from builder.plan.views import PageJob


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
    body_of: Article
    """The article whose body is the entry's content (``feed_content(item)`` in templates).
    A job's fingerprint holds an article as the digest of its page file, so an edited body
    renders the feed again."""
    anchor: str | None = None
    """The section the list shows, when it shows one section only: the content is that
    section's."""


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
        categories=categories, body_of=article, anchor=anchor)


def home_feed_links(lang: str) -> FeedLinks:
    """The feeds of a language's home page."""
    return FeedLinks(f"/{lang}/feed.xml", f"/{lang}/feed.json")


def topic_feed_links(model: SiteModel, lang: str, topic: str) -> FeedLinks:
    """The feeds of a topic's pages in ``lang``."""
    base = f"/{lang}/topics/{topic}/"
    return FeedLinks(f"{base}feed.xml", f"{base}feed.json", model.topics[topic].label(lang))


def language_feeds(model: SiteModel, index: LanguageIndex, config: SiteConfig
                   ) -> Iterator[tuple[FeedLinks, str, Sequence[Listed]]]:
    """Every feed of a language's tree: its links, the site path of the list it follows, and
    the entries it shows, that list's latest ``home_items``. The home's first, then the
    topics' in topic-key order."""
    lang, latest = index.lang, config.home_items
    yield home_feed_links(lang), f"/{lang}/", [Listed(key) for key in index.items[:latest]]
    for key, listed in index.topics.items():
        yield topic_feed_links(model, lang, key), f"/{lang}/topics/{key}/", listed[:latest]


def feed_jobs(model: SiteModel, index: LanguageIndex, config: SiteConfig,
              showing: Collection[str] | None = None) -> list[PageJob]:
    """The Atom and JSON Feed files of a language's feeds, each rendered in that language;
    with ``showing`` (page paths), only those of the feeds that show one of those articles:
    the feeds a body-only edit can change, exactly as every feed is planned."""
    jobs = []
    for links, page_url, listed in language_feeds(model, index, config):
        if showing is not None and not any(
                model.articles[item.article].path in showing for item in listed):
            continue
        feed = list_feed(model, index.lang, links, page_url, listed)
        jobs.extend(PageJob(path.lstrip("/"), template, index.lang, path, {"feed": feed})
                    for path, template in ((links.atom, "feed.xml"), (links.json, "feed.json")))
    return jobs


def shown_in_feeds(model: SiteModel, config: SiteConfig) -> dict[str, frozenset[str | None]]:
    """The page path of every article a feed shows, with what of it: the anchors of the
    sections shown alone, None for the whole body (the entries' content)."""
    shown: dict[str, set[str | None]] = {}
    for index in model.indexes.values():
        for _links, _url, listed in language_feeds(model, index, config):
            for item in listed:
                shown.setdefault(model.articles[item.article].path, set()).add(item.anchor)
    return {path: frozenset(anchors) for path, anchors in shown.items()}


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
