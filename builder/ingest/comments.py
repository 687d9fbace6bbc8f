"""Readers' comments a copied page holds under the story: left out whole, never the story's nor
its date.

    3 Comments                         a heading, or none
    Share                              the thread's controls, anywhere in it
    ivan_p                             perhaps the commenter's name
    27 Jul 2020 9:02                   each comment's stamp: a date, a time ago, or both
    Who pays for this?                 the comment, a few short lines
    Reply   Like 4
    Anna K. · 2 hours ago              a name and a stamp on one line
    …
    Show more comments

or with each stamp under its comment ("Bintaro" / "Awful." / "+3 ( +4 / -1 )" / "Today 07:40 am
JST"); or no comment yet, the heading over what the thread says to a reader not logged in
("Login to comment", «Для того, чтобы оставить комментарий, необходимо авторизоваться») or over
a comment form ("Leave a Reply" / "Your email address will not be published…" / "Name *" /
"Post Comment"), whose lines are the thread's controls.

A thread ends where what pages print under everything starts (a sidebar's title, the footer's
links, the copyright line), which is left for :mod:`~builder.ingest.furniture` and the rest. It
is found in the second half of what stands over that end, or, under a heading ("Comments",
«Комментарии (3)»), anywhere under the story's first line (a thread may be longer than the
story): under its heading, or, without one, under two paragraphs of prose at least (over the
story, or under its standfirst, a name and a stamp are its byline and date), as two comments or
more (a stamp with text under it), or one under its commenter's name. Every line of the thread must read as comments (no line
longer than a comment's, text under every stamp), so that a page's own stamp under the story
("26 июля 2020, 09:45", which dates it) or a sidebar under that stamp is never taken for one;
and a thread whose stamps are dates alone ("Jul 27"), as a sidebar's headlines or a story's
section («Обсуждение» / «27 июля» / …) may have, is one only with the comments' controls
around it ("Reply", «Ответить»).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from builder.ingest import controls, layout
from builder.ingest.dates import date_line, whole_stamp
from builder.ingest.draft import Dropped, TextBlock
from builder.ingest.furniture import furniture_of

_HEADING = re.compile(r"^(?:\d+\s+)?(?:comments?|reader comments|комментари(?:и|ев|й|я)|"
                      r"комментарии читателей|обсуждение|мнения читателей|discussion|responses|"
                      r"leave a (?:reply|comment)|(?:добавить|оставить|оставьте|написать) "
                      r"комментарий)"
                      r"\s*[:(]?\s*\d*\s*\)?$", re.IGNORECASE)
_NAME = re.compile(r"^@?[\w.-]+(?:\s+[\w.-]+){0,2}$")
"""A commenter's name over the stamp ("ivan_p", "Anna K."): a few words, no sentence."""
LONGEST_COMMENT_LINE = 60
"""Words of a comment's line at most: a reader's remark, not a story's paragraph."""
MOST_STAMP_WORDS = 9
"""Words of a comment's stamp at most, with the commenter's name ("Anna K. · July 27, 2020 at
9:15 PM")."""
PARAGRAPH_WORDS = 12
"""Words of a line of prose at least: a paragraph of the story, over which comments stand."""
NAME_LINES = 2
"""Lines over a comment's first stamp at most: the commenter's name, perhaps a line about them
("Writes The Daily Brief")."""

COMMENT_LINES = 6
"""Lines of a comment over its stamp at most, its commenter's name with them, where a thread
prints each stamp under its comment ("Bintaro" / "Awful." / "Today 07:40 am JST")."""

_CONTROL_WORD = (r"reply|replies|ответить|ответ(?:ы|ов|а)?|like[sd]?|нравится|не нравится|"
                 r"share|поделиться|report|пожаловаться|collapse|expand(?: full comment)?|"
                 r"свернуть|развернуть|edit|delete|удалить|quote|цитировать|👍|👎|❤|♥")
