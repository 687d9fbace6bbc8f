"""The lines a page prints around a story that are not the story: above the headline (the
site's name, its address, a rubric, a "Top news" block), and among the paragraphs (share
buttons, reading times, view and comment counts, tags, photo credits, "Advertisement",
subscribe calls, an agency's credits and copyright). A line that goes with one of them, with no
blank line between, goes with it: the tags one a line under "Tags", the caption under a photo's
credit. A line that is no more than the name of a known outlet (:func:`names_outlet`) is the
site's, which the reader of it (:mod:`~builder.ingest.generic`) leaves out where pages print it,
around the headline and under the story.

Each is known by its form, in both languages, as news sites print them; a line is furniture only
when it is short and matches whole, so that a sentence that mentions a photo or a subscription is
never taken for one. What is left out is named in the report, like the rest of the furniture.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from builder.ingest import dateline as datelines
from builder.ingest import layout
from builder.ingest import outlets as known_outlets
from builder.ingest.dates import date_line
from builder.ingest.draft import Dropped, TextBlock
from builder.model import Outlet

BYLINE = re.compile(r"^(?:By|Автор|Авторы|Текст|Author|Text by)[:\s]+[^\W\d_]", re.IGNORECASE)
"""A byline's opening ("By AMY FORLITI", "Автор: Иван Петров")."""
LONGEST_FURNITURE = 150
"""Characters: a longer line is text, whatever it opens with."""

