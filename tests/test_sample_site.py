"""End to end: the repository's sample site, built from its raw sources as a new user would.

The English pages are made by ingest from the two seed documents (they are not copied from
``content/articles/``); the hand-made Russian translation is the only page taken as it is.
The checks are the facts the first release promises about the seeds.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from builder.cli import main
from builder.formats import frontmatter
from tests.conftest import REPO, expect

MFA_EN = "en/2020/04/extract-from-the-briefing-by-foreign-ministry-spokesperson-maria-zakharova-april"
MFA_RU = "ru/2020/04/vyderzhka-iz-brifinga-ofitsialnogo-predstavitelya-mid-rossii-m-v-zakharovoy-17"
TASS_EN = "en/2020/10/lavrov-discusses-anti-covid-efforts-with-top-diplomats-from-central-asian"


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> tuple[Path, str]:
    """(project root, printed report) of ``digest build`` run on a fresh copy of the sample."""
    root = tmp_path_factory.mktemp("sample")
    for name in ("digest.toml", "babel.cfg"):
        shutil.copy2(REPO / name, root / name)
    for folder in ("templates", "locales", "content/sources"):
        shutil.copytree(REPO / folder, root / folder)
    for name in ("topics.yaml", "outlets.yaml"):
        shutil.copy2(REPO / "content" / name, root / "content" / name)
    russian = root / "content" / "articles" / f"{MFA_RU}.md"
    russian.parent.mkdir(parents=True)
    shutil.copy2(REPO / "content" / "articles" / f"{MFA_RU}.md", russian)

    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        exit_code = main(["--project", str(root), "build"])
    assert exit_code == 0, output.getvalue()
    return root, output.getvalue()


def html(sample, path: str) -> str:
    return (sample[0] / "site" / path / "index.html").read_text(encoding="utf-8")


def text_of(page: str) -> str:
    """What a reader sees: tags removed, spaces as a reader sees them."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)).replace("\u202f", " ")


def test_the_report_lists_every_source_with_its_fate_and_no_warnings(sample):
    _, report = sample
    assert f"content/sources/000_eb433352388561be.txt: ingested -> content/articles/{MFA_EN}.md" \
        in report
    assert ("sources: 2 (2 ingested, 0 already had pages, 0 skipped, 0 failed); "
            "articles: 3 published, 0 scheduled, 0 drafts, 0 failed") in report
    assert "0 errors, 0 warnings; site published" in report
    assert "search: 3 pages indexed" in report


def test_ingested_pages_carry_the_front_matter_of_the_design(sample):
    page = frontmatter.parse((sample[0] / "content/articles" / f"{TASS_EN}.md").read_text())
    assert {"title", "date", "lang", "outlet", "place", "translation_key", "topics", "summary",
            "source", "source_sha256", "related"} <= set(page.data)
    english = frontmatter.parse((sample[0] / "content/articles" / f"{MFA_EN}.md").read_text())
    russian = frontmatter.parse((sample[0] / "content/articles" / f"{MFA_RU}.md").read_text())
    assert english.data["translation_key"] == russian.data["translation_key"]
    assert russian.data["translated_from"] == "en"


def test_the_english_briefing_has_its_sections_dates_and_no_furniture(sample):
    page = html(sample, MFA_EN)
    visible = text_of(page)
    assert "<h1 data-pagefind-meta=\"title\">Extract from the briefing by Foreign Ministry " \
           "Spokesperson Maria Zakharova, April 17, 2020</h1>" in page
    assert '<time datetime="2020-04-17" data-pagefind-meta="date">April 17, 2020</time>' in page
    assert ('<time datetime="2020-04-21T14:27:00+03:00">April 21, 2020, 2:27 PM</time>'
            in page.replace("\u202f", " "))
    assert "Ministry of Foreign Affairs of the Russian Federation" in visible
    assert ('<h2 id="csto-member-states-cooperation-in-preventing-and-battling-covid-19">'
            in page)
    assert '<h2 id="russias-assistance-to-uzbekistan-in-combating-covid-19">' in page
    for furniture in ("Asset Publisher", "202014:27", "en-GB1", "ru-RU1"):
        assert furniture not in page


