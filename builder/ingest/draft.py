"""What an outlet adapter makes of a source: a :class:`Draft`, before any decision is taken.

Adapters only read text; they do not know the site's topics, catalogs or existing pages.
:mod:`builder.ingest.assemble` turns a Draft into a page. :func:`split_blocks` is the shared
first step of every adapter: the text as blocks of consecutive lines with their line numbers
and the blank lines around them, which is where a source's structure shows.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from builder.diagnostics import Diagnostic
from builder.ingest.dates import FoundDate
from builder.model import Outlet, RelatedHeadline


@dataclass(frozen=True)
class Source:
    """One raw source as read from disk."""

    path: str
    """Project-relative path, for diagnostics."""
    text: str
    """Decoded and normalised (see :mod:`builder.ingest.decode`)."""
    sha256: str
    meta: Mapping[str, Any] = field(default_factory=dict)
    """The sidecar ``<source>.meta.yaml``: facts the text lacks, given by the editor."""
    timezone: str | None = None
    """IANA zone of the outlet the adapter is for, filled in before ``extract``."""
    outlets: Mapping[str, Outlet] = field(default_factory=dict)
    """The project's outlets, so that a dateline naming one by the name the editor gave it
    ("Прайм") is told as that outlet's."""


@dataclass(frozen=True)
class TextBlock:
    """Consecutive non-blank lines of a source."""

    lines: tuple[str, ...]
    line: int
    """1-based line of the first line in the source."""
    blanks_before: int
    blanks_after: int
    """Blank lines after the block (0 for the last block of the file)."""

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def split_blocks(text: str) -> list[TextBlock]:
    """The blocks of ``text`` in order; blank means nothing but white space."""
    raw: list[tuple[list[str], int, int]] = []
    blanks = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            blanks += 1
            continue
        if raw and blanks == 0:
            raw[-1][0].append(line.strip())
        else:
            raw.append(([line.strip()], number, blanks))
        blanks = 0
    blocks = []
    for index, (lines, line, before) in enumerate(raw):
        after = raw[index + 1][2] if index + 1 < len(raw) else 0
        blocks.append(TextBlock(tuple(lines), line, before, after))
    return blocks


class Kind(enum.Enum):
    HEADING = "heading"
    """A section title: plain text, becomes a ``## `` heading."""
    PARAGRAPH = "paragraph"
    """Plain text: escaped, so that it renders as exactly these words."""
    MARKDOWN = "markdown"
    """A block that is Markdown already (from a Markdown source): kept as it is. Raw HTML in it
    is still escaped when the page is rendered, and unsafe links are still refused."""


@dataclass(frozen=True)
class Block:
    """A heading or a paragraph of the article body, with its source line."""

    kind: Kind
    text: str
    line: int


@dataclass(frozen=True)
class Dropped:
    """A piece of page furniture left out of the page, and why (for the editor's report)."""

    line: int
    text: str
    reason: str


@dataclass(frozen=True)
class Draft:
    """Everything an adapter found in one source."""

    outlet: str
    title: str
    title_line: int
    body: tuple[Block, ...]
    date: FoundDate | None = None
    """The news date as the text gives it (possibly without a year)."""
    date_line: int | None = None
    published: dt.datetime | None = None
    """When the outlet published it (timezone-aware when the outlet's zone is known)."""
    published_day: dt.date | None = None
    """The day the outlet published it, where a saved page gives no time."""
    stamp: FoundDate | None = None
    """The date and time the text prints as its own stamp (its date line, or the stamp under
    the story), when it gives a time: when the outlet published it, kept as ``published``
    where nothing states that otherwise, in the outlet's zone unless the stamp names one."""
    served_year: int | None = None
    """The year the page's footer prints in its copyright line ("© 1999-2020"): the year the
    page was served, to which a date printed without a year belongs."""
    place: str = ""
    outlet_name: str = ""
    """The outlet's name as the source prints it (its site's name, the sender, the channel, the
    paper), in its own words: what the lines to add to content/outlets.yaml name a new outlet."""
    summary: str = ""
    related: tuple[RelatedHeadline, ...] = ()
    kept: tuple[tuple[str, Any], ...] = ()
    """A Markdown source's front-matter keys that name no field of a page nor a fact ingest
    takes (Jekyll's ``layout``, Hugo's ``author``), with their values: the page keeps them for
    templates, as it keeps any key of its own the build does not know, so nothing is lost."""
    dropped: tuple[Dropped, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()


SENTENCE_END = re.compile(r"[.!?…:;»\"”')]$")


def looks_like_heading(block: TextBlock, max_length: int = 160) -> bool:
    """A single short line that does not end like a sentence."""
    return (len(block.lines) == 1 and len(block.text) <= max_length
            and not SENTENCE_END.search(block.text))


def body_blocks(blocks: list[TextBlock]) -> tuple[Block, ...]:
    """Headings and paragraphs of an article body laid out as plain text.

    A heading is a short line that does not end like a sentence and stands apart, with two or
    more blank lines after it, as section titles do on the outlets' pages; everything else is a
    paragraph. The last block is never a heading (it has nothing to head).
    """
    body = []
    for index, block in enumerate(blocks):
        is_heading = (index + 1 < len(blocks) and block.blanks_after >= 2
                      and looks_like_heading(block))
        body.append(Block(Kind.HEADING if is_heading else Kind.PARAGRAPH, block.text, block.line))
    return tuple(body)
