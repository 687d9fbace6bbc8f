"""Bundles to write -> Pagefind's files on disk, in canonical order.

In: the site folder and a list of :class:`BundleJob` (which pages, found by glob, and which
records go into each bundle, and where it goes). Out: each bundle's files, as Pagefind makes
them, in its folder, put in canonical order (:func:`builder.search.bundle.settle_bundle`), or an
exception saying what went wrong.

This module is the only place Pagefind runs, through its Python API: the bundles are shared
among as many service processes as there are cores (Pagefind keeps about one core busy indexing
a shard), each indexing its share one bundle after the other (each index deleted from the
service once its files are out, so a process's memory is bounded by the largest bundle). Each
bundle's files are written as soon as Pagefind hands them over, and the bundle is settled by a
worker process (:mod:`builder.search.settling`) while its Pagefind process indexes the next.
The files include Pagefind's browser side (``pagefind.js``, the worker, the Component UI, the
WebAssembly of its languages); :mod:`builder.search` keeps what it needs of that.

The service process is driven through :mod:`builder.search.service`. Pagefind's own writing of
a bundle (``write_files``) answers once it has handed the bytes to its runtime's writer
threads, and the service exits at once at the end of its input: a bundle's files were only
sure to be whole once its process had exited, and not always then (about one build in fifty
had a file cut short, which :func:`~builder.search.bundle.complete` found and the build wrote
again). So the bundle's files are asked for instead (``get_files``: the same bytes) and
written here, whole, as soon as they come, and its settling can begin at once.

Its caller may give the work up from another thread (``stop``: the live preview, when a newer
save comes, :mod:`builder.serve`): every task is cancelled, each process (Pagefind's and the
settling workers') killed and awaited as on Ctrl-C, and :class:`~builder.diagnostics.Abandoned`
raised. Nothing is left running, and nothing was written but the jobs' own folders.
"""

from __future__ import annotations

import asyncio
import shutil
import threading
from collections.abc import Callable, Coroutine, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from builder.diagnostics import Abandoned
from builder.model import search_sort_value
from builder.search import bundle as search_bundle
from builder.search import service as pagefind_service
from builder.search.records import ForeignRecord
from builder.search.settling import Settlers
from builder.util.files import write_new
from builder.write.paths import plain_path

T = TypeVar("T")
STUB_TEXT = "digest"
"""The one word of a stub record: one per language makes Pagefind write that language's
WebAssembly into a bundle without pages (whose index :func:`builder.search.bundle.empty_indexes`
then empties, so the word is never found)."""


@dataclass(frozen=True)
class BundleJob:
    """One Pagefind bundle to write."""

    output: Path
    """The folder Pagefind writes it into (a fresh one: nothing in it may be linked elsewhere)."""
    globs: tuple[tuple[str, int], ...] = ()
    """(glob relative to the site, number of pages it must find), in the order pages are added."""
    records: tuple[ForeignRecord, ...] = ()
    """Passage records, added after the pages, in this order."""
    stubs: tuple[str, ...] = ()
    """Languages that get a stub record."""
    skipped: int = 0
    """Pages the globs find that Pagefind indexes nothing of (alias pages)."""

    @property
    def entries(self) -> int:
        """How many pages and records the written bundle must hold."""
        return (sum(count for _, count in self.globs) - self.skipped + len(self.records)
                + len(self.stubs))


ATTEMPTS = 3
"""Pagefind runs for the bundles it left incomplete (:func:`search_bundle.complete`)."""
STOP_POLL_SECONDS = 0.01
"""How often the work looks whether its caller gave it up: the delay added to a newer save."""


def write_bundles(site: Path, jobs: Sequence[BundleJob], processes: int = 1,
                  stop: threading.Event | None = None) -> None:
    """Write every job's bundle with up to ``processes`` Pagefind processes at once, each bundle
    then put in canonical order; :class:`Abandoned` as soon as ``stop`` is set, its processes
    ended first.

    The bundles are shared among ``processes`` Pagefind processes (balanced by pages; a
    bundle's bytes do not depend on which process wrote it), each writing its share one bundle
    after the other. A bundle is checked and put in order as soon as its files are written, by
    one of up to ``processes`` settling workers, while the Pagefind processes index the next
    ones (settled in the build's own process once their Pagefind process had exited, the shards
    of a site of 10,000 articles took as long again as Pagefind had). A bundle found incomplete
    is written again, in a new process, up to :data:`ATTEMPTS` times in all.
    """
    pending = list(jobs)
    for _attempt in range(ATTEMPTS):
        shares = _shares(pending, processes)
        pending = _run_to_completion(lambda shares=shares: _unless_stopped(
            _run_all(site, shares), stop))
        pending += _cut_short([job for job in jobs if job not in pending])
        if not pending:
            return
        for job in pending:
            shutil.rmtree(job.output, ignore_errors=True)
    names = ", ".join(job.output.name for job in pending)
    raise RuntimeError(f"Pagefind left the bundle incomplete {ATTEMPTS} times: {names}")


def describe(exc: BaseException) -> str:
    """A failure in words: the service reports errors as Exception(message, original)."""
    if exc.args and isinstance(exc.args[0], str):
        return exc.args[0]
    return str(exc) or type(exc).__name__


def _run_to_completion(work: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run ``work`` in an event loop of its own: in a thread of its own if the caller's thread
    already runs one (a caller inside asyncio, or a test driving a browser)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(work())
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(work())).result()


