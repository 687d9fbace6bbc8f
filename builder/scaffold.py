"""``digest new``: the page an editor starts from, as a path and a text; the CLI writes it.

Two ways to start a page. A *translation* of an item that exists in another language gets
every fact the read stage needs to link it to its original and to tell, later, that the
original changed (``translated_from``, ``original_sha256``), and the original's ``## ``
headings as the skeleton to translate into. A *new item* gets a title, a date and the
``translation_key`` ingest would give it. Nothing is invented: no summary, no source, no text.

Pure: from the read stage's result and the configuration to a :class:`Scaffold`. Bad input
raises :class:`ScaffoldError` with one line for the editor, before anything is written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from builder.config import SiteConfig
from builder.diagnostics import Severity
from builder.formats import frontmatter
from builder.formats.fields import FIRST_YEAR, iso_date
from builder.formats.schema import schema_comment
from builder.formats.slugs import slugify, unique
from builder.ingest.assemble import item_key
from builder.read import ReadResult
from builder.util.files import WINDOWS_RESERVED, shown


class ScaffoldError(ValueError):
    """Input ``digest new`` cannot make a page from; the message is one line for the editor."""


@dataclass(frozen=True)
class Scaffold:
    """A page to write, and where."""

    path: str
    """``<lang>/<yyyy>/<mm>/<slug>.md`` inside ``content/articles/`` (POSIX): the place the
    read stage takes the page's language, date and slug from, so it reads back without a
    warning."""
    text: str
    """The whole file: front matter and body."""


def translation(key: str, lang: str, read: ReadResult, config: SiteConfig) -> Scaffold:
    """The ``lang`` version of the item whose ``translation_key`` is ``key``, to translate.

    The original is the item's version in the site's first language when it has one (the
    language items are usually written in), else its first in path order; a translation
    records that original's language and body hash, exactly what the read stage compares.
    """
    _check_language(lang, config)
    versions = sorted((a for a in read.articles if a.translation_key == key),
                      key=lambda article: (article.lang != config.languages[0], article.path))
    if not versions:
        failed = [d for d in read.diagnostics if d.severity is Severity.ERROR]
        unread = (f" among the pages that could be read; {len(failed)} could not, the first "
                  f"{failed[0].location}: fix it, then try again" if failed else "")
        raise ScaffoldError(f"no article has translation_key {key!r}{unread}")
    existing = next((a for a in versions if a.lang == lang), None)
    if existing is not None and all(a.lang == lang for a in versions):
        others = ", ".join(code for code in config.languages if code != lang)
        raise ScaffoldError(f"{key!r} is an item in '{lang}' only: translate it into another "
                            f"of the site's languages ({others or 'none'})")
    if existing is not None:
        raise ScaffoldError(f"{key!r} has its '{lang}' version already, "
                            f"{shown(existing.path)}; edit that page")
    original = next(a for a in versions if a.lang != lang)
    front = {
        "title": original.title,  # in the original's language: the editor translates it
        "draft": True,  # out of the site until translated (the preview shows it)
        "date": original.date,
        "lang": lang,
        "outlet": original.outlet,
        "translation_key": key,
        "translated_from": original.lang,
        "original_sha256": original.body_sha256,
        "topics": list(original.topics),
    }
    skeleton = "\n\n".join(f"## {section.heading}" for section in original.sections)
    return _scaffold(original.slug, front, skeleton, read, config)


def new_item(title: str, lang: str, date: dt.date, outlet: str | None, read: ReadResult,
             config: SiteConfig) -> Scaffold:
    """A page for a new item in ``lang``, keyed as ingest keys one (outlet, date, title), so
    that its versions in other languages can be started from it with :func:`translation`."""
    _check_language(lang, config)
    title = " ".join(title.split())  # one line, as a title is shown
    slug = slugify(title)
    if not slug:
        raise ScaffoldError(f"the title {title!r} gives no URL slug: it needs letters or digits")
    if outlet is not None and outlet not in config.outlets:
        raise ScaffoldError(f"outlet {outlet!r} is not in content/outlets.yaml "
                            f"({', '.join(config.outlets) or 'which defines none'})")
    key = item_key(outlet, date, title)
    same = next((a for a in read.articles if a.translation_key == key), None)
    if same is not None:
        raise ScaffoldError(f"an item has translation_key {key!r} already, {shown(same.path)}; "
                            f"edit that page, or choose another title or date")
    front = {"title": title, "date": date, "lang": lang, "outlet": outlet,
             "translation_key": key, "topics": []}
    front = {name: value for name, value in front.items() if value is not None}
    return _scaffold(slug, front, "", read, config)


def parse_date(text: str) -> dt.date:
    """``--date`` as a date; a typo is the editor's to fix, not a page with a wrong date."""
    date = iso_date(text)
    if date is None:
        raise ScaffoldError(f"date {text!r} is not a date like 2020-04-17")
    if date.year < FIRST_YEAR:
        raise ScaffoldError(f"date {text!r} is before the year {FIRST_YEAR}")
    return date


def _check_language(lang: str, config: SiteConfig) -> None:
    if lang not in config.languages:
        raise ScaffoldError(f"language {lang!r} is not one of the site's languages "
                            f"({', '.join(config.languages)}) in digest.toml")


def _scaffold(slug: str, front: dict[str, Any], body: str, read: ReadResult,
              config: SiteConfig) -> Scaffold:
    """The page at its place: a slug no page of its language has, and never a name Windows
    keeps for a device (the project must check out on every editor's machine)."""
    lang, date = front["lang"], front["date"]
    slug = unique(slug, _taken_slugs(lang, read, config) | WINDOWS_RESERVED)
    path = f"{lang}/{date:%Y}/{date:%m}/{slug}.md"
    return Scaffold(path, frontmatter.dump(front, body, schema_comment(path)))


def _taken_slugs(lang: str, read: ReadResult, config: SiteConfig) -> set[str]:
    """Slugs of ``lang``'s articles, and the names of every page in its folder, failed ones
    included: a page that failed to read still holds its file name."""
    folder = PurePosixPath(config.relative(config.articles_dir)) / lang
    names = {PurePosixPath(outcome.path) for outcome in read.outcomes}
    return ({name.stem for name in names if name.is_relative_to(folder)}
            | {article.slug for article in read.articles if article.lang == lang})
