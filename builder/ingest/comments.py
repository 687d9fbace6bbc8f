"""Readers' comments a copied page holds under the story: left out whole, never the story's nor
its date.

    Comments (3)                       a heading, or none
    ivan_p                             perhaps the commenter's name
    27 Jul 2020 9:02                   each comment's stamp: a whole date and time alone
    Who pays for this?                 the comment, a few short lines
    Anna K.
    27 июля 2020, 9:15
    …

A thread is found from the story's second half down: under a heading ("Comments",
«Комментарии (3)»), or, without one, as two comments or more (a stamp with text under it), or
one under its commenter's name. Everything from there to the end must read as comments (no line
longer than a comment's, text under every stamp), so that a page's own stamp under the story
("26 июля 2020, 09:45", which dates it) or a sidebar under that stamp is never taken for one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from builder.ingest import layout
from builder.ingest.dates import whole_stamp
from builder.ingest.draft import Dropped, TextBlock

_HEADING = re.compile(r"^(?:\d+\s+)?(?:comments?|reader comments|комментари(?:и|ев|й)|"
                      r"комментарии читателей|обсуждение|мнения читателей)\s*[:(]?\s*\d*\s*\)?$",
                      re.IGNORECASE)
_NAME = re.compile(r"^@?[\w.-]+(?:\s+[\w.-]+){0,2}$")
"""A commenter's name over the stamp ("ivan_p", "Anna K."): a few words, no sentence."""
LONGEST_COMMENT_LINE = 60
"""Words of a comment's line at most: a reader's remark, not a story's paragraph."""


def without_comments(blocks: Sequence[TextBlock]) -> tuple[list[TextBlock], list[Dropped]]:
    """``blocks`` without the readers' comments under the story, and those lines, named."""
    lines = layout.lines_of(blocks)
    for start in range(max(1, len(lines) // 2), len(lines)):
        if _thread_from(lines, start):
            dropped = [Dropped(line.number, line.text, "readers' comments")
                       for line in lines[start:]]
            kept = lines[:start]
            return layout.blocks_of(kept, blocks[0].blanks_before), dropped
    return list(blocks), []


def _thread_from(lines: Sequence[layout.Line], start: int) -> bool:
    """Whether the lines from ``start`` to the end are a thread of comments."""
    text = lines[start].text.strip()
    headed = _HEADING.match(text) is not None
    first = start + 1 if headed else start
    if not headed and _NAME.match(text) and not layout.ends_sentence(text) and (
            first + 1 < len(lines) and whole_stamp(lines[first + 1].text) is not None):
        first += 1  # the commenter's name over the first stamp
    elif not headed and whole_stamp(text) is None:
        return False
    rest = lines[first:]
    stamps = [n for n, line in enumerate(rest) if whole_stamp(line.text) is not None]
    if not stamps or stamps[0] > 1 or any(
            len(line.text.split()) > LONGEST_COMMENT_LINE
            or layout.SIDEBAR_TITLES.match(line.text.strip()) for line in rest):
        return False
    spoken = [any(whole_stamp(line.text) is None and not _NAME.match(line.text.strip())
                  or layout.ends_sentence(line.text) for line in rest[at + 1:end])
              for at, end in zip(stamps, [*stamps[1:], len(rest)])]
    return all(spoken) and (headed or len(stamps) >= 2 or first > start)
