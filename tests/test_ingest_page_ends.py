"""What pages print at the end, after the story, in the kinds an outside trial found kept: the
editors' initials over the agencies a wire was made from, an app's promo and an error page's
text, a line of hashtags, more agencies' end marks, a ministry's signing office over the page's
controls, a newsletter's footer (its name and year, its postal address), a promo of another
article, sidebars under more titles and appeals for donations, comment counters, and a "read us
in Telegram" control cut over two lines.

Every source is a real story of the shared corpus, in both languages where the kind exists in
both, dressed in several ways (other outlets and wordings, parted from the story by a blank line
or glued to it, alone or with its neighbours). The story must come out whole, in the body and
the summary, the furniture not at all; and a story's sentence that merely mentions an app, a
donation, a hashtag, an address or an explainer must stay.
"""

from __future__ import annotations

import datetime as dt

import pytest

from builder.formats import frontmatter
from builder.ingest import generic, letter
from builder.ingest.assemble import summary_of
from builder.ingest.draft import Source
from builder.ingest.extract import extract
from builder.ingest.layout import ends_sentence
from builder.ingest.run import ingest_sources
from tests.test_ingest_story_furniture import body_of, corpus_stories, needs_corpus, page

ENDS = {
    "stamp under the story": {"en": ["First published on July 26, 2020 / 10:41 AM",
                                     "Published: 26 July 2020"],
                              "ru": ["Дата публикации: 26.07.2020 10:41"]},
    "agency credits": {"en": ["dr/rt (Reuters, AP)", "aw/msh (AFP, dpa)", "jsi/sms (Reuters, AFP)",
                              "ls/rc (AP, Reuters, dpa)",
                              "To contact Bloomberg News staff for this story:\nIlya Arkhipov in "
                              "Moscow at iarkhipov@bloomberg.net\nTo contact the editors "
                              "responsible for this story:\nGregory L. White at "
                              "gwhite64@bloomberg.net"],
                       "ru": ["ав/мс (Reuters, AFP)", "ис/ок (dpa, AP)"]},
    "app promo": {"en": ["Take international news everywhere with you! Download the France 24 app",
                         "Download our app", "Get the BBC News app",
                         "Install the Meduza app for iOS and Android", "Get it on Google Play",
                         "Stay informed wherever you are with the Meduza app on iOS and Android"],
                  "ru": ["Скачайте приложение РИА Новости",
                         "Будьте в курсе главного! Скачайте наше приложение",
                         "Установите приложение «Коммерсантъ»", "Скачать приложение",
                         "Новости всегда под рукой — скачайте приложение РИА Новости!"]},
    "error page": {"en": ["The content you requested does not exist or is not available anymore.",
                          "Page not found", "404 - Page not found",
                          "Sorry, the page you were looking for could not be found.",
                          "This video is unavailable in your country"],
                   "ru": ["Страница не найдена", "Ошибка 404",
                          "Запрашиваемая страница не существует", "К сожалению, материал удален",
                          "Эта страница удалена"]},
    "hashtags": {"en": ["#Mexico #Hurricane #Natural disasters", "\\#COVID-19 #Vaccine",
                        "#Putin #Russia #Navy"],
                 "ru": ["#COVID-19 #Россия", "\\#Москва \\#погода", "Теги: Россия, Путин, ВМФ"]},
    "end marks": {"en": ["==Kyodo", "/ENDS", "—0—", "-0-", "(END)", "(MORE)", "END"],
                  "ru": ["(Окончание)", "==Kyodo", "(Конец)", "/ENDS"]},
    "office and controls": {
        "en": ["Department of Information and Mass Communications of the Ministry of Defence of "
               "the Russian Federation\nPrint version\nSend to friend\nShare",
               "Press Service of the Ministry of Emergency Situations\nSend to friend",
               "Information Department, Ministry of Foreign Affairs of the Russian Federation\n"
               "Print version", "Press Office of the Government of Moscow\n\nEmail to a friend",
               "Press Service of the Ministry of Transport\nBack to list",
               "Press Office of the Ministry of Health\nClick here to share on social media"],
        "ru": ["Департамент информационной политики Министерства обороны Российской Федерации\n"
               "Версия для печати\nОтправить другу",
               "Пресс-служба губернатора Краснодарского края\nОтправить другу\nПоделиться",
               "Управление по связям с общественностью Министерства здравоохранения\n\n"
               "Версия для печати", "Пресс-служба Министерства транспорта\nВернуться к списку "
               "новостей\nНаверх"]},
    "footer": {"en": ["The Bell, 2020", "Meduza, 12 Elizabetes iela, Riga, Latvia",
                      "The Bell, 1 Main Street, London EC1A 1BB, UK\nThe Bell, 2020",
                      "Address: 2 Main St., Springfield, IL 62701", "The Insider · 2020",
                      "Meduza, Riga, 2020"],
               "ru": ["Голос Америки, 330 Independence Avenue SW, Washington, DC 20237, USA",
                      "«Новая газета», 2020", "Адрес редакции: 101000, Москва, Мясницкая ул., д. 13",
                      "Россия, 119021, г. Москва, ул. Тимура Фрунзе, д. 11, стр. 2"]},
    "promo of another article": {
        "en": ["Read more about the deal in our explainer", "Find out more in our live blog.",
               "Read our explainer on why the rouble is falling.",
               "Read also: Putin reviews the fleet from a launch.",
               "See also: Who are the Taliban?", "For more on the vaccine, read our explainer."],
        "ru": ["Подробнее о «Панцирях» в Ливии — в материале «Ъ».",
               "Подробности — в нашем материале.",
               "О том, почему рубль падает, читайте в материале РБК.",
               "Читайте также: Путин провел парад ВМФ.", "По теме: Путин принял парад ВМФ"]},
    "appeal for support": {
        "en": ["Support independent journalism", "Donate",
               "Support independent journalism. Every contribution matters.",
               "The Moscow Times relies on its readers. Support us today!"],
        "ru": ["«Новая газета» остается независимой благодаря вам. Поддержите нас — каждое "
               "пожертвование важно.\nПоддержать", "Поддержать",
               "Мы существуем на деньги читателей. Поддержите нас!"]},
    "comment counter": {"en": ["Comments (12)", "Discuss (3)", "💬 37", "Comments: 4",
                               "View comments (5)"],
                        "ru": ["Обсудить (37)", "Комментарии 5", "Комментарии: 12",
                               "Обсуждение (2)"]},
}


