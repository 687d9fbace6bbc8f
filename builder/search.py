"""The staged site -> ``pagefind/`` inside it: Pagefind's search index and its UI bundle.

Pagefind (the ``pagefind[bin]`` package, no download at run time) reads the written HTML, so
what is searchable is decided in the templates: only elements under ``data-pagefind-body`` are
indexed (article pages), furniture carries ``data-pagefind-ignore``, and Pagefind splits the
index by each page's ``<html lang>`` so every language is stemmed as itself and each search page
searches its own language only.

This module is the only place Pagefind is called, through its Python API. Writing the index
also writes the browser side of the bundle that ``templates/search.html`` loads:
``pagefind.js`` (the search API), ``pagefind-worker.js``, the WebAssembly per language and the
Component UI (``pagefind-component-ui.js`` and ``.css``, with its translations built in).

Fragments need one thing the HTML cannot give: a foreign passage inside an article (the Russian
repatriation-hotline note in an English briefing) sits in the index of the page's language, so
the Russian search page would never find it. :func:`fragment_records` makes, from the build's
model (never by re-reading the HTML), one record per such passage for the index of the
passage's own language, stemmed as that language: its URL is the passage's anchor on the
article (``<article url>#fragment-<id>``), its title the article's title and language, its
content the original text. A passage the item already shows in that language (its version in
that language has the same fragment, indexed natively) gets no record, so a search never lists
one passage twice; among the item's other versions, the first in the site's language order
holding the passage is the one linked.

In: the staged site folder, the site model and the catalogs (fragments and their languages, the
UI strings of record titles). Out: ``<site>/pagefind/``, the number of pages in the index and
the number of passage records (read back from ``pagefind-entry.json``, so it counts what is
searchable, not every HTML file Pagefind looked at).

Byte for byte the same bundle from the same site: records are added in a fixed order, and what
Pagefind itself writes in hash-map order, which changes from run to run (Pagefind issue 638),
is put in order afterwards by :func:`canonicalise_bundle`: the languages of
``pagefind-entry.json``, the values of every filter file (``filter/<lang>_<hash>.pf_filter``)
and the filter and sort lists of every language's metadata (``pagefind.<lang>_<hash>.pf_meta``).
A file whose bytes change is renamed by a hash of its new content, in Pagefind's naming shape,
and the names referring to it follow (filters in the metadata, the metadata in the entry); the
browser side finds files by these names only and checks no hash (tests/test_browser.py). A failure, including the Pagefind
process dying mid-way, is a :class:`BuildError` naming the bundle folder; the build then
discards the staging folder, so a half-written ``pagefind/`` is never published.
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import hashlib
import json
from collections.abc import Coroutine, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from builder import cbor
from builder.diagnostics import BuildError, Diagnostic, error
from builder.i18n import Catalogs, Fragment, LocaleCatalogs, language_name
from builder.markdown import create_parser, fragment_references
from builder.model import Article, ArticleKey, SiteModel

OUTPUT_SUBDIR = "pagefind"
ENTRY_FILE = "pagefind-entry.json"
BODY_MARKER = b"data-pagefind-body"
"""The attribute that marks an indexable page (templates/article.html)."""
SIGNATURE = b"pagefind_dcd"
"""What every Pagefind data file starts with, once un-gzipped."""


@dataclass(frozen=True)
class SearchResult:
    pages_indexed: int
    """Pages in the index, summed over languages (pagefind-entry.json), passage records not
    included."""
    diagnostics: tuple[Diagnostic, ...] = ()
    passages_indexed: int = 0
    """Records of foreign passages added to their own language's index."""


@dataclass(frozen=True, order=True)
class FragmentRecord:
    """A foreign passage of an article, as a search record in its own language's index."""

    lang: str
    """Language of the passage: the index it goes into, and how its words are stemmed."""
    url: str
    """The passage's anchor on the article (``/en/2020/04/<slug>/#fragment-<id>``)."""
    title: str
    """The article's title and language, in the passage's language (what the result shows)."""
    content: str
    """The passage's original text, as plain text."""
    date: str
    """The article's news date (ISO), the sort key article pages have too."""
    filters: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """The article's filters as its pages set them (topic, outlet, year), with topic and outlet
    names in the passage's language: a filtered search keeps the passage with its article."""


def index_site(site: Path, model: SiteModel, catalogs: Catalogs) -> SearchResult:
    """Index the article pages of ``site`` and the foreign passages of ``model``'s articles,
    and write the bundle to ``site/pagefind/``."""
    where = f"{site.name.removesuffix('.next')}/{OUTPUT_SUBDIR}"
    records = fragment_records(model, catalogs)
    try:
        asyncio.run(_index(site, records))
        canonicalise_bundle(site / OUTPUT_SUBDIR)
        entries = indexed_pages(site / OUTPUT_SUBDIR)
        return SearchResult(entries - len(records), passages_indexed=len(records))
    except Exception as exc:  # the Pagefind service is a subprocess: any failure is reported whole
        raise BuildError(error(where, None, "search-index",
                               f"Pagefind could not index the site: {_describe(exc)}")) from exc


