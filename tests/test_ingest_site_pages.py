"""Pages of a site that are no story (:mod:`builder.ingest.site_pages`): a policy, the site's
page about itself, a search's or a tag's list, readers' comments alone, a TV schedule, a market
quote, saved among the news by mistake. Each is skipped with a warning that says how to have it
anyway; a story about one, an article whose menu names such pages, and a rubric's label over a
headline are news. The lists' and stories' texts are real ones of the shared corpus."""

from __future__ import annotations

import pytest

from builder.diagnostics import Fate
from builder.ingest.run import ingest_sources
from builder.ingest.site_pages import list_label, site_page
from tests.test_ingest_story_furniture import corpus_stories, needs_corpus

PAGES = {
    "a site's policy": ["Privacy Policy", "The Northern Daily Cookie Policy", "Terms of Use",
                        "Политика конфиденциальности", "Пользовательское соглашение",
                        "Политика обработки персональных данных"],
    "a site's page about itself": ["About us", "Contact us", "О редакции", "Контакты"],
    "a search's results": ["Search results for \"navy parade\"", "Результаты поиска: парад"],
    "a tag's list": ["Tag: Navy Day", "Posts tagged \"navy\"", "Тег: День ВМФ",
                     "Новости по тегу «парад»"],
    "readers' comments alone": ["Comments on: Putin promises the fleet 40 new ships",
                                "Комментарии к статье «Путин пообещал флоту 40 кораблей»"],
    "a TV schedule": ["TV listings for Sunday, July 26", "Программа передач на 26 июля"],
    "a market quote": ["USD/RUB - US Dollar/Russian Ruble - Stock Price, Quote and News",
                       "EUR/RUB Live Rate, Chart & News"],
}
STORIES = ["Privacy policy changes anger users", "Politicians debate the terms of use of drones",
           "Contact tracing app launched in Moscow", "Stock prices fell on Monday",
           "Комментарии министра к решению суда", "Политика конфиденциальности Facebook вызвала споры",
           "About us all: a festival of neighbours opens", "Тема недели: парад"]
"""Headlines of stories about such pages, or opening with the same words."""


@pytest.mark.parametrize(("kind", "title"), [(k, t) for k in PAGES for t in PAGES[k]])
def test_a_sites_page_is_named_by_its_title(kind, title):
    assert site_page(title) == kind


@pytest.mark.parametrize("title", STORIES)
def test_a_storys_headline_names_no_such_page(title):
    assert site_page(title) is None


@pytest.mark.parametrize("line", ["Контакты", "About us", "Тема: Коронавирус", "Topic: Russia",
                                  "Search", "Поиск", "Телепрограмма", "Программа передач",
                                  "TV guide"])
def test_a_menus_item_or_a_rubric_over_a_headline_labels_no_list(line):
    assert list_label(line) is None


def _write(project, name: str, text: str) -> None:
    (project.root / "content" / "sources" / name).write_text(text, encoding="utf-8")


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_saved_policy_page_or_tag_list_makes_no_page_unless_the_editor_says_it_is_news(
        project, lang):
    title, paragraphs = corpus_stories(lang)[0]
    headlines = [t for t, _ in corpus_stories(lang)]
    policy = {"en": "The Northern Daily Privacy Policy",
              "ru": "Политика конфиденциальности сайта «Северный край»"}[lang]
    label = {"en": "Tag: Navy Day", "ru": "Тег: День ВМФ"}[lang]
    _write(project, "policy.txt", f"{policy}\n\n26.07.2020\n\n"
           + "\n\n".join(paragraphs) + "\n")
    _write(project, "tag.txt", f"Northern Daily\nNews\nCity\n{label}\n"
           + "".join(f"26.07.2020 1{n}:00\n{h}\n" for n, h in enumerate(headlines)))
    result = ingest_sources(project.config())
    assert [o.fate for o in result.outcomes] == [Fate.SKIPPED, Fate.SKIPPED]
    assert [d.code for d in result.diagnostics] == ["source-not-news"] * 2
    _write(project, "policy.txt.meta.yaml", "news: true\n")
    fates = {o.path.rsplit("/", 1)[-1]: o.fate for o in ingest_sources(project.config()).outcomes}
    assert fates["policy.txt"] is Fate.INGESTED


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_an_article_whose_menu_names_such_pages_under_a_rubrics_label_is_news(project, lang):
    title, paragraphs = corpus_stories(lang)[1]
    menu = {"en": "Northern TV\nAbout us\nContacts\nTV guide\nTopic: Russia",
            "ru": "Северный край ТВ\nО нас\nКонтакты\nТелепрограмма\nТема: Коронавирус"}[lang]
    _write(project, "story.txt", f"{menu}\n{title}\n26.07.2020 10:15\n\n"
           + "\n\n".join(paragraphs) + "\n")
    [outcome] = ingest_sources(project.config()).outcomes
    assert outcome.fate is Fate.INGESTED
