"""builder.ingest.html: saved web pages -> plain text laid out for the outlet adapters.

The pages are written here, around the real seed texts, the way the outlets' sites wrap an
article: menus, language switchers, breadcrumbs, share buttons, sidebars, cookie banners,
footers, scripts and styles. Nothing is downloaded, and a guard makes any connection fail.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import socket

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.diagnostics import Fate
from builder.formats import frontmatter
from builder.formats.markdown import create_parser, escape_markdown
from builder.ingest import generic
from builder.ingest.draft import Kind, Source, TextBlock, body_blocks, split_blocks
from builder.ingest.html import is_html, to_text
from builder.ingest.run import ingest_sources
from tests.conftest import REPO

SOURCES = REPO / "content" / "sources"
MSK = dt.timezone(dt.timedelta(hours=3))


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Extraction works on the string it is given: any attempt to connect fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("builder.ingest.html tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def e(text: str) -> str:
    return html.escape(text)


def paragraphs(items: list[str]) -> str:
    return "\n".join(f"<p>{e(item)}</p>" for item in items)


def body_of(text: str) -> tuple[str, list[TextBlock]]:
    """The headline and the body blocks, as the generic adapter splits a text."""
    title, *rest = split_blocks(text)
    return title.text, rest


# --- an MFA briefing page ---------------------------------------------------------------------

MFA_URL = "https://mid.ru/en/foreign_policy/news/1431150/"
MFA_FURNITURE = (
    "We use cookies", "Accept all", "About the Ministry", "Press service", "Consular services",
    "en-GB", "ru-RU", "Foreign policy", "Share on VK", "Telegram",
    "Latest news", "talks with the Foreign Minister of Egypt", "situation in Syria",
    "Moscow, April 23, 2020", "2005–2020", "Contacts", "dataLayer", "Injected by script",
    "color: #123",
)


def mfa_seed() -> tuple[str, list[str], list[list[str]]]:
    """Title, section headings and each section's paragraphs of the MFA seed text, as the
    block rules read the pasted text."""
    blocks = split_blocks((SOURCES / "000_eb433352388561be.txt").read_text(encoding="utf-8"))
    title, article = blocks[2].text, blocks[4:]  # after the widget, stamp, title and switcher
    headings: list[str] = []
    sections: list[list[str]] = []
    for block in body_blocks(article):
        if block.kind is Kind.HEADING:
            headings.append(block.text)
            sections.append([])
        else:
            sections[-1].append(" ".join(block.text.split()))
    assert len(headings) == 2
    return title, headings, sections


def mfa_page() -> str:
    title, headings, sections = mfa_seed()
    article = "\n".join(f"<h2>{e(heading)}</h2>\n{paragraphs(section)}"
                        for heading, section in zip(headings, sections))
    return f"""<!DOCTYPE html>
