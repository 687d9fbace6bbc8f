"""Photos in a Markdown source: the image, and the credit or caption printed under it.

    ![The cast on the set in Toronto](https://…/set.jpg)
    *Courtesy of Netflix*

A note saved from a page opens, as the page did, with its lead photo over the story: the image,
whose alt text is the photo's caption, not the story's first words, and under it its credit or
caption, emphasised or in a credit's form ("Photo: Reuters", «Фото: ТАСС»), in the image's
paragraph or in one of its own. :func:`lead_photo` says how many of the body's first blocks
that is, and :mod:`~builder.ingest.markdown_source` leaves them out of the body and the
summary. A photo further down stays where the author put it; :func:`line_reasons` says which
lines of a paragraph are furniture, as a text's are, the credit or the short emphasised caption
right under an image among them. A sentence that only mentions a photo is neither.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol, TypeVar

from builder.ingest.furniture import MOST_CAPTION_WORDS, furniture_of

IMAGE_LINE = re.compile(r"^\s*\[?!\[[^\]]*\]\([^)]*\)(?:\]\([^)]*\))?\s*$")
"""A line that is an image alone (perhaps a link around it)."""
_EMPHASISED = re.compile(r"^\s*(?:\*{1,2}[^*]+\*{1,2}|_{1,2}[^_]+_{1,2})\s*$")
"""A line emphasised whole, as a caption or a credit under an image is set."""


def line_reasons(lines: Sequence[str], words: Sequence[str]) -> list[str | None]:
    """What each line of a paragraph is when it is furniture (None for text, and for an
    image): ``lines`` its Markdown, ``words`` the same lines without markup. Right under an
    image, a credit ("*Courtesy of Netflix*") or a short emphasised caption."""
    reasons: list[str | None] = []
    for index, (line, plain) in enumerate(zip(lines, words)):
        under_image = index > 0 and IMAGE_LINE.match(lines[index - 1]) is not None
        if IMAGE_LINE.match(line):
            reasons.append(None)
        elif (reason := furniture_of(plain)) is not None:
            reasons.append(reason)
        else:
            reasons.append("photo caption" if under_image and _caption(line, plain) else None)
    return reasons


def _caption(line: str, plain: str) -> bool:
    """Whether a line under an image is its caption or credit: emphasised whole, and short."""
    return _EMPHASISED.match(line) is not None and 0 < len(plain.split()) <= MOST_CAPTION_WORDS


class Block(Protocol):
    """A block of the body: its Markdown and its words, line for line."""

    text: str
    plain: str


B = TypeVar("B", bound=Block)


def lead_photo(blocks: Sequence[B]) -> tuple[list[tuple[B, str]], list[B]]:
    """The photo ``blocks`` open with (past blank ones), each named for the report, and the
    blocks without it: a paragraph that opens with an image and has nothing under it but its
    credit or caption, then perhaps a paragraph of that credit or caption alone. None when the
    body opens with anything else."""
    start = next((n for n, block in enumerate(blocks) if block.text.strip()), len(blocks))
    count = _photo_blocks([(block.text, block.plain) for block in blocks[start:start + 2]])
    photo = [(block, "lead photo and its credit") for block in blocks[start:start + count]]
    return photo, [*blocks[:start], *blocks[start + count:]]


def _photo_blocks(blocks: Sequence[tuple[str, str]]) -> int:
    """How many of ``blocks`` (each its Markdown and its words), from the first, are a photo
    and its credit: 0, 1 or 2."""
    if not blocks:
        return 0
    lines, words = blocks[0][0].split("\n"), blocks[0][1].split("\n")
    if not IMAGE_LINE.match(lines[0]) or len(lines) != len(words) and len(lines) > 1:
        return 0
    if not all(IMAGE_LINE.match(line) or reason for line, reason in zip(
            lines, line_reasons(lines, words))):
        return 0
    if len(blocks) > 1 and len(lines) == 1:  # the credit in a paragraph of its own
        under, plain = blocks[1][0].strip(), blocks[1][1].strip()
        if "\n" not in under and (furniture_of(plain) or _caption(under, plain)):
            return 2
    return 1