_FURNITURE: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (reason, re.compile(pattern, re.IGNORECASE)) for reason, pattern in (
        ("reading time", r"^\d+\s*(?:min(?:ute)?s?|мин(?:ут[аы]?)?)\.?\s*(?:read|чтения)?$"),
        ("advertisement", r"^(?:advertisement|advertising|реклама|sponsored|paid content|"
                          r"партнерский материал|video ad feedback)$"),
        ("page controls", r"^(?:story continues|view (?:\d+ )?comments|add to blog|print version|"
                          r"оцените (?:материал|статью|новость)|открыть в приложении|"
                          r"feedback\s*:.*|send us your feedback\b.*|print(?:\s+print)?\s+this "
                          r"page|reuse this content|версия для печати|обратная связь|"
                          r"нашли (?:ошибку|опечатку)\?.*|"
                          r"(?:add to blog|print version)(?:\s+(?:add to blog|print version))+)$"),
        ("paper's credits", r"^(?:опубликован[ао]? в газете|заголовок в газете|"
                            r"published in (?:the )?print edition)\b.*$"),
        ("rule", r"^[_*=~\-—–]{3,}$"),
        ("agency credits", r"^(?:\(?(?:reporting|writing|editing|additional reporting|compiled)"
                           r"\s+by\b.*|enditem|end item|[a-z]{2,4}(?:[-/][a-z]{2,4})*/[a-z]{2,4}|"
                           r"editor\s*:\s*[\w ]{2,40}|(?:the )?associated press (?:writers? )?.{2,120} "
                           r"contributed(?: to this report)?\.?)$"),
        ("counter", r"^(?:просмотр(?:ов|ы)?|views|comments?|комментари(?:ев|и|й)|"
                    r"reactions|likes)\s*[:(]?\s*\d*\s*\)?$"),
        ("tags", r"^(?:(?:теги|метки|tags|topics|темы)\s*:|(?:tags|теги|topics|темы)\s+"
                 r"(?-i:[A-ZА-ЯЁ])|"
                 r"(?:tags|теги|метки|related topics)$|more about\s*(?-i:[A-ZА-ЯЁ])|browse (?:today's )?tags|"
                 r"keywords\b|ключевые слова\b|related subjects\b).*$"),
        ("photo credit", r"^.{10,140}\s[-–—|]\s*(?:copyright|©|photo(?:graph)?\s*:|фото\s*:)"
                         r"[^.!?]{2,60}$"),
        ("advertisement", r"^.{0,100}(?:\b(?-i:LEARN MORE|READ MORE|ПОДРОБНЕЕ)|[|•›»—–-]\s*"
                          r"(?:learn more|подробнее|читать далее))\s*[»›→]?$"),
        ("appeal for support", r"^(?:support|поддержите)\s+(?:«[^»]{1,40}»|(?-i:(?:The\s+)?"
                               r"[A-ZА-ЯЁ]\S*(?:\s+[A-ZА-ЯЁ]\S*){0,3}))\s*[!.]?"
                               r"(?:\s+(?:contribute|donate|помогите|пожертвуйте)\b.*)?$"),
        ("subscribe call", r"^follow\s+(?-i:[A-Z])\S*(?:\s+(?-i:[A-Z])\S*){0,3}"
                           r"(?:\s+on\s+\w+)?\s*:?$"),
        ("subscribe call", r"^(?:подписывайтесь|подпишитесь|subscribe|sign up|follow us|"
                           r"читайте (?:нас|также нас)|следите за (?:нами|новостями)|"
                           r"присоединяйтесь)\b.*$"),
        ("copyright", r"^(?:©|\(c\)|copyright\b|авторское право\b|все права защищены|"
                      r"all rights reserved).*$"),
        ("photo credit", r"^(?:image|media) (?:copyright|source|caption).{0,150}$"),
        ("photo credit", r"^(?:фото|photo(?:graph)?|foto|pic|picture|image|credit|источник фото|"
                         r"автор фото|подпись к фото|иллюстрация|кадр)\s*[:,/].{0,100}$"),
        ("share buttons", r"^(?:share|поделиться|send|print|отправить|печать|"
                          r"facebook|twitter|vk|telegram|whatsapp|email|e-mail|reddit|"
                          r"messenger|linkedin|pinterest|viber|одноклассники|вконтакте)(?:[\s,|/·•]+(?:share|send|print|facebook|"
                          r"twitter|vk|telegram|whatsapp|email|e-mail|reddit|linkedin|"
                          r"одноклассники|вконтакте|this|article|статьей|новостью))*\s*:?$"),
        ("text size", r"^(?:текст|text)\s*(?:size|размер)\b.*$"),
        ("skip link", r"^(?:skip to (?:main )?(?:content|navigation|search)|"
                      r"перейти к (?:основному )?(?:содержанию|контенту))$"),
        ("cookie notice", r"^.{0,300}\b(?:we use cookies|this (?:web)?site uses cookies|"
                          r"(?:мы )?используем (?:файлы )?cookie|использует (?:файлы )?cookie|"
                          r"cookies? policy|политик[аеуи] (?:использования )?(?:файлов )?cookie)"
                          r".{0,300}$"),
        ("audio player", r"^(?:listen to (?:this )?article|слушать(?: статью)?|\d{1,2}:\d{2})$"),
        ("share buttons", r"^(?:tweet|твитнуть|pin|save|сохранить|post|"
                          r"share (?:on|via|it|this)\b.*|like this story\?.*)$"),
        ("counter", r"^\d{1,3}(?:[\s\u00a0,]\d{3})*(?:\s+(?:comments?|views|shares|"
                    r"комментари(?:ев|я|й)|просмотр(?:ов|а)?))?$"),
        ("link to the page", r"^(?:permalink|short (?:url|link)|get short url|"
                             r"короткая ссылка|ссылка на (?:статью|материал))\b.*$"),
        ("source line", r"^(?:source|источник)\s*:\s*[A-ZА-ЯЁ][^\s.!?\d]*(?:\s+[^\s.!?\d]+){0,3}"
                        r"(?:\s+(?:and|и)\s+(?:news agencies|other agencies|агентства))?$"),
        ("agency credits", r"^(?:our standards:.*|contact the author\b.*|"
                           r"have a confidential tip\b.*)$"),
        ("byline", r"^(?:автор:?\s+[^\W\d_]+\s+[^\W\d_]+|"
                   r"by\s+[^\W\d_]+(?:\s+[^\W\d_.]+){1,3})$"),
        ("related links", r"^(?:related (?:content|coverage|stories|articles)|ссылки по теме|"
                          r"новости по теме)\s*:?\s+\S.*$"),
        ("related links", r"^more\s+(?-i:[A-Z])\S*(?:\s+\S+){0,4}\s*:\s*https?://\S+.*$"),
        ("related links", r"^(?:also on (?-i:[A-Z])\S*|читайте также|read more|see also)\s*:?\s+"
                          r"\S.*(?<![.!?…\"»”])$"),
        ("subscribe call", r"^(?:читайте|смотрите|следите за)\s+\S+\s+в\s+(?:telegram|телеграм|"
                           r"дзен|vk|вконтакте|яндекс).*$"),
    ))


def furniture_of(line: str) -> str | None:
    """What ``line`` is, if it is a page's furniture; None for text. A run of related links or
    tags glued on one line under its title may be long; any other furniture is short."""
    text = line.strip()
    if len(text) > LONGEST_FURNITURE and not (
            len(text) <= layout.LONGEST_SIDEBAR_LINE and _GLUED_LIST.match(text)):
        return None
    return next((reason for reason, pattern in _FURNITURE if pattern.match(text)), None)


_GLUED_LIST = re.compile(r"^(?:(?:related (?:content|coverage|stories|articles)|ссылки по теме|"
                         r"новости по теме|tags|теги)\b|also on (?-i:[A-Z]))", re.IGNORECASE)


