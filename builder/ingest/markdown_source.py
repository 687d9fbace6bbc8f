"""Markdown sources (``.md``, ``.markdown``): front matter -> facts, body -> a Draft of Markdown.

Some editors collect news as Markdown, often with Jekyll/Hugo front matter. Escaping such a
file like plain text would turn its emphasis, links, lists and quotes into literal asterisks and
brackets, so this adapter keeps every block as it is written (:attr:`Kind.MARKDOWN`) and only
decides what ingest decides for any source: the title, the date, the sections. In and out:

- :func:`builder.ingest.source_front_matter.split` takes the decoded file and gives its
  front matter's facts and the body with its first line.
- :func:`extract` takes a :class:`Source` whose text is that body (and ``meta`` the facts) and
  gives a :class:`Draft`. The body is cut into blocks along markdown-it's own token line ranges,
  so a block never cuts through a fenced code block, a list or a quote. Headings become
  ``## `` sections (the page has one level of them); everything else stays Markdown. A photo
  the body opens with, and its credit, are the page's lead photo, not its text
  (:mod:`~builder.ingest.markdown_photos`).

Another generator's template tags, which its site would have run, and HTML comments, which it
never showed, are taken out first
(:mod:`~builder.ingest.markdown_templates`). Sources are untrusted: a raw HTML block becomes a
plain-text paragraph (escaped when written),
a fragment reference (``{{< fragment … >}}``) written in the source is defused so that it shows
as text instead of pulling a passage from the catalogs, and links are still checked when the
page is rendered.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from builder.formats.markdown import create_parser
from builder.ingest import language
from builder.ingest import outlets as known_outlets
from builder.ingest.assemble import summary_of
from builder.ingest.dateline import parse as parse_dateline
from builder.ingest.dates import FoundDate, date_line, first_date
from builder.ingest.draft import Block, Draft, Dropped, Kind, Source
from builder.ingest.imprint import address_outlet
from builder.ingest.markdown_photos import IMAGE_LINE, lead_photo, line_reasons
from builder.ingest.markdown_templates import without_template_tags
from builder.ingest.properties import Properties, properties
from builder.ingest.sites import names_site

OUTLET = known_outlets.UNKNOWN
DATE_SEARCH_BLOCKS = 3
"""How many blocks after the title are searched for the news date (as :mod:`generic` does)."""
_LINE_END = re.compile(r"\r\n?")
_FRAGMENT_OPENER = "{{<"


@dataclass(frozen=True)
class _Piece:
    """One top-level block of the body as markdown-it parsed it."""

    kind: Kind
    text: str
    """What the Block holds: the Markdown lines, or plain text for a HEADING or PARAGRAPH."""
    plain: str
    """Its words without markup, line breaks kept: for the title, the date and the summary."""
    start: int
    """0-based line in the body."""
    paragraph: bool = False
    """A Markdown paragraph: where a summary or a first-line title comes from."""
    level: int = 0
    """Heading level, 0 for anything that is not a heading."""


def extract(source: Source, body_line: int = 1) -> Draft:
    """The Draft of a Markdown body; ``body_line`` is the file line the body starts on."""
    text, tags = without_template_tags(_LINE_END.sub("\n", source.text).replace("\0", "\ufffd"),
                                       body_line)  # "{% include … %}", "{{< tweet … >}}"
    pieces = _pieces(text)
    meta = source.meta
    photo, pieces = lead_photo(pieces)  # "![…](…)" / "*Courtesy of …*", over the title or
    title, title_start, pieces, dropped = _title(pieces, meta)
    noted, pieces, note_dropped = _note_properties(pieces)  # a notebook's, under the title
    pieces, excerpt = _clipped_excerpt(pieces)
    pieces, rows, linked = _link_rows(pieces)  # "[News](…) [Traffic](…)": the site's sections
    date, date_start, pieces, date_dropped = _date(pieces, source, noted)
    under, pieces = lead_photo(pieces)  # under the title and the date line
    pieces, furniture = _without_furniture(pieces, body_line)
    blocks, empty = _blocks(pieces, body_line)
    published = meta.get("published")
    address = noted[0].url if noted else linked
    return Draft(
        outlet=str(meta.get("outlet") or address and address_outlet(address, source.outlets)
                   or OUTLET),
        title=title,
        title_line=body_line + title_start,
        body=blocks,
        date=date,
        date_line=None if date_start is None else body_line + date_start,
        published=published if isinstance(published, dt.datetime) else None,
        stamp=date if date is not None and date.time is not None else None,
        place=str(meta.get("place") or ""),
        summary=_summary_of(pieces, title, source),
        dropped=tuple(Dropped(body_line + p.start, p.plain, reason)
                      for p, reason in (*photo, *under, *dropped, *note_dropped, *excerpt,
                                        *rows, *date_dropped, *empty))
        + furniture + tags,
    )


# --- cutting the body into blocks --------------------------------------------------------------

def _structure_parser() -> MarkdownIt:
    """The site's parser, but seeing HTML blocks, so that they can be told apart and escaped."""
    md = create_parser()
    md.options["html"] = True
    return md


