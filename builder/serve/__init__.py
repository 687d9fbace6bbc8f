"""``digest serve``: build, serve the site over HTTP, rebuild on every save, reload open pages.

In: a SiteConfig. Out: an HTTP server (127.0.0.1:8000 unless told otherwise) serving the last
good build of the preview's own site (``.digest-cache/preview/site``: it has drafts and items
before their day, so it is never ``site/``, which ``digest build`` alone writes and a build
beside the preview leaves it be), a watchdog observer on ``content/``, ``templates/``,
``locales/`` and ``digest.toml``, and one background thread that rebuilds after a quiet period.

    editor saves --watch--> Rebuilder --run_build--> BuildState --http--> pages reload

Why it is built this way (each module says more):

- :mod:`~builder.serve.watch`: only the editor's changes count, and a burst of them (one save)
  causes one build, on one thread; changes during a build cause exactly one more build after it.
- :func:`run_build`: each build reads the configuration again, since ``digest.toml``, topics or
  outlets may be what changed, and a failed or crashed build leaves the last good site served.
  With search, a save's pages are shown first, and a second build indexes its search shards;
  a save that comes meanwhile never waits for that: the search build is given up at once
  (Pagefind's processes killed), and done again after the new save's pages are shown.
- :mod:`~builder.serve.status`: each build that replaces the site bumps an epoch, which every
  served page carries; a page reloads only when the site is newer than the page.
- :mod:`~builder.serve.http`: files are read from the site at request time (a build swaps it
  in whole, so a request never sees a half-built site), and the reload script
  (``reload.js``) is injected into HTML on the way out, so the site stays what a build
  writes; the last build's report is at ``/__digest/report`` (and
  ``report.json``), a path no content can take.

:func:`start_preview` returns a running :class:`Preview` (``.url``, ``.wait_for_build()``,
``.stop()``) for tests; :func:`serve` is the command, which runs one until Ctrl-C.
"""

from __future__ import annotations

import errno
import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace

from watchdog.observers.api import BaseObserver

from builder.config import SiteConfig, load_config
from builder.diagnostics import BuildError, Report, error
from builder.serve.http import REPORT_URL, PreviewServer
from builder.serve.status import BuildState, BuildStatus
from builder.serve.watch import QUIET_SECONDS, Rebuilder, watched
from builder.serve.watch import watch as file_observer  # keeps builder.serve.watch the module
from builder.session import Session
from builder.util import memory

__all__ = ["Preview", "run_build", "serve", "start_preview"]

STOP_SECONDS = 1.0
"""How long Ctrl-C or SIGTERM waits for a build under way before leaving it: the command must
end within two seconds, on a busy machine too, and a build cut short loses nothing (it writes
a staging folder)."""


def _print(message: str) -> None:
    print(message, flush=True)


def serve(config: SiteConfig, host: str = "127.0.0.1", port: int = 8000) -> None:
    """The ``digest serve`` command: run a preview until Ctrl-C (or SIGTERM)."""
    with _sigterm_as_interrupt():
        try:
            preview = start_preview(config, host, port)
        except OSError as exc:
            if exc.filename:  # a file of the project: the command says which, and the cause
                raise
            print(f"digest serve: {exc.strerror or exc}", file=sys.stderr)  # cannot listen
            raise SystemExit(1) from exc
        except KeyboardInterrupt:  # while starting: start_preview has stopped what it began
            _print("stopped")
            return
        shown = config.relative(config.previewed().site_dir)
        _print(f"serving {shown}/ on {preview.url} "
               f"(watching {', '.join(watched(config))}; Ctrl-C to stop)")
        _print(f"report: {preview.url.rstrip('/')}{REPORT_URL}")
        try:
            preview.wait()
        except KeyboardInterrupt:
            _print("stopping")
        finally:
            try:
                finished = preview.stop(within=STOP_SECONDS)
            except KeyboardInterrupt:  # pressed again while stopping: stop at once, quietly
                _print("stopped before the watcher and the server had finished")
                return
    if finished:
        _print("stopped")
        return
    _print(f"stopped during a build: {shown}/ keeps the last good site, and the next build "
           "starts again from there")
    sys.stderr.flush()
    os._exit(0)  # not into interpreter shutdown with the build's thread still at work


def start_preview(config: SiteConfig, host: str = "127.0.0.1", port: int = 8000, *,
                  quiet: float = QUIET_SECONDS,
                  log: Callable[[str], None] = _print) -> Preview:
    """Bind ``host:port`` (0: any free port), build once, then serve and watch until stopped.
    The preview's site has the drafts and the items dated after today, each marked as such
    (``hugo server -D -F``): the editor checks there what no build publishes yet."""
    config = config.previewed()
    state = BuildState()
    try:
        server = PreviewServer((host, port), config.site_dir, state)
    except OSError as exc:
        advice = " (choose another with --port)" if exc.errno == errno.EADDRINUSE else ""
        raise OSError(exc.errno, f"cannot listen on {host}:{port}: {exc.strerror}{advice}") \
            from exc
    session = Session(warm=True, holder="digest serve")  # each rebuild starts from memory
    rebuilder = Rebuilder(lambda changes: run_build(session, config, state, changes, log,
                                                    rebuilder.waiting), quiet)
    observer = file_observer(config, rebuilder.request)
    preview = Preview(server, observer, rebuilder)
    try:
        observer.start()  # before the first build, so that no save during it is missed
        run_build(session, config, state, (), log)
        preview._start()
    except BaseException:
        preview.stop()
        raise
    return preview


