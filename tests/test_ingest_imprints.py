"""Outlets nobody listed, named by what their pages print about themselves, made from the shared
corpus's real stories in both languages: a copyright line in the footer, the site's block over
the headline (its name with its tagline or its address, its logo's link home), the page's own
address printed over it or under it, a community's on a platform (VK, Telegram, Substack), and
a saved page's ``og:site_name`` and ``og:url`` of a site no list knows. Each gives a key made by
the rule keys are made by (from the name the page prints, else from its address) and that name
for the lines to add to content/outlets.yaml; and the look-alikes that must give none: a
company's or a photographer's copyright, a photo's credit among the paragraphs, an address in a
sentence or introduced by one, a platform's own name or address."""

from __future__ import annotations

import json

import pytest

from builder.ingest import generic
from builder.ingest.draft import Source
from builder.ingest.extract import extract
from builder.ingest.sites import address_key, is_platform
from tests.test_ingest_posts_and_prints import ingested_page
from tests.test_ingest_story_furniture import body_of, corpus_stories, needs_corpus


def dressed(lang: str, index: int, above: str = "", below: str = "", between: str = ""
            ) -> tuple[object, list[str]]:
    """The ``index``-th story in ``lang`` as a copied page with ``above`` over its headline,
    ``between`` after its first paragraph and ``below`` under its last; the draft ingest makes
    of it, and the story's paragraphs."""
    title, paragraphs = corpus_stories(lang)[index % 4]
    body = [paragraphs[0], *([between] if between else []), *paragraphs[1:]]
    text = "\n\n".join([*([above] if above else []), title, "26.07.2020", *body,
                        *([below] if below else [])]) + "\n"
    return generic.extract(Source("x.txt", text, "0")), paragraphs


FOOTERS = {
    "en": [("© Copyright 2020 Anadolu Agency", "anadolu", "Anadolu Agency"),
           ("© 2001–2020 Riverside Daily News. All rights reserved.", "riverside-daily-news",
            "Riverside Daily News"),
           ("© 2020 Office of the Governor of Alaska", "office-of-the-governor-of-alaska",
            "Office of the Governor of Alaska"),
           ("Copyright © 2020 NGS24.RU", "ngs24", "NGS24.RU")],
    "ru": [("© 2020 Фонтанка.ру", "fontanka", "Фонтанка.ру"),
           ("© Администрация Краснодара", "administratsiya-krasnodara", "Администрация Краснодара"),
           ("© 2009–2020 Новости Тюмени. Все права защищены", "novosti-tyumeni", "Новости Тюмени"),
           ("© 2020 161.RU", "161-ru", "161.RU")],
}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", range(4))
def test_a_footers_copyright_names_an_outlet_nobody_listed(lang, index):
    line, key, name = FOOTERS[lang][index]
    draft, paragraphs = dressed(lang, index, below=line)
    assert (draft.outlet, draft.outlet_name) == (key, name)
    assert body_of(draft) == paragraphs


NOT_THE_OUTLET = {
    "en": ["© 2001–2020 News Media LLC", "© 2020 Sky UK Limited. All rights reserved.",
           "© John Smith", "Copyright 2020 Getty Images"],
    "ru": ["© 2001–2020 ООО «Ньюс Медиа»", "© Иван Петров", "© 2020 АО «Редакция газеты»",
           "© 2015–2020 ПАО «Медиа Холдинг»"],
}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", range(4))
def test_a_companys_or_a_persons_copyright_names_no_outlet(lang, index):
    """The owner's legal name («ООО «Ньюс Медиа»», "… Limited") is not the outlet, a person or a
    photo bank is none: unknown is better than wrong."""
    draft, paragraphs = dressed(lang, index, below=NOT_THE_OUTLET[lang][index])
    assert draft.outlet == "unknown" and body_of(draft) == paragraphs


@needs_corpus
@pytest.mark.parametrize(("lang", "credit"), [("en", "© East News"), ("en", "© Metro News"),
                                              ("ru", "© Городские новости"),
                                              ("ru", "© Агентство городских новостей")])
