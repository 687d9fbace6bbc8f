"""What news pages print after a story, over it and between its paragraphs, in the forms the
earlier tests had not met: calls to comment, "the story is being updated", appeals for
donations, the interviewer's credit, agencies' end marks, other reporters' credits, an outlet's
own advertisement, the footer's links, photo credits without a colon, a "listen" player.

Every source is a real story of the shared corpus (in both languages) dressed as a page: its
headline, a date line, the story, and the furniture at the end, glued to the last paragraph or
parted by a blank line, or over the story. The story must come out whole, the furniture not at
all; and sentences of a story that only look like furniture must stay.
"""

from __future__ import annotations

import itertools

import pytest

from builder.ingest import generic
from builder.ingest.draft import Source
from tests.conftest import SHARED
from tests.dressed_sources import stories

CORPUS = SHARED / "corpus" / "wmt-newstest2021"
needs_corpus = pytest.mark.skipif(
    not (CORPUS / "pairs.jsonl").is_file(),
    reason="the shared news corpus (../shared/corpus/wmt-newstest2021) is not beside this clone")

DATE_LINES = {"en": ["July 26, 2020, 14:05", "26 Jul 2020 10:15 GMT"],
              "ru": ["26 июля 2020, 14:05", "26.07.2020 10:15"]}


def corpus_stories(lang: str, count: int = 4):
    """A few stories of the corpus in ``lang``, of three paragraphs or more, each paragraph
    one line."""
    if not (CORPUS / lang).is_dir():
        return []
    found = [s for s in stories(CORPUS, lang) if len(s.paragraphs) >= 3]
    return [(s.title, [" ".join(p) for p in s.paragraphs]) for s in found[::7][:count]]


def page(lang: str, index: int, above: str = "", below: str = "", glued: bool = False,
         between: str = "") -> tuple[object, list[str]]:
    """The ``index``-th story in ``lang`` dressed as a page with ``above`` over its first
    paragraph, ``between`` after its first, ``below`` under its last; the draft ingest makes of
    it and the story's paragraphs."""
    title, paragraphs = corpus_stories(lang)[index]
    date = DATE_LINES[lang][index % 2]
    body = paragraphs[0] + (f"\n\n{between}" if between else "") + "\n\n" + \
        "\n\n".join(paragraphs[1:])
    text = f"{title}\n\n{date}\n\n" + (f"{above}\n\n" if above else "") + body + \
        (("\n" if glued else "\n\n") + below if below else "") + "\n"
    return generic.extract(Source("x.txt", text, "0")), paragraphs


def body_of(draft) -> list[str]:
    return [" ".join(b.text.split()) for b in draft.body]