def run_build(session: Session, config: SiteConfig, state: BuildState,
              changes: tuple[str, ...], log: Callable[[str], None],
              waiting: threading.Event | None = None) -> BuildStatus:
    """One build, its report on the terminal, its outcome recorded for the pages.

    The configuration is read again each time (``digest.toml``, topics and outlets may be what
    changed); where the site is written and whether it is indexed stay as the preview started.
    With search, the pages of a save are shown first and its search shards are indexed by a
    second build right after (a shard takes seconds; the page, a fraction of one). That build
    is given up as soon as ``waiting`` is set (:attr:`Rebuilder.waiting`: a newer save came, or
    the preview is stopping), rather than making the save wait for Pagefind: its shards stay
    pending, and the search build after the newer save's pages indexes them. Why give it up
    rather than index beside the next builds: the site is swapped whole, so an index made
    beside them would have to be merged into a site that moved on, its fingerprints checked
    again; and on two cores Pagefind would slow the very build the editor waits for. The
    pages are told when search has caught up (:mod:`~builder.serve.status`).
    """
    if changes:
        named = ", ".join(changes[:5]) + (f" and {len(changes) - 5} more" if changes[5:] else "")
        log(f"changed: {named}; rebuilding")
    with session.holding(config, log):  # a `digest build` meanwhile waits for all of it
        # The first build looks at everything; later ones at what the watcher saw change.
        report, status = _build_and_tell(session, config, state, changes, changes or None, log)
        if report.shards_pending and not _set(waiting):
            report, status = _search_build(session, config, state, changes, report, status, log,
                                           waiting)
        newer = report.abandoned or _set(waiting)
        if not newer:
            _keep(session, config, log)
    if not newer:  # a collection over the whole site costs a tenth of a second at 10,000 pages
        memory.settle()
    if report.abandoned:
        log(f"search: indexing given up for a newer change; {report.shards_pending} shards stay "
            "pending until a search build completes")
        return status
    log(report.render_text())
    if not status.published:
        log("build failed: still serving the last good site")
    return status


def _search_build(session: Session, config: SiteConfig, state: BuildState,
                  changes: tuple[str, ...], shown: Report, status: BuildStatus,
                  log: Callable[[str], None], waiting: threading.Event | None
                  ) -> tuple[Report, BuildStatus]:
    """The build that indexes the shards a save's build left pending (``shown``), recorded for
    the pages; ``shown`` marked as given up instead when ``waiting`` is set before it starts or
    while it runs. It starts from a staging folder caught up with the pages shown, so however
    it ends, given up included, it leaves one the next save's build can trust."""
    log(shown.render_text())
    _keep(session, config, log)
    if not _set(waiting):
        searched, searched_status = _build_and_tell(session, config, state, changes, (), log,
                                                    waiting)
        if not searched.abandoned:
            return searched, searched_status
    return replace(shown, diagnostics=(), abandoned=True), status


def _set(event: threading.Event | None) -> bool:
    return event is not None and event.is_set()


def _keep(session: Session, config: SiteConfig, log: Callable[[str], None]) -> None:
    """While nobody waits: save the cache, and catch the staging folder up with the site."""
    try:
        session.save()
        session.catch_up(config)
    except OSError as exc:  # the next build starts from what is in memory all the same
        log(f"could not save the build cache: {exc}")


def _build_and_tell(session: Session, config: SiteConfig, state: BuildState,
                    changes: tuple[str, ...], changed: tuple[str, ...] | None,
                    log: Callable[[str], None], abandon: threading.Event | None = None
                    ) -> tuple[Report, BuildStatus]:
    """A build (search deferred when told what changed), recorded for the pages at once unless
    it was given up (``abandon``); the cache is saved later, once they are told."""
    try:
        fresh = load_config(config.root).with_output(config.site_dir,
                                                     search=config.search).previewed()
        report = session.build(fresh, save=False, changed=changed, defer_search=bool(changed),
                               abandon_search=abandon)
        if report.abandoned:
            return report, state.current
    except BuildError as exc:
        report = Report((), (exc.diagnostic,), 0, 0, False)
    except Exception as exc:  # a bug in a stage must not end the preview
        log(traceback.format_exc())
        report = Report((), (error("<build>", None, "internal", f"build crashed: {exc!r}"),),
                        0, 0, False)
    return report, state.record(report, changes)


class Preview:
    """A running preview: server, watcher and rebuilder. Start one with :func:`start_preview`."""

    def __init__(self, server: PreviewServer, observer: BaseObserver,
                 rebuilder: Rebuilder) -> None:
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

    def stop(self, within: float | None = None) -> bool:
        """Stop watching, let a build under way finish, close the server. Safe to call twice.

        With ``within``, wait at most that long for the build: False when it was left running
        (a daemon thread, ended with the process, as safely as a killed ``digest build``).
        """
        with self._stop_lock:
            if self._stopped.is_set():
                return True
            self._observer.stop()
            finished = self._rebuilder.stop(within)
            self._server.state.close()  # ends every event stream
            if self._thread.is_alive():
                self._server.shutdown()
            self._server.server_close()
            if self._observer.is_alive():
                self._observer.join(None if within is None else within / 2)
            self._stopped.set()
            return finished

    def _start(self) -> None:
        self._thread.start()
        self._rebuilder.start()

    def __enter__(self) -> Preview:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()


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