<!-- saved from url=(0047){MFA_URL} -->
<html lang="en-GB"><head><meta charset="utf-8">
<title>{e(title)} - The Ministry of Foreign Affairs of the Russian Federation</title>
<meta property="og:title" content="{e(title)}">
<meta property="og:type" content="article">
<meta property="og:url" content="{MFA_URL}">
<link rel="canonical" href="{MFA_URL}">
<meta property="article:published_time" content="2020-04-21T14:27:00+03:00">
<link rel="stylesheet" href="/o/mid-theme/css/main.css">
<style>.menu {{ color: #123 }} .cookie {{ position: fixed }}</style>
<script>window.dataLayer = window.dataLayer || [];
  function gtag() {{ dataLayer.push(arguments); }}</script>
</head>
<body>
<div class="cookie-notice" id="cookie">We use cookies to make the site work better.
  <button>Accept all</button></div>
<header class="header">
  <nav class="main-menu"><ul>
    <li><a href="/en/">Home</a></li><li><a href="/en/about/">About the Ministry</a></li>
    <li><a href="/en/press_service/">Press service</a></li>
    <li><a href="/en/consular_services/">Consular services</a></li></ul></nav>
  <ul class="language-switch"><li><a href="/en/" class="active">en-GB</a></li>
    <li><a href="/ru/">ru-RU</a></li></ul>
</header>
<main>
<ol class="breadcrumbs"><li><a href="/en/">Home</a></li>
  <li><a href="/en/foreign_policy/">Foreign policy</a></li><li>News</li></ol>
<div class="layout">
<article class="article">
  <h1 class="article__title">{e(title)}</h1>
  <div class="article__date"><time datetime="2020-04-21T14:27">21 April 2020 14:27</time></div>
  <div class="share-buttons"><a href="https://vk.com/share.php">Share on VK</a>
    <a href="https://t.me/share/url">Telegram</a></div>
  <div class="article__text">
{article}
  </div>
</article>
<aside class="sidebar"><h3>Latest news</h3><ul>
  <li><a href="/en/1">
    Foreign Minister Sergey Lavrov's talks with the Foreign Minister of Egypt</a></li>
  <li><a href="/en/2">
    Comment by the Information and Press Department on the situation in Syria</a></li>
  <li><a href="/en/3">
    Briefing by Foreign Ministry Spokesperson Maria Zakharova, Moscow, April 23, 2020</a></li>
</ul></aside>
</div>
</main>
<footer class="footer"><p>© 2005–2020 The Ministry of Foreign Affairs of the Russian Federation</p>
  <a href="/en/contacts/">Contacts</a></footer>
<script>document.write("Injected by script");</script>
</body></html>
"""


def test_an_mfa_page_gives_its_headline_then_a_blank_line_and_never_repeats_it():
    title, _, _ = mfa_seed()
    result = to_text(mfa_page())
    assert result.text.startswith(f"{title}\n\n")
    assert result.text.count(title) == 1
    assert result.meta["title"] == title


def test_the_sections_of_an_mfa_page_come_out_as_headings_with_every_paragraph_in_order():
    _, headings, sections = mfa_seed()
    _, body = body_of(to_text(mfa_page()).text)
    stamp, *blocks = body_blocks(body)
    assert stamp.text == "21 April 2020 14:27"  # shown under the headline, as a paste has it
    assert [b.text for b in blocks if b.kind is Kind.HEADING] == headings
    assert [b.text for b in blocks if b.kind is Kind.PARAGRAPH] == [p for s in sections for p in s]
    assert blocks[0].kind is Kind.HEADING


TALKS = ("The presidents held talks in Geneva on Wednesday, the first since the summit in "
         "Helsinki three years ago, at the Villa La Grange on the shore of the lake.",
         "The talks began in a restricted format, with the foreign ministers, and went on with "
         "the delegations of both countries in the afternoon.",
         "The two sides agreed to return their ambassadors to their posts and to begin "
         "consultations on strategic stability.",
         "After the talks each president held a press conference of his own.")


@pytest.mark.parametrize("shown", [
    '<time class="read__published" datetime="2021-06-16">June 16, 2021</time>',
    '<span class="post-date">16.06.2021</span>',
    '<div class="article__date">16 июня 2021, 17:00</div>'])
def test_the_date_a_saved_page_shows_under_its_headline_is_its_date_line(shown):
    page = ('<!doctype html>\n<html lang="en">\n<head><title>Russian-US talks</title></head>\n'
            '<body>\n<header><nav><a href="/">Home</a></nav></header>\n<main>\n<article>\n'
            f'  <div class="read__meta">\n    {shown}\n  </div>\n  <h1>Russian-US talks</h1>\n'
            '  <div class="read__body">\n' + "".join(f"  <p>{p}</p>\n" for p in TALKS) +
            '  </div>\n</article>\n</main>\n</body>\n</html>\n')
    text = to_text(page).text
    assert text.split("\n\n")[:2] == ["Russian-US talks", re.sub(r"<[^>]+>", "", shown)]


@pytest.mark.parametrize("label", ["<strong>Date</strong> 16.06.2021", "<b>Дата:</b> 16.06.2021",
                                   "Published 16 June 2021"])
def test_a_date_the_page_labels_as_such_in_a_list_of_facts_is_its_date_line(label):
    """An outside trial's saved page printed its date only in a list of facts under its
    headline ("Date 25.07.2020"), which the main text leaves out and whose class names no date:
    the source got no page."""
    page = ('<!doctype html>\n<html lang="en">\n<head><title>Russian-US talks</title></head>\n'
            '<body><div id="bodyContent"><div class="col3"><h1>Russian-US talks</h1>\n'
            f'<div class="group"><ul class="smallList"><li>{label}</li><li><strong>Related '
            'Subjects</strong> <a>Russia</a>, <a>USA</a></li></ul></div>\n<div class="longText">'
            + "".join(f"<p>{p}</p>\n" for p in TALKS) + "</div></div></div></body></html>\n")
    draft = generic.extract(Source("x.html", to_text(page).text, "0"))
    assert (draft.title, draft.date.day, draft.date.month) == ("Russian-US talks", 16, 6)
    assert body_of_draft(draft) == list(TALKS)


def test_a_story_in_a_tables_cell_beside_a_column_of_links_keeps_its_paragraphs_and_date():
    """An old site lays its page out in a table: the story's cell (headline, date, paragraphs)
    beside a column of links. Read as a row of data, it was one paragraph, the date inside it:
    an outside trial's source got no page."""
    page = ('<html><head><title>Russian-US talks :: City News</title></head><body>'
            '<table><tr><td class="content"><h1>Russian-US talks</h1>'
            '<div class="date">16.06.2021 14:30</div>' + "".join(f"<p>{p}</p>" for p in TALKS)
            + '</td><td class="right"><b>City news</b><br><a>A car drove into a shop</a></td>'
            '</tr></table></body></html>')
    draft = generic.extract(Source("x.html", to_text(page).text, "0"))
    assert (draft.title, draft.date.day, draft.date.month) == ("Russian-US talks", 16, 6)
    assert body_of_draft(draft)[:len(TALKS)] == list(TALKS)


def body_of_draft(draft) -> list[str]:
    return [" ".join(block.text.split()) for block in draft.body]


def test_menus_switchers_sidebars_footers_scripts_and_banners_are_left_out_of_an_mfa_page():
    text = to_text(mfa_page()).text
    for furniture in MFA_FURNITURE:
        assert furniture not in text


def test_what_was_left_out_of_a_page_is_described_for_the_report():
    dropped = to_text(mfa_page()).dropped
    assert {"2 scripts", "2 style sheets", "sidebar (3 links)", "footer (1 link)",
            "share buttons (2 links)", "breadcrumbs (2 links)", "cookie banner"} <= set(dropped)
    assert any(item.startswith("page header") for item in dropped)


def test_the_publication_time_url_and_language_come_from_the_page_metadata():
    meta = to_text(mfa_page()).meta
    assert meta["published"] == dt.datetime(2020, 4, 21, 14, 27, tzinfo=MSK)
    assert meta["url"] == MFA_URL
    assert meta["lang"] == "en"
    assert "date" not in meta  # the publication day is not the news date (April 17 here)


def test_the_publication_time_is_also_read_from_json_ld_and_time_elements():
    json_ld = ('<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", '
               '"datePublished": "2020-10-15T10:08:00Z"}]}</script>')
    time = '<article><time datetime="2020-10-15T13:08">15 October</time><p>Text.</p></article>'
    assert to_text(f"<html><head>{json_ld}</head><body><p>Text.</p></body></html>"
                   ).meta["published"] == dt.datetime(2020, 10, 15, 10, 8, tzinfo=dt.UTC)
    assert to_text(f"<html><body>{time}</body></html>").meta["published"] == dt.datetime(
        2020, 10, 15, 13, 8)


@pytest.mark.parametrize("meta", ['<meta name="dcterms.date" content="2020-07-26T11:30+03:00">',
                                  '<meta name="DC.date" content="2020-07-26T11:30+03:00">',
                                  '<meta name="parsely-pub-date" content="2020-07-26T08:30:00Z">'])
def test_the_dublin_core_date_drupal_prints_is_the_publication_time(meta):
    page = (f'<html><head>{meta}</head><body><article><h1>Headline</h1><p>Some text of the '
            'article.</p></article></body></html>')
    published = to_text(page).meta["published"]
    assert published.astimezone(dt.timezone.utc) == dt.datetime(2020, 7, 26, 8, 30,
                                                                tzinfo=dt.timezone.utc)


@pytest.mark.parametrize("shown", ['<span class="text-size-5 color-gray-burn">24.07.2020 '
                                   '19:41</span>',
                                   '<div class="meta"><span class="c-3">July 24, 2020</span> '
                                   '<span class="views">1 520</span></div>'])
def test_a_date_line_under_the_headline_is_read_whatever_its_class(shown):
    """A page whose date line's element names no date in its class (Banki.ru prints it in a
    span classed for its size and colour) still gives the extractor's text its date line."""
    page = (f'<html><body><div class="news-item"><h1>Headline of the news</h1>{shown}'
            '<p>The central bank lowered its key rate again on Friday, to a new low.</p>'
            '<p>Analysts expect one more cut before the end of the year.</p></div>'
            '<aside><ul><li><a href="/1">Other news</a> <span>23.07.2020 10:00</span></li>'
            '</ul></aside></body></html>')
    text = to_text(page).text
    assert text.split("\n\n")[1] in ("24.07.2020 19:41", "July 24, 2020")


def test_a_date_in_a_sidebar_under_the_headline_is_no_date_line_of_the_page():
    page = ('<html><body><h1>Headline of the news</h1><p>The central bank lowered its key '
            'rate again on Friday, to a new low.</p><aside><ul><li><a href="/1">Other news</a> '
            '<span>23.07.2020 10:00</span></li></ul></aside></body></html>')
    assert "23.07.2020" not in to_text(page).text


def test_a_publication_day_without_a_time_is_kept_apart_from_a_publication_time():
    page = ('<html><head><meta property="article:published_time" content="2020-04-21">'
            '</head><body><article><h1>Headline</h1><p>Some text of the article.</p>'
            '</article></body></html>')
    result = to_text(page)
    assert "published" not in result.meta and "date" not in result.meta  # no time to invent
    assert result.published_day == dt.date(2020, 4, 21)


# --- a TASS page ------------------------------------------------------------------------------

def tass_seed() -> tuple[str, str, list[str], list[str]]:
    """Headline, lede, article paragraphs and sidebar lines of the TASS seed text."""
    blocks = split_blocks((SOURCES / "002_3b3367dd57c4185f.txt").read_text(encoding="utf-8"))
    title, lede, *article, sidebar = blocks
    return title.text, lede.text, [b.text for b in article], list(sidebar.lines)


def tass_page() -> str:
    title, lede, article, sidebar = tass_seed()
    pairs = [sidebar[i:i + 2] for i in range(0, len(sidebar), 2)]
    items = "\n".join(
        f'<li class="news-list__item"><a href="/politics/{n}">'
        f'<span class="news-list__title">{e(pair[0])}</span>'
        f'<span class="news-list__lead">{e(pair[-1])}</span></a></li>'
        for n, pair in enumerate(pairs))
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{e(title)} - Russian Politics &amp; Diplomacy - TASS</title>
<meta name="description" content="{e(lede)}">
<meta property="og:title" content="{e(title)}">
<meta property="og:description" content="{e(lede)}">
<meta property="og:url" content="https://tass.com/politics/1212345">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
  "headline": "{e(title)}", "datePublished": "2020-10-15T13:08:00+03:00"}}</script>
