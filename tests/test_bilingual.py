"""Bilingual depth: outdated translations, coverage and its threshold, and the signals that
tell browsers, search engines and social sites which language each page is in."""

from __future__ import annotations

import json
import re

from builder.cli import main
from builder.diagnostics import Severity
from builder.i18n import catalog_coverage
from builder.plan import check_alternates
from builder.plan.views import Alternate, PageJob
from builder.read import read_articles
from builder.session import build

ORIGINAL_BODY = "The ministers met in Tashkent."


def pair(project, english_article, original_sha256: str | None):
    project.page("en/2020/04/talks.md", ORIGINAL_BODY, **english_article(translation_key="talks"))
    front = english_article(title="Переговоры", lang="ru", translation_key="talks",
                            translated_from="en")
    if original_sha256 is not None:
        front["original_sha256"] = original_sha256
    project.page("ru/2020/04/peregovory.md", "Министры встретились в Ташкенте.", **front)


def body_hash(project) -> str:
    [english] = [a for a in read_articles(project.config(), {}).articles if a.lang == "en"]
    return english.body_sha256


def test_a_translation_of_an_unchanged_original_is_current(project, english_article):
    pair(project, english_article, None)
    pair(project, english_article, body_hash(project))
    report = build(project.config())
    assert not report.diagnostics
    page = (project.root / "site/ru/2020/04/peregovory/index.html").read_text()
    assert 'class="translation-note outdated"' not in page


def test_rewrapping_the_original_or_editing_its_front_matter_does_not_outdate_it(
        project, english_article):
    pair(project, english_article, None)
    recorded = body_hash(project)
    project.page("en/2020/04/talks.md", "The ministers   met\nin Tashkent.",
                 **english_article(translation_key="talks", topics=["uzbekistan"]))
    assert body_hash(project) == recorded


def test_a_translation_whose_original_changed_is_flagged_on_the_page_and_in_the_report(
        project, english_article):
    pair(project, english_article, "0" * 64)
    report = build(project.config())
    [warning] = report.warnings
    assert (warning.path, warning.code) == ("content/articles/ru/2020/04/peregovory.md",
                                            "translation-outdated")
    assert f"set original_sha256: {body_hash(project)}" in warning.message
    page = (project.root / "site/ru/2020/04/peregovory/index.html").read_text()
    assert "перевод может быть устаревшим" in page


def test_status_counts_items_pairs_and_outdated_translations_per_language(
        project, english_article, capsys):
    pair(project, english_article, "0" * 64)
    project.page("en/2020/05/alone.md", **english_article(translation_key="alone"))
    assert main(["--project", str(project.root), "i18n", "status"]) == 0
    lines = dict(line.split(": ", 1) for line in capsys.readouterr().out.splitlines())
    assert lines["en"].startswith("items 2/2 in en (1 in every language, 0 only in others), "
                                  "0 outdated translations")
    assert lines["ru"].startswith("items 1/2 in ru (1 in every language, 1 only in others), "
                                  "1 outdated translations")


def test_under_the_configured_coverage_the_build_fails_but_still_publishes(project, english_article):
    project.page("en/2020/04/talks.md", **english_article())
    catalog = project.root / "locales/ru/LC_MESSAGES/messages.po"
    text = catalog.read_text()
    first = re.search(r'msgid "(Archive)"\nmsgstr "[^"]+"', text)
    catalog.write_text(text.replace(first[0], f'msgid "{first[1]}"\nmsgstr ""'))
    [ru] = [row for row in catalog_coverage(project.config()) if row.lang == "ru"]
    assert ru.ui_untranslated == 1 and ru.percent_translated < 100

    report = build(project.config())
    [error] = report.errors
    assert (error.path, error.code) == ("locales/ru/LC_MESSAGES/messages.po", "i18n-coverage")
    assert report.published and report.exit_code() == 1
    assert main(["--project", str(project.root), "i18n", "status"]) == 1

    config = project.root / "digest.toml"
    config.write_text(config.read_text().replace("min_translated = 100", "min_translated = 0"))
    assert build(project.config()).exit_code() == 0


def test_every_page_tells_its_language_to_social_sites_and_search_engines(project, english_article):
    pair(project, english_article, None)
    build(project.config())
    english = (project.root / "site/en/2020/04/talks/index.html").read_text()
    assert '<meta property="og:locale" content="en_US">' in english
    assert '<meta property="og:locale:alternate" content="ru_RU">' in english
    assert '<meta property="og:type" content="article">' in english
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>',
                                english, re.S)[1])
    assert (data["@type"], data["inLanguage"], data["headline"]) == (
        "NewsArticle", "en", "A test item")
    assert data["publisher"]["name"] == "Ministry of Foreign Affairs of the Russian Federation"
    home = (project.root / "site/ru/index.html").read_text()
    assert '<meta property="og:locale" content="ru_RU">' in home
    assert '"inLanguage": "ru"' in home


def test_structured_data_cannot_be_broken_out_of_by_a_title(project, english_article):
    project.page("en/2020/04/x.md", **english_article(title="</script><script>alert(1)</script>"))
    build(project.config())
    page = (project.root / "site/en/2020/04/x/index.html").read_text()
    assert "<script>alert(1)" not in page


