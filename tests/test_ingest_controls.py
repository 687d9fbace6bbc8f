"""What pages print around a story that the earlier tests had not met: live blogs' controls, a
link to the page's other version, an agency's promo of its channel, an end mark glued to the
last sentence, a market-data footer, a social post's counters (on one line or several), a view
count alone over the headline, a "More on this story" block, readers' comments; and the date a
statement signs off with under it.

Every source is a real story of the shared corpus (in both languages) dressed as a page, with
the furniture over, between or under the paragraphs. The story must come out whole and the
furniture not at all; sentences of a story that only look like furniture (a story's sentence
about a Telegram channel, one quoting "show more", one ending in a date, a number inside a
sentence) must stay.
"""

from __future__ import annotations

import pytest

from builder.ingest import generic, layout
from builder.ingest.draft import Source
from tests.test_ingest_story_furniture import body_of, corpus_stories, needs_corpus, page

FURNITURE = {
    "en": ["Show key events only", "Please turn on JavaScript to use this feature",
           "Show more updates", "Load more", "View full version", "Switch to desktop",
           "Follow us on Telegram/X", "Like · Comment · Share", "1.2K views",
           "All quotes delayed a minimum of 15 minutes. See here for a complete list of "
           "exchanges and delays.", "Advertise with Us", "👁 12340",
           "Read more on our Telegram channel", "Why does it matter? Follow us on Telegram",
           "Link copied", "Apps Newsletters Advertise with Us Advertising Guidelines Cookies "
           "Terms of Use Privacy", "About us | Contact us | Privacy policy | Sitemap",
           "Version for the visually impaired", "Accessible version of the site"],
    "ru": ["Обновить ленту", "Показать ещё", "Читать в полной версии", "Мобильная версия",
           "Почему это интересно — объясняем в Telegram-канале Интерфакса",
           "Подписывайтесь на наш канал", "Нравится 14 Поделиться 2 Показать список оценивших "
           "Просмотры 1.2K", "Нравится 14\nПоделиться 2\nПросмотры 1.2K", "👁 12340",
           "Следите за новостями в нашем Telegram-канале",
           "Почему интересно? Объясняем в Telegram-канале Интерфакса", "Ссылка скопирована",
           "Реклама на сайте Контакты Политика конфиденциальности Карта сайта",
           "Версия для слабовидящих", "Обычная версия сайта"],
}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("where", ["above", "between", "below"])
def test_a_pages_controls_and_counters_never_reach_the_body(lang, where):
    for number, line in enumerate(FURNITURE[lang]):
        draft, paragraphs = page(lang, number % 4, **{where: line})
        assert body_of(draft) == paragraphs, line
        assert not draft.summary or draft.summary == paragraphs[0]


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("mark", ["Enditem", "(END)", "(Ends)", "###"])
def test_an_end_mark_glued_to_the_last_sentence_is_cut_off_it(lang, mark):
    title, paragraphs = corpus_stories(lang)[2]
    text = f"{title}\n\n26.07.2020\n\n" + "\n\n".join(paragraphs) + f" {mark}\n"
    assert body_of(generic.extract(Source("x.txt", text, "0"))) == paragraphs


THREADS = {
    "en": ["Comments (2)\n\nivan_p\n27 Jul 2020 9:02\nWho pays for this?\n\nAnna K.\n"
           "27 Jul 2020 9:15\nAgreed, well said.",
           "27 Jul 2020 9:02\nWho pays for this?\n27 Jul 2020 9:15\nNobody, as usual.",
           "More on this story\n\nRussia's navy holds a parade in the Gulf of Finland\n\n"
           "Putin reviews the fleet from a launch"],
    "ru": ["Комментарии\n\n27 июля 2020, 9:02\nА кто за это платит?\n\n27 июля 2020, 9:15\n"
           "Согласен.", "Иван\n27 июля 2020, 9:02\nА кто за это платит?",
           "Читайте также\n\nПарад ВМФ прошел в Петербурге\n\nПутин принял парад на катере"],
}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", [0, 1, 2])
def test_readers_comments_and_related_headlines_after_the_story_are_no_story(lang, index):
    draft, paragraphs = page(lang, index, below=THREADS[lang][index])
    assert body_of(draft) == paragraphs
    assert (draft.date.year, draft.date.month, draft.date.day) == (2020, 7, 26)


