"""Links to other stories a page sets between the story's paragraphs: a title such as "Read
more" over a headline or two, or alone, its link not copied. The sidebar after the story is
:func:`~builder.ingest.layout.split_sidebar`'s.
"""

from __future__ import annotations

from collections.abc import Sequence

from builder.ingest.draft import TextBlock
from builder.ingest.layout import (
    SIDEBAR_TITLES,
    Line,
    is_headline,
    lines_of,
    story_paragraphs,
)

INSERT_HEADLINES = 3
"""Headlines at most under a title such as "Read more" between two paragraphs of the story."""


def link_inserts(blocks: Sequence[TextBlock]) -> tuple[list[TextBlock], list[Line]]:
    """The article's blocks without the links to other stories set between its paragraphs ("Read
    more" / "Russia to supply grain to Vietnam for first time"), and their lines: a block of its
    own that opens with such a title over headlines, or the title alone over the story's
    paragraph or over two of them further down (a "Read More" whose link was not copied)."""
    kept: list[TextBlock] = []
    links: list[Line] = []
    for index, block in enumerate(blocks):
        if (0 < index < len(blocks) - 1 and SIDEBAR_TITLES.match(block.lines[0]) and (
                1 < len(block.lines) <= INSERT_HEADLINES + 1
                or story_paragraphs([blocks[index + 1].text])
                or story_paragraphs(later.text for later in blocks[index + 1:]) >= 2)
                and all(is_headline(line) for line in block.lines[1:])):
            links += lines_of([block])
        else:
            kept.append(block)
    return kept, links
