"""The typed content model that flows through the pipeline.

Everything here is frozen plain data. Relations (translations, topic members, date archives)
are stored as keys, never as object references, so each stage can be reasoned about (and
cached) on its own. An article's identity is ``(lang, slug)``: the language is part of every
key, so two versions of one item can never be confused.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from builder.diagnostics import Diagnostic

ArticleKey = tuple[str, str]
"""(lang, slug): the identity of one article in one language."""


@dataclass(frozen=True)
class Topic:
    """A subject readers browse by, defined once in ``content/topics.yaml``."""

    key: str
    """URL-safe identifier used in front matter and URLs (``covid-19``)."""
    labels: Mapping[str, str]
    """Display name per language code; the one place a topic name is translated."""
    keywords: Mapping[str, tuple[str, ...]]
    """Per language, words and phrases that make ingest assign this topic."""

    def label(self, lang: str) -> str:
        return self.labels.get(lang) or next(iter(self.labels.values()), self.key)


@dataclass(frozen=True)
class Outlet:
    """A publisher of sources, defined once in ``content/outlets.yaml``."""

    key: str
    names: Mapping[str, str]
    """Display name per language code."""
    url: str | None = None
    timezone: str | None = None
    """IANA zone of the outlet's own timestamps (``Europe/Moscow``), for publication times."""

    def name(self, lang: str) -> str:
        return self.names.get(lang) or next(iter(self.names.values()), self.key)


@dataclass(frozen=True)
class RelatedHeadline:
    """A headline from the source page's sidebar: kept, but never in the body or search."""

    title: str
    teaser: str = ""


@dataclass(frozen=True)
class Section:
    """A ``##`` section of an article, with the topics detected for it alone."""

    anchor: str
    """The HTML id of the heading, so topic pages can link straight to the section."""
    heading: str
    topics: tuple[str, ...]


@dataclass(frozen=True)
class Article:
    """One Markdown page in one language, validated and ready to index and render."""

    path: str
    """Project-relative path of the Markdown file, for diagnostics and the report."""
    lang: str
    slug: str
    """ASCII, lower-case, from the file name; unique within a language."""
    title: str
    date: dt.date
    """The news date: drives URLs and the date archives."""
    outlet: str
    translation_key: str
    """Shared by all language versions of one item."""
    digest: str
    """Of the page file's bytes. The article is made from them and the configuration; its body
    is not kept (most of a site's memory) but read again from the file, these bytes or none,
    when its page is rendered (:func:`builder.formats.pages.page_body`)."""
    body_sha256: str
    """The hash of the body's words (white space folded): what a translation is made from.
    Front-matter edits (topics, summary) and re-wrapped lines leave it unchanged, so only a
    change of the text itself makes a translation outdated."""
    body_line: int
    """Line of the file on which the body starts, so body diagnostics point at the file line."""
    published: dt.datetime | None = None
    """When the outlet published it, with its UTC offset, if known."""
    draft: bool = False
    """Kept out of the site (shown only by the live preview, marked as a draft)."""
    own_topics: bool = False
    """Its topics are its own alone: not shared with the item's other versions
    (:func:`builder.index.build_model` shares them otherwise)."""
    aliases: tuple[str, ...] = ()
    """Other addresses that lead to this page (``/en/2020/04/old-slug/``), from ``aliases:``,
    each a folder URL inside the site (:mod:`builder.formats.aliases`); whether each is served
    is the model's to say (:attr:`SiteModel.aliases`)."""
    translated_from: str | None = None
    """Language of the original when this version is a translation made for the digest."""
    original_sha256: str | None = None
    """:attr:`body_sha256` of the original when this translation was made: when the original's
    body no longer has it, the translation is outdated."""
    topics: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    summary: str = ""
    place: str = ""
    """Dateline place as the source gives it (``MOSCOW``)."""
    source: str | None = None
    """Path of the raw source under ``content/`` this page was ingested from."""
    source_sha256: str | None = None
    source_url: str | None = None
    related: tuple[RelatedHeadline, ...] = ()
    lede: str = ""
    """The summary, shown under the title, unless the body opens with its words (then "")."""
    fragments: tuple[str, ...] = ()
    """Ids of the fragments the body refers to, each once, in order (found when it is read)."""
    extra: Mapping[str, Any] = field(default_factory=dict)
    """Front-matter keys the builder does not know, passed to templates untouched."""
    key_lines: Mapping[str, int] = field(default_factory=dict)
    """The line of each front-matter key in the page's file, for what is found about the page
    after it is read (a translation given twice, or outdated) to be located."""

    @property
    def key(self) -> ArticleKey:
        return (self.lang, self.slug)

    @functools.cached_property
    def url(self) -> str:
        """``/en/2020/04/<slug>/``; kept once made (lists ask for it many times)."""
        return f"/{self.lang}/{self.date:%Y}/{self.date:%m}/{self.slug}/"