KEPT = {
    "en": ["The ministry said more details would be published on its Telegram channel.",
           "Residents were told to click \"show more\" on the city's website to see the list.",
           "The talks will resume on 26 July 2020.", "The video was viewed 12340 times.",
           "Follow the money, the prosecutor told the jury, and you will find the culprit.",
           "The company changed its privacy policy and terms of use in June.",
           "Why does it matter? Because the link was copied by thousands of users."],
    "ru": ["Об этом говорится в Telegram-канале ведомства.",
           "Пользователи жаловались, что кнопка «Показать ещё» не работает.",
           "Переговоры возобновятся 26 июля 2020 года.", "Ролик посмотрели 12340 раз.",
           "Подписчики канала узнали об этом первыми.",
           "Компания изменила политику конфиденциальности и пользовательское соглашение.",
           "Почему это важно? Ссылку скопировали тысячи пользователей."],
}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("where", ["between", "below"])
def test_story_sentences_that_look_like_controls_stay(lang, where):
    for number, sentence in enumerate(KEPT[lang]):
        draft, paragraphs = page(lang, number % 4, **{where: sentence})
        expected = ([paragraphs[0], sentence, *paragraphs[1:]] if where == "between"
                    else [*paragraphs, sentence])
        assert body_of(draft) == expected, sentence


SIGN_OFFS = {"en": ["26 July 2020", "Moscow, 26 July 2020", "Press Service\n26 July 2020",
                    "Ministry of Foreign Affairs of the Russian Federation\n\n26.07.2020",
                    "Department of Information and Mass Communications\nof the Ministry of "
                    "Defence of the Russian Federation\n\n26 July 2020"],
             "ru": ["26 июля 2020 года", "Москва, 26 июля 2020 г.", "Пресс-служба\n26.07.2020",
                    "Министерство иностранных дел Российской Федерации\n\n26 июля 2020 года",
                    "Департамент информационной политики\nМинистерства обороны Российской "
                    "Федерации\n\n26.07.2020"]}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", [0, 1, 2, 3, 4])
def test_a_statement_is_dated_by_the_date_it_signs_off_with(lang, index):
    title, paragraphs = corpus_stories(lang)[index % 4]
    text = f"{title}\n\n" + "\n\n".join(paragraphs) + f"\n\n{SIGN_OFFS[lang][index]}\n"
    draft = generic.extract(Source("x.txt", text, "0"))
    assert (draft.date.year, draft.date.month, draft.date.day) == (2020, 7, 26)
    assert body_of(draft) == paragraphs


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("ending", [
    {"en": "The talks will resume on\n26 July 2020.", "ru": "Переговоры возобновятся\n"
     "26 июля 2020 года."}, {"en": "The talks will resume on 26 July 2020.",
                           "ru": "Переговоры возобновятся 26 июля 2020 года."}])
def test_a_date_that_ends_the_stories_last_sentence_is_no_sign_off(lang, ending):
    title, paragraphs = corpus_stories(lang)[1]
    text = f"{title}\n\n" + "\n\n".join(paragraphs) + f"\n\n{ending[lang]}\n"
    draft = generic.extract(Source("x.txt", text, "0"))
    assert draft.date is None
    assert body_of(draft)[-1] == " ".join(ending[lang].split())


TOPS = {"en": ["This article is more than 6 years old", "Home / Press service / News",
               "Home › News › Politics", "News > World"],
        "ru": ["Этой статье больше 5 лет", "Главная / Пресс-служба / Новости",
               "Главная › Новости", "Новости > Общество"]}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", [0, 1, 2, 3])
