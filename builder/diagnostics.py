"""Located diagnostics and the build report.

Every stage returns its diagnostics as data instead of printing or raising, so that one bad
file never stops the others and the report can list every source and page with its fate.
The text form follows compilers and Sphinx: ``path:line: severity: message [code]``; the JSON
form (:meth:`Report.as_json`) is the one ``digest build --report-json`` writes for CI and the
live preview's report page serves.
"""

from __future__ import annotations

import enum
import errno
import functools
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from builder.util.files import name_not_utf8, shown

REPORT_FORMAT = 1
"""Version of the shape of :meth:`Report.as_json`: raised when a key is removed or changes
meaning (a key added keeps it)."""


class Severity(enum.Enum):
    """How bad a diagnostic is; ``ERROR`` means the file it names was not published."""

    WARNING = "warning"
    ERROR = "error"


@functools.total_ordering
@dataclass(frozen=True)
class Diagnostic:
    """One problem found in one file, located as precisely as the stage could.

    Diagnostics sort by path, then line (one about the whole file first), code and message.
    """

    path: str
    """Project-relative path of the file (POSIX separators), or ``<config>``-style pseudo names."""
    line: int | None
    """1-based line number, or None when the problem concerns the whole file."""
    severity: Severity = field(compare=False)
    code: str
    """Short stable identifier (``front-matter-type``), for docs and for silencing in future."""
    message: str

    @property
    def location(self) -> str:
        """``path:line``, or the path alone for a problem of the whole file."""
        return f"{self.path}:{self.line}" if self.line else self.path

    def __str__(self) -> str:
        return f"{self.location}: {self.severity.value}: {self.message} [{self.code}]"

    def __lt__(self, other: Diagnostic) -> bool:
        # Not the dataclass's order: a file's diagnostics without a line and with one (a slug
        # warning and a front matter warning) would compare None with an int and raise.
        return self._order() < other._order()

    def _order(self) -> tuple[str, int, str, str]:
        return self.path, self.line or 0, self.code, self.message

    def as_json(self) -> dict[str, Any]:
        """The diagnostic as JSON data, with its text form (``text``) for showing as it is."""
        return {"path": json_safe(self.path), "line": self.line,
                "severity": self.severity.value, "code": json_safe(self.code),
                "message": json_safe(self.message), "text": json_safe(str(self))}


def json_safe(text: str) -> str:
    """``text`` itself when it can be written as UTF-8, else as :func:`shown` prints it.

    A name the file system gave in bytes that are not UTF-8 holds lone surrogates, which no
    JSON document or page can carry (``json.dumps(..., ensure_ascii=False)`` passes them on and
    writing the result fails; escaped, they are JSON that strict parsers refuse). Such a string
    becomes its printable form (``caf\\xe9.md``), the name its ``file-name-encoding``
    diagnostic gives; any other string, line breaks and all, is kept exactly.
    """
    if not name_not_utf8(text):
        return text
    try:
        return shown(text)
    except UnicodeEncodeError:  # a surrogate no file system makes: escaped as code points
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def warning(path: str | Path, line: int | None, code: str, message: str) -> Diagnostic:
    return Diagnostic(shown(str(path)), line, Severity.WARNING, code, message)


def error(path: str | Path, line: int | None, code: str, message: str) -> Diagnostic:
    return Diagnostic(shown(str(path)), line, Severity.ERROR, code, message)


ENVIRONMENT_FAULTS: Mapping[int, tuple[str, str]] = MappingProxyType({
    errno.ENOSPC: ("disk-full", "no space left on the device: free some and try again (a build "
                                "needs room for a second copy of the site, its staging folder)"),
    errno.EDQUOT: ("disk-full", "the disk quota is used up: free some room and try again"),
    errno.EROFS: ("read-only", "the file system is read-only: work where the project can be "
                               "written"),
    errno.EACCES: ("not-writable", "permission denied: make the project's site/, site.next/ "
                                   "and .digest-cache/ writable for you"),
    errno.EPERM: ("not-writable", "operation not permitted: make the project's site/, "
                                  "site.next/ and .digest-cache/ writable for you"),
    errno.ENOTDIR: ("wrong-kind", "a file stands where a folder belongs: move it away"),
    errno.EISDIR: ("wrong-kind", "a folder stands where a file belongs: move it away"),
    errno.EEXIST: ("wrong-kind", "a file stands where the build makes a folder: move it away"),
    errno.EBUSY: ("busy", "the folder is in use (a mount point, or open in another program): "
                          "build into another one"),
    errno.EXDEV: ("busy", "the output folder and its staging folder (site/ and site.next/) are on "
                          "two file systems (one is a mount point), and a build publishes by "
                          "renaming one into the other: unmount it, or build into another folder"),
})
"""What an error of the operating system means for a build (its code, what to do), by errno."""


