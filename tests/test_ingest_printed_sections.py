"""A paper's section heading in capitals over the headline of text copied out of its PDF
("IN BRIEF", "WORLD", «ПРОИСШЕСТВИЯ», «НОВОСТИ РЕГИОНА»): no title, the headline under it is.

Every source is a real story of the shared corpus (in both languages), dressed as a printed
page's text in several ways: other papers' running headers (on two pages, or none), other
sections, with or without a byline, the story hard-wrapped. A headline printed in capitals over
the story, long or short, stays the title.
"""

from __future__ import annotations

import textwrap

import pytest

from builder.ingest import generic
from builder.ingest.draft import Source
from tests.test_ingest_posts_and_prints import extracted
from tests.test_ingest_story_furniture import body_of, corpus_stories, needs_corpus


def story(lang: str, index: int) -> tuple[str, list[str]]:
    """The ``index``-th story of ``lang`` with a headline that ends no sentence."""
    found = [(title, paragraphs) for title, paragraphs in corpus_stories(lang, 12)
             if not title.endswith((":", ".", "?"))]
    return found[index % len(found)]


SECTIONS = {"en": ["IN BRIEF", "WORLD", "BUSINESS & ECONOMY", "IN THE REGIONS"],
            "ru": ["ПРОИСШЕСТВИЯ", "В МИРЕ", "НОВОСТИ РЕГИОНА", "ЭКОНОМИКА И БИЗНЕС"]}
HEADERS = {"en": ["THE RIGA WEEKLY   |   MONDAY, JULY 27, 2020   |   LATVIA",
                  "Northern Courier · No. 58 · 27 July 2020"],
           "ru": ["Вечерний Новосибирск · № 58 (4120) · 27 июля 2020",
                  "ГАЗЕТА «СЕВЕР»  |  ПОНЕДЕЛЬНИК, 27 ИЮЛЯ 2020  |  КАРЕЛИЯ"]}
BYLINES = {"en": "By Staff Reporter", "ru": "Текст: Ирина Смирнова"}


def printed(lang: str, index: int, byline: bool, header: bool) -> tuple[str, str, list[str]]:
    """The story as its text comes out of a paper's PDF: a running header (on two pages, or
    none), the section's heading, the headline, perhaps a byline, the story wrapped at 60
    columns, parted from the next page by its number."""
    title, paragraphs = story(lang, index)
    running = HEADERS[lang][index % 2]
    lines = [running, ""] if header else []
    lines += [SECTIONS[lang][index], "", title, ""] + ([BYLINES[lang], ""] if byline else [])
    for number, paragraph in enumerate(paragraphs):
        lines += textwrap.wrap(paragraph, 60) + [""]
        if number == 0 and header:
            lines += ["4", "", running, ""]
    return "\n".join(lines) + "\n", title, paragraphs


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", [0, 1, 2, 3])
@pytest.mark.parametrize(("byline", "header"), [(True, True), (False, True), (True, False)])
def test_a_sections_heading_in_capitals_over_the_headline_is_no_title(project, lang, index,
                                                                     byline, header):
    text, title, paragraphs = printed(lang, index, byline, header)
    draft = extracted(project, text)
    assert draft.title == title
    assert body_of(draft) == paragraphs
    assert SECTIONS[lang][index] in [d.text for d in draft.dropped]


CAPITAL_HEADLINES = {"en": ["TINKOV SHOWS A VIDEO OF HIS TRANSPLANT", "FLOODS HIT THE NORTH"],
                     "ru": ["ТИНЬКОВ ПОКАЗАЛ ВИДЕО ОПЕРАЦИИ ПО ПЕРЕСАДКЕ", "ПАВОДОК НА СЕВЕРЕ"]}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", [0, 1])
def test_a_headline_in_capitals_over_the_story_stays_the_title(lang, index):
    """A headline printed in capitals, long or short, over the story's first paragraph (no
    headline under it) is the title, not a section's heading."""
    _, paragraphs = story(lang, index)
    headline = CAPITAL_HEADLINES[lang][index]
    text = "\n\n".join([headline, "27.07.2020", *paragraphs]) + "\n"
    draft = generic.extract(Source("x.txt", text, "0"))
    assert draft.title == headline and body_of(draft) == paragraphs
