"""Builds of one project, one after the other, each starting from what the last one left.

``digest build`` is a session of one build: its state comes from ``.digest-cache/`` and goes
back there. The live preview keeps one session for its whole run: its state stays in memory
(with the last model, read and search plan, :class:`~builder.state.Held`), the watcher tells
each build which files changed, so that only those are looked at again, and while the editor
is not waiting the staging folder is caught up with the published site (:meth:`Session.
catch_up`), so that the next save costs only what it changes.

Each build: load the state (once), adopt a ``site/`` that is a copy of the one it published
(restored from a CI cache: :mod:`builder.write.adopt`), keep the front matter's schema up to
date, scan the inputs, ask :mod:`builder.incremental.changes` what changed (the build's day
included: an article due since the last build is a change, though no file changed); when
nothing did and the published site is as recorded, repeat the last report; otherwise run the
pipeline (:func:`builder.build.build_site`) and keep the state it leaves.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import replace
from threading import Event

from builder.addresses import record_digest
from builder.build import Options, Outcome, build_site
from builder.config import SiteConfig
from builder.diagnostics import Diagnostic, Report, environment_error, warning
from builder.formats.schema import refresh_schema
from builder.incremental.changes import detect
from builder.incremental.environment import environment
from builder.incremental.inputs import Scan, rescan, scan_inputs
from builder.state import (
    State, changed_folders, known_trees, load_state, save_state, state_path)
from builder.util.lock import exclusive
from builder.util.timer import Timer
from builder.write import (
    SEARCH_FOLDER,
    NextSite,
    TreeId,
    adopt,
    as_recorded,
    folder_times,
    settled,
    staging_marker,
    tree_id,
    unsafe_output,
)

CACHE_DISCARDED = "cache-discarded"
LOCK_FILE = "lock"
"""In the cache folder: held while a build writes the project's output and state."""

