"""News text of any outlet: agency wires, pasted and saved pages.

Whoever published it, a news text is read by its shape:

- perhaps the site's name, a rubric or a block of other headlines above the headline, and
  furniture lines among the paragraphs, all left out (see :mod:`~builder.ingest.page_top`
  and :mod:`~builder.ingest.furniture`);
- the headline, then perhaps a standfirst (a sentence or two over the page's date line, or
  over the story's dateline as TASS pages print it: the summary), a date line and a byline,
  then the story, whose first paragraph may open with a dateline ("MOSCOW, October 15. /TASS/.",
  "МОСКВА, 1 дек — РИА Новости.", "LONDON (Reuters) -"; see :mod:`~builder.ingest.dateline`);
- paragraphs in whatever layout the text came in (see :func:`~builder.ingest.layout.paragraphs`);
- after the story, perhaps a sidebar of other headlines, kept as ``related`` and never as body
  text (see :func:`~builder.ingest.layout.split_sidebar`), and what pages print under a story:
  tags, an editor's initials, a footer's menu, an author's box, all left out (see
  :mod:`~builder.ingest.page_tail`).

The news date is taken only where a text states it as such: a page's date line near the top
(a date with only times, weekdays and the like around it: dropped from the body, kept as
``date``), or the dateline, or else a stamp under the story, with its label ("Date 04.12.2019
Author …", as DW prints it) or as a whole date and time alone on its line ("26 июля 2020,
09:45", as Izvestia does). The time such a stamp of the page's own prints with its date is
when the outlet published the story (``stamp``), but for an update's ("Updated: …"). A date
in a headline or in running text ("the case will be heard on August 4", "talks held on March
2") is about an event, not the news, so it is not used, and a missing date is left for the
sidecar: never invented here. The agency a dateline names is the outlet, when the project or
:data:`~builder.ingest.outlets.KNOWN` knows it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from builder.formats.slugs import slugify
from builder.ingest import dateline as datelines
from builder.ingest import layout, page_tail
from builder.ingest import outlets as known_outlets
from builder.ingest.comments import without_comments
from builder.ingest.dates import FoundDate, date_line, is_update, publication_stamp, whole_stamp
from builder.ingest.draft import Draft, Dropped, Source, TextBlock, body_blocks, split_blocks
from builder.ingest.feed import headlines as feed_headlines
from builder.ingest.feed import split_feed
from builder.ingest.furniture import (BYLINE, MOST_CAPTION_WORDS, furniture_of, names_outlet,
                                      signature, without_furniture)
from builder.ingest.imprint import (
    a_pages,
    address_outlet,
    copyright_holder,
    copyright_year,
    footer,
    holder,
    page_address,
)
from builder.ingest.inserts import link_inserts
from builder.ingest.layout import ends_sentence
from builder.ingest.page_tail import without_tail
from builder.ingest.page_top import (HEADLINE_WORDS, headline_first, menu_line, section_name,
                                     site_name)
from builder.ingest.poll import without_poll
from builder.ingest.press_release import without_boilerplate, without_issuer
from builder.ingest.signup import without_signup_box
from builder.ingest.story_edges import notice, without_loose_tail, without_loose_top
from builder.ingest.story_end import stamp_below, with_year
from builder.ingest.top_lines import (STAMP_PARTS, byline, byline_date, joined_headline,
                                      one_line_each, untitled_wire)

OUTLET = known_outlets.UNKNOWN
DATE_SEARCH_BLOCKS = 3
STORY_SEARCH_BLOCKS = 4
"""Blocks under the headline in which the story's dateline is looked for: a lede, perhaps a
photo's caption or two, then the story."""
MOST_PARTED_CAPTION_WORDS = 12
"""Words of a caption parted from the credit above it by a blank line at most ("The president
at the ceremony"): a longer line there is a standfirst or the story's, with no final stop."""
STAMP_BLOCKS = 3
"""Blocks at the end of the story in which a whole date and time alone is its stamp."""
LONGEST_LEDE = 400
"""Characters: a standfirst is a sentence or two; a longer paragraph is the story's own."""


def recognise(text: str) -> bool:
    return True


def _standfirst_shaped(text: str) -> bool:
    """Not all capitalised as a name is ("WION Web Team", "Sputnik News (@SputnikInt)"), nor a
    line a reader of furniture knows ("2 mins to read")."""
    return furniture_of(text) is None and not all(  # an account's handle goes with a name
        word.lstrip("(«\"")[:1].isupper() or word.lstrip("(").startswith("@")
        for word in text.split())


