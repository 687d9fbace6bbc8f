"""An item of a site's RSS or Atom feed saved as a file: an outside trial's agency item
(Yandex's ``full-text``) got no page, its XML read as text. It is now read as the page it
stands for: its title, its story (plain or HTML), its link's site for the outlet, its date; a
feed of several items is refused with a warning that says why (a source is one story), and
the XML is read with entities and the network off.
"""

from __future__ import annotations

import html

import pytest

from builder.diagnostics import Fate
from builder.ingest.draft import Source
from builder.ingest.extract import extract
from builder.ingest.run import ingest_sources
from tests.test_ingest_story_furniture import body_of, corpus_stories, needs_corpus

SITES = {"en": ("Riverside Daily", "https://www.riverside-daily.com/world/2020/07/26/story.html",
                "riverside-daily"),
         "ru": ("Росбалт", "https://www.rosbalt.ru/russia/2020/07/26/1855903.html", "rosbalt")}


def rss(title: str, paragraphs: list[str], site: str, link: str, kind: str, items: int = 1
        ) -> str:
    """A feed of ``items`` copies of one story, its text as ``kind`` keeps it."""
    text = "\n\n".join(paragraphs)
    story = {"yandex": f"<yandex:full-text><![CDATA[{text}]]></yandex:full-text>",
             "wordpress": "<content:encoded><![CDATA[" + "".join(f"<p>{p}</p>" for p in paragraphs)
                          + "]]></content:encoded>",
             "description": f"<description>{html.escape(text)}</description>"}[kind]
    item = (f"<item><title>{html.escape(title)}</title><link>{link}</link>"
            f"<pubDate>Sun, 26 Jul 2020 10:20:00 +0300</pubDate>{story}</item>")
    return ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
            'xmlns:yandex="http://news.yandex.ru" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/">\n<channel><title>'
            f"{html.escape(site)}</title>{item * items}</channel></rss>\n")


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("kind", ["yandex", "wordpress", "description"])
def test_a_feeds_one_item_becomes_its_story(project, lang, kind):
    title, paragraphs = corpus_stories(lang)[1]
    site, link, key = SITES[lang]
    draft, _ = extract(Source("item.xml", rss(title, paragraphs, site, link, kind), "0"), ".xml",
                       project.config())
    assert draft.title == title and body_of(draft) == paragraphs
    assert draft.outlet == key
    assert (draft.date.year, draft.date.month, draft.date.day) == (2020, 7, 26)


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_an_atom_entry_becomes_its_story(project, lang):
    title, paragraphs = corpus_stories(lang)[2]
    site, link, key = SITES[lang]
    text = ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{html.escape(site)}</title><entry><title>{html.escape(title)}</title>"
            f"<link href='{link}'/><published>2020-07-26T10:20:00+03:00</published>"
            "<author><name>Anna Smith</name></author><content type='html'>"
            + html.escape("".join(f"<p>{p}</p>" for p in paragraphs)) + "</content></entry></feed>\n")
    draft, _ = extract(Source("entry.atom", text, "0"), ".atom", project.config())
    assert draft.title == title and body_of(draft) == paragraphs and draft.outlet == key


@needs_corpus
def test_a_feed_of_several_items_is_refused_with_a_warning_that_says_why(project):
    title, paragraphs = corpus_stories("en")[1]
    site, link, _ = SITES["en"]
    (project.root / "content/sources/feed.xml").write_text(
        rss(title, paragraphs, site, link, "yandex", items=3), encoding="utf-8")
    result = ingest_sources(project.config())
    assert result.outcomes[0].fate is Fate.SKIPPED
    [problem] = result.diagnostics
    assert problem.code == "source-feed" and "3 items" in problem.message


def test_a_feeds_entities_are_not_expanded_and_nothing_is_fetched(project, tmp_path):
    """An entity naming a file or an address, or expanding into itself a billion times, stays
    unread: the item's text is what the feed prints."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    text = ('<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY x SYSTEM "file://' + str(secret)
            + '"><!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
            "<rss><channel><title>Site</title><item><title>Fire at a plant</title>"
            "<link>https://example.org/a</link><pubDate>Sun, 26 Jul 2020 10:20:00 +0300</pubDate>"
            "<description>A fire broke out at the plant on Sunday. &x; &b;</description>"
            "</item></channel></rss>\n")
    draft, _ = extract(Source("item.xml", text, "0"), ".xml", project.config())
    assert "TOP SECRET" not in " ".join(body_of(draft)) and "aaaaaaaaaa" not in " ".join(
        body_of(draft))


def test_xml_that_is_no_feed_a_parser_reads_is_a_warning_not_a_crash(project):
    (project.root / "content/sources/broken.xml").write_text(
        '<?xml version="1.0"?>\n<rss><channel><item><title>Fire</title></channel>\n',
        encoding="utf-8")
    result = ingest_sources(project.config())
    assert result.outcomes[0].fate is Fate.SKIPPED
    assert [d.code for d in result.diagnostics] == ["source-feed"]
