"""Lines at the top of a copied page read on their own, whatever is around them: a site's menu
on one line ("Home | News | World", "News Sport Business Money Entertainment Travel"), a
section's name, and the page's controls that close its top (a logo's link, a search box, a
breadcrumb trail, left out as furniture), over which the short lines are the site's name,
slogan and menu items, never its headline; a headline a hard-wrapped text broke over two
lines, joined again; and, under the headline, the stamps and bylines glued to each other or to
the story, parted. :mod:`~builder.ingest.page_top` reads the rest of the top by its shape.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from builder.ingest import dateline as datelines
from builder.ingest import layout
from builder.ingest.controls import RELATIVE_TIME, SECTIONS
from builder.ingest.dates import FoundDate, date_line, find_dates, is_weekday, opening_stamp
from builder.ingest.draft import Dropped, TextBlock
from builder.ingest.furniture import BYLINE, signature
from builder.model import Outlet

MENU_WORDS = 4
"""Words of a menu item, section or slogan at most ("Skip to main content"); a headline has more."""
TOP_LINES = 40
"""Lines a copied page's menus and slogans may take above its headline."""
LONGEST_BYLINE = 8
"""Words: "By Amy Forliti and John Smith, Associated Press" is a byline, a sentence is not."""
STAMP_PARTS = re.compile(r"\s+[•·|]\s+|\s{2,}")
"""What parts a byline from the date a page prints on its line."""


def byline(text: str) -> bool:
    """Whether ``text`` is a byline: "By …", "Автор: …" opening a few words, perhaps with the
    date after a bar or right after the names ("By Fox News | Fox News", "By Euronews with AFP
    • Updated: …", "By Reuters, Wire Service Content July 26, 2020, at 9:15 a.m."), never a
    sentence that opens so ("By the end of the year, prices rose.")."""
    if BYLINE.match(text) is None:
        return False
    dated = byline_date(text)
    name = text[:dated.start] if dated else STAMP_PARTS.split(text)[0]
    words = [word for word in _WORDS.findall(name) if not is_weekday(word.rstrip(".,"))]
    return len(words) <= LONGEST_BYLINE and not layout.ends_sentence(name.rstrip(" ,-–—|"))


_WORDS = re.compile(r"[^\W\d_][\w'’.&-]*")
"""A byline's words, not its dashes ("By Stephen Whyno - The Washington Times - Sunday, …")."""


def byline_date(text: str) -> FoundDate | None:
    """The whole date a byline's line ends with, past its names, if any."""
    found = list(find_dates(text))
    return found[-1] if found and found[-1].year is not None and date_line(
        text[found[-1].start:]) is not None else None


def author_head_under(lines: Sequence[layout.Line], at: int) -> bool:
    """Whether the lines under the line at ``at`` are a post's head down to its date line, a
    few words each and no section's name among them: its author (printed once or twice), a
    follow button, a reading time (a blog platform's: "Nikolai Orlov" / "Nikolai Orlov" /
    "Follow" / "5 min read" / "·" / "Jul 26, 2020"). That line is then the headline, which a
    site's slogan over its menu (section names, a menu on one line) is not."""
    for line in lines[at + 1:at + 1 + HEAD_LINES_TO_DATE]:
        text = line.text.strip()
        if date_line(text) is not None:
            return True
        if section_name(text) or menu_line(text) or len(text.split()) > MENU_WORDS:
            return False
    return False


HEAD_LINES_TO_DATE = 8
"""Lines of a post's head under its headline down to its date line at most."""


def menu_line(text: str) -> bool:
    """Whether ``text`` is a menu's items on one line, parted by bars, dots or wide spaces, or
    by single spaces when most are the names of a news site's sections ("News Sport Business
    Money Entertainment Travel", «Новости Политика Экономика Общество Культура Спорт»)."""
    items = MENU_BARS.split(text.strip())
    if len(items) >= 3 and all(len(item.split()) <= MENU_WORDS for item in items):
        return True
    words = text.split()
    sections = sum(section_name(word) or _MORE_SECTIONS.match(word) is not None for word in words)
    return (len(words) >= MENU_ITEMS and sections >= MENU_ITEMS - 1 and sections * 2 >= len(words)
            and all(word[:1].isupper() or word in ("&", "and", "и") for word in words)
            and not layout.ends_sentence(text))


MENU_ITEMS = 4
"""Words of a menu on one line parted by single spaces at least, all but one a section's name."""
_MORE_SECTIONS = re.compile(
    r"^(?:money|weather|style|food|auto|cars|media|education|climate|environment|property|"
    r"realty|games|books|music|film|movies|tv|fashion|podcasts?|newsletters?|"
    r"недвижимость|авто|туризм|путешествия|погода|стиль|образование|медиа|кино|музыка|"
    r"книги|мода|шоу-бизнес|подкасты|спецпроекты|интервью|колонки)$", re.IGNORECASE)
