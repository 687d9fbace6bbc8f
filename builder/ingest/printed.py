"""Text copied out of a printed page (a newspaper's PDF): its running header -> facts, the rest ->
news text.

A PDF's text comes with what the printed page has around the story: the running header (the
paper's name, its edition, the issue's number and date: "Российская газета · Федеральный выпуск ·
№ 163 (8219) · 27 июля 2020"), repeated on every page, a page number, perhaps a form feed, and a
photo's credit set at the top of the next page, all in the middle of the text, often in the
middle of a sentence; its lines are hard-wrapped at the column's width and words are hyphenated
at line ends ("govern-" / "ment", «прави-» / «тельство»).

A page a browser printed to PDF has the time of printing and the page's title over each page
("26.07.2020, 14:05   Title of the page") and the page's address and number under it
("https://… 1/2"): they are left out, and the address names the outlet where no header does.

A text is such a copy when a line of a header's shape (with a figure: a date, an issue, a page)
comes back on another page, a form feed parts its pages, or a browser's footer is under it. The
header and the page numbers are left out, each named, and a paragraph the page break cut is
joined again: the first line after the break (and the furniture set there) opens in lower case
where the last before it ends no sentence. A word hyphenated at a line's end is joined where the
next line goes on in lower case. The rest is read by :mod:`~builder.ingest.generic`, which joins
the wrapped lines into paragraphs. The header names the outlet (the paper) and the issue's date,
the news date where the text prints no other.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from builder.formats.slugs import slugify
from builder.ingest import controls, generic
from builder.ingest import outlets as known_outlets
from builder.ingest.dates import find_dates, first_date
from builder.ingest.draft import Draft, Dropped, Source
from builder.ingest.furniture import furniture_of, names_outlet
from builder.ingest.imprint import address_outlet
from builder.ingest.layout import ends_sentence

OUTLET = generic.OUTLET
LONGEST_HEADER = 120
"""Characters of a running header at most."""
_PAGE_NUMBER = re.compile(controls.PAGE_NUMBER, re.IGNORECASE)
_EDGE_NUMBER = re.compile(r"^\s*(?:(?:page|стр\.?|с\.)\s*)?\d{1,4}\s+(?:[|·•]\s+)?|"
                          r"\s+(?:[|·•]\s+)?(?:(?:page|стр\.?|страница|с\.)\s*)?\d{1,4}"
                          r"(?:\s*(?:of|из|/)\s*\d{1,4})?\s*$", re.IGNORECASE)
"""A page's number printed at either end of its header ("3 Российская газета …"), or of the
footer a browser prints (the page's address, "https://… 1/2")."""
_BROWSER_LINES = (
    ("page address", re.compile(r"^https?://\S+\s+\d{1,4}\s*/\s*\d{1,4}$")),
    ("print stamp", re.compile(r"^\d{1,2}[./]\d{1,2}[./]\d{2,4},?\s+\d{1,2}:\d{2}(?:\s*[AaPp]\.?"
                               r"[Mm]\.?)?\s{2,}\S.*$")),
)
"""What a browser prints on each page of a page it prints: the page's address and the page's
number under it ("https://… 1/2"), when and what it printed over it ("26.07.2020, 14:05   Title
of the page", "7/26/20, 2:05 PM   Title"): the time is the printing's, never the story's."""
_PARTS = re.compile(r"\s+[·•|—–-]\s+")
_HYPHENATED = re.compile(r"[^\W\d_]-$")


def _header_form(line: str) -> str:
    """``line`` as its header is on every page: without the page's number at either end."""
    return " ".join(_EDGE_NUMBER.sub("", line.strip()).split()).casefold()


def _running_headers(lines: list[str]) -> set[str]:
    """The header forms that come back: a short line with a figure (its date, issue or page),
    no sentence, printed twice or more."""
    counts = Counter(_header_form(line) for line in lines
                     if line.strip() and len(line.strip()) <= LONGEST_HEADER
                     and re.search(r"\d", line) and not ends_sentence(line.strip())
                     and len(line.split()) >= 2)
    return {form for form, count in counts.items() if count >= 2 and _names_something(form)}


def _names_something(form: str) -> bool:
    """Whether a header's form names something beside its date, time and numbers (the paper,
    its edition): two words or more; a stamp that a sidebar prints over each of its
    headlines ("26 июля 2020", "Политика, 12:30") names nothing."""
    for found in sorted(find_dates(form), key=lambda d: -d.start):
        form = form[:found.start] + " " + form[found.end:]
    return len(re.findall(r"[^\W\d_]{2,}", form)) >= 2


def recognise(text: str) -> bool:
    """Whether ``text`` was copied out of a printed page: a running header comes back, a form
    feed parts its pages, or a browser printed it (the page's address and number under it)."""
    lines = text.split("\n")
    return "\f" in text or any(_BROWSER_LINES[0][1].match(line.strip()) for line in lines) or bool(
        _running_headers(lines))


def extract(source: Source) -> Draft:
    lines = [line.replace("\f", "") for line in source.text.split("\n")]
    dropped = [Dropped(index + 1, line, reason) for index, line in enumerate(lines)
               for reason, form in _BROWSER_LINES if form.match(line.strip())]
    for gone in dropped:
        lines[gone.line - 1] = ""
    headers = _running_headers(lines)
    for index, line in enumerate(lines):  # the headers first: a page's number is beside one
        if line.strip() and _header_form(line) in headers:
            dropped.append(Dropped(index + 1, line, "running header"))
    for gone in dropped:
        lines[gone.line - 1] = ""
    for index, line in enumerate(lines):
        if _PAGE_NUMBER.match(line.strip()) and all(
                not (0 <= at < len(lines)) or not lines[at].strip() for at in (index - 1,
                                                                               index + 1)):
            dropped.append(Dropped(index + 1, line, "page number"))
            lines[index] = ""
    for gone in sorted(dropped, key=lambda d: d.line):
        dropped += _join_across(lines, gone.line - 1)
    _join_hyphenated(lines)
    draft = generic.extract(replace(source, text="\n".join(lines)))
    header = next((d for d in dropped if d.reason == "running header"), None)
    name, key = _paper(header.text if header else "", source)
    if not key and (address := next((d for d in dropped if d.reason == "page address"), None)):
        key = address_outlet(address.text.split()[0], source.outlets) or ""  # the printed page's
    date, date_line = draft.date, draft.date_line
    if header is not None and (date is None or date.year is None) and (
            issue := first_date(header.text)) is not None and issue.year is not None:
        date, date_line = replace(issue, time=None), header.line  # the issue's date
    taken = draft.outlet == OUTLET and key
    return replace(draft, outlet=key if taken else draft.outlet,
                   outlet_name=name if taken else draft.outlet_name,
                   date=date, date_line=date_line,
                   dropped=tuple(sorted([*dropped, *draft.dropped], key=lambda d: d.line)))


def _join_across(lines: list[str], at: int) -> list[Dropped]:
    """A paragraph the page break at ``at`` cut, joined again: the lines after the break (the
    furniture set there left out) moved up under the last line before it, when that line ends
    no sentence and they open in lower case. The lines keep their text; the blank lines go
    after the paragraph."""
    before = next((i for i in range(at - 1, -1, -1) if lines[i].strip()), None)
    if before is None or ends_sentence(lines[before].strip()):
        return []
    dropped, after = [], at + 1
    while after < len(lines):
        text = lines[after].strip()
        if text and (reason := furniture_of(text)) is not None:
            dropped.append(Dropped(after + 1, lines[after], reason))
            lines[after] = ""
        elif text:
            break
        after += 1
    if after >= len(lines) or not lines[after].strip()[:1].islower():
        return dropped
    end = after
    while end < len(lines) and lines[end].strip():
        end += 1
    run = lines[after:end]
    lines[after:end] = [""] * len(run)
    lines[before + 1:before + 1 + len(run)] = run
    return dropped


def _join_hyphenated(lines: list[str]) -> None:
    """Words hyphenated at a line's end joined where the next line goes on in lower case
    ("Восстан-" / "овление экономики"): the word's end moves up; a line left empty so is kept
    as it was, for the paragraph stays one."""
    for index in range(len(lines) - 1):
        line, following = lines[index].rstrip(), lines[index + 1].strip()
        if _HYPHENATED.search(line) and following[:1].islower():
            rest, _, more = following.partition(" ")
            if more:
                lines[index] = line[:-1] + rest
                lines[index + 1] = more


def _paper(header: str, source: Source) -> tuple[str, str]:
    """The paper's name its running header prints first, and its outlet's key."""
    for part in _PARTS.split(_EDGE_NUMBER.sub("", header.strip())):
        part = part.strip()
        if not part or first_date(part) or not re.search(r"[^\W\d_]{2}", part) or "№" in part:
            continue
        key = (known_outlets.by_name(part, source.outlets) or names_outlet(part, source.outlets)
               or slugify(part))
        return part, key
    return "", ""
