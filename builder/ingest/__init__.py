"""Raw sources in ``content/sources/`` -> Markdown pages in ``content/articles/``.

    source bytes --decode--> text --adapter.extract--> Draft --assemble--> NewPage --write--> .md

One adapter module per outlet (:mod:`~builder.ingest.mfa`, :mod:`~builder.ingest.tass`, and
:mod:`~builder.ingest.generic` for anything else), each with ``recognise(text)`` and
``extract(source) -> Draft``; the first in :data:`ADAPTERS` that recognises a text handles it.
A source that already has a page (its ``source:`` front matter names it) is kept as the editor
has it, unless forced. Facts a text lacks come from sidecars (:mod:`~builder.ingest.sidecar`). Every
source gets an outcome (ingested, kept, skipped, failed); skips and failures are located
diagnostics, and one bad source never stops the others.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import ModuleType
from urllib.parse import urlsplit

from builder import frontmatter
from builder.config import SiteConfig
from builder.diagnostics import (
    BuildError,
    Diagnostic,
    Fate,
    FileOutcome,
    InputKind,
    Severity,
    error,
    warning,
)
from builder.files import (
    OUTSIDE_PROJECT,
    is_editor_noise,
    is_windows_reserved,
    links_outside,
    name_not_utf8,
    write_atomically,
)
from builder.i18n import add_fragments, load_catalogs
from builder.ingest import generic, html, markdown_source, mfa, tass
from builder.ingest.assemble import (
    IngestError,
    NewPage,
    SiteKnowledge,
    assemble,
    normalised_fragment,
)
from builder.ingest.decode import DecodeError, decode
from builder.ingest.draft import Draft, Dropped, Source
from builder.ingest.page import page_text
from builder.ingest.sidecar import SIDECAR_SUFFIX, facts_for, validate
from builder.ingest.topics import TopicMatcher
from builder.read import page_files

ADAPTERS: tuple[ModuleType, ...] = (mfa, tass, generic)
"""Outlet adapters, most specific first; ``generic`` recognises everything."""
MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")


@dataclass(frozen=True)
class IngestResult:
    outcomes: tuple[FileOutcome, ...]
    """One per source: ingested (detail: the page written), kept (detail: its page) or failed."""
    diagnostics: tuple[Diagnostic, ...]
    pages: Mapping[str, NewPage] = field(default_factory=dict)
    """The page written for each ingested source, by the source's path (as in ``outcomes``)."""


@dataclass(frozen=True)
class ExistingPage:
    path: str
    source_sha256: str | None


def ingest_sources(config: SiteConfig, paths: Iterable[Path] | None = None,
                   force: bool = False, today: dt.date | None = None) -> IngestResult:
    """Ingest ``paths`` (files or folders; default: all of ``content/sources/``)."""
    outcomes: list[FileOutcome] = []
    diagnostics: list[Diagnostic] = []
    pages: dict[str, NewPage] = {}
    files = _source_files(config, paths, diagnostics, outcomes)
    if not files:
        return IngestResult(tuple(outcomes), tuple(diagnostics))
    existing, slugs = _existing_pages(config)
    fragments = load_catalogs(config).fragments
    site = SiteKnowledge(
        languages=config.languages,
        topics=TopicMatcher.from_topics(config.topics),
        fragments={normalised_fragment(f.original): f.id for f in fragments.values()},
        taken_slugs=slugs,
        today=today or dt.date.today(),
    )
    for path in files:
        rel = config.relative(path)
        ref = path.relative_to(config.content_dir).as_posix()
        page_before = existing.get(ref)
        if page_before is not None and not force:
            outcomes.append(FileOutcome(InputKind.SOURCE, rel, Fate.KEPT, page_before.path))
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            if page_before.source_sha256 not in (None, digest):
                diagnostics.append(warning(
                    rel, None, "source-changed",
                    f"the source changed since {page_before.path} was written from it; the page "
                    f"is kept as it is (re-ingest with 'digest ingest --force {rel}')"))
            continue
        try:
            page = _ingest_one(path, rel, ref, config, site, page_before)
        except BuildError:
            raise  # a broken catalog or configuration concerns every page
        except Exception as exc:  # noqa: BLE001 - a bug on one source must not stop the others
            problem = exc.diagnostic if isinstance(exc, IngestError) else error(
                rel, None, "ingest-crash", f"ingest failed on this source ({type(exc).__name__}: "
                                           f"{exc}); the other sources went on. Please report it")
            diagnostics.append(problem)
            fate = Fate.SKIPPED if problem.severity is Severity.WARNING else Fate.FAILED
            outcomes.append(FileOutcome(InputKind.SOURCE, rel, fate, problem.message))
            continue
        diagnostics.extend(page.diagnostics)
        written = config.relative(config.articles_dir / page.path)
        outcomes.append(FileOutcome(InputKind.SOURCE, rel, Fate.INGESTED, written))
        pages[rel] = page
        site = replace(
            site,
            fragments={**site.fragments,
                       **{normalised_fragment(f.original): f.id for f in page.new_fragments}},
            taken_slugs={**site.taken_slugs,
                         page.lang: {*site.taken_slugs.get(page.lang, ()), page.slug}},
        )
    return IngestResult(tuple(outcomes), tuple(diagnostics), pages)


