"""The Russian Foreign Ministry's pages (mid.ru), in English and Russian.

What the copied page looks like: an "Asset Publisher" widget title, the publication date glued
to its time ("21 April 202014:27"), the title, a language switcher ("• en-GB1 ru-RU1"), then the
text, where a briefing's section titles stand on their own line with two blank lines after.
The title carries the news date ("…, April 17, 2020"); the glued line is when it was published.
"""

from __future__ import annotations

import datetime as dt
import re

from builder.ingest.dates import first_date
from builder.ingest.draft import Draft, Dropped, Source, TextBlock, body_blocks, split_blocks
from builder.ingest.zones import at_offset

OUTLET = "mfa"
WIDGET_TITLE = re.compile(r"^(?:Asset Publisher|Публикатор|Издатель ресурсов)$", re.IGNORECASE)
LANGUAGE_SWITCH = re.compile(r"^[•·*\-\s]*(?:[a-z]{2}-[A-Z]{2}\d*\s*)+$")


def recognise(text: str) -> bool:
    head = text.split("\n", 30)[:30]
    return any(WIDGET_TITLE.match(line.strip()) or LANGUAGE_SWITCH.match(line.strip())
               for line in head if line.strip())


def extract(source: Source) -> Draft:
    dropped: list[Dropped] = []
    published: dt.datetime | None = None
    content: list[TextBlock] = []
    for block in split_blocks(source.text):
        if WIDGET_TITLE.match(block.text):
            dropped.append(Dropped(block.line, block.text, "widget title"))
        elif LANGUAGE_SWITCH.match(block.text):
            dropped.append(Dropped(block.line, block.text, "language switch"))
        elif published is None and not content and (stamp := _timestamp(block, source)):
            published = stamp
            dropped.append(Dropped(block.line, block.text, "publication date line (kept as "
                                                           "'published')"))
        else:
            content.append(block)
    if not content:
        return Draft(OUTLET, "", 1, (), dropped=tuple(dropped), published=published)
    title = content[0]
    return Draft(
        outlet=OUTLET,
        title=" ".join(title.lines),
        title_line=title.line,
        body=body_blocks(content[1:]),
        date=first_date(title.text),
        date_line=title.line,
        published=published,
        dropped=tuple(dropped),
    )


def _timestamp(block: TextBlock, source: Source) -> dt.datetime | None:
    """The block as a publication time when it is nothing but a date with a time."""
    found = first_date(block.text)
    if (found is None or found.year is None or found.time is None
            or found.start != 0 or found.end != len(block.text)):
        return None
    return at_offset(found.on(), found.time, source.timezone)
