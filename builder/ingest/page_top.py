"""The top of a page copied whole from a browser, read by its shape: the site's name (alone, or
in a banner with its tagline: "CALCIO CORNER — a blog about Italian football"), its address,
slogan, menus (one item a line, or several on one line), a rubric, a "Top news" block and
perhaps a date line above the headline, each left out (a block of headlines kept as related;
the site's name, known or not, for the outlet: :func:`site_name`); then the headline, and
under it the page's head glued to the story (a standfirst, a stamp, a byline or a column's
author, a caption), each looked at on its own. A browser may part those by blank lines or not;
the headline is the line over which the story begins, whatever its shape.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from builder.ingest import dateline as datelines
from builder.ingest import layout
from builder.ingest.dates import date_line
from builder.ingest.draft import Dropped, TextBlock
from builder.ingest.furniture import BYLINE, names_outlet, signature
from builder.ingest.imprint import page_address
from builder.ingest.top_lines import (
    MENU_BARS,
    MENU_WORDS,
    TOP_LINES,
    author_head_under,
    chrome_end,
    menu_line,
    over_stamps,
    section_heading,
    section_name,
)
from builder.model import Outlet


def _byline(text: str) -> bool:
    """A byline ("By AMY FORLITI", "Текст: Иван Петров"), or a column's author and role
    ("Андрей Десницкий, писатель"): a page's head, not its top."""
    return BYLINE.match(text) is not None or signature(text)


HEADLINE_WORDS = 3
"""Words under which a line above a headline-like line is taken for a rubric or a place (and
so is a sentence under the site's name: its slogan, "The Real Russia. Today.")."""


def _headline_follows(lines: Sequence[layout.Line], index: int,
                      outlets: Mapping[str, Outlet]) -> bool:
    """Whether the next line that is no date line or byline reads as a headline (and opens no
    dateline): then the short line at ``index`` is a rubric or a place above it ("АиФ
    Иркутск", "WARSAW, Poland"), not a short headline over the story ("Brexit delayed"). The
    rubric printed again under it ("World" / "World") is passed over too."""
    rubric = lines[index].text.strip().casefold()
    following = next((l.text for l in lines[index + 1:]
                      if date_line(l.text) is None and not _byline(l.text)
                      and l.text.strip().casefold() != rubric), "")
    return layout.is_headline(following) and datelines.parse(following, outlets) is None


def _over_headline(lines: Sequence[layout.Line], index: int,
                   outlets: Mapping[str, Outlet]) -> bool:
    """Whether the next line that is no date line or byline is a headline: by its shape, or,
    right under the line at ``index``, as the line over a date line ("Putin talked with Shoigu
    in a cabin:" / "26 July 2020")."""
    return _headline_follows(lines, index, outlets) or (
        index + 1 < len(lines) and not _stamp_follows(lines, index)
        and _stamp_follows(lines, index + 1))


def headline_first(blocks: Sequence[TextBlock], outlets: Mapping[str, Outlet],
                   furniture: Sequence[Dropped] = ()
                   ) -> tuple[list[TextBlock], list[Dropped], list[layout.Line]]:
    """``blocks`` from the headline on, the lines above it that are not text, and the lines of a
    "Top news" block above it (kept as related headlines).

    Above the headline a copied page has its site's name or address, a rubric, a place, a block
    of other headlines under a title: each is left out. A date line or a byline there is kept, after
    the headline, where ingest looks for them. The page's controls already left out as
    ``furniture`` (a logo's link, a search box, a breadcrumb trail) and its menu on one line
    close its top: the short lines above them are the site's (:func:`chrome_end`).
    """
    lines = layout.lines_of(blocks)
    index, dropped, kept_above, top = _walk_top(lines, 0, outlets)
    chrome = chrome_end(lines, furniture)
    if index < chrome:  # the headline is under the page's controls, not among them
        dropped = [Dropped(l.number, l.text.strip(), "above the headline") for l in lines[:chrome]
                   if date_line(l.text) is None]
        kept_above = [l for l in lines[:chrome] if date_line(l.text) is not None]
        index, dropped, kept_above, top = _walk_top(lines, chrome, outlets, dropped, kept_above)
    index, dropped, kept_above, top = over_stamps(lines, index, dropped, kept_above, top)
    if index < len(lines) and _kicker(lines, index):
        kicker = lines[index]
        dropped.append(Dropped(kicker.number, kicker.text.strip(), "above the headline"))
        index += 1
    if index >= len(lines):
        return list(blocks), [], []
    headline, *rest = lines[index:]
    glued = 0 if layout.wrap_width(blocks) else _glued_head(rest, outlets)
    if index == 0 and not glued:
        return list(blocks), [], []
    # the standfirst, stamp, byline, caption under the headline, glued to the story: one a block,
    # and so is each paragraph of the story glued to them, a paragraph a line as its first is
    # (not a sidebar's headlines under it, which go together)
    while 0 < glued < len(rest) and not rest[glued - 1].blanks_after and (
            len(rest[glued].text.split()) > layout.SIDEBAR_HEADLINE_WORDS or layout.ends_sentence(
                rest[glued].text) and len(rest[glued].text.split()) > MENU_WORDS):
        glued += 1
    rest = [layout.Line(l.text, l.number, max(l.blanks_after, 1)) if n < glued else l
            for n, l in enumerate(rest)]
    rebuilt = [layout.Line(headline.text, headline.number, max(headline.blanks_after, 1)),
               *(layout.Line(l.text, l.number, max(l.blanks_after, 1)) for l in kept_above),
               *rest]
    return layout.blocks_of(rebuilt, 0), dropped, top


