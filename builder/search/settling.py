"""Bundles Pagefind has written -> the same bundles in canonical order, in worker processes.

In: the folders of bundles whose files Pagefind has handed over and the build has written
(its process indexing the next), one at a time to each worker. Out: each folder settled in place (:func:`builder.search.bundle.
settle_bundle`, with the Russian keys of :mod:`builder.search.forms`), or an exception saying
what went wrong.

Why processes: settling a shard of 1,000 pages is a second or two of pure Python (decoding,
renumbering, encoding and compressing its word chunks), and threads of one process take turns
under the GIL. Settled in the build's own process after each Pagefind process had exited, the
twelve shards of a site of 10,000 articles took 20 s after Pagefind's 20 s. In
:class:`Settlers`, each bundle is settled as soon as its files are written, by a worker of its
own, while Pagefind indexes the next bundles.

A worker is a fresh interpreter (``sys.executable``), not a fork: the live preview builds in a
thread beside its server's and its watcher's, and a process forked from a process with threads
may inherit a lock some other thread held (:func:`builder.util.parallel.workers_for`). It is
given the build's ``sys.path``, so it runs the same builder, and is sent one bundle's folder
at a time on its input; it answers on its output when that bundle is settled. It shares nothing
else with the build, so it can be killed at any moment: the build's caller gives the work up
(``stop``) or Ctrl-C ends it, and :class:`Settlers` kills every worker and awaits it as it
ends (the work given up as they were ending, too); the half-settled bundle is thrown away with
the rest of Pagefind's working folder. A worker leaves Ctrl-C (which a terminal sends to the
whole process group) to the build, which ends it; if the build itself is killed, the worker
reads the end of its input and ends.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import sys
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from builder.search.bundle import settle_bundle
from builder.search.forms import add_fleeting_vowel_keys
from builder.search.service import drained, to_the_end
from builder.util import memory

WORKER = ("import json, signal, sys\n"
          "signal.signal(signal.SIGINT, signal.SIG_IGN)\n"
          "sys.path[:] = json.loads(sys.argv[1])\n"
          "from builder.search.settling import serve\n"
          "serve()\n")
"""What a worker runs: Ctrl-C ignored first (the build ends the worker; a Ctrl-C that comes
sooner, as the interpreter starts, ends it with a traceback to the pipe the build reads only
when a worker fails), then the build's import path, so that it runs the same builder."""
STDERR_SHOWN = 2000
"""Characters of a failed worker's error output its error message ends with."""


class Settlers:
    """Up to ``count`` worker processes that settle bundles, each one bundle at a time: an
    asynchronous context manager. Entering it starts ``count`` workers, whose interpreters
    start (a fifth of a second) while Pagefind indexes the first bundles. Leaving it normally
    ends the workers (they read the end of their input); leaving it by an exception, or
    cancelled, kills them. Either way it returns only once every worker has ended, even when
    cancelled as it waits for that (:func:`~builder.search.service.to_the_end`): the preview
    gives a search build up at any moment, also just as its bundles are all settled and its
    workers ending, and a worker not awaited then ends after the event loop has closed."""

    def __init__(self, count: int) -> None:
        self._count = count
        self._running = asyncio.Semaphore(count)
        self._idle: list[asyncio.subprocess.Process] = []
        self._workers: list[asyncio.subprocess.Process] = []
        """Every worker started, to be ended with the work."""

    async def __aenter__(self) -> Self:
        try:
            for _ in range(self._count):
                self._idle.append(await self._start())
        except BaseException as exc:
            await self.__aexit__(type(exc), exc, exc.__traceback__)
            raise
        return self

    async def __aexit__(self, kind: type[BaseException] | None, _value: BaseException | None,
                        _traceback: TracebackType | None) -> None:
        for worker in self._workers:
            if kind is None and worker.stdin is not None:
                worker.stdin.close()  # its work is done: it ends as it reads the end
            else:
                _kill(worker)
        await to_the_end(self._ended())

    async def _ended(self) -> None:
        """Every worker awaited, and what it left in its pipes read."""
        for worker in self._workers:
            await worker.wait()
            await drained(worker)

    async def settle(self, bundle: Path) -> None:
        """Settle the bundle in ``bundle`` in a worker, once fewer than ``count`` bundles are
        being settled: an idle one, else a new one (a worker that failed is not given another
        bundle)."""
        async with self._running:
            worker = self._idle.pop() if self._idle else await self._start()
            try:
                await _settled_by(worker, bundle)
            except BaseException:
                _kill(worker)  # half-way through a bundle, or broken
                raise
            self._idle.append(worker)

    async def _start(self) -> asyncio.subprocess.Process:
        """A new worker, its output and error output read by the build, recorded as it starts
        for :meth:`__aexit__` to end. The work given up meanwhile (once or more), the start is
        run to its end all the same (:func:`~builder.search.service.to_the_end`): cancelled,
        asyncio reaps the process itself (as :mod:`builder.search.service` says of Pagefind's),
        and cancelled just as it has started one, leaves it recorded nowhere."""
        return await to_the_end(self._started())

    async def _started(self) -> asyncio.subprocess.Process:
        worker = await asyncio.create_subprocess_exec(
            sys.executable, "-P", "-c", WORKER, json.dumps(sys.path),
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE)
        self._workers.append(worker)
        return worker


async def _settled_by(worker: asyncio.subprocess.Process, bundle: Path) -> None:
    """Send ``bundle`` to ``worker`` and wait for its answer; what went wrong, raised here."""
    assert worker.stdin is not None and worker.stdout is not None
    try:
        worker.stdin.write(json.dumps({"bundle": str(bundle)}).encode("utf-8") + b"\n")
        await worker.stdin.drain()
        answer = await worker.stdout.readline()
    except (ConnectionError, OSError):
        answer = b""
    if not answer:
        raise RuntimeError(await _ended(worker))
    failure = json.loads(answer).get("error")
    if failure is not None:
        raise RuntimeError(f"{failure} (settling {bundle.name})")


async def _ended(worker: asyncio.subprocess.Process) -> str:
    """Why ``worker`` stopped answering: its exit status and the end of its error output."""
    said = (await worker.stderr.read()).decode("utf-8", "replace") if worker.stderr else ""
    status = await worker.wait()
    return (f"a process settling the search index stopped (exit status {status})"
            + (f": {said.strip()[-STDERR_SHOWN:]}" if said.strip() else ""))


def _kill(worker: asyncio.subprocess.Process) -> None:
    """End ``worker`` at once, by its number (:func:`builder.search.service.shut_down` says why
    not by ``Process.kill()``); one that has ended already is left as it is."""
    if worker.returncode is None:
        with contextlib.suppress(ProcessLookupError):  # reaped already, its end not yet told
            os.kill(worker.pid, signal.SIGKILL)


def serve() -> None:
    """A worker: settle each bundle whose folder the build sends, and answer, until the build
    closes its end."""
    memory.work_without_cycles()
    answers = sys.stdout.buffer
    for line in sys.stdin.buffer:
        answer: dict[str, Any] = {"settled": True}
        try:
            settle_bundle(Path(json.loads(line)["bundle"]), add_fleeting_vowel_keys)
        except Exception as exc:  # noqa: BLE001 - told to the build, which reports it
            answer = {"error": f"{type(exc).__name__}: {exc}"}
        answers.write(json.dumps(answer).encode("utf-8") + b"\n")
        answers.flush()