def _ingest_one(path: Path, rel: str, ref: str, config: SiteConfig, site: SiteKnowledge,
                page_before: ExistingPage | None) -> NewPage:
    """Read, extract, assemble and write one source; IngestError says why it could not."""
    if name_not_utf8(rel):  # the page could not record where it came from
        raise IngestError(error(rel, None, "file-name-encoding",
                                "the file name is not UTF-8 (shown with \\x escapes); rename it"))
    try:
        data = path.read_bytes()
        text = decode(data)
    except DecodeError as exc:
        raise IngestError(error(rel, exc.line, "source-encoding", str(exc))) from exc
    except OSError as exc:
        raise IngestError(error(rel, None, "source-unreadable", exc.strerror or str(exc))) from exc
    if not text.strip():
        raise IngestError(error(rel, None, "source-empty", "the source has no text"))
    source = Source(rel, text, hashlib.sha256(data).hexdigest(), facts_for(path, config))
    draft, source = _extract(source, path.suffix.lower(), config)
    if page_before is not None:  # forced: the old page's slug is free for its new version
        lang_slugs = {lang: taken - {Path(page_before.path).stem}
                      for lang, taken in site.taken_slugs.items()}
        site = replace(site, taken_slugs=lang_slugs)
    page = assemble(draft, source, ref, site)
    add_fragments(config, page.new_fragments)
    target = config.articles_dir / page.path
    write_atomically(target, page_text(page).encode("utf-8"), config.scratch_dir,
                     replace=page_before is not None)
    if page_before is not None and config.root / page_before.path != target:
        (config.root / page_before.path).unlink(missing_ok=True)
    return page


def _extract(source: Source, suffix: str, config: SiteConfig) -> tuple[Draft, Source]:
    """The Draft of a source, by its format first, then its outlet.

    Markdown keeps its markup; a saved HTML page is reduced to its main text, which then goes
    to the outlet adapters like pasted text. Facts found in the file itself (front matter, page
    metadata) are defaults under the editor's sidecars, which always win. The outlet is the
    sidecar's, else the one whose site the source's URL is on, else the adapter's that
    recognises the text.
    """
    if suffix in MARKDOWN_SUFFIXES:
        try:
            markdown = markdown_source.split(source.text)
        except frontmatter.FrontMatterError as exc:
            raise IngestError(error(source.path, exc.line, "source-front-matter", str(exc))) from exc
        meta = {**validate(markdown.meta, source.path, config), **source.meta}
        source = _with_outlet(replace(source, text=markdown.body, meta=meta),
                              markdown_source.OUTLET, config)
        draft = markdown_source.extract(source, markdown.body_line)
        unused = tuple(warning(source.path, markdown.key_lines.get(key), "source-front-matter-key",
                               f"front-matter key '{key}' is not one ingest uses; left out")
                       for key in markdown.ignored)
        return replace(draft, diagnostics=draft.diagnostics + unused), source
    left_out: tuple[Dropped, ...] = ()
    if suffix in HTML_SUFFIXES or html.is_html(source.text):
        page = html.to_text(source.text)
        meta = {**validate(dict(page.meta), source.path, config), **source.meta}
        source = replace(source, text=page.text, meta=meta)
        left_out = tuple(Dropped(1, note, "left out of the saved page") for note in page.dropped)
    outlet = source.meta.get("outlet") or _outlet_of(source.meta.get("url"), config)
    adapter = next((a for a in ADAPTERS if outlet and a.OUTLET == outlet), None) or next(
        a for a in ADAPTERS if a.recognise(source.text))
    source = _with_outlet(source, outlet or adapter.OUTLET, config)
    draft = adapter.extract(source)
    return replace(draft, outlet=outlet or draft.outlet, dropped=left_out + draft.dropped), source


