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
from collections.abc import Collection, Iterable, Mapping
from dataclasses import replace
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
from builder.ingest.memo import IngestMemo, settled
from builder.ingest.page import write_page
from builder.ingest.record import Entry, ExistingPage, Known, read_record, write_record
from builder.ingest.report import IngestResult, SourceResult
from builder.ingest.sidecar import facts_for, unmatched_entries
from builder.ingest.sources import SourceFile, copy_in, failure, own_sidecar, source_files
from builder.ingest.topics import TopicMatcher
from builder.util.files import is_editor_noise, name_not_utf8


def ingest_sources(config: SiteConfig, paths: Iterable[Path] | None = None,
                   force: bool = False, today: dt.date | None = None,
                   dry_run: bool = False, digests: Mapping[str, bytes] | None = None,
                   inputs: Collection[str] | None = None) -> IngestResult:
    """Ingest ``paths`` (files or folders; default: all of ``content/sources/``).

    With ``dry_run``, every decision is taken as in a real run (later sources see the slugs and
    fragments of the pages before them) and nothing is written: no page, no fragment in the
    catalogs, no copy of a file from outside into ``content/sources/`` (its original is read
    instead), no scratch file. The result is the one the real run would give.

    A build gives ``digests``, the SHA-256 of the sources whose stamps have not changed since
    they were read, by project-relative path (those are not read again), and ``inputs``, the
    paths its scan found: the result then has the :class:`~builder.ingest.memo.IngestMemo`
    the next build may take (:attr:`IngestResult.memo`).
    """
    files, results = source_files(config, paths)
    if not files:
        return _remembered(IngestResult(tuple(results)), inputs)
    if not dry_run:
        for file in files:
            if file.original is not None:
                copy_in(file, config.scratch_dir)
    record = read_record(config)
    known = Known(config, record)
    site: SiteKnowledge | None = None  # what a new page is made with, once one is
    read: dict[str, bytes] = {}  # the SHA-256 of each source, by project-relative path
    looked_at: set[Path] = set()  # the folders of the sources read in this run
    tried = False  # whether a source was tried and did not become a page
    for file in files:
        rel, ref = file.rel, file.ref
        sha256 = digests.get(rel) if digests else None
        if sha256 is None:
            try:
                sha256 = hashlib.sha256(file.read_bytes()).digest()
            except OSError:
                sha256 = b""  # the source's own failure is said where it is read
        if sha256:
            read[rel] = sha256
        digest = sha256.hex()
        page_before = known.page_of(ref, digest)
        if page_before is not None and not force:
            results.append(_kept(rel, page_before, digest, known.there(page_before.path),
                                 file.original))
            continue
        looked_at.add(file.path.parent)
        site = site or _site_knowledge(config, today)
        try:
            page = _ingest_one(file, config, site, page_before)
            if not dry_run:
                write_page(config, page, page_before.path if page_before else None)
        except BuildError:
            raise  # a broken catalog or configuration concerns every page
        except OSError as exc:
            if exc.errno in ENVIRONMENT_FAULTS:  # the machine's: one line, and stop there
                raise
            problem = error(rel, None, "source-unreadable", exc.strerror or str(exc))
            results.append(failure(problem))
            tried = True
            continue
        except Exception as exc:  # noqa: BLE001 - a bug on one source must not stop the others
            problem = exc.diagnostic if isinstance(exc, IngestError) else error(
                rel, None, "ingest-crash", f"ingest failed on this source ({type(exc).__name__}: "
                                           f"{exc}); the other sources went on. Please report it")
            fate = Fate.SKIPPED if problem.severity is Severity.WARNING else Fate.FAILED
            results.append(SourceResult(FileOutcome(InputKind.SOURCE, rel, fate, problem.message),
                                        (problem,), original=file.original))
            tried = True
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
    record_now, wrote = record.sha256, False
    if not (dry_run or record.problems):  # a record with a bad line is not rewritten
        entries = known.entries(pruned=paths is None, present={file.ref for file in files})
        record_now, wrote = write_record(config, entries, record)
    unmatched = [problem for folder in sorted(looked_at)
                 for problem in unmatched_entries(folder, config)]
    result = IngestResult(tuple(results), (*record.problems, *unmatched), wrote)
    if inputs is None or paths is not None or force or dry_run:
        return result
    pages_read = known.pages_needed(file.ref for file in files)  # looks at the pages written
    return replace(result, memo=settled(
        result.sources, result.problems, read, record_now, wrote=wrote, tried=tried,
        pages_read=pages_read, by_bytes=known.matched_by_bytes, today=today or dt.date.today(),
        seen=_seen(config, files, known, result, inputs)))


