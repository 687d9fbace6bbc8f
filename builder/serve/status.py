"""What the pages are told: the outcome of the latest build, shared between threads.

In: each build's Report (from the rebuild thread). Out: a frozen :class:`BuildStatus` that the
request threads read (``/__digest/status``, the report page, the epoch stamped into every
served page) and wait on (the event stream), and :func:`page_event`, the server-sent event one
page should get.

Why: each build that replaces ``site/`` bumps an epoch, which every served page carries. A
page's event stream says ``reload`` only when the site is newer than the page, so a page opened
after a build does not reload needlessly and one that missed a build does; otherwise it says
``status``, and on a failed build the page fetches the diagnostics and shows them over itself.
A build that changed the search index alone (the preview's search build, which catches up with
a save's pages) bumps no epoch: a page shows what it showed, and reloading every open page a
second time, a moment after the save's reload, would be noise. Its ``status`` says that no
search shard is pending any more, and a page that searched, served while one was (the served
page says so too), reloads to search again (``reload.js``).
The status keeps the whole last Report, not only its diagnostics, so that the report page can
show every file's fate and the time of each stage.
"""

from __future__ import annotations

import json
import secrets
import threading
from dataclasses import dataclass

from builder.diagnostics import Diagnostic, Report

NO_BUILD = Report((), (), 0, 0, False)
"""The report before the first build has finished: nothing published."""


@dataclass(frozen=True)
class BuildStatus:
    """The outcome of the latest build, as the server and the pages see it."""

    builds: int
    """Builds finished since the preview started, the first one included."""
    epoch: int
    """How many of them replaced ``site/``; a page served at a smaller epoch is out of date."""
    report: Report = NO_BUILD
    """The latest build's report: every file's fate, every diagnostic, the stage timings."""
    changes: tuple[str, ...] = ()
    """Project-relative paths whose change started this build (none for the first build)."""
    search_pending: int = 0
    """Search shards of the site served whose pages changed since they were indexed: the last
    published build's count (a failed build changes nothing)."""

    @property
    def published(self) -> bool:
        """``site/`` was replaced (False: the last good site is still served)."""
        return self.report.published

    @property
    def ok(self) -> bool:
        """``site/`` was replaced and no file failed: nothing to show over the page."""
        return self.report.published and not self.report.errors

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """Everything the build reported, warnings included."""
        return self.report.diagnostics

    def as_json(self) -> dict[str, object]:
        return {"builds": self.builds, "epoch": self.epoch, "ok": self.ok,
                "published": self.published, "changes": list(self.changes),
                "search_pending": self.search_pending,
                "diagnostics": [d.as_json() for d in sorted(self.diagnostics)]}


class BuildState:
    """The latest BuildStatus, shared by the build thread and the request threads."""

    def __init__(self) -> None:
        self.instance = secrets.token_hex(4)
        """Tells a page served by an earlier run of the preview (whose epochs mean nothing)."""
        self._lock = threading.Condition()
        self._status = BuildStatus(builds=0, epoch=0)
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
            old, published = self._status, report.published
            self._status = BuildStatus(
                builds=old.builds + 1,
                epoch=old.epoch + (1 if published and not report.index_only else 0),
                report=report, changes=changes,
                search_pending=report.shards_pending if published else old.search_pending)
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