def indexed_pages(bundle: Path) -> int:
    """The number of pages in a written bundle, over every language index."""
    entry = json.loads((bundle / ENTRY_FILE).read_text(encoding="utf-8"))
    return sum(int(language["page_count"]) for language in entry["languages"].values())


# --- One bundle for one site: Pagefind's hash-map order put in order ---------------------------
# Pagefind 1.5.2 writes the metadata of a language as the CBOR array
#   [version, [[index chunk, …], …], [[first word, last word, chunk], …],
#    [[filter name, filter file], …], [[sort name, [page, …]], …], [meta field, …]]
# and a filter file as [filter name, [[value, [page, …]], …]]; the filter list, the sort list
# and the values are in hash-map order. Pages are numbered in a fixed order already.

_META_FILTERS, _META_SORTS = 3, 4
_FILTER_HASH_LENGTH, _META_HASH_LENGTH = 7, 10  # Pagefind's own: en_b0765d7, en_84de245464


def canonicalise_bundle(bundle: Path) -> None:
    """Put what Pagefind wrote in hash-map order into a fixed order, renaming what changes."""
    path = bundle / ENTRY_FILE
    entry = json.loads(path.read_text(encoding="utf-8"))
    languages = dict(sorted(entry["languages"].items()))
    for info in languages.values():
        info["hash"] = _canonicalise_meta(bundle, info["hash"])
    entry["languages"] = languages
    path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _canonicalise_meta(bundle: Path, name: str) -> str:
    """Order one language's metadata and its filter files; the metadata's name afterwards."""
    meta = _read_data(bundle / f"pagefind.{name}.pf_meta")
    if not (isinstance(meta, list) and len(meta) > _META_SORTS
            and isinstance(meta[_META_FILTERS], list) and isinstance(meta[_META_SORTS], list)):
        raise RuntimeError(f"pagefind.{name}.pf_meta is not laid out as Pagefind 1.5 writes it")
    filters = []
    for filter_name, filter_file in meta[_META_FILTERS]:
        filters.append([filter_name, _canonicalise_filter(bundle / "filter", filter_file)])
    meta[_META_FILTERS] = sorted(filters)
    meta[_META_SORTS] = sorted([sort_name, sorted(pages)] for sort_name, pages in meta[_META_SORTS])
    return _rewrite(bundle, "pagefind.{}.pf_meta", name, meta, _META_HASH_LENGTH)


def _canonicalise_filter(folder: Path, name: str) -> str:
    """Order one filter file's values (and each value's pages); the file's name afterwards."""
    data = _read_data(folder / f"{name}.pf_filter")
    if not (isinstance(data, list) and len(data) == 2 and isinstance(data[1], list)):
        raise RuntimeError(f"filter/{name}.pf_filter is not laid out as Pagefind 1.5 writes it")
    filter_name, values = data
    ordered = sorted([value, sorted(pages)] for value, pages in values)
    return _rewrite(folder, "{}.pf_filter", name, [filter_name, ordered], _FILTER_HASH_LENGTH)


def _rewrite(folder: Path, pattern: str, name: str, value: Any, hash_length: int) -> str:
    """Write ``value`` as a Pagefind file named by its content, replacing ``name``'s file."""
    payload = SIGNATURE + cbor.encode(value)
    language = name.rsplit("_", 1)[0]
    new_name = f"{language}_{hashlib.sha256(payload).hexdigest()[:hash_length]}"
    # As Pagefind compresses: level 9, no timestamp, so equal payloads give equal files.
    (folder / pattern.format(new_name)).write_bytes(gzip.compress(payload, 9, mtime=0))
    if new_name != name:
        (folder / pattern.format(name)).unlink()
    return new_name


def _read_data(path: Path) -> Any:
    """The CBOR value of a Pagefind data file (gzip, or plain, behind the signature)."""
    data = path.read_bytes()
    if not data.startswith(SIGNATURE):
        data = gzip.decompress(data)
    if not data.startswith(SIGNATURE):
        raise RuntimeError(f"{path.name} is not a Pagefind data file")
    return cbor.decode(data[len(SIGNATURE):])


async def _index(site: Path, records: Sequence[FragmentRecord]) -> None:
    from pagefind.index import IndexConfig
    from pagefind.service import PagefindService

    config = IndexConfig(output_path=str(site / OUTPUT_SUBDIR))
    try:
        service = await PagefindService().launch()
    except OSError as exc:  # no binary, or not executable
        raise RuntimeError(f"cannot start Pagefind: {exc} (the 'pagefind[bin]' package provides "
                           "the binary; PAGEFIND_BINARY_PATH points at another one)") from exc
    try:
        await _until_service_stops(service, _write_index(service, config, site, records))
    finally:
        await _shut_down(service)


