"""``digest serve``: build, serve ``site/`` over HTTP, rebuild on every save, reload open pages.

In: a SiteConfig. Out: an HTTP server (127.0.0.1:8000 unless told otherwise) serving the last
good build of ``config.site_dir``, a watchdog observer on ``content/``, ``templates/``,
``locales/`` and ``digest.toml``, and one background thread that rebuilds after a quiet period.

Why it is built this way:

- Files are read from ``site_dir`` at request time. A build writes a staging folder and swaps it
  in whole (:mod:`builder.write`), so a request sees one build or the next, never a half-built
  site, and a failed build leaves the last good site in place without any copy kept here.
- The reload script is injected into HTML responses only, on the way out: ``site/`` stays byte
  for byte what ``digest build`` writes, deployable and deterministic.
- Each build that replaces ``site/`` bumps an epoch, which every served page carries. A page's
  event stream (server-sent events) says ``reload`` only when the site is newer than the page,
  so a page opened after a build does not reload needlessly and one that missed a build does;
  otherwise it says ``status``, and on a failed build the script fetches the diagnostics and
  shows them over the page (as text, never as HTML).
- Rebuilds run on one thread: events that arrive during a build cause exactly one more build
  after it, and a burst of events (an editor's save) causes one build. Each build reads the
  configuration again, since ``digest.toml``, topics or outlets may be what changed.

:func:`start_preview` returns a running :class:`Preview` (``.url``, ``.wait_for_build()``,
``.stop()``) for tests; :func:`serve` is the command, which runs one until Ctrl-C.
"""

from __future__ import annotations

import json
import mimetypes
import os
import secrets
import signal
import socket
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote

from watchdog.events import (DirCreatedEvent, DirDeletedEvent, DirMovedEvent, FileCreatedEvent,
                             FileDeletedEvent, FileModifiedEvent, FileMovedEvent, FileSystemEvent,
                             FileSystemEventHandler)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

from builder.build import build
from builder.config import CONFIG_FILE, SiteConfig, load_config
from builder.diagnostics import BuildError, Diagnostic, Report, error

WATCHED_DIRS = ("content", "templates", "locales")
EDITOR_TEMP_SUFFIXES = (".swp", ".swx", ".swo", ".tmp", "~", ".kate-swp",
                        "___jb_tmp___", "___jb_old___")
QUIET_SECONDS = 0.15
"""How long the files must stay unchanged before a rebuild starts (one save = one build)."""
KEEPALIVE_SECONDS = 15.0
PREFIX = "/__digest/"
EVENTS_URL, STATUS_URL, RELOAD_JS_URL = (PREFIX + "events", PREFIX + "status",
                                         PREFIX + "reload.js")
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8", ".htm": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8", ".json": "application/json",
    ".xml": "application/xml", ".txt": "text/plain; charset=utf-8", ".svg": "image/svg+xml",
    ".wasm": "application/wasm",
    # Pagefind's index chunks are gzip data that its script fetches and unpacks itself.
    ".pf_meta": "application/octet-stream", ".pf_index": "application/octet-stream",
    ".pf_fragment": "application/octet-stream", ".pf_filter": "application/octet-stream",
    ".pagefind": "application/octet-stream",
}


# --- what to watch ------------------------------------------------------------------------


def is_editor_noise(name: str) -> bool:
    """True for hidden files and the temporary files editors write beside the real one."""
    return (name.startswith(".")                      # hidden, Emacs lock files (.#name)
            or name.endswith(EDITOR_TEMP_SUFFIXES)    # Vim swap, backups, JetBrains, *.tmp
            or (name.startswith("#") and name.endswith("#"))  # Emacs auto-save
            or _is_vim_probe(name))


def _is_vim_probe(name: str) -> bool:
    # Vim checks that it may write a folder by creating "4913" (then 5036, 5159, ... if taken).
    return name.isdigit() and int(name) >= 4913 and (int(name) - 4913) % 123 == 0


