"""SiteModel -> the list of pages to render, each with its template and its data.

Pure and cheap: every page of the site is decided here, from its URL to the items it lists, so
rendering only turns data into bytes. Contexts hold small view objects (:class:`Entry`,
:class:`Alternate`) rather than the model, which keeps templates simple and makes each page's
inputs explicit: a job is everything its page is made from, so its fingerprint decides whether
the page must be rendered again (:mod:`builder.build`). What a feed holds is made by
:mod:`builder.feeds`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from builder.config import SiteConfig
from builder.diagnostics import Diagnostic, error
from builder.feeds import Feed, FeedLinks, list_feed
from builder.model import Article, ArticleKey, LanguageIndex, Listed, Neighbours, SiteModel


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
    count: int


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


def plan_site(model: SiteModel, config: SiteConfig) -> list[PageJob]:
    jobs: list[PageJob] = []
    for lang in config.languages:
        jobs.extend(_language_pages(model, model.indexes[lang], config))
    jobs = _settle_alternates(jobs)
    jobs.append(PageJob("index.html", "root.html", None, "/"))
    jobs.append(PageJob("404.html", "404.html", None, "/404.html"))
    jobs.append(PageJob("sitemap.xml", "sitemap.xml", None, "/sitemap.xml",
                        {"entries": _sitemap_entries(jobs)}))
    jobs.append(PageJob("robots.txt", "robots.txt", None, "/robots.txt"))
    return jobs


def article_jobs(model: SiteModel, config: SiteConfig, keys: Iterable[ArticleKey]) -> list[PageJob]:
    """The pages of the articles ``keys`` alone, exactly as :func:`plan_site` plans them.

    For a rebuild in which only article bodies changed (:mod:`builder.build`): an article page
    is the one page made from its article's body, and its neighbours come from the lists it is
    on, so only those lists are walked. (Settling alternates, in :func:`plan_site`, never
    changes an article page: its exact alternates are its versions, which all have pages.)
    """
    jobs = []
    for key in keys:
        article = model.articles[key]
        index = model.indexes[article.lang]
        month = index.months[(article.date.year, article.date.month)]
        month_neighbours = neighbours(tuple(Listed(item) for item in month), key)
        topic_neighbours = {topic: neighbours(index.topics[topic], key)
                            for topic in article.topics if topic in index.topics}
        entries = _Entries(model)
        around = _list_neighbours(model, index, article, entries, month_neighbours, topic_neighbours)
        jobs.append(_article_page(model, article, config, around))
    return jobs


class _Entries(dict):
    """Entries by article key, each made when first asked for."""

    def __init__(self, model: SiteModel):
        super().__init__()
        self.model = model

    def __missing__(self, key: ArticleKey) -> Entry:
        entry = self[key] = _entry(self.model.articles[key])
        return entry


NOT_IN_SITEMAP = frozenset({"search.html", "not_found.html", "feed.xml", "feed.json"})
"""Templates of language pages that search engines should not list: the search page has no
content of its own, a 404 page is not a page, and feeds are found through the pages' links."""

def check_alternates(jobs: Sequence[PageJob]) -> list[Diagnostic]:
    """Every exact language alternate must exist and name the page back (hreflang reciprocity).

    Search engines ignore hreflang links that are not returned; a page that names a version
    which does not name it back is a bug in planning, so the build stops on it.
    """
    exact = {job.url: {a.url for a in job.context.get("alternates", ()) if a.exact}
             for job in jobs}
    broken = []
    for job in jobs:
        for target in sorted(exact[job.url] - {job.url}):
            if target not in exact:
                broken.append(f"{job.url} names {target} as a version, but no such page exists")
            elif job.url not in exact[target]:
                broken.append(f"{job.url} names {target} as a version, which does not name it back")
    return [error("<plan>", None, "hreflang-reciprocity", message) for message in broken]


