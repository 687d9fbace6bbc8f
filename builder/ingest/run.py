"""One run of ingest: every source of ``content/sources/`` (or the paths given) to its fate.

In: the configuration, the sources (or paths) to ingest, and what is already known of them.
Out: an :class:`~builder.ingest.report.IngestResult`, each source's outcome and diagnostics,
and the pages written (in a dry run: that would be). The package docstring
(:mod:`builder.ingest`) says how a source becomes a page.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from builder.config import ARTICLES_DIR, SiteConfig
from builder.diagnostics import (
    ENVIRONMENT_FAULTS,
    BuildError,
    Diagnostic,
    Fate,
    FileOutcome,
    InputKind,
    Severity,
    error,
    warning,
)
from builder.formats.binary import not_text
from builder.formats.pages import PAGES_FOLDER, page_files
from builder.i18n import load_catalogs
from builder.ingest.assemble import (
    IngestError,
    NewPage,
    SiteKnowledge,
    assemble,
    normalised_fragment,
)
from builder.ingest.decode import DecodeError, decode
from builder.ingest.draft import Source
from builder.ingest.extract import extract
from builder.ingest.page import write_page
from builder.ingest.record import Entry, ExistingPage, Known, read_record, write_record
from builder.ingest.report import IngestResult, SourceResult
from builder.ingest.sidecar import SIDECAR_SUFFIX, facts_for, unmatched_entries
from builder.ingest.topics import TopicMatcher
from builder.util.files import (
    OUTSIDE_PROJECT,
    is_editor_noise,
    is_windows_reserved,
    name_not_utf8,
    walk,
    write_atomically,
)


@dataclass(frozen=True)
class SourceFile:
    """A source to ingest, and its place in ``content/``, which its page records."""

    path: Path
    """Inside ``content/``: the file itself, or where a file from outside is copied to."""
    original: Path | None = None
    """The file outside the project that ``path`` is a copy of (in a dry run: would be)."""

    @property
    def read_from(self) -> Path:
        """The original, if any: the copy has the same bytes, and a dry run does not make it."""
        return self.original or self.path


def has_sources(config: SiteConfig) -> bool:
    """Whether ``content/sources/`` holds anything for ingest to look at."""
    try:
        with os.scandir(config.sources_dir) as entries:
            return any(True for _ in entries)
    except (FileNotFoundError, NotADirectoryError):
        return False


def ingest_sources(config: SiteConfig, paths: Iterable[Path] | None = None,
                   force: bool = False, today: dt.date | None = None,
                   dry_run: bool = False) -> IngestResult:
    """Ingest ``paths`` (files or folders; default: all of ``content/sources/``).

    With ``dry_run``, every decision is taken as in a real run (later sources see the slugs and
    fragments of the pages before them) and nothing is written: no page, no fragment in the
    catalogs, no copy of a file from outside into ``content/sources/`` (its original is read
    instead), no scratch file. The result is the one the real run would give.
    """
    files, results = _source_files(config, paths)
    if not files:
        return IngestResult(tuple(results))
    if not dry_run:
        for file in files:
            _copy_in(file, config.scratch_dir)
    record = read_record(config)
    known = Known(config, record)
    slugs = _taken_slugs(config)
    fragments = load_catalogs(config).fragments
    site = SiteKnowledge(
        languages=config.languages,
        topics=TopicMatcher.from_topics(config.topics),
        fragments={normalised_fragment(f.original): f.id for f in fragments.values()},
        taken_slugs=slugs,
        today=today or dt.date.today(),
    )
    looked_at: set[Path] = set()  # the folders of the sources read in this run
    for file in files:
        rel = config.relative(file.path)
        ref = file.path.relative_to(config.content_dir).as_posix()
        try:
            digest = hashlib.sha256(file.read_from.read_bytes()).hexdigest()
        except OSError:
            digest = ""  # the source's own failure is said where it is read
        page_before = known.page_of(ref, digest)
        if page_before is not None and not force:
            results.append(_kept(config, rel, page_before, digest, file.original))
            continue
        looked_at.add(file.path.parent)
        try:
            page = _ingest_one(file, rel, ref, config, site, page_before)
            if not dry_run:
                write_page(config, page, page_before.path if page_before else None)
        except BuildError:
            raise  # a broken catalog or configuration concerns every page
        except OSError as exc:
            if exc.errno in ENVIRONMENT_FAULTS:  # the machine's: one line, and stop there
                raise
            problem = error(rel, None, "source-unreadable", exc.strerror or str(exc))
            results.append(_failure(problem))
            continue
        except Exception as exc:  # noqa: BLE001 - a bug on one source must not stop the others
            problem = exc.diagnostic if isinstance(exc, IngestError) else error(
                rel, None, "ingest-crash", f"ingest failed on this source ({type(exc).__name__}: "
                                           f"{exc}); the other sources went on. Please report it")
            fate = Fate.SKIPPED if problem.severity is Severity.WARNING else Fate.FAILED
            results.append(SourceResult(FileOutcome(InputKind.SOURCE, rel, fate, problem.message),
                                        (problem,), original=file.original))
            continue
        known.ingested(ref, Entry(f"{ARTICLES_DIR}/{page.path}", digest))
        written = config.relative(config.articles_dir / page.path)
        results.append(SourceResult(FileOutcome(InputKind.SOURCE, rel, Fate.INGESTED, written),
                                    page.diagnostics, page, file.original))
        site = replace(
            site,
            fragments={**site.fragments,
                       **{normalised_fragment(f.original): f.id for f in page.new_fragments}},
            taken_slugs={**site.taken_slugs,
                         page.lang: {*site.taken_slugs.get(page.lang, ()), page.slug}},
            taken_keys={**site.taken_keys, page.lang: {
                *site.taken_keys.get(page.lang, ()), page.front_matter["translation_key"]}},
        )
    if not (dry_run or record.problems):  # a record with a bad line is not rewritten
        write_record(config, known.entries(pruned=paths is None))
    unmatched = [problem for folder in sorted(looked_at)
                 for problem in unmatched_entries(folder, config)]
    return IngestResult(tuple(results), (*record.problems, *unmatched))


def _ingest_one(file: SourceFile, rel: str, ref: str, config: SiteConfig, site: SiteKnowledge,
                page_before: ExistingPage | None) -> NewPage:
    """Read, extract and assemble one source, writing nothing; IngestError says why it could
    not become a page."""
    if name_not_utf8(rel):  # the page could not record where it came from
        raise IngestError(error(rel, None, "file-name-encoding",
                                "the file name is not UTF-8 (shown with \\x escapes); rename it"))
    try:
        data = file.read_from.read_bytes()
        if binary := not_text(data):  # which KOI8-R would decode, every byte a letter
            raise IngestError(error(rel, binary.line, "source-binary", (
                f"{binary.what}, not text: save the article's text as a .txt, .md or .html "
                f"file and use that instead")))
        text = decode(data)
    except DecodeError as exc:
        raise IngestError(error(rel, exc.line, "source-encoding", str(exc))) from exc
    except OSError as exc:
        raise IngestError(error(rel, None, "source-unreadable", exc.strerror or str(exc))) from exc
    if not text.strip():
        raise IngestError(error(rel, None, "source-empty", "the source has no text"))
    facts = facts_for(file.path, config, _own_sidecar(file))
    source = Source(rel, text, hashlib.sha256(data).hexdigest(), facts)
    draft, source = extract(source, file.path.suffix.lower(), config)
    if page_before is not None:  # forced: the old page's slug is free for its new version
        lang_slugs = {lang: taken - {Path(page_before.path).stem}
                      for lang, taken in site.taken_slugs.items()}
        site = replace(site, taken_slugs=lang_slugs)
    return assemble(draft, source, ref, site)


def _source_files(config: SiteConfig, paths: Iterable[Path] | None
                  ) -> tuple[list[SourceFile], list[SourceResult]]:
    """Source files to ingest, each with its place inside ``content/`` (files from elsewhere
    get one in ``content/sources/``), and the failed outcomes of paths that are no sources."""
    found: list[Path] = []
    failed: list[SourceResult] = []
    for path in paths if paths is not None else [config.sources_dir]:
        if paths is not None and (refused := _not_sources(config, path)):
            failed.append(_failure(refused))
        elif path.is_dir():
            for _, entry in walk(path, noise=True):  # a hidden folder's sources too, as ever
                inner = Path(entry.path)
                if not (entry.is_file() and _is_source(inner)):
                    continue
                # A link in it is held to the rule a file named on the command line is: one
                # in content/sources/ to .git/config or digest.toml was copied in as a source.
                if refused := _not_sources(config, inner):
                    failed.append(_failure(refused))
                else:
                    found.append(inner)
        elif path.is_file():
            found.append(path)
        elif paths is not None:
            failed.append(_failure(error(str(path), None, "source-missing",
                                         "no such file or folder")))
    files: list[SourceFile] = []
    placed: dict[Path, Path] = {}
    for path in (path.resolve() for path in found):
        place = _place_in_content(config, path, placed)
        if place == path:
            files.append(SourceFile(path))
        else:
            placed[place] = path
            files.append(SourceFile(place, path))
    return files, failed


def _not_sources(config: SiteConfig, path: Path) -> Diagnostic | None:
    """Why ``path``, as given to ``digest ingest``, is no file or folder of sources: the project
    itself or a folder holding it (``digest ingest .`` copied the whole project, ``.git`` and
    all, into ``content/sources/``); a place in the project outside ``content/sources/``
    (its pages, templates, site, ``.git``, ``digest.toml``: never sources); or a link in
    ``content/sources/`` that leads out of the project (its target would be copied in and
    published, as a build never does)."""
    given, real, root = Path(os.path.abspath(path)), Path(os.path.realpath(path)), config.root
    shown_path = config.relative(given) if given.is_relative_to(root) else str(path) or "''"
    if root.is_relative_to(real):
        return error(shown_path, None, "source-path",
                     "it is the project folder or holds it; give files or folders of sources")
    for place in (given, real):
        if place.is_relative_to(root) and not place.is_relative_to(config.sources_dir):
            return error(shown_path, None, "source-path", (
                "in the project, sources are in content/sources/; move it there, or give it "
                "from outside the project"))
    if given.is_relative_to(root) and not real.is_relative_to(root):
        return error(config.relative(given), None, "file-outside-project", OUTSIDE_PROJECT)
    return None


def _failure(problem: Diagnostic) -> SourceResult:
    return SourceResult(FileOutcome(InputKind.SOURCE, problem.path, Fate.FAILED, problem.message),
                        (problem,))


def _is_source(path: Path) -> bool:
    name = path.name
    return not (is_editor_noise(name) or name.endswith(SIDECAR_SUFFIX))


def _place_in_content(config: SiteConfig, path: Path, placed: Mapping[Path, Path]) -> Path:
    """``path`` itself when it is in ``content/``, else the place of its copy in
    ``content/sources/``: its own name, numbered when that is a Windows device name or holds
    other bytes (or will: ``placed`` maps the places taken so far in this run to their
    originals).

    The page records its source by a path inside the project, so the source must live there:
    nothing is lost when the original folder is cleaned up, and a clone can re-ingest it.
    """
    content = config.content_dir.resolve()
    if path.is_relative_to(content):
        return path
    data = path.read_bytes()
    target, number = config.sources_dir / path.name, 2
    while is_windows_reserved(target.name) or _holds_other(placed.get(target, target), data):
        target, number = config.sources_dir / f"{path.stem}-{number}{path.suffix}", number + 1
    return target


def _holds_other(path: Path, data: bytes) -> bool:
    return path.exists() and path.read_bytes() != data


def _own_sidecar(file: SourceFile) -> Path | None:
    """The sidecar of a file from outside, which its copy brings along; None when it has none
    (the copy's place may have its own, from before) or is in the project already."""
    if file.original is None:
        return None
    sidecar = file.original.with_name(file.original.name + SIDECAR_SUFFIX)
    return sidecar if os.path.isfile(sidecar) else None  # False when the name is too long


def _copy_in(file: SourceFile, scratch: Path) -> None:
    """Copy a file from outside the project, and its sidecar, to its place in ``content/``,
    each whole or not at all (a full disk once left an empty copy, then "source-empty")."""
    if file.original is None:
        return
    write_atomically(file.path, file.original.read_bytes(), scratch)
    if (sidecar := _own_sidecar(file)) is not None:
        write_atomically(file.path.with_name(file.path.name + SIDECAR_SUFFIX),
                         sidecar.read_bytes(), scratch)


def _taken_slugs(config: SiteConfig) -> dict[str, set[str]]:
    """The slugs of the pages there are, in each language (by their file names)."""
    slugs: dict[str, set[str]] = {}
    for rel in page_files(config):  # the pages the read stage reads
        parts = rel.removeprefix(PAGES_FOLDER).split("/")
        slugs.setdefault(parts[0] if len(parts) > 1 else "", set()).add(Path(rel).stem)
    return slugs


def _kept(config: SiteConfig, rel: str, page: ExistingPage, digest: str,
          original: Path | None) -> SourceResult:
    """A source that has its page (or had it: the editor deleted it), left as it is."""
    there = (config.root / page.path).is_file()
    detail = page.path if there else (f"{page.path}, deleted (ingest --force makes it again)")
    problems: tuple[Diagnostic, ...] = ()
    if page.same_as is not None:
        problems = (warning(rel, None, "source-duplicate", (
            f"the same bytes as {page.same_as}, which became {page.path}; nothing was ingested "
            f"(delete one of the two)")),)
    elif page.source_sha256 and digest and page.source_sha256 != digest:
        problems = (warning(rel, None, "source-changed", (
            f"the source changed since {page.path} was written from it; the page is kept as it "
            f"is (re-ingest with 'digest ingest --force {rel}')")),)
    return SourceResult(FileOutcome(InputKind.SOURCE, rel, Fate.KEPT, detail), problems,
                        original=original)
