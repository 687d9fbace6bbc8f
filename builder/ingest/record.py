"""``content/ingested.txt``: which page each source became, so that a source is ingested once.

In: the record's text. Out: a :class:`Record` (each source's :class:`Entry`: its page and the
source's SHA-256 when it was ingested, with the located problems of lines that are not
entries), and :func:`record_text`, the text of a set of entries, for writing.

Why a file, and why this one: a page belongs to the editor, who may break its front matter
for a while (a typo), move it, or delete it on purpose. Ingest used to find a source's page by
the ``source:`` of every page it could read; while a page could not be read, its source looked
new and became a second page (``-2``), and a page deleted on purpose came back at the next
build. The record says that a source has been ingested, whatever became of its page; only
``digest ingest --force`` makes the page again. It lives in ``content/`` because it must
travel with the project (a Netlify build starts from a clone, with no cache), and it is one
line a source, sorted, like ``go.sum``: two editors' additions merge without conflict, and a
conflict left in it is a located error, never a guess.

:class:`Known` answers ingest's question, which page a source became, from the record first.

A line is ``source<TAB>page<TAB>sha256``, each path relative to ``content/``. A path holding a
tab, a line break or a backslash, or starting with a quote or ``#``, is written as a JSON
string, so that any name round-trips.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from builder.config import SiteConfig
from builder.diagnostics import Diagnostic, error
from builder.formats import frontmatter
from builder.formats.pages import page_files, page_text
from builder.util.files import links_outside, write_atomically

RECORD_FILE = "ingested.txt"
"""In ``content/``."""
HEADER = (
    "# Which page each source became: digest ingest writes this file; keep it in git.\n"
    "# A source listed here is not ingested again, even while its page is broken or after\n"
    "# the page was deleted; `digest ingest --force <source>` makes the page again.\n"
    "# One line a source: source, page (both in content/) and the source's SHA-256.\n"
)
_SHA256 = re.compile(r"[0-9a-f]{64}")
_NEEDS_QUOTES = re.compile(r'[\t\n\r\\]|^["#]')


@dataclass(frozen=True)
class Entry:
    """What a source became."""

    page: str
    """The page, relative to ``content/`` (``articles/en/2020/04/briefing.md``)."""
    sha256: str
    """The source's SHA-256 when it was ingested, to tell the editor it has changed since
    ("" when not known: a page from before the record that did not say)."""


@dataclass(frozen=True)
class Record:
    entries: Mapping[str, Entry]
    """By source, relative to ``content/`` (``sources/mfa-briefing.txt``)."""
    problems: tuple[Diagnostic, ...] = ()
    """A located error for each line that is not an entry; while there is one, the record is
    not written (its lines would be lost)."""
    sha256: bytes = b""
    """The SHA-256 of the file's bytes (b"": there is none)."""


def read_record(config: SiteConfig) -> Record:
    """The project's record; an empty one when there is none yet."""
    path = config.content_dir / RECORD_FILE
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Record({})
    sha256 = hashlib.sha256(data).digest()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return Record({}, (error(config.relative(path), None, "ingest-record",
                                 "not UTF-8: restore it from git, or delete it"),), sha256)
    record = parse_record(text, config.relative(path))
    return Record(record.entries, record.problems, sha256)


def parse_record(text: str, rel: str) -> Record:
    entries: dict[str, Entry] = {}
    problems: list[Diagnostic] = []
    for number, line in enumerate(text.split("\n"), 1):  # not splitlines: U+2028 is a name's
        line = line.removesuffix("\r")  # a checkout with Windows line ends
        if not line.strip() or line.startswith("#"):
            continue
        try:
            source, entry = _entry(line)
        except ValueError as exc:
            problems.append(error(rel, number, "ingest-record", f"{exc}; fix or delete the "
                                                               f"line (see the file's header)"))
            continue
        if source in entries:
            problems.append(error(rel, number, "ingest-record", (
                f"{source} is listed twice (a merge left both?); keep one line")))
        entries[source] = entry
    return Record(entries, tuple(problems))


def record_text(entries: Mapping[str, Entry]) -> str:
    """The record holding ``entries``: its header, then one line a source, sorted."""
    lines = (f"{_field(source)}\t{_field(entry.page)}\t{entry.sha256}\n"
             for source, entry in sorted(entries.items()))
    return HEADER + "".join(lines)


def write_record(config: SiteConfig, entries: Mapping[str, Entry], before: Record
                 ) -> tuple[bytes, bool]:
    """Write the record, whole or not at all, when it says something new (``before`` is the
    record as read); the SHA-256 of the record now, and whether it was written."""
    text = record_text(entries).encode("utf-8")
    sha256 = hashlib.sha256(text).digest()
    if sha256 == before.sha256:
        return sha256, False
    write_atomically(config.content_dir / RECORD_FILE, text, config.scratch_dir)
    return sha256, True


def _entry(line: str) -> tuple[str, Entry]:
    fields = line.split("\t")
    if len(fields) != 3:
        raise ValueError("not three fields (source, page, SHA-256) separated by tabs")
    source, page = (_path(field) for field in fields[:2])
    if not source:
        raise ValueError("no source")
    if not _is_page(page):
        raise ValueError(f"{page!r} is not a page in articles/")
    if fields[2] and not _SHA256.fullmatch(fields[2]):  # empty: not known
        raise ValueError(f"{fields[2]!r} is not a SHA-256")
    return source, Entry(page, fields[2])