UNDER = {
    "en": ["Discuss", "Leave a comment", "Log in to comment", "This story is developing.",
           "This is a developing story and will be updated.", "Contribute today",
           "Support independent journalism", "We need your support.",
           "Interviewed by Anna Smith", "CNN's Kylie Atwood contributed to this report.",
           "Reuters reporters Ivan Petrov and Maria Smith contributed to this report.",
           "(END)", "(Ends)", "-30-", "###", "Click to copy",
           "Before it's here, it's on the Bloomberg Terminal.", "Sponsored Headlines",
           "Terms of Use\nPrivacy Policy", "Select text and press Ctrl+Enter to report an error",
           "All stories on this topic", "Join our commenting forum", "Related",
           "Recommended Articles", "You can share this story on social media:",
           "Share or comment on this article:",
           "Poll\nDo you believe the new ceasefire will hold?\nYes\nNo\nHard to say\nVote\n"
           "Show results", "Will the talks succeed?\nYes\nNo\nVote", "Read next",
           "What to Read Next", "App_Store_Badge\ngoogle-play-badge", "Follow us on Telegram",
           "Hotline: +1 202 555 0100", "Registered as an online mass media outlet by the "
           "Federal Service for Supervision of Communications, certificate EL No. FS77-72456",
           "Read the full version", "All news", "Back to news",
           "Source: Tver Region Government press service", "Comments\nHave your say",
           "Join the conversation", "Pasted from <https://www.example.com/news/2020/07/26/a.html>",
           "Disclaimer : This story is auto-generated from a syndicated feed. Staff may not have "
           "edited the content.", "(This story has not been edited by Example Times staff and is "
           "auto-generated from a syndicated feed.)", "Regions: Tver Oblast"],
    "ru": ["Обсудить", "Оставить комментарий", "Войдите, чтобы комментировать",
           "Материал дополняется", "Новость дополняется.", "Информация уточняется",
           "Поддержите «Новую»", "Помогите Медузе", "«Медуза» — это вы! Нам нужна ваша поддержка.",
           "Этот материал вышел в журнале «Новая газета». Поддержите «Новую»",
           "Беседовала Ирина Тумакова", "Беседовал Андрей Колесников", "Записала Мария Петрова",
           "Чтобы сообщить об ошибке, выделите текст и нажмите Ctrl+Enter",
           "Все материалы сюжета", "Все материалы сюжета «Парад ВМФ»", "(Конец)",
           "В подготовке материала участвовала Анна Иванова.",
           "Пользовательское соглашение\nПолитика конфиденциальности", "Скопировать ссылку",
           "Оставьте свой комментарий", "Новости партнеров", "Самое читаемое",
           "Поделиться новостью в соцсетях:",
           "Опрос\nВы слышали взрывы или видели дым?\nДа\nНет\nПроголосовать",
           "Как вы оцениваете решение?\nПоложительно\nОтрицательно\nЗатрудняюсь ответить\n"
           "Голосовать\nРезультаты", "Лучшее за неделю",
           "Новости Волгограда в Telegram — подписывайтесь!",
           "Телефон горячей линии: 8 (8652) 27-17-84",
           "Сетевое издание 66.ru. Свидетельство о регистрации ЭЛ № ФС 77 - 72456. 18+",
           "Все новости", "Вернуться к списку новостей", "Читать полную версию",
           "Источник: пресс-служба правительства Тверской области",
           "Комментарии\nСтаньте первым, кто оставит комментарий",
           "Вставлено из <https://example.ru/news/2020/07/26/123>", "Рубрика: Общество",
           "Регион: Тверская область"],
}


@needs_corpus
@pytest.mark.parametrize(("lang", "line"), [(lang, line) for lang in UNDER for line in UNDER[lang]])
@pytest.mark.parametrize("glued", [False, True])
def test_what_pages_print_under_the_story_is_left_out(lang, line, glued):
    for index in range(2):
        draft, paragraphs = page(lang, index + glued * 2, below=line, glued=glued)
        assert body_of(draft) == paragraphs, line
        assert all(part in [d.text for d in draft.dropped] for part in line.split("\n"))


OVER = {
    "en": ["Listen to this story", "Listen to article 4 min", "Listen to article\n2:14",
           "LISTEN TO ARTICLE", "Rescue teams at the crash site [File: Jean-Christophe Bott/EPA]",
           "Police in the city centre on Sunday [Alexander Zemlianichenko/AP]",
           "Photo by John Smith/Reuters", "Getty Images", "AFP via Getty Images",
           "Sergei Ivanov / Getty Images", "Photograph courtesy of the city council",
           "Kirill Zykov / Moskva News Agency", "File photo: Riverside Herald",
           "Your browser does not support the <audio> element.",
           "Browser doesn't support audio", "Enjoy more audio and podcasts on iOS or Android.",
           "Supplied: Estonian Police", "Facebook Icon\nShare icon",
           "The crash site in the village of Soodla.(Supplied: Estonian Police)"],
    "ru": ["Слушать новость", "Слушать статью 3 мин", "Фото пресс-службы губернатора",
           "Фото пресс-службы правительства Иркутской области", "Фото из открытых источников",
           "Фото автора", "Фото РИА Новости", "Фотография предоставлена пресс-службой МЧС",
           "Участники акции на площади [Фото: Иван Петров/ТАСС]",
           "Иван Петров / пресс-служба губернатора", "Иллюстративное фото: Bel.Ru",
           "Ваш браузер не поддерживает аудио."],
}


