"""A page's head found by where news pages print it, over whatever top a site has: the
headline is the line over the first byline and date line under which the story begins (past a
standfirst, past a share count). Outside trials found pages of other sites in these shapes:
a site's name and tagline over a menu with a pitch of a sentence among its items (its tagline
was the title), a portal's byline with the date right after the names (its headline and date
were left out as its top), a byline glued over the story a paragraph a line (the whole story
was left out as that byline), an office's name over its breadcrumb trail (its name was the
title).

Every source is a real story of the shared corpus, in both languages, dressed so. What only
looks like such a head must stay: a headline over its deck and byline, a story's sentence
opening with "By".
"""

from __future__ import annotations

import pytest

from tests.test_ingest_signup_boxes import extract, joined, story
from tests.test_ingest_story_furniture import body_of, needs_corpus

SITE_TOPS = {
    "en": ["Subscribe", "Sign in", "Riverside Herald", "The City's Own Voice", "Politics",
           "Business", "Opinion", "Multimedia", "Jobs",
           "Support the Riverside Herald, independent since 1995.", "War and peace"],
    "ru": ["Подписаться", "Войти", "Северный вестник", "Голос нашего края", "Политика",
           "Экономика", "Мнения", "Мультимедиа", "Вакансии",
           "Поддержите «Северный вестник»: мы независимы с 1995 года.", "Война и мир"],
}
HEADS = {
    "en": [["By Interfax-Ukraine", "Published July 26, 2020, 2:41 p.m."],
           ["By Reuters, Wire Service Content July 26, 2020, at 9:15 a.m.", "More"],
           ["By Staff Reporter", "Published: 07:12 BST, 26 July 2020", "e-mail", "14 shares"]],
    "ru": [["Автор: Интерфакс-Украина", "Опубликовано 26 июля 2020, 14:41"],
           ["Автор: Иван Петров, корреспондент 26 июля 2020, 09:15", "Ещё"],
           ["Текст: Анна Смирнова", "26.07.2020 07:12", "e-mail", "14 репостов"]],
}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("head", range(3))
@pytest.mark.parametrize("standfirst_over", [False, True])
def test_the_headline_is_the_line_over_the_byline_and_date_whatever_the_sites_top(
        lang, head, standfirst_over):
    """A site's name, tagline, menu items one a line and a pitch of one sentence over the
    headline: the headline over the byline and date line is the title, the date is theirs,
    the story is the body, and nothing of the top is in it."""
    title, standfirst, paragraphs = story(lang, head + 2)
    over = [standfirst] if standfirst_over else []
    text = "\n".join([*SITE_TOPS[lang], title, *over, *HEADS[lang][head]]) + "\n\n" + "\n\n".join(
        paragraphs) + "\n"
    draft = extract(text)
    assert draft.title == title
    assert (draft.date.year, draft.date.month, draft.date.day) == (2020, 7, 26)
    assert body_of(draft)[-len(paragraphs):] == paragraphs
    assert not any(line in block for line in SITE_TOPS[lang] for block in body_of(draft))


GLUED_BYLINES = {"en": ["By Fox News | Fox News", "Published July 26, 2020"],
                 "ru": ["Автор: Редакция | «Вестник»", "Опубликовано 26 июля 2020"]}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_byline_glued_over_the_story_a_paragraph_a_line_leaves_the_story(lang):
    """A page copied a paragraph a line, with no blank line anywhere: the byline and date line
    over the story are the page's head, the lines under them the story's paragraphs."""
    title, standfirst, paragraphs = story(lang, 4)
    draft = extract("\n".join(["Riverside Herald", "Politics", "World", title,
                               *GLUED_BYLINES[lang], standfirst, *paragraphs]) + "\n")
    assert draft.title == title
    assert (draft.date.year, draft.date.month, draft.date.day) == (2020, 7, 26)
    assert body_of(draft)[-len(paragraphs):] == paragraphs


OFFICES = {"en": ["Regional Office of the Emergencies Ministry",
                  "Home / News / Operational information", "July 26, 2020 08:45"],
           "ru": ["ГУ МЧС России по Пензенской области",
                  "Главная / Новости / Оперативная информация", "26 Июля 2020 г. 08:45"]}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("glued", [True, False])
def test_an_offices_name_over_its_breadcrumbs_is_not_the_title(lang, glued):
    """An office's site: its name, a breadcrumb trail, then the headline over its date line."""
    title, standfirst, paragraphs = story(lang, 7)
    name, trail, stamp = OFFICES[lang]
    draft = extract(joined([name, trail, title, stamp, standfirst, *paragraphs], glued) + "\n")
    assert draft.title == title
    assert (draft.date.month, draft.date.day) == (7, 26)
    assert body_of(draft)[-len(paragraphs):] == paragraphs


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("glued", [True, False])
def test_a_breadcrumb_trail_between_the_headline_and_the_date_is_no_standfirst(lang, glued):
    """Some pages print their trail under the headline: it is neither the summary nor body."""
    title, standfirst, paragraphs = story(lang, 3)
    trails = {"en": ["Home / Qatar / Qatar News", "Home › World › Middle East"],
              "ru": ["Главная / Новости / Общество", "Главная › Регион › Происшествия"]}[lang]
    for trail in trails:
        draft = extract(joined([title, trail, OFFICES[lang][2], standfirst, *paragraphs],
                               glued) + "\n")
        assert draft.title == title
        assert trail not in draft.summary and trail not in body_of(draft)
        assert (draft.date.month, draft.date.day) == (7, 26)
        assert body_of(draft)[-len(paragraphs):] == paragraphs