def _is_page(page: str) -> bool:
    """Whether ``page`` names a page of the project (a forced ingest replaces it): nothing a
    changed record could use to reach another file. (Its parts as ``PurePosixPath`` sees
    them, found without one: 10,000 lines are read every time a source is ingested.)"""
    if page.startswith("/") or not page.endswith(".md") or "\\" in page or "\0" in page:
        return False
    parts = [part for part in page.split("/") if part not in ("", ".")]
    return len(parts) > 1 and parts[0] == "articles" and ".." not in parts


def _field(path: str) -> str:
    return json.dumps(path, ensure_ascii=False) if _NEEDS_QUOTES.search(path) else path


def _path(field: str) -> str:
    if not field.startswith('"'):
        return field
    try:
        value = json.loads(field)
    except json.JSONDecodeError:
        value = None
    if not isinstance(value, str):
        raise ValueError(f"{field} is not a quoted path")
    return value


@dataclass(frozen=True)
class ExistingPage:
    """The page a source became, as far as ingest knows."""

    path: str
    """Project-relative; it may have been deleted since."""
    source_sha256: str
    """The source's SHA-256 when the page was made from it ("" when unknown)."""
    same_as: str | None = None
    """Another source with the same bytes, whose page this is (the source is a copy)."""


class Known:
    """The page of each source: the record (:mod:`builder.ingest.record`) first; for a source it
    lacks (in a project from before the record, or after an ingest killed before writing it),
    the ``source:`` of the pages, read only then; a source with the bytes of a recorded one
    is that one moved (when it is gone) or a copy of it.

    A source the record names, whose page is there, costs one look at the page (a stat). What
    was looked at is kept, for the build to know what the answers rest on
    (:mod:`builder.ingest.memo`)."""

    def __init__(self, config: SiteConfig, record: Record) -> None:
        self._config = config
        self._root = str(config.root)
        self._entries = dict(record.entries)
        self._sourced: dict[str, ExistingPage] | None = None
        self.looked: dict[str, bool] = {}
        """Each page whose presence was looked at (project-relative) -> whether it is a file."""
        self.matched_by_bytes = False
        """Whether a source was taken for a recorded one by its bytes (a copy, or one moved)."""

    def pages_needed(self, refs: Iterable[str]) -> bool:
        """Whether finding the page of each of ``refs`` with the record as it now stands reads
        the ``source:`` of the pages: one has no entry, or its recorded page is gone."""
        return any((entry := self._entries.get(ref)) is None or not self.there(self._path(entry))
                   for ref in refs)

    def page_of(self, ref: str, digest: str) -> ExistingPage | None:
        entry = self._entries.get(ref)
        if entry is not None and not self.there(self._path(entry)):
            moved = self._pages_by_source().get(ref)  # the editor moved the page
            entry = Entry(moved.path.removeprefix("content/"), entry.sha256) if moved else entry
        elif entry is None and (page := self._pages_by_source().get(ref)) is not None:
            entry = Entry(page.path.removeprefix("content/"), page.source_sha256 or digest)
        elif entry is None and digest:
            same = next((source for source, known in self._entries.items()
                         if known.sha256 == digest), None)
            self.matched_by_bytes |= same is not None
            if same is not None and (self._config.content_dir / same).exists():
                return ExistingPage(self._path(self._entries[same]), digest, same_as=same)
            entry = self._entries.pop(same) if same is not None else None
        if entry is None:
            return None
        self._entries[ref] = entry
        return ExistingPage(self._path(entry), entry.sha256)

    def there(self, page: str) -> bool:
        """Whether ``page`` (project-relative) is a file; looked at once."""
        found = self.looked.get(page)
        if found is None:
            found = self.looked[page] = os.path.isfile(os.path.join(self._root, page))
        return found

    def ingested(self, ref: str, entry: Entry) -> None:
        self._entries[ref] = entry

    def entries(self, pruned: bool, present: Collection[str] = ()) -> dict[str, Entry]:
        """Every source's entry; ``pruned``, only those of sources still there (``present``
        are known to be: the sources of this run, relative to ``content/``)."""
        return {ref: entry for ref, entry in self._entries.items()
                if not pruned or ref in present or (self._config.content_dir / ref).exists()}

    def _path(self, entry: Entry) -> str:
        """The page's path relative to the project, as :meth:`SiteConfig.relative` gives it:
        the record's pages hold no ``..`` and start in ``articles/`` (:func:`_is_page`)."""
        return posixpath.normpath("content/" + entry.page)

    def _pages_by_source(self) -> dict[str, ExistingPage]:
        if self._sourced is None:
            self._sourced = {}
            for rel in page_files(self._config):
                path = self._config.root / rel
                if links_outside(path, self._config.root):
                    continue  # never read: the read stage refuses it
                try:
                    data = frontmatter.parse(page_text(path.read_bytes())).data
                except (frontmatter.FrontMatterError, UnicodeDecodeError, OSError):
                    continue  # the read stage reports broken pages
                source, sha = data.get("source"), data.get("source_sha256")
                if isinstance(source, str):
                    self._sourced[source] = ExistingPage(
                        self._config.relative(path), sha if isinstance(sha, str) else "")
        return self._sourced
