"""News text of any outlet: agency wires, pasted and saved pages, the headline on the first line.

Whoever published it, a news text is read by its shape:

- the headline, then perhaps a lede (a one-paragraph standfirst, as TASS pages have), then the
  story, whose first paragraph may open with a dateline ("MOSCOW, October 15. /TASS/.",
  "МОСКВА, 1 дек — РИА Новости.", "LONDON (Reuters) -"; see :mod:`~builder.ingest.dateline`);
- paragraphs in whatever layout the text came in (see :func:`~builder.ingest.layout.paragraphs`);
- after the story, perhaps a sidebar of other headlines, kept as ``related`` and never as body
  text (see :func:`~builder.ingest.layout.split_sidebar`).

The news date is taken only where a text states it as such: a line that is nothing but a date
near the top (dropped from the body, kept as ``date``), or the dateline. A date in a headline or
in running text ("the case will be heard on August 4", "talks held on March 2") is about an
event, not the news, so it is not used, and a missing date is left for the sidecar: never
invented here. The agency a dateline names is the outlet, when the project or
:data:`~builder.ingest.outlets.KNOWN` knows it.
"""

from __future__ import annotations

from builder.formats.slugs import slugify
from builder.ingest import dateline as datelines
from builder.ingest import layout
from builder.ingest import outlets as known_outlets
from builder.ingest.dates import first_date
from builder.ingest.draft import Draft, Dropped, Source, TextBlock, body_blocks, split_blocks

OUTLET = "unknown"
DATE_SEARCH_BLOCKS = 3
LONGEST_LEDE = 400
"""Characters: a standfirst is a sentence or two; a longer paragraph is the story's own."""


def recognise(text: str) -> bool:
    return True


def extract(source: Source) -> Draft:
    blocks = split_blocks(source.text)
    if not blocks:
        return Draft(OUTLET, "", 1, ())
    title, *rest = blocks
    if len(title.lines) > 1:  # no blank line after the headline: the rest is the text
        rest.insert(0, TextBlock(title.lines[1:], title.line + 1, 0, title.blanks_after))
    article, sidebar = layout.split_sidebar(rest)
    article = layout.paragraphs(article)
    dropped = [Dropped(sidebar[0].number, sidebar[0].text, "sidebar (kept as 'related')")
               ] if sidebar else []

    date, date_line, place = None, None, ""
    for block in article[:DATE_SEARCH_BLOCKS]:  # a line that is a date ("Moscow, 17 April")
        found = first_date(block.text)
        alone = datelines.parse(block.text, source.outlets)
        if alone is not None and alone.date is not None and alone.end >= len(block.text):
            found, place = alone.date, alone.place
        elif found is None or found.start != 0 or found.end != len(block.text):
            continue
        date, date_line = found, block.line
        article.remove(block)
        dropped.insert(0, Dropped(block.line, block.text, "date line (kept as 'date')"))
        break
    story, lede, found_dateline = 0, "", None
    for index, block in enumerate(article[:2]):
        if (found_dateline := datelines.parse(block.text, source.outlets)) is not None:
            story = index
            break
    if story == 1 and len(article[0].text) <= LONGEST_LEDE:
        lede = " ".join(article[0].lines)
    else:
        story = 0
        found_dateline = datelines.parse(article[0].text, source.outlets) if article else None
    if found_dateline is not None and date is None and found_dateline.date is not None:
        date, date_line = found_dateline.date, article[story].line
    agency = found_dateline.agency if found_dateline else None
    return Draft(
        outlet=(agency and (known_outlets.by_name(agency, source.outlets) or slugify(agency)))
        or OUTLET,
        title=title.lines[0].lstrip("#").strip(),
        title_line=title.line,
        body=body_blocks(article[story:]),
        date=date,
        date_line=date_line if date else None,
        place=found_dateline.place if found_dateline else place,
        summary=lede,
        related=layout.related(sidebar),
        dropped=tuple(dropped),
    )
