"""A raw e-mail message, as a mail client saves it (``.eml``) -> the letter as a reader sees it.

    Return-Path: <bounce@mail.example.net>          transport: left out
    Received: from mx.example.net … (folded lines)
    DKIM-Signature: v=1; a=rsa-sha256; …
    From: =?utf-8?B?0J3QvtCy0LDRjyDQs9Cw0LfQtdGC0LA=?= <newsletter@novayagazeta.ru>
    Subject: =?utf-8?B?…?=                           RFC 2047 words: decoded
    Content-Type: multipart/alternative; boundary=…  the parts: text/plain preferred, else
    Content-Transfer-Encoding: quoted-printable       text/html read as a saved page is

A newsletter saved from a mail client is not the letter its reader saw: its header block opens
with the servers' transport lines, its sender and subject may be encoded words, and its body is
one or more MIME parts in quoted-printable or base64. Read as text, such a file gave Russian
news as ``=D0=B7…`` escapes (and so the language ``en``), a ``List-Unsubscribe`` line for its
title, and an outlet made of an encoded word. Python's own :mod:`email` package (the
``default`` policy, which decodes headers) reads the message; :func:`as_letter` then writes the
letter as a pasted one looks (``From:``, ``Date:``, ``Subject:``, a blank line, the text), which
:mod:`~builder.ingest.letter` reads. Line numbers in the report are then the letter's, not the
file's: a raw message's lines are its encoding's, which no editor reads.
"""

from __future__ import annotations

import email
import email.policy
import re
from email.message import EmailMessage

from builder.ingest import html

HEADERS_READ = ("From", "Date", "Subject")
"""The header fields the letter keeps, in the order a pasted letter gives them."""
_FIELD = re.compile(r"^[!-9;-~]+:")
"""A header field's first line: a name of printable characters but the colon, then a colon."""
_MBOX_LINE = re.compile(r"^From \S+ ")
"""The line an mbox file puts over each message ("From sender@example.com Sun Jul 26 …")."""
_RAW_SIGNS = re.compile(r"^(?:return-path|received|dkim-signature|arc-[a-z-]+|"
                        r"authentication-results|delivered-to|message-id|mime-version|"
                        r"content-type|content-transfer-encoding|x-[a-z0-9-]+)\s*:", re.IGNORECASE)
"""Header fields a pasted letter never shows and a saved message always has one of."""


def is_message(text: str) -> bool:
    """Whether ``text`` is a raw message: its first lines, up to the first blank one, are all
    header fields (or their folded continuations), a sender among them, and at least one field
    only a saved message has (transport, MIME) or an RFC 2047 encoded word."""
    lines = text.lstrip("\n").split("\n")
    if _MBOX_LINE.match(lines[0]):  # an mbox's separator over the message
        lines = lines[1:]
    head = lines[:lines.index("")] if "" in lines else lines
    if not head or not _FIELD.match(head[0]):
        return False
    if any(not (_FIELD.match(line) or line[:1] in (" ", "\t")) for line in head):
        return False
    fields = [line for line in head if _FIELD.match(line)]
    return any(line.lower().startswith("from:") for line in fields) and (
        any(_RAW_SIGNS.match(line) for line in fields) or "=?" in "\n".join(head))


def as_letter(text: str) -> str:
    """The letter ``text`` carries: its sender, date and subject decoded, one a line, a blank
    line, then its text (the text/plain part, else the text/html part's main text)."""
    message = email.message_from_string(text, policy=email.policy.default)
    lines = []
    for name in HEADERS_READ:
        value = _header(message, name)
        if value:
            lines.append(f"{name}: {value}")
    return "\n".join(lines) + "\n\n" + _body(message)


def _header(message: EmailMessage, name: str) -> str:
    """The decoded value of a header field, on one line ("" when absent or unreadable)."""
    try:
        value = message.get(name)
    except (ValueError, TypeError, IndexError):  # a field the parser cannot read: none
        value = ""
    return " ".join(str(value or "").split())


def _body(message: EmailMessage) -> str:
    """The text a reader reads: the plain part (a newsletter's own text version), its headlines
    in the case the HTML part prints them, else the HTML part read as a saved page is read; a
    message of one part of neither type gives ""."""
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    text = _text(part)
    other = message.get_body(preferencelist=("html",))
    if part.get_content_subtype() == "plain" and other is not None and other is not part:
        text = _cased_as(text, _text(other))
    return text


def _text(part: EmailMessage) -> str:
    """A part's text: a plain part's as it is, an HTML part's main text. A part sent as 8-bit
    text is the file's own text, which ingest decoded whole already: the :mod:`email` package,
    given text, would write its letters beyond ASCII as escapes ("\\u0412")."""
    payload = part.get_payload()
    encoding = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
    if isinstance(payload, str) and encoding in _AS_IS and not payload.isascii():
        content: object = payload
    else:
        try:
            content = part.get_content()
        except (LookupError, ValueError, AttributeError):  # an unknown charset: read it as UTF-8
            raw = part.get_payload(decode=True)
            content = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else ""
    if not isinstance(content, str):
        return ""
    if part.get_content_subtype() == "html":
        return html.to_text(content).text
    return content.replace("\r\n", "\n")


_AS_IS = ("", "7bit", "8bit", "binary")
"""Transfer encodings that send a part's text as it is."""


def _cased_as(text: str, other: str) -> str:
    """``text`` with each line it prints in capitals ("FLOODS HIT THE NORTH"), or a run of such
    lines a fixed width wrapped, as ``other``, the same letter's HTML part, prints it, where
    that has it in running case: a newsletter's text version sets its headlines in capitals for
    want of a bold type, and the page takes its title from there. Quotes and dashes may differ
    between the parts; the words must not."""
    cased = {_folded(line): line.strip() for line in other.split("\n")
             if any(c.islower() for c in line)}
    lines = text.split("\n")
    for start in range(len(lines)):
        if not (_capitals(lines[start]) and len(lines[start].split()) >= 2):
            continue
        end = start + 1
        while end < len(lines) and _capitals(lines[end]):
            end += 1
        for stop in range(end, start, -1):  # the longest run the HTML part prints so
            found = cased.get(_folded(" ".join(lines[start:stop])))
            if found is not None:  # the run's other lines left blank: the line numbers stay
                lines[start:stop] = [found, *[""] * (stop - start - 1)]
                break
    return "\n".join(lines)


def _capitals(line: str) -> bool:
    """Whether ``line`` is words in capitals (no lower-case letter)."""
    return line.upper() == line and any(c.isalpha() for c in line)


def _folded(line: str) -> str:
    """A line's words, as two parts of a letter print them alike."""
    return " ".join(re.findall(r"\w+", line)).casefold()
