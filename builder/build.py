"""The pipeline: one build of the site, one timed line per stage, doing only what changed.

    ingest -> catalogs -> read -> index -> addresses -> plan -> render + write -> search -> publish

In: the configuration, the previous build's :class:`~builder.state.State`, and what changed
since (:class:`~builder.incremental.changes.Changes`, with the scan it was measured on). Out:
the :class:`~builder.diagnostics.Report`, and the state this build leaves for the next (None
when nothing was published). Each stage takes from the previous build only what the changes
allow, and always gives what a clean build would:

- **ingest** writes a page for each new source, then scans again (:mod:`builder.ingest.memo`);
- **read** parses only the pages whose bytes changed (:mod:`builder.read`);
- **index** recomputes the model from every article the site shows (no draft, none dated
  after the build's day, but in the live preview or with ``--future``), and takes the lists and
  translations of the previous build's model when every article is listed as before;
- **addresses** compares every page's address with the one ``content/addresses.txt`` says it
  was published at, and warns of a page that moved without an alias (:mod:`builder.addresses`);
  the record is written once the site is published;
- **plan** plans every page, or, when only article bodies were edited, the pages of those
  articles and the feeds that list them alone, the others reused as they are;
- **render + write**: a page job whose fingerprint (its data and the render environment) is the
  one recorded is not rendered, its file kept or linked; the others are rendered on every core
  when there are many (:mod:`builder.util.parallel`) and written only when their bytes differ
  (:mod:`builder.write`);
- **search** indexes only the shards whose fingerprint changed (:mod:`builder.search`);
- **publish** swaps the staging folder for ``site/`` in one step.

A bad source or page is a located diagnostic and the rest goes on; a problem that affects every
page (a catalog, a template) stops the build with a hint, and so does a fault of the machine (a
full disk, a read-only folder: one line naming the file and what to do); ``site/`` is then left
exactly as the last good build made it, as it is by a build its caller gives up (the live
preview's search build, for a newer save: :attr:`Options.abandon_search`). When to build at
all, and what to keep between builds, is :mod:`builder.session`'s.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Protocol, TypeVar

from builder.addresses import Followed, follow, keep_record, read_record, record_digest
from builder.config import SiteConfig
from builder.diagnostics import (
    Abandoned,
    BuildError,
    Diagnostic,
    Fate,
    FileOutcome,
    Report,
    environment_error,
)
from builder.formats.pages import folder_links
from builder.incremental.changes import Changes, Days, InputRecord, detect
from builder.incremental.environment import environment, read_key
from builder.incremental.inputs import Scan, scan_inputs
from builder.ingest import IngestMemo, has_sources, ingest_in_build
from builder.state import Held, State, page_reads, written_trees
from builder.util import memory
from builder.util.timer import Timer
from builder.write import (
    SITE_MARKER,
    SITE_MARKER_TEXT,
    FileRecord,
    NextSite,
    mirror,
    publish,
    published_trees,
    staged_trees,
    tree_id,
)

# The stages are imported by the functions that run them, once a build is known to be needed:
# they bring Jinja2, Babel, markdown-it-py, lxml and asyncio, a third of a second a build that
# finds nothing changed does without; ingest and search only when they have work (builder.ingest,
# which says whether ingest has, loads nothing of the stage).
if TYPE_CHECKING:
    from threading import Event

    from builder.i18n import Catalogs
    from builder.model import SiteModel
    from builder.plan import Plan
    from builder.read import PageRead, ReadResult
    from builder.search import SearchResult

PROGRESS_EVERY = 250
"""Rendered pages between two updates of the progress display."""


@dataclass(frozen=True)
class Options:
    """How one build runs, besides the configuration."""

    explain: bool = False
    """Say what changed and why each rendered page was rendered (``digest build --explain``)."""
    defer_search: bool = False
    """Leave the search shards whose pages changed pending, for the next build to index: the
    live preview shows a save first, and lets search catch up."""
    abandon_search: Event | None = None
    """Set from another thread to give the build up before it publishes, at the latest while
    Pagefind indexes (the live preview's search build, when a newer save comes)."""
    staging_as_recorded: bool = False
    """The staging folder is as its records say (the live preview caught it up while idle and
    nothing but the builder writes there): its files are not looked at again."""
    say: Callable[[str], None] = field(default=lambda _message: None)
    """Where progress goes (a terminal's status line)."""


@dataclass(frozen=True)
class Outcome:
    report: Report
    state: State | None
    """What the build leaves for the next; None when it published nothing (but a build given
    up, :attr:`Report.abandoned`, that changed the staging folder: the previous state with it)."""
    changes: Changes
    """What changed, as the build last knew it (after ingest and reading)."""
    scan: Scan
    """The inputs as the build last scanned them (again after ingest, when it wrote pages)."""


def build_site(config: SiteConfig, previous: State, scan: Scan, changes: Changes,
               options: Options, timer: Timer, started_ns: int,
               diagnostics: Sequence[Diagnostic] = ()) -> Outcome:
    """One build of the site into ``config.site_dir``; never raises for content or template
    problems. ``scan`` is the inputs as the build found them, ``changes`` what changed since
    ``previous`` was left; ``timer`` and ``diagnostics`` hold what came before (loading the
    state, scanning)."""
    found = _Found(list(diagnostics))
    left: State | None = None  # the state a build given up leaves, once it began the next site
    try:
        wrote, ingested = _ingest(config, previous, scan, changes, options, timer, found)
        if wrote:  # pages or the record written after the scan
            scan = timer.run("inputs", lambda: scan_inputs(config))
            changes = detect(previous.inputs, scan, environment(config), today=changes.today)
        with memory.long_lived():  # what the stages make lives until the end, without cycles
            catalogs, coverage = timer.run("catalogs", lambda: _catalogs(config, previous, changes,
                                                                         found))
            changes = changes.with_read_key(previous.read_key, read_key(
                changes.environment, catalogs.fragment_languages))
            found.diagnostics += folder_links(config, scan.links)
            previous_reads, read = timer.run("read", lambda: _read(
                config, catalogs, scan, previous, changes, options))
            changes = changes.with_pages(previous_reads, found.add(read).reads)
            held = previous.held if changes.listing_unchanged else None
            model, days = timer.run("index", lambda: _index(config, read, held, changes, found))
            followed = timer.run("addresses", lambda: _addresses(config, read, model, held,
                                                                 previous, found))
            if options.abandon_search is not None and options.abandon_search.is_set():
                raise Abandoned("given up before the next site was begun")
            site, plan = _plan(config, previous, changes, model, options, timer)
            with timer.stage("render+write"):
                rendered, explanations = _render_and_write(config, site, plan, model, catalogs,
                                                           changes, options, found)
                records = site.finish()
            try:
                searched = _search(config, site, model, catalogs, records, previous, held,
                                   options, timer, found)
            except Abandoned:  # the staging folder as this build left it, index untouched
                trees, folders = staged_trees(site, records, previous.trees, previous.folders)
                left = replace(previous, trees=trees, folders=folders)
                raise
            staged = site.staged_folders(records)  # before the swap moves the staging folder
            timer.run("publish", lambda: publish(site.staging, config.site_dir))
            addresses = _keep_addresses(config, followed, found)
            if first := tree_id(site.staging) is None:  # give the next build a staging folder
                timer.run("mirror", lambda: mirror(config.site_dir, site.staging, records))
            trees, folders = published_trees(config.site_dir, site, records, staged, first)
            report = Report(
                found.outcomes, tuple(found.diagnostics), len(plan.pages),
                searched.pages_indexed if searched else 0, True, tuple(timer.timings),
                pages_rendered=len(rendered), files_changed=site.written,
                explanations=explanations, changes=changes.lines() if options.explain else (),
                shards_indexed=searched.shards_indexed if searched else 0,
                shards=len(searched.shards) if searched else 0,
                shards_pending=searched.shards_pending if searched else 0,
                index_only=bool(searched and searched.shards_indexed) and site.same_pages(records))
            state = State(
                inputs=InputRecord(scan, changes.environment, started_ns, days),
                read_key=changes.read_key, reads=read.reads, outdated=model.outdated,
                pages=plan.pages, trees=trees, folders=folders, published=tree_id(config.site_dir),
                written=written_trees(previous, trees),
                shards=searched.shards if searched else {}, report=report, addresses=addresses,
                ingest=ingested,
                held=Held(model, read, searched.plan if searched else None, followed, catalogs,
                          coverage))
            return Outcome(report, state, changes, scan)
    except (Abandoned, BuildError, OSError) as exc:  # a page's own trouble is its diagnostic
        if isinstance(exc, Abandoned):  # nothing published; the staging folder as it is left
            return Outcome(Report(found.outcomes, tuple(found.diagnostics), 0, 0, False,
                                  tuple(timer.timings), abandoned=True), left, changes, scan)
        found.diagnostics.append(exc.diagnostic if isinstance(exc, BuildError)
                                 else environment_error(exc, config.relative))
        report = Report(found.outcomes, tuple(found.diagnostics), 0, 0, False,
                        tuple(timer.timings))
        return Outcome(report, None, changes, scan)


class _Reported(Protocol):
    """A stage's result: what it found wrong (and, for stages that read files, ``outcomes``)."""

    diagnostics: Sequence[Diagnostic]


R = TypeVar("R", bound=_Reported)


class _Found:
    """What the stages report: every file's fate, every diagnostic, in the order found."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        self.outcomes: tuple[FileOutcome, ...] = ()

    def add(self, stage_result: R) -> R:
        """Take what ``stage_result`` reports; give it back, for the next stage."""
        self.outcomes += tuple(getattr(stage_result, "outcomes", ()))
        self.diagnostics += stage_result.diagnostics
        return stage_result


def _ingest(config: SiteConfig, previous: State, scan: Scan, changes: Changes,
            options: Options, timer: Timer, found: _Found) -> tuple[bool, IngestMemo | None]:
    """New sources -> pages, unless what the previous build's ingest found still holds
    (:mod:`builder.ingest.memo`); whether it wrote a file, and what the next build may take."""
    if not has_sources(config):  # nothing to load the stage for
        return False, None
    reported, wrote, memo = timer.run("ingest", lambda: ingest_in_build(
        config, previous.ingest, changes, scan.stamps, options.say))
    found.add(reported)
    return wrote, memo


def _catalogs(config: SiteConfig, previous: State, changes: Changes, found: _Found
              ) -> tuple[Catalogs, tuple[Diagnostic, ...]]:
    """Every language's catalogs, compiled in memory, and what is said of whether each is
    translated enough; those the live preview holds while the environment is the same."""
    from builder.i18n import coverage_diagnostics, load_catalogs

    held = previous.held
    if (held is not None and held.catalogs is not None and previous.inputs is not None
            and previous.inputs.environment == changes.environment):
        catalogs, coverage = found.add(held.catalogs), held.coverage
    else:
        catalogs, coverage = found.add(load_catalogs(config)), tuple(coverage_diagnostics(config))
    found.diagnostics += coverage
    return catalogs, coverage


def _read(config: SiteConfig, catalogs: Catalogs, scan: Scan, previous: State,
          changes: Changes, options: Options) -> tuple[Mapping[str, PageRead], ReadResult]:
    """The previous build's page reads, when they can be used, and every page read, the
    unchanged ones taken from them."""
    from builder.formats.pages import pages_among
    from builder.read import read_articles

    options.say("reading pages")
    previous_reads = {} if changes.everything or changes.reads else page_reads(config, previous)
    return previous_reads, read_articles(
        config, catalogs.fragment_languages, pages_among(scan.stamps), previous=previous_reads,
        previous_result=previous.held.read if previous.held else None, changes=changes)


def _index(config: SiteConfig, read: ReadResult, held: Held | None, changes: Changes,
           found: _Found) -> tuple[SiteModel, Days]:
    """The model of the articles read that the site shows (no draft but in the preview, no
    article dated after the build's day but in the preview or with ``--future``), and the days
    on which the same would be scheduled; with ``held`` (every article listed as before, the
    schedule the same), the previous build's lists and translations in it."""
    from builder.index import build_model, scheduled_outcomes, shown_articles

    shown = shown_articles(read.articles, config, changes.today)
    found.outcomes = scheduled_outcomes(found.outcomes, read.articles, shown.scheduled)
    model, diagnostics = build_model(shown.articles, config, held.model if held else None,
                                     shown.scheduled)
    found.diagnostics += diagnostics
    return model, shown.days


def _addresses(config: SiteConfig, read: ReadResult, model: SiteModel, held: Held | None,
               previous: State, found: _Found) -> Followed:
    """The pages whose address moved since it was published, from ``content/addresses.txt``;
    with ``held`` (every article listed as before), what the previous build said, while the
    record is the file it left: no address or alias can have changed."""
    if (held is not None and held.followed is not None
            and record_digest(config) == previous.addresses):
        followed = replace(held.followed, text=None, digest=previous.addresses)
    else:
        failed = any(outcome.fate is Fate.FAILED for outcome in read.outcomes)
        followed = follow(read_record(config), config, read.articles, model, failed)
    found.diagnostics += followed.diagnostics
    return followed


def _keep_addresses(config: SiteConfig, followed: Followed, found: _Found) -> str:
    """Record the addresses the site was published at; the digest of the record now. Written
    once the site is published (it says what was); a fault then is said, and the site stays."""
    try:
        return keep_record(config, followed)
    except OSError as exc:
        found.diagnostics.append(environment_error(exc, config.relative))
        return followed.digest


def _plan(config: SiteConfig, previous: State, changes: Changes, model: SiteModel,
          options: Options, timer: Timer) -> tuple[NextSite, Plan]:
    """The next site and the pages to look at: only the pages of articles whose own page can
    differ when every article is listed as before, the others reused as they are; every page
    otherwise, or when a page to reuse is no longer as published."""
    from builder.plan import plan_changed_pages, plan_every_page

    plan = timer.run("plan", lambda: plan_changed_pages(
        model, config, changes, previous.pages, previous.outdated)
        or plan_every_page(model, config))
    site = _next_site(config, previous, options)
    if plan.reused and not timer.run("reuse", lambda: site.reuse_recorded(plan.reused)):
        plan = timer.run("plan", lambda: plan_every_page(model, config))
        site = _next_site(config, previous, options)
    return site, plan


def _next_site(config: SiteConfig, previous: State, options: Options) -> NextSite:
    from builder.write import staging_marker

    return NextSite(config.site_dir, previous.trees, staging_marker(config.cache_dir),
                    previous.folders, as_recorded=options.staging_as_recorded)


def _render_and_write(config: SiteConfig, site: NextSite, plan: Plan, model: SiteModel,
                      catalogs: Catalogs, changes: Changes, options: Options, found: _Found
                      ) -> tuple[list[int], tuple[tuple[str, str], ...]]:
    """Every job's file and the static files put into the next site; (the numbers of the jobs
    rendered, why each was)."""
    from builder.render import JobFingerprints, Renderer, static_files
    from builder.util.fingerprints import digest
    from builder.util.parallel import ordered_map

    # The marker first: a build killed while rendering leaves a staging folder the next build
    # may use (one without the marker, full of pages, it would refuse as no build's).
    site.put(SITE_MARKER, digest(SITE_MARKER_TEXT), SITE_MARKER_TEXT)
    jobs, renderer = plan.jobs, Renderer(config, model, catalogs)
    fingerprint = JobFingerprints(changes.environment.render_key)
    # Worker processes inherit the jobs, the renderer and the next site (forked): only job
    # numbers go to them, and only digests and file records come back.
    numbers = range(len(jobs))
    fingerprints = list(ordered_map(lambda n: fingerprint(jobs[n]), numbers))
    rendered = [n for n in numbers if not site.reuse(jobs[n].output, fingerprints[n])]
    explanations = tuple(
        (jobs[n].output, changes.why_rendered(fingerprints[n], site.recorded(jobs[n].output),
                                              site.anything_recorded))
        for n in rendered) if options.explain else ()
    placed = ordered_map(lambda n: site.place(
        jobs[n].output, fingerprints[n], renderer.render(jobs[n]).content), rendered)
    with closing(placed):  # its workers end as soon as this stops (Ctrl-C), not when it is freed
        for done, file in enumerate(placed):
            if done % PROGRESS_EVERY == 0:
                options.say(f"rendering: {done} of {len(rendered)} changed pages "
                            f"({len(plan.pages)} in the site)")
            site.settle(file)
    assets, left_out = static_files(config)
    found.diagnostics += left_out
    for file in assets:
        site.put(file.output, digest(file.content), file.content)
    return rendered, explanations


def _search(config: SiteConfig, site: NextSite, model: SiteModel, catalogs: Catalogs,
            records: dict[str, FileRecord], previous: State, held: Held | None,
            options: Options, timer: Timer, found: _Found) -> SearchResult | None:
    """The search index of the next site, its changed shards only (None without search); the
    index's manifest is added to ``records``. With ``held`` (every article listed as before),
    the shards are planned as the previous build planned them."""
    if not config.search:
        site.clear_search_folder()
        return None
    from builder import search
    from builder.write import SEARCH_FOLDER

    options.say("indexing for search")
    searched = timer.run("search", lambda: search.index_site(
        site.staging, model, catalogs,
        page_digests={output: record.digest for output, record in records.items()},
        previous=(config.site_dir / SEARCH_FOLDER, previous.shards),
        defer=options.defer_search, planned=held.search_plan if held else None,
        stop=options.abandon_search))
    found.diagnostics += searched.diagnostics
    records.update(search.manifest_record(site.staging))
    return searched