_LOGIN = (r"have your say|join the (?:discussion|conversation)|be the first to comment|"
          r"(?:станьте|будьте) первым,? (?:кто )?(?:оставит|прокомментир)\w*|"
          r"(?:please |you must )?(?:log ?in|sign ?in|register|be logged in)\b[^.!]{0,40}?"
          r"\bto (?:comment|reply|post(?: a comment)?)|(?:для того,?\s+)?чтобы (?:оставить|"
          r"написать|добавить) (?:комментарий|ответ)[^.!]{0,40}?(?:авториз\w+|войти|войдите|"
          r"зарегистр\w+)|(?:авторизуйтесь|войдите|зарегистрируйтесь)[^.!]{0,40}?"
          r"(?:комментари\w*|ответ\w*)")
"""What a thread says to a reader not logged in ("Login to comment", "You must be logged in to
post a comment", «Для того, чтобы оставить комментарий, необходимо авторизоваться»)."""
_SCORE = r"[+\-−–]?\d+\s*\(\s*\+\d+\s*/\s*[\-−–]\d+\s*\)|[↑▲+]\s*\d+\s*[↓▼\-−–]\s*\d+"
"""A comment's votes ("+3 ( +4 / -1 )", "▲ 12 ▼ 2")."""
_FORM = (r"(?:your )?(?:name|e-?mail(?: address)?|website|site|url|comment|message)|"
         r"(?:ваш[еа]? )?(?:имя|e-?mail|электронная почта|сайт|комментарий|сообщение)\s*[*:]?|"
         r".{0,20}(?:email(?: address)? will not be published|(?:e-?mail|почты) не будет "
         r"опубликован|required fields are marked|обязательные поля помечены).{0,80}|(?:save my name|"
         r"notify me of|сохранить (?:моё|мое) имя|уведомлять (?:меня )?о)\b.{0,120}|(?:post|submit|"
         r"send) (?:comment|reply)|отправить(?: комментарий| ответ)?|cancel reply|отменить ответ")
"""The lines of a comment form: its fields' labels, what it says of the reader's address, its
consent to remember them, its buttons ("Name *", "Your email address will not be published.
Required fields are marked *", "Post Comment", «Отправить комментарий»)."""
_CONTROL = re.compile(
    rf"^(?:{_LOGIN}|{_SCORE})[^.!]{{0,40}}[.!]?$|^(?:{_FORM})\s*\*?\s*[.!]?$|"
    rf"^(?:(?:{_CONTROL_WORD})\s*[:(]?\s*\d*\s*\)?\s*[·•|]?\s*)+$|"
    r"^(?:(?:show|load|view|see|read) (?:\d+ )?(?:more|all|previous|older|newer|other)(?: \d+)? "
    r"(?:comments?|replies)|(?:показать|загрузить|смотреть|читать) (?:ещё |еще |следующие |"
    r"предыдущие |все |остальные )?(?:\d+ )?(?:комментари\w*|ответ\w*)|(?:write|add|post|"
    r"leave) a (?:comment|reply)|(?:написать|оставить|добавить) (?:комментарий|ответ)|"
    r"sort by\b.{0,30}|сортировать\b.{0,30}|(?:(?:top|new|newest|oldest|best|community|"
    r"лучшие|новые|старые|популярные)\s*){1,4})\s*[.…:]?$",
    re.IGNORECASE)
