"""A press release or statement that signs off with its office's name and its date on lines of
their own, then prints its media contacts («Контакты для СМИ:» / «Тел.: …» / «E-mail: …»,
"Media contacts:" / "Press office: +44 …"): the sign-off still dates it.

Every source is a real story of the shared corpus (in both languages), dressed as a release in
several ways: other offices and contacts, a place before the date or not, blank lines between
or not, a release's label over the headline or none. A date that ends the story's last sentence
over the contacts is an event's, and stays.
"""

from __future__ import annotations

import pytest

from builder.ingest import generic
from builder.ingest.draft import Source
from tests.test_ingest_posts_and_prints import day_of
from tests.test_ingest_story_furniture import body_of, corpus_stories, needs_corpus

SIGN_OFFS = {
    "ru": ["Пресс-служба министерства здравоохранения Новосибирской области\n26 июля 2020 года\n\n"
           "Контакты для СМИ:\nТел.: +7 (383) 222-11-00\nE-mail: pr@example.ru",
           "Управление информационной политики\n26.07.2020\nДля справок: +7 (495) 123-45-67",
           "Москва, 26 июля 2020 г.\n\nКонтактная информация для СМИ:\nАнна Петрова\n"
           "+7 916 000-00-00\npress@example.ru",
           "26 июля 2020 года\nКонтакты пресс-службы:\nтел. 8 (8142) 71-00-00, "
           "press@karelia.example"],
    "en": ["Press Office, Ministry of Energy\n26 July 2020\n\nMedia contacts:\nJane Smith, Head "
           "of Communications\nPress office: +44 20 7946 0000\npress@example.org",
           "26 July 2020\n\nFor media enquiries, please contact:\n+1 202 555 0100 | "
           "media@example.com",
           "London, 26 July 2020\nMedia contacts:\nPress office: +44 20 7946 0018",
           "Department of Information and Press\n\n26 July 2020\n\nContacts for the media:\n"
           "Anna Ivanova\nphone: +7 (495) 000-11-22\nemail: info@example.org"],
}
LABELS = {"en": "PRESS RELEASE", "ru": "ПРЕСС-РЕЛИЗ"}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", [0, 1, 2, 3])
@pytest.mark.parametrize("label", [True, False])
def test_a_sign_off_over_the_media_contacts_still_dates_the_statement(lang, index, label):
    title, paragraphs = corpus_stories(lang)[index]
    head = [LABELS[lang]] if label else []
    text = "\n\n".join([*head, title, *paragraphs, SIGN_OFFS[lang][index]]) + "\n"
    draft = generic.extract(Source("x.txt", text, "0"))
    assert draft.title == title
    assert day_of(draft) == (2020, 7, 26)
    assert body_of(draft) == paragraphs


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_date_ending_the_last_sentence_over_the_contacts_is_no_sign_off(lang):
    title, paragraphs = corpus_stories(lang)[1]
    ending = {"en": "The talks will resume on\n26 July 2020.",
              "ru": "Переговоры возобновятся\n26 июля 2020 года."}[lang]
    contacts = SIGN_OFFS[lang][2].split("\n", 1)[1].strip()
    text = "\n\n".join([title, *paragraphs, ending, contacts]) + "\n"
    draft = generic.extract(Source("x.txt", text, "0"))
    assert draft.date is None
    assert body_of(draft) == [*paragraphs, " ".join(ending.split())]
