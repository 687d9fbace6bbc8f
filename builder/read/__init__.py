"""Markdown pages in ``content/articles/`` -> validated :class:`~builder.model.Article` values.

Each page is read on its own (:mod:`builder.read.validate`): a page with malformed front matter
or a wrong type becomes a located error (``path:line: error: … [code]``) and is left out, while
the others are read. Then the articles are put in path order and each language's slugs made
unique. Pages are parsed on every core (:mod:`builder.util.parallel`).

What reading a page gives is kept as a :class:`PageRead` (its article, its diagnostics, the
digest of its bytes and of its listing): a later build takes it as it is for a page that is
unchanged (:mod:`builder.incremental.changes`), and reads a changed page's bytes again but
parses them only when they differ. The live preview, told which pages changed, reads only those
again when nothing else can change with them (:func:`reread_articles`).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from builder.config import SiteConfig
from builder.diagnostics import Diagnostic, Fate, FileOutcome, InputKind, error, warning
from builder.formats.markdown import create_structure_parser
from builder.formats.pages import is_page, page_files
from builder.formats.slugs import UniqueSlugs
from builder.incremental.changes import Changes, Kind
from builder.model import Article
from builder.read.validate import validate_page
from builder.util.files import OUTSIDE_PROJECT, links_outside
from builder.util.fingerprints import digest, fast_pickle
from builder.util.parallel import ordered_map


@dataclass(frozen=True)
class PageRead:
    """One page as the read stage left it: an article, or why it failed."""

    digest: str
    """Of the file's bytes: the page's identity."""
    article: Article | None
    diagnostics: tuple[Diagnostic, ...]
    """Everything reading the page reported; the last is the error when ``article`` is None."""
    listing: str = ""
    """:func:`listing_digest` of ``article``, made once when the page is parsed."""
    last_good: Article | None = None
    """When the page does not read: the article it last read as, if it ever did (what the live
    preview shows of it, :attr:`SiteConfig.last_good_pages`)."""


LISTED_FIELDS = tuple(name for name in Article.__dataclass_fields__
                      if name not in ("digest", "body_sha256", "body_line", "lede"))
"""What lists, the sitemap and other articles' pages may show of an article: all but what comes
of its body, which only its own page and the feeds that list it show (sections and headings are
fields of their own; a translation outdated by its original's body is in
:attr:`SiteModel.outdated`)."""


def listing_digest(article: Article) -> str:
    """A digest of everything but its body that pages show of ``article``: its listing."""
    return digest(fast_pickle(tuple(getattr(article, name) for name in LISTED_FIELDS)))


@dataclass(frozen=True)
class ReadResult:
    articles: tuple[Article, ...]
    """Valid articles, in path order."""
    outcomes: tuple[FileOutcome, ...]
    """One per Markdown file: published (detail: its URL) or failed."""
    diagnostics: tuple[Diagnostic, ...]
    reads: Mapping[str, PageRead] = field(default_factory=dict)
    """Every page's read, by project-relative path, for the next build."""
    parsed: int = 0
    """How many pages were parsed; the others were taken from the previous build's reads."""
    slugs_made_unique: bool = False
    """Whether a slug was made unique: an article then differs from its page's read."""


def read_articles(config: SiteConfig, fragment_languages: Mapping[str, str],
                  pages: Sequence[str] | None = None, *,
                  previous: Mapping[str, PageRead] | None = None,
                  previous_result: ReadResult | None = None,
                  changes: Changes | None = None) -> ReadResult:
    """Read every page; ``fragment_languages`` maps fragment ids to their original language.

    ``pages`` are the project-relative paths of the pages, in path order (the build's scan of
    its inputs knows them; None: look for them). ``previous`` are the previous build's reads and
    ``changes`` what changed since: a page ``changes`` calls unchanged is taken from
    ``previous`` as it is; any other is read, and parsed only when its bytes are not its
    previous read's. Without ``changes`` every page is read. ``previous_result`` is the
    previous build's whole result, in memory: when only pages that stay valid at the same URL
    changed, only those are read again (:func:`reread_articles`).
    """
    if changes is not None and (changes.everything or changes.reads):
        previous = previous_result = None
    if previous_result is not None and changes is not None:
        patched = reread_articles(config, fragment_languages, previous_result, changes)
        if patched is not None:
            return patched
    previous = previous or {}
    files = page_files(config) if pages is None else pages
    reads: dict[str, PageRead] = {}
    if changes is not None:
        for rel in files:
            if changes.unchanged(rel) and (previous_read := previous.get(rel)) is not None:
                reads[rel] = previous_read
    again = [rel for rel in files if rel not in reads]
    # A worker sends back None for a page whose bytes are its previous read's, not the read:
    # after a fresh clone (a CI build) that is nearly every page, each an article to pickle.
    found = ordered_map(_PageReader(config, fragment_languages, previous).new_read, again)
    reads.update((rel, previous[rel] if read is None else read)
                 for rel, read in zip(again, found, strict=True))
    return _assemble(files, reads, _parsed(again, reads, previous), config.last_good_pages)