def environment_error(exc: OSError, shown_path: Callable[[Path], str]) -> Diagnostic:
    """The machine's fault ``exc`` as one line naming the file and what to do: a build whose
    disk is full or folder read-only must say so, not end in a traceback."""
    code, advice = ENVIRONMENT_FAULTS.get(exc.errno or 0, ("file-system", exc.strerror
                                                            or str(exc)))
    try:
        where = shown_path(Path(exc.filename)) if exc.filename else "<build>"
    except OSError:  # a path that cannot even be resolved (in /proc): as the system named it
        where = str(exc.filename)
    return error(where, None, code, advice)


class Fate(enum.Enum):
    """What became of a source or a Markdown page in one build."""

    INGESTED = "ingested"
    """A raw source was converted into a new Markdown page."""
    KEPT = "kept"
    """A raw source already had its Markdown page; the page was left as the editor has it."""
    SKIPPED = "skipped"
    """A raw source was left without a page for now; a warning says why and what to add."""
    PUBLISHED = "published"
    """A Markdown page was read and rendered into the site."""
    SCHEDULED = "scheduled"
    """A Markdown page dated after the build's day, read and held out of the site until a build
    on or after its date (the live preview and ``--future`` show it, marked as scheduled); the
    detail is that date."""
    DRAFT = "draft"
    """A Markdown page marked ``draft: true``, read and left out of the site (the live preview
    shows it, marked as a draft)."""
    FAILED = "failed"
    """The file could not be used; its diagnostics say where and why."""


class InputKind(enum.Enum):
    """The two kinds of file a build reads from ``content/``."""

    SOURCE = "source"
    """A raw text in ``content/sources/``."""
    PAGE = "page"
    """A Markdown page in ``content/articles/``."""


@dataclass(frozen=True)
class FileOutcome:
    """The fate of one input file (a raw source or a Markdown page) in a build."""

    kind: InputKind
    path: str
    fate: Fate
    detail: str = ""
    """A short human note: the page a source became, the URL a page was published at."""

    def __str__(self) -> str:
        """One report line; a failure's or a skip's reason is in its diagnostic, printed beside
        it (and so said once)."""
        if self.fate is Fate.SCHEDULED:
            return f"{shown(self.path)}: scheduled for {self.detail}"
        said = self.fate in (Fate.FAILED, Fate.SKIPPED)
        news = f" -> {self.detail}" if self.detail and not said else ""
        return f"{shown(self.path)}: {self.fate.value}{news}"

    def as_json(self) -> dict[str, Any]:
        """The outcome as JSON data; ``path`` is the file's name as is (see :func:`json_safe`)."""
        return {"kind": self.kind.value, "path": json_safe(self.path), "fate": self.fate.value,
                "detail": json_safe(self.detail)}


FATES: Mapping[InputKind, tuple[Fate, ...]] = MappingProxyType({
    InputKind.SOURCE: (Fate.INGESTED, Fate.KEPT, Fate.SKIPPED, Fate.FAILED),
    InputKind.PAGE: (Fate.PUBLISHED, Fate.SCHEDULED, Fate.DRAFT, Fate.FAILED),
})
"""The fates each kind of file can meet, in the order reports count them."""


class Diagnosed:
    """Errors and warnings of anything that holds ``diagnostics`` (a build, a site check)."""

    diagnostics: tuple[Diagnostic, ...]

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity is Severity.WARNING)