class Session:
    """Builds a project again and again, each build starting from the state the last one left.

    The configuration is given to each build: the live preview reads it again every time, and a
    changed configuration is a change of the environment.
    """

    def __init__(self, state: State | None = None, *, persist: bool = True, warm: bool = False,
                 holder: str = "digest"):
        self.state = state
        """What the last complete build left; None until the first build loads it."""
        self.persist = persist
        """Save the state to ``.digest-cache/`` (False: keep it in memory only)."""
        self.warm = warm
        """Build even when nothing changed, if what the live preview keeps in memory is not
        there yet: its first build does the work its first save would otherwise do while the
        editor waits."""
        self._scan: Scan | None = None
        """The inputs as the last look at them found them."""
        self._told: frozenset[str] | None = None
        """The inputs a watcher named since the state's inputs were recorded (None: not known,
        so every input is compared)."""
        self._unsaved: tuple[SiteConfig, set[str] | None] | None = None
        """The configuration and the folders of page reads not saved yet, once a build left a
        state that is not saved yet."""
        self._caught_up = False
        """Whether :meth:`catch_up` made the staging folder as recorded since the last build."""
        self.holder = holder
        """What holds the project while this session builds, as a build waiting for it is told
        (``digest serve``)."""
        self._holding = 0

    @contextlib.contextmanager
    def holding(self, config: SiteConfig, waiting: Callable[[str], None] | None = None
                ) -> Iterator[None]:
        """The project to this session alone inside (:mod:`builder.util.lock`); a build of
        another process waits, and so does this one, telling ``waiting`` once, for another's.
        Held once however deep: the live preview holds it around a build, its saving and its
        catch-up."""
        if self._holding:
            self._holding += 1
            try:
                yield
            finally:
                self._holding -= 1
            return
        with exclusive(config.project_cache_dir / LOCK_FILE, self.holder, waiting or _quiet):
            self._holding = 1
            try:
                yield
            finally:
                self._holding = 0

    def build(self, config: SiteConfig, *, progress: Callable[[str], None] | None = None,
              explain: bool = False, save: bool = True, changed: Iterable[str] | None = None,
              defer_search: bool = False, waiting: Callable[[str], None] | None = None,
              today: dt.date | None = None, abandon_search: Event | None = None) -> Report:
        """Build the site into ``config.site_dir``; never raises for content or template problems.

        ``save=False`` leaves saving the state to a later :meth:`save` (the live preview tells
        the pages first, and saves after). ``changed`` are the project-relative paths a watcher
        saw change since the last build of this session: only those are looked at again (None:
        look at every input). ``defer_search`` leaves the search shards whose pages changed
        pending, for the next build to index (:attr:`Report.shards_pending`). ``waiting`` is told
        when another process is building the project, which this build waits for. ``today``
        is the build's day, which decides the articles held for their dates (None: the day it
        is in the site's time zone, :meth:`SiteConfig.today`). ``abandon_search``, set from
        another thread before the build publishes, gives it up (:attr:`Report.abandoned`): the
        staging folder is then as its records say, so the next build told what changed trusts
        it as after :meth:`catch_up`.
        """
        if (refusal := unsafe_output(config, lambda: self._recorded_trees(config))) is not None:
            return Report((), (refusal,), 0, 0, False)
        try:
            with self.holding(config, waiting):
                return self._build(config, save, changed, Options(
                    explain=explain, defer_search=defer_search, abandon_search=abandon_search,
                    say=progress or (lambda _message: None)), today or config.today())
        except OSError as exc:  # the lock's folder: .digest-cache a file, a read-only project
            return Report((), (environment_error(exc, config.relative),), 0, 0, False)

    def _build(self, config: SiteConfig, save: bool, changed: Iterable[str] | None,
               options: Options, today: dt.date) -> Report:
        started_ns = time.time_ns()
        timer = Timer()
        diagnostics: list[Diagnostic] = []
        if self.state is None:
            loaded = timer.run("cache", lambda: load_state(config))
            self.state = loaded.state
            if loaded.problem:
                diagnostics.append(warning(config.relative(state_path(config)), None,
                                           CACHE_DISCARDED, loaded.problem))
        previous = self.state = self._adopted(config, self.state, timer)
        if config.content_dir.is_dir():  # before the inputs are scanned: it is beside them
            refresh_schema(config)
        scan, told = timer.run("inputs", lambda: self._look(config, changed))
        changes = detect(previous.inputs, scan, environment(config), today=today, told=told)
        if not diagnostics and changes.nothing and self._finished(config, previous):
            said = tuple(d for d in previous.report.diagnostics  # of that build's cache, not this
                         if d.code != CACHE_DISCARDED)
            return replace(previous.report, diagnostics=said, timings=tuple(timer.timings),
                           pages_rendered=0,
                           files_changed=0, shards_indexed=0, explanations=(), changes=(),
                           up_to_date=True)
        # A build told what changed trusts a staging folder it caught up itself while idle:
        # looking at its 10,000 files again would cost a save a tenth of a second.
        caught_up, self._caught_up = self._caught_up, False
        options = replace(options, staging_as_recorded=caught_up and changed is not None)
        outcome = build_site(config, previous, scan, changes, options, timer, started_ns,
                             diagnostics)
        if outcome.report.abandoned:
            self._abandoned(config, outcome, scan, caught_up)
            return outcome.report
        if outcome.state is None:
            if outcome.scan is not scan:  # ingest wrote pages, then the build failed
                self._scan = self._told = None  # what changed since the state: compare it all
            return outcome.report
        self.state, self._scan, self._told = outcome.state, outcome.state.inputs.scan, frozenset()
        if self.persist:
            folders = changed_folders(outcome.changes)
            if self._unsaved is not None:  # a build whose state is not saved yet
                earlier = self._unsaved[1]
                folders = None if earlier is None or folders is None else folders | earlier
            self._unsaved = (config, folders)
            if save:
                try:
                    self.save()
                except OSError as exc:  # published all the same; the next build redoes more
                    return replace(outcome.report, diagnostics=(
                        *outcome.report.diagnostics, environment_error(exc, config.relative)))
        return outcome.report

    def _abandoned(self, config: SiteConfig, outcome: Outcome, scan: Scan, caught_up: bool
                   ) -> None:
        """Keep what a build given up left: the staging folder as it made it (its pages as
        recorded, as :meth:`catch_up` leaves them, and its index untouched), or as it was."""
        if outcome.scan is not scan:  # ingest wrote pages: compare every input next time
            self._scan = self._told = None
        if outcome.state is None:
            self._caught_up = caught_up
            return
        self.state, self._caught_up = outcome.state, True
        if self.persist:
            self._unsaved = (config, self._unsaved[1] if self._unsaved is not None else set())

    def catch_up(self, config: SiteConfig) -> None:
        """Make the staging folder the current site again (hard links), while nobody waits.

        A build turns the staging folder into the next site. After one that changed many files
        (a template edit), the next build would first link them all again, seconds at 10,000
        pages, before the live preview could show the one page the editor saved; the preview
        calls this once the pages are told, so the next save costs only what it changed. The
        search index too (:func:`builder.search.catch_up`), so that the next save's build, which
        defers search, keeps it whole. Having looked at every staged file here, the next build
        told what changed trusts them.
        """
        with self.holding(config):
            self._catch_up(config)

    def _catch_up(self, config: SiteConfig) -> None:
        trees = self.state.trees if self.state is not None else {}
        live = trees.get(tree_id(config.site_dir))
        if not live:
            return
        site = NextSite(config.site_dir, trees, staging_marker(config.cache_dir),
                        self.state.folders)
        if not site.reuse_recorded(output for output in live
                                    if output.split("/", 1)[0] != SEARCH_FOLDER):
            return  # changed by hand: the marker left behind makes the next build look at all
        staged = site.finish()
        if config.search:
            from builder import search

            search.catch_up(config.site_dir, site.staging)
        else:  # the site before may have had an index: gone now, not while the editor waits
            site.clear_search_folder()
        staging = tree_id(site.staging)
        self.state = replace(self.state, trees={**trees, staging: staged}, folders={
            **self.state.folders, staging: folder_times(site.staging, staged)})
        earlier = self._unsaved[1] if self._unsaved is not None else set()
        self._unsaved = (config, earlier)
        if self.persist:
            self.save()
        self._caught_up = True

    def _adopted(self, config: SiteConfig, state: State, timer: Timer) -> State:
        """``state``, with the site folder adopted as the tree it published when the folder is
        a copy of it (no tree the state records: restored from a CI cache with the build cache,
        every file with a new inode), so that what is still as published is reused
        (:mod:`builder.write.adopt`). Its folders' times are not recorded: a build never takes
        the copy as published as it is, but makes the next site from it."""
        site = tree_id(config.site_dir)
        records = state.trees.get(state.published) if state.published is not None else None
        if site is None or not records or site in state.trees:
            return state
        adopted = timer.run("adopt", lambda: adopt(config.site_dir, records))
        return replace(state, trees={**state.trees, site: adopted},
                       folders={**state.folders, site: {}}, published=site)

    def _recorded_trees(self, config: SiteConfig) -> Collection[TreeId]:
        """The site trees builds of this project wrote, for :func:`~builder.write.unsafe_output`;
        the state is read for it (and kept) only when an output folder outside the project asks."""
        if self.state is None:
            loaded = load_state(config)
            self.state = loaded.state if not loaded.problem else None
            return known_trees(loaded.state)
        return known_trees(self.state)

    def save(self) -> None:
        """Save what the last builds left to ``.digest-cache/``, if not saved yet."""
        if self._unsaved is None or self.state is None:
            return
        config, folders = self._unsaved
        with self.holding(config):
            save_state(config, self.state, folders)
            settled(staging_marker(config.cache_dir))
        self._unsaved = None

    def _look(self, config: SiteConfig, changed: Iterable[str] | None
              ) -> tuple[Scan, frozenset[str] | None]:
        """The inputs now, and the paths a watcher named since the state's were recorded (None:
        compare them all)."""
        if changed is None or self._scan is None:
            self._scan, self._told = scan_inputs(config), None
        else:
            self._scan, looked = rescan(self._scan, config, changed)
            self._told = None if self._told is None else self._told | looked
        return self._scan, self._told

    def _finished(self, config: SiteConfig, previous: State) -> bool:
        """Whether the previous build left nothing to do: its report is there, no search shard
        is pending, the live preview has its memory, the record of addresses is as it left it,
        and ``site/`` is as it was published."""
        return (previous.report is not None and not previous.report.shards_pending
                and not (self.warm and previous.held is None)
                and record_digest(config) == previous.addresses
                and as_recorded(config.site_dir, previous.trees.get(tree_id(config.site_dir)),
                                previous.folders.get(tree_id(config.site_dir))))


def build(config: SiteConfig, *, progress: Callable[[str], None] | None = None,
          explain: bool = False, waiting: Callable[[str], None] | None = None,
          today: dt.date | None = None) -> Report:
    """One build with the state on disk: what ``digest build`` runs (``today``: the build's day,
    :meth:`Session.build`)."""
    return Session(holder="digest build").build(config, progress=progress, explain=explain,
                                                waiting=waiting, today=today)


def _quiet(_message: str) -> None:
    pass