def _site_knowledge(config: SiteConfig, today: dt.date | None) -> SiteKnowledge:
    """What a new page is made with: the pages, topics and fragments there are, and the day."""
    fragments = load_catalogs(config).fragments
    return SiteKnowledge(
        languages=config.languages,
        topics=TopicMatcher.from_topics(config.topics),
        fragments={normalised_fragment(f.original): f.id for f in fragments.values()},
        taken_slugs=_taken_slugs(config),
        today=today or dt.date.today(),
    )


def _ingest_one(file: SourceFile, config: SiteConfig, site: SiteKnowledge,
                page_before: ExistingPage | None) -> NewPage:
    """Read, extract and assemble one source, writing nothing; IngestError says why it could
    not become a page."""
    rel = file.rel
    if name_not_utf8(rel):  # the page could not record where it came from
        raise IngestError(error(rel, None, "file-name-encoding",
                                "the file name is not UTF-8 (shown with \\x escapes); rename it"))
    try:
        data = file.read_bytes()
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
    facts = facts_for(file.path, config, own_sidecar(file))
    source = Source(rel, text, hashlib.sha256(data).hexdigest(), facts)
    draft, source = extract(source, file.path.suffix.lower(), config)
    if page_before is not None:  # forced: the old page's slug is free for its new version
        lang_slugs = {lang: taken - {Path(page_before.path).stem}
                      for lang, taken in site.taken_slugs.items()}
        site = replace(site, taken_slugs=lang_slugs)
    return assemble(draft, source, file.ref, site)


def _taken_slugs(config: SiteConfig) -> dict[str, set[str]]:
    """The slugs of the pages there are, in each language (by their file names)."""
    slugs: dict[str, set[str]] = {}
    for rel in page_files(config):  # the pages the read stage reads
        parts = rel.removeprefix(PAGES_FOLDER).split("/")
        slugs.setdefault(parts[0] if len(parts) > 1 else "", set()).add(Path(rel).stem)
    return slugs


def _kept(rel: str, page: ExistingPage, digest: str, there: bool,
          original: Path | None) -> SourceResult:
    """A source that has its page (or had it, ``there`` being False: the editor deleted it),
    left as it is."""
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


def _seen(config: SiteConfig, files: Iterable[SourceFile], known: Known, result: IngestResult,
          inputs: Collection[str]) -> bool:
    """Whether every file the run rested on is one the build's scan sees, so that any change
    of one is a change the next build is told of: each source, each source the record names
    and each page looked at (or written), there or not."""
    present = {file.ref for file in files}
    if not all(file.rel in inputs for file in files):
        return False
    written = {outcome.detail for outcome in result.outcomes if outcome.fate is Fate.INGESTED}
    looked = [*known.looked.items(), *(
        (f"content/{ref}", (config.content_dir / ref).exists())
        for ref in known.entries(pruned=False) if ref not in present)]
    return all(_visible(config, path, there, inputs, written) for path, there in looked)


def _visible(config: SiteConfig, path: str, there: bool, inputs: Collection[str],
             written: Collection[str]) -> bool:
    """Whether the scan sees the file at ``path`` (project-relative) as the run found it:
    there, it is an input (or was written by the run); not there, the scan would find it if
    it came (no editor's noise in its path, no link on the way to it)."""
    if there or path in inputs:
        return there and (path in inputs or path in written)
    full = config.root / path
    return not any(map(is_editor_noise, path.split("/"))) and os.path.realpath(full) == str(full)


def _remembered(result: IngestResult, inputs: Collection[str] | None) -> IngestResult:
    """A result with no source to ingest, and, in a build, its memo."""
    if inputs is None:
        return result
    return replace(result, memo=IngestMemo(result.outcomes, result.diagnostics))