@needs_corpus
@pytest.mark.parametrize("kind", list(ENDS))
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("glued", [False, True])
def test_what_a_page_prints_after_the_story_is_neither_body_nor_summary(kind, lang, glued):
    for number, line in enumerate(ENDS[kind][lang]):
        draft, paragraphs = page(lang, (number + glued) % 4, below=line, glued=glued)
        assert body_of(draft) == paragraphs, line
        assert not draft.summary or draft.summary == paragraphs[0]
        left_out = [d.text for d in draft.dropped]
        assert all(part in left_out for part in line.split("\n") if part), (line, left_out)


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_end_of_a_page_goes_whole_whatever_order_its_lines_come_in(lang):
    """The trial's pages print several of these under one story, in any order, with the
    share buttons and the copyright line around them."""
    lines = [ENDS[kind][lang][0] for kind in ENDS]
    for turn in range(3):
        shown = lines[turn:] + lines[:turn]
        text = "\n".join(["Share", *shown, "© 2020 Example Media. All rights reserved."])
        draft, paragraphs = page(lang, turn, below=text)
        assert body_of(draft) == paragraphs, shown


STORY_SENTENCES = {
    "en": ["Users can download the app from the ministry's website.",
           "Download the app, the health minister urged residents on Sunday.",
           "Users shared the videos under the hashtag #BlackLivesMatter.",
           "#MeToo movement reached Russia in 2018, activists said.",
           "The press service of the ministry sent the statement to a friend of the family.",
           "The embassy is at 330 Independence Avenue SW, Washington, the statement said.",
           "The Bell reported this in 2020.",
           "Read more about the situation in the Kommersant report.",
           "Donations to the fund doubled in July, its director said.",
           "Support for the measure fell to 40 percent, the poll showed.",
           "Comments from 12 lawmakers were published on Friday.",
           "The page was not found in the archive, the court said.",
           "The ministry's app is available on Android and iOS.",
           "The article was removed after complaints, the paper said.",
           "Reporters from Reuters and AP (both agencies) were at the scene."],
    "ru": ["Приложение можно скачать бесплатно, сообщили в мэрии.",
           "Скачайте приложение «Госуслуги», призвали в мэрии.",
           "Пользователи публикуют фото с хештегом #ЯМы.",
           "Пресс-служба министерства отправила документ в суд.",
           "Офис компании находится по адресу: Москва, ул. Правды, 24, сообщили в пресс-службе.",
           "Подробнее о ходе расследования рассказал прокурор в интервью ТАСС.",
           "Об этом говорится в материале агентства.",
           "Фонд собрал пожертвования на лечение детей.",
           "Поддержите нас, — призвал глава фонда жителей города.",
           "Комментарии 5 экспертов разошлись во мнениях.",
           "Страница компании в соцсети не найдена, сообщили в полиции.",
           "Приложение доступно для Android и iOS с понедельника.",
           "Вернуться к списку дел президент смог лишь в понедельник.",
           "Подробнее о ситуации - в материале «Ъ» «Израиль ждет мести „Хезболлы“»."],
}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("where", ["between", "below"])
def test_story_sentences_that_mention_an_app_a_donation_a_hashtag_or_an_address_stay(lang,
                                                                                      where):
    """A story's last paragraph is the story's, whatever it mentions; a promo that names the
    article it points to by its title cites it, as a reference to a source does, and stays."""
    for number, sentence in enumerate(STORY_SENTENCES[lang]):
        draft, paragraphs = page(lang, number % 4, **{where: sentence})
        expected = ([paragraphs[0], sentence, *paragraphs[1:]] if where == "between"
                    else [*paragraphs, sentence])
        assert body_of(draft) == expected, sentence