def _language_pages(model: SiteModel, index: LanguageIndex, config: SiteConfig) -> list[PageJob]:
    lang = index.lang
    same = _same_path_alternates(config)
    entries = {key: _entry(model.articles[key]) for key in index.items}
    jobs = []

    home_url = f"/{lang}/"
    years = [Link(str(year), f"/{lang}/{year}/", len(keys)) for year, keys in index.years.items()]
    topics = [Link(model.topics[key].label(lang), f"/{lang}/topics/{key}/", len(listed))
              for key, listed in index.topics.items()]
    home_feed = FeedLinks(f"/{lang}/feed.xml", f"/{lang}/feed.json")
    jobs.append(_page(lang, home_url, "home.html", same, {
        "entries": [entries[key] for key in index.items[: config.home_items]],
        "topics": topics, "years": years, "total": len(index.items),
        "feed_links": home_feed}))
    latest = [Listed(key) for key in index.items[: config.home_items]]
    jobs.extend(_feed_jobs(lang, list_feed(model, lang, home_feed, home_url, latest)))

    month_neighbours: dict[ArticleKey, Neighbours] = {}
    for keys in index.months.values():
        month_neighbours.update(neighbours(tuple(Listed(key) for key in keys)))
    topic_neighbours = {key: neighbours(listed) for key, listed in index.topics.items()}
    for key in index.items:
        article = model.articles[key]
        if article.lang == lang:
            around = _list_neighbours(model, index, article, entries,
                                      month_neighbours, topic_neighbours)
            jobs.append(_article_page(model, article, config, around))

    jobs.append(_page(lang, f"/{lang}/topics/", "topics.html", same, {"topics": topics}))
    for key, listed in index.topics.items():
        jobs.extend(_topic_pages(model, lang, key, listed, entries, config, same))
        jobs.extend(_topic_month_pages(model, lang, key, entries, config))

    for year, keys in index.years.items():
        months = [MonthLink(dt.date(year, month, 1), f"/{lang}/{year}/{month:02d}/", len(month_keys))
                  for (y, month), month_keys in index.months.items() if y == year]
        jobs.append(_page(lang, f"/{lang}/{year}/", "year.html", same,
                          {"year": year, "months": months, "total": len(keys)}))
    for (year, month), keys in index.months.items():
        jobs.append(_page(lang, f"/{lang}/{year}/{month:02d}/", "month.html", same, {
            "month": dt.date(year, month, 1),
            "year_url": f"/{lang}/{year}/",
            "entries": [entries[key] for key in keys]}))

    jobs.append(_page(lang, f"/{lang}/search/", "search.html", same, {}))
    jobs.append(_not_found_page(lang, config))
    return jobs


def _not_found_page(lang: str, config: SiteConfig) -> PageJob:
    """``/<lang>/404.html``: what Netlify serves for a missing page under ``/<lang>/``.

    Its language switch leads to the other languages' 404 pages, so a reader who lands on a
    missing page can read the apology (and its links) in their own language.
    """
    alternates = tuple(Alternate(code, f"/{code}/404.html", True) for code in config.languages)
    return PageJob(f"{lang}/404.html", "not_found.html", lang, f"/{lang}/404.html",
                   {"alternates": alternates})


def _feed_jobs(lang: str, feed: Feed) -> list[PageJob]:
    """The Atom and the JSON Feed file of ``feed``, both rendered in the feed's language."""
    return [PageJob(path.lstrip("/"), template, lang, path, {"feed": feed})
            for path, template in ((feed.links.atom, "feed.xml"), (feed.links.json, "feed.json"))]


def _settle_alternates(jobs: list[PageJob]) -> list[PageJob]:
    """Point every alternate that names no planned page to the nearest page that exists.

    A list page is planned with the same path in every language (:func:`_same_path_alternates`),
    but versions of one item may differ in date or topics, so a month or topic can exist in one
    language's tree only. Its alternate then leads to the nearest page up the path (the year,
    the topics, the home page), marked inexact, as an untranslated article's does; an hreflang
    link to a page that does not exist would be an error.
    """
    urls = {job.url for job in jobs}

    def settled(alternate: Alternate) -> Alternate:
        if not alternate.exact or alternate.url in urls:
            return alternate
        path = alternate.url
        while path.count("/") > 2 and path not in urls:
            path = path[:path.rstrip("/").rfind("/") + 1]
        return Alternate(alternate.lang, path, False)

    result = []
    for job in jobs:
        alternates = job.context.get("alternates")
        if alternates and any(a.exact and a.url not in urls for a in alternates):
            job = replace(job, context={**job.context,
                                        "alternates": tuple(map(settled, alternates))})
        result.append(job)
    return result


def _same_path_alternates(config: SiteConfig):
    """Alternates for list pages, at the same path in every language (settled afterwards)."""

    def alternates(url: str) -> tuple[Alternate, ...]:
        rest = url.split("/", 2)[2]
        return tuple(Alternate(code, f"/{code}/{rest}", True) for code in config.languages)

    return alternates