_ONE_NAME = r"[A-ZА-ЯЁ][^\W\d_]*\.?(?:[ \-][A-ZА-ЯЁ][^\W\d_]*\.?){1,2}"
_NAME = re.compile(rf"^{_ONE_NAME}(?:(?:,| and| и)\s+{_ONE_NAME})*$")
"""A name alone on its line, or a few ("Vladimir Soldatkin, Chen Aizhu"): a byline beside the
date line."""


@dataclass
class _Head:
    """What stands between the headline and the story: a date line, a byline, perhaps a
    dateline alone on its line ("MOSCOW, July 26. /TASS/.")."""

    article: list[TextBlock]
    date: FoundDate | None = None
    date_line: int | None = None
    stamp: FoundDate | None = None
    """The date line's date and time, when it is the publication's (not an update's)."""
    place: str = ""
    agency: str | None = None
    standfirst: str = ""
    """The sentence or two between the headline and the date line, as news sites print it."""
    dropped: list[Dropped] = field(default_factory=list)


def _head(article: list[TextBlock], source: Source, title: str) -> _Head:
    """The date line and bylines near the top, taken out of the article.

    A page prints its date line with times, weekdays and "Updated 2 hours ago" around it, and
    a byline above or under it ("By AMY FORLITI", "Александр Бойко"): both are furniture, kept
    as the date and left out. A name alone on its line is taken for a byline only beside the
    date line; a line opening with "By" or "Автор", or a name with the author's role as columns
    print it ("Андрей Десницкий, писатель"), anywhere near the top. So are, there, the
    headline printed again, the page's address alone on a line, and a rubric of a word or two
    ("News", "Мир") over the story.
    """
    head = _Head(one_line_each(article[:DATE_SEARCH_BLOCKS]) + article[DATE_SEARCH_BLOCKS:])
    for index, block in enumerate(head.article[:DATE_SEARCH_BLOCKS + 1]):
        found = date_line(block.text)
        alone = None if found else datelines.parse(block.text, source.outlets)
        if alone is not None and alone.date is not None and alone.end >= len(block.text):
            found, head.agency = alone.date, alone.agency
            head.place = "" if section_name(alone.place) else alone.place  # «Мир, 26.07.2020»
        if found is None or is_update(block.text) and any(  # the update's over the story's
                date_line(b.text) and not is_update(b.text)
                for b in head.article[index + 1:index + 3]):
            continue
        head.date, head.date_line = found, block.line
        head.stamp = publication_stamp(block.text) if alone is None else None
        near = head.article[max(0, index - 1):index + 2]
        bylines = [b for b in near if b is not block and (_NAME.match(b.text)
                                                          or signature(b.text))]
        above = head.article[0]
        if index == 1 and menu_line(above.text):  # "Home / Qatar / Qatar News" under the headline
            head.article.remove(above)
            head.dropped.append(Dropped(above.line, above.text, "breadcrumbs"))
        elif (index == 1 and above not in bylines and len(above.text.split()) > HEADLINE_WORDS
                and _standfirst_shaped(above.text)
                and date_line(above.text) is None
                and _folded(above.text) != _folded(title)
                and not BYLINE.match(above.text) and len(above.text) <= LONGEST_LEDE
                and len(head.article) > 2):
            head.article.remove(above)  # headline / standfirst / date line / story
            head.standfirst = " ".join(above.lines)
        for gone in (block, *bylines):
            head.article.remove(gone)
            head.dropped.append(Dropped(gone.line, gone.text, "date line (kept as 'date')"
                                        if gone is block else "byline"))
        for later in [b for b in head.article[:DATE_SEARCH_BLOCKS] if date_line(b.text)]:
            head.article.remove(later)  # "обновлено: 3 марта 2017, 15:01", "Edited time: …"
            head.dropped.append(Dropped(later.line, later.text, "date line"))
        break
    for block in list(head.article[:DATE_SEARCH_BLOCKS]):
        parts = STAMP_PARTS.split(block.text)
        if len(block.lines) == 1 and (signature(block.text) or byline(block.text)):
            head.article.remove(block)
            head.dropped.append(Dropped(block.line, block.text, "byline"))
            # "By Euronews with AFP • Updated: 26/07/2020 - 15:40", "By Reuters July 26, 2020"
            found = next(filter(None, map(date_line, parts[1:])), None)
            dated = None if found else byline_date(block.text)
            if head.date is None and (found or dated) is not None:
                head.date, head.date_line = found or dated, block.line
                head.stamp = next(filter(None, map(publication_stamp, parts[1:])), None) or (
                    publication_stamp(block.text[dated.start:]) if dated else None)
    for block in list(head.article[:DATE_SEARCH_BLOCKS]):
        text = " ".join(block.text.split())
        if _folded(text) == _folded(title):
            reason = "headline printed again"
        elif names_outlet(text, source.outlets):
            reason = "site name"
        elif page_address(text):
            reason = "page address"  # "https://161.ru/text/…" pasted under the headline
        elif (len(text.split()) <= 2 and not ends_sentence(text) and block is not head.article[-1]
              and text[:1].isupper()):
            reason = "rubric"
        else:
            continue
        head.article.remove(block)
        head.dropped.append(Dropped(block.line, block.text, reason))
    head.dropped.sort(key=lambda d: d.line)
    return head


