"""The date a page prints under its story, for a text that prints none above it: a stamp with
its label ("Date 04.12.2019", «Дата публикации: 19.07.2018 16:12»), as DW prints it among the
page's last lines, or the date a statement signs off with.

Ministries, committees and companies date a statement under it, not over it: "26 July 2020",
«26 июля 2020 года», after the office's signature or with the place ("Moscow, 26 July 2020",
«Москва, 26 июля 2020 г.»). Such a date is the news date only when it stands alone on its line,
as a paragraph of its own or under a line that ends a sentence: the date closing the story's
last sentence ("… will be held on\\n26 July 2020.") is an event's, and stays. A release's
contacts block under the sign-off («Контакты для СМИ:», "Media contacts:") is looked past.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from builder.ingest import layout
from builder.ingest.dates import FoundDate, date_line, labelled_date
from builder.ingest.draft import Dropped, TextBlock
from builder.ingest.furniture import BYLINE
from builder.ingest.press_release import contacts_start

TAIL_LINES = 12
"""Lines at the end of a page in which a stamp printed under the story is looked for."""
STORY_WORDS = 8
STORY_LINES = 3
"""Lines of :data:`STORY_WORDS` words or more (the story's, never a menu's) over a stamp
under the story at least: a headline and a standfirst are two."""
SIGN_OFF_LINES = 3
"""Lines at the end of a statement in which its date is looked for: the date, perhaps under
or over the office's signature and the place."""
MOST_SIGNATURE_WORDS = 10
"""Words of a line under a statement's date at most (the office's name, a place)."""
_PLACE = re.compile(r"^(?-i:[A-ZА-ЯЁ])[\w.-]*(?:[ -][\w.-]+){0,2}\s*,\s+(?=\d)")
"""The place a statement is signed at, before its date ("Moscow, ", "Нур-Султан, ")."""


@dataclass(frozen=True)
class Below:
    """The page's stamp printed under the story, and the lines that went with it (the author's
    line under a labelled stamp)."""

    date: FoundDate | None = None
    line: int | None = None
    dropped: tuple[Dropped, ...] = ()


def stamp_below(blocks: list[TextBlock]) -> tuple[list[TextBlock], Below]:
    """``blocks`` without the stamp printed under the story, if a line among the last
    :data:`TAIL_LINES` (in the second half of the page, under the story's lines) is one, else
    without a statement's date at its end (:func:`_sign_off`); the stamp. A short page's date
    line under its headline and standfirst («Опубликовано 26.07.2020») is no stamp under the
    story: it is left where the page's head is read."""
    lines = layout.lines_of(blocks)
    for index in range(len(lines) - 1, max(len(lines) - TAIL_LINES - 1, len(lines) // 2), -1):
        if (stamp := labelled_date(lines[index].text)) is None or sum(
                len(line.text.split()) >= STORY_WORDS for line in lines[:index]) < STORY_LINES:
            continue
        gone = {index} | ({index + 1} if index + 1 < len(lines) and not lines[index].blanks_after
                          and BYLINE.match(lines[index + 1].text) else set())
        dropped = tuple(Dropped(lines[i].number, lines[i].text,
                                "date line (kept as 'date')" if i == index else "byline")
                        for i in sorted(gone))
        kept = [line for i, line in enumerate(lines) if i not in gone]
        return layout.blocks_of(kept, blocks[0].blanks_before), Below(
            stamp, lines[index].number, dropped)
    return _sign_off(blocks, lines)


def _sign_off(blocks: list[TextBlock], lines: list[layout.Line]) -> tuple[list[TextBlock], Below]:
    """``blocks`` without the date a statement signs off with, and that date (over a release's
    contacts block, if it ends with one)."""
    end = contacts_start(lines)
    for index in range(end - 1, max(end - SIGN_OFF_LINES - 1, 1), -1):
        text = lines[index].text.strip()
        found = date_line(_PLACE.sub("", text)) if len(text) <= 60 else None
        if found is None or found.year is None:
            continue
        above = lines[index - 1]
        alone = _parted(above) or (  # under the office's signature glued over it
            _signature(above.text) and _parted(lines[index - 2]))
        signed = all(len(line.text.split()) <= MOST_SIGNATURE_WORDS
                     and not layout.ends_sentence(line.text) for line in lines[index + 1:end])
        if not (alone and signed) or text.endswith(".") and not above.blanks_after:
            return blocks, Below()
        kept = lines[:index] + lines[index + 1:]
        return layout.blocks_of(kept, blocks[0].blanks_before), Below(
            found, lines[index].number,
            (Dropped(lines[index].number, text, "date line (kept as 'date')"),))
    return blocks, Below()


def _parted(line: layout.Line) -> bool:
    """Whether ``line`` ends a paragraph or a sentence: what is under it stands on its own."""
    return line.blanks_after > 0 or layout.ends_sentence(line.text)


def _signature(text: str) -> bool:
    """Whether ``text`` may be an office's signature over its date («Пресс-служба»): short, a
    capital first, no sentence (a wrapped sentence's line goes on in lower case)."""
    return (len(text.split()) <= MOST_SIGNATURE_WORDS and text[:1].isupper()
            and not layout.ends_sentence(text))


def with_year(date: FoundDate, stamp: FoundDate) -> FoundDate:
    """``date`` (a dateline's, with no year) in the year of the page's ``stamp``: the stamp's
    year, or the one before when the date falls after the stamp's day (a story of December 31
    published on January 1)."""
    assert stamp.year is not None
    later = (date.month, date.day) > (stamp.month, stamp.day)
    return replace(date, year=stamp.year - later)
