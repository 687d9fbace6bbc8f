"""What to watch and when to build: the editor's changes in, one debounced build at a time out.

In: a SiteConfig and a callback. Out: a watchdog observer (not started) that reports the
project-relative path of every change the editor made to ``content/``, ``templates/``,
``locales/`` or ``digest.toml``, and a :class:`Rebuilder` that turns a stream of such changes
into builds on one background thread.

Why: an editor's save is a burst of events (temp files, swap files, a rename), and the build
itself reads and writes many files. :class:`WatchRules` drops everything that is not the
editor's work, and the rebuilder waits for a quiet period, so one save causes one build; changes
that arrive during a build cause exactly one more after it, never two builds at once. A build
that need not finish (the search index's, which takes seconds) watches
:attr:`Rebuilder.waiting`, set the moment a change comes, and gives itself up for the next.
"""

from __future__ import annotations

import os
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

from builder.config import CONFIG_FILE, SiteConfig
from builder.formats.schema import schema_path
from builder.util.files import is_editor_noise
from builder.write.paths import retired_dir, staging_dir

WATCHED_DIRS = ("content", "templates", "locales")
QUIET_SECONDS = 0.02
"""How long the files must stay unchanged before a rebuild starts (one save = one build): an
editor's save (write a temporary file, rename it over the page) takes a few milliseconds."""


# --- what to watch ------------------------------------------------------------------------


@dataclass(frozen=True)
class WatchRules:
    """Which changed paths are the editor's work (and so a reason to rebuild)."""

    root: Path
    """The project folder, resolved."""
    outputs: tuple[Path, ...]
    """The output folder and its staging and retired siblings: the build's own writes."""
    schema: Path
    """The front matter's schema in ``content/``, which each build keeps up to date."""

    @classmethod
    def for_config(cls, config: SiteConfig) -> WatchRules:
        site = config.site_dir.resolve()
        return cls(config.root.resolve(), (site, staging_dir(site), retired_dir(site)),
                   schema_path(config).resolve())

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
        if candidate == self.schema:
            return None  # written by the build itself, from the configuration
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


def watched(config: SiteConfig) -> list[str]:
    """What :func:`watch` watches in ``config.root``, as the preview's banner names it."""
    return [f"{name}/" for name in WATCHED_DIRS if (config.root / name).is_dir()] + [CONFIG_FILE]


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
        self.waiting = threading.Event()
        """Set as soon as a change comes that no build has taken yet, or the rebuilder is
        stopping: the build under way, if it may, gives itself up (the preview's search build),
        so that the next starts at once."""

    def request(self, change: str) -> None:
        with self._lock:
            self._changes.add(change)
            self._last_change = time.monotonic()
            self.waiting.set()
            self._lock.notify_all()

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float | None = None) -> bool:
        """Stop after the build under way, if any, waiting at most ``timeout`` seconds for it;
        False when it is still running (its thread is a daemon: it ends with the process)."""
        with self._lock:
            self._stopping = True
            self.waiting.set()
            self._lock.notify_all()
        if self._thread.is_alive():
            self._thread.join(timeout)
        return not self._thread.is_alive()

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
            self.waiting.clear()
            return changes
