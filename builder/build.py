"""``build(config) -> Report``: the whole pipeline, one stage per line, doing only what changed.

    ingest new sources -> read pages -> index -> plan -> render -> write (staging)
    -> search (Pagefind) -> publish (atomic swap) -> report

A bad source or page is a located diagnostic and the rest goes on; a problem that affects every
page (configuration, a catalog, a template) stops the build with a hint, and ``site/`` is left
exactly as the last good build made it.

Incremental by fingerprints (:mod:`builder.cache`), and always equal to a clean build:

- nothing changed (every input file's stat, the options and the builder itself as the last
  build saw them, and ``site/`` still as it wrote it; and no watcher said a file was written):
  the build stops there and repeats the last report;
- pages whose bytes are unchanged are not parsed again (:func:`builder.read.read_articles`);
  a build told which files changed (the live preview's watcher) reads only those again
  (:func:`builder.read.reread_articles`);
- the model and every page job are recomputed from the articles, so a list page changes
  whenever an article it lists does; only when no article changed in anything but its body
  are the translations, the lists and the search shards of the last build taken as they were
  (they are made from nothing else), and only the changed articles' pages planned;
- a page job whose fingerprint (its data and the render environment: code, configuration,
  templates, catalogs) is unchanged is not rendered, and its file is kept or hard-linked
  (:class:`builder.write.NextSite`); the others are rendered, on every core when there are many
  (:mod:`builder.util.parallel`), and written only when their bytes differ.

``explain`` records why each rendered page was rendered (``digest build --explain``).
"""

from __future__ import annotations

import gc
import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from builder import cache, write
from builder.config import SiteConfig
from builder.diagnostics import BuildError, Diagnostic, Report, warning
from builder.formats.schema import refresh_schema
from builder.model import Article, SiteModel
from builder.read import CachedRead, listing_digest
from builder.util import memory
from builder.util.fingerprints import digest, fast_pickle, stamp

if TYPE_CHECKING:
    from builder.i18n import Catalogs
    from builder.plan import PageJob
    from builder.read import ReadResult
    from builder.render import Renderer
    from builder.search import SearchResult

T = TypeVar("T")
PROGRESS_EVERY = 250
"""Rendered pages between two updates of the progress display."""


class _Timer:
    def __init__(self) -> None:
        self.timings: list[tuple[str, float]] = []

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings.append((name, time.perf_counter() - start))

    def run(self, name: str, step: Callable[[], T]) -> T:
        with self.stage(name):
            return step()