def test_an_agencys_end_mark_glued_to_the_last_sentence_is_cut_off_it():
    for mark in ("==Kyodo", "/ENDS", "—0—", "(Окончание)", "dr/rt (Reuters, AP)",
                 "aw/msh (AFP, dpa)"):
        text = ("Talks in Doha resumed\n\n26.07.2020\n\nThe talks resumed on Sunday, officials "
                f"said.\n\nThey will go on for a week. {mark}\n")
        draft = generic.extract(Source("x.txt", text, "0"))
        assert body_of(draft) == ["The talks resumed on Sunday, officials said.",
                                  "They will go on for a week."], mark


def test_a_score_a_slash_or_a_note_closing_a_sentence_is_no_end_mark():
    for last in ("The match ended 1-0.", "The road to Riga/ENDS is closed.",
                 "The ratio was 2020/21.", "Both are allowed. and/or (see the rules)"):
        text = f"Match report\n\n26.07.2020\n\nThe teams met on Sunday.\n\n{last}\n"
        assert body_of(generic.extract(Source("x.txt", text, "0")))[-1] == last


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_an_agencys_initials_in_italics_under_a_saved_pages_story_are_left_out(project, lang):
    title, paragraphs = corpus_stories(lang)[1]
    credit = {"en": "dr/rt (Reuters, AP)", "ru": "ав/мс (Reuters, AFP)"}[lang]
    html = (f'<html lang="{lang}"><head><title>{title}</title></head><body><article>'
            f'<h1>{title}</h1><time datetime="2020-07-26">26.07.2020</time>'
            + "".join(f"<p>{p}</p>" for p in paragraphs) + f"<p><em>{credit}</em></p>"
            + "</article></body></html>")
    draft, _ = extract(Source("page.html", html, "0"), ".html", project.config())
    assert body_of(draft) == paragraphs


