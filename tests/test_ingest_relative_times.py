"""The relative time a page prints on a line of its own by its date line ("Updated 3 hours
ago", "Just now", «3 часа назад», «обновлено 5 минут назад»): when the page was shown, not when
the story was published, and so neither the body nor the summary.

Every source is a real story of the shared corpus (in both languages), dressed as a page in
several ways: the relative time under the date line or over it, with or without its label,
under a menu or not, one a line or parted by blank lines. A story's sentence that says how many
hours ago something happened stays.
"""

from __future__ import annotations

import pytest

from tests.test_ingest_signup_boxes import MENUS, day_month, extract, joined, story
from tests.test_ingest_story_furniture import body_of, needs_corpus

RELATIVE = {"en": ["Updated 3 hours ago", "2 hours ago", "Updated: 3 min ago", "an hour ago",
                   "Published 45 minutes ago", "Just now"],
            "ru": ["3 часа назад", "обновлено 5 минут назад", "Обновлено: 3 мин. назад",
                   "час назад", "Опубликовано 10 минут назад", "только что"]}
DATE_LINES = {"en": ["Jul. 26, 2020 09:40 JST", "26 July 2020", "July 26, 2020 | 10:15"],
              "ru": ["26 июля 2020, 19:10", "26.07.2020", "26 июля 2020 | 10:15"]}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", [0, 1, 2, 3, 4, 5])
@pytest.mark.parametrize("glued", [True, False])
@pytest.mark.parametrize("order", ["under the date line", "over the date line", "with a menu"])
def test_a_relative_time_by_the_date_line_is_neither_body_nor_summary(lang, index, glued, order):
    title, standfirst, paragraphs = story(lang, index)
    relative, date = RELATIVE[lang][index], DATE_LINES[lang][index % 3]
    head = {"under the date line": [title, date, relative],
            "over the date line": [title, relative, date],
            "with a menu": [MENUS[lang][0], title, date, relative]}[order]
    draft = extract(joined([*head, standfirst, *paragraphs], glued) + "\n")
    assert draft.title == title and day_month(draft) == (26, 7)
    assert body_of(draft) == [standfirst, *paragraphs]
    assert relative in [d.text for d in draft.dropped] and relative not in draft.summary


RELATIVE_LOOKALIKES = {"en": ["Two hours ago, rescuers finally reached the flooded village.",
                              "Only 5 minutes ago the road was reopened, police said."],
                       "ru": ["Два часа назад спасатели добрались до затопленного села.",
                              "Всего 5 минут назад дорогу открыли, сообщили в полиции."]}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", [0, 1])
@pytest.mark.parametrize("glued", [True, False])
def test_a_storys_sentence_about_minutes_or_hours_ago_stays(lang, index, glued):
    title, standfirst, paragraphs = story(lang, index)
    sentence = RELATIVE_LOOKALIKES[lang][index]
    draft = extract(joined([title, DATE_LINES[lang][1], sentence, standfirst, *paragraphs],
                           glued) + "\n")
    assert body_of(draft) == [sentence, standfirst, *paragraphs]
