"""Rendering page jobs on every core, with the same bytes as on one.

Rendering is pure: a page's bytes depend on its job and the renderer only, so it can be split
across processes and the results put back in job order; the output cannot depend on how the
work was split. Processes, because Jinja2 and markdown-it-py are pure Python and hold the GIL.

The worker processes are forked from the build with the :class:`~builder.render.Renderer`
already made (its templates compiled, its catalogs loaded), so nothing but the jobs and the
rendered bytes crosses between processes. Where ``fork`` is unavailable (Windows, macOS by
default), or the jobs are few enough that starting workers costs more than it saves, the build
renders in its own process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Sequence

from builder.plan import PageJob
from builder.render import Renderer

MIN_JOBS_PER_WORKER = 100
"""Below this many jobs per extra process, forking is slower than rendering in place."""
CHUNK = 64
"""Jobs sent to a worker at a time: large enough to amortise the round trip."""

_worker_renderer: list[Renderer] = []
"""The renderer a forked worker inherited. Set in the parent just before forking and cleared
just after; each worker process reads its own copy."""


def workers_for(jobs: int) -> int:
    """How many processes to render ``jobs`` pages with (1: in the build's own process)."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(cores, jobs // MIN_JOBS_PER_WORKER))


def render_pages(renderer: Renderer, jobs: Sequence[PageJob]) -> Iterator[bytes]:
    """The bytes of each job's page, in the order of ``jobs``.

    A :class:`~builder.diagnostics.BuildError` in a worker (a template error) is raised here as
    it would be in one process: it pickles whole.
    """
    processes = workers_for(len(jobs))
    if processes == 1:
        for job in jobs:
            yield renderer.render(job).content
        return
    _worker_renderer.append(renderer)
    try:
        pool = multiprocessing.get_context("fork").Pool(processes)
    finally:
        _worker_renderer.clear()
    with pool:
        yield from pool.imap(_render, jobs, chunksize=CHUNK)


def _render(job: PageJob) -> bytes:
    return _worker_renderer[0].render(job).content
