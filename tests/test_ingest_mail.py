"""Raw e-mail messages as mail clients save them (.eml), made from the shared corpus's real
stories in both languages: transport headers over the sender, RFC 2047 encoded words in the
sender and subject, one part or several (text and HTML), quoted-printable or base64. The
letter under them must be read as a pasted letter is: its sender the outlet, its Date the date,
its headline the title, its own language, its story whole."""

from __future__ import annotations

from email.message import EmailMessage
from email.policy import default

import pytest

from builder.ingest import mail
from tests.test_ingest_posts_and_prints import extracted, ingested_page
from tests.test_ingest_story_furniture import body_of, corpus_stories, needs_corpus

TRANSPORT = [
    "Return-Path: <bounce-42@mail.example.net>\n"
    "Received: from mx1.example.net (mx1.example.net [192.0.2.1])\n"
    "\tby mail.example.org with ESMTPS id 4BF3Kx2\n"
    "\tfor <editor@example.org>; Sun, 26 Jul 2020 20:15:05 +0300\n"
    "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.net;\n"
    "\ts=k1; h=from:to:subject:date; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;\n"
    "\tb=dGhpcyBpcyBub3QgYSByZWFsIHNpZ25hdHVyZQ==\n"
    "List-Unsubscribe: <mailto:unsubscribe@example.net?subject=unsub>, "
    "<https://example.net/u/42>\n",
    "Delivered-To: editor@example.org\n"
    "Received: by 2002:a05:6402:1234 with SMTP id x4csp1;\n"
    "        Sun, 26 Jul 2020 10:15:04 -0700 (PDT)\n"
    "X-Mailer: Sendinblue\n",
]
SENDERS = {"en": [("The Bell", "newsletter@thebell.io", "the-bell"),
                  ("Example Daily", "news@example.com", "example-daily")],
           "ru": [("Новая газета", "newsletter@novayagazeta.ru", "novaya-gazeta"),
                  ("Пример Медиа", "info@example.ru", "primer-media")]}
FOOTER = {"en": "Unsubscribe", "ru": "Отписаться от рассылки"}


def message(lang: str, index: int, parts: str, encoding: str) -> tuple[str, str, str, list[str]]:
    """The ``index``-th story in ``lang`` as a raw message: its text, the outlet, the title and
    the story's paragraphs. ``parts``: "plain", "html" or "both"; ``encoding``: the body's
    transfer encoding."""
    title, paragraphs = corpus_stories(lang)[index]
    name, address, key = SENDERS[lang][index % 2]
    letter = EmailMessage(policy=default)
    letter["From"] = f"{name} <{address}>"  # encoded as RFC 2047 words when not ASCII
    letter["To"] = "editor@example.org"
    letter["Subject"] = f"{name}: {title}"
    letter["Date"] = "Sun, 26 Jul 2020 20:15:03 +0300"
    letter["Message-ID"] = f"<{index}.{lang}@example.net>"
    plain = "\n\n".join([title, *paragraphs, FOOTER[lang]]) + "\n"
    html = (f"<html><body><h1>{title}</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs)
            + f"<p><a href='https://example.net/u'>{FOOTER[lang]}</a></p></body></html>")
    if parts in ("plain", "both"):
        letter.set_content(plain, cte=encoding)
    if parts == "both":
        letter.add_alternative(html, subtype="html", cte=encoding)
    if parts == "html":
        letter.set_content(html, subtype="html", cte=encoding)
    raw = letter.as_bytes(policy=default.clone(cte_type="8bit")).decode("utf-8")  # 8-bit as is
    return TRANSPORT[index % 2] + raw, key, title, paragraphs


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("index", [0, 1, 2])
@pytest.mark.parametrize(("parts", "encoding"), [("plain", "quoted-printable"),
                                                 ("both", "base64"), ("html", "quoted-printable"),
                                                 ("html", "base64"), ("plain", "8bit"),
                                                 ("both", "8bit")])
def test_a_saved_message_gives_its_sender_date_headline_and_decoded_story(project, lang, index,
                                                                          parts, encoding):
    text, outlet, title, paragraphs = message(lang, index, parts, encoding)
    assert mail.is_message(text)
    draft = extracted(project, text, "letter.eml")
    assert (draft.outlet, draft.title) == (outlet, title)
    assert (draft.date.year, draft.date.month, draft.date.day) == (2020, 7, 26)
    assert body_of(draft) == paragraphs


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_saved_message_named_as_text_is_read_in_its_own_language(project, lang):
    text, outlet, title, paragraphs = message(lang, 0, "plain", "quoted-printable")
    front, _ = ingested_page(project, text, "letter.txt")
    assert (front["lang"], front["outlet"], front["title"]) == (lang, outlet, title)
    assert front["summary"].startswith(paragraphs[0][:40])
    assert "=D0" not in front["summary"]


