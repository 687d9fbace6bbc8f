"""A site's news feed printed beside a story: headlines, each with its time alone on the line
over or under it ("Лента новостей" / "Пожар на складе потушен" / "14:02" / …), as Kommersant,
RBC and many regional sites print their latest news under the article.

The times are furniture (:mod:`~builder.ingest.furniture` leaves a time alone on its line out),
so what is left of the feed is a few headlines that the taken-out times part, which neither the
sidebar reader (:func:`~builder.ingest.layout.split_sidebar`: it wants three headlines in a row)
nor the links between paragraphs (:func:`~builder.ingest.inserts.link_inserts`) sees whole.
:func:`split_feed` finds it by that shape: at the end of the text, two headlines or more, each
next to a time taken out, perhaps under a title such as "Лента новостей". It is kept as
``related``, never in the body. A story's last paragraph ends a sentence, so it is no headline,
time or no time.
"""

from __future__ import annotations

from collections.abc import Sequence

from builder.ingest.draft import Dropped, TextBlock
from builder.ingest.layout import SIDEBAR_TITLES, Line, blocks_of, is_headline, lines_of
from builder.model import RelatedHeadline

FEED_ITEMS = 2
"""The fewest headlines with their times that make a feed."""
_TIME = "time stamp"


def split_feed(blocks: Sequence[TextBlock], furniture: Sequence[Dropped]
               ) -> tuple[list[TextBlock], list[Line]]:
    """The story's blocks and the feed's lines (its title, its headlines), none when the text
    does not end with a feed. The first block always stays the story's."""
    times = {d.line for d in furniture if d.reason == _TIME}
    lines = lines_of(blocks)
    if not times or len(blocks) < 2:
        return list(blocks), []
    first_block_end = blocks[0].line + len(blocks[0].lines)
    start, items = None, 0
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        if line.number < first_block_end:
            break
        if is_headline(line.text) and (line.number - 1 in times or line.number + 1 in times):
            start, items = index, items + 1
        elif SIDEBAR_TITLES.match(line.text.strip()) and items:
            start = index
            break
        else:
            break
    if start is None or items < FEED_ITEMS:
        return list(blocks), []
    return blocks_of(lines[:start], blocks[0].blanks_before), lines[start:]


def headlines(feed: Sequence[Line]) -> tuple[RelatedHeadline, ...]:
    """The feed's headlines, each alone: a time parts every one from the next, so none is the
    teaser of the one above it."""
    return tuple(RelatedHeadline(line.text.strip(), "") for line in feed
                 if not SIDEBAR_TITLES.match(line.text.strip()))
