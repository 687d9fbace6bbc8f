"""A newsletter saved by a mail client whose text part prints the headline in capitals, for want
of bold type, while its HTML part prints it in running case: the title is in running case.

Every source is a real story of the shared corpus (in both languages), dressed as a raw message
in several ways: other senders, quoted-printable or base64, transport headers of two kinds, a
greeting and a footer. The case is never made up: a line the HTML part prints in capitals too,
and a headline in a letter with no HTML part, stay in capitals.
"""

from __future__ import annotations

import textwrap
from email.message import EmailMessage
from email.policy import default

import pytest

from tests.test_ingest_mail import TRANSPORT
from tests.test_ingest_posts_and_prints import day_of, extracted
from tests.test_ingest_story_furniture import body_of, corpus_stories, needs_corpus

SENDERS = {"en": [("Morning Digest", "digest@example.com", "morning-digest"),
                  ("The Bell", "newsletter@thebell.io", "the-bell")],
           "ru": [("Вечерняя рассылка", "news@example.ru", "vechernyaya-rassylka"),
                  ("Новая газета", "newsletter@novayagazeta.ru", "novaya-gazeta")]}
GREETINGS = {"en": "Good morning! Here is what happened overnight.",
             "ru": "Доброе утро! Вот главное."}


def newsletter(lang: str, index: int, encoding: str, html: bool, shout: str = "",
               wrap: bool = False) -> tuple[str, str, str, list[str]]:
    """The story as a saved newsletter whose text part prints its headline in capitals (wrapped
    at 40 columns if ``wrap``, and ``shout``, a line the HTML part prints in capitals too); its
    HTML part, if any, prints the headline as it is, its straight quotes curly."""
    title, paragraphs = corpus_stories(lang)[index]
    name, address, key = SENDERS[lang][index % 2]
    letter = EmailMessage(policy=default)
    letter["From"] = f"{name} <{address}>"
    letter["To"] = "reader@example.org"
    letter["Subject"] = f"{name}: today's news"
    letter["Date"] = "Mon, 27 Jul 2020 08:02:11 +0300"
    extra = [shout] if shout else []
    shouted = "\n".join(textwrap.wrap(title.upper(), 40)) if wrap else title.upper()
    plain = "\n\n".join(["View in browser", GREETINGS[lang], shouted, *extra, *paragraphs,
                         "Unsubscribe"]) + "\n"
    letter.set_content(plain, cte=encoding)
    if html:
        letter.add_alternative(
            f"<html><body><p>{GREETINGS[lang]}</p><h1>{_curly(title)}</h1>"
            + "".join(f"<p>{line}</p>" for line in [*extra, *paragraphs])
            + "<p><a href='https://example.com/u'>Unsubscribe</a></p></body></html>",
            subtype="html", cte=encoding)
    return TRANSPORT[index % 2] + letter.as_string(), key, _curly(title) if html else title, \
        paragraphs


def _curly(text: str) -> str:
    """``text`` with its straight double quotes curly, as a letter's HTML part may set them."""
    parts = text.split('"')
    return "".join(part + ("“" if n % 2 == 0 else "”") for n, part in enumerate(parts[:-1])) \
        + parts[-1]


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", [0, 1, 2, 3])
@pytest.mark.parametrize("encoding", ["quoted-printable", "base64"])
@pytest.mark.parametrize("wrap", [False, True])
def test_a_headline_in_capitals_in_the_text_part_is_titled_as_the_html_part_prints_it(
        project, lang, index, encoding, wrap):
    text, outlet, title, paragraphs = newsletter(lang, index, encoding, html=True, wrap=wrap)
    draft = extracted(project, text, "letter.eml")
    assert (draft.title, draft.outlet) == (title, outlet)
    assert day_of(draft) == (2020, 7, 27)
    assert body_of(draft) == paragraphs


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_capitals_the_html_part_prints_too_or_with_no_html_part_stay_as_they_are(project, lang):
    """The case is taken from the letter's own HTML part, never made up: a line the HTML part
    prints in capitals too stays so, and a letter with no HTML part keeps its capitals."""
    shout = {"en": "WHAT HAPPENED IN KOSTANAY", "ru": "ЧТО ПРОИЗОШЛО В КОСТАНАЕ"}[lang]
    text, _, title, paragraphs = newsletter(lang, 1, "quoted-printable", html=True, shout=shout)
    assert body_of(extracted(project, text, "letter.eml")) == [shout, *paragraphs]
    text, _, title, _ = newsletter(lang, 2, "quoted-printable", html=False)
    assert extracted(project, text, "letter.eml").title == title.upper()
