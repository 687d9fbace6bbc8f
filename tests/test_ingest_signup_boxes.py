"""A newsletter's sign-up box as a copied page prints it, over the headline or among the
paragraphs (its call, the newsletter's name and pitch, an e-mail field, a button, a consent
line), and the skip line and menu controls at the very top ("Skip links", «Перейти к
содержанию», "Navigation menu", "Search"): never the title, the summary or the outlet, and never
in the way of the date line under the headline.

Every source is a real story of the shared corpus (in both languages), dressed as a page in
several ways: other outlets and wordings, boxes long and short, with a call or without, with or
without a skip line, a menu and a standfirst over the date line, glued one a line or parted by
blank lines. The headline must be the title, the standfirst the summary, the story whole and
alone in the body, the outlet the one the page names under the story; and sentences of a story
that only look like a box's lines or a control must stay.
"""

from __future__ import annotations

import pytest

from builder.ingest import generic
from builder.ingest.draft import Source
from tests.test_ingest_story_furniture import body_of, corpus_stories, needs_corpus


def extract(text: str):
    return generic.extract(Source("page.txt", text, "0"))


def story(lang: str, index: int) -> tuple[str, str, list[str]]:
    """The ``index``-th story of ``lang`` whose first paragraph is a sentence or two, fit to be
    printed as a standfirst: its headline, that standfirst, and the rest of its paragraphs."""
    found = [(title, paragraphs) for title, paragraphs in corpus_stories(lang, 12)
             if 4 <= len(paragraphs[0].split()) <= 40 and not title.endswith((":", ".", "?"))]
    title, paragraphs = found[index % len(found)]
    return title, paragraphs[0], paragraphs[1:]


def joined(lines: list[str], glued: bool) -> str:
    """Lines one a line (``glued``, as a browser copies a page's top) or parted by blank lines."""
    return ("\n" if glued else "\n\n").join(lines)


def day_month(draft) -> tuple[int, int]:
    return (draft.date.day, draft.date.month)


BOXES = {
    "en": ["Sign up for Balkan Insight\nBalkan Week\nCatch up on the week's biggest stories "
           "from the region\nSign up\nBy signing up, you agree to our Privacy Policy",
           "Subscribe to our newsletter\nThe Morning Briefing\nEverything you need to know, every "
           "weekday at 7am\nEnter your email\nSubscribe\nBy subscribing, you agree to receive "
           "emails from us",
           "Europe Daily\nThe news that matters, in your inbox\nEnter your email address\nSign up",
           "Sign up to our free newsletter\nSign up\nBy clicking Sign up, you agree to our Terms "
           "of Use and Privacy Policy",
           "Get the Morning Brief\nOur best stories, every morning\nSubscribe",
           "The Weekly Digest\nSubscribe now"],
    "ru": ["Подпишитесь на рассылку «Медузы»\nСамое важное за неделю — в вашей почте\nВаш e-mail"
           "\nПодписаться\nНажимая кнопку «Подписаться», вы соглашаетесь с политикой "
           "конфиденциальности",
           "Подпишитесь на нашу рассылку\nВечерний дайджест\nГлавные новости дня каждый вечер\n"
           "Подписаться",
           "Утренняя рассылка\nКоротко о главном к завтраку\nВведите e-mail\nПодписаться\n"
           "Подписываясь на рассылку, вы даете согласие на обработку персональных данных",
           "Подпишитесь на рассылку\nПодписаться\nНажимая на кнопку, вы соглашаетесь с условиями "
           "использования",
           "Рассылка «Утро»\nГлавное за ночь — в вашей почте\nПодписаться",
           "Вечерний дайджест\nПодписаться на рассылку"],
}
SKIPS = {"en": ["Skip links\nSkip to Content", "Skip to main content", "Skip navigation", ""],
         "ru": ["Перейти к содержанию", "Пропустить навигацию", "К содержанию", ""]}
MENUS = {"en": ["Live\nNavigation menu\nNews\nEurope\nAnalysis\nFeatures\nSport\nPodcasts\nMore"
                "\nSearch", "Menu\nWorld\nBusiness\nCulture\nSearch", ""],
         "ru": ["Меню\nНовости\nПолитика\nОбщество\nСпорт\nПоиск", "Главное меню\nВ мире\n"
                "Экономика\nКультура", ""]}
STAMPS = {"en": ["Published on 26 Jul 2020", "26 July 2020, 14:05", "Sunday, July 26, 2020"],
          "ru": ["26 июля 2020, 14:05", "Опубликовано 26.07.2020", "Воскресенье, 26 июля 2020"]}