def test_hreflang_links_that_are_not_returned_are_a_build_error():
    def job(url: str, *alternates: str) -> PageJob:
        return PageJob(url.strip("/") + "/index.html", "home.html", url[1:3], url, {
            "alternates": tuple(Alternate(a[1:3], a, True) for a in (url, *alternates))})

    assert check_alternates([job("/en/a/", "/ru/a/"), job("/ru/a/", "/en/a/")]) == []
    [one_way] = check_alternates([job("/en/a/", "/ru/a/"), job("/ru/a/")])
    assert one_way.severity is Severity.ERROR and one_way.code == "hreflang-reciprocity"
    assert "does not name it back" in one_way.message
    [missing] = check_alternates([job("/en/a/", "/ru/b/")])
    assert "no such page exists" in missing.message


def test_digest_i18n_pair_lists_suggestions_then_links_the_ones_accepted(
        project, english_article, capsys):
    english = ("Foreign Minister Sergey Lavrov met Uzbek Foreign Minister Abdulaziz Komilov in "
               "Tashkent on July 15, 2021. Trade grew by 27.5% to 7.2 billion dollars.")
    russian = ("Министр иностранных дел Сергей Лавров 15 июля 2021 года встретился в Ташкенте с "
               "главой МИД Узбекистана Абдулазизом Камиловым. Товарооборот вырос на 27,5% и "
               "достиг 7,2 млрд долларов.")
    project.page("en/2021/07/talks.md", english, **english_article(
        title="Lavrov meets Komilov", date="2021-07-15", translation_key="talks-en"))
    project.page("ru/2021/07/peregovory.md", russian, **english_article(
        title="Лавров встретился с Камиловым", date="2021-07-15", lang="ru",
        translation_key="talks-ru"))
    russian_page = project.root / "content/articles/ru/2021/07/peregovory.md"
    before = russian_page.read_text()

    assert main(["--project", str(project.root), "i18n", "pair"]) == 0
    listing = capsys.readouterr().out
    assert "1." in listing and "Lavrov meets Komilov" in listing and "Лавров" in listing
    assert russian_page.read_text() == before  # listing writes nothing

    assert main(["--project", str(project.root), "i18n", "pair", "--accept", "1"]) == 0
    after = russian_page.read_text()
    assert after == before.replace("translation_key: talks-ru", "translation_key: talks-en")
    build(project.config())
    switch = project.read("site/ru/2021/07/peregovory/index.html")
    assert 'href="/en/2021/07/talks/" hreflang="en"' in switch  # now versions of one item


def test_a_fuzzy_fragment_translation_falls_back_to_the_original_with_its_lang(
        project, english_article):
    from builder.i18n import load_catalogs

    catalog = project.root / "locales/en/LC_MESSAGES/fragments.po"
    text = catalog.read_text()
    catalog.write_text(text.replace('#. lang: ru\nmsgctxt "mfa-repatriation-hotline"',
                                    '#. lang: ru\n#, fuzzy\nmsgctxt "mfa-repatriation-hotline"'))
    shown = load_catalogs(project.config()).resolve_fragment("mfa-repatriation-hotline", "en")
    assert shown.translation is None and shown.original_lang == "ru"
    project.page("en/2020/04/x.md", '{{< fragment id="mfa-repatriation-hotline" lang="ru" >}}',
                 **english_article())
    report = build(project.config())
    [error] = report.errors  # a fuzzy entry is not a translation; the catalog it is in is named
    assert (error.path, error.code) == ("locales/en/LC_MESSAGES/fragments.po", "i18n-coverage")
    assert "(0 interface strings and 1 fragments to translate)" in error.message
    page = project.read("site/en/2020/04/x/index.html")
    assert "For assistance in returning home" not in page
    assert '<div class="fragment-original" lang="ru">' in page


def test_the_versions_of_one_story_share_their_topics_unless_one_keeps_its_own(
        project, english_article):
    from builder.index import build_model
    from builder.read import read_articles

    project.page("en/2020/04/a.md", **english_article(
        title="Vaccine talks", translation_key="k", topics=["covid-19"]))
    project.page("ru/2020/04/a.md", **english_article(
        title="Переговоры о вакцине", lang="ru", translation_key="k",
        topics=["covid-19", "csto"]))
    project.page("en/2020/04/b.md", **english_article(
        title="Border talks", translation_key="b", topics=["csto"]))
    project.page("ru/2020/04/b.md", **english_article(
        title="Переговоры о границе", lang="ru", translation_key="b", topics=["central-asia"],
        own_topics=True))
    config = project.config()
    model, _ = build_model(read_articles(config, {}).articles, config)
    topics = {(a.translation_key, a.lang): a.topics for a in model.articles.values()}

    assert topics[("k", "en")] == ("covid-19", "csto") and topics[("k", "ru")] == (
        "covid-19", "csto")
    assert "k" in {model.articles[listed.article].translation_key
                   for listed in model.indexes["en"].topics["csto"]}
    assert topics[("b", "en")] == ("csto",) and topics[("b", "ru")] == ("central-asia",)