"""A comment's controls and the thread's ("Reply", "Like 4", «Ответить», «Нравится 3», "Show
more comments", «Показать следующие комментарии», "Top New Community")."""
_RELATIVE = re.compile(controls.RELATIVE_TIME, re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_AGE = re.compile(r"^\d{1,2}\s?(?:h|d|w|mo|y|ч|д|н|мес)\.?$", re.IGNORECASE)
"""A comment's age as a thread prints it in short ("5h", "2d", «3 ч»)."""
_PAGE_END = frozenset({"copyright", "links to the site's sections", "links to the site's pages",
                       "subscribe call", "appeal for support", "app promo"})


def without_comments(blocks: Sequence[TextBlock]) -> tuple[list[TextBlock], list[Dropped]]:
    """``blocks`` without the readers' comments under the story, and those lines, named."""
    lines = layout.lines_of(blocks)
    ends: dict[int, bool] = {}  # whether each line is the page's end, asked once
    for start in range(1, len(lines)):
        text = lines[start].text.strip()
        headed = _HEADING.match(text) is not None
        if not (headed or _NAME.match(text) or _stamp(text)):
            continue
        end = next((n for n in range(start + 1, len(lines))
                    if ends.setdefault(n, _page_end(lines[n].text.strip()))), len(lines))
        if (headed or start >= end // 2 and _under_the_story(lines[:start])) and _thread(
                lines[start:end]):
            dropped = [Dropped(line.number, line.text, "readers' comments")
                       for line in lines[start:end]]
            kept = [*lines[:start], *lines[end:]]
            return layout.blocks_of(kept, blocks[0].blanks_before), dropped
    return list(blocks), []


def _page_end(text: str) -> bool:
    """Whether ``text`` is what a page prints under everything, where a thread of comments ends
    at the latest: a sidebar's title, the footer's links, the copyright line."""
    return layout.SIDEBAR_TITLES.match(text) is not None or (
        not _CONTROL.match(text) and furniture_of(text) in _PAGE_END)


def _stamp(text: str, strong: bool = False) -> bool:
    """Whether ``text`` is a comment's stamp, perhaps after the commenter's name ("Anna K. · 2
    hours ago", "jsmith Jul 27"); ``strong``: one no story prints alone on its line, a whole
    date and time or a time ago, not a date alone ("Jul 27"), which may head a paragraph."""
    text = text.strip().strip("•·—–- ")
    if len(text.split()) > MOST_STAMP_WORDS or not _DIGIT.search(text) and not _RELATIVE.match(
            text):
        return False  # a date or a time ago has figures, but for "just now"
    words = text.split()
    after_name = [" ".join(words[count:]).lstrip("•·|—–- ")
                  for count in range(1, min(4, len(words))) if _NAME.match(" ".join(words[:count]))]
    return any(whole_stamp(stamp) or _RELATIVE.match(stamp) or _AGE.match(stamp)
               or not strong and date_line(stamp) for stamp in [text, *after_name])


def _thread(lines: Sequence[layout.Line]) -> bool:
    """Whether ``lines`` are a thread of comments (see the module's docstring)."""
    if not lines:
        return False
    text = lines[0].text.strip()
    headed = _HEADING.match(text) is not None
    items = [line.text.strip() for line in lines[1 if headed else 0:]]
    controlled = any(_CONTROL.match(item) for item in items)
    items = [item for item in items if not _CONTROL.match(item)]
    if headed and controlled and not items:
        return True  # no comment yet: the heading and the form's prompt
    stamps = [n for n, item in enumerate(items) if _stamp(item)]
    if not stamps or any(len(item.split()) > LONGEST_COMMENT_LINE
                         or layout.SIDEBAR_TITLES.match(item) for item in items):
        return False
    named = not headed and stamps[0] == 1 and _NAME.match(items[0]) is not None and (
        not layout.ends_sentence(items[0]))
    if not controlled and not all(_stamp(items[n], strong=True) for n in stamps):
        return False  # "Jul 27" / a headline: a sidebar's stamps, or a story's, not a thread's
    bounds = [-1, *stamps, len(items)]
    under = stamps[0] <= (NAME_LINES if headed else int(named)) and all(
        _spoken(items[at + 1:end]) for at, end in zip(bounds[1:], bounds[2:]))
    over = (headed or controlled) and len(items) - stamps[-1] - 1 <= NAME_LINES and all(
        _spoken(items[start + 1:at]) and at - start - 1 <= COMMENT_LINES
        for start, at in zip(bounds, bounds[1:-1]))  # each comment's stamp under its text
    return (under or over) and (headed or len(stamps) >= 2 or named)


def _spoken(items: Sequence[str]) -> bool:
    """Whether a comment's lines hold its text: more than its commenter's name and stamps."""
    return any(not _stamp(item) and not _NAME.match(item) or layout.ends_sentence(item)
               for item in items)


def _under_the_story(above: Sequence[layout.Line]) -> bool:
    """Whether paragraphs of prose, two or more, stand over a thread with no heading: over the
    story, a name and a stamp are its byline and date ("Staff and agencies" / "Sat 25 Jul 2020
    14.03 BST" / "Share on Facebook" / the story's short paragraphs), never a comment, and so
    they are under a standfirst (one sentence under the headline)."""
    return sum(len(line.text.split()) >= PARAGRAPH_WORDS and layout.ends_sentence(line.text)
               for line in above) >= 2
