"""What ingest found in a build, for the next build to take as it is while nothing it rests on
has changed.

In: the :class:`IngestMemo` the previous build left (in its :class:`~builder.state.State`), and
what changed since (:class:`~builder.incremental.changes.Changes`). Out: whether that memo still
says what a run of ingest would say now (:func:`still_holds`), in which case the build reports
its outcomes and diagnostics and ingest opens no file; otherwise, the SHA-256 of each source
whose stamp is unchanged (:func:`unchanged_digests`), so that the run reads only the others.

Why: an editor keeps every raw source in ``content/sources/`` beside its page, one a page after
a year, and each build used to read and hash all of them, and resolve their paths, to find that
each is done (0.8 s to 4.5 s at 10,000 sources, as long as they are), though a build almost
never brings a new one.

What a run of ingest says rests on, and so what must not have changed for the memo to hold (a
change of anything else, a page's text or a template, leaves it as it is):

- the bytes of each source (a source whose stamp changed is read again and holds when its bytes
  are the same: a save that changed nothing, or a file within the racy window) and which
  sources there are; a sidecar is no source the memo knows, so its change is one too;
- the bytes of ``content/ingested.txt``, compared the same way;
- which pages there are: a recorded page is kept, or "deleted"; a page added does not matter,
  but when the run read the pages' ``source:`` (a source the record lacks, a recorded page gone)
  any page does;
- for a source the run tried and could not make a page of (skipped or failed, tried again
  every build): everything its page would be made from, the configuration, catalogs and the
  build's day, the pages' names and the sidecars; so then any change of those.

A memo holds only the sources and pages a scan of the inputs sees (a source in a folder the
scan passes over, a page through a link to a folder, is the run's to look at every time), and
only for the run after one that wrote nothing, or whose written pages and record the next run
would find exactly as this run left them (:attr:`IngestMemo.repeatable`). The memo never lives
longer than the state it is part of, so a clone without ``.digest-cache/`` runs ingest in full.

Every build unpickles the memo with its state and asks it; so this module loads nothing of
the stage, which is loaded only when it has work (:func:`builder.ingest.ingest_in_build`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from builder.config import SOURCES_DIR
from builder.diagnostics import Diagnostic, Fate, FileOutcome
from builder.formats.pages import is_page
from builder.incremental.changes import Changes, Kind

SOURCES = f"content/{SOURCES_DIR}"
"""Where the sources are, project-relative (``SiteConfig.sources_dir``)."""
NOT_READ = bytes(32)
"""In :attr:`IngestMemo.sha256s`, for a source that was not read."""


@dataclass(frozen=True)
class IngestMemo:
    """What a run of ingest in a build found, and what it rests on."""

    outcomes: tuple[FileOutcome, ...]
    """Each source's fate as the next run would report it (an ingested source: kept)."""
    diagnostics: tuple[Diagnostic, ...]
    """What the next run would report, in the order a run reports it."""
    sha256s: bytes = b""
    """The SHA-256 of each source the run read, 32 bytes each, in the order of
    :attr:`outcomes` (:data:`NOT_READ` for one it did not read): one value, which costs a
    build that does nothing nothing to load, rather than 10,000 paths again."""
    record: bytes = b""
    """The SHA-256 of ``content/ingested.txt`` as the run left it (b"": it was not read)."""
    pages_read: bool = False
    """Whether a run would read the pages' ``source:`` (a source the record lacks, a recorded
    page gone), so that a change of any page matters."""
    attempted_on: dt.date | None = None
    """The build's day, when the run tried a source and could not make a page of it (None:
    every source was kept or ingested, or refused before it was read)."""
    repeatable: bool = True
    """Whether a run on the same inputs would say the same: False when the run rested on
    something the scan does not see, or wrote what the next run would read differently."""

    def digests(self) -> dict[str, bytes]:
        """The SHA-256 of each source the run read, by project-relative path."""
        return {outcome.path: self.sha256s[at:at + 32]
                for outcome, at in zip(self.outcomes, range(0, len(self.sha256s), 32))
                if self.sha256s[at:at + 32] != NOT_READ}


class _SourceResult(Protocol):
    """What :func:`settled` reads of a source's result (:class:`builder.ingest.report.
    SourceResult`)."""

    @property
    def outcome(self) -> FileOutcome: ...

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]: ...

    @property
    def page(self) -> object | None: ...


