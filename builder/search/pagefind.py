"""Bundles to write -> Pagefind's files on disk, from one Pagefind process.

In: the site folder and a list of :class:`BundleJob` (which pages, found by glob, and which
records go into each bundle, and where it goes). Out: each bundle written by Pagefind into its
folder and put in canonical order (:func:`builder.search.bundle.settle_bundle`), or an
exception saying what went wrong.

This module is the only place Pagefind runs, through its Python API: a service process per
share of the bundles (one per core, as Pagefind alone keeps about one and a half busy), in which
that share is indexed one bundle after the other (each index is deleted from the service once
written, so a process's memory is bounded by the largest bundle). Writing a bundle also
writes Pagefind's browser side into it (``pagefind.js``, the worker, the Component UI, the
WebAssembly of its languages); :mod:`builder.search` keeps what it needs of that.

Two things the Python API leaves to its caller are done here:

- its listener sleeps 100 ms before reading each answer, so every request would cost at least
  0.1 s (a bundle is four requests, and each passage record one more): the service here reads
  each answer as soon as it is written, resolving the same requests the same way;
- Pagefind answers "files written" once it has handed the bytes to its writer threads, which
  may still be writing: the service is ended (end of its input) and awaited, and its files are
  read only after it has exited; a dead process is reported with its exit status, never
  awaited forever.

Its caller may give the work up from another thread (``stop``: the live preview, when a newer
save comes, :mod:`builder.serve`): every task is cancelled, each process killed and awaited as
on Ctrl-C (:func:`_shut_down`), and :class:`~builder.diagnostics.Abandoned` raised. Nothing is
left running, and nothing was written but the jobs' own folders.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import os
import shutil
import signal
import threading
from collections.abc import Callable, Coroutine, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from builder.diagnostics import Abandoned
from builder.model import search_sort_value
from builder.search import bundle as search_bundle
from builder.search.forms import add_fleeting_vowel_keys
from builder.search.records import ForeignRecord

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

    Pagefind keeps about one and a half cores busy, so on a machine with more the bundles are
    shared among several processes, each writing its share one bundle after the other (the
    shares balanced by pages; a bundle's bytes do not depend on which process wrote it). A
    share's bundles are checked and put in order as soon as its process has exited, while the
    others may still be indexing. A bundle Pagefind left incomplete is written again, in a new
    process, up to :data:`ATTEMPTS` times in all.
    """
    pending = list(jobs)
    for _attempt in range(ATTEMPTS):
        shares = _shares(pending, processes)
        pending = _run_to_completion(lambda shares=shares: _unless_stopped(
            _run_all(site, shares, stop), stop))
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
    has ended: each share's :func:`_run` kills its process and awaits it as it is cancelled.
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


async def _run_all(site: Path, shares: Sequence[Sequence[BundleJob]],
                   stop: threading.Event | None = None) -> list[BundleJob]:
    """One Pagefind process per share, at the same time; the bundles left incomplete, in the
    order given. The first failure is raised once all have stopped (each shuts its own process
    down)."""
    outcomes = await asyncio.gather(*(_run(site, share, stop) for share in shares),
                                    return_exceptions=True)
    incomplete: list[BundleJob] = []
    for outcome in outcomes:
        if isinstance(outcome, BaseException):
            raise outcome
        incomplete += outcome
    return incomplete


async def _run(site: Path, jobs: Sequence[BundleJob],
               stop: threading.Event | None = None) -> list[BundleJob]:
    """Write ``jobs`` in one Pagefind process; once it has exited, put the complete bundles in
    canonical order (in a thread, beside the other shares' processes) and return the others."""
    from pagefind.service import PagefindService

    try:
        service = await _launched(_responsive(PagefindService)())
    except OSError as exc:  # no binary, or not executable
        raise RuntimeError(f"cannot start Pagefind: {exc} (the 'pagefind[bin]' package provides "
                           "the binary; PAGEFIND_BINARY_PATH points at another one)") from exc
    try:
        await _until_service_stops(service, _write_all(service, site, jobs))
        await _until_written(service)
    finally:
        await _shut_down(service)
    return await asyncio.to_thread(_settle, jobs, stop)


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


def _settle(jobs: Sequence[BundleJob], stop: threading.Event | None = None
            ) -> list[BundleJob]:
    """Put each complete bundle of ``jobs`` in canonical order; the incomplete ones. A bundle
    is complete when its files are whole and it holds every page and record it was given: its
    fingerprint, recorded after this, must never vouch for a bundle that lacks one. Given up
    (``stop``) between two bundles, and within one between two chunks or pages
    (:func:`~builder.search.bundle.settle_bundle`): a thread cannot be cancelled, and its loop
    waits for it."""
    stopped = stop.is_set if stop is not None else search_bundle.never
    incomplete = []
    for job in jobs:
        search_bundle.given_up(stopped)
        if (search_bundle.complete(job.output)
                and search_bundle.indexed_pages(job.output) == job.entries):
            search_bundle.settle_bundle(job.output, add_fleeting_vowel_keys, stopped)
        else:
            incomplete.append(job)
    return incomplete


