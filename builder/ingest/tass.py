"""TASS (tass.com, tass.ru), in English and Russian.

What the copied page looks like: the headline, the lede, then paragraphs, the first opening
with the dateline ("MOSCOW, October 15. /TASS/." or "МОСКВА, 15 октября. /ТАСС/."), and after
the article a sidebar of unrelated headlines, each line a headline or its teaser, with no blank
lines between them. The article ends where that sidebar begins; the sidebar is kept as
``related`` headlines, never as body text.
"""

from __future__ import annotations

import re

from builder.ingest.dates import first_date
from builder.ingest.draft import (
    SENTENCE_END,
    Block,
    Draft,
    Dropped,
    Kind,
    Source,
    TextBlock,
    split_blocks,
)
from builder.model import RelatedHeadline

OUTLET = "tass"
DATELINE = re.compile(
    r"^(?P<place>[A-ZА-ЯЁ][A-ZА-ЯЁ .'\-]*[A-ZА-ЯЁ]),\s+(?P<date>[^./]{3,30}?)\.?\s*/(?:TASS|ТАСС)/\.?")
SIDEBAR_MIN_LINES = 3


def recognise(text: str) -> bool:
    return any(DATELINE.match(line.strip()) for line in text.split("\n", 40)[:40])


def extract(source: Source) -> Draft:
    blocks = split_blocks(source.text)
    if not blocks:
        return Draft(OUTLET, "", 1, ())
    title, *rest = blocks
    start = next((i for i, block in enumerate(rest) if DATELINE.match(block.text)), 0)
    lede, article = rest[:start], rest[start:]
    end = next((i for i, block in enumerate(article) if i > 0 and _is_sidebar(block)),
               len(article))
    body, sidebar = article[:end], article[end:]

    dateline = DATELINE.match(body[0].text) if body else None
    date = first_date(dateline["date"]) if dateline else None
    sidebar_lines = [line for block in sidebar for line in block.lines]
    return Draft(
        outlet=OUTLET,
        title=title.lines[0],
        title_line=title.line,
        body=tuple(Block(Kind.PARAGRAPH, block.text, block.line) for block in body),
        date=date,
        date_line=body[0].line if dateline else None,
        place=dateline["place"] if dateline else "",
        summary=" ".join([*title.lines[1:], *(line for block in lede for line in block.lines)]),
        related=_headlines(sidebar_lines),
        dropped=tuple(Dropped(block.line, block.lines[0], "sidebar (kept as 'related')")
                      for block in sidebar[:1]),
    )


def _is_sidebar(block: TextBlock) -> bool:
    """A run of short lines, most of which do not end like a sentence."""
    if len(block.lines) < SIDEBAR_MIN_LINES:
        return False
    unfinished = sum(1 for line in block.lines if not SENTENCE_END.search(line))
    return unfinished * 2 > len(block.lines)


TEASER_OPENING = re.compile(
    r"^(?:The|A|An|In|On|At|According|Earlier|Last|Currently|During|These|This|It|He|She|They|"
    r"Top stories|Besides|По словам|Ранее|Как|Об этом|В|На|Это|Он|Она|Они)\b")
"""How teasers, not headlines, usually open: headlines drop articles and lead with a name."""


def _headlines(lines: list[str]) -> tuple[RelatedHeadline, ...]:
    """Headline and teaser lines, taken in pairs as the sidebar alternates them.

    Some headlines have no teaser, which would shift every later pair by one line. When the
    line due to be a headline opens like a teaser while the previous "teaser" does not, the
    previous teaser was in fact a headline without one, and the pairs are re-aligned.
    """
    pairs: list[list[str]] = []
    for line in lines:
        if pairs and len(pairs[-1]) == 1:
            pairs[-1].append(line)
        elif (pairs and TEASER_OPENING.match(line)
              and not TEASER_OPENING.match(pairs[-1][1])):
            pairs.append([pairs[-1].pop(), line])
        else:
            pairs.append([line])
    return tuple(RelatedHeadline(pair[0], pair[1] if len(pair) > 1 else "") for pair in pairs)