@dataclass
class Builder:
    """Builds a project again and again, carrying the cache from one build to the next.

    ``digest build`` uses one for one build, loading the cache from ``.digest-cache/``; the live
    preview keeps one for its whole run, so each rebuild starts from memory. The configuration
    is given to each build: the preview reads it again every time, and a changed configuration
    changes every fingerprint made from it.
    """

    cache: cache.BuildCache | None = None
    """None until the first build, which loads it from disk."""
    persist: bool = True
    """Save the cache to ``.digest-cache/`` after each build (False: keep it in memory only)."""
    warm: bool = False
    """Build even when nothing changed, if the pages, model and search plan the next build
    starts from are not in memory yet (the live preview: its first build does the work its
    first save would otherwise do while the editor waits)."""
    _unsaved: tuple[SiteConfig, set[str] | None] | None = None
    _inputs: cache.Inputs | None = None
    """The inputs as the last build found them, for a build told what changed since."""
    _unread: frozenset[str] | None = None
    """Input files changed since the cache's pages were read (None: not known), for a build
    that reads only those again (:func:`builder.read.reread_articles`)."""
    _caught_up: bool = False
    """Whether :meth:`catch_up` made the staging folder as recorded since the last build."""

    def build(self, config: SiteConfig, *, progress: Callable[[str], None] | None = None,
              explain: bool = False, save: bool = True,
              changed: Iterable[str] | None = None, defer_search: bool = False) -> Report:
        """Build the site into ``config.site_dir``; never raises for content or template problems.

        ``save=False`` leaves saving the cache to a later :meth:`save` (the live preview tells
        the pages first, and saves after). ``changed`` are the project-relative paths that
        changed since the last build of this builder, as a watcher saw them: only those are
        looked at again (None: look at every file). ``defer_search`` keeps the search shards
        whose pages changed as they were, for the next build to index (:attr:`Report.
        shards_pending`): the live preview shows a save first, and lets search catch up.
        """
        started_ns = time.time_ns()
        timer = _Timer()
        diagnostics: list[Diagnostic] = []
        if self.cache is None:
            loaded = timer.run("cache", lambda: cache.load_cache(config))
            self.cache = loaded.cache
            if loaded.problem:
                diagnostics.append(warning(config.relative(cache.cache_path(config)), None,
                                           "cache-discarded", loaded.problem))
        previous = self.cache
        if config.content_dir.is_dir():  # before the inputs are looked at: it is one of them
            refresh_schema(config)
        inputs = timer.run("inputs", lambda: cache.inputs(
            config, f"search={config.search}", self._inputs, changed))
        self._inputs = inputs
        unread = (None if inputs.changed is None or self._unread is None
                  else self._unread | inputs.changed)
        self._unread = unread
        if (not diagnostics and isinstance(previous.last, Report)
                and not (self.warm and previous.read is None)
                and not inputs.changed  # a watcher's word outweighs an unchanged stat
                and previous.inputs == inputs.fingerprint
                and inputs.newest < previous.started_ns - cache.RACY_WINDOW_NS
                and _site_intact(config, previous)):
            return replace(previous.last, timings=tuple(timer.timings), pages_rendered=0,
                           files_changed=0, shards_indexed=0, explanations=(), up_to_date=True)
        # A build told what changed trusts a staging folder it caught up itself while idle:
        # looking at its 10,000 files again would cost a save a tenth of a second.
        staging_as_recorded = self._caught_up and changed is not None
        self._caught_up = False
        run = _Run(config, previous, timer, progress or (lambda _message: None), explain,
                   diagnostics, defer_search, staging_as_recorded, unread)
        collecting = gc.isenabled()
        try:
            report, new_cache = run.build(started_ns, inputs)
        finally:
            # What the build made, kept or let go of (the live preview collects after each build).
            memory.set_aside(collecting)
        if run.ingested:  # it wrote pages the inputs do not show
            self._inputs = None
        if new_cache is not None:
            self.cache = new_cache
            self._unread = frozenset()
            if self.persist:
                folders = run.changed_folders
                if self._unsaved is not None:  # a build whose cache is not saved yet
                    earlier = self._unsaved[1]
                    folders = None if earlier is None or folders is None else folders | earlier
                self._unsaved = (config, folders)
                if save:
                    self.save()
        return report

    def catch_up(self, config: SiteConfig) -> None:
        """Make the staging folder the current site again (hard links), while nobody waits.

        A build turns the staging folder into the next site. After one that changed many files
        (a template edit), the next build would first link them all again, seconds at 10,000
        pages, before the live preview could show the one page the editor saved; the preview
        calls this once the pages are told, so the next save costs only what it changed. The
        search index too (:func:`builder.search.catch_up`), so that the next save's build, which
        defers search, keeps it whole. Having looked at every staged file here, the next build
        told what changed trusts them (:attr:`_caught_up`).
        """
        trees = self.cache.trees if self.cache is not None else {}
        live = trees.get(write.tree_id(config.site_dir))
        if not live:
            return
        site = write.NextSite(config.site_dir, trees, write.staging_marker(config.cache_dir))
        if not site.carry(output for output in live
                          if output.split("/", 1)[0] != write.SEARCH_FOLDER):
            return  # changed by hand: the marker left behind makes the next build look at all
        staged = site.finish()
        self.cache = replace(self.cache, trees={**trees, write.tree_id(site.staging): staged})
        earlier = self._unsaved[1] if self._unsaved is not None else set()
        self._unsaved = (config, earlier)
        if self.persist:
            self.save()
        if config.search:
            from builder import search

            search.catch_up(config.site_dir, site.staging)
        else:  # the site before may have had an index: gone now, not while the editor waits
            site.clear_search_folder()
        self._caught_up = True

    def save(self) -> None:
        """Save what the last builds left to ``.digest-cache/``, if not saved yet."""
        if self._unsaved is None or self.cache is None:
            return
        config, folders = self._unsaved
        cache.save_cache(config, self.cache, folders)
        write.settled(write.staging_marker(config.cache_dir))
        self._unsaved = None