def test_the_hotline_note_is_shown_translated_with_its_russian_original_and_a_tel_link(sample):
    page = html(sample, MFA_EN)
    note = page[page.index('<aside class="fragment"'):page.index("</aside>")]
    assert "For assistance in returning home to Russia" in note
    original = note[note.index('<div class="fragment-original" lang="ru">'):]
    assert "По вопросам содействия в возвращении на Родину росграждан" in original
    assert '<a href="tel:+74955878860">+7 (495) 587-88-60</a> – круглосуточно' in original
    catalogs = [(sample[0] / f"locales/{lang}/LC_MESSAGES/fragments.po").read_text()
                for lang in ("en", "ru")]
    assert all(c.count('msgctxt "mfa-repatriation-hotline"') == 1 for c in catalogs)


def test_the_russian_version_is_linked_both_ways_and_shows_the_note_as_native_text(sample):
    english, russian = html(sample, MFA_EN), html(sample, MFA_RU)
    assert f'href="/{MFA_RU}/" hreflang="ru"' in english
    assert f'href="/{MFA_EN}/" hreflang="en"' in russian
    assert '<div class="fragment-native" id="fragment-mfa-repatriation-hotline">' in russian
    assert 'class="fragment-original"' not in russian
    assert "17 апреля 2020 г." in text_of(russian)
    assert "Переведено для дайджеста; язык оригинала: английский." in text_of(russian)


def test_the_tass_article_ends_before_the_sidebar_and_its_dateline_is_kept(sample):
    page = html(sample, TASS_EN)
    assert "<h1 data-pagefind-meta=\"title\">Lavrov discusses anti-COVID efforts with top " \
           "diplomats from Central Asian nations</h1>" in page
    assert '<p class="summary">Apart from that, the ministers discussed issues of regional ' \
           'stability and security</p>' in page
    assert "MOSCOW, October 15. /TASS/." in page and "MOSCOW" in text_of(page)
    for headline in ("Nagorno-Karabakh peaceful regulation", "Putin says no friends",
                     "Sergei Ryabkov said", "Sputnik V"):
        assert headline not in page
    assert "/en/topics/nagorno-karabakh/" not in page


def test_no_sidebar_headline_reaches_any_page_of_the_site(sample):
    site = sample[0] / "site"
    for path in site.rglob("*.html"):
        assert "Nagorno-Karabakh peaceful regulation" not in path.read_text(encoding="utf-8"), path


def test_the_russian_tree_lists_the_english_only_item_with_a_badge_and_russian_chrome(sample):
    home = html(sample, "ru")
    entry = home[home.index(f'href="/{TASS_EN}/"'):]
    entry = entry[:entry.index("</li>")]
    assert 'hreflang="en" lang="en"' in entry and '<span class="badge">' in entry
    assert "на английском" in entry
    visible = text_of(home)
    assert "2 материала" in visible and "15 октября 2020 г." in visible
    topics = text_of(html(sample, "ru/topics"))
    for label in ("ОДКБ", "Узбекистан", "Центральная Азия", "Региональная безопасность"):
        assert label in topics
    assert "1 материал" in topics and "2 материала" in topics


def test_every_language_has_home_topics_archives_search_and_a_language_switch(sample):
    site = sample[0] / "site"
    for lang in ("en", "ru"):
        for path in ("", "topics", "topics/covid-19", "topics/csto", "2020", "2020/04", "2020/10",
                     "search"):
            page = (site / lang / path / "index.html").read_text(encoding="utf-8")
            assert f'<html lang="{lang}">' in page, (lang, path)
            assert '<nav class="language-switch"' in page, (lang, path)
    root = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="/en/"' in root and 'href="/ru/"' in root
    assert (site / "404.html").is_file() and (site / "sitemap.xml").is_file()


