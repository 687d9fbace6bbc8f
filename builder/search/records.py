"""What a language's search page must find that is not a page of that language -> search records.

Two kinds, both :class:`ForeignRecord`, made from the build's model (never by re-reading the
HTML), each for the index of another language than its article's.

**Passages.** A foreign passage inside an article (the Russian repatriation-hotline note in an
English briefing) sits in the index of the page's language, so the Russian search page would
never find it. :func:`fragment_records` makes one record per such passage for the index of the
passage's own language, stemmed as that language:
its URL is the passage's anchor on the article (``<article url>#fragment-<id>``), its title the
article's title and language, its content the original text, its filters and date sort key the
article's. A passage the item already shows in that language (its version in that language has
the same fragment, indexed natively) gets no record, so a search never lists one passage twice;
among the item's other versions, the first in the site's language order holding the passage is
the one linked.

**Items in one language.** An item with no version in a language is listed on that language's
pages (marked as in its own language), so its search page finds it too (:func:`item_records`):
one record per such item and language, linking to the article's content (``#main``: in one
index of every language, Pagefind would take a record at the page's own address for the page),
titled with its title and language, holding its title and summary as written, so that names
and words of its language typed there find it. Its topics and outlet are filters of the record,
named in that language, as on its pages, and its result shows its date and outlet as an
article's does (Pagefind searches that metadata too, as it does an article page's).

In: the site model and the catalogs (fragments and their languages, the UI strings of record
titles). Out: the records, sorted; :mod:`builder.search` puts each into the shard of its
language and its article's year.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from babel.dates import format_date
from markdown_it import MarkdownIt
from markdown_it.token import Token

from builder.formats.markdown import create_parser
from builder.i18n import Catalogs, Fragment, LocaleCatalogs, in_language
from builder.model import Article, ArticleKey, SiteModel


CONTENT_ANCHOR = "main"
"""The id of every page's main content (templates/base.html), which item records link to."""
Filters = tuple[tuple[str, tuple[str, ...]], ...]
"""Filter name -> its values, in order, as Pagefind takes a record's filters."""
Shown = tuple[tuple[str, str], ...]
"""Metadata name -> its text, in order, as Pagefind takes a record's metadata."""


@dataclass(frozen=True, order=True)
class ForeignRecord:
    """A foreign passage of an article, or an item with no version in a language, as a search
    record of that language's index."""

    lang: str
    """The index it goes into (the passage's language, or the one the item lacks), and how its
    words are stemmed."""
    url: str
    """The passage's anchor on the article (``/en/2020/04/<slug>/#fragment-<id>``), or the
    article's content (``/en/2020/04/<slug>/#main``)."""
    title: str
    """The article's title and language, in :attr:`lang` (what the result shows)."""
    content: str
    """The passage's original text, or the item's words (see :func:`item_records`), as plain
    text."""
    date: str
    """The article's news date (ISO), the sort key article pages have too."""
    filters: Filters = ()
    """The article's filters as its pages set them (topic, outlet, year), with topic and outlet
    names in the passage's language: a filtered search keeps the passage with its article."""
    shown: Shown = ()
    """What a result shows under its title, as an article page's result does: its date and
    outlet, written in :attr:`lang` (Pagefind metadata ``date`` and ``outlet``)."""


def foreign_records(model: SiteModel, catalogs: Catalogs) -> list[ForeignRecord]:
    """Every record of both kinds, sorted."""
    return sorted([*fragment_records(model, catalogs), *item_records(model, catalogs)])


def item_records(model: SiteModel, catalogs: Catalogs) -> list[ForeignRecord]:
    """One record per item and site language it has no version in, sorted."""
    records = []
    for key in sorted(model.articles):
        article = model.articles[key]
        versions = model.versions(article)
        for lang, locale in catalogs.locales.items():
            if lang in versions:
                continue
            words = "\n".join(text for text in (article.title, article.summary) if text)
            records.append(ForeignRecord(
                lang, f"{article.url}#{CONTENT_ANCHOR}", _marked_title(article, lang, locale),
                words, article.date.isoformat(), *_filters_and_shown(model, article, lang)))
    return sorted(records)


