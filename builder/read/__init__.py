"""Markdown pages in ``content/articles/`` -> validated :class:`~builder.model.Article` values.

Each page is read on its own (:mod:`builder.read.validate`): a page with malformed front matter
or a wrong type becomes a located error (``path:line: error: … [code]``) and is left out, while
the others are read. Then the articles are put in path order and each language's slugs made
unique. Pages are parsed on every core (:mod:`builder.util.parallel`).

What reading a page gives is kept as a :class:`CachedRead` (its article, its diagnostics, the
digest of its bytes and of its listing), so that a later build reads a page again only when it
changed, and parses it again only when its bytes did.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from markdown_it import MarkdownIt

from builder.config import SiteConfig
from builder.diagnostics import Diagnostic, Fate, FileOutcome, InputKind, error, warning
from builder.formats.markdown import create_structure_parser
from builder.formats.pages import page_files, pages_among
from builder.formats.slugs import unique
from builder.model import Article
from builder.read.validate import validate_page
from builder.util.fingerprints import Stamp, digest, fast_pickle, stamp
from builder.util.parallel import ordered_map


@dataclass(frozen=True)
class CachedRead:
    """One Markdown page as the read stage left it: an article, or why it failed."""

    stat: Stamp
    digest: str
    """Of the file's bytes: the page's identity, whatever its stat."""
    article: Article | None
    diagnostics: tuple[Diagnostic, ...]
    """Everything reading the page reported; the last is the error when ``article`` is None."""
    listed: str = ""
    """:func:`listing_digest` of ``article``, made once when the page is parsed."""


LISTED_FIELDS = tuple(name for name in Article.__dataclass_fields__
                      if name not in ("digest", "body_sha256", "body_line", "lede"))
"""What lists, feeds, the sitemap and other articles' pages may show of an article: all but what
comes of its body, which only its own page shows (sections and headings are fields of their
own; a translation outdated by its original's body is in :attr:`SiteModel.outdated`)."""


def listing_digest(article: Article) -> str:
    """A digest of everything but its body that pages show of ``article``."""
    return digest(fast_pickle(tuple(getattr(article, name) for name in LISTED_FIELDS)))


@dataclass(frozen=True)
class ReadResult:
    articles: tuple[Article, ...]
    """Valid articles, in path order."""
    outcomes: tuple[FileOutcome, ...]
    """One per Markdown file: published (detail: its URL) or failed."""
    diagnostics: tuple[Diagnostic, ...]
    reads: Mapping[str, CachedRead] = field(default_factory=dict)
    """Every page's read, by path, for the next build's cache."""
    parsed: int = 0
    """How many pages were parsed; the others were unchanged and came from the cache."""
    changed: frozenset[str] = frozenset()
    """Pages whose read is not the one given as previous (new, gone, or looked at again): all
    that an incremental build needs to look at, instead of comparing every page."""
    renamed: bool = False
    """Whether a slug was made unique: an article then differs from its page's read."""


def read_articles(config: SiteConfig, known_fragments: Mapping[str, str],
                  previous: Mapping[str, CachedRead] | None = None,
                  trusted_before_ns: int = 0,
                  stats: Mapping[str, os.stat_result] | None = None) -> ReadResult:
    """Read every page; ``known_fragments`` maps fragment ids to their original language.

    ``previous`` holds the last build's reads, made under the same code, configuration and
    fragments (:func:`builder.cache.read_key`): a page whose bytes are unchanged is taken from
    it instead of being parsed again. Its stat alone vouches for it only when the file was last
    modified before ``trusted_before_ns``; otherwise its bytes are compared. ``stats`` (full
    path -> stat of every content file, as :func:`builder.cache.inputs` found them) saves
    looking at every file a second time.
    """
    previous = previous or {}
    reads: dict[str, CachedRead] = {}
    folder = config.relative(config.articles_dir)
    found = page_files(config.articles_dir) if stats is None else pages_among(
        config.articles_dir, stats)
    files = [(f"{folder}/{inner}", path) for inner, path in found]
    for rel, path in files:
        cached = previous.get(rel)
        try:
            stat = os.stat(path) if stats is None else stats[path]
        except OSError:  # gone since the folder was listed: _FileReader reports it
            continue
        if cached and cached.stat == stamp(stat) and stat.st_mtime_ns < trusted_before_ns:
            reads[rel] = cached
    unvouched = [(rel, path) for rel, path in files if rel not in reads]
    read_file = _FileReader(config, known_fragments, previous)
    reads.update(zip((rel for rel, _ in unvouched), ordered_map(read_file, unvouched)))
    articles: list[Article] = []
    outcomes: list[FileOutcome] = []
    diagnostics: list[Diagnostic] = []
    taken: dict[str, set[str]] = {}
    renamed = False
    for rel, _path in files:
        cached = reads[rel]
        article = cached.article
        page_diagnostics = list(cached.diagnostics)
        if article is None:
            diagnostics.extend(page_diagnostics)
            outcomes.append(FileOutcome(InputKind.PAGE, rel, Fate.FAILED, page_diagnostics[-1].message))
            continue
        slugs = taken.setdefault(article.lang, set())
        if article.slug in slugs:
            new_slug = unique(article.slug, slugs)
            page_diagnostics.append(warning(rel, None, "slug-collision",
                                            f"slug '{article.slug}' is already used in '{article.lang}'; "
                                            f"published as '{new_slug}' (rename the file to choose)"))
            article = replace(article, slug=new_slug)
            renamed = True
        slugs.add(article.slug)
        diagnostics.extend(page_diagnostics)
        articles.append(article)
        outcomes.append(FileOutcome(InputKind.PAGE, rel, Fate.PUBLISHED, article.url))
    return ReadResult(tuple(articles), tuple(outcomes), tuple(diagnostics), reads,
                      _parsed(unvouched, reads, previous), _changed(reads, previous), renamed)


def reread_articles(config: SiteConfig, known_fragments: Mapping[str, str],
                    previous: ReadResult, changed: Iterable[str],
                    stats: Mapping[str, os.stat_result]) -> ReadResult | None:
    """``previous`` with the pages among ``changed`` read again, or None when that could change
    what other pages are: what :func:`read_articles` would return, without looking at every page.

    ``changed`` are the full paths of the input files that changed since ``previous`` was read
    (a watcher saw them: the live preview's save), ``stats`` every content file's stat now.
    None (read them all) when a page was added or removed, was or becomes invalid, moves to
    another URL or reports something new, or when a slug was made unique: such a change can
    change other pages' slugs and the report's list of pages.
    """
    if previous.renamed:
        return None
    prefix = f"{config.articles_dir}{os.sep}"
    folder = config.relative(config.articles_dir)
    pages = [(f"{folder}/{path[len(prefix):].replace(os.sep, '/')}", path) for path in changed
             if path.startswith(prefix) and path.endswith(".md")]
    if not all(path in stats and rel in previous.reads for rel, path in pages):
        return None
    new = dict(zip((rel for rel, _ in pages),
                   map(_FileReader(config, known_fragments, previous.reads), pages)))
    for rel, read in new.items():
        old = previous.reads[rel]
        if (read.article is None or old.article is None or read.article.url != old.article.url
                or read.diagnostics != old.diagnostics):
            return None
    if not new:
        return replace(previous, parsed=0, changed=frozenset())
    articles = tuple(new[article.path].article if article.path in new else article
                     for article in previous.articles)
    return replace(previous, articles=articles, reads={**previous.reads, **new},
                   parsed=_parsed(pages, new, previous.reads), changed=frozenset(new))


class _FileReader:
    """Reads one page not vouched for by its stat: parsed, unless its bytes are the cached ones."""

    def __init__(self, config: SiteConfig, known_fragments: Mapping[str, str],
                 previous: Mapping[str, CachedRead]):
        self.config, self.known_fragments, self.previous = config, known_fragments, previous
        self.md = create_structure_parser()

    def __call__(self, rel_and_path: tuple[str, str]) -> CachedRead:
        rel, path = rel_and_path
        try:
            stat = os.stat(path)
            with open(path, "rb") as file:
                data = file.read()
        except OSError as exc:  # deleted or renamed while the build ran: the next one sees it
            return CachedRead((0, 0, 0), "", None, (error(
                rel, None, "page-unreadable", f"could not be read: {exc.strerror}"),))
        cached = self.previous.get(rel)
        if not (cached and cached.digest == digest(data)):
            cached = _read_bytes(data, Path(path), rel, self.config, self.md, self.known_fragments)
        return replace(cached, stat=stamp(stat))


def _parsed(pages: Iterable[tuple[str, str]], reads: Mapping[str, CachedRead],
            previous: Mapping[str, CachedRead]) -> int:
    """How many of ``pages`` (read again) were parsed: those whose bytes are new."""
    return sum(1 for rel, _ in pages
               if reads[rel].digest != getattr(previous.get(rel), "digest", None))


def _changed(reads: Mapping[str, CachedRead], previous: Mapping[str, CachedRead]) -> frozenset[str]:
    """The pages whose read is not ``previous``'s: new, gone, or looked at again."""
    return frozenset(rel for rel in reads.keys() | previous.keys()
                     if reads.get(rel) is not previous.get(rel))


def _read_bytes(data: bytes, path: Path, rel: str, config: SiteConfig, md: MarkdownIt,
                known_fragments: Mapping[str, str]) -> CachedRead:
    """One page's bytes -> its read: its article, or the error that leaves it out."""
    data_digest = digest(data)
    article, diagnostics = validate_page(data, data_digest, path, rel, config, md,
                                         known_fragments)
    return CachedRead((0, 0, 0), data_digest, article, diagnostics,
                      listing_digest(article) if article is not None else "")