def _walk_top(lines: Sequence[layout.Line], index: int, outlets: Mapping[str, Outlet],
              dropped: list[Dropped] | None = None, kept_above: list[layout.Line] | None = None
              ) -> tuple[int, list[Dropped], list[layout.Line], list[layout.Line]]:
    """The index of the headline, read down from the line at ``index`` (under the lines
    ``dropped`` and ``kept_above`` already); the lines left out above it, the date lines kept,
    and a "Top news" block's lines (for :func:`headline_first`)."""
    dropped = list(dropped or [])
    kept_above = list(kept_above or [])
    top: list[layout.Line] = []
    while index < len(lines) - 1:
        line = lines[index]
        text = line.text.strip()
        block_end = next((i for i in range(index, len(lines)) if lines[i].blanks_after),
                         len(lines) - 1)
        if layout.SIDEBAR_TITLES.match(text) and line.blanks_after == 0 and _headlines(
                lines[index + 1:block_end + 1]):
            top += lines[index:block_end + 1]
            dropped.append(Dropped(line.number, text, "headlines above the story (kept as "
                                                      "'related')"))
            index = block_end + 1
            continue
        if date_line(text) is not None:
            kept_above.append(line)
        elif (headline := _under_page_top(lines, index, outlets)) is not None:
            for above in lines[index:headline]:
                if date_line(above.text) is not None:
                    kept_above.append(above)
                else:
                    dropped.append(Dropped(above.number, above.text.strip(), "above the headline"))
            index = headline
            break
        elif (page_address(text) or names_outlet(text, outlets) is not None
              or index == 0 and (_BANNER.match(text) or _HOME_LINK.match(text))
              and _over_headline(lines, index, outlets)
              or index == 1 and dropped and _SLOGAN.match(text)  # under the site's name
              and _over_headline(lines, index, outlets)
              or index == 0 and _over_address(text, lines[index + 1].text)
              or menu_line(text) and _over_headline(lines, index, outlets)  # "Home | News"
              or section_heading(text) and _headline_follows(lines, index, outlets)
              or ((dropped and not _stamp_follows(lines, index)  # a slogan under the site's
                   if layout.ends_sentence(text)                # name; a headline is over a stamp
                   else len(text.split()) < HEADLINE_WORDS)
                  and _headline_follows(lines, index, outlets))):
            dropped.append(Dropped(line.number, text, "above the headline"))
        else:
            break
        index += 1
    return index, dropped, kept_above, top


