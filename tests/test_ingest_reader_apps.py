"""A story saved from a reader app or an aggregator (Feedly, Inoreader, NewsBlur and the like):
the page's ``<title>`` and site name are the app's, it has no ``<h1>``, and the app heads its
copy of the article with a link to the original, classed as a title, with the date under it in
an element of no telling class. The headline, the date and the outlet are the article's, read
from that link and what follows it; the app's menus, buttons and its list of other stories are
no part of it. Every story is a real one of the shared corpus, in both languages, in four
apps' shapes; look-alikes keep their own headline: a page with an ``<h1>``, and a page whose
only title-classed link is another story's, under the article.
"""

from __future__ import annotations

import html

import pytest

from builder.ingest.draft import Source
from builder.ingest.extract import extract
from tests.test_ingest_story_furniture import corpus_stories, needs_corpus

ORIGINALS = [("https://www.eurohoops.net/en/euroleague/1084521/a-story/", "eurohoops"),
             ("https://www.fontanka.ru/2020/07/26/69387331/", "fontanka"),
             ("https://ngs.ru/text/gorod/2020/07/26/69386840/", "ngs"),
             ("https://www.panorama.am/en/news/2020/07/25/accident/2331854", "panorama")]
DATES = {"en": [("Jul 26, 2020", (2020, 7, 26)), ("26.07.2020 11:22", (2020, 7, 26)),
                ("July 25, 2020 10:17", (2020, 7, 25)), ("25 Jul 2020", (2020, 7, 25))],
         "ru": [("26 июл 2020", (2020, 7, 26)), ("26.07.2020 11:22", (2020, 7, 26)),
                ("25 июля 2020, 10:17", (2020, 7, 25)), ("25.07.2020", (2020, 7, 25))]}
OTHERS = {"en": ["Real Madrid lock up their centre until 2025",
                 "Council approves the new budget for schools"],
          "ru": ["Совет депутатов одобрил бюджет для школ", "Ремонт моста завершат в мае"]}


def _app_page(shape: int, headline: str, url: str, date: str, paragraphs: list[str],
              lang: str) -> str:
    """A reader app's page holding a copy of one article, in one of four apps' shapes."""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    title = html.escape(headline)
    others = "".join(f'<li><a class="title" href="https://example.com/{n}">{html.escape(o)}'
                     f"</a></li>" for n, o in enumerate(OTHERS[lang]))
    head, article = [
        ("Feedly", f'<div class="entryHeader"><a class="entryTitle" href="{url}">{title}</a>'
                   f'<div class="metadata"><a class="source">Source</a> / '
                   f'<span class="ago">{date}</span></div></div>'
                   f'<div class="entryBody"><div class="content">{body}</div></div>'
                   f'<div class="entryFooter"><a>Visit Website</a> <button>Save for later'
                   f"</button></div>"),
        ("(1,204) All articles - Inoreader",
         f'<div class="article_title"><a class="article_title_link" href="{url}">{title}</a>'
         f'</div><div class="article_author"><span>{date}</span></div>'
         f'<div class="article_content">{body}</div>'),
        ("NewsBlur", f'<div class="NB-feed-story-header"><div class="NB-feed-story-title">'
                     f'<a href="{url}">{title}</a></div><div class="NB-feed-story-date">'
                     f'{date}</div></div><div class="NB-feed-story-content">{body}</div>'),
        ("Reader", f'<article><h2 class="item__title"><a href="{url}">{title}</a></h2>'
                   f'<p class="meta"><span class="x1">{date}</span></p>{body}</article>'),
    ][shape]
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{head}'
            f'</title><meta property="og:site_name" content="{head}"></head><body>'
            f'<nav><a>Today</a><a>Read later</a><a>All</a></nav><main>{article}</main>'
            f'<div class="moreFrom"><h3>More from this feed</h3><ul>{others}</ul></div>'
            f"</body></html>")


def _draft(project, text: str):
    draft, _ = extract(Source("save.html", text, "0"), ".html", project.config())
    return draft


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("shape", range(4))
def test_a_reader_apps_copy_gives_the_articles_headline_date_outlet_and_body(project, lang,
                                                                              shape):
    for index in range(len(ORIGINALS)):
        headline, paragraphs = corpus_stories(lang)[index]
        url, outlet = ORIGINALS[(index + shape) % len(ORIGINALS)]
        date, day = DATES[lang][(index + shape) % len(DATES[lang])]
        draft = _draft(project, _app_page(shape, headline, url, date, paragraphs, lang))
        assert draft.title == headline
        assert (draft.date.year, draft.date.month, draft.date.day) == day
        assert draft.outlet == outlet
        assert [" ".join(b.text.split()) for b in draft.body] == paragraphs


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_page_with_its_own_headline_keeps_it_over_a_linked_title(project, lang):
    """An ``<h1>`` is the page's headline, whatever link classed as a title stands over it; a
    title-classed link under the article is another story's."""
    headline, paragraphs = corpus_stories(lang)[0]
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    other = OTHERS[lang][0]
    with_h1 = (f'<html lang="{lang}"><head><title>{html.escape(headline)} - News</title></head>'
               f'<body><div class="top-title"><a class="title" href="https://example.com/a">'
               f'{other}</a></div><h1>{html.escape(headline)}</h1><p>26.07.2020</p>{body}'
               f"</body></html>")
    assert _draft(project, with_h1).title == headline
    under = (f'<html lang="{lang}"><head><title>{html.escape(headline)}</title></head><body>'
             f'<p>26.07.2020</p>{body}<div class="next-title"><a href="https://example.com/a">'
             f"{other}</a></div></body></html>")
    assert _draft(project, under).title == headline