@dataclass(frozen=True)
class WatchRules:
    """Which changed paths are the editor's work (and so a reason to rebuild)."""

    root: Path
    """The project folder, resolved."""
    outputs: tuple[Path, ...]
    """The output folder and its ``.next``/``.old`` siblings: the build's own writes."""

    @classmethod
    def for_config(cls, config: SiteConfig) -> WatchRules:
        site = config.site_dir.resolve()
        siblings = (site.with_name(site.name + suffix) for suffix in (".next", ".old"))
        return cls(config.root.resolve(), (site, *siblings))

    def relevant(self, path: str) -> str | None:
        """The project-relative path when a change to ``path`` should rebuild, else None."""
        candidate = Path(path)
        if any(candidate.is_relative_to(output) for output in self.outputs):
            return None
        try:
            rel = candidate.relative_to(self.root)
        except ValueError:
            return None
        if rel.as_posix() == CONFIG_FILE:
            return CONFIG_FILE
        if len(rel.parts) < 2 or rel.parts[0] not in WATCHED_DIRS:
            return None
        if any(is_editor_noise(part) for part in rel.parts):
            return None
        return rel.as_posix()


class _ChangeHandler(FileSystemEventHandler):
    def __init__(self, rules: WatchRules, on_change: Callable[[str], None]) -> None:
        self.rules, self.on_change = rules, on_change

    def on_any_event(self, event: FileSystemEvent) -> None:
        for path in (event.src_path, event.dest_path):
            rel = self.rules.relevant(os.fsdecode(path)) if path else None
            if rel:
                self.on_change(rel)


def watch(config: SiteConfig, on_change: Callable[[str], None]) -> BaseObserver:
    """An observer (not started) that calls ``on_change(relative path)`` for the editor's changes.

    Only writes, creations, deletions and moves count: the build itself opens and reads every
    template and page, and those events must not cause another build.
    """
    kinds: list[type[FileSystemEvent]] = [
        FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent,
        DirCreatedEvent, DirDeletedEvent, DirMovedEvent]
    handler = _ChangeHandler(WatchRules.for_config(config), on_change)
    observer = Observer()
    observer.schedule(handler, str(config.root), recursive=False, event_filter=kinds)
    for name in WATCHED_DIRS:
        if (config.root / name).is_dir():
            observer.schedule(handler, str(config.root / name), recursive=True,
                              event_filter=kinds)
    return observer


# --- when to build ------------------------------------------------------------------------