def search_sort_value(iso_date: str, address: str) -> str:
    """What the search index sorts a page or passage by (Pagefind's ``date`` sort): its date,
    then its address. No two tie: Pagefind orders a tie by the order it met the pages in, which
    is the order the file system lists them, and differs from one machine to another."""
    return f"{iso_date} {address}"


@dataclass(frozen=True)
class Listed:
    """An article as it appears in one language's lists (home, topic, month)."""

    article: ArticleKey
    anchor: str | None = None
    """Section id to link to when only a section of the article belongs to the list."""


@dataclass(frozen=True)
class LanguageIndex:
    """All the lists of one language's tree, newest first.

    Each list holds one entry per item: the version in this language when there is one,
    otherwise another language's version (the templates mark it with a language badge), so no
    list is ever empty for want of a translation.
    """

    lang: str
    items: tuple[ArticleKey, ...]
    topics: Mapping[str, tuple[Listed, ...]]
    """Topic key -> entries, for every topic with at least one entry, in topic-key order."""
    years: Mapping[int, tuple[ArticleKey, ...]]
    months: Mapping[tuple[int, int], tuple[ArticleKey, ...]]
    topic_months: Mapping[str, Mapping[tuple[int, int], tuple[Listed, ...]]] = field(
        default_factory=dict)
    """Topic key -> (year, month) -> that topic's entries of the month, newest first.

    Only months with entries are present, so a topic-by-month page is planned exactly where it
    has something to list, and busy topics can be browsed by month without paging back."""


@dataclass(frozen=True)
class Neighbours:
    """The entries on either side of one article in one newest-first list of a language's tree.

    Kept as list entries (article keys with their anchors), never as articles, like every
    relation of the model: the plan turns them into links, in the version the list shows.
    """

    newer: Listed | None = None
    """The entry just above in the list (the link with ``rel="prev"``); None at the top."""
    older: Listed | None = None
    """The entry just below in the list (the link with ``rel="next"``); None at the bottom."""


@dataclass(frozen=True)
class SiteModel:
    """The whole site as data: articles, translations and every per-language index."""

    articles: Mapping[ArticleKey, Article]
    translations: Mapping[str, Mapping[str, ArticleKey]]
    """translation_key -> {lang: article key} for every item."""
    indexes: Mapping[str, LanguageIndex]
    """Language code -> its lists."""
    topics: Mapping[str, Topic]
    outlets: Mapping[str, Outlet]
    outdated: frozenset[ArticleKey] = frozenset()
    """Translations whose original changed after they were made (see ``original_sha256``)."""
    listed_apart: tuple[Diagnostic, ...] = ()
    """Warnings about pages listed on their own because their language already had a version
    of their item: made with :attr:`translations`, and reused with them."""
    scheduled: frozenset[ArticleKey] = frozenset()
    """Articles in the site before their date (the live preview's, ``--future``'s): their
    pages say when they are due. A build that holds them has none."""
    aliases: Mapping[str, ArticleKey] = field(default_factory=dict)
    """Every alias served -> the article it leads to, in address order: an alias that is an
    article's own address, or that an earlier page (in path order) claimed, is not."""

    def versions(self, article: Article) -> Mapping[str, ArticleKey]:
        """Every language version of the item ``article`` belongs to, itself included."""
        group = self.translations.get(article.translation_key, {})
        return group if group.get(article.lang) == article.key else {article.lang: article.key}