def test_a_photos_copyright_among_the_paragraphs_names_no_outlet(lang, credit):
    draft, paragraphs = dressed(lang, 1, between=credit)
    assert draft.outlet == "unknown" and body_of(draft) == paragraphs


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_story_quoting_a_copyright_sign_keeps_it_and_names_no_outlet(lang):
    quote = {"en": "The poster, marked © 2020 City News, was found near the station, police said.",
             "ru": "На плакате, подписанном «© 2020 Городские новости», стояла дата, сообщила "
                   "полиция."}[lang]
    draft, paragraphs = dressed(lang, 2, below=quote)
    assert draft.outlet == "unknown" and body_of(draft) == [*paragraphs, quote]


TOPS = {
    "en": [("Sky News\nThe latest news from the UK and around the world", "sky-news", "Sky News"),
           ("Sky News - back to home", "sky-news", "Sky News"),
           ("Riverside Courier — local news from Springfield", "riverside-courier",
            "Riverside Courier"),
           ("Bauman Moscow State Technical University\nwww.bmstu.ru",
            "bauman-moscow-state-technical-university",
            "Bauman Moscow State Technical University")],
    "ru": [("161.RU — новости Ростова", "161-ru", "161.RU"),
           ("Ростов Онлайн\nГлавные новости Ростова", "rostov-onlayn", "Ростов Онлайн"),
           ("МГТУ им. Н. Э. Баумана\nwww.bmstu.ru", "mgtu-im-n-e-baumana",
            "МГТУ им. Н. Э. Баумана"),
           ("Администрация города Краснодара\nkrd.ru", "administratsiya-goroda-krasnodara",
            "Администрация города Краснодара")],
}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", range(4))
def test_a_sites_block_over_the_headline_names_an_outlet_nobody_listed(lang, index):
    """The site's name with its tagline or its address under it, or its logo's link home: the
    name is the outlet's, and neither it nor its tagline is taken for the headline."""
    top, key, name = TOPS[lang][index]
    title, _ = corpus_stories(lang)[index % 4]
    draft, paragraphs = dressed(lang, index, above=top)
    assert (draft.outlet, draft.outlet_name) == (key, name)
    assert draft.title == title and body_of(draft) == paragraphs


ADDRESSES = {
    "en": [("www.bmstu.ru", "", "bmstu", "bmstu.ru"),
           ("", "https://161.ru/text/politics/2020/07/26/69387707/", "161-ru", "161.ru"),
           ("", "URL: https://www.krd.ru/news/2020/07/26/123", "krd", "krd.ru"),
           ("", "Source: https://www.sibnovosti.ru/news/2020/07/26/", "sibnovosti",
            "sibnovosti.ru")],
    "ru": [("www.bmstu.ru", "", "bmstu", "bmstu.ru"),
           ("", "https://ngs24.ru/text/gorod/2020/07/26/69387707/", "ngs24", "ngs24.ru"),
           ("", "Ссылка на материал: https://www.krd.ru/news/2020/07/26/123", "krd", "krd.ru"),
           ("", "Источник: https://161.ru/text/politics/2020/07/26/", "161-ru", "161.ru")],
}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", range(4))
def test_a_pages_own_address_alone_on_a_line_names_an_outlet_nobody_listed(lang, index):
    """Over the headline or under the story, as a browser prints a page, labelled or not: the
    key is made from the address, its site is the name, and the line is no paragraph."""
    above, below, key, name = ADDRESSES[lang][index]
    draft, paragraphs = dressed(lang, index, above=above, below=below)
    assert (draft.outlet, draft.outlet_name) == (key, name)
    assert body_of(draft) == paragraphs


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_site_name_over_the_page_comes_before_the_source_address_under_it(lang):
    """«Источник: https://…» under a page that names itself is the story's source."""
    draft, _ = dressed(lang, 0, above="Ростов Онлайн\nГлавные новости Ростова",
                       below="Источник: https://ngs24.ru/text/gorod/2020/07/26/")
    assert draft.outlet == "rostov-onlayn"


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_headline_over_its_pages_address_stays_the_headline(lang):
    """A headline pasted over the page's address ("…/news/2020/07/26/123") is no site's name
    over its address: it stays the title, and the address gives the outlet."""
    title, paragraphs = corpus_stories(lang)[1]
    text = "\n\n".join([f"{title}\nhttps://www.krd.ru/news/2020/07/26/123", "26.07.2020",
                        *paragraphs]) + "\n"
    draft = generic.extract(Source("x.txt", text, "0"))
    assert (draft.title, draft.outlet) == (title, "krd") and body_of(draft) == paragraphs


