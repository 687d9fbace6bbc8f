"""Article pages: each article's job, with its language switch, its original and its
neighbours in the lists it is on.

Pure and linear in the size of the site: an article's neighbours come from one pass over each
list (:func:`neighbours`), and entries are made once however many pages show them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from builder.config import SiteConfig
from builder.model import Article, ArticleKey, LanguageIndex, Listed, Neighbours, SiteModel
from builder.plan.views import (
    Alternate,
    Entries,
    Entry,
    Link,
    ListNeighbours,
    PageJob,
    entry_of,
    output_path,
)


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
        entries = Entries(model)
        around = list_neighbours(model, index, article, entries, month_neighbours, topic_neighbours)
        jobs.append(article_page(model, article, config, around))
    return jobs


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


def list_neighbours(model: SiteModel, index: LanguageIndex, article: Article,
                     entries: dict[Any, Entry],
                     month_neighbours: Mapping[ArticleKey, Neighbours],
                     topic_neighbours: Mapping[str, Mapping[ArticleKey, Neighbours]]
                     ) -> tuple[ListNeighbours, ...]:
    """The article's neighbours in its month, then in each of its topics (in topic-key order).

    A neighbour already linked by a list before is not linked again (a topic of few items
    often has the month's neighbours), and a list left with nowhere to go is left out: the
    same title twice at the foot of a page is noise.
    """
    lang = index.lang
    found: list[ListNeighbours] = []
    month = dt.date(article.date.year, article.date.month, 1)
    candidates: list[tuple[str, str, dt.date | None, Neighbours | None]] = [
        (f"/{lang}/{month:%Y}/{month:%m}/", "", month, month_neighbours.get(article.key))]
    candidates.extend((f"/{lang}/topics/{key}/", model.topics[key].label(lang), None,
                       topic_neighbours[key].get(article.key))
                      for key in sorted(article.topics) if key in topic_neighbours)
    linked: set[str] = set()
    for url, label, first_day, around in candidates:
        if around is None:
            continue
        newer, older = (listed_entry(model, item, entries) if item else None
                        for item in (around.newer, around.older))
        newer, older = (entry if entry and entry.url not in linked else None
                        for entry in (newer, older))
        if newer or older:
            linked.update(entry.url for entry in (newer, older) if entry)
            found.append(ListNeighbours(url, label, first_day, newer, older))
    return tuple(found)


def listed_entry(model: SiteModel, item: Listed, entries: dict[Any, Entry]) -> Entry:
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
        found = entries[(item.article, item.anchor)] = entry_of(article, section, item.anchor)
    return found


def article_page(model: SiteModel, article: Article, config: SiteConfig,
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
        original = entry_of(model.articles[versions[article.translated_from]])
    return PageJob(output_path(article.url), "article.html", article.lang, article.url, {
        "article": article,
        "lede": article.lede,
        "outdated": article.key in model.outdated,
        "scheduled": article.key in model.scheduled,
        "alternates": tuple(alternates),
        "original": original,
        "topics": [Link(model.topics[key].label(article.lang), f"/{article.lang}/topics/{key}/")
                   for key in article.topics if key in model.topics],
        "month_url": f"/{article.lang}/{article.date:%Y}/{article.date:%m}/",
        "neighbours": around,
    }, body_of=article)