SIDEBARS = {"en": ["Most read", "More stories", "Most Viewed"],
            "ru": ["Самое интересное", "Ещё новости", "Главное за день", "Еще новости:"]}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("teasers", [False, True])
def test_a_sidebar_under_more_titles_goes_to_related_with_the_promos_above_it(lang, teasers):
    """«Самое интересное», «Ещё новости», "Most read" and the like, with two headlines or three,
    teasers or none, under a donation's appeal or a subscribe call or straight under the story."""
    others = [(headline, story) for headline, story in corpus_stories(lang, 12)[4:]
              if not ends_sentence(headline)][:3]  # a few corpus titles end with a colon
    above = [ENDS["appeal for support"][lang][0], "", ENDS["app promo"][lang][0]]
    for number, title in enumerate(SIDEBARS[lang]):
        items = others[: 2 + number % 2]
        lines = [line for headline, story in items  # a teaser: the story's first sentence
                 for line in ([headline, story[0].split(". ")[0] + "."] if teasers else [headline])]
        below = "\n".join(filter(None, [above[number % 3], title, *lines]))
        draft, paragraphs = page(lang, number % 4, below=below)
        assert body_of(draft) == paragraphs, title
        assert [item.title for item in draft.related] == [headline for headline, _ in items]


STACKED = {"en": ("More from News", "Most Read", "About\nConnect\nOur Channels"),
           "ru": ("Другие новости", "Самое читаемое", "О нас\nКонтакты")}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_two_sidebars_one_over_the_other_both_go_to_related(lang):
    """"More from News" and its headlines over "Most Read" and its, the site's links under
    them: every headline is related, none is the story's; a heading the story has between its
    paragraphs («Главное») stays, with the paragraphs under it."""
    others = [headline for headline, _ in corpus_stories(lang, 12)[4:]
              if not ends_sentence(headline)][:3]
    first, second, links = STACKED[lang]
    below = "\n".join([first, *others[:2], second, others[2], links])
    for index in range(3):
        draft, paragraphs = page(lang, index, below=below)
        assert body_of(draft) == paragraphs
        assert [item.title for item in draft.related] == others
    heading = {"en": "Main points", "ru": "Главное"}[lang]
    title, paragraphs = corpus_stories(lang)[1]
    story = [*paragraphs[:-1], heading, paragraphs[-1]]
    text = f"{title}\n\n26.07.2020\n\n" + "\n\n".join(story) + f"\n\n{below}\n"
    assert body_of(generic.extract(Source("x.txt", text, "0"))) == story


UNKNOWN_TITLES = {"en": ["Read next", "Don't miss", "More headlines"],
                  "ru": ["Не пропустите", "Выбор редакции", "Новости дня"]}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_title_no_list_knows_over_a_sidebar_is_neither_story_nor_headline(lang):
    """A few words with no stop between the story's last sentence and three headlines or more
    title them, in words no list has to know; a short last sentence of the story stays."""
    others = [(headline, story) for headline, story in corpus_stories(lang, 12)[4:]
              if not ends_sentence(headline)][:3]
    for number, title in enumerate(UNKNOWN_TITLES[lang]):
        below = "\n".join([title, *(headline for headline, _ in others)])
        draft, paragraphs = page(lang, number % 4, below=below, glued=number == 1)
        assert body_of(draft) == paragraphs, title
        assert [item.title for item in draft.related] == [headline for headline, _ in others]
    short = {"en": "The parade is over.", "ru": "Парад завершился."}[lang]
    draft, paragraphs = page(lang, 0, below=short + "\n\n" + "\n".join(h for h, _ in others))
    assert body_of(draft) == [*paragraphs, short]


CUT = {"en": [("Follow us on", "Telegram"), ("Follow us on", "Google News"),
              ("Read us on", "Telegram")],
       "ru": [("Читать ria.ru в", "Telegram"), ("Читайте нас в", "Дзен"),
              ("Подписывайтесь на наш канал", "в Telegram"), ("Читайте РИА Новости в", "Telegram")]}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("where", ["above", "below"])