"""Section names a site's menu prints beside those :func:`section_name` knows."""


MENU_BARS = re.compile(r"\s+[|•·/]\s+|\s{2,}")
"""What parts a menu's items on one line: bars, dots, slashes, wide spaces."""


def section_heading(text: str) -> bool:
    """Whether ``text`` is a section's heading in capitals, as a paper prints it over the
    headline ("IN BRIEF", «ПРОИСШЕСТВИЯ», "WORLD"): a few words, every letter a capital,
    no sentence. Over a headline in running case it is no headline itself."""
    return (len(text.split()) <= MENU_WORDS and any(c.isalpha() for c in text)
            and text.upper() == text and not layout.ends_sentence(text))


def section_name(text: str) -> bool:
    """Whether ``text`` is the name of a news site's section, as its menu or a rubric prints it
    ("News", "World", «Общество», «Мир»): a page's first menu item, not its site's name, and the
    rubric over a date line («Мир, 26.07.2020»), not the dateline's place."""
    return _SECTION.match(" ".join(text.split()).strip(" .,:|")) is not None


_SECTION = re.compile(rf"^(?:{SECTIONS})$", re.IGNORECASE)


TOP_CONTROLS = frozenset({"skip link", "page controls", "logo link", "search box", "breadcrumbs",
                          "accessible version link", "subscribe call"})
"""What a page prints only in its top, over the headline, among its site's name, slogan and
menus: a control left out as furniture (:mod:`~builder.ingest.controls`)."""
SLOGAN_WORDS = 10
"""Words of a site's slogan at most ("News you can trust.", «Новости, которым верят.»)."""


def chrome_end(lines: Sequence[layout.Line], furniture: Sequence[Dropped]) -> int:
    """How many of ``lines`` are a page's top by the controls it closes with: the lines over
    the last of its controls left out (a logo's link, "Search quotes, news & videos", a
    breadcrumb trail, «Подписаться») or over and with its menu on one line ("News Sport
    Business Money Entertainment Travel"), when each is short as a site's name or menu item is
    (or a sentence, its slogan, once), with perhaps a date line among them. The headline is no
    such line: it is under them (0 when the page's top is not closed so)."""
    marks = sorted(d.line for d in furniture if d.reason in TOP_CONTROLS)
    end, sentences, previous, dated = 0, 0, 0, False
    for at, line in enumerate(lines[:TOP_LINES]):
        if any(previous < mark < line.number for mark in marks):
            end = at  # a control between the line above and this one
        previous = line.number
        text = line.text.strip()
        if date_line(text) is not None:
            dated = True
            continue  # "July 26, 2020 / 3:14 PM / Updated 2 hours ago" is no menu
        if menu_line(text):
            end = at + 1
            continue
        ends = layout.ends_sentence(text)
        sentences += ends
        if (sentences > 1 or len(text.split()) > (SLOGAN_WORDS if ends else MENU_WORDS)
                or ends and dated  # a story's first sentence under its headline's stamp
                or layout.is_headline(text) and _stamped(lines, at)):  # a short headline
            break
    return end


def _stamped(lines: Sequence[layout.Line], at: int) -> bool:
    """Whether a date line or a byline follows the line at ``at``: it is a headline."""
    following = lines[at + 1].text if at + 1 < len(lines) else ""
    return bool(date_line(following) or BYLINE.match(following) or signature(following))


def joined_headline(blocks: Sequence[TextBlock]) -> list[TextBlock]:
    """``blocks`` with the headline of a text hard-wrapped at a fixed width (70 columns) on one
    line again, when the wrap broke it over two lines or three ("Putin arrived in Saint
    Petersburg for the Main Naval Parade of the" / "Russian Navy"): its first line is the
    text's first of about that width, shaped as a headline, and the next word would not have
    fitted on it; the last line going on is short or ends the block, and ends no sentence.
    A headline over a standfirst of one line is not joined to it: the standfirst ends a
    sentence, or its first word would have fitted on the headline's line."""
    width = layout.wrap_width(blocks)
    if width is None:
        return list(blocks)
    lines = layout.lines_of(blocks)
    first = next((at for at, line in enumerate(lines[:TOP_LINES])
                  if len(line.text) >= width * layout.FULL_LINE), None)
    if first is None or not layout.is_headline(lines[first].text):
        return list(blocks)
    last = first
    while last + 1 < len(lines) and _goes_on(lines[last], lines[last + 1], width):
        last += 1
        if lines[last].blanks_after or len(lines[last].text) < width * layout.FULL_LINE:
            break
    else:
        return list(blocks)  # no line goes on, or the lines going on are a paragraph's
    if last == first or layout.ends_sentence(lines[last].text):
        return list(blocks)  # a paragraph's lines, which end a sentence
    joined = layout.Line(" ".join(line.text.strip() for line in lines[first:last + 1]),
                         lines[first].number, lines[last].blanks_after)
    return layout.blocks_of([*lines[:first], joined, *lines[last + 1:]],
                            blocks[0].blanks_before)


