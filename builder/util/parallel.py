"""Pages parsed and rendered on every core, with the same result as on one.

Parsing a page and rendering a page job are pure: each result depends on its input only, so
the work can be split across processes and the results put back in input order; the output
cannot depend on how the work was split. Processes, because markdown-it-py, PyYAML's
constructors and Jinja2 are pure Python and hold the GIL.

The worker processes are forked from the build with the work's function already made (a
renderer with its templates compiled and catalogs loaded, a parser with the configuration) and
its inputs, so only the positions of chunks of inputs go to them, and only results come back.
Where ``fork`` is unavailable (Windows, macOS by default), in a process with other threads
(:func:`workers_for`), or when there is too little work for starting workers to pay off, the
work is done in the build's own process.

Each worker has a connection of its own to the build and shares nothing else with it or with
the other workers: no queue, no lock, no thread of the build's. So a worker can be killed at
any moment (Ctrl-C, an error) without leaving anything held; and a worker that dies is an
error, never a wait. (``multiprocessing.Pool`` shares a queue and its locks among its workers
and runs threads in the build: Ctrl-C could hang its teardown, which kills workers that may be
holding a lock, and then waits for a thread that needs it.)
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import signal
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

from builder.util import memory

T = TypeVar("T")
R = TypeVar("R")
MIN_ITEMS_PER_WORKER = 100
"""Below this many items per extra process, forking costs more than it saves."""
CHUNK = 32
"""Items sent to a worker at a time: large enough to amortise the round trip."""
AHEAD = 2
"""Chunks a worker is given at a time: the next one is there when it finishes one."""


def workers_for(items: int) -> int:
    """How many processes to work on ``items`` inputs with (1: in the build's own process).

    Never more than one in a process that runs other threads (the live preview's server and
    watcher): a forked child gets a copy of every lock as some thread held it at that moment,
    and one held by a thread that does not exist in the child is never released.
    """
    if "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        return 1
    return max(1, min(cores(), items // MIN_ITEMS_PER_WORKER))


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def ordered_map(function: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
    """``map(function, items)``, on every core when there are many items.

    An exception in a worker is raised here, as it would be in one process (a
    :class:`~builder.diagnostics.BuildError` pickles whole), its traceback in the worker as
    its cause. The workers end with the work, or are killed as soon as it stops short (an
    error, Ctrl-C, a caller that wants no more).
    """
    processes = workers_for(len(items))
    if processes == 1:
        yield from map(function, items)
        return
    workers = _start_workers(function, items, processes)
    try:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # a Ctrl-C held: raised here
        yield from _collect(workers, len(items))
    except BaseException:
        _stop(workers, kill=True)
        raise
    _stop(workers, kill=False)


@dataclass(frozen=True)
class _Worker:
    """A forked worker, as the build sees it."""

    process: BaseProcess
    """The worker's process: daemonic, so that the interpreter's exit ends one left behind."""
    connection: Connection
    """The build's end of the worker's own connection: positions of chunks go out on it, their
    results come back."""


def _start_workers(function: Callable[[T], R], items: Sequence[T],
                   processes: int) -> list[_Worker]:
    """``processes`` workers forked with ``function`` and ``items``; returned with SIGINT
    blocked in this thread, which the caller unblocks once it is sure to end them.

    A Ctrl-C (sent to the command's whole process group) while workers were forked broke the
    command: raised as a KeyboardInterrupt in the hooks that run after ``os.fork()``, it was
    printed as "Exception ignored" and lost, and the build went on to the end; and a worker it
    reached before it ignored SIGINT printed a traceback. With SIGINT blocked meanwhile, the
    kernel holds the Ctrl-C: the workers are born with it blocked (each ignores it, then
    unblocks it), and the build takes it as soon as it unblocks it. One that came just before
    the block is raised before the first fork, at the first call of Python below.
    """
    memory.share_with_workers()
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    workers: list[_Worker] = []
    try:
        for _ in range(processes):
            ours, theirs = multiprocessing.Pipe()
            inherited = [*(worker.connection for worker in workers), ours]
            process = multiprocessing.get_context("fork").Process(
                target=_serve, args=(function, items, theirs, inherited), daemon=True)
            process.start()
            theirs.close()  # the worker's alone: its end of the connection closes as it dies
            workers.append(_Worker(process, ours))
    except BaseException:
        _stop(workers, kill=True)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        raise
    return workers


def _collect(workers: Sequence[_Worker], count: int) -> Iterator[Any]:
    """The results of the ``count`` items in order, the chunks handed out as workers finish
    theirs (:data:`AHEAD` each at a time)."""
    starts = iter(range(0, count, CHUNK))
    for _ in range(AHEAD):
        for worker in workers:
            _give(worker, next(starts, None))
    done: dict[int, list[Any]] = {}
    by_connection = {worker.connection: worker for worker in workers}
    for start in range(0, count, CHUNK):
        while start not in done:
            for connection in wait(list(by_connection)):
                finished, results = _received(by_connection[connection])
                done[finished] = results
                _give(by_connection[connection], next(starts, None))
        yield from done.pop(start)


def _give(worker: _Worker, start: int | None) -> None:
    """Ask ``worker`` for the results of the chunk at ``start`` (None: there is none left)."""
    if start is None:
        return
    try:
        worker.connection.send(start)
    except OSError:  # not a BrokenPipeError, which would say the command's reader is gone
        raise _ended(worker) from None


def _received(worker: _Worker) -> tuple[int, list[Any]]:
    """The position of the chunk ``worker`` has finished, and its results; what it raised,
    raised here."""
    try:
        start, results, failure = worker.connection.recv()
    except (EOFError, OSError):
        raise _ended(worker) from None
    if failure is not None:
        exception, where = failure
        raise exception from WorkerTraceback(where)
    return start, results


def _ended(worker: _Worker) -> RuntimeError:
    """A worker that ended before its work was done (killed from outside: out of memory)."""
    worker.process.join(timeout=1)
    return RuntimeError(f"a worker process ended before its work was done (exit status "
                        f"{worker.process.exitcode})")


def _stop(workers: Sequence[_Worker], *, kill: bool) -> None:
    """End the workers: each asked to (its connection closed: its work is done), or killed
    (``kill``: no result is wanted any more; a worker holds nothing another needs), and
    awaited."""
    for worker in workers:
        if kill:
            worker.process.kill()
        worker.connection.close()
    for worker in workers:
        worker.process.join()


class WorkerTraceback(Exception):
    """Where an exception raised in a worker came from: its traceback there, as text."""


def _serve(function: Callable[[T], R], items: Sequence[T], connection: Connection,
           inherited: Sequence[Connection]) -> None:
    """A worker: the results of each chunk of ``items`` the build asks for, until it asks for
    none (it closes its end), or is gone.

    The worker leaves Ctrl-C to the build, and ends quietly when the build ends it: it is forked
    with the build's handlers (the live preview turns SIGTERM into an interrupt), and with
    SIGINT blocked (:func:`_start_workers`), which it unblocks once ignored (a Ctrl-C held
    meanwhile is dropped). It closes the build's ends of the connections it was forked with,
    its own and the workers' forked before it, so that each connection ends with the build. It
    collects garbage, which the build itself does not while it runs (rendering makes cycles:
    Jinja2's contexts), and leaves what it inherited frozen alone.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    memory.collect_in_worker()
    for other in inherited:
        other.close()
    with contextlib.suppress(EOFError, OSError):  # the build is gone: nothing more to do
        while True:
            start = connection.recv()
            try:
                results = [function(item) for item in items[start:start + CHUNK]]
            except Exception as exc:  # noqa: BLE001 - raised in the build, as in one process
                connection.send((start, None, _portable(exc)))
            else:
                connection.send((start, results, None))


def _portable(exc: Exception) -> tuple[Exception, str]:
    """``exc`` as the build can be sent it (itself if it pickles, as a BuildError does; else a
    RuntimeError saying what it was), with its traceback here as text."""
    where = "".join(traceback.format_exception(exc))
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:  # noqa: BLE001 - whatever stops it crossing
        return RuntimeError(f"{type(exc).__name__}: {exc}"), where
    return exc, where