def site_name(top: Sequence[Dropped]) -> str | None:
    """The name of the site a copied page prints first, over the rest of its top (its menu,
    slogan or rubric): the first of the lines ``top`` left out above the headline, if it is a
    name ("Irkutsk Region News", "Тюмень сегодня"), or the name in a banner with the site's
    tagline ("CALCIO CORNER — a blog about Italian football"). None when the page's first line
    is no name (a menu, a stamp, a sentence), stands alone above the headline (a rubric, "World
    News"), or is an item of the menu under it ("Новости" over "Новости | Общество")."""
    if not top or top[0].reason != "above the headline":
        return None
    first = top[0].text.strip()
    if (banner := _BANNER.match(first) or _HOME_LINK.match(first)) is not None:
        return banner["name"]
    below = [line.text.strip() for line in top[1:] if line.reason == "above the headline"]
    items = {item.casefold() for line in below for item in MENU_BARS.split(line)}
    words = first.split()
    if below and _over_address(first, top[1].text):
        return first  # "МГТУ им. Н. Э. Баумана" / "www.bmstu.ru"
    if (not below or len(words) > MENU_WORDS or not layout.opens_item(first)
            or layout.ends_sentence(first) or menu_line(first) or page_address(first)
            or date_line(first) is not None or first.casefold() in items
            or section_name(first)):
        return None
    return first


SITE_NAME_WORDS = 8
"""Words of a site's name printed over its address at most ("Bauman Moscow State Technical
University")."""


def _over_address(text: str, under: str) -> bool:
    """Whether ``text`` is a site's name over its address ``under`` it, as a page's top prints
    them ("МГТУ им. Н. Э. Баумана" / "www.bmstu.ru"): a name, no sentence; over a page's
    address ("https://…/news/123"), a line is its headline."""
    text, address = text.strip(), page_address(under)
    return (address is not None and "/" not in re.sub(r"^https?://", "", address).rstrip("/")
            and page_address(text) is None
            and 0 < len(text.split()) <= SITE_NAME_WORDS and not layout.ends_sentence(text)
            and text[:1].isupper())


_TAGLINE = (r"(?:(?:a|an|the|your|ваш|наш)\s+)?(?:[^\W\d_]+\s+){0,2}?"
            r"(?:blog|news|newsletter|magazine|journal|website|site|webzine|podcast|digest|portal|"
            r"publication|newspaper|media|column|блог|новости|журнал|издание|портал|сайт|газета|"
            r"интернет-газета|медиа|дневник|рассылка|подкаст|колонка)"
            r"(?:\s+(?:about|on|from|for|in|covering|о|об|про|из|для|с|со)\b.*"
            r"|\s+(?-i:[A-ZА-ЯЁ])[\w-]*(?:\s+(?-i:[A-ZА-ЯЁ])[\w-]*)?|[.!]?)$")
"""A tagline that says what kind of site it is, and perhaps where or what about ("a blog about
Italian football", "independent news from Russia", «новости Ростова»)."""
_NAME_FIRST = r"(?-i:[A-ZА-ЯЁ0-9])[\w'’&.!-]*"
_NAME_MORE = r"(?:\s+[\w'’&.!-]+)"
"""A site's name: its first word with a capital or a digit ("161.RU"), then a few more."""
_BANNER = re.compile(rf"^(?P<name>{_NAME_FIRST}{_NAME_MORE}{{0,3}})\s*(?:\s[—–-]|:)\s+"
                     rf"{_TAGLINE}", re.IGNORECASE)
"""A site's banner: its name, then its tagline ("CALCIO CORNER — a blog about Italian
football", "Meduza: independent news from Russia", "161.RU — новости Ростова"); read as such
only as a page's first line over a headline."""
_SLOGAN = re.compile(rf"^{_TAGLINE}", re.IGNORECASE)
"""The tagline alone, on its line under the site's name ("The latest news from the UK and
around the world")."""
_HOME_LINK = re.compile(rf"^(?P<name>{_NAME_FIRST}{_NAME_MORE}{{0,3}}?)\s*(?:[—–|:-]\s*)?"
                        r"(?:(?:go |return |back )?(?:to )?(?:the )?home(?:\s?page)?|"
                        r"(?:вернуться |перейти )?на главную(?: страницу)?)$", re.IGNORECASE)
"""The site's logo as a link home, copied as its text ("Sky News - back to home", «Фонтанка —
на главную»)."""


PARAGRAPH_WORDS = 30
LONGEST_HEADLINE = 250
"""Words and characters past which a line is longer than any headline: a paragraph's."""
HEAD_LINES = 8
"""Lines under the headline a page's head may take (standfirst, stamps, bylines, caption)."""
TOP_BEFORE_BLANKS = 2
"""Lines of a page's top (its name, a menu item) after which blank lines may part its parts."""
STAMP_UNDER_HEADLINE = 3
"""Lines under a headline with a full stop within which its date line stands."""