@needs_corpus
@pytest.mark.parametrize(("lang", "credit"), [("en", "zakon.kz"), ("ru", "www.zakon.kz")])
def test_a_sites_bare_address_under_the_story_is_no_outlet(lang, credit):
    """Under the story, a site's address with no page's path may credit the story's source."""
    draft, _ = dressed(lang, 1, below=credit)
    assert draft.outlet == "unknown"


MENTIONS = {
    "en": ["More details are on the university's website www.bmstu.ru.",
           "The full report is published at:\nhttps://www.krd.ru/news/2020/07/26/123"],
    "ru": ["Подробности — на сайте университета www.bmstu.ru.",
           "Полный текст доклада опубликован по ссылке:\nhttps://www.krd.ru/news/2020/07/26/123"],
}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", range(2))
def test_an_address_the_story_mentions_or_introduces_is_the_storys_and_names_no_outlet(lang,
                                                                                      index):
    mention = MENTIONS[lang][index]
    draft, paragraphs = dressed(lang, index, below=mention)
    assert draft.outlet == "unknown"
    assert body_of(draft) == [*paragraphs, " ".join(mention.split())]


PLATFORM_PAGES = {
    "en": [("Petersburg Online\nvk.com/spb_online", "petersburg-online", "Petersburg Online"),
           ("vk.com/spb_online", "spb-online", ""), ("t.me/moscow_live", "moscow-live", ""),
           ("https://thebellweekly.substack.com", "thebellweekly", "")],
    "ru": [("Петербург Онлайн\nvk.com/spb_online", "peterburg-onlayn", "Петербург Онлайн"),
           ("https://vk.com/spb_online", "spb-online", ""),
           ("https://t.me/s/rostov_glavnoe", "rostov-glavnoe", ""),
           ("Колонка\nhttps://kolonka.substack.com", "kolonka", "Колонка")],
}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", range(4))
def test_a_communitys_post_on_a_platform_names_the_community_not_the_platform(lang, index):
    top, key, name = PLATFORM_PAGES[lang][index]
    draft, paragraphs = dressed(lang, index, above=top)
    assert draft.outlet == key and (not name or draft.outlet_name == name)
    assert body_of(draft) == paragraphs


@needs_corpus
@pytest.mark.parametrize(("lang", "line"), [("en", "https://vk.com/wall-68471405_12345"),
                                            ("ru", "https://t.me/s/12345678"),
                                            ("en", "https://www.youtube.com/watch?v=abc"),
                                            ("ru", "https://vk.com/club12345678")])
def test_a_platforms_address_naming_no_community_names_no_outlet(lang, line):
    draft, paragraphs = dressed(lang, 3, below=line)
    assert draft.outlet == "unknown" and body_of(draft) == paragraphs


@pytest.mark.parametrize(("url", "key"), [
    ("https://www.example-news.com/a/b", "example-news"), ("https://161.ru/text/", "161-ru"),
    ("https://news.bbc.co.uk/x", "bbc"), ("https://m.vk.com/spb_online", "spb-online"),
    ("https://t.me/s/rian_ru/1234", "rian-ru"), ("https://thebell.substack.com/p/x", "thebell"),
    ("https://vk.com/wall-1_2", None), ("https://medium.com/@writer/story-1", "writer"),
])
def test_a_key_is_made_from_an_address_and_never_from_a_platform(url, key):
    assert address_key(url) == key


@pytest.mark.parametrize(("name", "platform"), [("ВКонтакте", True), ("Telegram", True),
                                                ("t.me", True), ("Substack", True),
                                                ("Sky News", False), ("Фонтанка", False)])
def test_a_platforms_name_is_told_from_an_outlets(name, platform):
    assert is_platform(name) is platform


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_platforms_name_after_a_title_is_no_outlet(lang):
    title, paragraphs = corpus_stories(lang)[1]
    suffix = {"en": " | VK", "ru": " | ВКонтакте"}[lang]
    text = f"{title}{suffix}\n\n26.07.2020\n\n" + "\n\n".join(paragraphs) + "\n"
    draft = generic.extract(Source("x.txt", text, "0"))
    assert draft.outlet == "unknown" and draft.title == title