def test_a_topic_page_links_to_the_section_of_the_briefing_about_it(sample):
    csto = html(sample, "en/topics/csto")
    assert (f'href="/{MFA_EN}/#csto-member-states-cooperation-in-preventing-and-battling-covid-19"'
            in csto)


def test_pagefind_indexed_both_languages(sample):
    bundle = sample[0] / "site/pagefind"
    shards = json.loads((bundle / "shards.json").read_text())["languages"]
    assert {lang: [shard["name"] for shard in listed] for lang, listed in shards.items()} == \
        {"en": ["en-2020"], "ru": ["ru-2020"]}  # one index per language and year
    counts = {}
    for lang, listed in shards.items():
        for shard in listed:
            entry = json.loads((bundle / shard["name"] / "pagefind-entry.json").read_text())
            counts[lang] = counts.get(lang, 0) + entry["languages"][lang]["page_count"]
    # In Russian: the briefing, and the TASS item, which has no Russian version yet.
    assert counts == {"en": 2, "ru": 2}


def test_the_site_loads_nothing_from_another_host(sample):
    """Scripts, styles, images and frames are the site's own; only links may point away."""
    for path in (sample[0] / "site").rglob("*.html"):
        page = path.read_text(encoding="utf-8")
        assert not re.search(r"<(?:script|img|iframe|source)\b[^>]*\bsrc=\"(?:https?:)?//", page)
        for tag in re.findall(r"<link\b[^>]*>", page):
            url = re.search(r'href="([^"]*)"', tag)[1]
            assert url.startswith(("/", "https://digest-sample.netlify.app/")), (path, tag)


def test_building_the_same_content_again_gives_a_byte_identical_site(sample):
    root = sample[0]
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["--project", str(root), "build", "--output", str(root / "again")]) == 0
    first, second = root / "site", root / "again"
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for path in files:
        assert (first / path).read_bytes() == (second / path).read_bytes(), path


# --- in a real browser ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def server(sample, serve_site, netlify_headers):
    return serve_site(sample[0] / "site", netlify_headers)


def search(page, query: str):
    field = page.locator("pagefind-input input")
    field.click()
    field.press_sequentially(query, delay=20)
    return page.locator("pagefind-results")


@pytest.mark.browser
def test_searching_the_sample_finds_the_briefing_and_the_tass_article_but_no_sidebar(
        server, open_page):
    reader = open_page(locale="en-US")
    page = reader.page
    page.goto(server.url("/en/search/"))
    results = search(page, "Uzbekistan")
    expect(results.get_by_role("link", name=re.compile("^Extract from the briefing"))) \
        .to_have_attribute("href", f"/{MFA_EN}/")

    page.goto(server.url("/en/search/"))
    results = search(page, "Lavrov")
    expect(results.get_by_role("link", name=re.compile("^Lavrov discusses"))) \
        .to_have_attribute("href", f"/{TASS_EN}/")
    expect(results.get_by_role("link")).to_have_count(1)
    expect(results).not_to_contain_text("Turkey backed agreements")  # a sidebar headline
    reader.assert_no_problems()


@pytest.mark.browser
def test_the_root_leads_to_the_readers_language_and_remembers_a_choice(server, open_page):
    russian_reader = open_page(locale="ru-RU")
    russian_reader.page.goto(server.url("/"))
    expect(russian_reader.page).to_have_url(server.url("/ru/"))

    reader = open_page(locale="en-GB")
    page = reader.page
    page.goto(server.url("/"))
    expect(page).to_have_url(server.url("/en/"))
    page.goto(server.url(f"/{MFA_EN}/"))
    page.locator(".language-switch").get_by_role("link", name="Русский").click()
    expect(page).to_have_url(server.url(f"/{MFA_RU}/"))
    page.goto(server.url("/"))
    expect(page).to_have_url(server.url("/ru/"))  # the nf_lang cookie, as Netlify reads it
    reader.assert_no_problems()
    russian_reader.assert_no_problems()
