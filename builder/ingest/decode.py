"""Raw bytes -> clean text: the one place a source's encoding and stray characters are settled.

Sources are copied from web pages and old archives, so they arrive as UTF-8 (with or without a
BOM or as UTF-16 with one), in the encoding a saved page or feed declares (``<meta
charset="windows-1252">``, as Word saves a page), Windows-1251 or KOI8-R, or as English text a
Windows program saved in Windows-1252, with any line ends. Everything after this module can
assume NFC text with ``\\n`` line ends, no control characters and no trailing blanks.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

LEGACY_CYRILLIC = ("cp1251", "koi8_r")
"""Single-byte Russian encodings tried, in order, when a source is not UTF-8."""

_LINE_BREAK = re.compile(r"\r\n?|[\x85\u2028\u2029]")
"""Every line end Python, YAML or a browser may split on, so all stages agree on line numbers."""
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200d\u2060\ufeff]")
_TRAILING_BLANKS = re.compile(r"[ \t\u00a0\u2007\u202f]+$", re.MULTILINE)
_COMMON_RUSSIAN = frozenset("оеаинтсрвл")
"""The most frequent Russian letters, all lower case: text decoded with the wrong single-byte
table turns them into capitals or symbols, which is how the right table is recognised."""
_RUSSIAN_SHARE = 0.35
"""The least share of those ten letters among the Cyrillic letters of Russian text. Measured
on the corpus's Russian articles: 0.57 to 0.71; Russian text decoded with the other table:
under 0.03; random bytes in either table, which are not text: 0.10 to 0.15."""
_FEW_LETTERS = 40
"""Below this many Cyrillic letters (a title, a caption) the share says little: any of the ten
letters will do."""


WESTERN = "cp1252"
"""The single-byte encoding of English text Windows programs save (Notepad, Word): its curly
quotes and dashes are the bytes that are not UTF-8."""
_MOST_WESTERN_SHARE = 0.05
"""The largest share of bytes over 0x7F in English text read as Windows-1252: its quotes,
dashes and a few accented names. Russian text in any single-byte encoding is mostly such
bytes (over half on the corpus), so it is never read so."""
_ASCII = bytes(range(0x80))
_PRESCAN = 4096
"""Bytes at the start of a file in which a page or a feed declares its encoding."""
_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)|"""
                       rb"""<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""", re.IGNORECASE)
_AS_WINDOWS = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii"}
"""Labels a page declares that browsers read as Windows-1252, as the HTML standard says."""


class DecodeError(ValueError):
    """The bytes are none of the encodings a source may have; ``line`` holds the first bad byte."""

    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.line = line


def decode(data: bytes) -> str:
    """Decode a source and normalise it (NFC, ``\\n`` line ends, no control characters)."""
    return normalise(_decode_bytes(data))


def _decode_bytes(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if (declared := _declared(data)) is not None:
        return declared
    candidates = []
    for encoding in LEGACY_CYRILLIC:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        candidates.append((sum(ch in _COMMON_RUSSIAN for ch in text), text))
    best = max(candidates, key=lambda candidate: candidate[0], default=None)
    if best is not None and _reads_as_russian(best[1], best[0]):
        return best[1]
    if len(data.translate(None, _ASCII)) <= _MOST_WESTERN_SHARE * len(data):  # bytes over 0x7F
        try:
            return data.decode(WESTERN)
        except UnicodeDecodeError:
            pass
    raise DecodeError(
            f"not UTF-8 (invalid byte 0x{data[utf8_error.start]:02x} at offset {utf8_error.start})"
            f" and not Russian text in {' or '.join(LEGACY_CYRILLIC)} nor English text in "
            f"{WESTERN}; save the file as UTF-8",
            data.count(b"\n", 0, utf8_error.start) + 1)


def _declared(data: bytes) -> str | None:
    """``data`` decoded in the encoding the page or the feed declares at its start, if it
    declares one Python knows and the bytes are text in it; a page that declares UTF-8 and is
    not is read as if it declared nothing."""
    found = _DECLARED.search(data[:_PRESCAN])
    if found is None:
        return None
    label = (found.group(1) or found.group(2)).decode("ascii", "replace").lower()
    try:
        encoding = codecs.lookup(WESTERN if label in _AS_WINDOWS else label).name
    except LookupError:
        return None
    if encoding.startswith("utf"):
        return None  # UTF-8 failed already; UTF-16 is told by its byte-order mark
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _reads_as_russian(text: str, common: int) -> bool:
    """Whether ``text``, with ``common`` of the most frequent Russian letters, is Russian."""
    letters = sum("\u0400" <= ch <= "\u04ff" for ch in text)
    return common > 0 and (letters < _FEW_LETTERS or common >= _RUSSIAN_SHARE * letters)


def normalise(text: str) -> str:
    text = _LINE_BREAK.sub("\n", text)
    text = unicodedata.normalize("NFC", _CONTROL.sub("", text))
    return _TRAILING_BLANKS.sub("", text)