@needs_corpus
@pytest.mark.parametrize(("lang", "line"), [(lang, line) for lang in OVER for line in OVER[lang]])
@pytest.mark.parametrize("where", ["above", "between"])
def test_a_player_or_a_photo_credit_without_a_colon_is_neither_story_nor_summary(lang, line,
                                                                                where):
    draft, paragraphs = page(lang, 1, **{where: line})
    assert body_of(draft) == paragraphs and draft.summary == ""
    assert all(part in [d.text for d in draft.dropped] for part in line.split("\n"))


LOOKALIKES = {
    "en": ["He said the material was being updated.",
           "The deal was confirmed on Friday, said CNN's Jane Doe.",
           "Photos by local residents showed the flooded streets of the city.",
           "Listen to what the residents say, the mayor urged the council members.",
           "Support for the measure fell to 40 percent, the poll showed.",
           "Discussions on the matter will continue on Monday.",
           "Will the talks succeed? Nobody in Brussels would say.",
           "The hotline number, 112, works around the clock, the ministry said.",
           "Browsers that do not support the new standard will be blocked, the company said.",
           "The end of the war was announced by the ministry on Sunday."],
    "ru": ["Он сказал, что материал дополняется новыми данными.",
           "Об этом сообщила корреспондент CNN Джейн Доу.",
           "Фото пострадавших домов опубликовали в соцсетях местные жители.",
           "Помогите нам найти пропавшего ребенка, — попросила мать.",
           "Поддержите нас, призвал жителей губернатор.",
           "Беседовала с журналистами и председатель комиссии.",
           "Обсудить этот вопрос стороны договорились в понедельник.",
           "Проголосовать смогут все жители района старше 18 лет.",
           "Телефон доверия, по словам министра, будет работать круглосуточно.",
           "Иван Петров / Мария Сидорова: кто победит на выборах?"],
}


@needs_corpus
@pytest.mark.parametrize(("lang", "sentence"),
                         [(lang, s) for lang in LOOKALIKES for s in LOOKALIKES[lang]])
@pytest.mark.parametrize("where", ["below", "between"])
def test_a_story_sentence_that_looks_like_furniture_stays(lang, sentence, where):
    draft, paragraphs = page(lang, 2, **{where: sentence})
    expected = ([*paragraphs, sentence] if where == "below"
                else [paragraphs[0], sentence, *paragraphs[1:]])
    assert body_of(draft) == expected


@needs_corpus
@pytest.mark.parametrize(("lang", "credit"), [("ru", "Фото: Андрей Гордеев / Ведомости"),
                                              ("en", "Photo: Sergei Ivanov / TASS"),
                                              ("ru", "Фото пресс-службы мэрии"),
                                              ("en", "Photo by John Smith/Reuters")])
def test_a_paragraph_over_a_photo_credit_in_a_text_a_paragraph_a_line_is_kept(lang, credit):
    for index in range(3):
        title, paragraphs = corpus_stories(lang)[index]
        lines = [*paragraphs[:2], credit, *paragraphs[2:]]
        text = f"{title}\n{DATE_LINES[lang][0]}\n" + "\n".join(lines) + "\n"
        draft = generic.extract(Source("x.txt", text, "0"))
        assert body_of(draft) == paragraphs
        assert credit in [d.text for d in draft.dropped]


def test_a_short_caption_over_its_credit_still_goes():
    for caption, credit in itertools.product(
            ["Protesters in London on Sunday.", "Участники акции у здания мэрии"],
            ["Photo: Ivan Petrov / TASS", "Фото пресс-службы мэрии"]):
        text = (f"Fire at a plant\n\n26 July 2020\n\nA fire broke out at the plant.\n\n{caption}\n"
                f"{credit}\n\nNobody was hurt.\n")
        draft = generic.extract(Source("x.txt", text, "0"))
        assert body_of(draft) == ["A fire broke out at the plant.", "Nobody was hurt."]