def test_an_age_banner_or_breadcrumbs_over_the_headline_is_no_headline(lang, index):
    title, paragraphs = corpus_stories(lang)[index]
    text = f"{TOPS[lang][index]}\n\n{title}\n\n26.07.2020\n\n" + "\n\n".join(paragraphs) + "\n"
    draft = generic.extract(Source("x.txt", text, "0"))
    assert draft.title == title and body_of(draft) == paragraphs


ISSUERS = {"en": [("Ministry of Transport of the Russian Federation",
                   "ministry-of-transport-of-the-russian-federation"),
                  ("Rosneft Oil Company", "rosneft-oil-company")],
           "ru": [("Комитет Государственной Думы по экономической политике",
                   "komitet-gosudarstvennoy-dumy-po-ekonomicheskoy-politike"),
                  ("Министерство транспорта Российской Федерации",
                   "ministerstvo-transporta-rossiyskoy-federatsii")]}


HEADS = {  # how the lines over the story may stand: {name} {title} {date} {label}
    "alone": "{name}\n\n{title}\n\n{date}\n\n",
    "alone, undated": "{name}\n\n{title}\n\n",
    "over its date": "{name}\n{date}\n\n{title}\n\n",
    "under a label": "{label}\n{name}\n{date}\n\n{title}\n\n",
    "over the headline": "{name}\n{title}\n{date}\n\n",
}
RELEASE_LABELS = {"en": "PRESS RELEASE", "ru": "ПРЕСС-РЕЛИЗ"}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", [0, 1])
@pytest.mark.parametrize("head", sorted(HEADS))
def test_an_organisations_name_over_the_headline_is_the_outlet_not_the_title(lang, index, head):
    name, key = ISSUERS[lang][index]
    title, paragraphs = corpus_stories(lang)[index + 1]
    text = HEADS[head].format(name=name, title=title, date="26.07.2020",
                              label=RELEASE_LABELS[lang]) + "\n\n".join(paragraphs) + "\n"
    draft = generic.extract(Source("x.txt", text, "0"))
    assert (draft.title, draft.outlet, draft.outlet_name) == (title, key, name)
    assert body_of(draft) == paragraphs


@pytest.mark.parametrize("headline", [
    "Ministry of Transport bans night flights over Moscow", "The committee rejected the bill",
    "Комитет Госдумы одобрил законопроект о такси", "Министерство транспорта запретило полеты"])
def test_a_headline_about_an_organisation_stays_the_headline(headline):
    text = f"{headline}\n\n26.07.2020\n\nThe first paragraph of the story says it all.\n\n" \
           "The second one says more.\n"
    assert generic.extract(Source("x.txt", text, "0")).title == headline


SIDEBAR_UNDER_TAGS = {"en": ("Tags: economy, central bank, rates", "Read also"),
                      "ru": ("Теги: экономика, ЦБ РФ, ключевая ставка", "Читайте также")}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("headlines", [1, 2, 4])
def test_a_sidebar_titled_under_the_tags_goes_to_related_however_few_its_headlines(
        lang, headlines):
    """The tags' label takes the short lines under it as tags, one a line; a sidebar's title
    there ends the tags, and its headlines (two, where three make an untitled sidebar) are
    related stories, not the story's last paragraphs."""
    title, paragraphs = corpus_stories(lang)[1]
    others = [other for other, _ in corpus_stories(lang, 12)[3:]
              if layout.is_headline(other)][:headlines]  # not a title ending in ":"
    assert len(others) == headlines
    tags, heading = SIDEBAR_UNDER_TAGS[lang]
    text = (f"{title}\n\n26.07.2020\n\n" + "\n\n".join(paragraphs) + f"\n\n{tags}\n{heading}\n"
            + "\n".join(others) + "\n")
    draft = generic.extract(Source("x.txt", text, "0"))
    assert body_of(draft) == paragraphs
    assert [related.title for related in draft.related] == others


