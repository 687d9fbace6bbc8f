"""Markdown pages in ``content/articles/`` -> validated :class:`~builder.model.Article` values.

Each page is read on its own: a page with malformed front matter or a wrong type becomes a
located error (``path:line: error: … [code]``) and is left out, while the others are read.
The file's place decides its identity: ``articles/<lang>/<yyyy>/<mm>/<slug>.md``; front matter
decides everything else. Unknown keys are kept for templates.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from markdown_it import MarkdownIt

from builder.cache import CachedRead, digest, listing_digest, stat_key
from builder.config import SiteConfig
from builder.diagnostics import (
    BuildError,
    Diagnostic,
    Fate,
    FileOutcome,
    InputKind,
    error,
    warning,
)
from builder.fields import FIELD_BY_KEY, KEY_ORDER, Kind
from builder.files import (
    OUTSIDE_PROJECT,
    is_editor_noise,
    is_windows_reserved,
    links_outside,
    name_not_utf8,
)
from builder.frontmatter import FrontMatterError, parse, split_body
from builder.markdown import create_structure_parser, outline
from builder.model import Article, RelatedHeadline, Section
from builder.parallel import ordered_map
from builder.slugs import slugify, unique

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


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


class InvalidPage(Exception):
    """Raised inside this module to abandon one page with a located diagnostic."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic


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
    found = page_files(config.articles_dir) if stats is None else _pages_among(
        config.articles_dir, stats)
    files = [(f"{folder}/{inner}", path) for inner, path in found]
    for rel, path in files:
        cached = previous.get(rel)
        try:
            stat = os.stat(path) if stats is None else stats[path]
        except OSError:  # gone since the folder was listed: _FileReader reports it
            continue
        if cached and cached.stat == stat_key(stat) and stat.st_mtime_ns < trusted_before_ns:
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
        return replace(cached, stat=stat_key(stat))


def _parsed(pages: Iterable[tuple[str, str]], reads: Mapping[str, CachedRead],
            previous: Mapping[str, CachedRead]) -> int:
    """How many of ``pages`` (read again) were parsed: those whose bytes are new."""
    return sum(1 for rel, _ in pages
               if reads[rel].digest != getattr(previous.get(rel), "digest", None))


def _changed(reads: Mapping[str, CachedRead], previous: Mapping[str, CachedRead]) -> frozenset[str]:
    """The pages whose read is not ``previous``'s: new, gone, or looked at again."""
    return frozenset(rel for rel in reads.keys() | previous.keys()
                     if reads.get(rel) is not previous.get(rel))


def page_files(folder: Path) -> list[tuple[str, str]]:
    """Every ``*.md`` file under ``folder``: (its path inside ``folder``, POSIX; its full path),
    in the order of their path segments. Symbolic links to folders are not followed (they could
    lead out of the project), and editors' hidden and temporary files are not pages
    (:mod:`builder.files`)."""
    found = []
    for parent, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if not is_editor_noise(name)]
        inside = os.path.relpath(parent, folder).replace(os.sep, "/")
        prefix = "" if inside == "." else inside + "/"
        found.extend((prefix + name, os.path.join(parent, name))
                     for name in files if name.endswith(".md") and not is_editor_noise(name))
    return sorted(found, key=_path_order)


def _path_order(pair: tuple[str, str]) -> str:
    """Sort key: paths in the order of their segments ("a/b" before "a-c"); "/" made the lowest
    character gives that order to a plain string comparison, much faster than lists'."""
    return pair[0].replace("/", "\0")


def _pages_among(folder: Path, stats: Mapping[str, os.stat_result]) -> list[tuple[str, str]]:
    """:func:`page_files`, from the stats of a walk that skipped editors' files already."""
    prefix = f"{folder}{os.sep}"
    found = [(path[len(prefix):].replace(os.sep, "/"), path) for path in stats
             if path.startswith(prefix) and path.endswith(".md")]
    return sorted(found, key=_path_order)


def _read_bytes(data: bytes, path: Path, rel: str, config: SiteConfig, md: MarkdownIt,
                known_fragments: Mapping[str, str]) -> CachedRead:
    """One page's bytes -> its article, or the error that leaves it out, with its warnings."""
    page_diagnostics: list[Diagnostic] = []
    data_digest = digest(data)
    try:
        article = _read_page(data, data_digest, path, rel, config, md, known_fragments,
                             page_diagnostics.append)
    except InvalidPage as exc:
        return CachedRead((0, 0, 0), data_digest, None, (*page_diagnostics, exc.diagnostic))
    return CachedRead((0, 0, 0), data_digest, article, tuple(page_diagnostics),
                      listing_digest(article))