class Rebuilder:
    """Runs ``build(changes)`` on one background thread once changes have stopped coming.

    Never two builds at once: changes that arrive during a build are collected and cause
    exactly one more build after it.
    """

    def __init__(self, build: Callable[[tuple[str, ...]], object],
                 quiet: float = QUIET_SECONDS) -> None:
        self._build, self._quiet = build, quiet
        self._lock = threading.Condition()
        self._changes: set[str] = set()
        self._last_change = 0.0
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="digest-rebuild", daemon=True)

    def request(self, change: str) -> None:
        with self._lock:
            self._changes.add(change)
            self._last_change = time.monotonic()
            self._lock.notify_all()

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Stop after the build under way, if any."""
        with self._lock:
            self._stopping = True
            self._lock.notify_all()
        if self._thread.is_alive():
            self._thread.join()

    def _run(self) -> None:
        while (changes := self._next_batch()) is not None:
            try:
                self._build(changes)
            except Exception:  # keep watching: the next save may fix whatever went wrong
                traceback.print_exc()

    def _next_batch(self) -> tuple[str, ...] | None:
        """Wait for changes and then for a quiet period; None when stopping."""
        with self._lock:
            self._lock.wait_for(lambda: self._stopping or self._changes)
            while not self._stopping:
                waited = time.monotonic() - self._last_change
                if waited >= self._quiet:
                    break
                self._lock.wait(self._quiet - waited)
            if self._stopping:
                return None
            changes, self._changes = tuple(sorted(self._changes)), set()
            return changes


# --- what the pages are told --------------------------------------------------------------


@dataclass(frozen=True)
class BuildStatus:
    """The outcome of the latest build, as the server and the pages see it."""

    builds: int
    """Builds finished since the preview started, the first one included."""
    epoch: int
    """How many of them replaced ``site/``; a page served at a smaller epoch is out of date."""
    ok: bool
    """``site/`` was replaced and no file failed: nothing to show over the page."""
    published: bool
    """``site/`` was replaced (False: the last good site is still served)."""
    diagnostics: tuple[Diagnostic, ...] = ()
    """Everything the build reported, warnings included."""
    changes: tuple[str, ...] = ()
    """Project-relative paths whose change started this build (none for the first build)."""

    def as_json(self) -> dict[str, object]:
        return {"builds": self.builds, "epoch": self.epoch, "ok": self.ok,
                "published": self.published, "changes": list(self.changes),
                "diagnostics": [_diagnostic_json(d) for d in sorted(self.diagnostics)]}


def _diagnostic_json(diagnostic: Diagnostic) -> dict[str, object]:
    return {"path": diagnostic.path, "line": diagnostic.line,
            "severity": diagnostic.severity.value, "code": diagnostic.code,
            "message": diagnostic.message, "text": str(diagnostic)}


class BuildState:
    """The latest BuildStatus, shared by the build thread and the request threads."""

    def __init__(self) -> None:
        self.instance = secrets.token_hex(4)
        """Tells a page served by an earlier run of the preview (whose epochs mean nothing)."""
        self._lock = threading.Condition()
        self._status = BuildStatus(builds=0, epoch=0, ok=False, published=False)
        self._closed = False

    @property
    def current(self) -> BuildStatus:
        with self._lock:
            return self._status

    @property
    def closed(self) -> bool:
        with self._lock:
            return self._closed

    def record(self, report: Report, changes: tuple[str, ...]) -> BuildStatus:
        with self._lock:
            old = self._status
            self._status = BuildStatus(
                builds=old.builds + 1, epoch=old.epoch + (1 if report.published else 0),
                ok=report.published and not report.errors, published=report.published,
                diagnostics=report.diagnostics, changes=changes)
            self._lock.notify_all()
            return self._status

    def wait_after(self, builds: int, timeout: float) -> BuildStatus:
        """The status once more than ``builds`` builds have finished, at close, or at timeout."""
        with self._lock:
            self._lock.wait_for(lambda: self._closed or self._status.builds > builds, timeout)
            return self._status

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._lock.notify_all()


def page_event(status: BuildStatus, page_epoch: int, page_instance: str, instance: str) -> str:
    """The server-sent event for a page served at ``page_epoch``: ``reload`` or ``status``."""
    if page_instance != instance or page_epoch != status.epoch:
        name, data = "reload", {"epoch": status.epoch}
    else:
        name, data = "status", {k: v for k, v in status.as_json().items() if k != "diagnostics"}
    return f"event: {name}\ndata: {json.dumps(data)}\n\n"


# --- what the server answers --------------------------------------------------------------


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    body: bytes
    location: str | None = None


class UnsafePath(ValueError):
    """A URL path that tries to leave the site folder (answered with 400)."""


def url_to_parts(url_path: str) -> tuple[str, ...]:
    """The decoded segments of ``url_path``; UnsafePath for ``..``, an encoded ``/`` and such."""
    if not url_path.startswith("/"):
        raise UnsafePath(url_path)
    parts = []
    for raw in url_path.split("/")[1:]:
        try:
            part = unquote(raw, errors="strict")
        except UnicodeDecodeError as exc:
            raise UnsafePath(url_path) from exc
        if part in (".", "..") or any(char in part for char in "/\\\x00"):
            raise UnsafePath(url_path)
        if part:
            parts.append(part)
    return tuple(parts)


def content_type(name: str) -> str:
    suffix = Path(name).suffix.lower()
    return CONTENT_TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"


def reload_tag(status: BuildStatus, instance: str) -> bytes:
    return (f'<script src="{RELOAD_JS_URL}" data-epoch="{status.epoch}" '
            f'data-instance="{instance}"></script>').encode()


def inject_reload(html: bytes, tag: bytes) -> bytes:
    """``html`` with ``tag`` just before its last ``</body>`` (or at the end when it has none)."""
    at = html.lower().rfind(b"</body>")
    return html + tag if at < 0 else html[:at] + tag + html[at:]


def respond(site_dir: Path, url_path: str, status: BuildStatus, instance: str) -> Response:
    """The answer to ``GET url_path`` (query removed) from the files of ``site_dir``.

    ``status`` must be read before the files, so that a page never claims a newer epoch than
    its content: at worst it reloads once more than needed.
    """
    if url_path == RELOAD_JS_URL:
        return Response(200, CONTENT_TYPES[".js"], RELOAD_JS.encode())
    if url_path == STATUS_URL:
        body = dict(status.as_json(), instance=instance)
        return Response(200, CONTENT_TYPES[".json"], json.dumps(body, indent=1).encode())
    if url_path.startswith(PREFIX):
        return _not_found(site_dir, status, instance)
    try:
        parts = url_to_parts(url_path)
    except UnsafePath:
        return Response(400, CONTENT_TYPES[".txt"], b"400 bad request: unsafe path\n")
    return _site_file(site_dir, parts, url_path.endswith("/"), status, instance)


def _site_file(site_dir: Path, parts: tuple[str, ...], slash: bool, status: BuildStatus,
               instance: str) -> Response:
    path = _inside(site_dir, site_dir.joinpath(*parts))
    if path is not None and path.is_dir():
        if not slash:
            return Response(301, CONTENT_TYPES[".txt"], b"",
                            "/" + "".join(quote(part) + "/" for part in parts))
        path = _inside(site_dir, path / "index.html")
    body = _read(path)
    if path is None or body is None:
        return _not_found(site_dir, status, instance)
    return _file_response(200, path.name, body, status, instance)


def _not_found(site_dir: Path, status: BuildStatus, instance: str) -> Response:
    body = _read(_inside(site_dir, site_dir / "404.html"))
    if body is None:  # no good build yet: still a page, so the overlay can show why
        body = b"<!doctype html><title>Not found</title><body><h1>Not found</h1></body>"
    return _file_response(404, "404.html", body, status, instance)


def _file_response(code: int, name: str, body: bytes, status: BuildStatus,
                   instance: str) -> Response:
    kind = content_type(name)
    if kind.startswith("text/html"):
        body = inject_reload(body, reload_tag(status, instance))
    return Response(code, kind, body)


def _inside(site_dir: Path, path: Path) -> Path | None:
    """``path`` with symlinks resolved, or None when that is outside ``site_dir``."""
    real = path.resolve()
    return real if real.is_relative_to(site_dir.resolve()) else None


def _read(path: Path | None) -> bytes | None:
    if path is None or not path.is_file():
        return None
    try:
        return path.read_bytes()
    except OSError:  # swapped away by a build between the check and the read
        return None


class _Server(ThreadingHTTPServer):
    # Request threads are joined on close: each ends promptly once the state is closed.
    daemon_threads = False
    block_on_close = True

    def __init__(self, address: tuple[str, int], site_dir: Path, state: BuildState) -> None:
        self.site_dir, self.state = site_dir, state
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, _Handler)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "digest-preview"
    timeout = 10.0  # a client that stops reading cannot hold a thread (or the shutdown) forever

    def do_GET(self) -> None:
        path, _, query = self.path.partition("?")
        if path == EVENTS_URL:
            self._events(parse_qs(query))
        else:
            self._send(self._answer(path))

    def do_HEAD(self) -> None:
        response = self._answer(self.path.partition("?")[0])
        self._send(Response(response.status, response.content_type, b"", response.location),
                   length=len(response.body))

    def log_message(self, format: str, *args: object) -> None:
        pass  # the preview's terminal is for build reports

    def _answer(self, path: str) -> Response:
        status = self.server.state.current
        return respond(self.server.site_dir, path.partition("#")[0], status,
                       self.server.state.instance)

    def _send(self, response: Response, length: int | None = None) -> None:
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body) if length is None else length))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        if response.location:
            self.send_header("Location", response.location)
        self.end_headers()
        self.wfile.write(response.body)

    def _events(self, query: dict[str, list[str]]) -> None:
        state = self.server.state
        epoch = _int(query.get("epoch", [""])[0], default=state.current.epoch)
        instance = query.get("instance", [state.instance])[0]
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        try:
            self._stream(state, epoch, instance)
        except OSError:
            pass  # the page went away (closed, reset, or stopped reading)

    def _stream(self, state: BuildState, epoch: int, instance: str) -> None:
        self.wfile.write(b"retry: 1000\n\n")
        seen = -1
        while not state.closed:
            status = state.wait_after(seen, KEEPALIVE_SECONDS)
            if state.closed:
                return
            if status.builds == seen:
                self.wfile.write(b": keep-alive\n\n")
                continue
            seen = status.builds
            event = page_event(status, epoch, instance, state.instance)
            self.wfile.write(event.encode())
            if event.startswith("event: reload"):
                return


def _int(text: str, default: int) -> int:
    return int(text) if text.isdigit() else default


# --- putting it together ------------------------------------------------------------------


def _print(message: str) -> None:
    print(message, flush=True)


def run_build(config: SiteConfig, state: BuildState, changes: tuple[str, ...],
              log: Callable[[str], None]) -> BuildStatus:
    """One build, its report on the terminal, its outcome recorded for the pages.

    The configuration is read again each time (``digest.toml``, topics and outlets may be what
    changed); where the site is written and whether it is indexed stay as the preview started.
    """
    if changes:
        named = ", ".join(changes[:5]) + (f" and {len(changes) - 5} more" if changes[5:] else "")
        log(f"changed: {named}; rebuilding")
    try:
        fresh = load_config(config.root).with_output(config.site_dir, search=config.search)
        report = build(fresh)
    except BuildError as exc:
        report = Report((), (exc.diagnostic,), 0, 0, False)
    except Exception as exc:  # a bug in a stage must not end the preview
        log(traceback.format_exc())
        report = Report((), (error("<build>", None, "internal", f"build crashed: {exc!r}"),),
                        0, 0, False)
    log(report.render_text())
    status = state.record(report, changes)
    if not status.published:
        log("build failed: still serving the last good site")
    return status


class Preview:
    """A running preview: server, watcher and rebuilder. Start one with :func:`start_preview`."""

    def __init__(self, server: _Server, observer: BaseObserver, rebuilder: Rebuilder) -> None:
        self._server, self._observer, self._rebuilder = server, observer, rebuilder
        self._thread = threading.Thread(target=server.serve_forever, args=(0.1,),
                                        name="digest-http", daemon=True)
        self._stopped = threading.Event()
        self._stop_lock = threading.Lock()

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{f'[{host}]' if ':' in str(host) else host}:{port}/"

    @property
    def status(self) -> BuildStatus:
        return self._server.state.current

    def wait_for_build(self, after: int, timeout: float = 60.0) -> BuildStatus:
        """The status of the first build numbered above ``after``; TimeoutError if none comes."""
        status = self._server.state.wait_after(after, timeout)
        if status.builds <= after:
            raise TimeoutError(f"no build after #{after} within {timeout} s")
        return status

    def wait(self) -> None:
        """Block until :meth:`stop` is called (from another thread or a signal)."""
        while not self._stopped.wait(0.5):
            pass

    def stop(self) -> None:
        """Stop watching, let a build under way finish, close the server. Safe to call twice."""
        with self._stop_lock:
            if self._stopped.is_set():
                return
            self._observer.stop()
            self._rebuilder.stop()
            self._server.state.close()  # ends every event stream
            if self._thread.is_alive():
                self._server.shutdown()
            self._server.server_close()
            if self._observer.is_alive():
                self._observer.join()
            self._stopped.set()

    def _start(self) -> None:
        self._thread.start()
        self._rebuilder.start()

    def __enter__(self) -> Preview:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()


def start_preview(config: SiteConfig, host: str = "127.0.0.1", port: int = 8000, *,
                  quiet: float = QUIET_SECONDS,
                  log: Callable[[str], None] = _print) -> Preview:
    """Bind ``host:port`` (0: any free port), build once, then serve and watch until stopped."""
    state = BuildState()
    try:
        server = _Server((host, port), config.site_dir, state)
    except OSError as exc:
        raise OSError(exc.errno, f"cannot listen on {host}:{port}: {exc.strerror}") from exc
    rebuilder = Rebuilder(lambda changes: run_build(config, state, changes, log), quiet)
    observer = watch(config, rebuilder.request)
    preview = Preview(server, observer, rebuilder)
    try:
        observer.start()  # before the first build, so that no save during it is missed
        run_build(config, state, (), log)
        preview._start()
    except BaseException:
        preview.stop()
        raise
    return preview


def serve(config: SiteConfig, host: str = "127.0.0.1", port: int = 8000) -> None:
    """The ``digest serve`` command: run a preview until Ctrl-C (or SIGTERM)."""
    with _sigterm_as_interrupt():
        try:
            preview = start_preview(config, host, port)
        except OSError as exc:
            print(f"digest serve: {exc}", file=sys.stderr)
            raise SystemExit(1) from exc
        except KeyboardInterrupt:
            return
        _print(f"serving {config.relative(config.site_dir)}/ on {preview.url} "
               f"(watching {', '.join(_watched(config))}; Ctrl-C to stop)")
        try:
            preview.wait()
        except KeyboardInterrupt:
            _print("stopping")
        finally:
            preview.stop()
    _print("stopped")


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """Make SIGTERM (``kill``, a process manager) stop the preview as cleanly as Ctrl-C."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _raise_interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def _watched(config: SiteConfig) -> Iterable[str]:
    return [f"{name}/" for name in WATCHED_DIRS if (config.root / name).is_dir()] + [CONFIG_FILE]