<script src="/assets/app.js"></script></head><body>
<header class="header"><nav><a href="/">TASS</a><a href="/politics">Politics</a>
  <a href="/world">World</a><a href="/economy">Business &amp; Economy</a></nav></header>
<main><article class="news">
  <h1 class="news-header__title">{e(title)}</h1>
  <div class="news-header__lead">{e(lede)}</div>
  <div class="text-content">
{paragraphs(article)}
  </div>
  <div class="tags"><a href="/tag/covid">Coronavirus pandemic</a></div>
</article>
<aside class="sidebar"><section class="read-more"><h3>Read more</h3>
  <ul class="news-list">{items}</ul></section></aside>
</main>
<footer><p>TASS Russian News Agency</p></footer></body></html>
"""


def test_the_sidebar_headlines_of_a_tass_page_are_absent_from_the_text():
    _, _, _, sidebar = tass_seed()
    result = to_text(tass_page())
    for line in sidebar:
        assert line not in result.text
    assert "Read more" not in result.text and "Politics" not in result.text
    assert f"sidebar ({(len(sidebar) + 1) // 2} links)" in result.dropped


def test_a_tass_page_reads_like_the_pasted_tass_text():
    title, lede, article, _ = tass_seed()
    text = to_text(tass_page()).text
    draft = generic.extract(Source("tass.html", text, "0" * 64))
    assert (draft.title, draft.summary, draft.place, draft.outlet) == (
        title, lede, "MOSCOW", "tass")
    assert [block.text for block in draft.body] == article
    assert (draft.date.day, draft.date.month) == (15, 10)


def test_a_lede_shown_above_the_text_comes_after_the_headline():
    title, lede, article, _ = tass_seed()
    assert to_text(tass_page()).text.startswith(f"{title}\n\n{lede}\n\n{article[0]}\n\n")


def test_a_tass_page_gives_its_json_ld_publication_time_and_og_url():
    meta = to_text(tass_page()).meta
    assert meta["published"] == dt.datetime(2020, 10, 15, 13, 8, tzinfo=MSK)
    assert meta["url"] == "https://tass.com/politics/1212345"


# --- a Russian page ---------------------------------------------------------------------------

RUSSIAN_PARAGRAPHS = [
    ("Министр иностранных дел России Сергей Лавров провёл переговоры с коллегами из стран "
     "Центральной Азии в формате видеоконференции."),
    ("Стороны обсудили сотрудничество в борьбе с пандемией коронавирусной инфекции и вопросы "
     "региональной безопасности."),
    ("Министры подтвердили заинтересованность в продолжении регулярного доверительного обмена "
     "мнениями по вопросам, представляющим взаимный интерес."),
]


def russian_page(lang: str = "ru") -> str:
    return f"""<!doctype html><html lang="{lang}"><head>
