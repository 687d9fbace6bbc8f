"""E-mail newsletters saved or pasted whole, made from the shared corpus's real stories: the
header block gives the outlet (the sender's name), the date and, lacking a headline, the title;
the header, the letter's controls, its greeting and its footer never reach the page."""

from __future__ import annotations

import pytest

from builder.ingest import letter
from builder.ingest.draft import Source
from tests.test_ingest_story_furniture import body_of, corpus_stories, needs_corpus

SENDERS = {"en": [("The Bell <newsletter@thebell.io>", "the-bell"),
                  ('"Example Daily" <news@example.com>', "example-daily"),
                  ("Meduza <english@meduza.io>", "meduza")],
           "ru": [("Новая газета <newsletter@novayagazeta.ru>", "novaya-gazeta"),
                  ("Пример Медиа <info@example.ru>", "primer-media"),
                  ("РИА Новости <digest@ria.ru>", "ria")]}
TOP = {"en": ["View in browser", "View this email in your browser"],
       "ru": ["Если письмо отображается некорректно, откройте веб-версию", "Открыть в браузере"]}
GREETINGS = {"en": ["Good morning! Here's what you need to know about Russia today.",
                    "Hello, and welcome to the evening briefing."],
             "ru": ["Добрый вечер! Главная новость этого воскресенья.",
                    "Доброе утро! Рассказываем о главном."]}
FOOTERS = {"en": ["Forward to a friend\n\nYou are receiving this email because you subscribed to "
                  "{name}.\nUnsubscribe | Update preferences", "Unsubscribe"],
           "ru": ["Вы получили это письмо, так как подписаны на рассылку.\nОтписаться",
                  "Отписаться от рассылки"]}
HEADERS = {"en": ("From", "Date", "Subject", "To"), "ru": ("От", "Дата", "Тема", "Кому")}


def dressed_letter(lang: str, index: int, greeting: bool, top: bool, russian_keys: bool = False
                   ) -> tuple[str, str, str, list[str]]:
    """The ``index``-th story in ``lang`` as a newsletter: its text, the outlet it names, the
    title, and the story's paragraphs."""
    title, paragraphs = corpus_stories(lang)[index]
    sender, key = SENDERS[lang][index % 3]
    name = sender.split(" <")[0].strip('"')
    keys = HEADERS["ru" if russian_keys else "en"]
    parts = [f"{keys[0]}: {sender}\n{keys[1]}: Sun, 26 Jul 2020 20:15:03 +0300\n{keys[2]}: "
             f"{name}: the day's news\n{keys[3]}: editor@example.org"]
    parts += [TOP[lang][index % 2]] if top else []
    parts += [name.upper()]
    parts += [GREETINGS[lang][index % 2]] if greeting else []
    parts += [title, *paragraphs, FOOTERS[lang][index % 2].format(name=name)]
    return "\n\n".join(parts) + "\n", key, title, paragraphs


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", [0, 1, 2])
@pytest.mark.parametrize(("greeting", "top"), [(True, True), (False, True), (True, False)])
def test_a_newsletter_gives_its_sender_date_headline_and_story_only(lang, index, greeting, top):
    text, outlet, title, paragraphs = dressed_letter(lang, index, greeting, top,
                                                     russian_keys=index == 1)
    assert letter.recognise(text)
    draft = letter.extract(Source("x.txt", text, "0"))
    assert (draft.outlet, draft.title) == (outlet, title)
    assert (draft.date.year, draft.date.month, draft.date.day) == (2020, 7, 26)
    assert body_of(draft) == paragraphs and draft.summary == ""


def test_the_subject_is_the_title_when_the_letter_has_no_headline():
    draft = letter.extract(Source("x.txt", "From: Example Daily <a@example.com>\nSubject: Fire at "
                                           "a plant\n\n", "0"))
    assert draft.title == "Fire at a plant" and draft.outlet == "example-daily"


@pytest.mark.parametrize("text", [
    "Fire at a plant\n\n26 July 2020\n\nFrom: the mayor's office, said the police.\n",
    "Subject: Fire at a plant\n\nA fire broke out.\n",
    "Пожар на заводе\n\nОт: пресс-службы мэрии\nТема: пожар\n\nНачался пожар.\n"])
def test_a_text_without_a_letters_header_block_is_no_letter(text):
    assert not letter.recognise(text)


@pytest.mark.parametrize("sentence", [
    "Hello, the president told the crowd, and the crowd cheered.",
    "Добрый вечер начался с концерта на площади.",
    "Unsubscribing from the service took residents weeks, the report said."])
def test_a_story_sentence_like_a_greeting_or_a_footer_stays(sentence):
    text = (f"From: Example Daily <a@example.com>\nDate: Sun, 26 Jul 2020 20:15:03 +0300\n\n"
            f"Fire at a plant\n\nA fire broke out at the plant.\n\n{sentence}\n\nNobody was hurt.\n")
    assert sentence in body_of(letter.extract(Source("x.txt", text, "0")))