def _page(lang: str, url: str, template: str, alternates, context: dict[str, Any]) -> PageJob:
    return PageJob(_output_path(url), template, lang, url,
                   {**context, "alternates": alternates(url)})


def _output_path(url: str) -> str:
    return url.strip("/") + "/index.html" if url != "/" else "index.html"


def _entry(article: Article, section: str = "", anchor: str | None = None) -> Entry:
    url = article.url + (f"#{anchor}" if anchor else "")
    return Entry(article.title, url, article.date, article.lang, article.outlet, article.summary,
                 section)


def neighbours(listed: Sequence[Listed], only: ArticleKey | None = None
               ) -> dict[ArticleKey, Neighbours]:
    """Each article's newer and older entry in one newest-first list, by article key (``only``:
    that article's alone, for a rebuild of its page).

    Pure and one pass over the list, so planning every article's links stays linear in the
    size of the site; an item is on a list once, so its key is enough to find its place.
    """
    around: dict[ArticleKey, Neighbours] = {}
    for position, item in enumerate(listed):
        if only is not None and item.article != only:
            continue
        newer = listed[position - 1] if position > 0 else None
        older = listed[position + 1] if position + 1 < len(listed) else None
        around.setdefault(item.article, Neighbours(newer, older))
    return around


def _list_neighbours(model: SiteModel, index: LanguageIndex, article: Article,
                     entries: dict[Any, Entry],
                     month_neighbours: Mapping[ArticleKey, Neighbours],
                     topic_neighbours: Mapping[str, Mapping[ArticleKey, Neighbours]]
                     ) -> tuple[ListNeighbours, ...]:
    """The article's neighbours in its month, then in each of its topics (in topic-key order).

    Lists where the article is alone are left out: a navigation with nowhere to go is noise.
    """
    lang = index.lang
    found: list[ListNeighbours] = []
    month = dt.date(article.date.year, article.date.month, 1)
    candidates: list[tuple[str, str, dt.date | None, Neighbours | None]] = [
        (f"/{lang}/{month:%Y}/{month:%m}/", "", month, month_neighbours.get(article.key))]
    candidates.extend((f"/{lang}/topics/{key}/", model.topics[key].label(lang), None,
                       topic_neighbours[key].get(article.key))
                      for key in sorted(article.topics) if key in topic_neighbours)
    for url, label, first_day, around in candidates:
        if around is None or (around.newer is None and around.older is None):
            continue
        found.append(ListNeighbours(
            url, label, first_day,
            _listed_entry(model, around.newer, entries) if around.newer else None,
            _listed_entry(model, around.older, entries) if around.older else None))
    return tuple(found)


def _listed_entry(model: SiteModel, item: Listed, entries: dict[Any, Entry]) -> Entry:
    """The entry a list shows for ``item``: to the section when only a section is listed.

    ``entries`` holds every article's entry by key, and gathers section entries by (key,
    anchor) as they are made: an entry is made once, however many lists show it.
    """
    if not item.anchor:
        return entries[item.article]
    found = entries.get((item.article, item.anchor))
    if found is None:
        article = model.articles[item.article]
        section = next((s.heading for s in article.sections if s.anchor == item.anchor), "")
        found = entries[(item.article, item.anchor)] = _entry(article, section, item.anchor)
    return found


def _article_page(model: SiteModel, article: Article, config: SiteConfig,
                  around: tuple[ListNeighbours, ...] = ()) -> PageJob:
    versions = model.versions(article)
    alternates = []
    for code in config.languages:
        if code in versions:
            alternates.append(Alternate(code, model.articles[versions[code]].url, True))
        else:  # the nearest page that exists: the item's month in that language
            alternates.append(Alternate(code, f"/{code}/{article.date:%Y}/{article.date:%m}/", False))
    original = None
    if article.translated_from and article.translated_from in versions:
        original = _entry(model.articles[versions[article.translated_from]])
    return PageJob(_output_path(article.url), "article.html", article.lang, article.url, {
        "article": article,
        "lede": article.lede,
        "outdated": article.key in model.outdated,
        "alternates": tuple(alternates),
        "original": original,
        "topics": [Link(model.topics[key].label(article.lang), f"/{article.lang}/topics/{key}/")
                   for key in article.topics if key in model.topics],
        "month_url": f"/{article.lang}/{article.date:%Y}/{article.date:%m}/",
        "neighbours": around,
    }, body_of=article)