def _assemble(files: Sequence[str], reads: Mapping[str, PageRead], parsed: int,
              last_good: bool = False) -> ReadResult:
    """The articles of ``reads`` in the order of ``files``, each language's slugs made unique;
    with ``last_good``, a page that does not read as the article it last read as, its error
    reported all the same."""
    articles: list[Article] = []
    outcomes: list[FileOutcome] = []
    diagnostics: list[Diagnostic] = []
    taken: dict[str, UniqueSlugs] = {}
    made_unique = False
    for rel in files:
        read = reads[rel]
        article = read.article
        page_diagnostics = list(read.diagnostics)
        if article is None:
            diagnostics.extend(page_diagnostics)
            shown = " (the preview shows it as it last read)" if last_good and read.last_good \
                else ""
            outcomes.append(FileOutcome(InputKind.PAGE, rel, Fate.FAILED,
                                        page_diagnostics[-1].message + shown))
            if not shown:
                continue
            article, page_diagnostics = read.last_good, []
        new_slug = taken.setdefault(article.lang, UniqueSlugs()).take(article.slug)
        if new_slug != article.slug:
            page_diagnostics.append(warning(rel, None, "slug-collision",
                                            f"slug '{article.slug}' is already used in "
                                            f"'{article.lang}'; published as '{new_slug}' "
                                            f"(rename the file to choose)"))
            article = replace(article, slug=new_slug)
            made_unique = True
        diagnostics.extend(page_diagnostics)
        articles.append(article)
        if read.article is None:
            continue  # failed, and said so above
        outcomes.append(FileOutcome(InputKind.PAGE, rel, Fate.DRAFT, "") if article.draft else
                        FileOutcome(InputKind.PAGE, rel, Fate.PUBLISHED, article.url))
    return ReadResult(tuple(articles), tuple(outcomes), tuple(diagnostics), reads, parsed,
                      made_unique)


def reread_articles(config: SiteConfig, fragment_languages: Mapping[str, str],
                    previous: ReadResult, changes: Changes) -> ReadResult | None:
    """``previous`` with the changed pages read again, or None when that could change what other
    pages are: what :func:`read_articles` would return, without looking at every page.

    None (read them all) when a page was added, removed or renamed, was or becomes invalid,
    moves to another URL or reports something new, or when a slug was made unique: such a
    change can change other pages' slugs and the report's list of pages.
    """
    if previous.slugs_made_unique:
        return None
    changed = [(rel, change) for rel, change in changes.inputs.items() if is_page(rel)]
    if any(change.kind is not Kind.CHANGED or rel not in previous.reads for rel, change in changed):
        return None
    read_page = _PageReader(config, fragment_languages, previous.reads)
    new = {rel: read_page(rel) for rel, _ in changed}
    for rel, read in new.items():
        old = previous.reads[rel]
        if (read.article is None or old.article is None or read.article.url != old.article.url
                or read.diagnostics != old.diagnostics):
            return None
    if not new:
        return replace(previous, parsed=0)
    articles = tuple(new[article.path].article if article.path in new else article
                     for article in previous.articles)
    return replace(previous, articles=articles, reads={**previous.reads, **new},
                   parsed=_parsed(new, new, previous.reads))


class _PageReader:
    """Reads one page: parsed, unless its bytes are those of its previous read."""

    def __init__(self, config: SiteConfig, fragment_languages: Mapping[str, str],
                 previous: Mapping[str, PageRead]):
        self.config, self.fragment_languages, self.previous = config, fragment_languages, previous
        self.root = f"{config.root}{os.sep}"  # plain strings: pathlib costs more than the read
        self.md = create_structure_parser()

    def __call__(self, rel: str) -> PageRead:
        read = self.new_read(rel)
        return self.previous[rel] if read is None else read

    def new_read(self, rel: str) -> PageRead | None:
        """The page's read; None when its bytes are those of its previous read, which holds."""
        path = self.root + rel
        if links_outside(path, self.config.root):  # never opened: only the project is read
            return PageRead("", None, (error(rel, None, "file-outside-project", OUTSIDE_PROJECT),))
        try:
            if not stat.S_ISREG(os.stat(path).st_mode):  # a pipe would never end
                raise OSError(0, "not a regular file")
            with open(path, "rb") as file:
                data = file.read()
        except OSError as exc:  # deleted or renamed while the build ran: the next one sees it
            return PageRead("", None, (error(rel, None, "page-unreadable",
                                             f"could not be read: {exc.strerror}"),))
        data_digest = digest(data)
        previous_read = self.previous.get(rel)
        if previous_read is not None and previous_read.digest == data_digest:
            return None
        article, diagnostics = validate_page(data, data_digest, Path(path), rel, self.config,
                                             self.md, self.fragment_languages)
        if article is None:
            last_good = previous_read and (previous_read.article or previous_read.last_good)
            return PageRead(data_digest, None, diagnostics, "", last_good or None)
        return PageRead(data_digest, article, diagnostics, listing_digest(article))


def _parsed(again: Iterable[str], reads: Mapping[str, PageRead],
            previous: Mapping[str, PageRead]) -> int:
    """How many of the pages read ``again`` were parsed: those whose bytes are new."""
    return sum(1 for rel in again if reads[rel] is not previous.get(rel))