async def _write_index(service: Any, config: Any, site: Path,
                       records: Sequence[FragmentRecord]) -> None:
    index = await service.create_index(config)
    # Pagefind indexes every page when no page has data-pagefind-body: a site without articles
    # would make its home and search pages searchable. Then the bundle is written empty.
    if _has_article_pages(site):
        await index.add_directory(str(site))
    for record in records:
        await index.add_custom_record(url=record.url, content=record.content,
                                      language=record.lang, meta={"title": record.title},
                                      filters={name: list(values) for name, values in record.filters},
                                      sort={"date": record.date})
    await index.write_files()


def _has_article_pages(site: Path) -> bool:
    return any(BODY_MARKER in page.read_bytes() for page in site.rglob("*.html"))


# --- Foreign passages as records of their own language's index ---------------------------------

def fragment_records(model: SiteModel, catalogs: Catalogs) -> list[FragmentRecord]:
    """One record per foreign passage not already searchable in its own language, sorted."""
    md = create_parser()
    languages = tuple(catalogs.locales)  # the site's languages, in digest.toml's order
    references = {key: _fragment_ids(md, article.body) for key, article in model.articles.items()}
    records = []
    for key in sorted(references):
        article = model.articles[key]
        for fragment_id in references[key]:
            fragment = catalogs.fragments.get(fragment_id)
            if fragment is None or fragment.lang == article.lang:
                continue  # unknown (read.py warns) or not foreign here
            if fragment.lang not in languages:
                continue  # no search page searches that language
            if _linked_version(model, article, fragment, references, languages) == key:
                records.append(_record(md, model, article, fragment,
                                       catalogs.locales[fragment.lang]))
    return sorted(records)


def _fragment_ids(md: MarkdownIt, body: str) -> tuple[str, ...]:
    """Ids of the fragments a Markdown body refers to, each once, in order."""
    if "fragment" not in body:  # most pages have none: no need to parse them
        return ()
    return tuple(dict.fromkeys(fragment_id for fragment_id, _, _ in
                               fragment_references(md.parse(body))))


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


def _record(md: MarkdownIt, model: SiteModel, article: Article, fragment: Fragment,
            catalogs: LocaleCatalogs) -> FragmentRecord:
    # In the passage's language: the reader of that language's search page sees it.
    title = catalogs.translations.gettext("%(title)s (article in %(language)s)") % {
        "title": article.title, "language": language_name(article.lang, fragment.lang)}
    return FragmentRecord(fragment.lang, f"{article.url}#fragment-{fragment.id}", title,
                          _plain_text(md, fragment.original), article.date.isoformat(),
                          _filters(model, article, fragment.lang))


def _filters(model: SiteModel, article: Article, lang: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The filters templates/article.html sets on ``article``'s page, named in ``lang``."""
    outlet = model.outlets.get(article.outlet)
    topics = tuple(model.topics[key].label(lang) for key in article.topics if key in model.topics)
    filters = {"outlet": (outlet.name(lang) if outlet else article.outlet,),
               "topic": topics, "year": (str(article.date.year),)}
    return tuple((name, values) for name, values in filters.items() if values)


def _plain_text(md: MarkdownIt, markdown: str) -> str:
    """The words a fragment shows, without its Markdown: one line per paragraph or heading."""
    lines = ("".join(_inline_text(child) for child in token.children or ())
             for token in md.parse(markdown) if token.type == "inline")
    return "\n".join(line for line in lines if line.strip())


def _inline_text(token: Token) -> str:
    if token.type in ("text", "code_inline"):
        return token.content
    return " " if token.type in ("softbreak", "hardbreak") else ""


# The Python API answers each request through a task that reads the Pagefind process's output
# (``_poll_task``); if the process exits, that task ends and a pending request would wait
# forever. So the work is raced against that task, and a dead process is reported, not awaited.


async def _until_service_stops(service: Any, work: Coroutine[Any, Any, None]) -> None:
    task = asyncio.ensure_future(work)
    listener: asyncio.Task[None] | None = getattr(service, "_poll_task", None)
    if listener is None:  # an API without the listener task: nothing to race against
        await task
        return
    await asyncio.wait({task, listener}, return_when=asyncio.FIRST_COMPLETED)
    if task.done() and not isinstance(task.exception(), ConnectionError):
        task.result()  # done, or Pagefind's own error message
        return
    if not task.done():
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    # The process is gone (or its pipe broke as it went): its exit status is the best report.
    raise RuntimeError(f"the Pagefind process stopped (exit status {await _exit_status(service)})")


async def _exit_status(service: Any) -> int | None:
    backend = getattr(service, "_backend", None)
    if backend is None:
        return None
    try:
        return await asyncio.wait_for(backend.wait(), timeout=10)
    except TimeoutError:
        return None


async def _shut_down(service: Any) -> None:
    listener = getattr(service, "_poll_task", None)
    backend = getattr(service, "_backend", None)
    if backend is not None and backend.returncode is not None:  # already gone: nothing to close
        if listener is not None and listener.done() and not listener.cancelled():
            listener.exception()  # retrieved, so asyncio does not log it as lost
        return
    await service.close()


def _describe(exc: BaseException) -> str:
    # The service reports errors as Exception(message, original_message).
    if exc.args and isinstance(exc.args[0], str):
        return exc.args[0]
    return str(exc) or type(exc).__name__
