"""Press releases and official statements, made from the shared corpus's real stories in both
languages: the release's label over the story, its end mark, its "About …" boilerplate and its
media contacts under it, and the office that signs a ministry's statement, none of which is the
story; and the sentences of a story that only look like them, which stay."""

from __future__ import annotations

import pytest

from builder.ingest import generic
from builder.ingest.draft import Source
from builder.ingest.press_release import office_signature
from tests.test_ingest_story_furniture import body_of, corpus_stories, needs_corpus

ISSUERS = {"en": ["STATE SPACE CORPORATION ROSCOSMOS", "Acme Energy Group"],
           "ru": ["ГОСКОРПОРАЦИЯ «РОСКОСМОС»", "Группа компаний «Пример»"]}
LABELS = {"en": ["PRESS RELEASE\nFor immediate release", "FOR IMMEDIATE RELEASE"],
          "ru": ["ПРЕСС-РЕЛИЗ", "Пресс-релиз\nДля немедленной публикации"]}
DATES = {"en": ["25.07.2020", "July 25, 2020"], "ru": ["25.07.2020", "25 июля 2020"]}
ABOUT = {"en": ["About ROSCOSMOS\nState Space Corporation ROSCOSMOS manages the Russian space "
                "industry and carries out the state space programme.",
                "About Acme Energy Group\n\nAcme Energy Group is one of the largest producers of "
                "power in the region. It employs 12,000 people.\n\nThe group's shares are traded "
                "in Moscow."],
         "ru": ["О Госкорпорации «Роскосмос»\nГоскорпорация «Роскосмос» управляет космической "
                "отраслью России.",
                "О компании\n\nГруппа компаний «Пример» — один из крупнейших производителей "
                "энергии в регионе. В ней работают 12 тысяч человек."]}
CONTACTS = {"en": ["Media contacts:\nPress office: +7 (495) 631-92-54, press@roscosmos.ru",
                   "Media contact\nAnna Smith, head of communications\n+1 202 555 0142\n"
                   "anna.smith@acme.example"],
            "ru": ["Контакты для СМИ:\nПресс-служба: +7 (495) 631-92-54, press@roscosmos.ru",
                   "Контакты для СМИ\nАнна Смирнова, руководитель пресс-службы\n"
                   "+7 495 555-01-42\npress@primer.example"]}


def release(lang: str, index: int, end_mark: bool, about: bool, contacts: bool,
            label: bool = True) -> tuple[str, list[str]]:
    title, paragraphs = corpus_stories(lang)[index]
    parts = [ISSUERS[lang][index % 2], LABELS[lang][index % 2]] if label else []
    parts += [DATES[lang][index % 2], title, *paragraphs]
    parts += ["###"] if end_mark else []
    parts += [ABOUT[lang][index % 2]] if about else []
    parts += [CONTACTS[lang][index % 2]] if contacts else []
    return "\n\n".join(parts) + "\n", paragraphs


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", [0, 1])
@pytest.mark.parametrize(("end_mark", "about", "contacts", "label"), [
    (True, True, True, True), (False, True, True, True), (True, True, False, True),
    (False, True, False, True), (False, False, True, True), (True, True, False, False),
    (False, True, True, False)])