def _under_page_top(lines: Sequence[layout.Line], index: int,
                    outlets: Mapping[str, Outlet]) -> int | None:
    """The index of the headline, if the lines from ``index`` are a page's top as a browser
    copies it: two lines or more of its site name, slogan, menu items and rubric (four words at
    most each, one a line; past the first two, blank lines may part them), perhaps its date
    line among them.

    The headline is the first line under them of a headline's length and shape that opens no
    dateline ("Russia's grain exports may hit record…" under "TASS / Russian News Agency /
    Russia / World / Business & Economy…"), or with a full stop, over its date line; but a short
    line with a full stop just above that line ("National treasure.": no menu item ends so), or
    any line under which the story begins (:func:`_story_follows`: "A Russian record", a headline
    in lower case or with a full stop). A line of a headline's length right under the site's name is its product's or
    section's ("Russia & CIS General Newswire"), and a top has one sentence at most (a slogan,
    "Made for minds."): lines that end so one after another are a story, a sentence a line.
    None when the lines are no page's top.
    """
    short, sentences = None, 0
    for at in range(index, min(len(lines), index + TOP_LINES)):
        text = lines[at].text.strip()
        if date_line(text) is not None or _byline(text):
            if lines[at].blanks_after and at - index + 1 < TOP_BEFORE_BLANKS:
                return None
            continue  # a stamp, above the headline or under it
        if datelines.parse(text, outlets) is not None or _paragraph_long(text):
            return short if short is not None and short - index >= 2 else None
        if not (_top_matter(text) or at == index + 1 and _title_cased(text)):
            under = lines[at + 1:at + 1 + STAMP_UNDER_HEADLINE]
            slogan = not lines[at].blanks_after and not author_head_under(lines, at) and not any(
                date_line(l.text) for l in under) and sum(  # menu items glued under it
                _top_matter(l.text) and not (date_line(l.text) or _byline(l.text))
                for l in under) >= 2
            shaped = layout.is_headline(text) or any(date_line(l.text) for l in under) or (
                _under_stamp(lines, index, at))
            if (short is not None and short - index >= 2 and layout.ends_sentence(lines[short].text)
                    and all(date_line(l.text) or _byline(l.text) for l in lines[short + 1:at])):
                return short  # "National treasure." over its standfirst (past its stamp and
                # byline, if any): no menu item ends so
            if at - index >= 2 and (not slogan or _under_stamp(lines, index, at)) and (
                    shaped or _story_follows(lines, at, outlets)):
                return at  # under the menu's stamp, over its byline and the site's address
            product = at - index == 1 and not layout.ends_sentence(text) and bool(under) and (
                not menu_line(lines[index].text)) and (  # the site's name over it, no menu
                _top_matter(under[0].text) or date_line(under[0].text) is not None)
            if not (slogan or product) or lines[at].blanks_after:
                return None
            # a slogan ("Available for everyone, …"), a product's name under the site's over
            # a menu item or a stamp ("Russia & CIS General Newswire" / "Business")
        elif (lines[at].blanks_after and layout.ends_sentence(text) and short is not None
              and short - index >= 2 and _story_follows(lines, short, outlets)
              and not _stamp_follows(lines, at)):
            stamped = any(date_line(line.text) for line in lines[short + 1:at])
            return at if stamped else short  # "Сокровище страны." over one short sentence
        else:
            short = at
        sentences += layout.ends_sentence(text)
        if sentences > 1:
            return None
        if lines[at].blanks_after and at - index + 1 < TOP_BEFORE_BLANKS:
            return None  # a browser parts a page's menus, rubric and stamp by blank lines
    return None


def _under_stamp(lines: Sequence[layout.Line], index: int, at: int) -> bool:
    """Whether the line at ``at``, of a headline's length, stands right under a date line that
    ends a menu of three items or more one a line («Газета.Ru / Новости / … / Общество, 26 июл,
    11:20»): a page prints its stamp over the headline or under it, so that line is the
    headline, unless the menu's last line reads as one (the story's first paragraph under it)."""
    return (at - index >= 4 and date_line(lines[at - 1].text) is not None
            and len(lines[at].text.split()) <= layout.SIDEBAR_HEADLINE_WORDS
            and layout.opens_item(lines[at].text) and not layout.is_headline(lines[at - 2].text)
            and at + 1 < len(lines))