def without_furniture(blocks: Sequence[TextBlock]) -> tuple[list[TextBlock], list[Dropped]]:
    """``blocks`` without their furniture lines, each named for the report."""
    kept: list[layout.Line] = []
    dropped: list[Dropped] = []
    lines = layout.lines_of(blocks)
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) and not line.blanks_after else None
        if following is not None and following.text[:1].islower():
            kept.append(line)  # a wrapped line going on ("Also on Red Square … BMP-2 / infantry")
        elif (reason := furniture_of(line.text) or _goes_with(dropped, lines, index)) is not None:
            dropped.append(Dropped(line.number, line.text, reason))
            if kept and line.blanks_after:  # the blank lines after it part what is around it
                kept[-1] = layout.Line(kept[-1].text, kept[-1].number,
                                       max(kept[-1].blanks_after, line.blanks_after))
        else:
            kept.append(line)
    if not dropped:
        return list(blocks), []
    return layout.blocks_of(kept, blocks[0].blanks_before) if kept else [], dropped


MOST_TAG_WORDS = 4
MOST_CAPTION_WORDS = 25
"""Words of a photo's caption at most."""


def _goes_with(dropped: Sequence[Dropped], lines: Sequence[layout.Line], index: int) -> str | None:
    """What the line at ``index`` is when it goes with the furniture line just above it (no
    blank line between): a tag under "Tags" ("Tags / Weather / St. Petersburg", one a line), the
    caption under a photo's credit ("Фото: РИА Новости / Алексей Даничев / Президент на
    катере"), the title of a video between its label and its length, none ending a sentence."""
    if not dropped or index == 0 or lines[index - 1].blanks_after \
            or dropped[-1].line != lines[index - 1].number:
        return None
    text = lines[index].text.strip()
    if layout.ends_sentence(text):
        return None
    words = len(text.split())
    if dropped[-1].reason == "tags" and words <= MOST_TAG_WORDS:
        return "tags"
    if dropped[-1].reason == "photo credit" and words <= MOST_CAPTION_WORDS:
        return "photo caption"
    below = lines[index + 1] if index + 1 < len(lines) and not lines[index].blanks_after else None
    if (below is not None and words <= layout.SIDEBAR_HEADLINE_WORDS and date_line(text) is None
            and dropped[-1].reason == "advertisement" and furniture_of(below.text) == "audio player"):
        return "embedded video's title"  # "Video Ad Feedback" / a headline / its length, "01:02"
    return None


_PUBLISHED_IN = re.compile(r"^(?:опубликовано в|published (?:in|by)|источник|source)\s*:?\s+",
                           re.IGNORECASE)
_EDITION = re.compile(r"\s+[-–—|/]\s+")
MOST_NAME_WORDS = 4
EDITION_WORDS = 2


def names_outlet(text: str, outlets: Mapping[str, Outlet]) -> str | None:
    """The known outlet a line is no more than the name of, with what pages print around it
    ("Русская служба Би-би-си", "Российская газета - Федеральный выпуск", "Опубликовано в АиФ
    Иркутск", "Meduza"): such a line is the site's, never the story's. None for any other line."""
    text = _PUBLISHED_IN.sub("", text.strip())
    words = _EDITION.split(text, maxsplit=1)[0].split()
    if not words or len(text.split()) > 2 * MOST_NAME_WORDS or layout.ends_sentence(text):
        return None
    for count in range(min(len(words), MOST_NAME_WORDS), 0, -1):
        edition = words[count:]  # a place: "АиФ Иркутск"; a sentence goes on in lower case
        if len(edition) <= EDITION_WORDS and all(word[:1].isupper() for word in edition) and (
                key := known_outlets.by_name(" ".join(words[:count]), outlets)):
            return key
    return None


_ADDRESS = re.compile(r"^(?:https?://|www\.)\S+$|^[\w.-]+\.(?:ru|com|org|net|by|ua|kz|io)(?:/\S*)?$",
                      re.IGNORECASE)
HEADLINE_WORDS = 3
"""Words under which a line above a headline-like line is taken for a rubric or a place (and
so is a sentence under the site's name: its slogan, "The Real Russia. Today.")."""


def _headline_follows(lines: Sequence[layout.Line], index: int,
                      outlets: Mapping[str, Outlet]) -> bool:
    """Whether the next line that is no date line or byline reads as a headline (and opens no
    dateline): then the short line at ``index`` is a rubric or a place above it ("АиФ
    Иркутск", "WARSAW, Poland"), not a short headline over the story ("Brexit delayed")."""
    following = next((l.text for l in lines[index + 1:]
                      if date_line(l.text) is None and not BYLINE.match(l.text)), "")
    return layout.is_headline(following) and datelines.parse(following, outlets) is None


