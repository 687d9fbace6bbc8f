"""What sites no reader of furniture knows print over a story and under it, told by the shape of
a line rather than its words (:mod:`builder.ingest.story_edges`): lines that end no sentence
under the story's last, calls to the reader and rights notices in words no list holds, an
author's bio. Every story is a real one of the shared corpus, in both languages, dressed as a
page; the tails are as unseen sites print them. Lines of a story that share one of those shapes
stay: a last sentence printed with no full stop, the list a last sentence announces, a call a
speaker makes, "you" in a quote or in advice.
"""

from __future__ import annotations

import pytest

from builder.ingest import generic
from builder.ingest.draft import Source
from builder.ingest.story_edges import speaks_to_reader
from tests.conftest import SHARED
from tests.dressed_sources import stories
from tests.test_ingest_story_furniture import body_of, corpus_stories, needs_corpus, page

CORPUS = SHARED / "corpus" / "wmt-newstest2021"

TAILS = {
    "en": [
        "MOST READ IN WORLD\nFlooding closes schools across the region\nA new mayor takes office",
        "Trending in Europe\n\nMore from the region",
        "Headlines you might have missed\nMarkets rally after rate decision\n"
        "Weather: a cold week ahead",
        "Got a tip? Write to our newsroom at tips@example.com or message us on Signal.",
        "If you were forwarded this newsletter and you like it, you can subscribe here.",
        "You have reached your limit of free articles for this month.",
        "Did you find this article useful?",
        "Stay up to date with the latest news from the region.",
        "Watch the Premier League live on Sky Go.",
        "Copyright Northern Daily Limited 2020. All rights reserved.",
        "Anna Petrova is a senior correspondent for The Northern Daily.",
        "We want to hear from you. Share your view in the comments below.",
        "Archive\nUser Agreement\nPrivacy Policy\nReader Guidelines",
        "Reproduction of this article is prohibited without written consent of the publisher.",
        "All news\nThe regional weekly, since 1991",
        "(Cover: Storm clouds over the city on Friday. /CFP)",
        "© 2010-2020 Northern Daily. Materials may be used with a link to the source.",
        "More on this\nBridge repairs to finish in May\n"
        "Your email address will not be published.\nName *",
    ],
    "ru": [
        "Самое читаемое\nВ городе открылся новый парк\nМэр подписал бюджет",
        "Другие новости раздела\n\nЛента событий",
        "Присылайте свои новости, фото и видео в наш WhatsApp по номеру +7 900 000-00-00",
        "Хотите первыми узнавать новости района? Подписывайтесь на наш канал.",
        "Ваш адрес электронной почты не будет опубликован.",
        "Понравилась статья? Поделитесь с друзьями.",
        "Поддержите редакцию: оформите подписку на нашу рассылку.",
        "Все права защищены. Полное или частичное воспроизведение материалов запрещено.",
        "Анна Петрова — старший корреспондент отдела политики.",
        "Читайте также\nВ области прошли учения спасателей\nНовый мост откроют в сентябре",
        "Архив\nПользовательское соглашение\nПолитика конфиденциальности\nПравила для читателей",
        "Все права на материалы принадлежат редакции. Перепечатка допускается только со ссылкой.",
        "Все новости\nГазета «Северный край», с 1917 года",
        "(Обложка: грозовые тучи над городом. /ТАСС)",
        "© 2000-2020 «Северный край». Использование материалов разрешается при условии ссылки.",
        "Из той же рубрики\nРемонт моста завершат в мае\nВаш адрес почты не будет опубликован."
        "\nИмя *",
    ],
}
"""Tails of kinds the readers of furniture have no words for: what is left under the story
once they are done, each to go whole; among them two lines glued as a heading over a story's
last line are, but for the lines under them, or the line a reader took out between (the
footer's "Privacy Policy")."""

