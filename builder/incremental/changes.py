"""What changed since the previous build: the one place that decides it, and its vocabulary.

An incremental build must equal a clean one byte for byte, so nothing is taken from the
previous build on its word: every stage that does less than everything asks :class:`Changes`
what it may take, and ``digest build --explain`` prints it. The value is made as the build
learns: from the inputs' stamps and the environment before anything is read (:func:`detect`),
from the key of the page reads once the catalogs are loaded (:meth:`Changes.with_read_key`),
and from what the read stage found (:meth:`Changes.with_pages`). Pure: the scans and records
in, a value out.

Vocabulary. These words mean this everywhere in ``builder/``, and nothing else:

previous
    What the last complete build left for this one (:class:`builder.state.State`).
input
    A file a build reads (:mod:`builder.incremental.inputs`), named by its project-relative path.
stamp
    A file's (inode, size, modification time in ns): it changes whenever the file does, but
    for a write within one tick of the file system's clock.
racy window
    The :data:`RACY_WINDOW_NS` before the previous build started. A file modified in it may have
    been written again within the same tick, keeping its stamp, so its stamp cannot vouch for it.
unchanged
    An input whose stamp is the one recorded, modified before the racy window, that no watcher
    named. Nothing else is unchanged.
added, removed, changed, renamed
    An input that is new; gone; at its path still, but not unchanged (each with the reason);
    moved, the same file under a new path (its old path is removed, "moved to" the new).
environment
    What every page depends on (:mod:`builder.incremental.environment`); when a part changes,
    every page is rendered again.
day, held, scheduled
    The build's day is the date in the site's time zone when it runs (``SiteConfig.today``).
    An article dated after it is **scheduled**, and **held** out of the site unless the build
    shows the future (the live preview, ``--future``). The **days** of a build (:class:`Days`)
    are those on which the same articles would be scheduled: when the day leaves them, the
    **schedule** changed, as an input would, though no file did.
edited
    A page whose bytes differ from its previous read's. A page saved with the same bytes is
    changed, read again, and not edited.
listing
    What pages other than its own show of an article: every field but those made from its body
    (:data:`builder.read.LISTED_FIELDS`). A **body-only** edit leaves the listing as it was, so
    that only the article's own page and the feeds that list it (which carry its body) can
    differ: the lists, translations and search shards of the previous build still hold.
reused
    An output file or search shard taken from the previous build instead of being made again,
    because its fingerprint (everything it is made from) is the one recorded: *kept* where it is
    in the staging folder, or *linked* from ``site/`` (:mod:`builder.write`,
    :mod:`builder.search`). A page that is not made again at all because only other articles'
    bodies changed is reused the same way.
pending
    A search shard whose pages changed, left as it was for the next build to index: the live
    preview shows a save first and lets search catch up.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Protocol

from builder.formats.pages import is_page
from builder.incremental.environment import Environment
from builder.incremental.inputs import Scan
from builder.util.fingerprints import Stamp

RACY_WINDOW_NS = 2_000_000_000
"""How long before the previous build's start a file's stamp cannot vouch for it (ns)."""
NO_PREVIOUS_BUILD = "no previous build"


class Kind(enum.Enum):
    """How an input changed."""

    ADDED = "added"
    CHANGED = "changed"
    REMOVED = "removed"
    RENAMED = "renamed"


@dataclass(frozen=True)
class Change:
    """One input that is not unchanged, and why."""

    kind: Kind
    reason: str


class Edit(enum.Enum):
    """How a page's read differs from the previous build's."""

    ADDED = "added"
    REMOVED = "removed"
    LISTING = "its listing changed"
    BODY = "only its body changed"


class PageReadLike(Protocol):
    """What :meth:`Changes.with_pages` compares of a page read (:class:`builder.read.PageRead`)."""

    @property
    def digest(self) -> str: ...

    @property
    def listing(self) -> str: ...


@dataclass(frozen=True)
class Days:
    """The build days on which the same articles are scheduled as on the day a build ran: from
    ``since`` to the day before ``until``. What a site shows depends on its day only through
    which articles are scheduled, so a build on another of these days has nothing new to show,
    and one on any other day has (an article due, or, on an earlier day, held again)."""

    since: dt.date | None = None
    """The latest date of an article not scheduled (None: there is none, so no earlier day
    holds more)."""
    until: dt.date | None = None
    """The earliest date of a scheduled article, the day it is due (None: none is scheduled)."""

    def left(self, day: dt.date) -> str:
        """Why ``day`` is not one of these days, in words ("" when it is)."""
        if self.until is not None and day >= self.until:
            due = self.until if day == self.until else f"{self.until} to {day}"
            return f"the day is {day}: the items scheduled for {due} are due"
        if self.since is not None and day < self.since:
            return f"the day is {day}, before {self.since}: the items dated after it are " \
                   f"scheduled again"
        return ""


def days_of(dates: Iterable[dt.date], day: dt.date) -> Days:
    """The days on which articles of ``dates`` are scheduled as on ``day``."""
    before, after = [], []
    for date in dates:
        (after if date > day else before).append(date)
    return Days(max(before, default=None), min(after, default=None))


@dataclass(frozen=True)
class InputRecord:
    """What a build recorded of its inputs, for the next build to measure changes against."""

    scan: Scan
    """The inputs as the build scanned them (after ingest, when ingest wrote pages)."""
    environment: Environment
    started_ns: int
    """When the build started (``time.time_ns()``): the racy window ends here."""
    days: Days = Days()
    """The days on which the build's articles are scheduled as on its own day (every day, for
    a build that scheduled none and had none dated)."""


@dataclass(frozen=True)
class Changes:
    """What changed since the previous build, in the vocabulary above."""

    environment: Environment
    """The environment now."""
    today: dt.date | None = None
    """The build's day: the articles dated after it are scheduled (None: none is)."""
    inputs: Mapping[str, Change] = field(default_factory=dict)
    """Every input that is not unchanged, by path (nothing when :attr:`everything` is said)."""
    everything: str = ""
    """Why nothing of the previous build can be taken ("" when it can)."""
    environment_changed: tuple[str, ...] = ()
    """The parts of the environment that changed, in words (``("templates",)``)."""
    schedule: str = ""
    """Why other articles are scheduled than in the previous build ("" when the same are): the
    day left the previous build's :class:`Days`."""
    read_key: str = ""
    """What page reads are made under now (:func:`~builder.incremental.environment.read_key`)."""
    reads: str = ""
    """Why no page read of the previous build can be taken ("" when they can)."""
    pages: Mapping[str, Edit] | None = None
    """Every page whose read differs from the previous build's, by path, once the read stage
    has read them; None until then, or when any page may differ."""

    @property
    def nothing(self) -> bool:
        """No input, no part of the environment and not the schedule changed."""
        return not (self.everything or self.environment_changed or self.inputs or self.schedule)

    def unchanged(self, path: str) -> bool:
        """Whether the previous build's read of the input at ``path`` still holds."""
        return not (self.everything or self.reads) and path not in self.inputs

    @property
    def listing_unchanged(self) -> bool:
        """Every article is listed as before, under the same environment: the lists,
        translations and search shards of the previous build hold, and only the pages of the
        articles whose bodies were edited (:meth:`bodies_edited`) can differ."""
        return (self.pages is not None and not self.environment_changed and not self.schedule
                and all(edit is Edit.BODY for edit in self.pages.values()))

    def bodies_edited(self) -> frozenset[str]:
        """The pages edited in their body alone."""
        return frozenset(path for path, edit in (self.pages or {}).items() if edit is Edit.BODY)

    def with_read_key(self, previous_key: str, key: str) -> Changes:
        """These changes, knowing the key page reads are made under now."""
        reason = "" if self.everything or previous_key == key else (
            "the builder's code, the configuration or a fragment's language changed")
        return replace(self, read_key=key, reads=reason)

    def with_pages(self, previous: Mapping[str, PageReadLike] | None,
                   reads: Mapping[str, PageReadLike]) -> Changes:
        """These changes, knowing every page's read now (``reads``) and the previous build's
        (``previous``; None when they are not known, so that any page may differ)."""
        if self.everything or self.reads or previous is None:
            return replace(self, pages=None)
        pages = {}
        for path in self.inputs:
            if not is_page(path):
                continue
            before, now = previous.get(path), reads.get(path)
            if before is None and now is None:
                continue
            if before is None or now is None:
                pages[path] = Edit.ADDED if before is None else Edit.REMOVED
            elif before.digest != now.digest:
                pages[path] = Edit.BODY if before.listing == now.listing else Edit.LISTING
        return replace(self, pages=pages)

    def lines(self) -> tuple[str, ...]:
        """What changed, one line each, for ``digest build --explain``."""
        if self.everything:
            return (f"everything is made anew: {self.everything}",)
        lines = [f"{change.kind.value} {path}: {change.reason}"
                 for path, change in sorted(self.inputs.items())]
        if self.environment_changed:
            lines.append("changed: " + ", ".join(self.environment_changed))
        if self.schedule:
            lines.append(f"changed: the schedule ({self.schedule})")
        if self.reads:
            lines.append(f"every page read again: {self.reads}")
        return tuple(lines)

    def why_rendered(self, fingerprint: str, recorded: str | None, anything_recorded: bool
                     ) -> str:
        """Why a page with ``fingerprint`` is rendered again, in words: ``recorded`` is the
        fingerprint of its file in either site tree (None: neither has it), and
        ``anything_recorded`` whether either tree has records at all."""
        if recorded is None:
            return "new page" if anything_recorded else "no previous build to reuse"
        if self.environment_changed:
            return ", ".join(self.environment_changed) + " changed"
        if recorded != fingerprint:
            return "its content, or what it lists or links to, changed"
        return "its file in the site was changed or removed since the last build"


