"""Feeds (Atom and JSON Feed), robots.txt and the per-language 404 pages of a built site.

Feeds are read back with real parsers (ElementTree with namespaces, json), so a test fails on
anything a feed reader would choke on, not only on the text the templates happen to write.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from builder.i18n import load_catalogs
from builder.index import build_model
from builder.plan import plan_site
from builder.plan.feeds import FeedLinks
from builder.read import read_articles
from builder.render import Renderer
from builder.session import build

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
BASE = "https://digest-sample.netlify.app"
NASTY = 'Talks <script>alert(1)</script> & "quotes"'


def write_site(project, english_article) -> None:
    """Two translated items, an English-only one with a nasty title, and one with a clock time."""
    project.page("en/2020/04/briefing.md", **english_article(
        title="Briefing", translation_key="briefing", topics=["csto"]))
    project.page("ru/2020/04/brifing.md", **english_article(
        title="Брифинг", lang="ru", translation_key="briefing", translated_from="en",
        summary="Кратко."))
    project.page("en/2020/05/wire.md", **english_article(
        title=NASTY, date="2020-05-02", translation_key="wire", outlet="tass",
        topics=["csto", "uzbekistan"], summary="Summary <b>bold</b> & more."))
    project.page("en/2020/04/statement.md", **english_article(
        title="Statement", date="2020-04-20", translation_key="statement",
        published="2020-04-21T14:27:00+03:00"))


@pytest.fixture
def site(project, english_article) -> Path:
    write_site(project, english_article)
    report = build(project.config())
    assert report.published, report.diagnostics
    return project.root / "site"


def atom(site: Path, path: str) -> ET.Element:
    return ET.parse(site / path).getroot()


def json_feed(site: Path, path: str) -> dict[str, Any]:
    return json.loads((site / path).read_text(encoding="utf-8"))


def test_the_atom_feed_is_atom_in_the_feeds_language(site: Path):
    for lang in ("en", "ru"):
        feed = atom(site, f"{lang}/feed.xml")
        assert feed.tag == f"{ATOM}feed"
        assert feed.get(XML_LANG) == lang
        assert feed.findtext(f"{ATOM}id") == f"{BASE}/{lang}/feed.xml"
        assert feed.find(f"{ATOM}link[@rel='self']").get("href") == f"{BASE}/{lang}/feed.xml"
        assert feed.find(f"{ATOM}link[@rel='alternate']").get("href") == f"{BASE}/{lang}/"
        for entry in feed.findall(f"{ATOM}entry"):
            for child in ("id", "title", "published", "updated"):
                assert entry.findtext(f"{ATOM}{child}"), child
            assert entry.find(f"{ATOM}link[@rel='alternate']").get("href").startswith(BASE)
            assert entry.findtext(f"{ATOM}author/{ATOM}name")
    assert atom(site, "ru/feed.xml").findtext(f"{ATOM}title") == "Дайджест"


def test_atom_entries_are_newest_first_and_the_feed_is_as_new_as_its_newest_entry(site: Path):
    feed = atom(site, "en/feed.xml")
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]
    assert titles == [NASTY, "Statement", "Briefing"]
    published = [entry.findtext(f"{ATOM}published") for entry in feed.findall(f"{ATOM}entry")]
    assert published == ["2020-05-02T00:00:00+00:00", "2020-04-21T14:27:00+03:00",
                         "2020-04-17T00:00:00+00:00"]
    assert feed.findtext(f"{ATOM}updated") == "2020-05-02T00:00:00+00:00"


def test_an_english_only_item_in_the_russian_feed_carries_its_own_language(site: Path):
    entries = {entry.findtext(f"{ATOM}title"): entry
               for entry in atom(site, "ru/feed.xml").findall(f"{ATOM}entry")}
    assert entries[NASTY].get(XML_LANG) == "en"
    assert entries["Брифинг"].get(XML_LANG) is None  # inherits the feed's "ru"
    items = {item["title"]: item for item in json_feed(site, "ru/feed.json")["items"]}
    assert items[NASTY]["_digest"] == {"language": "en"}
    assert "_digest" not in items["Брифинг"]


def test_authors_and_categories_are_named_in_the_feeds_language(site: Path):
    entries = {entry.findtext(f"{ATOM}title"): entry
               for entry in atom(site, "ru/feed.xml").findall(f"{ATOM}entry")}
    wire = entries[NASTY]
    assert wire.findtext(f"{ATOM}author/{ATOM}name") == "ТАСС"
    assert [(c.get("term"), c.get("label")) for c in wire.findall(f"{ATOM}category")] == [
        ("csto", "ОДКБ"), ("uzbekistan", "Узбекистан")]
    items = {item["title"]: item for item in json_feed(site, "ru/feed.json")["items"]}
    assert items[NASTY]["authors"] == [{"name": "ТАСС"}]
    assert items[NASTY]["tags"] == ["ОДКБ", "Узбекистан"]


def test_a_title_with_markup_characters_is_escaped_and_survives_the_parsers(site: Path):
    raw = (site / "en/feed.xml").read_text(encoding="utf-8")
    assert "<script>" not in raw and "&lt;script&gt;" in raw
    entries = atom(site, "en/feed.xml").findall(f"{ATOM}entry")
    assert entries[0].findtext(f"{ATOM}title") == NASTY
    assert entries[0].findtext(f"{ATOM}summary") == "Summary <b>bold</b> & more."
    item = json_feed(site, "en/feed.json")["items"][0]
    assert item["title"] == NASTY and item["summary"] == "Summary <b>bold</b> & more."


def test_the_json_feed_is_json_feed_1_1_in_the_feeds_language(site: Path):
    feed = json_feed(site, "en/feed.json")
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["language"] == "en"
    assert feed["home_page_url"] == f"{BASE}/en/" and feed["feed_url"] == f"{BASE}/en/feed.json"
    assert [item["date_published"] for item in feed["items"]] == [
        "2020-05-02T00:00:00+00:00", "2020-04-21T14:27:00+03:00", "2020-04-17T00:00:00+00:00"]
    for item in feed["items"]:
        assert item["id"].startswith(f"{BASE}/en/") and item["url"].startswith(BASE)
        assert item["content_html"]  # JSON Feed needs content_text or content_html


BRIEFING_BODY = """Opening words with *emphasis*, [a page of the site](/en/2020/05/wire/), \
[the month](../) and [elsewhere](https://example.org/x?a=1&b=2).

## Cooperation in the CSTO

The member states met <script>alert(1)</script> in Moscow.

## Uzbekistan

Test systems were delivered to Tashkent."""


def write_briefing(project, english_article) -> None:
    """A briefing of two sections, of which a topic lists only one, and another item."""
    project.page("en/2020/04/briefing.md", BRIEFING_BODY, **english_article(
        title="Briefing", translation_key="briefing", topics=["csto", "uzbekistan"],
        section_topics={"cooperation-in-the-csto": ["csto"], "uzbekistan": ["uzbekistan"]}))
    project.page("en/2020/04/other.md", "Other text.", **english_article(
        title="Other", date="2020-04-18", translation_key="other", topics=["covid-19"]))


def entry_of(feed: ET.Element, title: str) -> ET.Element:
    return next(e for e in feed.findall(f"{ATOM}entry") if e.findtext(f"{ATOM}title") == title)


def test_an_atom_entry_carries_the_body_its_article_page_shows_escaped_as_html(
        project, english_article):
    write_briefing(project, english_article)
    assert build(project.config()).published
    site = project.root / "site"
    raw = (site / "en/feed.xml").read_text(encoding="utf-8")
    assert "<script>" not in raw and "<em>" not in raw  # HTML as text: escaped once
    content = entry_of(atom(site, "en/feed.xml"), "Briefing").find(f"{ATOM}content")
    assert content.get("type") == "html"
    assert content.get(XML_BASE) == f"{BASE}/en/2020/04/briefing/"
    html = content.text
    page = (site / "en/2020/04/briefing/index.html").read_text(encoding="utf-8")
    for part in ("<p>Opening words with <em>emphasis</em>, ",
                 ('<h2 id="cooperation-in-the-csto">Cooperation in the CSTO</h2>\n'
                  "<p>The member states met &lt;script&gt;alert(1)&lt;/script&gt; in Moscow.</p>"),
                 '<h2 id="uzbekistan">Uzbekistan</h2>\n<p>Test systems were delivered'):
        assert part in html and part in page
    # Relative addresses point where they do on the page, for readers that ignore xml:base
    assert f'<a href="{BASE}/en/2020/05/wire/">' in html and '<a href="/en/2020/05/wire/">' in page
    assert f'<a href="{BASE}/en/2020/04/">the month</a>' in html
    assert '<a href="https://example.org/x?a=1&amp;b=2">' in html


def test_an_entry_for_one_section_of_an_item_carries_that_section(project, english_article):
    write_briefing(project, english_article)
    assert build(project.config()).published
    site = project.root / "site"
    entry = entry_of(atom(site, "en/topics/uzbekistan/feed.xml"), "Briefing")
    assert entry.find(f"{ATOM}link").get("href") == f"{BASE}/en/2020/04/briefing/#uzbekistan"
    assert entry.findtext(f"{ATOM}content") == (
        '<h2 id="uzbekistan">Uzbekistan</h2>\n<p>Test systems were delivered to Tashkent.</p>\n')
    csto = entry_of(atom(site, "en/topics/csto/feed.xml"), "Briefing").findtext(f"{ATOM}content")
    assert csto.startswith('<h2 id="cooperation-in-the-csto">') and "Tashkent" not in csto
    assert "Opening words" not in csto
    whole = entry_of(atom(site, "en/feed.xml"), "Briefing").findtext(f"{ATOM}content")
    assert "Opening words" in whole and "Tashkent" in whole and "Moscow" in whole


def test_the_json_feed_carries_the_same_content_as_html_and_keeps_the_summary(
        project, english_article):
    write_briefing(project, english_article)
    assert build(project.config()).published
    site = project.root / "site"
    for path in ("en/feed", "en/topics/uzbekistan/feed"):
        entries = atom(site, f"{path}.xml").findall(f"{ATOM}entry")
        items = json_feed(site, f"{path}.json")["items"]
        assert [i["content_html"] for i in items] == [e.findtext(f"{ATOM}content") for e in entries]
        assert all("content_text" not in item for item in items)
        assert [i["summary"] for i in items] == [e.findtext(f"{ATOM}summary") for e in entries]


def test_a_body_is_parsed_once_for_its_page_and_the_feeds_that_show_it(
        project, english_article, monkeypatch):
    write_briefing(project, english_article)
    config = project.config()
    model, _ = build_model(read_articles(config, {}).articles, config)
    renderer = Renderer(config, model, load_catalogs(config))
    parsed = []
    parse = renderer.markdown.parse
    monkeypatch.setattr(renderer.markdown, "parse",
                        lambda text, env=None: parsed.append(text) or parse(text, env))
    jobs = [job for job in plan_site(model, config) if job.url == "/en/2020/04/briefing/"
            or job.template in ("feed.xml", "feed.json")]
    assert len(jobs) > 6  # the article, the home feeds and three topics' feeds
    for job in jobs:
        renderer.render(job)
    assert sorted(text.strip() for text in parsed) == [BRIEFING_BODY, "Other text."]


def test_a_topic_has_its_own_feeds_with_only_its_items(site: Path):
    feed = atom(site, "ru/topics/uzbekistan/feed.xml")
    assert feed.get(XML_LANG) == "ru"
    assert feed.findtext(f"{ATOM}title") == "Узбекистан · Дайджест"
    assert [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")] == [NASTY]
    topic = json_feed(site, "en/topics/csto/feed.json")
    assert topic["home_page_url"] == f"{BASE}/en/topics/csto/"
    assert [item["title"] for item in topic["items"]] == [NASTY, "Statement", "Briefing"]


def test_a_feed_keeps_the_configured_number_of_latest_items(project, english_article):
    project.write("digest.toml", project.read("digest.toml").replace(
        "home_items = 20", "home_items = 2"))
    for day in range(1, 6):
        project.page(f"en/2020/05/item-{day}.md", **english_article(
            title=f"Item {day}", date=f"2020-05-0{day}", translation_key=f"item-{day}"))
    assert build(project.config()).published
    site = project.root / "site"
    assert [i["title"] for i in json_feed(site, "en/feed.json")["items"]] == ["Item 5", "Item 4"]
    assert len(atom(site, "en/topics/csto/feed.xml").findall(f"{ATOM}entry")) == 2


def test_home_and_topic_pages_link_their_feeds_in_the_head(site: Path):
    home = (site / "ru/index.html").read_text(encoding="utf-8")
    assert (f'<link rel="alternate" type="application/atom+xml" title="Дайджест (Atom)" '
            f'href="{BASE}/ru/feed.xml">') in home
    assert (f'<link rel="alternate" type="application/feed+json" title="Дайджест (JSON Feed)" '
            f'href="{BASE}/ru/feed.json">') in home
    topic = (site / "en/topics/csto/index.html").read_text(encoding="utf-8")
    assert f'type="application/atom+xml" title="CSTO · Digest (Atom)" href="{BASE}/en/topics/csto/feed.xml"' in topic
    article = (site / "en/2020/04/briefing/index.html").read_text(encoding="utf-8")
    assert "application/atom+xml" not in article


def test_the_subscribe_link_is_in_the_pages_language(project, english_article):
    write_site(project, english_article)
    config = project.config()
    catalogs = load_catalogs(config)
    model, _ = build_model(read_articles(config, {}).articles, config)
    template = "partials/subscribe.html"
    renderer = Renderer(config, model, catalogs)
    links = FeedLinks("/ru/feed.xml", "/ru/feed.json")
    russian = renderer.environments["ru"].get_template(template).render(feed_links=links)
    assert '<a href="/ru/feed.xml" type="application/atom+xml">Подписаться</a>' in russian
    assert 'href="/ru/feed.json" type="application/feed+json"' in russian
    english = renderer.environments["en"].get_template(template).render(feed_links=links)
    assert ">Subscribe</a>" in english


def test_feeds_are_not_in_the_sitemap_nor_are_the_404_pages(site: Path):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "feed." not in sitemap and "404" not in sitemap


def test_two_builds_write_identical_feeds(project, english_article, tmp_path: Path):
    write_site(project, english_article)
    config = project.config()
    feeds = ("en/feed.xml", "en/feed.json", "ru/feed.xml", "ru/feed.json",
             "en/topics/csto/feed.xml", "ru/topics/csto/feed.json")
    assert build(config).published
    first = {path: (project.root / "site" / path).read_bytes() for path in feeds}
    assert build(config.with_output(tmp_path / "again", search=False)).published
    second = {path: (tmp_path / "again" / path).read_bytes() for path in feeds}
    assert first == second


def test_robots_txt_allows_everything_and_names_the_sitemap(site: Path):
    assert (site / "robots.txt").read_text(encoding="utf-8") == (
        f"User-agent: *\nAllow: /\n\nSitemap: {BASE}/sitemap.xml\n")


def test_each_language_has_a_404_page_in_its_own_language(site: Path):
    english = (site / "en/404.html").read_text(encoding="utf-8")
    russian = (site / "ru/404.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in english and "<h1>Page not found</h1>" in english
    assert '<html lang="ru">' in russian and "<h1>Страница не найдена</h1>" in russian
    assert "Страница не найдена" not in english and "Page not found" not in russian
    assert 'href="/ru/404.html" hreflang="ru"' in english
    assert 'href="/en/404.html" hreflang="en"' in russian
    assert '<meta name="robots" content="noindex">' in russian


def test_the_root_404_page_stays_bilingual(site: Path):
    root = (site / "404.html").read_text(encoding="utf-8")
    assert "Page not found" in root and "Страница не найдена" in root
