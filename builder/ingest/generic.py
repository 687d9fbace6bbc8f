"""Any other text: the headline on the first line, paragraphs after it.

The fallback adapter, for agency wires and pages of outlets that have no adapter of their own.
The news date is taken only where a text states it as such: a line that is nothing but a date
near the top (dropped from the body, kept as ``date``), or a dateline opening the first
paragraph ("MOSCOW, July 25 -"). A date in a headline or in running text ("the case will be
heard on August 4", "talks held on March 2") is about an event, not the news, so it is not
used, and a missing date is left for the sidecar: never invented here.
"""

from __future__ import annotations

from builder.ingest.dates import first_date
from builder.ingest.draft import Block, Draft, Dropped, Kind, Source, body_blocks, split_blocks

OUTLET = "unknown"
DATE_SEARCH_BLOCKS = 3
DATELINE_REACH = 40
"""How far into the first paragraph a date may start to be its dateline ("WASHINGTON, July 25")."""


def recognise(text: str) -> bool:
    return True


def extract(source: Source) -> Draft:
    blocks = split_blocks(source.text)
    if not blocks:
        return Draft(OUTLET, "", 1, ())
    title, *rest = blocks
    dropped = []
    date, date_line = None, None
    for index, block in enumerate(rest[:DATE_SEARCH_BLOCKS]):
        found = first_date(block.text)
        if found is not None and found.start == 0 and found.end == len(block.text):
            date, date_line = found, block.line
            rest.remove(block)
            dropped.append(Dropped(block.line, block.text, "date line (kept as 'date')"))
            break
        if found is not None and found.start <= DATELINE_REACH and index == 0:
            date, date_line = found, block.line
            break
    title_text = title.lines[0].lstrip("#").strip()
    body = body_blocks(rest)
    if len(title.lines) > 1:  # no blank line after the headline: the rest is a paragraph
        body = (Block(Kind.PARAGRAPH, "\n".join(title.lines[1:]), title.line + 1), *body)
    return Draft(OUTLET, title_text, title.line, body, date=date,
                 date_line=date_line if date else None, dropped=tuple(dropped))
