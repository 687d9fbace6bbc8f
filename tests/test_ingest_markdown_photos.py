"""A Markdown note that opens with its lead photo, the image and the credit or caption under it
("![…](…)" / "*Courtesy of Netflix*", «*Фото: ТАСС*»), in the image's paragraph or one of its
own: neither body nor summary. A photo among the paragraphs stays, without its credit.

Every source is a real story of the shared corpus (in both languages), dressed as a Markdown
note in several ways: other credits and captions, a linked image, an image alone, the photo
over the title, under the title and its date line, or under a front matter. An emphasised
sentence of the story, and a sentence that mentions a photo, stay.
"""

from __future__ import annotations

import json

import pytest

from tests.test_ingest_posts_and_prints import day_of, extracted
from tests.test_ingest_story_furniture import body_of, corpus_stories, needs_corpus

PHOTOS = [
    "![{alt}](https://example.com/photos/lead.jpg)\n*Courtesy of Netflix*",
    "![{alt}](https://cdn.example.org/2020/07/a.jpg)\n\n*Photo: Reuters*",
    "![](https://example.ru/img/1.png)\n*Фото: ТАСС*",
    "[![{alt}](https://example.ru/img/2.jpg)](https://example.ru/gallery)\n"
    "_Фото: Иван Петров / РИА Новости_",
    "![{alt}](https://example.com/x.jpg)\n*{alt}*",
    "![{alt}](https://example.com/y.webp)",
]
ALTS = {"en": "The scene on Sunday", "ru": "Место происшествия в воскресенье"}


def note(lang: str, index: int, where: str) -> tuple[str, str, list[str]]:
    """The story as a Markdown note with its lead photo over everything (``where`` "top"),
    under its title heading and date line ("under"), or under a front matter ("front")."""
    title, paragraphs = corpus_stories(lang)[index % 4]
    photo = PHOTOS[index].format(alt=ALTS[lang])
    date = {"en": "**July 26, 2020**", "ru": "**26 июля 2020**"}[lang]
    parts = {"top": [photo, f"# {title}", date],
             "under": [f"# {title}", date, photo],
             "front": [f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\ndate: 2020-07-26\n"
                       f"author: Anna Smith\n---", photo]}[where]
    return "\n\n".join([*parts, *paragraphs]) + "\n", title, paragraphs


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", range(len(PHOTOS)))
@pytest.mark.parametrize("where", ["top", "under", "front"])
def test_a_lead_photo_and_its_credit_are_neither_body_nor_summary(project, lang, index, where):
    text, title, paragraphs = note(lang, index, where)
    draft = extracted(project, text, "note.md")
    assert draft.title == title and day_of(draft) == (2020, 7, 26)
    assert body_of(draft) == paragraphs
    assert draft.summary.startswith(" ".join(paragraphs[0].split()[:6]))


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("credit", ["*Photo: AP*", "*Фото: Иван Петров / ТАСС*",
                                    "*Courtesy of the city council*"])
def test_a_photo_among_the_paragraphs_stays_and_its_credit_goes(project, lang, credit):
    title, paragraphs = corpus_stories(lang)[1]
    image = f"![{ALTS[lang]}](https://example.com/z.jpg)"
    body = [paragraphs[0], f"{image}\n{credit}", *paragraphs[1:]]
    text = "\n\n".join([f"# {title}", "**26.07.2020**", *body]) + "\n"
    draft = extracted(project, text, "note.md")
    assert body_of(draft) == [paragraphs[0], image, *paragraphs[1:]]


PHOTO_LOOKALIKES = {"en": ["*The ministry did not respond to a request for comment.*",
                           "Photos courtesy of the museum were shown at the exhibition."],
                    "ru": ["*Министерство не ответило на запрос редакции.*",
                           "Фото предоставлены музеем, который хранит архив."]}


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", [0, 1])
def test_an_emphasised_sentence_or_one_about_a_photo_stays(project, lang, index):
    """Emphasis alone makes no caption: only right under an image is a short emphasised line
    one; and a sentence that mentions a photo is the story's, under an image or not."""
    title, paragraphs = corpus_stories(lang)[2]
    sentence = PHOTO_LOOKALIKES[lang][index]
    image = "![](https://example.com/q.jpg)"
    body = [paragraphs[0], sentence, image, f"{image}\n{PHOTO_LOOKALIKES[lang][1]}",
            *paragraphs[1:]]
    text = "\n\n".join([f"# {title}", "**26.07.2020**", *body]) + "\n"
    draft = extracted(project, text, "note.md")
    assert [b for b in body_of(draft) if b != image] == [
        paragraphs[0], sentence, f"{image} {PHOTO_LOOKALIKES[lang][1]}", *paragraphs[1:]]
