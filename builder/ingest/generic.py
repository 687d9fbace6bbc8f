"""Any other text: the headline on the first line, paragraphs after it.

The fallback adapter, for agency wires and pages of outlets that have no adapter of their own.
A line that is nothing but a date near the top is taken as the news date and dropped from the
body; otherwise the first date in the first paragraphs is used, and a missing date is left for
the sidecar (never invented here).
"""

from __future__ import annotations

from builder.ingest.dates import first_date
from builder.ingest.draft import Block, Draft, Dropped, Kind, Source, body_blocks, split_blocks

OUTLET = "unknown"
DATE_SEARCH_BLOCKS = 3


def recognise(text: str) -> bool:
    return True


def extract(source: Source) -> Draft:
    blocks = split_blocks(source.text)
    if not blocks:
        return Draft(OUTLET, "", 1, ())
    title, *rest = blocks
    dropped = []
    date, date_line = None, None
    for block in rest[:DATE_SEARCH_BLOCKS]:
        found = first_date(block.text)
        if found is None:
            continue
        date, date_line = found, block.line
        if found.start == 0 and found.end == len(block.text):
            rest.remove(block)
            dropped.append(Dropped(block.line, block.text, "date line (kept as 'date')"))
        break
    title_text = title.lines[0].lstrip("#").strip()
    if date is None:
        date, date_line = first_date(title_text), title.line
    body = body_blocks(rest)
    if len(title.lines) > 1:  # no blank line after the headline: the rest is a paragraph
        body = (Block(Kind.PARAGRAPH, "\n".join(title.lines[1:]), title.line + 1), *body)
    return Draft(OUTLET, title_text, title.line, body, date=date,
                 date_line=date_line if date else None, dropped=tuple(dropped))