def _pieces(text: str) -> list[_Piece]:
    """The top-level blocks of ``text`` in order, cut along the parser's token line ranges."""
    lines = text.split("\n")
    tokens = _structure_parser().parse(text)
    tops = [i for i, t in enumerate(tokens) if t.level == 0 and t.map and t.nesting >= 0]
    pieces: list[_Piece] = []
    covered = 0
    for number, index in enumerate(tops):
        start, end = tokens[index].map or (0, 0)
        pieces += _gap(lines, covered, start)
        following = tops[number + 1] if number + 1 < len(tops) else len(tokens)
        pieces.append(_piece(tokens[index:following], lines[start:end], start))
        covered = max(covered, end)
    return pieces + _gap(lines, covered, len(lines))


def _piece(tokens: Sequence[Token], lines: list[str], start: int) -> _Piece:
    """The piece for one top-level block: its opening token first, then what it contains."""
    token, text = tokens[0], _trimmed(lines)
    if token.type == "heading_open":
        plain = _inline_text(tokens)
        return _Piece(Kind.HEADING, " ".join(plain.split()), plain, start, level=int(token.tag[1:]))
    if token.type in ("html_block", "fragment"):  # untrusted markup: kept as words, escaped later
        return _Piece(Kind.PARAGRAPH, text, text, start)
    plain = token.content if token.type in ("fence", "code_block") else _inline_text(tokens)
    return _Piece(Kind.MARKDOWN, _defused(text), plain, start,
                  paragraph=token.type == "paragraph_open")


def _gap(lines: list[str], begin: int, end: int) -> list[_Piece]:
    """Lines no block token covers (link reference definitions), kept as Markdown blocks.

    They render as nothing, but links elsewhere in the body point to them.
    """
    pieces: list[_Piece] = []
    run: list[str] = []
    end = min(end, len(lines))
    for number in range(begin, end + 1):
        line = lines[number] if number < end else ""
        if line.strip():
            run.append(line)
        elif run:
            pieces.append(_Piece(Kind.MARKDOWN, _defused("\n".join(run)), "", number - len(run)))
            run = []
    return pieces


def _trimmed(lines: list[str]) -> str:
    """The lines of a block without the blank lines the parser counts after it."""
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    return "\n".join(lines[:end])


def _defused(markdown: str) -> str:
    """``markdown`` with any fragment reference in it turned into text (``{{\\<`` renders ``{{<``).

    A line like ``> {{< fragment id="x" >}}`` inside a quote or a list would otherwise render a
    passage from the catalogs; only ingest itself may write fragment references. The page is
    rendered with raw HTML off, so the check uses exactly the site's parser.
    """
    if _FRAGMENT_OPENER not in markdown:
        return markdown
    lines = markdown.split("\n")
    for token in create_parser().parse(markdown):
        if token.type == "fragment" and token.map:
            line = token.map[0]
            lines[line] = lines[line].replace(_FRAGMENT_OPENER, "{{\\<", 1)
    return "\n".join(lines)


def _inline_text(tokens: Sequence[Token]) -> str:
    """The words of every inline token among ``tokens``, without markup, lines kept."""
    return "\n".join(_plain(t.children or ()) for t in tokens if t.type == "inline")


def _plain(children: Sequence[Token]) -> str:
    parts = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "image":
            parts.append(_plain(child.children or ()))
    return "".join(parts)


# --- title, date, body, summary ------------------------------------------------------------------

_Drop = tuple[_Piece, str]


def _title(pieces: list[_Piece], meta: Mapping[str, Any]
           ) -> tuple[str, int, list[_Piece], list[_Drop]]:
    """Title, its 0-based body line, the pieces left for the body, and what was dropped.

    The front matter's title wins; a leading ``# `` heading that repeats it is dropped. Without
    one, a heading at the top is the title, or else the first line (as :mod:`generic` does).
    """
    first = next((p for p in pieces if p.plain.strip()), None)
    given = str(meta.get("title") or "").strip()
    if given:
        if first is not None and first.level == 1 and _same(first.plain, given):
            return given, 0, _without(pieces, first), [(first, "repeats the front matter title")]
        return given, 0, pieces, []
    if first is None:
        return "", 0, pieces, []
    if first.kind is Kind.HEADING:
        return first.text, first.start, _without(pieces, first), []
    head, *rest = first.plain.strip().split("\n")
    if not first.paragraph:  # a list or quote stays whole: cutting it would break it
        return head.strip(), first.start, pieces, []
    remainder = _remainder(first, rest)
    title = " ".join(head.split())
    if remainder is None:
        return title, first.start, _without(pieces, first), []
    return title, first.start, [remainder if p is first else p for p in pieces], []