SAVED = {"en": ("Riverside Daily News", "https://www.riverside-daily.com/2020/07/26/story",
                "riverside-daily-news"),
         "ru": ("Новости Тюмени", "https://www.tyumen-news.ru/2020/07/26/story", "novosti-tyumeni")}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("named", [True, False])
def test_a_saved_page_of_an_unlisted_site_names_it_by_its_og_tags(project, lang, named):
    """og:site_name gives the key and the name; without it, og:url gives the key."""
    site, url, key = SAVED[lang]
    title, paragraphs = corpus_stories(lang)[2]
    tags = (f"<meta property='og:site_name' content='{site}'>" if named else "") + (
        f"<meta property='og:url' content='{url}'>")
    page = (f"<html lang='{lang}'><head><title>{title}</title>{tags}</head><body><article>"
            f"<h1>{title}</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs)
            + "</article></body></html>")
    draft, _ = extract(Source("page.html", page, "0"), ".html", project.config())
    expected = key if named else url.split("//www.")[1].split(".")[0]
    assert draft.outlet == expected and body_of(draft) == paragraphs


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_saved_community_page_on_a_platform_names_the_community(project, lang):
    title, paragraphs = corpus_stories(lang)[3]
    page = (f"<html lang='{lang}'><head><title>{title}</title>"
            "<meta property='og:site_name' content='VK'>"
            "<meta property='og:url' content='https://vk.com/spb_online'></head><body><article>"
            f"<h1>{title}</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs)
            + "</article></body></html>")
    draft, _ = extract(Source("page.html", page, "0"), ".html", project.config())
    assert draft.outlet == "spb-online"


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_an_unlisted_outlet_a_page_prints_is_suggested_for_outlets_yaml(project, lang):
    line, key, name = FOOTERS[lang][1]
    title, paragraphs = corpus_stories(lang)[1]
    text = "\n\n".join([title, "26.07.2020", *paragraphs, line]) + "\n"
    front, warnings = ingested_page(project, text)
    assert (front["outlet"], front["outlet_name"]) == (key, name)
    [unknown] = [w for w in warnings if w.code == "outlet-unknown"]
    assert f"{key}: {{name: {{en: {name}, ru: {name}}}" in unknown.message
    assert not [w for w in warnings if w.code == "outlet-not-found"]


CLIPPED = {
    "en": [("The Independent", "https://www.independent.co.uk/news/world/story-a9640001.html",
            " | ", "the-independent"),
           ("Riverside Daily News", "https://riverside-daily.com/2020/07/26/story", " - ",
            "riverside-daily-news"),
           ("The Boston Herald", "https://www.bostonherald.com/2020/07/26/story/", " – ",
            "the-boston-herald")],
    "ru": [("Спорт-Экспресс", "https://www.sport-express.ru/auto/news/story-1698001/", " — ",
            "sport-express"),
           ("Российская газета", "https://rg.ru/2020/07/26/story.html", " - ", "rg"),
           ("Новая газета", "https://novayagazeta.ru/news/2020/07/26/story", " | ",
            "novaya-gazeta")],
}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", range(3))
def test_a_clipped_pages_title_loses_the_sites_name_which_names_the_outlet(project, lang,
                                                                          index):
    """A web clipper (Obsidian's) saves a page as Markdown with the page's title, the site's
    name appended, and its address under ``source``: the title is the headline alone, and the
    outlet is the site's (known, or keyed by its name: by its address when that name is in
    Cyrillic), its name as the title printed it."""
    name, url, mark, key = CLIPPED[lang][index]
    title, paragraphs = corpus_stories(lang)[index]
    text = (f'---\ntitle: {json.dumps(title + mark + name)}\nsource: "{url}"\n'
            f'published: 2020-07-26\ncreated: 2020-07-28\ntags:\n  - "clippings"\n---\n'
            + "\n\n".join(paragraphs) + "\n")
    draft, _ = extract(Source("clip.md", text, "0"), ".md", project.config())
    assert body_of(draft) == paragraphs
    front, _ = ingested_page(project, text, "clip.md")
    assert (front["title"], front["outlet"], front.get("outlet_name", name)) == (title, key, name)


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_clipped_title_ending_with_who_said_it_keeps_it(project, lang):
    """After a dash a name that is not the site's is the headline's own ("… — Lavrov")."""
    title, paragraphs = corpus_stories(lang)[1]
    said = {"en": "Lavrov", "ru": "Лавров"}[lang]
    text = (f'---\ntitle: {json.dumps(title + " — " + said)}\n'
            f'source: "https://ria.ru/20200726/story.html"\npublished: 2020-07-26\n---\n'
            + "\n\n".join(paragraphs) + "\n")
    draft, _ = extract(Source("clip.md", text, "0"), ".md", project.config())
    assert draft.title == f"{title} — {said}" and draft.outlet == "ria"