def detect(record: InputRecord | None, scan: Scan, environment: Environment, *,
           today: dt.date | None, told: Collection[str] | None = None) -> Changes:
    """What changed since ``record`` was made, ``scan`` being the inputs now, and ``today`` the
    build's day (None: no article is scheduled, whatever its date).

    ``told``: the paths a watcher named since ``record`` was made (:func:`~builder.incremental.
    inputs.rescan` looked at them again). The watcher names every change, so only those are
    compared, and each is changed whatever its stamp says. Without it every input is compared,
    and the racy window applies.
    """
    if record is None:
        return Changes(environment, today, everything=NO_PREVIOUS_BUILD,
                       environment_changed=(NO_PREVIOUS_BUILD,))
    before, now = record.scan.stamps, scan.stamps
    if told is not None:
        inputs = _compare(before, now, told, "the watcher saw it written")
    else:
        differ = [] if before == now else [  # a comparison in C, when nothing changed
            *(path for path, stamp in now.items() if before.get(path) != stamp),
            *(path for path in before if path not in now)]
        inputs = _compare(before, now, differ)
        threshold = record.started_ns - RACY_WINDOW_NS
        if scan.newest >= threshold:
            inputs.update((path, Change(Kind.CHANGED, "modified within 2 s before the previous "
                                                      "build started: its stamp cannot vouch "
                                                      "for it"))
                          for path, (_, _, mtime) in now.items()
                          if mtime >= threshold and path not in inputs)
    schedule = record.days.left(today) if today is not None else ""
    return Changes(environment, today, inputs,
                   environment_changed=environment.differences(record.environment),
                   schedule=schedule)