def _caption_over(block: TextBlock) -> bool:
    """Whether ``block``, right over a photo's credit, is its caption: a few words, or a
    sentence parted from the text above by a blank line ("Protesters in London on Sunday."); a
    sentence of a text laid out a paragraph a line is the story's, credit or no credit."""
    return not ends_sentence(block.text) or block.blanks_before > 0


def _folded(line: str) -> str:
    """A line as compared with the headline: printed again, perhaps as a Markdown heading."""
    return " ".join(line.split()).lstrip("# ").casefold()


def _site_named(dropped: list[Dropped], source: Source, site: str | None, story_end: int
                ) -> str | None:
    """The outlet a copied page names where no dateline does: a known outlet's name or address
    above the headline or under it ("Meduza", "Деловой Петербург", "АиФ Иркутск", a regional
    edition of one), a source line ("Источник: Meduza") or its call to follow it ("Follow RT on
    Telegram"); else the name of the ``site`` the page prints over its top, known or not
    ("Тюмень сегодня": ``tyumen-segodnya``, for the editor to add), its own address alone on a
    line (a site's over the headline, "www.bmstu.ru": ``bmstu``; a page's, under the story
    too, "https://161.ru/text/…": ``161-ru``), the holder of its copyright line under the
    story, past ``story_end``, as a footer prints it (with its years, or the page's last line;
    not a photo's credit; :mod:`~builder.ingest.imprint`); and only then a source line naming
    an outlet not known yet: under a page that names itself, that is the story's source
    ("Источник: AS", the paper a sports site retells), not the page's outlet."""
    for line in dropped:
        if line.reason in _SITE_LINES and (
                key := known_outlets.by_address(line.text.strip(), source.outlets)
                or names_outlet(line.text, source.outlets)
                or known_outlets.by_name(known_outlets.without_site_name(
                    line.text, source.outlets)[1], source.outlets)):
            return key  # the last: the page's title over its headline, "… | News | DW | 2020"
    for line in dropped:  # "Follow RT on Telegram": a known outlet's call only
        if line.reason == "subscribe call" and (named := _FOLLOW.match(line.text.strip())) and (
                key := known_outlets.by_name(named["name"], source.outlets)):
            return key
    for line in dropped:  # "© 2020 Guardian News & Media Limited": a known outlet's only
        if line.reason == "copyright" and (key := copyright_holder(line.text, source.outlets,
                                                                   own=False)):
            return key
    if site and (key := known_outlets.key_for_site(None, site, source.outlets)):
        return key
    for line in dropped:  # over the headline a site's address, under the story a page's
        if line.reason in ("above the headline", "page address", "link to the page") and (
                line.line < story_end or a_pages(line.text)) and (
                key := address_outlet(line.text, source.outlets)):
            return key
    for line in dropped:
        if line.reason == "copyright" and line.line > story_end and (
                footer(line.text) or line is dropped[-1]) and (
                key := copyright_holder(line.text, source.outlets, own=True)):
            return key
    for line in dropped:  # "Source: Al Jazeera and news agencies": an outlet not known yet
        if line.reason == "source line" and (named := _SOURCE.match(line.text.strip())):
            return address_outlet(named["name"], source.outlets) or known_outlets.by_name(
                named["name"], source.outlets) or slugify(named["name"])
    return None


_SITE_LINES = ("above the headline", "site name", "source line", "page address", "link to the page")
"""The lines left out that may print the site's name or address."""
_NAMING = (*_SITE_LINES, "release's issuer")
"""The lines left out that may print the outlet's name."""