def build(config: SiteConfig, *, progress: Callable[[str], None] | None = None,
          explain: bool = False) -> Report:
    """One build with the cache on disk: what ``digest build`` runs."""
    return Builder().build(config, progress=progress, explain=explain)


def _same_listed(read: ReadResult, known: Mapping[str, CachedRead]) -> bool:
    """Whether the same pages were read as last time (``known``), each valid or invalid as it
    was and with the same listed fields (all but the body), and no slug was made unique: then
    the lists are the same too."""
    return not read.renamed and all(
        path in known and path in read.reads and read.reads[path].listed == known[path].listed
        for path in read.changed)


def _has_sources(config: SiteConfig) -> bool:
    """Whether ``content/sources/`` holds anything for ingest to look at."""
    try:
        with os.scandir(config.sources_dir) as entries:
            return any(True for _ in entries)
    except (FileNotFoundError, NotADirectoryError):
        return False


def _site_intact(config: SiteConfig, previous: cache.BuildCache) -> bool:
    """Whether ``site/`` is still exactly the tree the last build published."""
    records = previous.trees.get(write.tree_id(config.site_dir))
    if not records:
        return False
    root = f"{config.site_dir}{os.sep}"  # plain strings: pathlib costs more than the lstat
    try:
        return all(stamp(os.lstat(root + output)) == record.stat
                   for output, record in records.items())
    except OSError:
        return False


