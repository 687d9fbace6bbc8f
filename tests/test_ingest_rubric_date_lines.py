"""A rubric printed before the page's date line and its time («Мир, 26.07.2020, 20:30»,
"Politics, July 26, 2020, 20:30"): no place, and the time kept in the outlet's clock, as a
date line's is.

Every source is a real story of the shared corpus (in both languages), dressed as a copied page
in several ways: other rubrics, the date line over or under the headline, the outlet named after
the headline or in the copyright line, paragraphs hard-wrapped or not. A city before a date,
alone on its line, stays the dateline's place.
"""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from builder.ingest import generic
from builder.ingest.draft import Source
from tests.test_ingest_posts_and_prints import ingested_page
from tests.test_ingest_printed_sections import story
from tests.test_ingest_story_furniture import body_of, needs_corpus

RUBRIC_LINES = {"ru": ["Мир, 26.07.2020, 20:30", "Общество, 26.07.2020, 20:30",
                       "Экономика, 26 июля 2020, 20:30", "Происшествия | 26.07.2020, 20:30"],
                "en": ["World, 26.07.2020, 20:30", "Politics, July 26, 2020, 20:30",
                       "Business | 26 July 2020, 20:30", "Society, 26.07.2020 20:30"]}
NAMED = {"ru": [" — Коммерсантъ", "© Коммерсантъ, 1991–2020"],
         "en": [" | Kommersant", "© 2020 Kommersant"]}


def rubric_page(lang: str, index: int, over: bool, wrapped: bool) -> tuple[str, str, list[str]]:
    """A Kommersant story with its rubric's date line under the headline (or ``over`` it), its
    name after the headline or in the copyright line under the story, perhaps hard-wrapped."""
    title, paragraphs = story(lang, index)
    suffix, copyright_line = NAMED[lang]
    headline = title + (suffix if index % 2 else "")
    stamp = RUBRIC_LINES[lang][index]
    head = [stamp, headline] if over else [headline, stamp]
    body = ["\n".join(textwrap.wrap(p, 72)) if wrapped else p for p in paragraphs]
    tail = [] if index % 2 else [copyright_line]
    return "\n\n".join([*head, *body, *tail]) + "\n", title, paragraphs


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", [0, 1, 2, 3])
@pytest.mark.parametrize("over", [True, False])
@pytest.mark.parametrize("wrapped", [True, False])
def test_a_rubric_before_the_date_line_is_no_place_and_its_time_is_kept(lang, index, over,
                                                                        wrapped):
    text, title, paragraphs = rubric_page(lang, index, over, wrapped)
    draft = generic.extract(Source("x.txt", text, "0"))
    assert draft.place == ""
    assert (draft.date.year, draft.date.month, draft.date.day) == (2020, 7, 26)
    assert f"{draft.stamp.time:%H:%M}" == "20:30"
    assert body_of(draft) == paragraphs


@needs_corpus
@pytest.mark.parametrize(("lang", "index"), [("ru", 0), ("ru", 1), ("en", 2), ("en", 3)])
def test_the_rubrics_time_is_in_the_outlets_clock(project, lang, index):
    text, title, _ = rubric_page(lang, index, False, index % 2 == 0)
    front, _ = ingested_page(project, text)
    assert (front["title"], front["outlet"]) == (title, "kommersant")
    assert "place" not in front
    assert dt.datetime.fromisoformat(front["published"]) == dt.datetime(
        2020, 7, 26, 20, 30, tzinfo=dt.timezone(dt.timedelta(hours=3)))


@needs_corpus
@pytest.mark.parametrize(("lang", "line", "place"), [
    ("ru", "Хабаровск, 26.07.2020", "Хабаровск"), ("ru", "МОСКВА, 26 июля. /ТАСС/.", "МОСКВА"),
    ("en", "KHABAROVSK, July 26 (Reuters)", "KHABAROVSK"), ("en", "Mir, 26.07.2020", "Mir"),
    ("ru", "Мир, 26.07.2020", ""), ("en", "World, 26.07.2020", "")])
def test_a_place_before_a_date_alone_on_its_line_is_the_place_a_rubric_is_not(lang, line, place):
    """A city before its date, alone on its line, is the dateline's place; a section's name
    there ("World", «Мир») is the page's rubric (a place called so is a city: "Mir")."""
    title, paragraphs = story(lang, 1)
    text = "\n\n".join([title, line, *paragraphs]) + "\n"
    draft = generic.extract(Source("x.txt", text, "0"))
    assert draft.place == place
    assert (draft.date.month, draft.date.day) == (7, 26) and body_of(draft) == paragraphs