def _remainder(paragraph: _Piece, plain_rest: list[str]) -> _Piece | None:
    """The lines of the title paragraph after its first, still Markdown when they parse alone
    as one paragraph, or else as plain text."""
    lines = [line.lstrip() for line in paragraph.text.split("\n")[1:]]
    if not lines:
        return None
    markdown = "\n".join(lines)
    tops = [t.type for t in _structure_parser().parse(markdown) if t.level == 0 and t.nesting >= 0]
    plain = "\n".join(plain_rest)
    if tops == ["paragraph_open"]:
        return _Piece(Kind.MARKDOWN, _defused(markdown), plain, paragraph.start + 1, paragraph=True)
    return _Piece(Kind.PARAGRAPH, plain or markdown, plain, paragraph.start + 1)


def _same(one: str, other: str) -> bool:
    return " ".join(one.split()).casefold() == " ".join(other.split()).casefold()


def _without(pieces: list[_Piece], piece: _Piece) -> list[_Piece]:
    return [p for p in pieces if p is not piece]


def _note_properties(pieces: list[_Piece]
                     ) -> tuple[tuple[Properties, int] | None, list[_Piece], list[_Drop]]:
    """A note's properties in the first paragraph under the title (Notion's "Created: …",
    "Date: …", "Source: …"; :mod:`~builder.ingest.properties`) and its 0-based line, left out
    of the body."""
    first = next((p for p in pieces if p.plain.strip()), None)
    found = properties(first.plain.split("\n")) if first and first.paragraph else None
    if first is None or found is None:
        return None, pieces, []
    pieces, dropped = _without(pieces, first), [(first, "a note's properties")]
    site = next((p for p in pieces if p.plain.strip()), None)  # "The Guardian" over the story
    if site is not None and found.url and names_site(site.plain.strip(), found.url):
        pieces, dropped = _without(pieces, site), [*dropped, (site, "site name")]
    return (found, first.start), pieces, dropped


_EXCERPT = re.compile(r"^\s*>\s*#{1,6}\s*excerpt\s*$", re.IGNORECASE | re.MULTILINE)


def _clipped_excerpt(pieces: list[_Piece]) -> tuple[list[_Piece], list[_Drop]]:
    """``pieces`` without the excerpt a web clipper quotes under the title, and the rule under
    it (MarkDownload's "> ## Excerpt" / "> …" / "---"): the story's opening, said twice."""
    first = next((p for p in pieces if p.plain.strip()), None)
    if first is None or not _EXCERPT.match(first.text.split("\n", 1)[0]):
        return pieces, []
    pieces = _without(pieces, first)
    rule = next((p for p in pieces if p.plain.strip() or p.text.strip()), None)
    if rule is not None and _RULE.match(rule.text):
        return _without(pieces, rule), [(first, "clipper's excerpt"), (rule, "rule")]
    return pieces, [(first, "clipper's excerpt")]


_LINK_ROW = re.compile(r"^(?:\s*\[[^\]\n]{1,60}\]\((?P<url>https?://[^)\s]+)\)\s*[|·•,/>»›]?)+\s*$")
"""A line of links and nothing else, as a clipped page keeps its breadcrumb trail and tags."""
PROSE_WORDS = 8  # words of a story's paragraph at least: link rows past it are no top


def _link_rows(pieces: list[_Piece]) -> tuple[list[_Piece], list[_Drop], str | None]:
    """``pieces`` without the rows of links over and under the story (breadcrumbs, tags, share
    links), those rows, and the first link's address over the story: the site's."""
    prose = [i for i, p in enumerate(pieces) if p.paragraph and len(p.plain.split()) >= PROSE_WORDS
             and not _LINK_ROW.match(p.text)]
    if not prose:
        return pieces, [], None
    rows = [p for i, p in enumerate(pieces) if (i < prose[0] or i > prose[-1])
            and p.paragraph and _LINK_ROW.match(p.text)]
    first = _LINK_ROW.match(rows[0].text) if rows and rows[0] in pieces[:prose[0]] else None
    return ([p for p in pieces if p not in rows], [(p, "links to the site's pages") for p in rows],
            first["url"] if first else None)