def test_a_release_gives_its_story_without_label_boilerplate_or_contacts(
        lang, index, end_mark, about, contacts, label):
    text, paragraphs = release(lang, index, end_mark, about, contacts, label)
    draft = generic.extract(Source("x.txt", text, "0"))
    assert body_of(draft) == paragraphs
    assert (draft.date.year, draft.date.month, draft.date.day) == (2020, 7, 25)
    if label:  # the name over the label is who issued it: the outlet, never the headline
        assert {"press release label", "release's issuer"} <= {d.reason for d in draft.dropped}
        assert draft.outlet != generic.OUTLET


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_storys_own_last_section_about_something_stays_without_a_release_around_it(lang):
    """No label, no end mark, no contacts: "About the vaccine" is the story's own section."""
    title, paragraphs = corpus_stories(lang)[2]
    section = {"en": ["About the vaccine", "The vaccine was registered in August."],
               "ru": ["О вакцине", "Вакцину зарегистрировали в августе."]}[lang]
    text = "\n\n".join([title, DATES[lang][0], *paragraphs, *section]) + "\n"
    draft = generic.extract(Source("x.txt", text, "0"))
    assert body_of(draft)[-1] == section[1]


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", [0, 1, 2])
def test_an_office_signing_a_statement_is_left_out(lang, index):
    signatures = {"en": ["Department of Information and Press, Ministry of Foreign Affairs of "
                         "the Russian Federation", "Press Service of the Governor of Moscow "
                         "Region", "Press and Information Office"],
                  "ru": ["Департамент информации и печати МИД России",
                         "Департамент информации и массовых коммуникаций Министерства обороны "
                         "Российской Федерации", "Пресс-служба губернатора Московской области"]}
    title, paragraphs = corpus_stories(lang)[index]
    below = signatures[lang][index] + ("\n\nВерсия для печати\nПоделиться" if index == 1 else "")
    text = "\n\n".join([title, DATES[lang][index % 2], *paragraphs, below]) + "\n"
    draft = generic.extract(Source("x.txt", text, "0"))
    assert body_of(draft) == paragraphs


@pytest.mark.parametrize("line", [
    "Пресс-служба ведомства подтвердила информацию", "Пресс-служба Кремля сообщила об этом.",
    "The press service of the Kremlin said the talks would go on.",
    "Press office staff declined to comment",
    "Департамент информации сообщил, что встреча состоится.",
    "Information Department officials were not available for comment"])
def test_a_sentence_about_a_press_service_is_no_signature(line):
    assert not office_signature(line)


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_storys_last_sentence_about_a_press_service_stays(lang):
    title, paragraphs = corpus_stories(lang)[3]
    last = {"en": "The press service of the governor confirmed the figures",
            "ru": "Пресс-служба губернатора подтвердила эти данные"}[lang]
    text = "\n\n".join([title, DATES[lang][0], *paragraphs, last]) + "\n"
    assert body_of(generic.extract(Source("x.txt", text, "0")))[-1] == last


# --- a site's news feed beside the story -------------------------------------------------------

FEED_TITLES = {"en": ["Latest news", ""], "ru": ["Лента новостей", ""]}
TIMES = ["14:02", "13:55", "13:40", "12:31"]


def with_feed(lang: str, index: int, count: int, time_first: bool) -> tuple[str, list[str],
                                                                            list[str]]:
    """The ``index``-th story under its headline and date line, then a feed of ``count`` other
    stories' headlines, each with its time over or under it."""
    title, paragraphs = corpus_stories(lang)[index]
    others = [t for n, (t, _) in enumerate(corpus_stories(lang, 8))  # headlines, not sentences
              if n != index and not t.endswith(".")][:count]
    items = [f"{TIMES[n]}\n{t}" if time_first else f"{t}\n{TIMES[n]}" for n, t in enumerate(others)]
    feed = "\n".join(([FEED_TITLES[lang][index % 2]] if FEED_TITLES[lang][index % 2] else [])
                     + items)
    text = "\n\n".join([title, DATES[lang][index % 2], *paragraphs, feed]) + "\n"
    return text, paragraphs, others


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", [0, 1])
@pytest.mark.parametrize(("count", "time_first"), [(2, False), (3, True), (2, True)])
def test_a_news_feed_of_headlines_and_times_goes_to_related(lang, index, count, time_first):
    text, paragraphs, others = with_feed(lang, index, count, time_first)
    draft = generic.extract(Source("x.txt", text, "0"))
    assert body_of(draft) == paragraphs
    assert [h.title for h in draft.related] == others


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_live_storys_paragraphs_under_their_times_stay(lang):
    """A live page prints a time over each of its paragraphs: sentences, not headlines."""
    title, paragraphs = corpus_stories(lang)[2]
    timed = [f"{TIMES[n % 4]}\n{p}" for n, p in enumerate(paragraphs)]
    text = "\n\n".join([title, DATES[lang][0], *timed]) + "\n"
    draft = generic.extract(Source("x.txt", text, "0"))
    assert body_of(draft) == paragraphs and not draft.related