SOURCES = {"en": [("Source: Middle East Eye and news agencies", "middle-east-eye"),
                  ("Source: Balkan Insight", "balkan-insight"),
                  ("© 2020 Guardian News & Media Limited", "guardian")],
           "ru": [("Источник: Фонтанка", "fontanka"), ("© 2020 РИА Новости", "ria"),
                  ("Источник: Новая Сибирь", "novaya-sibir")]}


def boxed_page(lang: str, index: int, glued: bool, where: str) -> tuple[str, tuple]:
    """A story with a sign-up box ``where`` ("above" the headline, under a skip line and a menu,
    or "between" its paragraphs), its standfirst over its date line, a source line under it."""
    title, standfirst, paragraphs = story(lang, index)
    box = BOXES[lang][index % len(BOXES[lang])]
    top = [SKIPS[lang][index % 4], MENUS[lang][index % 3]]
    above = [part for part in [*top, box if where == "above" else ""] if part]
    body = paragraphs[:1] + ([box] if where == "between" else []) + paragraphs[1:]
    source, outlet = SOURCES[lang][index % 3]
    lines = [*above, title, standfirst, STAMPS[lang][index % 3], *body, source]
    return joined(lines, glued) + "\n", (title, standfirst, paragraphs, outlet)


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", [0, 1, 2, 3, 4, 5, 6, 7])
@pytest.mark.parametrize("glued", [True, False])
@pytest.mark.parametrize("where", ["above", "between"])
def test_a_newsletter_box_and_a_skip_line_are_neither_title_summary_nor_outlet(lang, index, glued,
                                                                              where):
    text, (title, standfirst, paragraphs, outlet) = boxed_page(lang, index, glued, where)
    draft = extract(text)
    assert draft.title == title
    assert draft.summary == standfirst
    assert day_month(draft) == (26, 7) and draft.date.year == 2020
    assert body_of(draft) == paragraphs
    assert draft.outlet == outlet


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_box_with_no_call_under_the_story_takes_its_name_and_pitch_not_the_last_paragraph(lang):
    title, standfirst, paragraphs = story(lang, 1)
    box = BOXES[lang][2]
    text = "\n".join([title, STAMPS[lang][1], standfirst, *paragraphs, box]) + "\n"
    draft = extract(text)
    assert body_of(draft) == [standfirst, *paragraphs]
    assert all(line in [d.text for d in draft.dropped] for line in box.split("\n"))


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("button", ["Subscribe", "Подписаться", "Sign up"])
def test_a_button_alone_under_the_story_takes_no_line_that_names_no_newsletter(lang, button):
    """A page prints a button alone anywhere: a short line over it is a box's name only when it
    names a newsletter, so the story's last line without a full stop stays."""
    title, standfirst, paragraphs = story(lang, 2)
    last = {"en": "The investigation continues", "ru": "Расследование продолжается"}[lang]
    text = "\n".join([title, STAMPS[lang][1], standfirst, *paragraphs, last, button]) + "\n"
    assert body_of(extract(text)) == [standfirst, *paragraphs, last]


LOOKALIKES = {
    "en": ["By signing up for the scheme, farmers agree to cut their emissions by half.",
           "Catch up on the region's biggest news stories, the editor told readers on Sunday.",
           "Search teams found the missing hikers early on Sunday morning.",
           "Readers can subscribe to the newsletter on the website, the company said.",
           "Skip the queue, the museum told visitors who had bought tickets online."],
    "ru": ["Нажимая на кнопку, пользователь соглашается с условиями сервиса, пояснили в компании.",
           "Подписка на издание подорожала на десять процентов, сообщили в редакции.",
           "Меню школьных столовых изменится с сентября.",
           "Поиск пропавших туристов продолжается второй день.",
           "Перейти к содержанию договора стороны смогут только после подписания."],
}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", [0, 1, 2, 3, 4])
@pytest.mark.parametrize("glued", [True, False])
def test_a_storys_sentence_that_looks_like_a_box_or_a_control_stays(lang, index, glued):
    title, standfirst, paragraphs = story(lang, index)
    sentence = LOOKALIKES[lang][index]
    body = [paragraphs[0], sentence, *paragraphs[1:]]
    draft = extract(joined([title, STAMPS[lang][0], standfirst, *body], glued) + "\n")
    assert body_of(draft) == [standfirst, *body]


@pytest.mark.parametrize("headline", ["Search and rescue teams reach the flooded villages",
                                      "Меню школьных столовых изменится с сентября"])
def test_a_headline_that_opens_like_a_control_stays_the_headline(headline):
    text = f"Skip to main content\n\n{headline}\n\n26.07.2020\n\nThe first paragraph says it " \
           "all and more.\n\nThe second one says more.\n"
    assert extract(text).title == headline
