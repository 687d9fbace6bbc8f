"""Bytes that are not text at all: a PDF, an image, an archive, a program, random data.

In: a file's bytes. Out: :func:`not_text` says what they are and at which line they stop
being text, or None when they may well be text.

Why: the builder reads sources in three encodings, and KOI8-R gives a character to every byte,
so without this check an image dropped into ``content/sources/`` by mistake became a Russian
page of mojibake, published without a word. The test is the one Git applies to tell text from
binary (a NUL byte) with two additions: the signatures of the files an editor most likely
drops by mistake, to name them, and the share of control characters, which text in any of
the encodings read here barely has and random data is one tenth made of.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (a .docx, .xlsx, .odt or .epub file is one)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document (.doc, .xls)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "a program"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
"""How the binary files an editor most likely drops by mistake begin, and what they are."""
SAMPLE_BYTES = 8192
"""How much of a file the control characters are counted in (Git looks at the first 8000)."""
CONTROL_SHARE = 0.01
"""Above this share of control characters, bytes are not text (random data: about 0.1)."""
CONTROLS = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
"""Control characters text does not have (it has tabs, line and page breaks, and the escape
of terminal colours)."""


@dataclass(frozen=True)
class NotText:
    """What bytes are, when they are not text."""

    what: str
    """In words: "a PDF document", "binary data"."""
    line: int
    """The line where the bytes stop being text (1 for a file that never was)."""


def not_text(data: bytes) -> NotText | None:
    """What ``data`` is when it cannot be text in UTF-8 (with or without a byte-order mark),
    UTF-16 with its byte-order mark, Windows-1251 or KOI8-R; None when it may be."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None  # text, every other byte of which is NUL
    for signature, what in SIGNATURES:
        if data.startswith(signature):
            return NotText(what, 1)
    sample = data[:SAMPLE_BYTES]
    first = CONTROLS.search(sample)
    if first is None:
        return None
    if b"\0" not in sample and len(CONTROLS.findall(sample)) <= CONTROL_SHARE * len(sample):
        return None
    return NotText("binary data", data.count(b"\n", 0, first.start()) + 1)
