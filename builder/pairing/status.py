"""``digest i18n status``: how far each language is translated, in its items and its interface;
with ``--list``, which items each language lacks, has only as a draft, has scheduled for a later
day (readers lack it until then: the other version's language switch leads to the nearest page
instead), or has outdated.

Why the list: the counts ("items 79/80 in ru") did not say which item to translate next, and an
editor had to compare two folders by hand. Each item is named by the page there is and the
command that starts the missing one, newest first, so the work is taken from the top.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TextIO

from builder import i18n
from builder.config import SiteConfig
from builder.index import build_model
from builder.model import Article, ArticleKey, SiteModel
from builder.read import read_articles
from builder.util.files import shown


def status_command(config: SiteConfig, listed: bool, out: TextIO) -> int:
    """Print the coverage of every language (and, ``listed``, what each lacks); exit code 1
    when a language's catalogs are under digest.toml's ``[i18n] min_translated``."""
    catalogs = i18n.load_catalogs(config)
    model, _ = build_model(read_articles(config, catalogs.fragment_languages).articles, config)
    items = {row.lang: row for row in i18n.item_coverage(model, config.languages)}
    for row in i18n.catalog_coverage(config):
        own = items[row.lang]
        print(f"{row.lang}: items {own.own}/{own.items} in {row.lang} ({own.paired} in every "
              f"language, {own.items - own.own} only in others), {own.outdated} outdated "
              f"translations; interface {row.ui_total - row.ui_untranslated}/{row.ui_total} "
              f"translated, {row.ui_fuzzy} fuzzy; fragments "
              f"{row.fragments_total - row.fragments_untranslated}/{row.fragments_total} "
              f"translated; {row.percent_translated:.0f}% translated", file=out)
    if listed:
        for line in lacking_lines(model, config.languages, config.today()):
            print(line, file=out)
    problems = i18n.coverage_diagnostics(config)
    for diagnostic in problems:
        print(diagnostic, file=out)
    return 1 if problems else 0


def lacking_lines(model: SiteModel, languages: tuple[str, ...], today: dt.date) -> list[str]:
    """For each language, the items without a version in it (the page there is, and how to
    start the missing one), those whose version is a draft, or dated after ``today`` (held until
    then, so that a build on ``today`` publishes no link to it), and its outdated translations;
    newest first."""
    lines: list[str] = []
    for lang in languages:
        missing, drafts, scheduled = [], [], []
        for key, versions in model.translations.items():
            if lang not in versions:
                missing.append((key, _first(model.articles, versions, languages)))
            elif (version := model.articles[versions[lang]]).draft:
                drafts.append(version)
            elif version.date > today:
                scheduled.append(version)
        outdated = [model.articles[key] for key in model.outdated if key[0] == lang]
        lines.append(f"{lang}: {len(missing)} items lack a version in {lang}, "
                     f"{len(drafts)} have only a draft, {len(scheduled)} are scheduled, "
                     f"{len(outdated)} are outdated")
        for key, there in sorted(missing, key=lambda pair: _newest(pair[1])):
            lines.append(f"  missing: {shown(there.path)} -> digest new --lang {lang} "
                         f"--translation-of {key}")
        lines += [f"  draft: {shown(article.path)}" for article in sorted(drafts, key=_newest)]
        lines += [f"  scheduled for {article.date}: {shown(article.path)}"
                  for article in sorted(scheduled, key=_newest)]
        lines += [f"  outdated: {shown(article.path)}" for article in sorted(outdated,
                                                                              key=_newest)]
    return lines


def _first(articles: Mapping[ArticleKey, Article], versions: Mapping[str, ArticleKey],
           languages: tuple[str, ...]) -> Article:
    """The version to translate from: the site's first language's when there is one."""
    return articles[next(versions[code] for code in (*languages, *versions)
                         if code in versions)]


def _newest(article: Article) -> tuple[int, str]:
    return -article.date.toordinal(), article.path