async def _write_all(service: Any, site: Path, jobs: Sequence[BundleJob]) -> None:
    for job in jobs:  # one at a time: the service holds one bundle's index in memory
        await _write_bundle(service, site, job)


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
    await index.write_files(output_path=str(job.output))
    await index.delete_index()  # frees the service's memory before the next bundle


async def _until_written(service: Any) -> None:
    """End the service and wait until it has exited: only then are its files all written
    (its runtime waits for its writer threads; a killed process could leave a file cut short)."""
    backend = service._backend
    backend.stdin.close()
    status = await asyncio.wait_for(backend.wait(), timeout=600)
    listener = getattr(service, "_poll_task", None)
    if listener is not None:
        # It ends with the output. Every request was answered before stdin was closed, so
        # whatever the process says as it goes (even a message that is not one) is not needed.
        with contextlib.suppress(asyncio.CancelledError, asyncio.IncompleteReadError, ValueError):
            await listener
    if status != 0:
        raise RuntimeError(f"the Pagefind process stopped (exit status {status})")


# --- The service: answers read as they come, and a process that dies --------------------------
# If the process exits, the listener (``_poll_task``) ends and a pending request would wait
# forever: so the work is raced against the listener, and a dead process is reported.

def _responsive(base: type) -> type:
    class ResponsiveService(base):  # type: ignore[misc, valid-type]
        async def _wait_for_responses(self) -> None:
            stdout = self._backend.stdout
            while True:
                chunk = (await stdout.readuntil(b","))[:-1].strip()
                if not chunk:  # an empty message (seen as the process ends): nothing to answer
                    continue
                response = json.loads(base64.b64decode(chunk))
                if isinstance(response, dict):
                    _resolve(self._responses, response)

    return ResponsiveService


def _resolve(pending: Mapping[int, asyncio.Future[Any]], response: dict[str, Any]) -> None:
    payload = response.get("payload") or {}
    message_id = response.get("message_id")
    if message_id is None and payload.get("original_message"):
        # An unparsable request is answered without its id, but with the request itself.
        with contextlib.suppress(ValueError, AttributeError):
            message_id = json.loads(payload["original_message"]).get("message_id")
    future = pending.get(message_id) if message_id is not None else None
    if future is None or future.done():
        return
    if payload.get("type") == "Error":
        future.set_exception(Exception(payload.get("message"), payload.get("original_message")))
    else:
        future.set_result(payload)


async def _until_service_stops(service: Any, work: Coroutine[Any, Any, None]) -> None:
    task = asyncio.ensure_future(work)
    listener: asyncio.Task[None] | None = getattr(service, "_poll_task", None)
    if listener is None:  # an API without the listener task: nothing to race against
        await task
        return
    try:
        await asyncio.wait({task, listener}, return_when=asyncio.FIRST_COMPLETED)
    except asyncio.CancelledError:  # given up: the requests under way with it
        task.cancel()
        raise
    if task.done() and not isinstance(task.exception(), ConnectionError):
        task.result()  # done, or Pagefind's own error message
        return
    if not task.done():
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    # The process is gone (or its pipe broke as it went): its exit status is the best report.
    raise RuntimeError(f"the Pagefind process stopped (exit status {await _exit_status(service)})")


async def _exit_status(service: Any) -> int | None:
    backend = getattr(service, "_backend", None)
    if backend is None:
        return None
    try:
        return await asyncio.wait_for(backend.wait(), timeout=10)
    except TimeoutError:
        return None


async def _launched(service: Any) -> Any:
    """``service`` with its process started. Cancelled meanwhile (Ctrl-C), the start is let
    finish and the process ended (:func:`_shut_down`): asyncio, cancelled as it starts a process,
    reaps it itself, and its child watcher, which waits for that process, then says "Unknown
    child process pid …" on stderr."""
    launching = asyncio.ensure_future(service.launch())
    try:
        return await asyncio.shield(launching)
    except asyncio.CancelledError:
        with contextlib.suppress(Exception):  # it did not start: nothing to end
            await _shut_down(await launching)
        raise


async def _shut_down(service: Any) -> None:
    """End a service whose work is given up (a failure, or Ctrl-C cancelling the event loop's
    work) at once: its process killed and awaited, its listener stopped. (Its own ``close()``
    first waits up to 5 s for the answers to the requests under way, which a process killed by
    the same Ctrl-C never gives, then says "timed out waiting for responses to be resolved" on
    stderr: a Ctrl-C during the search stage took 5 s and printed that line for each process.)
    A service that has ended by itself (its work done, or dead) has nothing to kill.

    The process is sent SIGKILL by its number, not through ``Process.kill()``, which first
    reaps a process that has just died (as the Ctrl-C sent to the whole process group kills
    Pagefind too), leaving asyncio's child watcher to say "Unknown child process pid …"."""
    backend = getattr(service, "_backend", None)
    if backend is not None and backend.returncode is None:
        with contextlib.suppress(ProcessLookupError):  # reaped already, its end not yet told
            os.kill(backend.pid, signal.SIGKILL)
        await backend.wait()
    listener = getattr(service, "_poll_task", None)
    if listener is None:
        return
    if listener.done():
        if not listener.cancelled():
            listener.exception()  # retrieved, so asyncio does not log it as lost
    else:
        listener.cancel()