<title>Лавров обсудил с коллегами из Центральной Азии борьбу с пандемией — ТАСС</title>
</head><body><nav><a href="/">Главная</a><a href="/politika">Политика</a></nav>
<article><h1>Лавров обсудил с коллегами из Центральной Азии борьбу с пандемией</h1>
{paragraphs(RUSSIAN_PARAGRAPHS)}</article>
<footer>© ТАСС, 2020</footer></body></html>"""


def test_a_russian_page_keeps_its_cyrillic_text_and_gives_lang_ru():
    result = to_text(russian_page())
    headline, body = body_of(result.text)
    assert headline == "Лавров обсудил с коллегами из Центральной Азии борьбу с пандемией"
    assert [block.text for block in body] == RUSSIAN_PARAGRAPHS
    assert result.meta["lang"] == "ru" and result.meta["title"] == headline
    assert "Главная" not in result.text and "© ТАСС" not in result.text


@pytest.mark.parametrize(("lang", "expected"), [("ru-RU", "ru"), ("EN", "en"), ("de", None),
                                                ("", None)])
def test_only_the_digest_languages_are_taken_from_html_lang(lang, expected):
    assert to_text(russian_page(lang)).meta.get("lang") == expected


def test_lists_and_tables_in_an_article_become_one_paragraph_per_item_or_row():
    page = """<html><body><article><h1>Measures</h1>