def _topic_pages(model: SiteModel, lang: str, key: str, listed: Sequence[Listed],
                 entries: dict[Any, Entry], config: SiteConfig, same) -> list[PageJob]:
    topic = model.topics[key]
    base = f"/{lang}/topics/{key}/"
    pages = max(1, math.ceil(len(listed) / config.page_size))
    links = FeedLinks(f"{base}feed.xml", f"{base}feed.json", topic.label(lang))
    months = tuple(MonthLink(dt.date(year, month, 1), f"{base}{year}/{month:02d}/", len(items))
                   for (year, month), items in model.indexes[lang].topic_months.get(key, {}).items())
    jobs = []
    for number in range(1, pages + 1):
        chunk = listed[(number - 1) * config.page_size: number * config.page_size]
        page_entries = [_listed_entry(model, item, entries) for item in chunk]
        url = base if number == 1 else f"{base}page/{number}/"
        jobs.append(_page(lang, url, "topic.html", same, {
            "topic": topic, "topic_label": topic.label(lang), "entries": page_entries,
            "total": len(listed), "pagination": _pagination(base, number, pages),
            "feed_links": links, "months": months}))
    latest = listed[: config.home_items]
    jobs.extend(_feed_jobs(lang, list_feed(model, lang, links, base, latest)))
    return jobs


def _topic_month_pages(model: SiteModel, lang: str, key: str,
                       entries: dict[Any, Entry], config: SiteConfig) -> list[PageJob]:
    """``/<lang>/topics/<topic>/<yyyy>/<mm>/``: one topic's items of one month, unpaginated.

    Planned only for months with items of the topic. The language switch names the same path in
    the languages that have the page, and only those: each language's lists show every item,
    so normally that is all of them, but versions of one item may differ in date or topics, and
    an alternate that does not exist would break hreflang reciprocity.
    """
    topic = model.topics[key]
    base = f"/{lang}/topics/{key}/"
    jobs = []
    for (year, month), listed in model.indexes[lang].topic_months.get(key, {}).items():
        rest = f"topics/{key}/{year}/{month:02d}/"
        alternates = tuple(
            Alternate(code, f"/{code}/{rest}", True) for code in config.languages
            if (year, month) in model.indexes[code].topic_months.get(key, {}))
        url = f"/{lang}/{rest}"
        jobs.append(PageJob(_output_path(url), "topic_month.html", lang, url, {
            "topic": topic, "topic_label": topic.label(lang), "topic_url": base,
            "month": dt.date(year, month, 1),
            "entries": [_listed_entry(model, item, entries) for item in listed],
            "alternates": alternates}))
    return jobs


PAGINATION_WINDOW = 2
"""Page links shown on each side of the current page; the first and last are always shown."""


def _pagination(base: str, number: int, pages: int) -> dict[str, Any]:
    """Newer/older links and numbered links to the first, last and nearby pages, with gaps
    ("…", a link without URL) between: a topic of years has hundreds of pages, and every page
    listing all of them would make the site quadratic in size."""
    def url(n: int) -> str:
        return base if n == 1 else f"{base}page/{n}/"

    nearby = range(max(1, number - PAGINATION_WINDOW), min(pages, number + PAGINATION_WINDOW) + 1)
    shown = sorted({1, pages, *nearby})
    links: list[Link] = []
    for before, n in zip([0, *shown], shown):
        if n - before == 2:  # a gap of one page: show the page, not "…"
            links.append(Link(str(before + 1), url(before + 1)))
        elif n - before > 2:
            links.append(Link("…", ""))
        links.append(Link(str(n), url(n)))
    return {
        "number": number, "pages": pages,
        "previous": url(number - 1) if number > 1 else None,
        "next": url(number + 1) if number < pages else None,
        "links": links if pages > 1 else [],
    }


def _sitemap_entries(jobs: Sequence[PageJob]) -> list[dict[str, Any]]:
    """Every language page with its exact alternates, for hreflang in the sitemap."""
    entries = []
    for job in jobs:
        if job.lang is None or job.template in NOT_IN_SITEMAP:
            continue
        alternates = [a for a in job.context.get("alternates", ()) if a.exact]
        entries.append({"url": job.url, "alternates": alternates,
                        "lastmod": job.context["article"].date if "article" in job.context else None})
    return entries
