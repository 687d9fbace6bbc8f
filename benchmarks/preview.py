"""Live-preview latency: from saving an article to the browser being told, and to the new page.

In: a corpus folder, an :class:`~edit.ArticleEditor` for it, the tags of the edits to make and
a timeout. :func:`measure_preview` starts ``python -m builder --project ROOT serve`` on a free
port of 127.0.0.1 (in a fresh process, from the repository, as the editor runs it), waits for
its first build, then for each tag does what an open page and its reader do:

1. open the page's event stream (``/__digest/events?epoch=…&instance=…``, the epoch and
   instance of the current build from ``/__digest/status``, as ``reload.js`` does) and read its
   first event, so the stream is listening before anything changes;
2. save the edited article, the clock started just before the write;
3. **event**: wait for ``event: reload``, which the server sends once a build has replaced
   ``site/`` (a ``status`` event instead means the build failed);
4. **page**: ``GET`` the article's page, as the reloading browser does, and check that it holds
   the new sentence.

Between edits it waits until no build has finished for a moment, so one edit's rebuild is never
taken for the next's. Then it stops the server with SIGTERM (which ``digest serve`` treats as
Ctrl-C) and checks that it stopped cleanly. Out: a :class:`PreviewOutcome` with the seconds to
the first build and, per edit, the seconds to the event and to the page; or the problem, with
the server's output, when anything went wrong.

Why: "save to browser" is the preview's whole point, and it includes what a rebuild alone does
not: the watcher noticing the save, its quiet period, the build, the event, the page request.
The client is the standard library only (``http.client``), with no browser: what a browser adds
(parsing, painting) is the same for any generator.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Self
from urllib.parse import urlencode

from edit import ArticleEditor

REPO = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
STATUS_URL, EVENTS_URL = "/__digest/status", "/__digest/events"
SETTLE_SECONDS = 0.5
"""How long no build may finish before the next edit: longer than the watcher's quiet period."""
READ_TIMEOUT = 60.0
"""Seconds a socket read may block: the event stream sends a keep-alive every 15 s."""
STOP_TIMEOUT = 60.0


class PreviewError(Exception):
    """The preview did not do what a page expects; the message says what."""


@dataclass(frozen=True)
class Latency:
    """One edit, in seconds from just before the save."""

    event_s: float
    """To the ``reload`` event on the open event stream."""
    page_s: float
    """To the article's page, with the new sentence, read in full."""


@dataclass(frozen=True)
class PreviewOutcome:
    """One run of ``digest serve`` and the edits made while it ran."""

    first_build_s: float | None
    """From starting the process to the first build being served."""
    latencies: tuple[Latency, ...] = ()
    problem: str | None = None
    """What went wrong (None: nothing); the run's latencies then stop at the failed edit."""
    output: str = field(default="", repr=False)
    """What the server printed (its build reports), to show when there is a problem."""


# ---------------------------------------------------------------- one preview


def measure_preview(root: Path, editor: ArticleEditor, tags: Sequence[str], timeout: float,
                    log: Path) -> PreviewOutcome:
    """Serve ``root``, make one edit per tag, stop; see the module docstring."""
    latencies: list[Latency] = []
    with serving(root, editor, timeout, log) as served:
        for tag in tags:
            latencies.append(edit_and_wait(served.port, editor, tag, timeout))
    return PreviewOutcome(served.first_build, tuple(latencies), served.problem,
                          log.read_text(encoding="utf-8", errors="replace"))


@dataclass
class Served:
    """A preview :func:`serving` started: its port, then how it went."""

    port: int
    first_build: float | None = None
    """Seconds from starting ``digest serve`` to its first build served."""
    problem: str | None = None
    """What went wrong inside, or when it was stopped (None: nothing)."""


@contextmanager
def serving(root: Path, editor: ArticleEditor, timeout: float, log: Path) -> Iterator[Served]:
    """``digest serve`` on ``root`` (its output in ``log``) on a free port of 127.0.0.1, its
    first build served; on leaving, the server stopped as Ctrl-C stops it and the edited
    article restored. A :class:`PreviewError`, or the server going away mid-request, ends the
    block and is recorded in :attr:`Served.problem`, as a server that did not stop cleanly is."""
    served = Served(free_port())
    command = [sys.executable, "-m", "builder", "--project", str(root), "serve",
               "--host", HOST, "--port", str(served.port)]
    with log.open("w", encoding="utf-8") as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=REPO, stdout=output, stderr=subprocess.STDOUT,
                                   text=True, start_new_session=True)
        try:
            wait_until_served(served.port, process, timeout)
            served.first_build = time.perf_counter() - start
            yield served
        except PreviewError as exc:
            served.problem = str(exc)
        except (OSError, http.client.HTTPException) as exc:  # the server went away mid-request
            served.problem = f"{type(exc).__name__}: {exc}"
        finally:
            stopped = stop(process, output)
            editor.restore()
            served.problem = served.problem or stopped