def _story_follows(lines: Sequence[layout.Line], at: int,
                   outlets: Mapping[str, Outlet]) -> bool:
    """Whether the story begins under the line at ``at`` (past its date lines and bylines): its
    dateline, a paragraph's length, or a sentence that ends the page's first block. The line
    is then the headline, whatever its shape: in lower case as some sites print it ("сменщик
    Фургала вышел к протестующим"), or with a full stop ("Putin talked with Shoigu:")."""
    following = next((l for l in lines[at + 1:at + 1 + HEAD_LINES]
                      if date_line(l.text) is None and not _byline(l.text)), None)
    if following is None:
        return False
    text = following.text.strip()
    return datelines.parse(text, outlets) is not None or _paragraph_long(text) or (
        bool(following.blanks_after) and layout.ends_sentence(text))


def _kicker(lines: Sequence[layout.Line], index: int) -> bool:
    """Whether the line at ``index`` labels a series or a topic over the headline, both in title
    case ("America Reckons With Racial Injustice" / "Minneapolis Residents Create Street Patrol
    Detachments" / "July 25, 2020"): the longer line under it is right over the stamp."""
    return (index + 1 < len(lines) and _title_cased(lines[index].text.strip())
            and _title_cased(lines[index + 1].text.strip()) and not _stamp_follows(lines, index)
            and len(lines[index + 1].text.split()) > len(lines[index].text.split())
            and _stamp_follows(lines, index + 1))


def _stamp_follows(lines: Sequence[layout.Line], at: int) -> bool:
    """Whether a date line or a byline follows: ``at`` is a headline, not the story's start."""
    following = lines[at + 1].text if at + 1 < len(lines) else ""
    return bool(date_line(following) or _byline(following))


def _top_matter(text: str) -> bool:
    """Short as a page's menu item, section name or slogan, or a menu on one line: items
    parted by bars or dots ("Home | Russia | World News | Business"), or Russian words each
    with a capital ("Главное Политика Экономика Бизнес"), as no Russian headline is."""
    return len(text.split()) <= MENU_WORDS or menu_line(text) or (
        _title_cased(text) and _CYRILLIC.search(text) is not None)


def _title_cased(text: str) -> bool:
    """Every word with a capital and no final stop: a menu's items on one line (in English a
    headline may be so too: only right under the site's name is it taken for a menu)."""
    words = text.split()
    return len(words) >= 3 and all(word[:1].isupper() or word[:1].isdigit() for word in words) \
        and not layout.ends_sentence(text)


_CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def _paragraph_long(text: str) -> bool:
    """Longer than any headline: the story's."""
    return len(text.split()) > PARAGRAPH_WORDS or len(text) > LONGEST_HEADLINE


def _headlines(lines: Sequence[layout.Line]) -> bool:
    """Whether lines under a title such as "Главное" are a block of headlines, not the menu
    item of that name over the page's sections, headline and story."""
    long = [line for line in lines if len(line.text.split()) > MENU_WORDS]
    return len(long) * 3 >= len(lines) * 2 > 0 and not any(
        _paragraph_long(line.text) or date_line(line.text) for line in lines)


def _glued_head(rest: Sequence[layout.Line], outlets: Mapping[str, Outlet]) -> int:
    """How many lines under the headline are a page's head glued to the story with no blank
    line: a standfirst, the date line, a byline, a caption, down to the story's first
    paragraph, which opens with a dateline or, after a stamp, is a paragraph's length (0: none;
    each is then looked at on its own). Never lines of a hard-wrapped text (the caller's
    check), nor lines with no stamp among them."""
    stamped = False
    for number, line in enumerate(rest[:HEAD_LINES]):
        stamped = stamped or bool(date_line(line.text) or _byline(line.text))
        opens_story = number > 0 and datelines.parse(line.text, outlets) is not None
        if opens_story or (stamped and _paragraph_long(line.text)) or line.blanks_after:
            return number + 1 if stamped or opens_story else 0
    return 0