class _Run:
    """One build: the stages in order, each a method, with what they hand each other."""

    def __init__(self, config: SiteConfig, previous: cache.BuildCache, timer: _Timer,
                 say: Callable[[str], None], explain: bool, diagnostics: list[Diagnostic],
                 defer_search: bool = False, staging_as_recorded: bool = False,
                 unread: frozenset[str] | None = None):
        self.config, self.previous, self.timer, self.say = config, previous, timer, say
        self.explain, self.defer_search = explain, defer_search
        self.staging_as_recorded = staging_as_recorded
        self.unread = unread
        """Input files changed since ``previous``'s pages were read (None: not known)."""
        self.diagnostics = diagnostics
        self.outcomes: list = []
        self.changed_folders: set[str] | None = None
        """Folders of pages whose reads differ from the cache's (None: all of them)."""
        self.ingested = False
        """Whether ingest wrote pages (after the inputs were looked at)."""

    def build(self, started_ns: int, inputs: cache.Inputs
              ) -> tuple[Report, cache.BuildCache | None]:
        # The stages are imported here, once a build is known to be needed: they bring Jinja2,
        # Babel, markdown-it-py, lxml and asyncio, a third of a second the no-op check
        # (:meth:`Builder.build`) does without; ingest and search only when they have work.
        from builder.i18n import coverage_diagnostics, load_catalogs
        from builder.index import build_model
        from builder.render import Renderer

        config, timer, diagnostics = self.config, self.timer, self.diagnostics
        try:
            seen, stats = inputs.fingerprint, inputs.stats
            if self._ingest():  # it wrote pages after the inputs were looked at
                seen, stats, self.ingested, self.unread = "", None, True, None
            # From here the build makes data that lives until its end and holds no cycles: a
            # collection finds next to nothing, and costs more the more there is (at 100,000
            # pages, 16 of the 60 s of reading, indexing and planning, for nothing collected).
            # Workers collect as usual (builder.util.parallel); the preview collects after a build.
            gc.disable()
            catalogs = timer.run("catalogs", lambda: load_catalogs(config))
            diagnostics += catalogs.diagnostics
            diagnostics += coverage_diagnostics(config)
            environment = cache.environment(config)
            read_key, known, read = self._read(catalogs, stats)
            lists_from = (self.previous.model if self.previous.environment == environment
                          and _same_listed(read, known) else None)
            model, index_diagnostics = timer.run("index", lambda: build_model(
                read.articles, config, lists_from))
            diagnostics += index_diagnostics
            if lists_from is not None and model.outdated == lists_from.outdated:
                lists = self.previous.lists  # the same listed fields, the same outdated ones
            else:
                lists = timer.run("lists", lambda: lists_key(model, read.reads))
            site, jobs, pages = self._plan(model, environment, lists, known, read)
            renderer = Renderer(config, model, catalogs)
            fingerprint = JobFingerprints(environment.render_key)
            with timer.stage("render+write"):
                pending, explanations = self._write(site, jobs, renderer, fingerprint,
                                                    environment, len(pages))
                records = site.finish()
            shards, result = self._search(site, model, catalogs, records,
                                          lists_from is not None)
            if result is not None and result.shards_pending:
                seen = ""  # not up to date until the pending shards are indexed
            timer.run("publish", lambda: write.publish(site.staging, config.site_dir))
            report = Report(tuple(self.outcomes), tuple(diagnostics), len(pages),
                            result.pages_indexed if result else 0, True, tuple(timer.timings),
                            pages_rendered=len(pending), files_changed=site.written,
                            explanations=explanations,
                            shards_indexed=result.shards_indexed if result else 0,
                            shards=len(shards),
                            shards_pending=result.shards_pending if result else 0)
            self.changed_folders = None if self.previous.read_key != read_key else {
                cache.page_folder(path) for path in read.changed}
            return report, cache.BuildCache(read_key, read.reads, environment,
                                            self._trees(site, records), seen, started_ns,
                                            report, lists, pages, shards, model, read,
                                            result.plan if result is not None else None)
        except BuildError as exc:
            diagnostics.append(exc.diagnostic)
            return (Report(tuple(self.outcomes), tuple(diagnostics), 0, 0, False,
                           tuple(timer.timings)), None)

    def _ingest(self) -> bool:
        """New sources -> pages; whether any page was written."""
        if not _has_sources(self.config):
            return False
        from builder.ingest import ingest_sources

        self.say("ingesting new sources")
        ingested = self.timer.run("ingest", lambda: ingest_sources(self.config))
        self.outcomes += ingested.outcomes
        self.diagnostics += ingested.diagnostics
        return bool(ingested.pages)

    def _read(self, catalogs: Catalogs, stats: Mapping[str, os.stat_result] | None
              ) -> tuple[str, Mapping[str, CachedRead], ReadResult]:
        """Every page read, unchanged ones from the cache: (read key, cached reads, result).
        ``stats`` are the content files' as the build found them (None: look again).

        A build that knows which files changed since the last build's read, and still has that
        read in memory (the live preview), reads only those pages again when it can
        (:func:`~builder.read.reread_articles`); any other reads every page, vouching for the
        unchanged ones by their stat."""
        from builder.read import read_articles, reread_articles

        self.say("reading pages")
        config, previous = self.config, self.previous
        fragment_langs = {key: fragment.lang for key, fragment in catalogs.fragments.items()}
        read_key = cache.read_key(config, fragment_langs)
        known: Mapping[str, CachedRead] = {}
        if previous.read_key == read_key:
            known = (previous.reads if previous.reads is not None
                     else cache.load_reads(config, read_key))
        last, unread = previous.read, self.unread

        def read_pages() -> ReadResult:
            if (last is not None and last.reads is known and unread is not None
                    and stats is not None):
                reread = reread_articles(config, fragment_langs, last, unread, stats)
                if reread is not None:
                    return reread
            return read_articles(config, fragment_langs, known,
                                 previous.started_ns - cache.RACY_WINDOW_NS, stats)

        read = self.timer.run("read", read_pages)
        self.outcomes += read.outcomes
        self.diagnostics += read.diagnostics
        return read_key, known, read

    def _plan(self, model: SiteModel, environment: cache.Environment, lists: str,
              known: Mapping[str, CachedRead], read: ReadResult
              ) -> tuple[write.NextSite, list[PageJob], tuple[str, ...]]:
        """The next site, the jobs to look at, and every page's output path.

        When only bodies changed (:func:`lists_key`), only their articles' pages are planned and
        every other page is carried over; otherwise (or when a carried-over file is missing)
        every page is planned.
        """
        from builder.plan import article_jobs, check_alternates, plan_site

        config, previous = self.config, self.previous
        if previous.environment == environment and previous.lists == lists and previous.pages:
            changed = [article.key for article in read.articles if article.path in read.changed
                       and (article.path not in known
                            or known[article.path].digest != read.reads[article.path].digest)]
            jobs = self.timer.run("plan", lambda: article_jobs(model, config, changed))
            site = self.timer.run("carry over", lambda: self._carry_over(jobs))
            if site is not None:
                return site, jobs, previous.pages
        jobs = self.timer.run("plan", lambda: plan_site(model, config))
        if broken := check_alternates(jobs):
            raise BuildError(broken[0])
        site = self._next_site()
        return site, jobs, tuple(job.output for job in jobs)

    def _write(self, site: write.NextSite, jobs: Sequence[PageJob], renderer: Renderer,
               fingerprint: JobFingerprints, environment: cache.Environment, total: int
               ) -> tuple[list[int], tuple[tuple[str, str], ...]]:
        """Every job's file and the static files put into the next site; (the numbers of the
        jobs rendered, why each was)."""
        from builder.render import static_files
        from builder.util.parallel import ordered_map

        # Worker processes inherit the jobs, the renderer and the next site (forked): only
        # job numbers go to them, and only digests and file records come back.
        numbers = range(len(jobs))
        fingerprints = list(ordered_map(lambda n: fingerprint(jobs[n]), numbers))
        pending = [n for n in numbers if not site.reuse(jobs[n].output, fingerprints[n])]
        explanations = (_explain([(jobs[n], fingerprints[n]) for n in pending], site,
                                 environment.differences(self.previous.environment))
                        if self.explain else ())
        placed = ordered_map(lambda n: site.place(
            jobs[n].output, fingerprints[n], renderer.render(jobs[n]).content), pending)
        for done, file in enumerate(placed):
            if done % PROGRESS_EVERY == 0:
                self.say(f"rendering: {done} of {len(pending)} changed pages ({total} in the site)")
            site.settle(file)
        for file in static_files(self.config):
            site.put(file.output, digest(file.content), file.content)
        return pending, explanations

    def _search(self, site: write.NextSite, model: SiteModel, catalogs: Catalogs,
                records: dict[str, write.FileRecord], same_lists: bool
                ) -> tuple[Mapping[str, str], SearchResult | None]:
        """The search index of the next site, its changed shards only; (shard fingerprints,
        Pagefind's result), and the index's manifest added to ``records``. ``same_lists``:
        every article is listed as in the last build, under the same environment, so its
        shards (pages and passages) are the same."""
        if not self.config.search:
            site.clear_search_folder()
            return {}, None
        from builder import search

        self.say("indexing for search")
        result = self.timer.run("search", lambda: search.index_site(
            site.staging, model, catalogs,
            page_digests={output: record.digest for output, record in records.items()},
            previous=(self.config.site_dir / write.SEARCH_FOLDER, self.previous.shards),
            defer=self.defer_search,
            planned=self.previous.search_plan if same_lists else None))
        self.diagnostics += result.diagnostics
        records.update(_search_records(site.staging))
        return result.shards, result

    def _trees(self, site: write.NextSite, records: dict[str, write.FileRecord]
               ) -> dict[write.TreeId | None, write.Manifest]:
        """The records of both trees after the swap, by tree."""
        trees: dict[write.TreeId | None, write.Manifest] = {
            write.tree_id(self.config.site_dir): records}
        if (spare := write.tree_id(site.staging)) is not None:
            trees[spare] = site.live
        else:  # the first site: give the next build a staging folder to change, not fill
            self.timer.run("mirror", lambda: write.mirror(self.config.site_dir, site.staging,
                                                          records))
            trees[write.tree_id(site.staging)] = records
        return trees

    def _next_site(self) -> write.NextSite:
        return write.NextSite(self.config.site_dir, self.previous.trees,
                              write.staging_marker(self.config.cache_dir),
                              as_recorded=self.staging_as_recorded)

    def _carry_over(self, replanned: Sequence[PageJob]) -> write.NextSite | None:
        """A next site holding every page of the last build but ``replanned``, all unchanged;
        None when one of their files is no longer as that build wrote it."""
        site = self._next_site()
        skip = {job.output for job in replanned}
        return site if site.carry(output for output in self.previous.pages
                                  if output not in skip) else None


