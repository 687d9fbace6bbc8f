"""Pagefind's service process, as this builder drives it: started, raced, ended, killed.

In: a started :class:`pagefind.service.PagefindService` of the ``pagefind[bin]`` package
(:func:`launch`). Out: its answers, each resolved as soon as it is written; its work raced
against the process dying (:func:`until_service_stops`: a dead process is reported with its exit
status, never awaited forever); the process ended at the end of its input and awaited
(:func:`end`), or killed at once (:func:`shut_down`: a failure, Ctrl-C, or work given up).

Pagefind's Python API leaves these to its caller: its listener sleeps 100 ms before reading each
answer, so every request would cost at least 0.1 s (a bundle is four requests, and each passage
record one more), and it reads an answer with a limit of 2 MiB, past which a bundle's files
(``get_files``, megabytes in one answer) would never be read; and its ``close()`` waits up to
5 s for answers a killed process never gives. :mod:`builder.search.pagefind` says what the
service is asked.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import os
import signal
from collections.abc import Awaitable, Coroutine, Mapping
from typing import Any, TypeVar

T = TypeVar("T")


async def launch() -> Any:
    """A Pagefind service with its process started, its answers read as they come."""
    from pagefind.service import PagefindService

    try:
        return await _launched(_responsive(PagefindService)())
    except OSError as exc:  # no binary, or not executable
        raise RuntimeError(f"cannot start Pagefind: {exc} (the 'pagefind[bin]' package provides "
                           "the binary; PAGEFIND_BINARY_PATH points at another one)") from exc


async def end(service: Any) -> None:
    """End the service (the end of its input) and wait until it has exited."""
    backend = service._backend
    backend.stdin.close()
    status = await asyncio.wait_for(backend.wait(), timeout=600)
    listener = getattr(service, "_poll_task", None)
    if listener is not None:
        # It ends with the output. Every request was answered before stdin was closed, so
        # whatever the process says as it goes (even a message that is not one) is not needed:
        # its end is waited for, not its outcome. A cancellation of this work itself (the build
        # given up) goes on: swallowed here, the build went on to wait for a worker given up.
        await asyncio.wait({listener})
        if not listener.cancelled():
            listener.exception()  # retrieved, so asyncio does not log it as lost
    if status != 0:
        raise RuntimeError(f"the Pagefind process stopped (exit status {status})")


def _responsive(base: type) -> type:
    class ResponsiveService(base):  # type: ignore[misc, valid-type]
        async def _wait_for_responses(self) -> None:
            stdout = self._backend.stdout
            while True:
                chunk = (await _message(stdout)).strip()
                if not chunk:  # an empty message (seen as the process ends): nothing to answer
                    continue
                response = json.loads(base64.b64decode(chunk))
                if isinstance(response, dict):
                    _resolve(self._responses, response)

    return ResponsiveService


async def _message(stdout: asyncio.StreamReader) -> bytes:
    """The next message from the service, up to the comma that ends it, however long."""
    parts = []
    while True:
        try:
            parts.append(await stdout.readuntil(b","))
        except asyncio.LimitOverrunError as exc:  # no comma in the reader's buffer yet
            parts.append(await stdout.readexactly(exc.consumed))
        else:
            return b"".join(parts)[:-1]


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


async def until_service_stops(service: Any, work: Coroutine[Any, Any, None]) -> None:
    """Run ``work`` (requests to ``service``) until it is done, or the process has ended: if the
    process exits, the listener (``_poll_task``) ends and a pending request would wait forever,
    so the work is raced against the listener, and a dead process is reported."""
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
    finish and the process ended (:func:`shut_down`): asyncio, cancelled as it starts a process,
    reaps it itself, and its child watcher, which waits for that process, then says "Unknown
    child process pid …" on stderr."""
    launching = asyncio.ensure_future(service.launch())
    try:
        return await asyncio.shield(launching)
    except asyncio.CancelledError:
        with contextlib.suppress(Exception):  # it did not start: nothing to end
            await shut_down(await launching)
        raise


async def shut_down(service: Any) -> None:
    """End a service whose work is given up (a failure, or Ctrl-C cancelling the event loop's
    work) at once: its process killed and awaited, its listener stopped. (Its own ``close()``
    first waits up to 5 s for the answers to the requests under way, which a process killed by
    the same Ctrl-C never gives, then says "timed out waiting for responses to be resolved" on
    stderr: a Ctrl-C during the search stage took 5 s and printed that line for each process.)
    A service that has ended by itself (its work done, or dead) has nothing to kill. Given up
    again meanwhile (a failure, then the preview's newer save), it is ended all the same
    (:func:`to_the_end`).

    The process is sent SIGKILL by its number, not through ``Process.kill()``, which first
    reaps a process that has just died (as the Ctrl-C sent to the whole process group kills
    Pagefind too), leaving asyncio's child watcher to say "Unknown child process pid …"."""
    await to_the_end(_shut_down(service))


async def _shut_down(service: Any) -> None:
    backend = getattr(service, "_backend", None)
    if backend is not None and backend.returncode is None:
        with contextlib.suppress(ProcessLookupError):  # reaped already, its end not yet told
            os.kill(backend.pid, signal.SIGKILL)
        await backend.wait()
    listener = getattr(service, "_poll_task", None)
    if listener is not None and listener.done():
        if not listener.cancelled():
            listener.exception()  # retrieved, so asyncio does not log it as lost
    elif listener is not None:
        listener.cancel()
        await asyncio.wait({listener})  # it reads the pipe that is drained next
    if backend is not None:
        await drained(backend)


async def drained(process: asyncio.subprocess.Process) -> None:
    """Read what ``process``, ended, left in its pipes, to their end: asyncio closes a process's
    transport once its pipes are, and one still open when the event loop closes is closed by
    the garbage collector, which prints "Exception ignored … Event loop is closed" (as the
    preview gave a search build up)."""
    for stream in (process.stdout, process.stderr):
        if stream is not None:
            with contextlib.suppress(Exception):  # the process ended: the end comes at once
                await stream.read()


async def to_the_end(work: Awaitable[T]) -> T:
    """``work`` (the start or the end of a process) run to its end in a task of its own, however
    often the task awaiting it is cancelled meanwhile; a cancellation is raised once it is done.

    Why: work is given up by cancelling it at any moment (Ctrl-C, and the preview's newer save,
    :func:`builder.search.pagefind.write_bundles`), the moment its processes are being ended
    included. Cut short there, a process outlives the event loop, unawaited (or started, and
    recorded nowhere), and the garbage collector closes its transport, which says "Exception
    ignored … Event loop is closed". Under saves at every moment, one search build given up in
    a few was given up just as its bundles were all settled: its settling workers, told to end
    (:class:`builder.search.settling.Settlers`), were not awaited."""
    task = asyncio.ensure_future(work)
    cancelled: asyncio.CancelledError | None = None
    while not task.done():
        try:
            await asyncio.wait({task})
        except asyncio.CancelledError as exc:
            cancelled = exc
    if cancelled is not None:
        if not task.cancelled():
            task.exception()  # retrieved, so asyncio does not log it as lost: given up anyway
        raise cancelled
    return task.result()
