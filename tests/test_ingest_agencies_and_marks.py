"""Outlets and dates an outside trial found unread, made from the shared corpus's real stories
in both languages: the datelines of more agencies (UNIAN, Armenpress, Ukrinform, BelTA,
Kazinform, Trend, APA, Sputnik), whose agency part never opens the summary; the outlet a
copyright line names; and a saved page's date given only in its markup (``<time datetime>``,
``itemprop="datePublished"``, an element classed "Timestamp")."""

from __future__ import annotations

import pytest

from builder.ingest import generic
from builder.ingest.draft import Source
from builder.ingest.extract import extract
from tests.test_ingest_story_furniture import body_of, corpus_stories, needs_corpus

DATELINES = {"en": [("KYIV (UNIAN) - ", "unian"), ("Yerevan, July 26. ARMENPRESS. ", "armenpress"),
                    ("KYIV, July 26 (Ukrinform) - ", "ukrinform"), ("MINSK, 26 July (BelTA) - ",
                                                                    "belta"),
                    ("BAKU, July 26. Trend: ", "trend"), ("Baku. 26 July. APA. ", "apa"),
                    ("Ukrinform. ", "ukrinform"), ("MOSCOW, July 26 (Sputnik) - ", "sputnik")],
             "ru": [("УНИАН. ", "unian"), ("Ереван, 26 июля. АРМЕНПРЕСС. ", "armenpress"),
                    ("Ереван, 26 июля – АРМЕНПРЕСС. ", "armenpress"),
                    ("МИНСК, 26 июля /БЕЛТА/. ", "belta"),
                    ("Нур-Султан. 26 июля. Казинформ - ", "kazinform"),
                    ("КИЕВ, 26 июля. Укринформ. ", "ukrinform"), ("Баку, 26 июля. Тренд: ", "trend"),
                    ("МОСКВА, 26 июля - Sputnik. ", "sputnik")]}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", range(8))
def test_more_agencies_datelines_give_the_outlet_and_never_open_the_summary(lang, index):
    dateline, outlet = DATELINES[lang][index]
    title, paragraphs = corpus_stories(lang)[index % 4]
    text = f"{title}\n\n26.07.2020\n\n{dateline}{paragraphs[0]}\n\n" + "\n\n".join(
        paragraphs[1:]) + "\n"
    draft = generic.extract(Source("x.txt", text, "0"))
    assert draft.outlet == outlet
    assert body_of(draft) == [dateline + paragraphs[0], *paragraphs[1:]]
    assert draft.body[0].text.startswith(dateline.strip()[:4])


@pytest.mark.parametrize("sentence", ["Reuters, citing two sources, said the deal was off.",
                                      "Trend lines show growth in every region.",
                                      "Sputnik V was registered in August."])
def test_a_sentence_opening_with_an_agencys_name_is_no_dateline(sentence):
    from builder.ingest import dateline
    assert dateline.parse(sentence, {}) is None or "Sputnik V" in sentence and dateline.parse(
        sentence, {}).agency is None


COPYRIGHTS = [("© 2020 Guardian News & Media Limited or its affiliated companies. All rights "
               "reserved.", "guardian"), ("© 2020 РИА Новости", "ria"),
              ("Copyright © 2020 Interfax", "interfax"), ("© 1999-2020 ТАСС", "tass")]


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", range(4))
def test_a_copyright_line_names_a_known_outlet(lang, index):
    line, outlet = COPYRIGHTS[index]
    title, paragraphs = corpus_stories(lang)[index]
    text = f"{title}\n\n26.07.2020\n\n" + "\n\n".join(paragraphs) + f"\n\n{line}\n"
    draft = generic.extract(Source("x.txt", text, "0"))
    assert draft.outlet == outlet and body_of(draft) == paragraphs


def test_a_copyright_line_of_no_known_outlet_names_none():
    text = "Fire at a plant near the city\n\n26.07.2020\n\nA fire broke out, officials said.\n\n" \
           "Nobody was hurt.\n\nCopyright 2020 Getty Images\n"
    assert generic.extract(Source("x.txt", text, "0")).outlet == "unknown"


MARKUP = [
    '<div class="meta"><time datetime="2020-07-26T14:05:00+03:00">Sunday</time></div>',
    '<span itemprop="datePublished">26.07.2020</span>',
    '<span class="Timestamp">{date}</span>',
    '<div class="ArticleTimestamp"><span>Published</span> <span>{date}</span></div>',
    '<meta itemprop="datePublished" content="2020-07-26">',
]
SHOWN = {"en": "26 July 2020, 10:04", "ru": "26 июля 2020, 10:04"}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", range(len(MARKUP)))
def test_a_saved_pages_date_in_its_markup_dates_it(project, lang, index):
    title, paragraphs = corpus_stories(lang)[index % 4]
    mark = MARKUP[index].format(date=SHOWN[lang])
    page = (f'<html lang="{lang}"><head><title>{title}</title></head><body><article>'
            f"<h1>{title}</h1>{mark}" + "".join(f"<p>{p}</p>" for p in paragraphs)
            + "</article></body></html>")
    draft, source = extract(Source("page.html", page, "0"), ".html", project.config())
    stated = source.meta.get("published")
    day = draft.date or (stated.date() if stated else draft.published_day)
    assert (day.year, day.month, day.day) == (2020, 7, 26)
    assert body_of(draft) == paragraphs
