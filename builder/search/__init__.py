"""The staged site -> ``pagefind/`` inside it: Pagefind's search index in shards, and its UI.

Pagefind (the ``pagefind[bin]`` package, no download at run time) reads the written HTML, so
what is searchable is decided in the templates: only elements under ``data-pagefind-body`` are
indexed (article pages), furniture carries ``data-pagefind-ignore``, and each page is stemmed as
its ``<html lang>``. A foreign passage inside an article becomes a record of its own language,
and an item with no version in a language a record of that language
(:mod:`builder.search.records`).

**Shards.** Pagefind cannot update an index: one new word changes every file of it (Pagefind
issue 71). So the index is cut into shards, one Pagefind index per language and year of the news
date (``en-2020``: the English article pages dated 2020, and the English passages of
other-language articles dated 2020), each written by Pagefind into a folder of its own, and
merged in the browser at query time (Pagefind's ``mergeIndex``). A shard's **fingerprint**
covers everything its bytes are made from: its pages' paths and content digests, its passage
records, the Pagefind version and binary, and the layout and canonical form these modules write
(:mod:`builder.search.shards`). A shard whose fingerprint is unchanged, and whose files are all
there, is kept where it is when the staging folder already holds it (the build before last wrote
it there, :mod:`builder.write`), or hard-linked (or copied) from ``previous`` (the last
published ``pagefind/`` and the fingerprints that build returned); only the others are indexed,
by a Pagefind process per core, each indexing its share one shard after the other, each shard
put in canonical order by a worker process as soon as Pagefind hands it over
(:mod:`builder.search.pagefind`), so memory is bounded by the largest shards, not the site. An
edit re-indexes one shard; a new article, the shard of its language's current year.

Why language and year: a search page searches one language, and Pagefind merges indexes with the
page's language module, so a shard never mixes languages; a year keeps shards few (the browser
fetches a word's chunk from every shard it merges, so a query costs one request per shard) and
large enough to rank well, while an edit costs one year of one language, and news is mostly
added to the current year.

**Layout**, all under ``pagefind/``:

- the *primary* bundle, at the top: Pagefind's browser side (``pagefind.js``, its worker, the
  Component UI, the WebAssembly of every language) and an empty index per language, which
  Pagefind's script needs to start and to pick the page's language module;
- ``<lang>-<year>/``: one shard each, its data files only (entry, metadata, chunks);
- ``shards.json``: every shard of each language (name and year, newest first) and every
  bundle's fingerprint; ``templates/assets/search-engine/pagefind.js`` reads it to merge the
  page's language's shards, all with the same ranking settings.

With ``sharded=False`` the primary bundle holds the whole index itself (one Pagefind index per
language, as Pagefind alone would write it) and ``shards.json`` lists no shard: the reference the
tests compare the merged shards with.

Byte for byte the same bundle from the same site, reused shards or not: pages and records are
added in a fixed order and each bundle is put in canonical order, its pages numbered by their
content whatever order the file system listed them in
(:func:`builder.search.bundle.settle_bundle`). Pagefind writes into a working folder,
never over a file that may be hard-linked with the published site. A failure, including the
Pagefind process dying mid-way, is a :class:`BuildError` naming the bundle folder; the build
then publishes nothing, so a half-written ``pagefind/`` is never served.

In: the staged site folder, the site model, the catalogs, optionally the pages' digests and the
previous bundle. Out: ``<site>/pagefind/`` and a :class:`SearchResult`.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from builder.diagnostics import Abandoned, BuildError, Diagnostic, error
from builder.i18n import Catalogs
from builder.model import SiteModel
from builder.search import bundle
from builder.search.pagefind import BundleJob, describe, write_bundles
from builder.search.records import ForeignRecord, foreign_records, fragment_records
from builder.search.shards import (
    FORMAT,
    PRIMARY,
    Fingerprinted,
    Shard,
    fingerprints_of,
    page_digests_of,
    plan_shards,
)
from builder.util.files import link_files, walk, write_new
from builder.util.fingerprints import stamp
from builder.util.parallel import cores
from builder.write import FileRecord
from builder.write.paths import SEARCH_FOLDER, STAGING_SUFFIX, plain_path

__all__ = ["Fingerprinted", "ForeignRecord", "SearchResult", "Shard", "catch_up", "foreign_records",
           "fragment_records", "index_site", "manifest_record", "plan_shards"]

MANIFEST = "shards.json"
WORK_FOLDER = ".work"
"""Inside ``pagefind/``: where Pagefind writes, before the files are moved into place."""


@dataclass(frozen=True)
class SearchResult:
    pages_indexed: int
    """Pages in the index, summed over languages (the bundles' entries), passage records not
    included."""
    diagnostics: tuple[Diagnostic, ...] = ()
    passages_indexed: int = 0
    """Records added to another language's index than their article's: foreign passages, and
    items with no version in that language (:mod:`builder.search.records`)."""
    shards: Mapping[str, str] = field(default_factory=dict)
    """Bundle name (``primary``, ``en-2020``, …) -> fingerprint: what the next build passes back
    as ``previous`` so that unchanged bundles are reused."""
    shards_indexed: int = 0
    """Bundles Pagefind wrote in this run (the primary bundle counts as one)."""
    shards_reused: int = 0
    """Bundles reused from the previous build: kept in the staging folder, or linked (or copied)
    from the previous ``pagefind/``; pending ones apart."""
    shards_pending: int = 0
    """Bundles whose pages changed, left as they were for now (``defer``): their recorded
    fingerprints are the old ones, so the next build indexes them."""
    plan: Fingerprinted | None = None
    """The shards as planned, their pages and records, and their fingerprints: what a next
    build over articles listed the same way can take as they are (``index_site(planned=…)``)."""


def index_site(site: Path, model: SiteModel, catalogs: Catalogs, *,
               page_digests: Mapping[str, str] | None = None,
               previous: tuple[Path, Mapping[str, str]] | None = None,
               sharded: bool = True, defer: bool = False,
               planned: Fingerprinted | None = None,
               stop: threading.Event | None = None) -> SearchResult:
    """Index the article pages of ``site`` and the foreign passages of ``model``'s articles,
    and write the bundle to ``site/pagefind/``, reusing what ``previous`` holds unchanged.

    ``page_digests`` maps output paths to content digests where the build knows them (the others
    are computed from the files); ``previous`` is the published ``pagefind/`` folder and the
    fingerprints the build that wrote it returned (:attr:`SearchResult.shards`). With ``defer``,
    a bundle of ``previous`` whose pages changed is left pending: linked as it was, and recorded
    as such, for the next build to index (the live preview shows a save first, and lets search
    catch up a moment later: indexing a shard takes seconds). ``planned`` are the shards of an
    earlier result (:attr:`SearchResult.plan`) when every article is listed as it was then, with
    the same catalogs (the caller checks it): the shards and their passages are then the same,
    and so is the fingerprint of each shard none of whose pages changed.
    ``stop``, set from another thread while Pagefind runs, gives the index up (:class:`~builder.
    diagnostics.Abandoned`): Pagefind writes into a folder of its own, and ``site/pagefind/``
    is changed only once it is done, so an index given up is left exactly as it was.
    """
    where = f"{site.name.removesuffix(STAGING_SUFFIX)}/{SEARCH_FOLDER}"
    try:
        shards = tuple(plan_shards(model, foreign_records(model, catalogs))
                       if planned is None else planned.shards)
        passages = sum(len(shard.records) for shard in shards)
        languages = tuple(catalogs.locales)
        digests = page_digests_of(site, shards, page_digests or {})
        fingerprints = fingerprints_of(shards, languages, digests, sharded, planned)
        plan = Fingerprinted(shards, digests, fingerprints)
        output = site / SEARCH_FOLDER
        if previous is not None and _same_folder(previous[0], output):
            previous = None  # the bundle to write over cannot also be the one to reuse
        if (defer and previous is not None and fingerprints.keys() == previous[1].keys()
                and _manifest_fingerprints(output) == previous[1]):
            # The staging folder holds the published index already (:func:`catch_up`): kept
            # whole, its shards whose pages changed left for the next build.
            left = sum(fingerprints[name] != previous[1][name] for name in fingerprints)
            return SearchResult(_indexed_pages(output, shards) - passages,
                                passages_indexed=passages, shards=dict(previous[1]),
                                shards_reused=len(fingerprints) - left,
                                shards_pending=left, plan=plan)
        if output.is_symlink() or output.is_file():
            output.unlink()
        # What the staging folder already holds (the site before last) stays where it is when
        # its fingerprint is still right; everything else in it goes, once Pagefind is done.
        kept = (_reusable((output, _manifest_fingerprints(output)), fingerprints)
                if output.is_dir() else {})
        reused = _reusable(previous, {name: fingerprint for name, fingerprint
                                      in fingerprints.items() if name not in kept})
        outdated = {name: fingerprint for name, fingerprint in previous[1].items()
                    if name in fingerprints and name not in kept and name not in reused
                    } if defer and previous is not None else {}
        pending = _reusable(previous, outdated)
        reused.update(pending)
        fingerprints = {**fingerprints, **{name: previous[1][name] for name in pending}}
        work = output / WORK_FOLDER
        try:
            jobs = _jobs(shards, languages, sharded, {**kept, **reused}, work)
            if jobs:
                shutil.rmtree(work, ignore_errors=True)  # what a build killed there left
                work.mkdir(parents=True)
                write_bundles(site, list(jobs.values()), processes=cores(), stop=stop)
            _clear(output, kept)
            output.mkdir(parents=True, exist_ok=True)
            _place(jobs, output, previous, reused)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        merged = shards if sharded else ()
        _write_manifest(output, merged, fingerprints)
        return SearchResult(_indexed_pages(output, merged) - passages,
                            passages_indexed=passages,
                            shards=fingerprints, shards_indexed=len(jobs),
                            shards_reused=len(reused) + len(kept) - len(pending),
                            shards_pending=len(pending), plan=plan)
    except Abandoned:
        raise
    except Exception as exc:  # the Pagefind service is a subprocess: any failure is reported whole
        raise BuildError(error(where, None, "search-index",
                               f"Pagefind could not index the site: {describe(exc)}"
                               f"{_space_left(site)}")) from exc


def catch_up(site: Path, staging: Path) -> None:
    """Make the staging tree's index the published one again, shard by shard, by hard links.

    For the live preview, while nobody waits: the next build that defers search
    (:func:`index_site`) then finds the index as published and keeps it whole, instead of
    linking the shards the last build changed while the editor waits for a page. Where the
    primary bundle differs (no index there yet, a new Pagefind, a language added), the whole
    index is linked. The manifest goes first and comes back last, so a catch-up stopped
    half-way leaves a folder no manifest vouches for, which the next build looks at file by
    file. Where a published bundle is incomplete, nothing is done here: the next build sorts it
    out as it always does.
    """
    published, staged = site / SEARCH_FOLDER, staging / SEARCH_FOLDER
    wanted, have = _manifest_fingerprints(published), _manifest_fingerprints(staged)
    if not wanted or have == wanted or staged.is_symlink() or staged.is_file():
        return
    whole = have.get(PRIMARY) != wanted.get(PRIMARY)
    changed = {name: bundle.primary_files(published) if name == PRIMARY
               else _shard_files(published, name)
               for name, fingerprint in wanted.items() if whole or have.get(name) != fingerprint}
    if any(files is None for files in changed.values()):
        return
    (staged / MANIFEST).unlink(missing_ok=True)
    if whole:  # the primary bundle's files are at the top, among the shards' folders
        shutil.rmtree(staged, ignore_errors=True)
    for name in () if whole else changed.keys() | (have.keys() - wanted.keys()):
        shutil.rmtree(staged / name, ignore_errors=True)
    for files in changed.values():
        link_files(published, staged, files)
    shutil.copyfile(published / MANIFEST, staged / MANIFEST)  # a copy: it is written anew


LOW_ON_SPACE = 64 * 2**20
"""Free bytes under which a failure of Pagefind (which says nothing of the disk when it cannot
write) is told with the space left."""


def _space_left(site: Path) -> str:
    try:
        free = shutil.disk_usage(site).free
    except OSError:
        return ""
    return (f"; the disk has {free / 2**20:.1f} MiB free: if it is full, free some room and "
            f"build again") if free < LOW_ON_SPACE else ""


def manifest_record(site: Path) -> dict[str, FileRecord]:
    """The index's manifest in ``site`` as a file record, so that a later build can tell the
    published index is still the one it wrote (it names every bundle's fingerprint). Its other
    files are left out: a file of the index deleted by hand is not noticed by a build that finds
    nothing changed."""
    manifest = site / SEARCH_FOLDER / MANIFEST
    return {f"{SEARCH_FOLDER}/{MANIFEST}": FileRecord("search", "", stamp(os.stat(manifest)))}


def _indexed_pages(output: Path, shards: Sequence[Shard]) -> int:
    """Entries in the primary bundle at ``output`` and in each of ``shards``."""
    return sum(bundle.indexed_pages(folder)
               for folder in (output, *(output / shard.name for shard in shards)))


def _same_folder(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _reusable(previous: tuple[Path, Mapping[str, str]] | None,
              fingerprints: Mapping[str, str]) -> dict[str, list[str]]:
    """Bundle name -> its files in the previous folder (relative to it), for every bundle whose
    fingerprint the previous build returned, whose folder says the same, and whose files are
    there."""
    if previous is None:
        return {}
    folder, returned = previous
    recorded = _manifest_fingerprints(folder)
    reusable = {}
    for name, fingerprint in fingerprints.items():
        if returned.get(name) != fingerprint or recorded.get(name) != fingerprint:
            continue
        files = bundle.primary_files(folder) if name == PRIMARY else _shard_files(folder, name)
        if files is not None:
            reusable[name] = files
    return reusable


def _manifest_fingerprints(folder: Path) -> dict[str, str]:
    """The fingerprints ``folder``'s manifest records (none when it has no readable one)."""
    try:
        recorded = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["fingerprints"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    if not isinstance(recorded, dict):
        return {}
    # names are folders deleted and linked: a manifest planted in the site names no other place
    return {name: value for name, value in recorded.items()
            if plain_path(name) and "/" not in name and isinstance(value, str)}


def _clear(output: Path, kept: Mapping[str, Sequence[str]]) -> None:
    """Remove from ``output`` every file that is not one of the ``kept`` bundles' (the manifest
    included: it is always written anew, never through a file the published site may share)."""
    if not output.is_dir():
        return
    keep = {file for files in kept.values() for file in files}
    folders = {file.split("/", 1)[0] for file in keep if "/" in file}
    for entry in output.iterdir():
        if entry.name == WORK_FOLDER:
            continue  # what Pagefind wrote, placed next
        if entry.is_dir() and not entry.is_symlink():
            if entry.name in kept and entry.name != PRIMARY:
                continue  # a kept shard: its folder holds its data files only
            if entry.name in folders:  # the primary bundle's data, file by file
                for rel, file in walk(entry, noise=True):
                    if file.is_file() and f"{entry.name}/{rel}" not in keep:
                        os.unlink(file.path)
                continue
            shutil.rmtree(entry)
        elif entry.name not in keep:
            entry.unlink()


def _shard_files(folder: Path, name: str) -> list[str] | None:
    files = bundle.data_files(folder / name)
    return None if files is None else [f"{name}/{file}" for file in files]


# --- Writing: Pagefind into a working folder, then everything into place ----------------------

def _jobs(shards: Sequence[Shard], languages: Sequence[str], sharded: bool,
          reused: Mapping[str, Sequence[str]], work: Path) -> dict[str, BundleJob]:
    """Bundle name -> what Pagefind writes for it (into ``work``), for every bundle not reused."""
    def job(name: str, shards: Sequence[Shard], stubs: Sequence[str] = ()) -> BundleJob:
        return BundleJob(work / name, tuple((s.glob, len(s.pages) + s.aliases)
                                            for s in shards if s.pages),
                         tuple(record for s in shards for record in s.records), tuple(stubs),
                         sum(s.aliases for s in shards if s.pages))

    jobs = {}
    if PRIMARY not in reused:
        jobs[PRIMARY] = job(PRIMARY, shards) if not sharded else job(PRIMARY, (), languages)
    if sharded:
        jobs.update((s.name, job(s.name, (s,))) for s in shards if s.name not in reused)
    return jobs


def _place(jobs: Mapping[str, BundleJob], output: Path,
           previous: tuple[Path, Mapping[str, str]] | None,
           reused: Mapping[str, Sequence[str]]) -> None:
    """Move what Pagefind wrote into ``output``, and link what is reused from ``previous``."""
    for name, job in jobs.items():
        written = job.output
        if name == PRIMARY:
            if job.stubs:
                bundle.empty_indexes(written)
            for path in sorted(written.iterdir()):
                os.rename(path, output / path.name)
        else:
            keep = {file.split("/", 1)[0] for file in bundle.data_files(written) or ()}
            for path in written.iterdir():  # the browser side is the primary bundle's
                if path.name in keep:
                    continue
                if path.is_dir():
                    shutil.rmtree(path)
                else:
                    path.unlink()
            os.rename(written, output / name)
    if previous is not None:
        for files in reused.values():
            link_files(previous[0], output, files)


def _write_manifest(output: Path, shards: Sequence[Shard], fingerprints: Mapping[str, str]) -> None:
    languages: dict[str, list[dict[str, str]]] = {}
    for shard in sorted(shards, key=lambda s: (s.lang, s.period), reverse=True):
        languages.setdefault(shard.lang, []).append({"name": shard.name, "period": shard.period})
    manifest = {"format": FORMAT, "languages": dict(sorted(languages.items())),
                "fingerprints": dict(sorted(fingerprints.items()))}
    write_new(output / MANIFEST,
              json.dumps(manifest, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