@needs_corpus
@pytest.mark.parametrize(("lang", "place", "dash"), [
    ("en", "WASHINGTON", " - "), ("en", "MOSCOW", " — "), ("en", "NEW YORK", " -- "),
    ("en", "ST. PETERSBURG", " – "), ("ru", "МОСКВА", " — "), ("ru", "РОСТОВ-НА-ДОНУ", " - "),
    ("ru", "НЬЮ-ЙОРК", " – ")])
@pytest.mark.parametrize("index", [0, 1, 3])
def test_a_dateline_of_a_place_and_a_dash_alone_is_the_place_and_not_the_summary(lang, place, dash,
                                                                               index):
    from builder.ingest.dateline import without_dateline

    title, paragraphs = corpus_stories(lang)[index]
    text = f"{title}\n\n{DATE_LINES[lang][0]}\n\n{place}{dash}" + "\n\n".join(paragraphs) + "\n"
    draft = generic.extract(Source("x.txt", text, "0"))
    assert draft.place == place
    assert without_dateline(body_of(draft)[0], {}) == paragraphs[0]
    assert body_of(draft)[1:] == paragraphs[1:]


@pytest.mark.parametrize("paragraph", [
    "Moscow - the city where the talks were held - was calm on Sunday.",
    "NATO - the alliance of thirty countries - met on Monday.",
    "MOSCOW-based companies said they would cut jobs.", "TASS - The agency reported it first.",
    "Москва — город, где прошли переговоры.", "США - Китай: переговоры продолжатся.",
    "EU - UK Talks Resume in Brussels"])
def test_a_paragraph_opening_with_a_name_and_a_dash_is_no_dateline(paragraph):
    from builder.ingest.dateline import parse

    found = parse(paragraph, {}, first=True)
    assert found is None or found.place != paragraph.split()[0]


def test_a_place_and_a_dash_further_in_the_story_is_running_text():
    from builder.ingest.dateline import parse

    assert parse("WASHINGTON - The Republicans are proposing more.", {}) is None
    assert parse("WASHINGTON - The Republicans are proposing more.", {}, first=True) is not None


@pytest.mark.parametrize("agency", ["AFP", "Reuters", "ТАСС"])
def test_an_agencys_name_alone_over_the_date_line_is_no_photo_credit_but_the_outlet(agency):
    draft = generic.extract(Source("x.txt", f"Fire at a plant\n\n{agency}\nPublished on 30 Nov 2020"
                                            " - 14:33\n\nA fire broke out at the plant.\n\n"
                                            "Nobody was hurt.\n", "0"))
    assert draft.date is not None and draft.outlet in ("afp", "reuters", "tass")
    assert body_of(draft) == ["A fire broke out at the plant.", "Nobody was hurt."]


ROLES = {"en": ["ESPN Staff Writer", "Senior Correspondent", "Moscow correspondent",
                "Political Editor", "Reuters Staff Reporter", "Columnist"],
         "ru": ["Специальный корреспондент", "Обозреватель «Новой газеты»", "Корреспондент РБК",
                "Собственный корреспондент", "Политический обозреватель", "Редактор отдела политики"]}
NAMES = {"en": ["Ohm Youngmisuk", "Anna Smith"], "ru": ["Ирина Тумакова", "Андрей Колесников"]}


@needs_corpus
@pytest.mark.parametrize(("lang", "role"), [(lang, r) for lang in ROLES for r in ROLES[lang]])
@pytest.mark.parametrize("parted", [False, True])
def test_a_bylines_job_title_on_its_own_line_is_neither_story_nor_summary(lang, role, parted):
    for index in range(2):
        title, paragraphs = corpus_stories(lang)[index]
        gap = "\n\n" if parted else "\n"
        text = (f"{title}\n{DATE_LINES[lang][index]}\n{NAMES[lang][index]}{gap}{role}\n\n"
                + "\n\n".join(paragraphs) + "\n")
        draft = generic.extract(Source("x.txt", text, "0"))
        assert body_of(draft) == paragraphs and draft.summary == ""
        assert role in [d.text for d in draft.dropped]


@pytest.mark.parametrize("sentence", [
    "The editor of the newspaper said it would close.", "Correspondents were not allowed in.",
    "Корреспондент РБК задал вопрос министру.", "Обозреватель считает, что рынок упадет."])