@dataclass(frozen=True)
class Report(Diagnosed):
    """Everything a build did, for the terminal, for tests, and as JSON for CI and the preview."""

    outcomes: tuple[FileOutcome, ...]
    diagnostics: tuple[Diagnostic, ...]
    pages_written: int
    search_indexed: int
    """Number of pages Pagefind indexed, 0 when search was skipped."""
    published: bool
    """True when ``site/`` was replaced by this build's output."""
    timings: tuple[tuple[str, float], ...] = ()
    """(stage name, seconds) in pipeline order."""
    pages_rendered: int = 0
    """Pages whose inputs changed since the last build, rendered again; the others were reused."""
    files_changed: int = 0
    """Files whose bytes were written (new or changed); the others were kept or hard-linked."""
    shards_indexed: int = 0
    """Search index shards Pagefind wrote; the others were reused from the last build."""
    shards: int = 0
    """Search index shards in the site."""
    shards_pending: int = 0
    """Shards whose pages changed, left as they were for the next build to index (the live
    preview shows a save before its shard is indexed again)."""
    explanations: tuple[tuple[str, str], ...] = ()
    """(output path, why it was rendered), with ``digest build --explain``."""
    changes: tuple[str, ...] = ()
    """What changed since the last build, one line each, with ``digest build --explain``."""
    up_to_date: bool = False
    """Nothing had changed since the last build: ``site/`` was left as it was."""
    index_only: bool = False
    """Published, and every file but the search index is byte for byte the one the site had
    before (the live preview's search build): an open page shows what it showed."""
    abandoned: bool = False
    """Given up before publishing, as its caller asked (:class:`Abandoned`): the live preview's
    search build when a newer save came. Never printed as a failure: the pending shards stay
    pending, and the next build indexes them."""

    def count(self, kind: InputKind, fate: Fate) -> int:
        return sum(1 for outcome in self.outcomes if outcome.kind is kind and outcome.fate is fate)

    def exit_code(self, strict: bool = False) -> int:
        """0 when clean, 1 when any file failed (or warned, with ``strict``), 2 when not published."""
        if not self.published:
            return 2
        if self.errors or (strict and self.warnings):
            return 1
        return 0

    def render_text(self, every_file: bool = False, strict: bool = False) -> str:
        """The one-screen summary printed at the end of ``digest build``.

        Files whose fate is news (ingested, skipped, scheduled, with the day each is due, or
        failed) are listed one per line; files that were simply published or kept as they are,
        which is most of them on most days, are counted, or listed too with ``every_file``
        (``digest build --verbose``). With ``strict``, warnings that fail a build without
        errors say so, or its "0 errors … site published" would read as a success.
        """
        news = (Fate.INGESTED, Fate.SKIPPED, Fate.SCHEDULED, Fate.FAILED)
        lines = [str(d) for d in sorted(self.diagnostics)]
        lines += [str(o) for o in self.outcomes if every_file or o.fate in news]
        source, page = InputKind.SOURCE, InputKind.PAGE
        sources = sum(1 for outcome in self.outcomes if outcome.kind is source)
        lines.append(
            f"sources: {sources} ({self.count(source, Fate.INGESTED)} ingested, "
            f"{self.count(source, Fate.KEPT)} already had pages, "
            f"{self.count(source, Fate.SKIPPED)} skipped, {self.count(source, Fate.FAILED)} failed); "
            f"articles: {self.count(page, Fate.PUBLISHED)} published, "
            f"{self.count(page, Fate.SCHEDULED)} scheduled, "
            f"{self.count(page, Fate.DRAFT)} drafts, {self.count(page, Fate.FAILED)} failed"
        )
        status = "site published" if self.published else "previous site left unchanged"
        lines.append(
            f"pages written: {self.pages_written}; search: {self.search_indexed} pages indexed; "
            f"{len(self.errors)} errors, {len(self.warnings)} warnings; {status}"
        )
        if self.up_to_date:
            lines.append("nothing changed since the last build: the site is up to date")
        elif self.published:
            lines.append(f"incremental: {self.pages_rendered} of {self.pages_written} pages "
                         f"rendered, {self.files_changed} files written"
                         + (f", {self.shards_indexed} of {self.shards} search shards indexed"
                            if self.shards else "")
                         + (f" ({self.shards_pending} left for the next build)"
                            if self.shards_pending else ""))
        if self.timings:
            lines.append("time: " + ", ".join(f"{name} {secs:.2f}s" for name, secs in self.timings))
        if strict and self.published and self.warnings and not self.errors:
            lines.append(f"--strict: {len(self.warnings)} warning(s) fail the build (exit status "
                         "1); the site was published all the same")
        return "\n".join(lines)

    def as_json(self) -> dict[str, Any]:
        """The report as JSON data: the one form ``digest build --report-json`` writes and the
        live preview's report serves, so CI and the editor read the same thing.

        Keys come in a fixed order; outcomes in the order the build met them (sources, then
        pages), diagnostics sorted as the text report prints them, timings in pipeline order.
        Every string can be written as UTF-8 (:func:`json_safe`).
        """
        counts: dict[str, Any] = {
            kind.value + "s": {fate.value: self.count(kind, fate) for fate in fates}
            for kind, fates in FATES.items()}
        counts.update(errors=len(self.errors), warnings=len(self.warnings),
                      pages_written=self.pages_written, pages_rendered=self.pages_rendered,
                      files_changed=self.files_changed, search_pages_indexed=self.search_indexed,
                      shards_indexed=self.shards_indexed, shards=self.shards,
                      shards_pending=self.shards_pending)
        return {"format": REPORT_FORMAT, "published": self.published,
                "up_to_date": self.up_to_date, "counts": counts,
                "outcomes": [outcome.as_json() for outcome in self.outcomes],
                "diagnostics": [diagnostic.as_json() for diagnostic in sorted(self.diagnostics)],
                "timings": [{"stage": stage, "seconds": round(seconds, 6)}
                            for stage, seconds in self.timings]}

    def json_document(self) -> bytes:
        """:meth:`as_json` as a file: UTF-8 (not ``\\u`` escapes, so Cyrillic stays readable),
        indented by 2, ending with a line break."""
        return (json.dumps(self.as_json(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


class Abandoned(Exception):
    """The build gave up because its caller asked it to, from another thread: the live preview
    abandons the indexing of its search shards when a newer save comes (:mod:`builder.serve`).
    Not a problem of the site: nothing was published, and :attr:`Report.abandoned` says so."""


class BuildError(Exception):
    """A problem that stops the whole build (bad config, broken template), with a hint."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic

    def __reduce__(self):  # whole across processes (a template error in a render worker)
        return (BuildError, (self.diagnostic,))