def test_an_mbox_separator_over_a_message_is_no_obstacle():
    text = ("From bounce@example.net Sun Jul 26 20:15:05 2020\nReturn-Path: <b@example.net>\n"
            "From: Example Daily <news@example.com>\nSubject: =?utf-8?q?Fire_at_a_plant?=\n\n"
            "A fire broke out.\n")
    assert mail.is_message(text)
    assert mail.as_letter(text).startswith("From: Example Daily <news@example.com>\n"
                                           "Subject: Fire at a plant\n\n")


@pytest.mark.parametrize("text", [
    "From: The Bell <newsletter@thebell.io>\nDate: Sun, 26 Jul 2020 20:15:03 +0300\nSubject: "
    "News\n\nThe story.\n",  # a letter pasted as its reader saw it: read as it stands
    "Fire at a plant\n\nReceived: the first reports came at noon.\n",
    "Subject: Fire\nContent-Type: text/plain\n\nA fire broke out.\n",  # no sender
    "Statement from the ministry: MIME-Version 1.0 was received.\n"])
def test_text_that_is_no_saved_message_is_not_read_as_one(text):
    assert not mail.is_message(text)


def html_only(lang: str, index: int, shape: str, encoding: str) -> tuple[str, str, list[str]]:
    """The ``index``-th story in ``lang`` as a raw message whose only text is an HTML part laid
    out as newsletters lay it out (``shape``): its paragraphs parted by line breaks, in a
    layout table's cells, a list, or bare text in the body; its text, title and paragraphs."""
    title, paragraphs = corpus_stories(lang)[index]
    name, address, _ = SENDERS[lang][index % 2]
    first, *rest = paragraphs
    body = {
        "double breaks": f"<table><tr><td><h1>{title}</h1></td></tr><tr><td>"
                         + "<br><br>".join(paragraphs) + "</td></tr></table>",
        "single breaks": f"<div><h2>{title}</h2>" + "<br>\n".join(paragraphs) + "</div>",
        "cells": f"<table><tr><td><h2>{title}</h2>" + "".join(f"<p>{p}</p>" for p in paragraphs)
                 + "</td><td><p>&nbsp;</p></td></tr></table>",
        "list": f"<h1>{title}</h1><p>{first}</p><ul>" + "".join(f"<li>{p}</li>" for p in rest)
                + "</ul>",
        "bare": f"{title}<br><br>" + "<br><br>".join(paragraphs),
    }[shape]
    letter = EmailMessage(policy=default)
    letter["From"] = f"{name} <{address}>"
    letter["Subject"] = title
    letter["Date"] = "Sun, 26 Jul 2020 20:15:03 +0300"
    letter["Message-ID"] = f"<{index}.{lang}@example.net>"
    letter.set_content(f"<html><body>{body}<p><a href='https://example.net/u'>{FOOTER[lang]}"
                       "</a></p></body></html>", subtype="html", cte=encoding)
    return TRANSPORT[index % 2] + letter.as_string(), title, paragraphs


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("shape", ["double breaks", "single breaks", "cells", "list", "bare"])
@pytest.mark.parametrize("encoding", ["quoted-printable", "base64"])
def test_a_message_of_an_html_part_only_gives_its_paragraphs_line_breaks_and_list_items_apart(
        project, lang, shape, encoding):
    """A letter whose only text is HTML came out as one paragraph where its paragraphs were
    parted by line breaks or laid out in a table's cell."""
    index = ["double breaks", "single breaks", "cells", "list", "bare"].index(shape) % 3
    text, title, paragraphs = html_only(lang, index, shape, encoding)
    draft = extracted(project, text, "letter.eml")
    assert draft.title == title
    assert body_of(draft) == paragraphs


@pytest.mark.parametrize(("markup", "text"), [
    ("<p>A line wrapped\nin the markup, <b>bold</b> and on.</p>",
     "A line wrapped in the markup, bold and on."),
    ("<table><tr><td>Moscow</td><td>12<br>mm</td></tr></table>", "Moscow | 12 mm"),
])
def test_a_pages_own_new_lines_and_a_data_tables_breaks_part_nothing(markup, text):
    """Only a line break the page prints parts lines: the markup's white space is a space, and
    a data table's row stays one line."""
    from builder.ingest.html import to_text
    result = to_text(f"<html><body><article><h1>Title of the page</h1>{markup}<p>The end of "
                     "the story came later in the day.</p></article></body></html>")
    assert text in result.text.split("\n")