def test_a_sentence_about_a_reporter_stays(sentence):
    lang = "ru" if any("а" <= c <= "я" for c in sentence) else "en"
    text = {"en": "Fire at a plant\n\n26 July 2020\n\nA fire broke out.\n\n{}\n\nNobody was hurt.\n",
            "ru": "Пожар на заводе\n\n26 июля 2020\n\nНачался пожар.\n\n{}\n\nНикто не пострадал.\n"
            }[lang].format(sentence)
    assert sentence in body_of(generic.extract(Source("x.txt", text, "0")))


@needs_corpus
@pytest.mark.parametrize(("lang", "update", "published", "day"), [
    ("en", "Updated: 27/07/2020 - 08:05", "26/07/2020 - 12:41", 26),
    ("en", "Updated on July 28, 2020, 9:10 AM", "July 25, 2020, 4:12 PM", 25),
    ("en", "Last updated 27 Jul 2020 10:00 GMT", "Published 26 Jul 2020 09:00 GMT", 26),
    ("ru", "Обновлено: 27 июля 2020, 10:00", "26 июля 2020, 12:41", 26),
    ("ru", "Изменено 28.07.2020 11:15", "24.07.2020 09:30", 24)])
@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_an_updates_stamp_above_the_publication_line_is_not_the_date(lang, update, published, day,
                                                                   gap):
    for index in range(2):
        title, paragraphs = corpus_stories(lang)[index]
        text = f"{title}\n\n{update}{gap}{published}\n\n" + "\n\n".join(paragraphs) + "\n"
        draft = generic.extract(Source("x.txt", text, "0"))
        assert (draft.date.day, draft.date.month, draft.date.year) == (day, 7, 2020)
        assert body_of(draft) == paragraphs


def test_an_updates_stamp_alone_is_still_the_date():
    draft = generic.extract(Source("x.txt", "Fire at a plant\n\nUpdated: 27/07/2020 - 08:05\n\n"
                                            "A fire broke out.\n\nNobody was hurt.\n", "0"))
    assert (draft.date.day, draft.date.month) == (27, 7)


@needs_corpus
@pytest.mark.parametrize(("lang", "opening"), [
    ("en", "Tallinn, 26 July 2020. "), ("en", "New Delhi, July 26, 2020. "),
    ("en", "Saint Petersburg, 26 Jul 2020. "), ("en", "St. Petersburg, July 26, 2020 – "),
    ("en", "Ft. Lauderdale, July 26, 2020. "), ("ru", "Таллин, 26 июля 2020 г. "),
    ("ru", "Ростов-на-Дону, 26 июля 2020 года. "), ("ru", "Нижний Новгород, 26.07.2020. ")])
@pytest.mark.parametrize("index", [0, 2])
def test_a_place_written_as_a_name_a_whole_date_and_a_full_stop_is_a_dateline(lang, opening,
                                                                             index):
    """A regional site's or a press office's dateline: the place as a name is written, not in
    capitals, then the date with its year and a full stop. It was read as running text, so
    the story had no date (an outside trial's source waited for a sidecar)."""
    title, paragraphs = corpus_stories(lang)[index]
    text = f"{title}\n\n{opening}" + "\n\n".join(paragraphs) + "\n"
    draft = generic.extract(Source("x.txt", text, "0"))
    assert draft.date is not None and (draft.date.day, draft.date.month, draft.date.year) == (
        26, 7, 2020)
    assert draft.place == opening.split(",")[0]
    assert body_of(draft)[1:] == paragraphs[1:]


@pytest.mark.parametrize("paragraph", [
    "Moscow, 26 July 2020. that is what the letter said.",  # no sentence after it
    "Moscow, 26 July. The talks began.",  # no year: the story's own words may run so
    "In Moscow, 26 July 2020, the talks began.",
    "Москва, 26 июля 2020 года, стала местом переговоров."])
def test_a_name_and_a_date_without_a_full_stop_and_a_sentence_is_running_text(paragraph):
    from builder.ingest.dateline import parse

    assert parse(paragraph, {}) is None