<p>The government announced the following measures to support the economy this year.</p>
<ul><li>Tax holidays for small businesses.</li><li>Deferred rent for tenants.</li></ul>
<table><tr><td>Region</td><td>Cases</td></tr><tr><td>Moscow</td><td>1,200</td></tr></table>
</article></body></html>"""
    _, body = body_of(to_text(page).text)
    assert [block.text for block in body] == [
        "The government announced the following measures to support the economy this year.",
        "Tax holidays for small businesses.", "Deferred rent for tenants.",
        "Region | Cases", "Moscow | 1,200"]


# --- hostile and broken pages -----------------------------------------------------------------

HOSTILE = """<!DOCTYPE html><html><head><title>A hostile page</title>
<link rel="canonical" href="javascript:alert(7)">
<script>alert(1)</script></head><body>
<article><h1>A hostile page</h1>
<p>Before the script <script>alert(2)</script>and after it, the sentence goes on.</p>
<p><img src="x" onerror="alert(3)">An image with an error handler stood here.</p>
<p><a href="javascript:alert(4)" onclick="alert(5)">A link that runs code</a> is only words.</p>
<iframe src="javascript:alert(6)">Frame fallback</iframe>
<p>&lt;script&gt;alert(8)&lt;/script&gt; is written on the page as text.</p>
<p>Entities: &amp;lt;b&amp;gt; stays as typed, &#x3C;i&#x3E; and &quot;quotes&quot; are decoded.</p>
<svg onload="alert(9)"><text>Vector text</text></svg>
<template><p>Template text that is never shown.</p></template>
<p style="display: none">Hidden text that is never shown.</p>
<noscript>Enable JavaScript to see this.</noscript>
<style>p { color: red }</style>
</article></body></html>"""


def test_scripts_handlers_frames_and_hidden_parts_of_a_hostile_page_leave_no_trace():
    result = to_text(HOSTILE)
    for trace in ("alert(1)", "alert(2)", "alert(3)", "alert(4)", "alert(5)", "alert(6)",
                  "alert(9)", "onerror", "onclick", "javascript:", "Frame fallback",
                  "Template text", "Hidden text", "Enable JavaScript", "color: red"):
        assert trace not in result.text
    assert "url" not in result.meta  # a javascript: canonical link is no source URL
    assert "Before the script and after it, the sentence goes on." in result.text
    assert "A link that runs code is only words." in result.text


def test_markup_written_as_text_on_a_page_stays_plain_text_that_renders_as_text():
    text = to_text(HOSTILE).text
    assert "<script>alert(8)</script> is written on the page as text." in text
    assert 'Entities: &lt;b&gt; stays as typed, <i> and "quotes" are decoded.' in text
    rendered = create_parser().render("\n\n".join(escape_markdown(b.text)
                                                  for b in split_blocks(text)))
    assert "<script" not in rendered and "<i>" not in rendered and "<a" not in rendered


@pytest.mark.parametrize("page", [
    "", "   \n", "\ufeff", "<!doctype html>", "<html></html>",
    "<html><head><title>Only a head</title></head></html>",
    "<html><body><p>Unclosed <b>bold <i>italic <div>and a div",
    "<<<>>> </p></div></body>", "<p>", "\x00<html>\x00", "<?xml version='1.0' encoding='latin-1'?>",
    "<html>" + "<div>" * 3000 + "Deep" + "</div>" * 3000 + "</html>",
    '<script type="application/ld+json">{"datePublished": </script>',
    '<html><head><meta property="article:published_time" content="yesterday"></head></html>',
])
def test_empty_or_broken_html_gives_empty_or_short_text_and_never_an_exception(page):
    result = to_text(page)
    assert isinstance(result.text, str) and len(result.text) < 100
    assert "<" not in result.text and "published" not in result.meta


TAGS = ("p", "div", "h1", "h2", "h3", "li", "ul", "article", "aside", "nav", "footer", "header",
        "script", "style", "template", "iframe", "table", "tr", "td", "a", "b", "br", "time",
        "blockquote", "pre", "span", "main", "section", "noscript", "title", "head", "body")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(TAGS), st.text(max_size=60), st.booleans()),
                max_size=12))
def test_any_text_wrapped_in_any_tags_never_raises_and_keeps_the_layout(parts):
    page = "<html><body>" + "".join(
        f"<{tag}>{text}</{tag}>" if closed else f"<{tag}>{text}" for tag, text, closed in parts)
    text = to_text(page).text
    assert text == "" or (text.endswith("\n") and not text.startswith("\n"))
    assert "\n\n\n\n" not in text
    assert all(line == line.strip() for line in text.split("\n"))


@given(st.text(max_size=200))
def test_is_html_never_raises(text):
    is_html(text)


# --- is_html ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "<!DOCTYPE html><html><body></body></html>",
    "\ufeff<!doctype html>\n<html lang=ru>",
    "  \n<!-- saved from url=(0047)https://mid.ru/en/ -->\n<html lang=\"en\">",
    "<!-- one --><!-- two -->\n<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\">",
    '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">',
    "<HTML>\n<HEAD>",
])
def test_a_saved_page_is_recognised_as_html_whatever_comes_before_its_first_tag(text):
    assert is_html(text)


@pytest.mark.parametrize("text", [
    "Lavrov discusses anti-COVID efforts\n\nMOSCOW, October 15. /TASS/. Text with <html> in it.",
    "", "<htmlish>", "<p>A fragment of a page</p>", "<!-- only a comment -->",
    "<!doctype htm>", "# Markdown <html>",
])
def test_plain_text_and_fragments_are_not_taken_for_a_saved_page(text):
    assert not is_html(text)


# --- end to end -------------------------------------------------------------------------------

def test_a_saved_mfa_page_in_the_sources_becomes_a_page_without_its_furniture(project):
    title, headings, _ = mfa_seed()
    sources = project.root / "content" / "sources"
    (sources / "mfa-briefing.html").write_text(mfa_page(), encoding="utf-8")
    (sources / "mfa-briefing.html.meta.yaml").write_text("date: 2020-04-17\n", encoding="utf-8")
    result = ingest_sources(project.config(), today=dt.date(2026, 11, 25))
    [outcome] = result.outcomes
    assert outcome.fate is Fate.INGESTED
    page = frontmatter.parse(project.read(outcome.detail))
    assert page.data["title"] == title
    assert (page.data["date"], page.data["lang"]) == ("2020-04-17", "en")
    assert page.data["source_url"] == MFA_URL
    assert dt.datetime.fromisoformat(page.data["published"]) == dt.datetime(2020, 4, 21, 14, 27,
                                                                        tzinfo=MSK)
    assert [line for line in page.body.splitlines() if line.startswith("#")] == [
        f"## {escape_markdown(heading)}" for heading in headings]
    for furniture in (*MFA_FURNITURE, "<p", "<h", "<script", "DOCTYPE"):
        assert furniture not in page.body


def test_a_saved_page_is_read_by_the_adapter_of_the_outlet_whose_site_it_comes_from(project):
    """No sidecar: the canonical URL is on mid.ru, the MFA's site in content/outlets.yaml, so
    the MFA adapter reads the text and takes the news date from the title."""
    title, _, _ = mfa_seed()
    (project.root / "content/sources/briefing.html").write_text(mfa_page(), encoding="utf-8")
    result = ingest_sources(project.config(), today=dt.date(2026, 11, 25))
    assert result.diagnostics == ()
    page = frontmatter.parse(project.read(result.outcomes[0].detail)).data
    assert (page["title"], page["outlet"], page["date"]) == (title, "mfa", "2020-04-17")
