"""builder.index and builder.plan: per-language lists, translations, and the pages to render."""

from __future__ import annotations

from builder.index import build_model
from builder.plan import plan_site
from builder.read import read_articles


def model_of(project):
    config = project.config()
    result = read_articles(config, {})
    model, diagnostics = build_model(result.articles, config)
    return config, model, diagnostics


def bilingual_project(project, english_article):
    project.page("en/2020/04/briefing.md", "## CSTO talks\n\nText.\n\n## Aid to Uzbekistan\n\nMore.",
                 **english_article(title="Briefing", translation_key="briefing",
                                   topics=[], section_topics={"csto-talks": ["csto"],
                                                              "aid-to-uzbekistan": ["uzbekistan"]}))
    project.page("ru/2020/04/brifing.md", **english_article(
        title="Брифинг", lang="ru", translation_key="briefing", translated_from="en"))
    project.page("en/2020/10/wire.md", **english_article(
        title="Wire", date="2020-10-15", translation_key="wire", outlet="tass"))


def test_an_item_in_one_language_is_listed_in_the_other_languages_lists_too(project, english_article):
    bilingual_project(project, english_article)
    _, model, diagnostics = model_of(project)
    assert diagnostics == ()
    assert model.indexes["ru"].items == (("en", "wire"), ("ru", "brifing"))
    assert model.indexes["en"].items == (("en", "wire"), ("en", "briefing"))
    assert model.indexes["ru"].months[(2020, 10)] == (("en", "wire"),)


def test_a_topic_of_one_section_links_to_that_section(project, english_article):
    bilingual_project(project, english_article)
    _, model, _ = model_of(project)
    [listed] = model.indexes["en"].topics["uzbekistan"]
    assert listed.anchor == "aid-to-uzbekistan"


def test_the_language_switch_of_a_translated_article_goes_to_its_other_version(
        project, english_article):
    bilingual_project(project, english_article)
    config, model, _ = model_of(project)
    jobs = {job.url: job for job in plan_site(model, config)}
    switch = {a.lang: (a.url, a.exact) for a in jobs["/en/2020/04/briefing/"].context["alternates"]}
    assert switch == {"en": ("/en/2020/04/briefing/", True), "ru": ("/ru/2020/04/brifing/", True)}


def test_the_language_switch_of_an_untranslated_article_leads_to_the_nearest_page(
        project, english_article):
    bilingual_project(project, english_article)
    config, model, _ = model_of(project)
    jobs = {job.url: job for job in plan_site(model, config)}
    switch = {a.lang: (a.url, a.exact) for a in jobs["/en/2020/10/wire/"].context["alternates"]}
    assert switch["ru"] == ("/ru/2020/10/", False)
    assert "/ru/2020/10/" in jobs


def test_every_language_gets_home_topics_archives_and_search(project, english_article):
    bilingual_project(project, english_article)
    config, model, _ = model_of(project)
    urls = {job.url for job in plan_site(model, config)}
    for lang in ("en", "ru"):
        assert {f"/{lang}/", f"/{lang}/topics/", f"/{lang}/topics/csto/", f"/{lang}/2020/",
                f"/{lang}/2020/04/", f"/{lang}/2020/10/", f"/{lang}/search/",
                f"/{lang}/404.html", f"/{lang}/feed.xml", f"/{lang}/feed.json",
                f"/{lang}/topics/csto/feed.xml", f"/{lang}/topics/csto/feed.json"} <= urls
    assert {"/", "/404.html", "/sitemap.xml", "/robots.txt"} <= urls


def test_topic_lists_are_paginated_by_the_configured_page_size(project, english_article):
    for day in range(1, 26):
        project.page(f"en/2020/05/item-{day}.md", **english_article(
            title=f"Item {day}", date=f"2020-05-{day:02d}", translation_key=f"item-{day}"))
    config, model, _ = model_of(project)
    jobs = {job.url: job for job in plan_site(model, config)}
    first, second = jobs["/en/topics/csto/"], jobs["/en/topics/csto/page/2/"]
    assert len(first.context["entries"]) == 20 and len(second.context["entries"]) == 5
    assert first.context["pagination"]["next"] == "/en/topics/csto/page/2/"
    assert first.context["entries"][0].title == "Item 25"  # newest first


def test_two_versions_in_one_language_with_one_key_are_both_listed_with_a_warning(
        project, english_article):
    project.page("en/2020/04/a.md", **english_article(translation_key="same"))
    project.page("en/2020/04/b.md", **english_article(translation_key="same"))
    _, model, diagnostics = model_of(project)
    assert [d.code for d in diagnostics] == ["translation-duplicate"]
    assert sorted(model.indexes["en"].items) == [("en", "a"), ("en", "b")]
    assert model.versions(model.articles[("en", "b")]) == {"en": ("en", "b")}
