"""Datelines: the place, date and agency a wire's first paragraph opens with.

    MOSCOW, October 15. /TASS/. …              МОСКВА, 15 октября. /ТАСС/. …
    MOSCOW, Dec 1 (RIA Novosti) - …            МОСКВА, 1 дек — РИА Новости. …
    MOSCOW. Dec 1 (Interfax) - …               Москва. 1 декабря. INTERFAX.RU - …
    LONDON, Nov. 30 (Reuters) - …              МОСКВА, 30 ноя (Рейтер) - …
    KYIV, Ukraine (AP) — …                     PARIS (AFP) - …
    WASHINGTON, July 25 - …                    москва, 1 дек — риа новости. …
    WASHINGTON - …                             МОСКВА — …

A dateline is a place, then a date, an agency, or both; or a place in capitals and a dash. The agency is the one in brackets or
slashes, whatever its name, or a known outlet's name after a dash or before one (in running
text a dash is no sign of an agency). The date is the news date (usually without a year); the
agency tells the outlet; the text after the dateline is where the story, and its summary,
begins.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from builder.ingest import outlets as known_outlets
from builder.ingest.dates import STAMP_WORDS, FoundDate, first_date, is_weekday
from builder.model import Outlet

_WORD = re.compile(r"[^\W\d_][^\W\d_'’\-]*")
_JOINER = re.compile(r"[ \-'’/]|\. ")
"""Between the words of a place: "NEW YORK", "РОСТОВ-НА-ДОНУ", "ST. PETERSBURG", and between
two places: "DUBAI/LONDON"."""
_SEPARATOR = re.compile(
    r"(?:,\s+[A-Z][a-z]+(?=\s*\())?"  # a region before an agency: "KYIV, Ukraine (AP)"
    r"\s*(?:[,.]|(?=\()|(?=/)|\s(?=[—–-]))\s*")
MOST_PLACE_WORDS = 4
_REGION = re.compile(r"[A-ZА-ЯЁ][a-zа-яё]+(?:[ \-][A-ZА-ЯЁ][a-zа-яё]+)?,\s*")
"""A country or region, written as a name is ("France", "New Mexico"), never in capitals as
the place before it is."""
_BRACKETED = re.compile(r"[(/]\s*(?P<agency>[^()/\n]{2,40}?)\s*[)/]\s*\.?\s*")
_NAMED = re.compile(r"(?:[—–-]{1,2}\s*)?(?P<agency>[^\W\d_][^—–\n.,:]{1,38}?(?:\.(?:[A-Za-z]{2,3}|"
                    r"рф|ру))?)"
                    r"(?:,\s*[^\W\d_][^\W\d_ .\-]+(?:[ \-][^\W\d_][^\W\d_.\-]+){0,2})?"  # a byline
                    r"\s*(?:[.,:]\s*|\s[—–-]{1,2}\s*)")
_SIGNED = re.compile(r"[—–-]{1,2}\s*[^\W\d_][\w.-]*(?:\s[^\W\d_][\w.-]*){0,2}\.\s")
"""An agency no list knows, signed as agencies sign, after the dash and the date, a full stop
after its name: «— Новости-Армения. », «— Украина.ру. »."""
_BRACKET_REST = re.compile(r"[^()\n]{0,60}\)\s*\.?\s*")
_DASH = re.compile(r"\s*[—–-]{1,2}\s*")
_BARE_DASH = re.compile(r"[—–-]{1,2}\s+(?=[\"«“]?[A-ZА-ЯЁ0-9])")
"""The dash after a dateline's place with neither date nor agency, the story going on with a
capital ("WASHINGTON - The…")."""
_AGENCY_FIRST = re.compile(r"(?P<agency>[^\W\d_][^\W_]*(?:[ .-][^\W\d_][^\W_]*){0,2})"
                           r"(?:\.\s+|\s+[—–-]{1,2}\s+)(?=[\"«“]?[A-ZА-ЯЁ0-9])")
"""A known agency's name opening the story alone, with a full stop or a dash («УНИАН. Текст…",
"Ukrinform - The…"): its dateline without a place or date."""
_STAMP_LABEL = re.compile(rf"(?:{STAMP_WORDS})(?![^\W\d_])", re.IGNORECASE)
_AFTER = re.compile(r"[\s.,:]*(?:[—–-]{1,2}\s*)?")


@dataclass(frozen=True)
class Dateline:
    place: str
    date: FoundDate | None
    """Where it stands in the paragraph, as found (usually without a year)."""
    agency: str | None
    """The agency as the dateline names it ("TASS", "РИА Новости")."""
    end: int
    """Where the story begins in the paragraph."""


def parse(paragraph: str, outlets: Mapping[str, Outlet], *, first: bool = False
          ) -> Dateline | None:
    """The dateline ``paragraph`` opens with, if any: the place is taken as short as a
    dateline follows it ("NUR-SULTAN. Feb. 12 (Interfax)"), as long as needs be
    ("ST. PETERSBURG, Dec 1"). Only as the story's ``first`` paragraph may a place in capitals
    and a dash alone be one ("WASHINGTON - The…"): further on, it is running text."""
    if (bracketed := _BRACKETED.match(paragraph)) and known_outlets.by_name(
            bracketed["agency"], outlets) and (dash := _DASH.match(paragraph, bracketed.end())):
        return Dateline("", None, bracketed["agency"].strip(), dash.end())  # "(Bloomberg) --"
    if (opening := _AGENCY_FIRST.match(paragraph)) and known_outlets.by_name(
            opening["agency"], outlets):
        return Dateline("", None, opening["agency"], opening.end())  # «УНИАН. Текст…»
    at = 0
    for _ in range(MOST_PLACE_WORDS):
        word = _WORD.match(paragraph, at)
        if word is None:
            return None
        abbreviated = len(word[0]) <= 3 and paragraph.startswith(".", word.end())
        found = None if abbreviated else _after_place(  # "St. Petersburg": no place "St"
            paragraph, paragraph[:word.end()], word.end(), outlets, first)
        if found is not None:
            return found
        joiner = _JOINER.match(paragraph, word.end())
        if joiner is None:
            return None
        at = joiner.end()
    return None


def _after_place(paragraph: str, place: str, at: int, outlets: Mapping[str, Outlet],
                 first: bool = False) -> Dateline | None:
    """The dateline, if ``place`` ending at ``at`` is its place: never a page's stamp, whose
    label and weekday stand before its date as a place would ("PUBLISHED SUN, JUL 26 2020 10:15
    AM EDT", "Updated Mon, Jul 27 2020", «Обновлено Пн, 27 июля»)."""
    words = place.split()
    if _STAMP_LABEL.match(place) or is_weekday(words[-1].rstrip(".")):
        return None
    separator = _SEPARATOR.match(paragraph, at)
    if separator is None:
        return None
    at = separator.end()
    date = first_date(paragraph[at:at + 40])
    if (date is None or date.start != 0) and (region := _REGION.match(paragraph, at)):
        # "NANTES, France, Jul. 26 (Reuters)": a country or region before the date
        after_region = first_date(paragraph[region.end():region.end() + 40])
        if after_region is not None and after_region.start == 0:
            date, at = after_region, region.end()
    sentence_after_date = False
    if date is not None and date.start == 0:
        date = FoundDate(date.day, date.month, date.year, date.time, at, at + date.end)
        at = date.end
        at += len(re.match(r"\s*[.,]?\s*", paragraph[at:])[0])
        # "Tallinn, 26 July 2020. The party…", «Таллин, 26 июля 2020 г. Партия…»: a whole
        # date, its full stop (or the date's own, «г.»), a sentence
        full_stop = paragraph[date.end:at].strip() == "." or (
            paragraph[:date.end].endswith(".") and paragraph[date.end:at].isspace())
        sentence_after_date = date.year is not None and full_stop and bool(
            re.match(r"[\"«“]?[A-ZА-ЯЁ0-9]", paragraph[at:]))
    else:
        date = None
    # A place in capitals is a dateline's; "Officials (police) said" or "On Tuesday, December 1,
    # the minister said" is running text, unless a known agency or a dash follows.
    capitals = place.isupper()
    agency = None
    if (region := _BRACKETED.match(paragraph, at)) and not known_outlets.by_name(
            region["agency"], outlets) and (after := _BRACKETED.match(paragraph, region.end())) \
            and known_outlets.by_name(after["agency"], outlets):
        at = region.end()  # "Nantes (France) (AFP) -": the country, then the agency
    if (bracketed := _BRACKETED.match(paragraph, at)) and (
            capitals or known_outlets.by_name(bracketed["agency"], outlets)):
        agency, at = bracketed["agency"], bracketed.end()
        if bracketed[0].rstrip().endswith("/") and (rest := _BRACKET_REST.match(paragraph, at)):
            at = rest.end()  # "(UrduPoint News / Sputnik - 26th July, 2020)": to its end
    elif (named := _NAMED.match(paragraph, at)) and (known_outlets.by_name(
            named["agency"], outlets) or capitals and date is not None and _SIGNED.match(
            named[0]) and re.match(r"[\"«“]?[A-ZА-ЯЁ0-9]", paragraph[named.end():])):
        agency, at = named["agency"], named.end()  # «ЕРЕВАН, 25 июля — Новости-Армения. …»
    if date is None and agency is None:
        # "WASHINGTON - The Republicans…", "МОСКВА — Власти…": a place in capitals and a dash
        # a word of four letters or more: "США - Китай", "EU - UK" are no place but a match
        dash = _BARE_DASH.match(paragraph, at) if first and capitals and re.search(
            r"[^\W\d_]{4}", place) and not known_outlets.by_name(place, outlets) else None
        return Dateline(place, None, None, dash.end()) if dash else None
    if agency is None and not (capitals or sentence_after_date
                               or re.match(r"\s*(?:[—–-]|$)", paragraph[at:])):
        return None  # a place in lower case needs a dash after its date, or nothing at all
    at += len(_AFTER.match(paragraph, at)[0])
    return Dateline(place, date, agency.strip() if agency else None, at)


def without_dateline(paragraph: str, outlets: Mapping[str, Outlet]) -> str:
    """``paragraph`` from where its story begins, with a capital (datelines may be in lower
    case: "москва, 1 дек — риа новости. президент…")."""
    found = parse(paragraph, outlets, first=True)
    if found is None or found.end >= len(paragraph):
        return paragraph
    rest = paragraph[found.end:]
    return rest[:1].upper() + rest[1:]