@needs_corpus
@pytest.mark.parametrize(("lang", "office", "link"), [
    ("ru", "Министерство обороны Российской Федерации", "Версия для слабовидящих"),
    ("ru", "Администрация города Красноярска", "Версия сайта для слабовидящих"),
    ("en", "Ministry of Foreign Affairs of Ukraine", "Version for the visually impaired")])
def test_an_office_sites_link_for_the_visually_impaired_is_neither_outlet_nor_story(
        lang, office, link):
    """A government site prints its accessible version's link under its name, over the menu:
    an outside trial's ministry page took the link for the organisation and its outlet."""
    title, paragraphs = corpus_stories(lang)[1]
    menu = {"en": "News", "ru": "Новости"}[lang]
    text = (f"{office}\n{link}\n{menu}\n\n{title}\n\n26.07.2020 (11:30)\n\n"
            + "\n\n".join(paragraphs) + "\n")
    draft = generic.extract(Source("x.txt", text, "0"))
    assert draft.title == title and body_of(draft) == paragraphs
    assert link not in (draft.outlet_name, draft.outlet)


BYLINES = {"en": [("Staff and agencies", "Sat 25 Jul 2020 14.03 BST"),
                  ("Anna Smith", "July 25, 2020 2:03 PM"),
                  ("By Ivan Petrov", "25 Jul 2020, 14:03 GMT")],
           "ru": [("Иван Петров", "25 июля 2020, 14:03"),
                  ("Редакция", "25.07.2020 14:03"),
                  ("Анна Смирнова", "25 июля 2020 г., 14:03")]}
MENU = {"en": "Skip to main content\nSign in\nSearch\nNews\nOpinion\nSport\nCulture\n"
              "Lifestyle\nWorld\nEurope\nUS news\nClimate crisis\nScience\nTech\nBusiness\n"
              "Obituaries\nPolitics",
        "ru": "Перейти к основному содержанию\nВойти\nПоиск\nНовости\nПолитика\nЭкономика\n"
              "Общество\nПроисшествия\nКультура\nСпорт\nНаука\nТехнологии\nАвто\n"
              "Недвижимость\nМнения\nСпецпроекты"}
SHARING = {"en": "Share on Facebook\nShare on Twitter\nShare via Email",
           "ru": "Поделиться во ВКонтакте\nПоделиться в Telegram"}
FOOTER = {"en": "Most popular\n{others}\nAbout us\nContact us\nPrivacy policy\nBack to top\n"
                "© 2020 Guardian News & Media Limited or its affiliated companies. All rights "
                "reserved.",
          "ru": "Самое читаемое\n{others}\nО проекте\nКонтакты\nРеклама\n"
                "© 2020 ООО «Ньюс Медиа». Все права защищены."}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", [0, 1, 2])
@pytest.mark.parametrize("standfirst", [False, True])
def test_a_byline_and_date_over_a_short_story_are_no_readers_comment(lang, index, standfirst):
    """A name over a stamp is a comment under the story, but a byline and a date over it: an
    outside trial's copied page, under a long menu, whose story's paragraphs were as short as
    comments, lost its whole story, and its date, as "readers' comments"."""
    title, paragraphs = corpus_stories(lang, 8)[index + 3]
    name, stamp = BYLINES[lang][index]
    others = "\n".join(other for other, _ in corpus_stories(lang, 8)[:3])
    over = f"{paragraphs[0]}\n\n" if standfirst else ""  # the story's lede as a standfirst
    story = paragraphs[1:] if standfirst else paragraphs
    text = (f"{MENU[lang]}\n{title}\n{over}{name}\n{stamp}\n{SHARING[lang]}\n\n"
            + "\n\n".join(story)
            + "\n\n" + FOOTER[lang].format(others=others) + "\n")
    draft = generic.extract(Source("x.txt", text, "0"))
    assert body_of(draft) == paragraphs or standfirst and (
        body_of(draft) == story and draft.summary == paragraphs[0])  # the standfirst, as such
    assert (draft.date.year, draft.date.month, draft.date.day) == (2020, 7, 25)
