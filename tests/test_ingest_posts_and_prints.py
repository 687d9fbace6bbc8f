"""Sources of shapes a news text takes outside a web page, each made from the shared corpus's
real stories in both languages: a Markdown note with a bold date line and the page's address in
its front matter, a Telegram post copied from Telegram Desktop, and text copied out of a
newspaper's PDF (a running header and a page number in mid-text, words hyphenated at line
ends). The story must come out whole and alone, and the facts each shape prints (the date, the
time, the outlet) must be read from it."""

from __future__ import annotations

import json

import pytest

from builder.ingest.extract import extract
from builder.ingest.draft import Source
from tests.test_ingest_story_furniture import body_of, corpus_stories, needs_corpus


def extracted(project, text: str, name: str = "x.txt"):
    suffix = "." + name.rsplit(".", 1)[-1]
    draft, _ = extract(Source(name, text, "0"), suffix, project.config())
    return draft


def day_of(draft) -> tuple:
    return (draft.date.year, draft.date.month, draft.date.day)


# --- Markdown with a bold date line -------------------------------------------------------

BOLD_DATES = {"en": [("**July 25, 2020, 4:12 pm**", (2020, 7, 25), "16:12"),
                     ("**15 October 2020**", (2020, 10, 15), None)],
              "ru": [("**15 октября 2020**", (2020, 10, 15), None),
                     ("**25 июля 2020, 16:12**", (2020, 7, 25), "16:12")]}
ADDRESSES = [("https://meduza.io/en/news/2020/07/25/a-story", "meduza"),
             ("https://www.example-news.com/world/2020/story.html", "example-news")]


def markdown_note(lang: str, index: int, image: bool, tail: bool) -> tuple[str, list[str]]:
    title, paragraphs = corpus_stories(lang)[index]
    date = BOLD_DATES[lang][index % 2][0]
    url = ADDRESSES[index % 2][0]
    parts = [f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\nurl: {url}\n---"]
    parts += ["![A photo](https://example.com/a.jpg)\n*Photo: Ivan Petrov / AFP*"] if image else []
    parts += [date, *paragraphs]
    parts += ["---", "**Read more:** [Another story of the day](https://example.com/b)",
              "*Sign up for [The Real Russia. Today.](https://example.com/n) newsletter*"
              ] if tail else []
    return "\n\n".join(parts) + "\n", paragraphs


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", [0, 1])
@pytest.mark.parametrize(("image", "tail"), [(True, True), (False, False), (True, False)])
def test_a_markdown_note_gives_its_bold_date_line_and_its_address_outlet(project, lang, index,
                                                                        image, tail):
    text, paragraphs = markdown_note(lang, index, image, tail)
    draft = extracted(project, text, "note.md")
    _, day, time = BOLD_DATES[lang][index % 2]
    assert day_of(draft) == day
    assert (draft.stamp and f"{draft.stamp.time:%H:%M}") == time
    assert draft.outlet == ADDRESSES[index % 2][1]
    body = [b.text for b in draft.body if not b.text.startswith("![")]
    assert [" ".join(b.split()) for b in body] == [" ".join(p.split()) for p in paragraphs]
    assert draft.summary and paragraphs[0].startswith(draft.summary[:30])


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_sentence_of_a_markdown_story_that_mentions_a_photo_stays(project, lang):
    text, paragraphs = markdown_note(lang, 0, False, False)
    kept = {"en": "Photo by the agency was shown in court on Monday, the lawyer said.",
            "ru": "Фото агентства показали в суде в понедельник, сообщил адвокат."}[lang]
    draft = extracted(project, text.replace(paragraphs[-1], paragraphs[-1] + "\n\n" + kept),
                      "note.md")
    assert body_of(draft)[-1] == kept
