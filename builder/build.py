"""``build(config) -> Report``: the whole pipeline, one stage per line.

    ingest new sources -> read pages -> index -> plan -> render -> write (staging)
    -> search (Pagefind) -> publish (atomic swap) -> report

A bad source or page is a located diagnostic and the rest goes on; a problem that affects every
page (configuration, a catalog, a template) stops the build with a hint, and ``site/`` is left
exactly as the last good build made it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from builder import search, write
from builder.config import SiteConfig
from builder.diagnostics import BuildError, Diagnostic, Report
from builder.i18n import coverage_diagnostics, load_catalogs
from builder.index import build_model
from builder.ingest import ingest_sources
from builder.plan import check_alternates, plan_site
from builder.read import read_articles
from builder.render import Renderer, static_files

T = TypeVar("T")


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


def build(config: SiteConfig, *, progress: Callable[[str], None] | None = None) -> Report:
    """Build the site into ``config.site_dir``; never raises for content or template problems."""
    timer = _Timer()
    say = progress or (lambda _message: None)
    diagnostics: list[Diagnostic] = []
    outcomes = []
    staging = None
    try:
        say("ingesting new sources")
        ingested = timer.run("ingest", lambda: ingest_sources(config))
        outcomes += ingested.outcomes
        diagnostics += ingested.diagnostics

        catalogs = timer.run("catalogs", lambda: load_catalogs(config))
        diagnostics += catalogs.diagnostics
        diagnostics += coverage_diagnostics(config)

        say("reading pages")
        fragment_langs = {key: fragment.lang for key, fragment in catalogs.fragments.items()}
        read = timer.run("read", lambda: read_articles(config, fragment_langs))
        outcomes += read.outcomes
        diagnostics += read.diagnostics

        model, index_diagnostics = timer.run("index", lambda: build_model(read.articles, config))
        diagnostics += index_diagnostics
        jobs = timer.run("plan", lambda: plan_site(model, config))
        if broken := check_alternates(jobs):
            raise BuildError(broken[0])

        say(f"rendering {len(jobs)} pages")
        staging = write.prepare_staging(config.site_dir)
        renderer = Renderer(config, model, catalogs)
        with timer.stage("render+write"):
            pages_written = write.write_files(
                staging, [*renderer.render_all(jobs), *static_files(config)])

        indexed = 0
        if config.search:
            say("indexing for search")
            result = timer.run("search", lambda: search.index_site(staging, model, catalogs))
            indexed = result.pages_indexed
            diagnostics += result.diagnostics

        timer.run("publish", lambda: write.publish(staging, config.site_dir))
        staging = None
        return Report(tuple(outcomes), tuple(diagnostics), pages_written, indexed, True,
                      tuple(timer.timings))
    except BuildError as exc:
        diagnostics.append(exc.diagnostic)
        return Report(tuple(outcomes), tuple(diagnostics), 0, 0, False, tuple(timer.timings))
    finally:
        if staging is not None:
            write.discard(staging)