TOPS = {
    "en": ["You have 3 free stories left this month. Subscribe for unlimited access.",
           "Listen to this article now",
           "In this article:",
           "Rescuers at the scene of the crash on Sunday. File | Photo Credit: AP",
           "The painting was sold at auction ©Getty Images",
           "Protesters in the city centre on Saturday. (REUTERS Photo)",
           "Delegates at the opening of the summit (AFP via Getty Images)",
           "Residents gather for a meeting on June 30. Anna Smith | City News",
           "Screenshot from the ministry's video", "Storm clouds over the city on Friday. /CFP",
           "Delegates at the opening of the summit, July 25, 2020. (Reuters)",
           "Regions: Tver Oblast"],
    "ru": ["Вы читаете бесплатную версию статьи. Оформите подписку, чтобы читать без рекламы.",
           "Хотите получать главные новости дня? Подпишитесь на нашу рассылку.",
           "Спасатели на месте пожара © ГУ МЧС по области",
           "Участники акции на площади Ленина (Фото: пресс-служба мэрии)",
           "Митинг в центре города Иван Петров / Городские новости",
           "Кадр из видеообращения губернатора", "Грозовые тучи над городом. /ТАСС",
           "Участники акции в центре города, 25 июля 2020 года. (ТАСС)", "Рубрика: Общество"],
}
"""Over the story: lines that speak to the reader, a label with nothing under it, a photo's
caption that ends with its credit."""

KEPT_FIRST = {
    "en": ["MOSCOW (Reuters) - Russia said on Sunday it had tested a new hypersonic missile.",
           "Talks between Moscow / Kyiv delegations resumed on Monday, officials said.",
           "The ministry published the figures on Friday (see the table below)."],
    "ru": ["МОСКВА, 26 июля. /ТАСС/. Россия испытала новую ракету, сообщили в Минобороны.",
           "Переговоры Москва / Киев возобновились в понедельник, сообщили дипломаты.",
           "Министерство опубликовало данные в пятницу (фото документа есть в редакции)."],
}
"""A story's first paragraph that ends or opens like a credit, and stays."""

KEPT_LAST = {
    "en": ["Talks resume on Monday",
           "\"You will see the results by winter,\" the minister told residents.",
           "If you find a lost animal, call the city's hotline on 112.",
           "Subscribe to the new rules or leave the union, the chairman told members.",
           "The company updated its rights notice, saying all rights reserved by the law "
           "stay with the authors, the court was told."],
    "ru": ["Переговоры продолжатся в понедельник",
           "«Вы увидите результат уже к зиме», — пообещал министр жителям.",
           "Если вы нашли потерявшееся животное, звоните по номеру 112.",
           "Подписывайтесь на новые правила или покидайте союз, заявил председатель.",
           "Все права защищены законом, напомнил министр."],
}
"""A story's last line that shares a shape with the tails above and stays: a post's last
sentence printed with no full stop, "you" in a quote, advice in the second person, a call a
speaker makes, a sentence about rights."""


@needs_corpus
@pytest.mark.parametrize("glued", [False, True])
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_tail_no_reader_knows_goes_whole_and_the_story_stays(lang, glued):
    for number, tail in enumerate(TAILS[lang]):
        draft, paragraphs = page(lang, number % 4, below=tail, glued=glued)
        assert body_of(draft) == paragraphs, tail
        left_out = " ".join([*(d.text for d in draft.dropped),
                             *(item.title for item in draft.related)])  # a sidebar's headlines
        assert all(line in left_out for line in tail.split("\n") if line), tail


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_call_to_the_reader_among_a_sidebars_headlines_is_no_teaser(lang):
    title, headlines, call = {
        "en": ("Read also", ["Council approves new budget for schools",
                             "Bridge repairs to finish in May"],
               "You can send us your news by email."),
        "ru": ("Читайте также", ["Совет одобрил бюджет для школ", "Ремонт моста завершат в мае"],
               "Присылайте нам свои новости на почту.")}[lang]
    for number in range(3):
        draft, paragraphs = page(lang, number, below="\n".join([title, headlines[0], call,
                                                                 headlines[1]]))
        assert body_of(draft) == paragraphs
        assert [(item.title, item.teaser) for item in draft.related] == [
            (headline, "") for headline in headlines]
        assert call in [d.text for d in draft.dropped]


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_call_to_the_reader_over_the_story_is_neither_body_nor_summary(lang):
    for number, top in enumerate(TOPS[lang]):
        draft, paragraphs = page(lang, number % 4, above=top)
        assert body_of(draft) == paragraphs, top
        assert top not in draft.summary


OVER_DATELINE = {"en": ["Web Desk Team", "3 mins to read", "Words: Anna Smith",
                        "RIA Novosti News (@rianru)", "Reading time: 4 minutes"],
                 "ru": ["Редакция Сайта", "3 мин на чтение", "Время чтения: 4 минуты",
                        "РИА Новости (@rianru)", "Текст: Анна Смирнова"]}