RELOAD_JS = """\
// digest preview: reloads the page after each new build and shows build errors over it.
(() => {
  "use strict";
  const script = document.currentScript;
  const overlayId = "digest-preview-errors";

  function clear() {
    const old = document.getElementById(overlayId);
    if (old) old.remove();
  }

  function show(status) {
    clear();
    const errors = status.diagnostics.filter((d) => d.severity === "error");
    if (!errors.length) return;
    const box = document.createElement("aside");
    box.id = overlayId;
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;left:1rem;right:1rem;bottom:1rem;z-index:2147483647;" +
      "max-height:60vh;overflow:auto;padding:1rem;background:#fff4f4;color:#5c0011;" +
      "border:2px solid #c00;border-radius:6px;box-shadow:0 4px 24px rgba(0,0,0,.3);" +
      "font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,monospace";
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "\\u00d7";
    close.setAttribute("aria-label", "Dismiss");
    close.style.cssText = "float:right;font:inherit;cursor:pointer";
    close.addEventListener("click", () => box.remove());
    const heading = document.createElement("strong");
    heading.textContent = status.published
      ? "digest: the build finished with errors; the files named were left out"
      : "digest: the build failed; this is the last good site";
    const list = document.createElement("pre");
    list.style.cssText = "white-space:pre-wrap;margin:.5rem 0 0";
    list.textContent = errors.map((d) => d.text).join("\\n");
    box.append(close, heading, list);
    document.body.append(box);
  }

  async function refresh() {
    const response = await fetch("/__digest/status", { cache: "no-store" });
    if (response.ok) show(await response.json());
  }

  const query = new URLSearchParams({
    epoch: script.dataset.epoch, instance: script.dataset.instance });
  const events = new EventSource("/__digest/events?" + query);
  events.addEventListener("reload", () => {
    events.close();
    location.reload();
  });
  events.addEventListener("status", (event) => {
    if (JSON.parse(event.data).ok) clear();
    else refresh().catch(() => {});
  });
})();
"""