def _compare(before: Mapping[str, Stamp], now: Mapping[str, Stamp], paths: Collection[str],
             told: str = "") -> dict[str, Change]:
    """The changes among ``paths``; with ``told``, the reason a path there before and now
    changed whatever its stamp."""
    found: dict[str, Change] = {}
    gone: dict[Stamp, list[str]] = {}
    new: dict[str, Stamp] = {}
    for path in sorted(paths):
        old, stamp = before.get(path), now.get(path)
        if old is None and stamp is None:
            continue
        if old is None:
            new[path] = stamp
        elif stamp is None:
            gone.setdefault(old, []).append(path)
        elif told or old != stamp:
            found[path] = Change(Kind.CHANGED, told or (
                "replaced by another file" if old[0] != stamp[0] else "modified"))
    for path, stamp in new.items():
        origins = gone.get(stamp)
        if not origins:
            found[path] = Change(Kind.ADDED, "new")
        else:  # the same inode, size and time: moved (a rename keeps all three)
            origin = origins.pop(0)
            found[path] = Change(Kind.RENAMED, f"moved from {origin}")
            found[origin] = Change(Kind.REMOVED, f"moved to {path}")
    found.update((path, Change(Kind.REMOVED, "deleted"))
                 for paths_gone in gone.values() for path in paths_gone)
    return found
