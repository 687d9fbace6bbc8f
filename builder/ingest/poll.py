"""A readers' poll, as a copied page prints it among the paragraphs or under the story:

    Poll                                   Опрос
    Do you believe the ceasefire will hold?    Вы слышали взрывы или видели дым?
    Yes                                    Да
    No                                     Нет
    Hard to say                            Затрудняюсь ответить
    Vote                                   Проголосовать
    Show results                           Результаты

Its question, options, button and results are known by where they stand: a question, then
two options or more of a few words each, then the button that closes them. No story prints
short lines between a question and a "Vote" button, so no story text goes with the poll.
"""

from __future__ import annotations

import re

from builder.ingest import layout
from builder.ingest.draft import Dropped, TextBlock

_BUTTON = re.compile(r"^(?:vote|submit(?: vote)?|cast (?:your|a) vote|проголосовать|голосовать|"
                     r"ответить|отправить ответ)\s*[!.]?$", re.IGNORECASE)
_AFTER = re.compile(r"^(?:(?:show|view|see) (?:the )?results|results|(?:total )?votes?\s*:?\s*\d*|"
                    r"(?:посмотреть |показать )?результаты(?: опроса)?|(?:всего )?голос\w*\s*:?"
                    r"\s*\d*)\s*$", re.IGNORECASE)
_TITLE = re.compile(r"^(?:poll|quick poll|reader poll|survey|опрос|голосование|мини-опрос)\s*:?$",
                    re.IGNORECASE)
MOST_OPTION_WORDS = 5
MOST_OPTIONS = 8


def without_poll(blocks: list[TextBlock]) -> tuple[list[TextBlock], list[Dropped]]:
    """``blocks`` without a poll's lines, and those lines, named."""
    lines = layout.lines_of(blocks)
    for at, line in enumerate(lines):
        if not _BUTTON.match(line.text.strip()):
            continue
        start = at
        while at - start < MOST_OPTIONS and start > 0 and _option(lines[start - 1].text):
            start -= 1
        if at - start < 2 or start == 0 or not lines[start - 1].text.strip().endswith("?"):
            continue
        start -= 1  # the question
        if start > 0 and _TITLE.match(lines[start - 1].text.strip()):
            start -= 1
        end = at + 1
        while end < len(lines) and _AFTER.match(lines[end].text.strip()):
            end += 1
        dropped = [Dropped(l.number, l.text.strip(), "poll") for l in lines[start:end]]
        rest = [*lines[:start], *lines[end:]]
        kept, more = without_poll(layout.blocks_of(rest, blocks[0].blanks_before) if rest else [])
        return kept, [*dropped, *more]
    return blocks, []


def _option(text: str) -> bool:
    """A poll's option: a few words, no sentence ("Yes", "Hard to say", «Затрудняюсь ответить»)."""
    text = text.strip()
    return 0 < len(text.split()) <= MOST_OPTION_WORDS and not layout.ends_sentence(text)