def _goes_on(line: layout.Line, following: layout.Line, width: int) -> bool:
    """Whether ``following`` is the rest of the headline's ``line``, broken off at ``width``."""
    text, after = line.text.strip(), following.text.strip()
    return (not line.blanks_after and bool(after) and not layout.ends_sentence(text)
            and len(text) + 1 + len(after.split()[0]) > width
            and date_line(after) is None and not (BYLINE.match(after) or signature(after)))


def one_line_each(blocks: list[TextBlock]) -> list[TextBlock]:
    """Blocks of a few lines near the top that are a date line, a byline or a word or two (a
    byline over a date line, with no blank line between them) as one block a line, so that
    each is looked at on its own; never a wrapped paragraph that ends "…until / August 9.". A
    date line glued over a longer block, or a labelled stamp glued to its first sentence on one
    line, is parted from it."""
    result = []
    for block in blocks:
        stamps = [bool(date_line(line) or BYLINE.match(line)) for line in block.lines]
        if 1 < len(block.lines) <= 3 and any(stamps) and all(
                stamp or len(line.split()) <= 3 for stamp, line in zip(stamps, block.lines)):
            last = len(block.lines) - 1
            result += [TextBlock((line,), block.line + n, block.blanks_before if n == 0 else 0,
                                 block.blanks_after if n == last else 0)
                       for n, line in enumerate(block.lines)]
        elif (end := opening_stamp(block.lines[0])) is not None:
            # "PUBLISHED SUN, JUL 26 2020 10:15 AM EDT The storm…": the stamp glued to the story
            first, rest = block.lines[0][:end].strip(), block.lines[0][end:]
            result += [TextBlock((first,), block.line, block.blanks_before, 0),
                       TextBlock((rest, *block.lines[1:]), block.line, 0, block.blanks_after)]
        elif 0 < (head := _stamps_over(block.lines)) < len(block.lines):
            # a date line or byline glued over a hard-wrapped paragraph ("July 26, 2020" / "219
            # ships…"), or over the story a paragraph a line ("By Fox News" / "Published …")
            result += [TextBlock((line,), block.line + n, block.blanks_before if n == 0 else 0, 0)
                       for n, line in enumerate(block.lines[:head])]
            result.append(TextBlock(block.lines[head:], block.line + head, 0, block.blanks_after))
        else:
            result.append(block)
    return result


def _stamps_over(lines: Sequence[str]) -> int:
    """How many of ``lines``, from the first, are date lines or bylines, or an author's name
    over a date line ("Business Insider Staff" / "Jul 26, 2020, 9:14 AM"): three at most."""
    count = 0
    while count < min(3, len(lines)) and (date_line(lines[count]) or byline(lines[count]) or (
            count + 1 < len(lines) and date_line(lines[count + 1]) is not None
            and len(lines[count].split()) <= MENU_WORDS
            and not layout.ends_sentence(lines[count]))):
        count += 1
    return count


STANDFIRST_LINES = 3
"""Sentences a page may print between its headline and its byline (a standfirst, a deck)."""
CONTROLS_OVER_STORY = 3
"""Short lines that may stand between a page's stamp and its story (share counts, "More")."""


def over_stamps(lines: Sequence[layout.Line], index: int, dropped: list[Dropped],
                kept_above: list[layout.Line], top: list[layout.Line]
                ) -> tuple[int, list[Dropped], list[layout.Line], list[layout.Line]]:
    """The headline's index, the lines left out above it, the date lines kept and a "Top news"
    block's lines, as the top was read down to ``index``, or as :func:`headline_over_stamps`
    finds the headline over the page's stamp: then every line above it is the page's top."""
    anchored = headline_over_stamps(lines, index)
    if anchored is None:
        return index, dropped, kept_above, top
    at = lines[anchored].number
    gone = {d.line for d in dropped} | {l.number for l in top}
    dropped = sorted([d for d in dropped if d.line < at] + [
        Dropped(l.number, l.text.strip(), "above the headline") for l in lines[:anchored]
        if l.number not in gone and date_line(l.text) is None], key=lambda d: d.line)
    kept_above = [l for l in lines[:anchored] if date_line(l.text) is not None]
    return anchored, dropped, kept_above, [l for l in top if l.number < at]