DECKS = {"en": "What the vote means for the region's farmers and its cities",
         "ru": "Что голосование значит для фермеров региона и его городов"}
BYLINES = {"en": ["By Anna Smith", "July 26, 2020"], "ru": ["Автор: Анна Смирнова",
                                                            "26 июля 2020"]}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("glued", [True, False])
def test_a_headline_over_its_deck_and_byline_stays_the_title(lang, glued):
    """A deck with no final stop right over the byline is no headline: the headline over it
    is, as the page printed it first."""
    title, standfirst, paragraphs = story(lang, 3)
    draft = extract(joined([title, DECKS[lang], *BYLINES[lang], standfirst, *paragraphs],
                           glued) + "\n")
    assert draft.title == title
    assert body_of(draft)[-len(paragraphs):] == paragraphs


OPENING_BY = {"en": "By the end of the year, the ministry expects the new rules to cover "
                    "every region of the country.",
              "ru": "Автор законопроекта считает, что новые правила к концу года охватят "
                    "все регионы страны."}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_story_sentence_opening_like_a_byline_stays_in_the_body(lang):
    """A first paragraph that opens with "By" or «Автор» is the story's, not a byline."""
    title, standfirst, paragraphs = story(lang, 1)
    draft = extract("\n".join([title, "July 26, 2020", OPENING_BY[lang], standfirst,
                               *paragraphs]) + "\n")
    assert draft.title == title
    assert OPENING_BY[lang] in body_of(draft)


RELATIVE_HEADS = {"en": ["Today, 1:45 pm", "Illustrative photo: Riverside Herald"],
                  "ru": ["Сегодня, 13:45", "Иллюстративное фото: Bel.Ru"]}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_headline_over_a_time_relative_to_the_copy_is_the_title(lang):
    """A regional site prints its stamp relative to the day («Сегодня, 13:45») under the
    headline, then a photo's credit: the headline is the title (an outside trial's page took its
    first paragraph for the title), neither line is in the body, and no date is made of it."""
    title, standfirst, paragraphs = story(lang, 5)
    text = "\n".join(["БелРу" if lang == "ru" else "Riverside Herald", "Politics", "News",
                      "Incidents", title, *RELATIVE_HEADS[lang]]) + "\n\n" + "\n\n".join(
        [standfirst, *paragraphs]) + "\n"
    draft = extract(text)
    assert draft.title == title and draft.date is None
    assert body_of(draft) == [standfirst, *paragraphs]


WIRES = {"en": [("MOSCOW, July 26. /TASS/.", "tass"), ("LONDON (Reuters) -", "reuters"),
                ("WASHINGTON (AP) —", "ap")],
         "ru": [("МОСКВА, 26 июля. /ТАСС/.", "tass"), ("МОСКВА, 26 июл — РИА Новости.", "ria"),
                ("САНКТ-ПЕТЕРБУРГ, 26 июля. /ТАСС/.", "tass")]}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", range(3))
@pytest.mark.parametrize("glued", [True, False])
def test_a_wire_without_its_headline_keeps_its_first_paragraph_and_is_titled_by_it(
        lang, index, glued):
    """A wire copied from an agency's feed without its headline opens with its dateline: that
    paragraph is the story's first (an outside trial's lost it as the title), the title is its
    first sentence, cut at a word when long, and the agency is the outlet."""
    _, standfirst, paragraphs = story(lang, index + 2)
    opening, agency = WIRES[lang][index]
    first = f"{opening} {standfirst.rstrip('.')}."
    draft = extract(joined([first, *paragraphs, "26.07.2020 11:52"], glued) + "\n")
    sentence = standfirst.split(". ")[0].rstrip(".")
    if len(sentence) <= 140:
        assert draft.title == sentence
    else:
        assert draft.title.endswith("…") and sentence.startswith(draft.title[:-1])
    assert body_of(draft)[:1 + len(paragraphs)] == [first, *paragraphs]
    assert draft.outlet == agency


STAMP_SHAPES = {"en": ["Riverside Herald Staff\nJul 26, 2020, 9:14 AM\nFacebook Icon",
                       "By Stephen Whyno - The Washington Times - Sunday, July 26, 2020",
                       "July 26, 2020, 14:50 — World"],
                "ru": ["Редакция «Вестника»\n26 июля 2020, 09:14\nПоделиться",
                       "Автор: Иван Петров - «Вечерний курьер» - воскресенье, 26 июля 2020",
                       "26 июля 2020, 14:50 — Происшествия"]}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", range(3))
def test_a_stamp_glued_in_the_head_of_a_story_a_paragraph_a_line_dates_it(lang, index):
    """Stamps outside trials found in copied pages with no blank line anywhere: an author's
    name with no "By" over the date line, a byline with the paper's name and the weekday
    between dashes, a date and time with its rubric after a dash: each dates the story."""
    title, standfirst, paragraphs = story(lang, index + 1)
    text = "\n".join(["Riverside Herald", "News", title, STAMP_SHAPES[lang][index], standfirst,
                      *paragraphs]) + "\n"
    draft = extract(text)
    assert draft.title == title
    assert (draft.date.year, draft.date.month, draft.date.day) == (2020, 7, 26)
    assert body_of(draft)[-len(paragraphs):] == paragraphs
