"""What ingest did (or, in a dry run, would do) with each source, and the report of it.

Every source gets one :class:`SourceResult`: its outcome (ingested, kept, skipped, failed), its
diagnostics and the page it became. :meth:`IngestResult.render_text` is what ``digest ingest``
prints; :meth:`IngestResult.render_dry_run` shows, per source, the page a real run would write,
the furniture it would drop and the fragments it would store.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from builder.diagnostics import Diagnostic, Fate, FileOutcome, Severity
from builder.ingest.assemble import NewPage
from builder.ingest.memo import IngestMemo
from builder.ingest.page import page_parts
from builder.util.files import shown

BODY_LINES_SHOWN = 12
"""Lines of each page's body a dry run prints; the front matter is printed whole."""
SAID_BY_PAGE = frozenset({"date-year-inferred", "date-from-published", "outlet-not-found",
                          "outlet-unknown", "published-zone-unknown"})
"""Ingest's warnings that the page it writes keeps: in a build, the page says them at their
line, in every build until the editor has dealt with them (:mod:`builder.read.validate`): a
guessed date (``date_inferred``, said as ``date-inferred``), ``outlet: unknown`` (said as
``outlet-not-found``), an outlet content/outlets.yaml lacks (``outlet-unknown``), a time
without its offset (``published-no-offset``)."""


@dataclass(frozen=True)
class SourceResult:
    """What became (or, in a dry run, would become) of one source."""

    outcome: FileOutcome
    """Ingested (detail: the page), kept (detail: its page), skipped or failed (detail: why)."""
    diagnostics: tuple[Diagnostic, ...] = ()
    page: NewPage | None = None
    """The page written (in a dry run: that would be written) for an ingested source."""
    original: Path | None = None
    """The file outside the project that the source is a copy of (in a dry run: would be)."""


@dataclass(frozen=True)
class IngestResult:
    sources: tuple[SourceResult, ...]
    """One per source, in the order they were ingested."""
    problems: tuple[Diagnostic, ...] = ()
    """What is wrong with the files ingest keeps beside the sources: the lines of
    ``content/ingested.txt`` that are not entries (errors), entries of folder files that name no
    source (warnings)."""
    record_written: bool = False
    """Whether ``content/ingested.txt`` was written."""
    memo: IngestMemo | None = None
    """In a build, what the next build may take instead of running ingest again."""

    @property
    def outcomes(self) -> tuple[FileOutcome, ...]:
        return tuple(source.outcome for source in self.sources)

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        return self.problems + tuple(d for source in self.sources
                                            for d in source.diagnostics)

    @property
    def pages(self) -> Mapping[str, NewPage]:
        """The page of each ingested source, by the source's path (as in ``outcomes``)."""
        return {s.outcome.path: s.page for s in self.sources if s.page is not None}

    def in_build(self) -> IngestResult:
        """This result as a build reports it: without the warnings its pages say themselves."""
        return replace(self, sources=tuple(
            replace(source, diagnostics=tuple(d for d in source.diagnostics
                                              if d.code not in SAID_BY_PAGE))
            if source.page is not None else source for source in self.sources))

    @property
    def failed(self) -> bool:
        return any(problem.severity is Severity.ERROR for problem in self.problems) or any(
            outcome.fate is Fate.FAILED for outcome in self.outcomes)

    def render_text(self) -> str:
        """The report of a run: every warning, then each source's fate and what it became."""
        lines = [str(diagnostic) for diagnostic in sorted(self.diagnostics)]
        for source in self.sources:
            lines.append(str(source.outcome))
            if source.page is not None:
                lines += _summary_lines(source.page)
        return "\n".join(lines)

    def render_dry_run(self) -> str:
        """What a real run would do with each source, and write: the page's front matter as
        written, the start of its body, the furniture dropped, the fragments it would store
        and its warnings; each source's block apart, then a line saying nothing was written."""
        blocks = [*(str(problem) for problem in self.problems),
                  *("\n".join(_dry_run_lines(source)) for source in self.sources)]
        fates = [source.outcome.fate for source in self.sources]
        counts = ", ".join(f"{fates.count(fate)} {_WOULD[fate]}" for fate in _WOULD)
        return "\n\n".join([*blocks, f"dry run: nothing was written ({counts})"])


_WOULD = {Fate.INGESTED: "would be ingested", Fate.KEPT: "kept", Fate.SKIPPED: "would be skipped",
          Fate.FAILED: "would fail"}
"""Each fate a source can have, as a dry run tells it."""


def _summary_lines(page: NewPage) -> list[str]:
    """What a page was made of, for the report under its source's outcome."""
    front = page.front_matter
    return [f"  {front['title']}",
            (f"  {front['date']} · {front['lang']} · {front['outlet']}"
             f" · topics: {', '.join(front['topics']) or 'none'}"),
            *(f"  fragment: {fragment_id}" for fragment_id in page.fragment_ids),
            *(f"  dropped line {d.line}, {d.reason}: {d.text[:60]}" for d in page.dropped)]


def _dry_run_lines(source: SourceResult) -> list[str]:
    """One source's block of a dry run: its fate, its page if it would have one, its warnings."""
    outcome, page = source.outcome, source.page
    name = shown(source.original.as_posix()) if source.original else shown(outcome.path)
    if page is not None:
        lines = [f"{name}: would be ingested -> {outcome.detail}"]
    elif outcome.fate is Fate.KEPT:
        kept = "kept as the editor has it (--force would rewrite it)"
        lines = [f"{name}: already has a page, {outcome.detail}; {kept}"]
    else:  # why: the diagnostic below, with its line
        lines = [f"{name}: {_WOULD[outcome.fate]}"]
    if source.original:
        lines.append(f"  would first be copied to {shown(outcome.path)}, which the page "
                     f"names as its source")
    if page is not None:
        lines += _page_lines(page)
    return lines + [str(diagnostic) for diagnostic in source.diagnostics]


def _page_lines(page: NewPage) -> list[str]:
    """The page as a dry run shows it: its front matter as written, the first lines of its
    body, the furniture left out and the fragments it refers to, new or known."""
    front, body = page_parts(page)
    body_lines = body.splitlines()
    start = body_lines[:BODY_LINES_SHOWN]
    while start and not start[-1].strip():
        start.pop()  # a paragraph break just before "… (N more lines)"
    lines = [front.rstrip("\n"), *start]
    if len(body_lines) > BODY_LINES_SHOWN:
        lines.append(f"… ({len(body_lines) - BODY_LINES_SHOWN} more lines)")
    lines += [f"  dropped line {d.line}, {d.reason}: {d.text}" for d in page.dropped]
    new = {fragment.id: fragment for fragment in page.new_fragments}
    for fragment_id in dict.fromkeys(page.fragment_ids):
        if fragment_id in new:
            text = " ".join(new[fragment_id].original.split())
            lines.append(f"  new fragment {fragment_id} ({new[fragment_id].lang}), would be "
                         f"stored untranslated in every fragments.po: {text}")
        else:
            lines.append(f"  fragment {fragment_id}, already in the catalogs")
    return lines