def fragment_records(model: SiteModel, catalogs: Catalogs) -> list[ForeignRecord]:
    """One record per foreign passage not already searchable in its own language, sorted."""
    md = create_parser()
    languages = tuple(catalogs.locales)  # the site's languages, in digest.toml's order
    references = {key: article.fragments for key, article in model.articles.items()}
    records = []
    texts: dict[str, str] = {}
    for key in sorted(references):
        article = model.articles[key]
        for fragment_id in references[key]:
            fragment = catalogs.fragments.get(fragment_id)
            if fragment is None or fragment.lang == article.lang:
                continue  # unknown (read.py warns) or not foreign here
            if fragment.lang not in languages:
                continue  # no search page searches that language
            if _linked_version(model, article, fragment, references, languages) == key:
                if fragment.id not in texts:  # one passage, in many articles: parsed once
                    texts[fragment.id] = _plain_text(md, fragment.original)
                records.append(_record(texts[fragment.id], model, article, fragment,
                                       catalogs.locales[fragment.lang]))
    return sorted(records)


def _linked_version(model: SiteModel, article: Article, fragment: Fragment,
                    references: Mapping[ArticleKey, tuple[str, ...]],
                    languages: Sequence[str]) -> ArticleKey | None:
    """The version of ``article``'s item whose passage a record links to, or None.

    None when the item's version in the passage's own language shows the passage: that page
    is in the passage's index already, as ordinary text, and a record would list the same
    passage twice. Otherwise the first version, in the site's language order, holding it.
    """
    versions = model.versions(article)
    holders = [versions[code] for code in languages
               if code in versions and fragment.id in references.get(versions[code], ())]
    if fragment.lang in versions and versions[fragment.lang] in holders:
        return None
    return holders[0] if holders else None


def _record(text: str, model: SiteModel, article: Article, fragment: Fragment,
            catalogs: LocaleCatalogs) -> ForeignRecord:
    """The record of ``fragment`` in ``article``; ``text``: the passage's words."""
    return ForeignRecord(fragment.lang, f"{article.url}#fragment-{fragment.id}",
                         _marked_title(article, fragment.lang, catalogs), text,
                         article.date.isoformat(),
                         *_filters_and_shown(model, article, fragment.lang))


def _marked_title(article: Article, lang: str, catalogs: LocaleCatalogs) -> str:
    """``article``'s title and language, in ``lang``: the reader of that language's search page
    sees it."""
    return catalogs.translations.gettext("%(title)s (article %(in_language)s)") % {
        "title": article.title,
        "in_language": in_language(article.lang, lang, catalogs.translations)}


def _filters_and_shown(model: SiteModel, article: Article, lang: str) -> tuple[Filters, Shown]:
    """The filters templates/article.html sets on ``article``'s page, and the date and outlet
    its search result shows, named and written in ``lang``."""
    outlet = model.outlets.get(article.outlet)
    outlet_name = outlet.name(lang) if outlet else article.outlet
    topics = tuple(model.topics[key].label(lang) for key in article.topics if key in model.topics)
    filters = {"outlet": (outlet_name,), "topic": topics, "year": (str(article.date.year),)}
    shown = (("date", format_date(article.date, "long", locale=lang)), ("outlet", outlet_name))
    return tuple((name, values) for name, values in filters.items() if values), shown


def _plain_text(md: MarkdownIt, markdown: str) -> str:
    """The words a fragment shows, without its Markdown: one line per paragraph or heading."""
    lines = ("".join(_inline_text(child) for child in token.children or ())
             for token in md.parse(markdown) if token.type == "inline")
    return "\n".join(line for line in lines if line.strip())


def _inline_text(token: Token) -> str:
    if token.type in ("text", "code_inline"):
        return token.content
    return " " if token.type in ("softbreak", "hardbreak") else ""
