"""Articles -> SiteModel: translations, and every language's topic and date lists.

Pure: no I/O, and recomputed from all articles on every build, so lists can never go stale.
Which of the articles read are in the model at all is :func:`shown_articles`': not drafts, nor
articles dated after the build's day, unless the configuration shows them (the live preview,
``--future``).
Each language's lists (topics, topics by month, years, months) hold one entry per item (a group of versions sharing a
``translation_key``): the version in that language when it exists, otherwise the version in
the first other language of the config. Lists are newest first; ties are broken by title and
key so that output is deterministic. Which aliases are served is decided here too, once every
article's address is known: an article's own address wins over an alias, and of two pages
claiming one alias, the first in path order.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace

from builder.config import SiteConfig
from builder.diagnostics import Diagnostic, Fate, FileOutcome, error, warning
from builder.incremental.changes import Days, days_of
from builder.model import Article, ArticleKey, LanguageIndex, Listed, SiteModel


@dataclass(frozen=True)
class Shown:
    """The articles a build puts in its model, of those it read, and what its day decides."""

    articles: tuple[Article, ...]
    scheduled: frozenset[ArticleKey]
    """The articles dated after the build's day, drafts apart: held, or shown marked."""
    days: Days
    """The days on which the same articles would be scheduled (the state records them)."""


def shown_articles(articles: Sequence[Article], config: SiteConfig, today: dt.date | None
                   ) -> Shown:
    """Of ``articles``, those a build on ``today`` shows: drafts only in the live preview
    (:attr:`SiteConfig.drafts`), and an article dated after ``today`` only in a site that shows
    the future (:attr:`SiteConfig.future`), as Hugo holds a page whose date has not come.
    ``today`` None schedules nothing."""
    candidates = [a for a in articles if config.drafts or not a.draft]
    if today is None:
        return Shown(tuple(candidates), frozenset(), Days())
    scheduled = frozenset(a.key for a in candidates if a.date > today and not a.draft)
    shown = candidates if config.future else [a for a in candidates if a.key not in scheduled]
    return Shown(tuple(shown), scheduled, days_of((a.date for a in candidates if not a.draft),
                                                   today))


def scheduled_outcomes(outcomes: Iterable[FileOutcome], articles: Iterable[Article],
                       scheduled: Collection[ArticleKey]) -> tuple[FileOutcome, ...]:
    """``outcomes``, each scheduled article's page's fate :attr:`Fate.SCHEDULED`, with the day
    it is due as its detail, so that the report says what is held and until when."""
    due = {a.path: a.date for a in articles if a.key in scheduled}
    return tuple(replace(o, fate=Fate.SCHEDULED, detail=due[o.path].isoformat())
                 if o.path in due and o.fate is Fate.PUBLISHED else o for o in outcomes)


def build_model(articles: Iterable[Article], config: SiteConfig,
                lists_from: SiteModel | None = None,
                scheduled: Collection[ArticleKey] = frozenset()
                ) -> tuple[SiteModel, tuple[Diagnostic, ...]]:
    """The model of ``articles``, those of ``scheduled`` among them marked as in the site before
    their date. ``lists_from`` is a model built from articles whose every
    field but the body is the same as these, under the same configuration and schedule (the
    caller checks it): its translations and lists, which only such fields decide and which are
    most of this stage's work, are taken as they are."""
    by_key = {article.key: article for article in articles}
    if lists_from is not None and lists_from.articles.keys() == by_key.keys():
        translations, listed_apart = lists_from.translations, lists_from.listed_apart
        by_key = {key: _with_topics(article, lists_from.articles[key].topics)  # as shared then
                  for key, article in by_key.items()}
        indexes = lists_from.indexes
    else:
        translations, listed_apart = _translations(by_key.values())
        by_key = _shared_topics(by_key, translations)
        indexes = {lang: _language_index(lang, by_key, translations, config)
                   for lang in config.languages}
    outdated, outdated_diagnostics = _outdated(by_key, translations)
    aliases, alias_diagnostics = _aliases(by_key.values())
    model = SiteModel(by_key, translations, indexes, config.topics, config.outlets, outdated,
                      listed_apart, frozenset(key for key in scheduled if key in by_key),
                      aliases)
    return model, (*listed_apart, *outdated_diagnostics, *alias_diagnostics)


def _aliases(articles: Iterable[Article]) -> tuple[dict[str, ArticleKey], list[Diagnostic]]:
    """Every alias served -> its article, and an error for each that is not: it is an article's
    own address (the article wins), or an earlier page in path order claimed it."""
    pages = {article.url: article for article in articles}
    served: dict[str, Article] = {}
    diagnostics = []
    for article in sorted(pages.values(), key=lambda a: a.path):
        for alias in article.aliases:
            line = article.key_lines.get("aliases")
            if (owner := pages.get(alias)) is not None:
                whose = ("this page's own address" if owner is article
                         else f"the address of {owner.path}")
                diagnostics.append(error(article.path, line, "alias-taken",
                                         f"alias {alias} is {whose}; it is not served"))
            elif (claimed := served.get(alias)) is not None:
                diagnostics.append(error(article.path, line, "alias-taken",
                                         f"alias {alias} is already an alias of {claimed.path}; "
                                         f"it is not served here"))
            else:
                served[alias] = article
    return {alias: served[alias].key for alias in sorted(served)}, diagnostics