def free_port() -> int:
    """A TCP port of 127.0.0.1 that nothing listens on now (the server binds it next)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def wait_until_served(port: int, process: subprocess.Popen[str], timeout: float) -> None:
    """Return once the first build is served: the server binds its port first and answers only
    after that build, so the first status that comes back is the first build's."""
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise PreviewError(f"digest serve {_ended(process)} before serving")
        try:
            status = get_status(port, max(deadline - time.monotonic(), 1.0))
            break
        except ConnectionRefusedError:  # not listening yet: the process is still starting
            if time.monotonic() > deadline:
                raise PreviewError(f"digest serve did not listen within {timeout:.0f} s")
            time.sleep(0.05)
        except (ConnectionError, http.client.HTTPException) as exc:  # it ended, or it is broken
            raise PreviewError(f"digest serve {_ended(process)} before serving "
                               f"({type(exc).__name__}: {exc})") from exc
        except TimeoutError as exc:
            raise PreviewError(f"digest serve did not finish its first build within "
                               f"{timeout:.0f} s") from exc
    if status["builds"] < 1 or not status["published"]:
        raise PreviewError(f"the preview's first build published nothing: {status}")


def _ended(process: subprocess.Popen[str]) -> str:
    """``exited with status N``, or ``stopped answering`` if it is still running."""
    try:
        return f"exited with status {process.wait(5)}"
    except subprocess.TimeoutExpired:
        return "stopped answering"


def edit_and_wait(port: int, editor: ArticleEditor, tag: str, timeout: float) -> Latency:
    """Save one edit with an event stream open; the time to its reload event and new page."""
    status = settled_status(port)
    with EventStream(port, status["epoch"], status["instance"]) as stream:
        first, _ = stream.next_event(timeout)
        if first != "status":
            raise PreviewError(f"a page of the current build was told {first!r} before any edit")
        start = time.perf_counter()
        added = editor.apply(tag)
        while True:
            name, data = stream.next_event(timeout)
            if name == "reload":
                break
            if name == "status" and not data.get("ok", True):
                raise PreviewError(f"the rebuild after edit {tag} failed: {data}")
        event = time.perf_counter() - start
    page = get(port, editor.url_path)
    done = time.perf_counter() - start
    if added.encode() not in page:
        raise PreviewError(f"reload announced, but {editor.url_path} does not show edit {tag}")
    return Latency(event, done)


def settled_status(port: int) -> dict[str, Any]:
    """The status once no build has finished for SETTLE_SECONDS (no rebuild left over), and no
    search shard waits to be indexed (with search, the preview shows a save first and indexes
    its shard in a second build: the next edit is measured from a settled site)."""
    status = get_status(port, READ_TIMEOUT)
    while True:
        time.sleep(SETTLE_SECONDS)
        again = get_status(port, READ_TIMEOUT)
        if again["builds"] == status["builds"] and not again.get("search_pending"):
            return again
        status = again


def stop(process: subprocess.Popen[str], output: IO[str]) -> str | None:
    """Stop the server as Ctrl-C would; a problem if it does not stop, not cleanly, or leaves
    processes of its own behind (they are killed: the server leads a process group of its own)."""
    problem = None
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            problem = f"digest serve did not stop within {STOP_TIMEOUT:.0f} s of SIGTERM"
    if _kill_group(process.pid):
        problem = problem or "digest serve stopped but left processes running"
    process.wait()
    output.flush()
    if problem is None and process.returncode != 0:
        problem = f"digest serve ended with status {process.returncode}"
    return problem


def _kill_group(leader: int) -> bool:
    """Kill whatever still runs in the server's process group; whether anything did."""
    try:
        os.killpg(leader, signal.SIGKILL)
    except ProcessLookupError:
        return False
    return True


# ---------------------------------------------------------------- HTTP


def get(port: int, path: str, timeout: float = READ_TIMEOUT) -> bytes:
    """The body of ``GET path``; PreviewError unless the answer is 200."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    if response.status != 200:
        raise PreviewError(f"GET {path}: HTTP {response.status}")
    return body


def get_status(port: int, timeout: float) -> dict[str, Any]:
    return json.loads(get(port, STATUS_URL, timeout))


class EventStream:
    """A page's server-sent event stream, read as ``EventSource`` would."""

    def __init__(self, port: int, epoch: int, instance: str) -> None:
        self._connection = http.client.HTTPConnection(HOST, port, timeout=READ_TIMEOUT)
        query = urlencode({"epoch": epoch, "instance": instance})
        self._connection.request("GET", f"{EVENTS_URL}?{query}")
        self._response = self._connection.getresponse()
        kind = self._response.getheader("Content-Type", "")
        if self._response.status != 200 or not kind.startswith("text/event-stream"):
            self.close()
            raise PreviewError(f"{EVENTS_URL}: HTTP {self._response.status}, {kind}")

    def next_event(self, timeout: float) -> tuple[str, dict[str, Any]]:
        """The next event's name and JSON data; comments, ``retry:`` and keep-alives skipped."""
        deadline = time.monotonic() + timeout
        name, data = "message", []
        while time.monotonic() < deadline:
            line = self._response.readline()
            if not line:
                raise PreviewError("the event stream ended before the event came")
            text = line.decode("utf-8").rstrip("\r\n")
            if not text:  # the end of an event, or of a block with no event in it
                if data:
                    return name, json.loads("\n".join(data))
                name = "message"
                continue
            key, _, value = text.partition(":")
            if key == "event":
                name = value.removeprefix(" ")
            elif key == "data":
                data.append(value.removeprefix(" "))
        raise PreviewError(f"no event within {timeout:.0f} s")

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