def headline_first(blocks: Sequence[TextBlock], outlets: Mapping[str, Outlet]
                   ) -> tuple[list[TextBlock], list[Dropped], list[layout.Line]]:
    """``blocks`` from the headline on, the lines above it that are not text, and the lines of a
    "Top news" block above it (kept as related headlines).

    Above the headline a copied page has its site's name or address, a rubric, a place, a block
    of other headlines under a title: each is left out. A date line or a byline there is kept, after
    the headline, where ingest looks for them.
    """
    lines = layout.lines_of(blocks)
    dropped: list[Dropped] = []
    kept_above: list[layout.Line] = []
    top: list[layout.Line] = []
    index = 0
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
        elif (_ADDRESS.match(text) or names_outlet(text, outlets) is not None
              or ((dropped if layout.ends_sentence(text)  # a slogan under the site's name
                   else len(text.split()) < HEADLINE_WORDS)
                  and _headline_follows(lines, index, outlets))):
            dropped.append(Dropped(line.number, text, "above the headline"))
        else:
            break
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


MENU_WORDS = 4
"""Words of a menu item, section or slogan at most ("Skip to main content"); a headline has more."""
TOP_LINES = 40
"""Lines a copied page's menus and slogans may take above its headline."""
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
        if date_line(text) is not None or BYLINE.match(text):
            if lines[at].blanks_after and at - index < TOP_BEFORE_BLANKS:
                return None
            continue  # a stamp, above the headline or under it
        if datelines.parse(text, outlets) is not None or _paragraph_long(text):
            return short if short is not None and short - index >= 2 else None
        if len(text.split()) > MENU_WORDS:
            under = lines[at + 1:at + 1 + STAMP_UNDER_HEADLINE]
            slogan = not lines[at].blanks_after and sum(  # menu items glued under it
                _top_matter(l.text) and not (date_line(l.text) or BYLINE.match(l.text))
                for l in under) >= 2
            shaped = layout.is_headline(text) or any(date_line(l.text) for l in under)
            if short == at - 1 and short - index >= 2 and layout.ends_sentence(lines[short].text):
                return short  # "National treasure." over its standfirst: no menu item ends so
            if at - index >= 2 and not slogan and (shaped or _story_follows(lines, at, outlets)):
                return at
            product = at - index == 1 and not layout.ends_sentence(text) and bool(under) and (
                _top_matter(under[0].text) or date_line(under[0].text) is not None)
            if not (slogan or product) or lines[at].blanks_after:
                return None
            # a slogan ("Available for everyone, …"), a product's name under the site's over
            # a menu item or a stamp ("Russia & CIS General Newswire" / "Business")
        elif (lines[at].blanks_after and layout.ends_sentence(text) and short is not None
              and short - index >= 2 and _story_follows(lines, short, outlets)
              and not _stamp_follows(lines, at)):
            return short  # "Сокровище страны." over the story's one short sentence
        else:
            short = at
        sentences += layout.ends_sentence(text)
        if sentences > 1:
            return None
        if lines[at].blanks_after and at - index < TOP_BEFORE_BLANKS:
            return None  # a browser parts a page's menus, rubric and stamp by blank lines
    return None


def _story_follows(lines: Sequence[layout.Line], at: int,
                   outlets: Mapping[str, Outlet]) -> bool:
    """Whether the story begins under the line at ``at`` (past its date lines and bylines): its
    dateline, a paragraph's length, or a sentence that ends the page's first block. The line
    is then the headline, whatever its shape: in lower case as some sites print it ("сменщик
    Фургала вышел к протестующим"), or with a full stop ("Putin talked with Shoigu:")."""
    following = next((l for l in lines[at + 1:at + 1 + HEAD_LINES]
                      if date_line(l.text) is None and not BYLINE.match(l.text)), None)
    if following is None:
        return False
    text = following.text.strip()
    return datelines.parse(text, outlets) is not None or _paragraph_long(text) or (
        bool(following.blanks_after) and layout.ends_sentence(text))


def _stamp_follows(lines: Sequence[layout.Line], at: int) -> bool:
    """Whether a date line or a byline follows: ``at`` is a headline, not the story's start."""
    following = lines[at + 1].text if at + 1 < len(lines) else ""
    return bool(date_line(following) or BYLINE.match(following))


def _top_matter(text: str) -> bool:
    """Short as a page's menu item, section name or slogan."""
    return len(text.split()) <= MENU_WORDS


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
        stamped = stamped or bool(date_line(line.text) or BYLINE.match(line.text))
        opens_story = number > 0 and datelines.parse(line.text, outlets) is not None
        if opens_story or (stamped and _paragraph_long(line.text)) or line.blanks_after:
            return number + 1 if stamped or opens_story else 0
    return 0