def _date(pieces: list[_Piece], source: Source, noted: tuple[Properties, int] | None
          ) -> tuple[FoundDate | None, int | None, list[_Piece], list[_Drop]]:
    """The news date: the front matter's, else one the text states as such.

    As in :mod:`generic`: a paragraph near the top that is nothing but a date (dropped from the
    body, kept as ``date``), or a dateline opening the first paragraph, or else the date of a
    note's properties. A date in the headline or in running text is an event's, not the news
    date.
    """
    given = source.meta.get("date")
    if isinstance(given, dt.date):
        return FoundDate(given.day, given.month, given.year, None, 0, 0), None, pieces, []
    if noted is not None and noted[0].date is not None:
        return noted[0].date, noted[1], pieces, []
    for index, piece in enumerate([p for p in pieces if p.paragraph][:DATE_SEARCH_BLOCKS]):
        found = first_date(piece.plain)  # past a quote, a rule, an image over the date line
        if found is None:
            continue
        if "\n" not in piece.plain.strip() and (stamp := date_line(piece.plain.strip())):
            # "**July 25, 2020, 4:12 pm**": a date line, with the time it was published
            return stamp, piece.start, _without(pieces, piece), [
                (piece, "date line (kept as 'date')")]
        if not (piece.plain[:found.start] + piece.plain[found.end:]).strip():
            return found, piece.start, _without(pieces, piece), [
                (piece, "date line (kept as 'date')")]
        dateline = parse_dateline(piece.plain, source.outlets) if index == 0 else None
        if dateline is not None and dateline.date is not None:
            return dateline.date, piece.start, pieces, []
    return None, None, pieces, []


_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")


def _without_furniture(pieces: list[_Piece], body_line: int
                       ) -> tuple[list[_Piece], tuple[Dropped, ...]]:
    """``pieces`` without the lines of a paragraph that are a page's furniture, as a text's are
    (:func:`~builder.ingest.furniture.furniture_of`: a photo's credit under its image, "Read
    more: …", a newsletter's call); a paragraph of furniture only goes whole. An image stays,
    and so does any paragraph whose lines cannot be told apart (one line of Markdown to one
    line of words)."""
    kept: list[_Piece] = []
    dropped: list[Dropped] = []
    for piece in pieces:
        lines, words = piece.text.split("\n"), piece.plain.split("\n")
        reasons = line_reasons(lines, words)
        if not piece.paragraph or len(lines) != len(words) or not any(reasons):
            kept.append(piece)
            continue
        dropped += [Dropped(body_line + piece.start + n, words[n], reason)
                    for n, reason in enumerate(reasons) if reason]
        left = [n for n, reason in enumerate(reasons) if not reason]
        if left:
            kept.append(replace(piece, text="\n".join(lines[n] for n in left),
                                plain="\n".join(words[n] for n in left)))
    while dropped and kept and _RULE.match(kept[-1].text):  # the rule over the furniture
        dropped.append(Dropped(body_line + kept[-1].start, kept.pop().text, "rule"))
    return kept, tuple(sorted(dropped, key=lambda d: d.line))


def _blocks(pieces: list[_Piece], body_line: int) -> tuple[tuple[Block, ...], list[_Drop]]:
    """Blocks with file lines; a heading with no words is dropped (it has nothing to name)."""
    blocks = tuple(Block(p.kind, p.text, body_line + p.start) for p in pieces if p.text.strip())
    empty = [(p, "empty heading") for p in pieces if p.kind is Kind.HEADING and not p.text]
    return blocks, empty


def _summary_of(pieces: list[_Piece], title: str, source: Source) -> str:
    """The front matter's summary, else the first paragraph in the main language, as words."""
    meta = source.meta
    given = meta.get("summary")
    if isinstance(given, str) and given.strip():
        return given.strip()
    paragraphs = tuple(Block(Kind.PARAGRAPH, p.plain, p.start) for p in pieces
                       if p.paragraph and not all(map(IMAGE_LINE.match, p.text.split("\n"))))
    lang = meta.get("lang")
    return summary_of(paragraphs, lang if isinstance(lang, str) else _main_language(title, pieces),
                      source.outlets)


def _main_language(title: str, pieces: list[_Piece]) -> str:
    """The language most letters of the title and body are in ("" when there are none)."""
    counts: dict[str, int] = {}
    for text in (title, *(p.plain for p in pieces)):
        lang = language.detect(text)
        if lang is not None:
            counts[lang] = counts.get(lang, 0) + len(text)
    return max(counts, key=lambda lang: counts[lang]) if counts else ""