async def _unless_stopped(work: Coroutine[Any, Any, T], stop: threading.Event | None) -> T:
    """``work``'s result, or :class:`Abandoned` once ``stop`` is set and the work, cancelled,
    has ended: each lane's :func:`_run` kills its process and awaits it as it is cancelled,
    and so do the :class:`Settlers` their workers.
    The event is looked at every few milliseconds (a thread's event cannot wake a loop)."""
    task = asyncio.ensure_future(work)
    if stop is None:
        return await task
    while not stop.is_set():
        await asyncio.wait({task}, timeout=STOP_POLL_SECONDS)
        if task.done():
            return task.result()
    task.cancel()
    await asyncio.wait({task})
    if not task.cancelled():
        task.exception()  # whatever it raised as it ended, it was given up: retrieved, not lost
    raise Abandoned("the search index was given up for a newer change")


def _shares(jobs: Sequence[BundleJob], processes: int) -> list[list[BundleJob]]:
    """``jobs`` in at most ``processes`` shares of about the same number of pages, each in the
    order given: the largest bundle first to the share with the fewest pages so far."""
    def size(number: int) -> int:
        return sum(count for _, count in jobs[number].globs) + len(jobs[number].records)

    shares: list[list[int]] = [[] for _ in range(max(1, min(processes, len(jobs))))]
    loads = [0] * len(shares)
    for number in sorted(range(len(jobs)), key=lambda number: -size(number)):
        lightest = loads.index(min(loads))
        shares[lightest].append(number)
        loads[lightest] += size(number)
    return [[jobs[number] for number in sorted(share)] for share in shares]


async def _run_all(site: Path, shares: Sequence[Sequence[BundleJob]]) -> list[BundleJob]:
    """A lane per share, at the same time, and as many settling workers; the bundles left
    incomplete, in the order given. The first failure is raised once all have stopped (each
    shuts its own processes down)."""
    async with Settlers(len(shares)) as settlers:
        outcomes = await asyncio.gather(*(_run(site, share, settlers) for share in shares),
                                        return_exceptions=True)
    incomplete: list[BundleJob] = []
    for outcome in outcomes:
        if isinstance(outcome, BaseException):
            raise outcome
        incomplete += outcome
    return incomplete


async def _run(site: Path, jobs: Sequence[BundleJob], settlers: Settlers) -> list[BundleJob]:
    """Write ``jobs`` one after the other in one Pagefind process; each bundle, as soon as its
    files are written, checked and put in canonical order by ``settlers`` while the next is
    indexed. The bundles left incomplete, in order; given up or failed, the bundles being
    settled are given up too."""
    service = await pagefind_service.launch()
    settling: list[asyncio.Future[list[BundleJob]]] = []
    try:
        try:
            for job in jobs:
                await pagefind_service.until_service_stops(service,
                                                           _write_bundle(service, site, job))
                settling.append(asyncio.ensure_future(_settle([job], settlers)))
            await pagefind_service.end(service)
        finally:
            await pagefind_service.shut_down(service)
        settled = await asyncio.gather(*settling)
    except BaseException:
        for task in settling:
            task.cancel()
        await asyncio.gather(*settling, return_exceptions=True)
        raise
    return [job for incomplete in settled for job in incomplete]


def _cut_short(jobs: Sequence[BundleJob]) -> list[BundleJob]:
    """The bundles among ``jobs`` with a browser-side file shorter than the same file in another:
    a script Pagefind left cut short is not compressed, so :func:`search_bundle.complete` cannot
    tell it (seen once: ``pagefind-worker.js`` ending mid-word). Every bundle one Pagefind
    writes has the same browser side, so with two bundles or more the longest is the whole one."""
    sides = {job.output: search_bundle.browser_side(job.output) for job in jobs}
    longest: dict[str, int] = {}
    for side in sides.values():
        for name, size in side.items():
            longest[name] = max(size, longest.get(name, 0))
    return [job for job in jobs
            if any(size < longest[name] for name, size in sides[job.output].items())]


async def _settle(jobs: Sequence[BundleJob], settlers: Settlers) -> list[BundleJob]:
    """Put each complete bundle of ``jobs`` in canonical order, by a worker of ``settlers``;
    the incomplete ones. A bundle is complete when its files are whole and it holds every page
    and record it was given: its fingerprint, recorded after this, must never vouch for a
    bundle that lacks one. (The check reads every file of the bundle: a tenth of a second for
    a shard of 1,000 pages, in a thread.)"""
    incomplete = []
    for job in jobs:
        if await asyncio.to_thread(_complete, job):
            await settlers.settle(job.output)
        else:
            incomplete.append(job)
    return incomplete


def _complete(job: BundleJob) -> bool:
    return (search_bundle.complete(job.output)
            and search_bundle.indexed_pages(job.output) == job.entries)


async def _write_bundle(service: Any, site: Path, job: BundleJob) -> None:
    index = await service.create_index(None)
    for glob, expected in job.globs:
        found = (await index.add_directory(str(site), glob=glob))["page_count"]
        if found != expected:
            raise RuntimeError(f"Pagefind found {found} pages at {glob}, not {expected}")
    for record in job.records:
        await index.add_custom_record(
            url=record.url, content=record.content, language=record.lang,
            meta={"title": record.title, **dict(record.shown)},
            filters={name: list(values) for name, values in record.filters},
            sort={"date": search_sort_value(record.date, record.url)})
    for lang in job.stubs:
        await index.add_custom_record(url=f"/{lang}/search/", content=STUB_TEXT, language=lang)
    files = await index.get_files()
    await index.delete_index()  # frees the service's memory before the next bundle
    await asyncio.to_thread(_write_files, job.output, files)


def _write_files(folder: Path, files: Sequence[Mapping[str, Any]]) -> None:
    """Write a bundle's files, as Pagefind hands them over, into ``folder`` (a fresh one)."""
    for file in files:
        path = file["path"]
        if not plain_path(path):
            raise RuntimeError(f"Pagefind named a file of the bundle {path!r}")
        target = folder.joinpath(*path.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        write_new(target, file["content"])
