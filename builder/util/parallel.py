"""Pages parsed and rendered on every core, with the same result as on one.

Parsing a page and rendering a page job are pure: each result depends on its input only, so
the work can be split across processes and the results put back in input order; the output
cannot depend on how the work was split. Processes, because markdown-it-py, PyYAML's
constructors and Jinja2 are pure Python and hold the GIL.

The worker processes are forked from the build with the work's function already made (a
renderer with its templates compiled and catalogs loaded, a parser with the configuration), so
only the inputs and the results cross between processes. Where ``fork`` is unavailable
(Windows, macOS by default), in a process with other threads (:func:`workers_for`), or when
there is too little work for starting workers to pay off, the work is done in the build's own
process.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from builder.util import memory

T = TypeVar("T")
R = TypeVar("R")
MIN_ITEMS_PER_WORKER = 100
"""Below this many items per extra process, forking costs more than it saves."""
CHUNK = 32
"""Items sent to a worker at a time: large enough to amortise the round trip."""

_work: list[Callable[[Any], Any]] = []
"""The function a forked worker inherited. Set in the parent just before forking and cleared
just after; each worker process reads its own copy."""


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
    :class:`~builder.diagnostics.BuildError` pickles whole).
    """
    processes = workers_for(len(items))
    if processes == 1:
        yield from map(function, items)
        return
    _work.append(function)
    memory.share_with_workers()
    try:
        pool = multiprocessing.get_context("fork").Pool(processes, initializer=_worker_start)
    finally:
        _work.clear()
    with pool:
        yield from pool.imap(_call, items, chunksize=CHUNK)


def _worker_start() -> None:
    """A worker leaves Ctrl-C to the build, and ends quietly when the build ends it: it is
    forked with the build's handlers (the live preview turns SIGTERM into an interrupt). It
    collects garbage, which the build itself does not while it runs (rendering makes cycles:
    Jinja2's contexts), and leaves what it inherited frozen alone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    memory.collect_in_worker()


def _call(item: Any) -> Any:
    return _work[0](item)