"""What a page prints between its date line and a story that opens with a dateline: a
byline of the site's team, a reading time, an agency's name and its account."""
DATELINES = {"en": "MOSCOW, July 26 (Reuters) - ", "ru": "МОСКВА, 26 июля. /ТАСС/. "}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_byline_or_a_reading_time_over_the_dateline_is_no_summary(lang):
    for number, line in enumerate(OVER_DATELINE[lang]):
        title, paragraphs = corpus_stories(lang)[number % 4]
        story = [DATELINES[lang] + paragraphs[0], *paragraphs[1:]]
        text = "\n\n".join([title, "26.07.2020 10:15", line, *story]) + "\n"
        draft = generic.extract(Source("x.txt", text, "0"))
        assert body_of(draft)[1:] == paragraphs[1:], line
        assert line not in " ".join(body_of(draft)) and line not in draft.summary, line
        assert paragraphs[0][:30] in draft.summary or not draft.summary, line


CONTROLS = {"en": "Location: Kazan, Tatarstan, Russia\nDownload video\nEmbed\nReport abuse\n"
                  "About this clip",
            "ru": "Место съёмки: Казань, Татарстан\nСкачать видео\nВстроить\nПожаловаться\n"
                  "Описание"}
"""A video page's facts, controls and the label over its description, each line alone."""
KICKERS = {"en": "Exclusive\nWhat the mayor told the council", "ru": "Эксклюзив\nЧто сказал мэр"}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("glued", [False, True])
def test_a_run_of_a_pages_controls_over_the_story_goes_and_a_kicker_stays(lang, glued):
    above = CONTROLS[lang] if glued else CONTROLS[lang].replace("\n", "\n\n")
    for number in range(4):
        draft, paragraphs = page(lang, number, above=above)
        assert body_of(draft) == paragraphs, above
        assert not any(line in draft.summary for line in CONTROLS[lang].split("\n"))
        draft, paragraphs = page(lang, number, above=KICKERS[lang])
        assert body_of(draft)[-len(paragraphs):] == paragraphs
        assert " ".join(body_of(draft)[:-len(paragraphs)]) in (" ".join(
            KICKERS[lang].split("\n")), KICKERS[lang].split("\n")[1])


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_first_paragraph_that_ends_like_a_credit_stays(lang):
    for number, first in enumerate(KEPT_FIRST[lang]):
        draft, paragraphs = page(lang, number % 4, above=first)
        assert body_of(draft) == [first, *paragraphs], first


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_last_line_of_the_story_in_such_a_shape_stays(lang):
    for number, sentence in enumerate(KEPT_LAST[lang]):
        draft, paragraphs = page(lang, number % 4, below=sentence)
        assert body_of(draft) == [*paragraphs, sentence], sentence


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_list_a_last_sentence_announces_stays(lang):
    announced = {"en": "The first three were:\n1. Anna Petrova, Kazan, 2:31:05\n"
                       "2. Ivan Smirnov, Omsk, 2:31:40\n3. Oleg Kuznetsov, Tver, 2:32:12",
                 "ru": "Первыми финишировали:\n1. Анна Петрова, Казань, 2:31:05\n"
                       "2. Иван Смирнов, Омск, 2:31:40\n3. Олег Кузнецов, Тверь, 2:32:12"}[lang]
    draft, paragraphs = page(lang, 1, below=announced)
    assert " ".join(body_of(draft)[len(paragraphs):]) == " ".join(announced.split("\n"))


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_other_stories_headlines_the_corpus_left_under_a_story_are_no_body(lang):
    """The corpus keeps two headlines of other stories under the story of an infant stolen in
    Salsk, as its page listed them: the body ends with the story's last sentence."""
    text = (CORPUS / lang / "newstest2021__gazeta.ru.151340.txt").read_text(encoding="utf-8")
    title, *lines = [line for line in text.split("\n") if line.strip()]
    date = {"en": "July 26, 2020", "ru": "26 июля 2020"}[lang]
    draft = generic.extract(Source("x.txt", f"{title}\n\n{date}\n\n" + "\n\n".join(lines), "0"))
    assert body_of(draft) == lines[:-2]
    assert [d.reason for d in draft.dropped if d.text in lines[-2:]] == [
        "no sentence under the story"] * 2