def still_holds(memo: IngestMemo | None, changes: Changes, root: Path) -> bool:
    """Whether ``memo`` says what a run of ingest would say now, ``changes`` being what changed
    since it was made (in the project at ``root``). Reads only the sources and record whose
    stamps changed, and stats the pages that did."""
    if memo is None or not memo.repeatable or changes.everything:
        return False
    if memo.attempted_on is not None and (changes.environment_changed
                                          or changes.today != memo.attempted_on):
        return False
    from builder.ingest.record import RECORD_FILE  # not to unpickle a state: a build's

    record = f"content/{RECORD_FILE}"
    digests = memo.digests() if any(_a_source(path) for path in changes.inputs) else {}
    folder = os.fspath(root)  # joined as text: a Path made for each of 10,000 would cost more
    return all(_unaffected(memo, path, change.kind, f"{folder}/{path}", record, digests)
               for path, change in changes.inputs.items())


def unchanged_digests(memo: IngestMemo | None, changes: Changes) -> Mapping[str, bytes]:
    """The SHA-256 of each source ``memo`` read whose stamp has not changed since."""
    if memo is None or changes.everything:
        return {}
    return {path: sha for path, sha in memo.digests().items() if path not in changes.inputs}


def settled(sources: Sequence[_SourceResult], problems: tuple[Diagnostic, ...],
            digests: Mapping[str, bytes], record: bytes, *, pages_read: bool, by_bytes: bool,
            tried: bool, today: dt.date, wrote: bool, seen: bool) -> IngestMemo:
    """The memo of a run of ingest in a build: ``sources`` are the results of its sources, in
    order; ``problems`` the run's own (the record's lines, folder files' entries that name no
    source); ``record`` the SHA-256 of the record as
    the run left it; ``pages_read`` whether a run now would read the pages' ``source:``;
    ``by_bytes`` whether a source was taken for a recorded one by its bytes; ``tried`` whether
    a source was tried and did not become a page; ``wrote`` whether the run wrote the record;
    ``seen`` whether the build's scan sees every file the run rested on.

    A run that wrote nothing says what the next would. One that wrote pages, or the record,
    says it too, once each source ingested is told as kept, when every source tried became a
    page and none was found by its bytes (the first recorded source with the same bytes, in
    the record's order, which writing it changes): the next run finds each source by its line
    in the record, as this one left it. Otherwise the next run says it anew."""
    ingested = any(source.page is not None for source in sources)
    sha256s = b"".join(digests.get(source.outcome.path, NOT_READ) for source in sources)
    if not (wrote or ingested):
        return IngestMemo(tuple(source.outcome for source in sources),
                          (*problems, *(d for source in sources for d in source.diagnostics)),
                          sha256s, record, pages_read, today if tried else None, seen)
    return IngestMemo(
        tuple(replace(source.outcome, fate=Fate.KEPT) if source.page is not None
              else source.outcome for source in sources),
        tuple(d for source in sources if source.page is None for d in source.diagnostics),
        sha256s, record, pages_read, None, seen and not (problems or tried or by_bytes))


def _a_source(path: str) -> bool:
    """Whether the input at ``path`` is in the sources' folder (or is it, a link)."""
    return path == SOURCES or path.startswith(SOURCES + "/")


def _unaffected(memo: IngestMemo, path: str, kind: Kind, full: str, record: str,
                digests: Mapping[str, bytes]) -> bool:
    """Whether the change of the input at ``path`` (``full``: in the file system) leaves what
    ``memo`` says as it is (``digests``: the memo's, when a source changed)."""
    if path == record:
        return kind is Kind.CHANGED and _sha256(full) == memo.record
    if _a_source(path):
        known = digests.get(path)
        return kind is Kind.CHANGED and known is not None and _sha256(full) == known
    if is_page(path):
        if memo.pages_read:
            return False
        if kind is Kind.CHANGED:  # still a page, as the run found it
            return os.path.isfile(full)
        return kind is Kind.ADDED and memo.attempted_on is None
    if path.startswith("content/"):  # a file beside the pages, or a link to a folder
        return kind is Kind.CHANGED and memo.attempted_on is None
    return memo.attempted_on is None  # digest.toml, templates, catalogs


def _sha256(path: str) -> bytes | None:
    try:
        with open(path, "rb") as file:
            return hashlib.sha256(file.read()).digest()
    except OSError:
        return None