def _outdated(articles: dict[ArticleKey, Article], translations: dict[str, dict[str, ArticleKey]]
              ) -> tuple[frozenset[ArticleKey], list[Diagnostic]]:
    """Translations whose original's body no longer has the hash they were made from."""
    outdated, diagnostics = set(), []
    for article in articles.values():
        original_key = translations.get(article.translation_key, {}).get(article.translated_from or "")
        if original_key is None or article.original_sha256 is None:
            continue
        original = articles[original_key]
        if original.body_sha256 != article.original_sha256:
            outdated.add(article.key)
            diagnostics.append(warning(
                article.path, article.key_lines.get("original_sha256"), "translation-outdated",
                f"the original ({original.path}) changed after this translation was made; update "
                f"the text, then set original_sha256: {original.body_sha256}"))
    return frozenset(outdated), diagnostics


def _shared_topics(articles: dict[ArticleKey, Article],
                   translations: dict[str, dict[str, ArticleKey]]) -> dict[ArticleKey, Article]:
    """Every version of an item with the topics any of its versions names, so that the item is
    under the same topics in every language; a version with ``own_topics`` keeps its own and
    gives none.

    The union, not the original's: topics are found in each language's text by that
    language's keywords, which miss different things (in an outside trial, the versions of 7
    stories in 79 carried different topics), and a topic found in either text is the story's.
    """
    shared = dict(articles)
    for versions in translations.values():
        group = [articles[key] for key in versions.values() if key in articles]
        if len(group) < 2:
            continue
        union = dict.fromkeys(topic for a in group if not a.own_topics for topic in a.topics)
        for article in group:
            if not article.own_topics and set(article.topics) != union.keys():
                # its own topics first, in its order, then those only the others name
                topics = (*article.topics, *(t for t in union if t not in article.topics))
                shared[article.key] = replace(article, topics=topics)
    return shared


def _with_topics(article: Article, topics: tuple[str, ...]) -> Article:
    return article if article.topics == topics else replace(article, topics=topics)


def _translations(articles: Iterable[Article]
                  ) -> tuple[dict[str, dict[str, ArticleKey]], tuple[Diagnostic, ...]]:
    groups: dict[str, dict[str, ArticleKey]] = defaultdict(dict)
    diagnostics = []
    for article in sorted(articles, key=lambda a: a.path):
        group = groups[article.translation_key]
        if article.lang in group:
            diagnostics.append(warning(
                article.path, article.key_lines.get("translation_key"), "translation-duplicate",
                f"translation_key '{article.translation_key}' already has a '{article.lang}' "
                f"version ({group[article.lang][1]}); this page is listed on its own, not linked "
                f"as a translation"))
            groups[f"{article.translation_key}@{article.lang}/{article.slug}"][article.lang] = article.key
            continue
        group[article.lang] = article.key
    return ({key: dict(sorted(group.items())) for key, group in sorted(groups.items())},
            tuple(diagnostics))


def _newest_first(article: Article) -> tuple:
    return (-article.date.toordinal(), article.title.casefold(), article.key)


def _language_index(lang: str, articles: dict[ArticleKey, Article],
                    translations: dict[str, dict[str, ArticleKey]],
                    config: SiteConfig) -> LanguageIndex:
    fallback_order = [lang] + [other for other in config.languages if other != lang]
    shown: list[Article] = []
    for versions in translations.values():
        chosen = next((versions[code] for code in fallback_order if code in versions), None)
        if chosen is None:  # a language outside the config; read.py rejects those already
            chosen = next(iter(versions.values()))
        shown.append(articles[chosen])
    shown.sort(key=_newest_first)

    topics: dict[str, list[Listed]] = defaultdict(list)
    years: dict[int, list[ArticleKey]] = defaultdict(list)
    months: dict[tuple[int, int], list[ArticleKey]] = defaultdict(list)
    topic_months: dict[str, dict[tuple[int, int], list[Listed]]] = defaultdict(
        lambda: defaultdict(list))
    items: list[ArticleKey] = []
    for article in shown:  # a hot loop at 10,000 pages: each value looked up once
        key, month = article.key, (article.date.year, article.date.month)
        items.append(key)
        for topic in article.topics:
            sections = [s for s in article.sections if topic in s.topics]
            # Link to the section when exactly one section is about the topic.
            anchor = sections[0].anchor if len(sections) == 1 and len(article.sections) > 1 else None
            listed = Listed(key, anchor)
            topics[topic].append(listed)
            topic_months[topic][month].append(listed)
        years[month[0]].append(key)
        months[month].append(key)
    return LanguageIndex(
        lang=lang,
        items=tuple(items),
        topics={key: tuple(topics[key]) for key in sorted(topics)},
        years={year: tuple(keys) for year, keys in sorted(years.items(), reverse=True)},
        months={month: tuple(keys) for month, keys in sorted(months.items(), reverse=True)},
        topic_months={key: {month: tuple(listed)
                            for month, listed in sorted(topic_months[key].items(), reverse=True)}
                      for key in sorted(topic_months)},
    )