_SOURCE = re.compile(r"^(?:source|источник)\s*:\s*(?P<name>.+?)(?:\s+(?:and|и)\s+(?:news agencies|"
                     r"other agencies|агентства))?$", re.IGNORECASE)
"""A source line under the story, and the outlet it names."""
_FOLLOW = re.compile(r"^(?:follow|subscribe to|подписывайтесь на|читайте|следите за)\s+«?"
                     r"(?P<name>[^«»]+?)»?(?:\s+(?:on|в|во)\s+\S+(?:\s+\S+)?)?\s*:?$",
                     re.IGNORECASE)
"""A page's call to follow it, and the site it names ("Подписывайтесь на «Известия» в
Telegram")."""


def extract(source: Source) -> Draft:
    blocks, comment_lines = without_comments(split_blocks(source.text))
    blocks, furniture_lines = without_furniture(blocks)
    blocks, box = without_signup_box(blocks, furniture_lines)  # a newsletter's name, pitch
    blocks, poll = without_poll(blocks)  # "Do you believe …?" / "Yes" / "No" / "Vote"
    furniture_lines += box + poll
    furniture_lines += comment_lines
    blocks, below = stamp_below(blocks)
    furniture_lines += below.dropped
    blocks, issuer = without_issuer(blocks, furniture_lines)  # over "PRESS RELEASE"
    furniture_lines += [issuer] if issuer else []
    blocks = joined_headline(blocks)  # a headline hard-wrapped over two lines
    blocks, above, top = headline_first(blocks, source.outlets, furniture_lines)
    if not blocks:
        return Draft(OUTLET, "", 1, (), dropped=tuple(furniture_lines + above))
    title, *rest = blocks
    untitled = untitled_wire(title.lines[0], source.outlets)
    if untitled is not None:  # a wire with no headline: its story opens with the dateline
        rest.insert(0, title)
    elif len(title.lines) > 1:  # no blank line after the headline: the rest is the text
        rest.insert(0, TextBlock(title.lines[1:], title.line + 1, 0, title.blanks_after))
    rest, feed = split_feed(rest, furniture_lines)  # "Лента новостей" / headline / "14:02"
    article, links = link_inserts(rest)
    article, boilerplate = without_boilerplate(article, furniture_lines)  # "About …", contacts
    article, last = without_tail(article, furniture_lines, source.outlets)  # under a sidebar
    article, sidebar = layout.split_sidebar(article)
    article, sidebar, titled = page_tail.sidebar_title(article, sidebar)  # «Не пропустите»
    linked = layout.related(links)  # none: a "Read More" alone, its link not copied
    dropped = [Dropped(line.number, line.text, "link to another story (kept as 'related')"
                       if linked else "a link's title, its link not copied") for line in links[:1]]
    dropped += [Dropped(line.number, line.text, "sidebar's title") for line in titled]
    outside = {line.number: reason for line in sidebar if (reason := "links to the site's "
               "sections" if menu_line(line.text) else notice(line.text))}  # no headlines
    dropped += [Dropped(line.number, line.text, outside[line.number])  # a footer's menu, a call
                for line in sidebar if line.number in outside]  # to the reader
    sidebar = [line for line in sidebar if line.number not in outside]
    dropped += [Dropped(part[0].number, part[0].text, f"{name} (kept as 'related')")
                for part, name in ((sidebar, "sidebar"), (feed, "news feed")) if part]
    # The date line and bylines first: a hard-wrapped text's header lines are no paragraph
    headline = untitled or title.lines[0].lstrip("#").strip()
    # the site's name the page prints over everything may end its headline ("… – Variety")
    named_site = site_name(above) or (issuer.text if issuer else None)  # "CALCIO CORNER"
    site = named_site or next((line.text for line in above if line.reason == "above the headline"),
                              "")
    bare, named = known_outlets.without_site_name(headline, source.outlets, site)
    head = _head(article, source, bare)
    article = layout.paragraphs(head.article)
    if head.date is None:  # one paragraph per line: its lines are looked at once split
        head = _head(article, source, bare)
        article = head.article
    date, date_line = head.date, head.date_line
    stamp = head.stamp or (below.date if below.date and below.date.time else None)
    credits = {d.line for d in furniture_lines if d.reason == "photo credit"}
    taken = {d.line for d in furniture_lines}  # a blank line, not a caption, under the credit
    for block in [b for b in article[:DATE_SEARCH_BLOCKS] if len(article) > 1
                  and len(b.text.split()) <= MOST_CAPTION_WORDS and (
                      b.line + len(b.lines) in credits and _caption_over(b)  # "Photograph: …"
                      or b.line - b.blanks_before - 1 in credits and b.line - 1 not in taken
                      and not ends_sentence(b.text)
                      and len(b.text.split()) <= MOST_PARTED_CAPTION_WORDS)]:
        article.remove(block)  # a caption over its credit, or under it, parted by a blank line
        dropped.append(Dropped(block.line, block.text, "photo caption"))
    article, tail = without_tail(article, furniture_lines + above, source.outlets)
    article, loose_tail = without_loose_tail(article)  # what no story prints, in any words
    article, loose_top = without_loose_top(article)
    dropped += boilerplate + last + tail + loose_tail + loose_top  # tags, "Похожие материалы"
    dropped = sorted([*above, *furniture_lines, *head.dropped, *dropped], key=lambda d: d.line)
    story, lede, found_dateline = 0, head.standfirst, None
    for index, block in enumerate(article[:STORY_SEARCH_BLOCKS]):
        if (found_dateline := datelines.parse(block.text, source.outlets)) is not None:
            story = index
            break
    captions = article[0 if lede else 1:story]  # a standfirst over the date line is the lede
    if story >= 1 and (lede or len(article[0].text) <= LONGEST_LEDE) and all(
            len(b.text.split()) <= MOST_CAPTION_WORDS and not ends_sentence(b.text)
            for b in captions):
        if lede or _standfirst_shaped(article[0].text):
            lede = lede or " ".join(article[0].lines)
        else:  # "WION Web Team", "2 mins to read", «Кадр из сериала»: no standfirst
            captions = article[:story]
        dropped += [Dropped(b.line, b.text, "photo caption") for b in captions]
        dropped.sort(key=lambda d: d.line)
    else:
        story = 0
        found_dateline = datelines.parse(article[0].text, source.outlets,
                                         first=True) if article else None
    if found_dateline is not None and date is None and found_dateline.date is not None:
        date, date_line = found_dateline.date, article[story].line
    if below.date is not None and (date is None or date.year is None and below.date.year):
        date, date_line = (with_year(date, below.date) if date else below.date), below.line
    for index in range(len(article) - 1, max(0, len(article) - STAMP_BLOCKS) - 1, -1):
        block = article[index]  # under the story, unlabelled, alone or the block's last line
        if date is not None or index == 0 or (found := whole_stamp(block.lines[-1])) is None:
            continue
        stamp_line = block.line + len(block.lines) - 1
        if len(block.lines) == 1:
            del article[index]
        else:
            article[index] = replace(block, lines=block.lines[:-1])
        dropped = sorted([*dropped, Dropped(stamp_line, block.lines[-1],
                                            "date line (kept as 'date')")], key=lambda d: d.line)
        date, date_line, stamp = found, stamp_line, stamp or found
    agency = found_dateline.agency if found_dateline else head.agency
    story_end = article[-1].line + len(article[-1].lines) - 1 if article else title.line
    outlet = ((agency and (known_outlets.by_name(agency, source.outlets) or slugify(agency)))
              or _site_named(dropped, source, named_site, story_end)
              or (known_outlets.key_for_site(None, named, source.outlets) if named else None)
              or OUTLET)
    printed = [agency, named_site, *(page_address(line.text) or _SOURCE.sub(
        r"\g<name>", line.text.strip()) for line in dropped if line.reason in _NAMING), named,
               *(holder(line.text) for line in dropped if line.reason == "copyright")]
    return Draft(
        outlet=outlet,
        outlet_name=known_outlets.printed_name(outlet, printed, source.outlets),
        title=bare if named else headline,
        title_line=title.line,
        body=body_blocks(article[story:]),
        date=date,
        date_line=date_line if date else None,
        served_year=max((year for line in dropped if line.reason == "copyright"
                         and (year := copyright_year(line.text))), default=None),
        place=found_dateline.place if found_dateline else head.place,
        stamp=stamp,
        summary=lede,
        related=tuple(item for item in layout.related(top) + linked
                      + layout.related(sidebar) + feed_headlines(feed)
                      if not names_outlet(item.title, source.outlets)),  # "Опубликовано в АиФ"
        dropped=tuple(dropped),
    )