def lists_key(model: SiteModel, reads: Mapping[str, CachedRead]) -> str:
    """A digest of everything but article bodies that pages are made from: every article's
    listed fields (:func:`~builder.read.listing_digest`, made when it was parsed), and which
    translations are outdated (which depends on bodies). Equal keys (with an equal render
    environment) mean every page but the pages of articles whose bodies changed is as the last
    build made it."""
    hasher = hashlib.blake2b(digest_size=20)
    for key in sorted(model.articles):
        article = model.articles[key]
        read = reads.get(article.path)
        listed = read.listed if read is not None and read.article is article else ""
        hasher.update((listed or listing_digest(article)).encode())
    hasher.update(repr(sorted(model.outdated)).encode())
    return hasher.hexdigest()


class JobFingerprints:
    """Fingerprints of page jobs: everything one page is made from, as a digest.

    A job is frozen data, serialised by :func:`~builder.util.fingerprints.fast_pickle` (equal jobs, equal bytes),
    with the render environment's key (code, configuration, templates, catalogs). An article,
    which jobs hold whole, is written as the digest of the page file it was read from, with its
    path and slug (the only field set after reading): an article is a function of those and of
    the configuration, which the key covers, and so is its body, read from that file.
    """

    def __init__(self, render_key: str):
        self.render_key = render_key.encode()
        self._table = {Article: lambda article: (
            str, (f"article {article.path} {article.slug} {article.digest}",))}

    def __call__(self, job: PageJob) -> str:
        serialised = fast_pickle(job, self._table)
        return hashlib.blake2b(self.render_key + serialised, digest_size=20).hexdigest()


def _explain(pending: Sequence[tuple[PageJob, str]], site: write.NextSite,
             environment_changes: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """Why each page about to be rendered could not be kept, in words."""
    reasons = []
    for job, fingerprint in pending:
        known = site.staged.get(job.output) or site.live.get(job.output)
        if known is None:
            reason = "new page" if site.live or site.staged else "no previous build to reuse"
        elif environment_changes:
            reason = ", ".join(environment_changes) + " changed"
        elif known.fingerprint != fingerprint:
            reason = "its content, or what it lists or links to, changed"
        else:
            reason = "its file in the site was changed or removed since the last build"
        reasons.append((job.output, reason))
    return tuple(reasons)


def _search_records(site: Path) -> dict[str, write.FileRecord]:
    """The search index's manifest, recorded so that a later build can tell the index is still
    the one it wrote (it names every bundle's fingerprint). Its other files are left out: a
    file of the index deleted by hand is not noticed by the no-op check."""
    from builder.search import MANIFEST

    manifest = site / write.SEARCH_FOLDER / MANIFEST
    return {f"{write.SEARCH_FOLDER}/{MANIFEST}": write.FileRecord(
        "search", "", stamp(os.stat(manifest)))}