YEARLESS = {"en": ("26 JUL, 11:40", "© 1999-2020 TASS. All Rights Reserved."),
            "ru": ("26 июл, 14:05", "© АО «Городские новости», 1995–2020.")}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("footed", [True, False])
def test_a_date_without_a_year_takes_the_year_of_the_pages_copyright_line(project, lang,
                                                                          footed):
    """Sites print the year of a story of this year nowhere but in their footer's copyright
    line: "26 JUL" on a page served in 2020 is 26 July 2020, ingested in 2026 or later. The
    year stays an inference the page is marked with; without the footer, it is the latest year
    not after the day of ingest, as before."""
    stamp, footer_line = YEARLESS[lang]
    title, paragraphs = corpus_stories(lang)[1]
    text = "\n\n".join([title, stamp, *paragraphs, *([footer_line] if footed else [])]) + "\n"
    front, _ = ingested_page(project, text)
    assert str(front["date"]) == ("2020-07-26" if footed else "2026-07-26")
    assert ("copyright" if footed else "ingest") in front["date_inferred"]


CLOSINGS = {
    "en": ["© 1999-2020 TASS. All Rights Reserved.\nTASS Russian News Agency\nMass media "
           "registration certificate ЭЛ № ФС 77 - 81856",
           "© 2020 Cable News Network. A Warner Media Company. All Rights Reserved.\nCNN Sans ™ & "
           "© 2016 Cable News Network.",
           "Search CNN...\nBy using this site, you agree to our use of cookies.\n"
           "© 2001-2020 Riverside Daily News\nRiverside Daily News Group"],
    "ru": ["© 1999-2020 ТАСС. Все права защищены.\nИнформационное агентство России ТАСС\n"
           "Свидетельство о регистрации СМИ Эл № ФС77-81856 выдано Роскомнадзором.",
           "Используя этот сайт, вы соглашаетесь с обработкой cookie.\n© ИА «Городские новости», "
           "2002—2020\nСетевое издание «Городские новости» зарегистрировано Роскомнадзором.",
           "© АО «Городские новости», 1995–2020.\nГородские новости\nПоиск по РБК…"],
}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", range(3))
def test_what_a_page_prints_under_its_closing_copyright_line_is_the_pages(lang, index):
    """Under the copyright line that closes a site's page (a range of years, rights reserved),
    its owner's name, a trademark's note and a mass medium's registration notice are the
    page's, and so are a cookie consent and a search box placeholder over it."""
    draft, paragraphs = dressed(lang, index, below=CLOSINGS[lang][index])
    assert body_of(draft) == paragraphs


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_print_view_names_its_site_in_its_title_and_dates_itself_in_its_created_line(
        project, lang):
    """A site's print view (Drupal's, as The Barents Observer prints it): the site's name only
    in the ``<title>`` after the headline, the date in a "print-created" block out of the main
    text. Both are the page's: its outlet and its date."""
    title, paragraphs = corpus_stories(lang)[1]
    site = {"en": "The Northern Observer", "ru": "Северный наблюдатель"}[lang]
    page = (f"<html lang='{lang}'><head><title>{title} | {site}</title></head><body>"
            f"<div class='print-breadcrumb'><a href='/'>Home</a></div>"
            f"<h1 class='print-title'>{title}</h1><div class='print-submitted'>By Anna Smith</div>"
            f"<div class='print-created'>July 26, 2020</div><div class='print-content'>"
            + "".join(f"<p>{p}</p>" for p in paragraphs) + "</div></body></html>")
    draft, _ = extract(Source("page.html", page, "0"), ".html", project.config())
    assert draft.title == title and draft.outlet_name == site
    assert (draft.date.year, draft.date.month, draft.date.day) == (2020, 7, 26)
