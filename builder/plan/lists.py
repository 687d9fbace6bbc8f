"""List pages of one language: the home page, topics, topic by month, years, months, search
and the not-found page, with their feeds (:mod:`~builder.plan.feeds`) and pagination.

Pure. Each language's lists show one entry per item (:mod:`builder.index`); a list page is
planned with the same path in every language, its language switch settled afterwards by
:func:`builder.plan.plan_site` where another language lacks the page.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Any, TypeVar

from builder.config import SiteConfig
from builder.model import ArticleKey, LanguageIndex, Listed, Neighbours, SiteModel
from builder.plan.articles import article_page, list_neighbours, listed_entry, neighbours
from builder.plan.feeds import feed_jobs, home_feed_links, topic_feed_links
from builder.plan.views import (
    Alternate,
    Day,
    Entry,
    Link,
    MonthLink,
    PageJob,
    entry_of,
    output_path,
)
from builder.util.collation import alphabetical

Period = TypeVar("Period", Link, MonthLink)


def language_pages(model: SiteModel, index: LanguageIndex, config: SiteConfig) -> list[PageJob]:
    lang = index.lang
    same = _same_path_alternates(config)
    entries = {key: entry_of(model.articles[key]) for key in index.items}
    jobs = []

    home_url = f"/{lang}/"
    years = [Link(str(year), f"/{lang}/{year}/", len(keys)) for year, keys in index.years.items()]
    topics = sorted((Link(model.topics[key].label(lang), f"/{lang}/topics/{key}/", len(listed))
                     for key, listed in index.topics.items()),
                    key=lambda link: alphabetical(link.label, lang))
    home_feed = home_feed_links(lang)
    jobs.append(_page(lang, home_url, "home.html", same, {
        "entries": [entries[key] for key in index.items[: config.home_items]],
        "older": _older_than_home(index, entries, config.home_items),
        "topics": topics, "years": years, "total": len(index.items),
        "feed_links": home_feed}))

    month_neighbours: dict[ArticleKey, Neighbours] = {}
    for keys in index.months.values():
        month_neighbours.update(neighbours(tuple(Listed(key) for key in keys)))
    topic_neighbours = {key: neighbours(listed) for key, listed in index.topics.items()}
    for key in index.items:
        article = model.articles[key]
        if article.lang == lang:
            around = list_neighbours(model, index, article, entries,
                                      month_neighbours, topic_neighbours)
            jobs.append(article_page(model, article, config, around))

    jobs.append(_page(lang, f"/{lang}/topics/", "topics.html", same, {"topics": topics}))
    for key, listed in index.topics.items():
        jobs.extend(_topic_pages(model, lang, key, listed, entries, config, same))
        jobs.extend(_topic_month_pages(model, lang, key, entries, config))

    month_links = [MonthLink(dt.date(year, month, 1), f"/{lang}/{year}/{month:02d}/", len(keys))
                   for (year, month), keys in index.months.items()]
    for (newer, link, older), year in zip(_with_neighbours(years), index.years):
        jobs.append(_page(lang, link.url, "year.html", same, {
            "year": year, "total": link.count, "newer": newer, "older": older,
            "months": [month for month in month_links if month.month.year == year]}))
    for (newer, month, older), keys in zip(_with_neighbours(month_links), index.months.values()):
        month_entries = [entries[key] for key in keys]
        jobs.append(_page(lang, month.url, "month.html", same, {
            "month": month.month, "year_url": f"/{lang}/{month.month.year}/",
            "entries": month_entries, "days": _by_day(month_entries),
            "newer": newer, "older": older}))

    jobs.append(_page(lang, f"/{lang}/search/", "search.html", same, {}))
    jobs.append(_not_found_page(lang, config))
    jobs.extend(feed_jobs(model, index, config))
    return jobs


def _older_than_home(index: LanguageIndex, entries: dict[Any, Entry], shown: int
                     ) -> MonthLink | None:
    """Where the home page's list goes on: the month page of the first item it leaves out, at
    that item's day, with the number of items left out; None when it shows them all."""
    if len(index.items) <= shown:
        return None
    day = entries[index.items[shown]].date
    return MonthLink(day.replace(day=1), f"/{index.lang}/{day:%Y}/{day:%m}/#{day.isoformat()}",
                     len(index.items) - shown)


def _with_neighbours(links: Sequence[Period]) -> list[tuple[Period | None, Period, Period | None]]:
    """Each link of a newest-first list of periods with the newer and the older one beside
    it: a period's page leads to the next period that has items, never to an empty one."""
    return [(links[n - 1] if n else None, link, links[n + 1] if n + 1 < len(links) else None)
            for n, link in enumerate(links)]


def _by_day(entries: Sequence[Entry]) -> tuple[Day, ...]:
    """A newest-first month list cut into its days, in the same order."""
    days: dict[dt.date, list[Entry]] = {}
    for entry in entries:
        days.setdefault(entry.date, []).append(entry)
    return tuple(Day(date, tuple(day)) for date, day in days.items())


def _not_found_page(lang: str, config: SiteConfig) -> PageJob:
    """``/<lang>/404.html``: what Netlify serves for a missing page under ``/<lang>/``.

    Its language switch leads to the other languages' 404 pages, so a reader who lands on a
    missing page can read the apology (and its links) in their own language.
    """
    alternates = tuple(Alternate(code, f"/{code}/404.html", True) for code in config.languages)
    return PageJob(f"{lang}/404.html", "not_found.html", lang, f"/{lang}/404.html",
                   {"alternates": alternates})


def _same_path_alternates(config: SiteConfig):
    """Alternates for list pages, at the same path in every language (settled afterwards)."""

    def alternates(url: str) -> tuple[Alternate, ...]:
        rest = url.split("/", 2)[2]
        return tuple(Alternate(code, f"/{code}/{rest}", True) for code in config.languages)

    return alternates


def _page(lang: str, url: str, template: str, alternates, context: dict[str, Any]) -> PageJob:
    return PageJob(output_path(url), template, lang, url,
                   {**context, "alternates": alternates(url)})


def _topic_pages(model: SiteModel, lang: str, key: str, listed: Sequence[Listed],
                 entries: dict[Any, Entry], config: SiteConfig, same) -> list[PageJob]:
    topic = model.topics[key]
    base = f"/{lang}/topics/{key}/"
    pages = max(1, math.ceil(len(listed) / config.page_size))
    links = topic_feed_links(model, lang, key)
    months = tuple(MonthLink(dt.date(year, month, 1), f"{base}{year}/{month:02d}/", len(items))
                   for (year, month), items in model.indexes[lang].topic_months.get(key, {}).items())
    jobs = []
    for number in range(1, pages + 1):
        chunk = listed[(number - 1) * config.page_size: number * config.page_size]
        page_entries = [listed_entry(model, item, entries) for item in chunk]
        url = base if number == 1 else f"{base}page/{number}/"
        jobs.append(_page(lang, url, "topic.html", same, {
            "topic": topic, "topic_label": topic.label(lang), "entries": page_entries,
            "total": len(listed), "pagination": _pagination(base, number, pages),
            "feed_links": links, "months": months}))
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
        jobs.append(PageJob(output_path(url), "topic_month.html", lang, url, {
            "topic": topic, "topic_label": topic.label(lang), "topic_url": base,
            "month": dt.date(year, month, 1),
            "entries": [listed_entry(model, item, entries) for item in listed],
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