def headline_over_stamps(lines: Sequence[layout.Line], index: int) -> int | None:
    """The index of the headline by where a page prints it, when the line at ``index`` (the
    headline as the top was read down to it) is a site's name, tagline or menu item instead:
    the line right over the page's first byline, date line or relative time under which the
    story begins, perhaps over a standfirst of a sentence or three, or the line over that one
    when both read as headlines (a headline over its deck). A news page prints its head so,
    whatever its menus are ("Kyiv Post" / "Ukraine's Global Voice" / "Politics" / … / headline
    / "By Interfax-Ukraine" / "Published July 26, 2020" / story).

    Taken only where the line at ``index`` is short as a menu item (or a page's first line)
    with short lines under it down to the headline, or stands under the stamp, over the story;
    and only a line longer than a menu item, not a sentence, is a headline. None otherwise."""
    stamps = [at for at in range(min(len(lines), TOP_LINES)) if _stamp(lines[at].text)]
    if not stamps:
        return None
    first = last = stamps[0]
    while last + 1 < len(lines) and _stamp(lines[last + 1].text):
        last += 1
    story = next((at for at in range(last + 1, min(len(lines), last + 2 + CONTROLS_OVER_STORY))
                  if len(lines[at].text.split()) > MENU_WORDS), None)
    if story is None or not any(layout.opens_story(line.text) or layout.ends_sentence(line.text)
                                for line in lines[story:story + 3]):  # perhaps under subheads
        return None
    headline = first - 1
    while (headline >= 0 and first - headline <= STANDFIRST_LINES
           and layout.ends_sentence(lines[headline].text)):
        headline -= 1  # a standfirst under the headline
    if headline < 0 or headline < index < first or not _headline_over_stamp(
            lines[headline].text, fewest=3):
        return None  # the top was read down to the head already (to a headline with a stop)
    if headline - 1 > index and _headline_over_stamp(lines[headline - 1].text):
        headline -= 1  # the headline over its deck
    if headline == index:
        return None
    chosen = index < len(lines) and _headline_over_stamp(lines[index].text)
    if index < headline:  # read down to a site's name, tagline or menu item, not past them
        between = lines[index + 1:headline]
        menu = sum(len(l.text.split()) <= MENU_WORDS or menu_line(l.text) for l in between)
        return headline if (not chosen or index == 0) and menu * 2 > len(between) else None
    between = lines[last + 1:index]  # read down past the stamp, to a short line over the story
    return headline if not chosen and all(
        len(l.text.split()) <= MENU_WORDS for l in between) else None


def _stamp(text: str) -> bool:
    """A date line, a byline, or a time relative to the day the page was copied («Сегодня,
    13:45», "2 hours ago"): where a page prints its stamp, whether or not it dates anything."""
    return date_line(text) is not None or byline(text) or _RELATIVE.match(text.strip()) is not None


_RELATIVE = re.compile(RELATIVE_TIME, re.IGNORECASE)


def _headline_over_stamp(text: str, fewest: int = MENU_WORDS + 1) -> bool:
    """A headline's shape, ``fewest`` words or more (more than a menu item has; right over
    the stamp, three: "Крыховяк восхитился красотами Камчатки"), not a menu on one line nor a
    section's name."""
    return (layout.is_headline(text.strip()) and len(text.split()) >= fewest
            and not menu_line(text) and not section_name(text))


LONGEST_MADE_TITLE = 140
"""Characters of a title made of a wire's first sentence at most; a longer one is cut at a
word, with an ellipsis."""
_SENTENCE = re.compile(r"(?<=[.!?…])\s+(?=[«\"“A-ZА-ЯЁ0-9])")


def untitled_wire(line: str, outlets: Mapping[str, Outlet]) -> str | None:
    """The title of a wire copied without its headline, whose first line is the story's opening
    with its dateline ("МОСКВА, 26 июля. /ТАСС/. В Московской области ожидается гроза…"): the
    first sentence after the dateline, as an editor would title it. None when the line is a
    headline."""
    found = datelines.parse(line, outlets, first=True)
    if found is None or not layout.ends_sentence(line) or found.end >= len(line):
        return None
    sentence = _SENTENCE.split(line[found.end:].strip(), maxsplit=1)[0].rstrip(".")
    if len(sentence) <= LONGEST_MADE_TITLE:
        return sentence
    return sentence[:LONGEST_MADE_TITLE].rsplit(" ", 1)[0].rstrip(",;:—– ") + "…"