def test_a_control_cut_over_two_lines_is_neither_summary_nor_body(lang, where):
    for number, (first, second) in enumerate(CUT[lang]):
        draft, paragraphs = page(lang, number % 4, **{where: f"{first}\n{second}"})
        assert body_of(draft) == paragraphs, first
        assert summary_of(draft.body, lang, {}).startswith(paragraphs[0][:40])
        assert {first, second} <= {d.text for d in draft.dropped}


@needs_corpus
def test_a_copied_agency_page_with_its_telegram_control_over_the_story_gets_its_summary():
    """RIA's page: headline, stamp, view count, then «Читать ria.ru в» / «Telegram», then the
    dateline and the story: the summary is the story's first sentence, never the control."""
    title, paragraphs = corpus_stories("ru")[2]
    text = (f"РИА Новости\nВ мире\nЭкономика\n{title}\n12:31 26.07.2020 (обновлено: 13:05 "
            "26.07.2020)\n1243\nЧитать ria.ru в\nTelegram\nСАНКТ-ПЕТЕРБУРГ, 26 июл — РИА "
            f"Новости. {paragraphs[0]}\n" + "\n".join(paragraphs[1:]) + "\n")
    draft = generic.extract(Source("x.txt", text, "0"))
    assert draft.title == title and draft.outlet == "ria"
    assert summary_of(draft.body, "ru", {}).startswith(paragraphs[0][:40])
    assert not any("Telegram" in b.text for b in draft.body[:1])


def test_sentences_cut_before_a_channels_name_stay_the_storys():
    text = ("Video of the parade\n\n26.07.2020\n\nThe ministry published the video in\n"
            "Telegram.\n\nIt was watched 10,000 times.\n")
    assert body_of(generic.extract(Source("x.txt", text, "0"))) == [
        "The ministry published the video in Telegram.", "It was watched 10,000 times."]


LETTER_FOOTERS = {"en": ("The Bell <newsletter@thebell.io>", "You are receiving this email "
                         "because you subscribed.\nUnsubscribe | Update your preferences\n"
                         "The Bell, 2020"),
                  "ru": ("Голос Америки <newsletter@golos-ameriki.ru>", "Вы получили это "
                         "письмо, потому что подписались на рассылку.\nОтписаться от рассылки\n"
                         "Голос Америки, 330 Independence Avenue SW, Washington, DC 20237, USA")}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_newsletters_footer_is_no_story_and_never_a_fragment_to_translate(project, lang):
    """Its name and year, its postal address (in English under a Russian letter): were it kept,
    the address would be a passage in the other language, stored in the catalogs."""
    sender, footer = LETTER_FOOTERS[lang]
    title, paragraphs = corpus_stories(lang)[3]
    text = (f"From: {sender}\nDate: Sun, 26 Jul 2020 14:30:00 -0400\nSubject: {title}\n\n"
            f"{title}\n\n" + "\n\n".join(paragraphs) + f"\n\n{footer}\n")
    assert body_of(letter.extract(Source("x.txt", text, "0"))) == paragraphs
    project.write("content/sources/letter.txt", text)
    result = ingest_sources(project.config(), today=dt.date(2021, 12, 1))
    assert not [d for d in result.diagnostics if d.code == "fragment-new"]
    body = frontmatter.parse(project.read(result.outcomes[0].detail)).body
    assert footer.split("\n")[-1] not in body.replace("\\", "")


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_markdown_sources_hashtags_escaped_or_not_and_promos_are_no_body(project, lang):
    title, paragraphs = corpus_stories(lang)[2]
    ends = {"en": ["\\#Mexico \\#Hurricane", "Download our app", "dr/rt (Reuters, AP)"],
            "ru": ["\\#COVID-19 #Россия", "Скачайте приложение РИА Новости", "Обсудить (37)"]}[lang]
    text = (f"---\ntitle: {title}\ndate: 2020-07-26\n---\n\n" + "\n\n".join(paragraphs)
            + "\n\n" + "\n\n".join(ends) + "\n")
    draft, _ = extract(Source("note.md", text, "0"), ".md", project.config())
    assert body_of(draft) == paragraphs