def _outlet_of(url: object, config: SiteConfig) -> str | None:
    """The outlet whose ``url`` in content/outlets.yaml hosts ``url`` (tass.com/…: tass)."""
    host = urlsplit(url).hostname if isinstance(url, str) else None
    for key, outlet in config.outlets.items():
        own = urlsplit(outlet.url).hostname if outlet.url else None
        if host and own and (host == own or host.endswith("." + own)):
            return key
    return None


def _with_outlet(source: Source, outlet: str, config: SiteConfig) -> Source:
    """``source`` with the time zone of its outlet, for the times its text gives."""
    known = config.outlets.get(outlet)
    return replace(source, timezone=known.timezone if known else None)


def _source_files(config: SiteConfig, paths: Iterable[Path] | None,
                  diagnostics: list[Diagnostic], outcomes: list[FileOutcome]) -> list[Path]:
    """Source files to ingest, each inside ``content/`` (files from elsewhere are copied in)."""
    files: list[Path] = []
    for path in paths if paths is not None else [config.sources_dir]:
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                if not (found.is_file() and _is_source(found)):
                    continue
                if links_outside(found, config.root):  # named on the command line, it is copied
                    diagnostic = error(Path(os.path.relpath(found, config.root)).as_posix(),
                                       None, "file-outside-project", OUTSIDE_PROJECT)
                    diagnostics.append(diagnostic)
                    outcomes.append(FileOutcome(InputKind.SOURCE, diagnostic.path, Fate.FAILED,
                                                diagnostic.message))
                else:
                    files.append(found)
        elif path.is_file():
            files.append(path)
        elif paths is not None:
            diagnostic = error(str(path), None, "source-missing", "no such file or folder")
            diagnostics.append(diagnostic)
            outcomes.append(FileOutcome(InputKind.SOURCE, str(path), Fate.FAILED, diagnostic.message))
    return [_inside_content(config, path.resolve()) for path in files]


def _is_source(path: Path) -> bool:
    name = path.name
    return not (is_editor_noise(name) or name.endswith(SIDECAR_SUFFIX))


def _inside_content(config: SiteConfig, path: Path) -> Path:
    """``path`` itself when it is in ``content/``, else its copy in ``content/sources/``.

    The page records its source by a path inside the project, so the source must live there:
    nothing is lost when the original folder is cleaned up, and a clone can re-ingest it.
    """
    content = config.content_dir.resolve()
    if path.is_relative_to(content):
        return path
    target, number = config.sources_dir / path.name, 2
    while is_windows_reserved(target.name) or (target.exists()
                                                and target.read_bytes() != path.read_bytes()):
        target, number = config.sources_dir / f"{path.stem}-{number}{path.suffix}", number + 1
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, target)
    sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
    if os.path.isfile(sidecar):  # False, not an error, when the name would be too long
        shutil.copyfile(sidecar, target.with_name(target.name + SIDECAR_SUFFIX))
    return target


def _existing_pages(config: SiteConfig) -> tuple[dict[str, ExistingPage], dict[str, set[str]]]:
    """Pages by the source they were made from, and the slugs taken in each language."""
    by_source: dict[str, ExistingPage] = {}
    slugs: dict[str, set[str]] = {}
    for inner, full in page_files(config.articles_dir):  # the pages the read stage reads
        path, parts = Path(full), inner.split("/")
        slugs.setdefault(parts[0] if len(parts) > 1 else "", set()).add(path.stem)
        try:
            data = frontmatter.parse(path.read_text(encoding="utf-8")).data
        except (frontmatter.FrontMatterError, UnicodeDecodeError, OSError):
            continue  # the read stage reports broken pages; here they only hold their slug
        source = data.get("source")
        if isinstance(source, str):
            sha = data.get("source_sha256")
            by_source[source] = ExistingPage(config.relative(path),
                                             sha if isinstance(sha, str) else None)
    return by_source, slugs