@pytest.mark.parametrize("text", [
    "Was this email forwarded to you? Sign up here.",
    "Open in app or online",
    "Make your inbox more interesting. Sign up for our newsletters.",
    "Ещё не подписаны на рассылку? Подпишитесь.",
    "Поступай в университет! Подать документы онлайн →",
])
def test_a_page_speaks_to_its_reader(text):
    assert speaks_to_reader(text)


@pytest.mark.parametrize("text", [
    "Listen to what the residents say, the mayor urged the council members.",
    "Помогите нам найти пропавшего ребенка, — попросила мать.",
    "\"Subscribe to our channel,\" the blogger told his followers.",
    "You can send your request by email or by letter to the city hall.",
    "Write in the comments, what's the weather like in your city, the forecaster asked.",
    "Напомним, ранее жители пожаловались на шум.",
])
def test_a_story_sentence_does_not(text):
    assert not speaks_to_reader(text)


@needs_corpus
def test_corpus_lines_speak_to_no_reader_at_a_storys_ends():
    """No first or last line of the corpus's stories (214 of each) reads as a call to the
    reader: a story's ends are its own."""
    for path in sorted(CORPUS.glob("*/*.txt")):
        lines = [line for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
        assert not speaks_to_reader(lines[1]), path.name
        assert not speaks_to_reader(lines[-1]), path.name


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("last", [False, True])
def test_a_link_title_alone_over_a_paragraph_is_left_out_and_the_paragraph_stays(lang, last):
    """A "Read More" button whose link was not copied, between two paragraphs or over the last
    one: the paragraph under it is the story's, not a sidebar's headline. (Over a last paragraph
    of 20 words or fewer it cannot be told from a sidebar of one headline with a full stop.)"""
    button = {"en": "Read More", "ru": "Читайте также"}[lang]
    told = [(story.title, [" ".join(p) for p in story.paragraphs])
            for story in stories(CORPUS, lang) if len(story.paragraphs) >= 3]
    title, paragraphs = next((title, paragraphs) for title, paragraphs in told
                             if len(paragraphs[-1 if last else 1].split()) > 20)
    at = len(paragraphs) - 1 if last else 1
    date = {"en": "July 26, 2020", "ru": "26 июля 2020"}[lang]
    text = f"{title}\n\n{date}\n\n" + "\n\n".join(
        [*paragraphs[:at], button, *paragraphs[at:]]) + "\n"
    draft = generic.extract(Source("x.txt", text, "0"))
    assert body_of(draft) == paragraphs
    assert draft.related == ()
    assert [d.reason for d in draft.dropped if d.text == button] == [
        "a link's title, its link not copied"]


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_link_title_alone_over_a_short_paragraph_takes_no_part_of_the_story(lang):
    """Under a stray "Read more" between short paragraphs, the story goes on: two of its
    paragraphs further down are no sidebar's items, so nothing under the title is related."""
    button = {"en": "Read more", "ru": "Читайте также"}[lang]
    told = [[" ".join(p) for p in story.paragraphs] for story in stories(CORPUS, lang)]
    paragraphs = next(p for p in told if len(p) >= 5 and len(p[2].split()) <= 20
                      and sum(len(q.split()) > 20 for q in p[2:]) >= 2)
    date = {"en": "July 26, 2020", "ru": "26 июля 2020"}[lang]
    text = f"Headline\n\n{date}\n\n" + "\n\n".join(
        [*paragraphs[:2], button, *paragraphs[2:]]) + "\n"
    draft = generic.extract(Source("x.txt", text, "0"))
    assert body_of(draft) == paragraphs
    assert draft.related == ()


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_agencies_a_wire_passed_through_after_its_last_sentence_are_no_text(lang):
    """"… waters. (ANI/Sputnik)": the last paragraph stays, its credit goes; a bracket inside
    the last sentence is its own ("… agreed (EU/UK).")."""
    for number, (mark, kept) in enumerate([("(ANI/Sputnik)", False), ("(AP/Reuters)", False),
                                           ("(EU/UK).", True)]):
        title, paragraphs = corpus_stories(lang)[number]
        last = f"{paragraphs[-1].rstrip('.')} {mark}" if kept else f"{paragraphs[-1]} {mark}"
        text = "\n\n".join([title, "26.07.2020 10:15", *paragraphs[:-1], last]) + "\n"
        draft = generic.extract(Source("x.txt", text, "0"))
        assert body_of(draft) == [*paragraphs[:-1], last if kept else paragraphs[-1]], mark