def _read_page(data: bytes, data_digest: str, path: Path, rel: str, config: SiteConfig,
               md: MarkdownIt, known_fragments: Mapping[str, str],
               report: Callable[[Diagnostic], None]) -> Article:
    if name_not_utf8(rel):
        raise InvalidPage(error(rel, None, "file-name-encoding",
                                "the file name is not UTF-8 (shown with \\x escapes); rename it"))
    if links_outside(path, config.root):
        raise InvalidPage(error(rel, None, "file-outside-project", OUTSIDE_PROJECT))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidPage(error(rel, None, "encoding", f"not UTF-8 ({exc.reason} at byte "
                                                       f"{exc.start}); save the page as UTF-8"))
    text = _unified_line_ends(text)
    control = NOT_IN_XML.search(text)
    if control:
        report(_control_warning(rel, text.count("\n", 0, control.start()) + 1, control.group()))
    try:
        page = parse(_without_xml_forbidden(text))
    except FrontMatterError as exc:
        raise InvalidPage(error(rel, exc.line, "front-matter-syntax", str(exc)))
    if not page.data:
        raise InvalidPage(error(rel, 1, "front-matter-missing",
                                "no front matter: a page starts with '---', its metadata, and '---'"))
    values = {key: _as_editors_read_it(key, _without_control_characters(
        value, lambda char, key=key: report(_control_warning(rel, page.key_lines.get(key), char))))
        for key, value in page.data.items()}
    fields = _Fields(values, page.key_lines, rel, report, config.languages)
    if is_windows_reserved(path.name):
        report(warning(rel, None, "file-name-portable",
                       f"'{path.stem}' is a device name on Windows: the project cannot be checked "
                       f"out there; rename the file"))

    parts = path.relative_to(config.articles_dir).parts
    folder_lang = parts[0] if len(parts) > 1 else None
    lang = fields.value("lang") or folder_lang or ""
    if lang not in config.languages:  # from the folder
        raise fields.invalid("lang", "front-matter-value",
                             f"lang '{lang}' is not one of the site's languages "
                             f"({', '.join(config.languages)})")
    if folder_lang is not None and folder_lang != lang:
        report(warning(rel, fields.line("lang"), "lang-folder",
                       f"lang is '{lang}' but the page is in the '{folder_lang}' folder"))
    slug = path.stem
    if not SLUG_PATTERN.match(slug):
        slug = slugify(slug)
        if not slug:
            raise InvalidPage(error(rel, None, "slug-invalid",
                                    "the file name gives no usable URL slug; rename it to "
                                    "lower-case ASCII words joined by '-'"))
        report(warning(rel, None, "slug-normalised",
                       f"file name is not a clean slug; published as '{slug}'"))

    date = fields.value("date")
    if len(parts) == 4 and parts[1:3] != (f"{date:%Y}", f"{date:%m}"):
        report(warning(rel, fields.line("date"), "date-folder",
                       f"date {date.isoformat()} does not match the folder {parts[1]}/{parts[2]}"))
    outlet = fields.value("outlet") or "unknown"
    if outlet not in config.outlets:
        report(warning(rel, fields.line("outlet"), "outlet-unknown",
                       f"outlet '{outlet}' is not in content/outlets.yaml"))
    topics = _known_topics(fields, "topics", fields.value("topics"), config)

    headings, references = outline(md, page.body)
    section_topics = fields.value("section_topics")
    sections = []
    for token, anchor, heading in headings:
        if token.tag == "h2" and token.level == 0:  # not one quoted or in a list
            own = _known_topics(fields, "section_topics", section_topics.pop(anchor, []), config)
            sections.append(Section(anchor, heading, own))
    for anchor in section_topics:
        report(warning(rel, fields.line("section_topics"), "section-unknown",
                       f"section_topics names '#{anchor}', but no '## ' heading has that anchor"))
    for fragment_id, declared, body_line in references:
        line = page.body_line + body_line
        if fragment_id not in known_fragments:
            report(warning(rel, line, "fragment-unknown",
                           f"fragment '{fragment_id}' is in no locales/*/LC_MESSAGES/fragments.po"))
        elif declared and declared != known_fragments[fragment_id]:
            report(warning(rel, line, "fragment-lang",
                           f"fragment '{fragment_id}' is declared lang=\"{declared}\" but its "
                           f"catalog says '{known_fragments[fragment_id]}'"))

    translated_from = fields.value("translated_from")
    summary = fields.value("summary") or ""
    return Article(
        path=rel,
        lang=lang,
        slug=slug,
        title=fields.value("title"),
        date=date,
        outlet=outlet,
        translation_key=fields.value("translation_key") or f"{lang}-{slug}",
        digest=data_digest,
        body_sha256=hashlib.sha256(" ".join(page.body.split()).encode("utf-8")).hexdigest(),
        body_line=page.body_line,
        published=fields.value("published"),
        translated_from=translated_from,
        original_sha256=fields.value("original_sha256"),
        topics=tuple(sorted(set(topics) | {t for s in sections for t in s.topics})),
        sections=tuple(sections),
        summary=summary,
        lede=_lede(summary, page.body),
        place=fields.value("place") or "",
        source=fields.value("source"),
        source_sha256=fields.value("source_sha256"),
        source_url=_web_address(fields, "source_url"),
        related=fields.value("related"),
        fragments=tuple(dict.fromkeys(fragment_id for fragment_id, _, _ in references)),
        extra={key: value for key, value in values.items() if key not in KNOWN_KEYS},
    )


NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters that XML 1.0 forbids (a feed with one is broken) and HTML reports as errors."""


def _unified_line_ends(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")  # as reading in text mode does


def _without_xml_forbidden(text: str) -> str:
    """``text`` with each character XML forbids replaced by U+FFFD (reported where it is read)."""
    return NOT_IN_XML.sub("\ufffd", text)


def _lede(summary: str, body: str) -> str:
    """The summary, shown under the title unless the body already opens with its words."""
    words = " ".join(summary.split()).rstrip("…")
    paragraphs = (p for p in body.strip().split("\n\n") if p and not p.startswith("#"))
    opening = " ".join(next(paragraphs, "").split())
    return "" if words and opening.startswith(words) else summary


def page_body(config: SiteConfig, article: Article) -> str:
    """The Markdown body of ``article``, read again from its page file.

    A build keeps every article's fields but not its body, most of a site's memory (at 100,000
    pages, 0.7 GiB in the build and more in the render workers' copies), and a body is needed
    once: when its page is rendered. The file must still hold the bytes the article was read
    from; if it changed since (saved while the site was being built), the build stops here
    rather than publish a body with another version's title and dates, and the next build
    reads it afresh.
    """
    try:
        data = config.root.joinpath(*article.path.split("/")).read_bytes()
    except OSError as exc:
        raise BuildError(error(article.path, None, "page-changed",
                               f"could not be read again ({exc.strerror}) while the site was "
                               f"being built; build again")) from exc
    if digest(data) != article.digest:
        raise BuildError(error(article.path, None, "page-changed",
                               "changed while the site was being built; build again"))
    return split_body(_without_xml_forbidden(_unified_line_ends(data.decode("utf-8"))))


def page_bodies(config: SiteConfig, articles: Iterable[Article]) -> dict[str, str]:
    """:func:`page_body` of each of ``articles``, by path: for the commands that work on the
    text itself (``digest i18n pair``)."""
    return {article.path: page_body(config, article) for article in articles}


def _control_warning(rel: str, line: int | None, char: str) -> Diagnostic:
    return warning(rel, line, "control-character",
                   f"control character U+{ord(char):04X} replaced by U+FFFD (no page or feed may "
                   f"hold it); delete it")


def _without_control_characters(value: Any, found: Callable[[str], None]) -> Any:
    """A front-matter value with the characters of :data:`NOT_IN_XML` (which YAML lets in as
    escapes such as ``"\\0"``) replaced by U+FFFD; ``found`` hears of each string that held one."""
    if isinstance(value, str):
        control = NOT_IN_XML.search(value)
        if control:
            found(control.group())
            return NOT_IN_XML.sub("\ufffd", value)
        return value
    if isinstance(value, list):
        return [_without_control_characters(item, found) for item in value]
    if isinstance(value, dict):
        return {_without_control_characters(k, found): _without_control_characters(v, found)
                for k, v in value.items()}
    return value


def _as_editors_read_it(key: str, value: Any) -> Any:
    """A known field's value with the dates YAML 1.1 finds in it as the text they are in YAML
    1.2, which editors' tools (and the schema checked there) read: ``title: 2020-04-17`` is a
    title, not an error, in the build as in the editor. The date fields keep their dates."""
    field = FIELD_BY_KEY.get(key)
    if field is None or field.kind in (Kind.DATE, Kind.DATETIME):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_as_editors_read_it(key, item) for item in value]
    if isinstance(value, dict):
        return {_as_editors_read_it(key, k): _as_editors_read_it(key, v) for k, v in value.items()}
    return value


KNOWN_KEYS = frozenset(KEY_ORDER)
WEB_SCHEMES = ("http", "https")


def _web_address(fields: _Fields, key: str) -> str | None:
    """An http(s) address, or None with a warning: a page links to it, and a ``javascript:``
    or ``data:`` address in a link runs in the reader's browser."""
    value = fields.value(key)
    if value is None:
        return None
    parts = urlsplit(value)
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.netloc:
        fields.report(warning(fields.rel, fields.line(key), "front-matter-url",
                              f"'{key}' must be an http(s) address, not {value[:60]!r}; ignored"))
        return None
    return value


def _known_topics(fields: _Fields, key: str, topics: list[str], config: SiteConfig) -> tuple[str, ...]:
    known = []
    for topic in topics:
        if topic in config.topics:
            known.append(topic)
        else:
            fields.report(warning(fields.rel, fields.line(key), "topic-unknown",
                                  f"topic '{topic}' is not in content/topics.yaml; ignored"))
    return tuple(sorted(set(known)))


class _Fields:
    """Typed access to front-matter values, each read as its field's kind says
    (:mod:`builder.fields`, which the JSON Schema is made from too); a wrong type raises
    InvalidPage at the key's line."""

    def __init__(self, data: Mapping[str, Any], lines: Mapping[str, int], rel: str,
                 report: Callable[[Diagnostic], None], languages: tuple[str, ...]):
        self.data, self.lines, self.rel, self.report = data, lines, rel, report
        self.languages = languages

    def value(self, key: str) -> Any:
        """The value of the field ``key``, validated as its kind."""
        field = FIELD_BY_KEY[key]
        match field.kind:
            case Kind.TEXT:
                return self.text(key, required=field.required)
            case Kind.DATE:
                return self.date(key)
            case Kind.DATETIME:
                return self.datetime(key)
            case Kind.LANGUAGE:
                return self.language(key)
            case Kind.NAMES:
                return self.string_list(key)
            case Kind.NAMES_BY_SECTION:
                return self.mapping_of_lists(key)
            case Kind.HEADLINES:
                return self.related(key)
        raise AssertionError(f"no reader for {field.kind}")

    def language(self, key: str) -> str | None:
        value = self.text(key, required=False)
        if value is not None and value not in self.languages:
            raise self.invalid(key, "front-matter-value",
                               f"{key} '{value}' is not one of the site's languages "
                               f"({', '.join(self.languages)})")
        return value

    def line(self, key: str) -> int | None:
        return self.lines.get(key)

    def invalid(self, key: str, code: str, message: str) -> InvalidPage:
        return InvalidPage(error(self.rel, self.line(key) or 1, code, message))

    def _type_error(self, key: str, expected: str) -> InvalidPage:
        value = self.data[key]
        return self.invalid(key, "front-matter-type",
                            f"'{key}' must be {expected}, not {type(value).__name__} {value!r}")

    def text(self, key: str, *, required: bool = True) -> Any:
        value = self.data.get(key)
        if value is None or value == "":
            if required:
                raise InvalidPage(error(self.rel, 2, "front-matter-missing",
                                        f"'{key}' is required"))
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise self._type_error(key, "text")
        return str(value).strip()

    def date(self, key: str) -> dt.date:
        value = self.data.get(key)
        if value is None:
            raise InvalidPage(error(self.rel, 2, "front-matter-missing",
                                    f"'{key}' is required (the news date, YYYY-MM-DD)"))
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        raise self._type_error(key, "a date like 2020-04-17")

    def datetime(self, key: str) -> dt.datetime | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, str):
            try:
                value = dt.datetime.fromisoformat(value.strip())
            except ValueError:
                raise self._type_error(key, "a date-time like 2020-04-21T14:27:00+03:00") from None
        if isinstance(value, dt.datetime):
            if value.tzinfo is None:
                self.report(warning(self.rel, self.line(key), "published-no-offset",
                                    f"'{key}' has no UTC offset; add one, e.g. +03:00"))
            return value
        if isinstance(value, dt.date):
            return dt.datetime(value.year, value.month, value.day)
        raise self._type_error(key, "a date-time like 2020-04-21T14:27:00+03:00")

    def string_list(self, key: str) -> list[str]:
        value = self.data.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self._type_error(key, "a list of names")
        return list(value)

    def mapping_of_lists(self, key: str) -> dict[str, list[str]]:
        value = self.data.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict) or not all(
                isinstance(k, str) and isinstance(v, list) and all(isinstance(i, str) for i in v)
                for k, v in value.items()):
            raise self._type_error(key, "a mapping of section anchors to lists of topics")
        return {k: list(v) for k, v in value.items()}

    def related(self, key: str) -> tuple[RelatedHeadline, ...]:
        value = self.data.get(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            raise self._type_error(key, "a list of {title, teaser} entries")
        headlines = []
        for item in value:
            if isinstance(item, str):
                headlines.append(RelatedHeadline(item))
            elif isinstance(item, dict) and isinstance(item.get("title"), str):
                headlines.append(RelatedHeadline(item["title"], str(item.get("teaser") or "")))
            else:
                raise self._type_error(key, "a list of {title, teaser} entries")
        return tuple(headlines)
