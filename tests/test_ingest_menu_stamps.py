"""A site's menu copied one item a line over the headline (its name, its sections, "Подписка"),
under which the page prints its rubric's date line with a cut month, a time and no year
(«Общество, 26 июл, 11:20», "Business · 26 Jul, 09:05"), then the headline, with a full stop
or not: the date is read (its year inferred later, as documented), the headline is the title,
and no menu item is title, body or summary.

Every source is a real story of the shared corpus (in both languages), dressed as a copied page
in several ways: other sites' menus, rubrics and times, a headline with a full stop or without,
a photo's credit under it or not, one a line or parted by blank lines. A headline-shaped line
over the date line stays the headline, a short first paragraph under it the story's.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.test_ingest_signup_boxes import day_month, extract, joined, story
from tests.test_ingest_story_furniture import body_of, needs_corpus

TOP_MENUS = {
    "ru": ["РБК\nСанкт-Петербург\nГлавное\nПолитика\nЭкономика\nНедвижимость\nСпорт\n"
           "Подписка", "Газета.Ru\nНовости\nПолитика\nОбщество\nСпорт\nКультура",
           "Главная\nНовости\nВ мире\nЭкономика\nПроисшествия\nСпецпроекты\nВидео"],
    "en": ["The Moscow Times\nNews\nOpinion\nBusiness\nArts and Life\nNewsletters",
           "Reuters\nWorld\nBusiness\nMarkets\nBreakingviews\nTechnology",
           "Home\nWorld\nUS\nPolitics\nTech\nScience\nHealth"],
}
RUBRIC_STAMPS = {"ru": [("Общество, 26 июл, 11:20", "11:20"), ("Политика, 26 июл., 09:05", "09:05"),
                        ("Экономика · 26 июля, 18:40", "18:40")],
                 "en": [("World, Jul 26, 10:15", "10:15"), ("Business · 26 Jul, 09:05", "09:05"),
                        ("Politics, July 26, 18:40", "18:40")]}
CREDITS = {"ru": "Фото: скриншот видео", "en": "Photo: Reuters"}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", [0, 1, 2])
@pytest.mark.parametrize("stop", [True, False])
@pytest.mark.parametrize(("glued", "credit"), [(True, True), (True, False), (False, False)])
def test_a_menu_one_item_a_line_over_a_rubrics_date_line_is_no_title_nor_body(lang, index, stop,
                                                                             glued, credit):
    """The date line with its cut month and no year is read (its year is inferred later, with
    a warning); the line under it is the headline, with a full stop or not."""
    title, standfirst, paragraphs = story(lang, index)
    headline = title + ("." if stop else "")
    stamp, time = RUBRIC_STAMPS[lang][index]
    lines = [TOP_MENUS[lang][index], stamp, headline, *([CREDITS[lang]] if credit else []),
             standfirst, *paragraphs]
    draft = extract(joined(lines, glued) + "\n")
    assert draft.title == headline
    assert day_month(draft) == (26, 7) and draft.date.year is None
    assert f"{draft.stamp.time:%H:%M}" == time
    assert body_of(draft) == [standfirst, *paragraphs]
    assert not any(item in draft.summary for item in TOP_MENUS[lang][index].split("\n")[1:])


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_headline_over_the_date_line_under_a_menu_stays_the_headline(lang):
    """A headline-shaped line over the date line is the headline: the story's first paragraph
    under the date line, short as it may be, is no headline."""
    title, _, paragraphs = story(lang, 2)
    first = {"en": "Nobody was hurt.", "ru": "Никто не пострадал."}[lang]
    text = "\n".join([TOP_MENUS[lang][2], title, RUBRIC_STAMPS[lang][0][0], first,
                      *paragraphs]) + "\n"
    draft = extract(text)
    assert draft.title == title and body_of(draft) == [first, *paragraphs]


@needs_corpus
def test_a_rubric_date_lines_year_is_inferred_and_its_time_kept(project):
    from tests.test_ingest_posts_and_prints import ingested_page

    title, standfirst, paragraphs = story("ru", 0)
    text = "\n".join([TOP_MENUS["ru"][0], RUBRIC_STAMPS["ru"][0][0], title, standfirst,
                      *paragraphs]) + "\n"
    front, _ = ingested_page(project, text)
    assert (front["title"], front["outlet"]) == (title, "rbc")
    assert str(front["date"]) == "2026-07-26"
    assert dt.datetime.fromisoformat(front["published"]) == dt.datetime(
        2026, 7, 26, 11, 20, tzinfo=dt.timezone(dt.timedelta(hours=3)))
