"""What a press release prints under its story, and an office's signature under a statement.

A company's or an agency's release ends, after its story and often an end mark ("###", "-30-"),
with its boilerplate: a paragraph or two under "About <Company>" («О компании», «О
Госкорпорации «Роскосмос»», "Notes to editors"), then its "Media contacts" («Контакты для СМИ»):
names, phones, e-mail addresses. :func:`without_boilerplate` cuts them off the story, each line
named for the report. A heading "About …" near a story's end is a release's only where a release
says it is one: an end mark above it, a contacts block under it, or a label over the story
("FOR IMMEDIATE RELEASE", «Пресс-релиз»: furniture, see :mod:`~builder.ingest.furniture`); so
a story's own last section ("About the vaccine") stays.

A ministry's or department's statement is signed under the story by the office that issued it
("Department of Information and Press of the Ministry of Foreign Affairs", «Департамент
информации и печати МИД России», «Пресс-служба губернатора»): :func:`office_signature` knows the
line, which :mod:`~builder.ingest.page_tail` leaves out when it is the story's last. A sentence
that says what a press service did («Пресс-служба ведомства подтвердила информацию.») is no
signature: it has a verb.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from builder.ingest.dates import date_line
from builder.ingest.draft import Dropped, TextBlock
from builder.ingest.layout import Line, blocks_of, ends_sentence, lines_of

_OFFICE = re.compile(
    r"^(?:the\s+)?(?:press (?:service|office|cent(?:re|er)|department|secretariat|and "
    r"information (?:office|department|division))|(?:information|media|communications?|"
    r"public (?:relations|affairs)|press and public relations)(?: and press)? (?:department|"
    r"office|division|directorate|service)|(?:department|directorate|office|division) (?:of|for)"
    r" (?:information|press|media|public|communications?|the spokesperson)|"
    r"пресс-(?:служба|центр|бюро|секретариат)|(?:департамент|управление|отдел|служба|дирекция)"
    r" (?:информации|печати|пресс-службы|по связям|общественных связей|массовых|"
    r"информационной|коммуникаций|по взаимодействию со сми)|информационное управление|"
    r"информационно-аналитическ\w+ (?:департамент|управление|отдел))\b", re.IGNORECASE)
"""The opening of an office's name as it signs a statement."""
LONGEST_SIGNATURE = 20
"""Words of an office's name with its ministry's at most."""
_ENGLISH_LOWER = frozenset({"of", "and", "the", "for", "on", "in", "at", "to", "with", "press",
                            "service", "office", "department", "information", "media", "public",
                            "relations", "affairs", "communications", "communication", "division",
                            "directorate", "centre", "center", "secretariat", "spokesperson"})
_RUSSIAN_VERB = re.compile(r"(?:л|ла|ло|ли|ет|ют|ит|ят|ат|ут|ся|сь|ть|ти)$")
"""How a Russian verb ends (past, present, infinitive, reflexive): what no office's name has."""


_ORGANISATION = re.compile(
    r"^(?:the\s+)?(?:ministry|department|(?:state |standing |select )?committee|federal "
    r"(?:service|agency|office)|agency|embassy|consulate|government|administration|council|"
    r"state duma|federation council|central bank|bank of|prosecutor|investigative committee|"
    r"permanent mission|office of|mayor's office|city hall|министерство|комитет|департамент|"
    r"управление|федеральн\w+ (?:служба|агентство)|агентство|правительство|администрация|"
    r"посольство|генеральное консульство|консульство|совет|государственн\w+ дум\w+|госдума|"
    r"центральный банк|банк россии|прокуратура|генеральная прокуратура|следственный комитет|"
    r"мэрия|постоянное представительство|госкорпорация|(?:пао|оао|ао|ооо) «)\b|"
    r"^(?-i:[A-Z])\S*(?:\s+\S+){0,4}\s+(?:plc|inc\.?|ltd\.?|llc|corporation|corp\.?|group|"
    r"holdings?|company|n\.v\.|s\.a\.|ag|se)$", re.IGNORECASE)
"""The opening of an organisation's name (a ministry, a committee, an agency, a company) as it
prints itself over its statement or release, or signs it."""
_ORGANISATION_LOWER = _ENGLISH_LOWER | {"transport", "defence", "defense", "foreign", "economic",
                                        "policy", "development", "health", "finance", "justice",
                                        "energy", "education", "culture", "agriculture",
                                        "labour", "labor", "social", "protection", "emergency",
                                        "situations", "internal", "home", "trade", "industry",
                                        "science", "higher", "digital", "natural", "resources",
                                        "environment", "sport", "sports", "state", "federal",
                                        "committee", "ministry", "government", "council",
                                        "duma", "russian", "federation", "republic", "region"}


def organisation(text: str) -> bool:
    """Whether ``text`` is an organisation's name alone ("Ministry of Transport of the Russian
    Federation", «Комитет Государственной Думы по экономической политике», "Rosneft Oil
    Company"), as it prints itself over a statement that carries no release's label: opening
    as one, short, without a verb."""
    return _named(text, _ORGANISATION, _ORGANISATION_LOWER)


def office_signature(text: str) -> bool:
    """Whether ``text`` is an office's name signing the statement above it: opening as one
    (a press office's, or any organisation's), short, and without a verb (its words in lower
    case, English function words and an office's vocabulary, or Russian nouns in the
    genitive)."""
    return _named(text, _OFFICE, _ENGLISH_LOWER) or organisation(text)


def _named(text: str, opening: re.Pattern[str], lower_words: frozenset[str]) -> bool:
    """Whether ``text`` opens with ``opening`` and goes on as a name does, with no verb."""
    text = " ".join(text.split()).rstrip(".")
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    if (opening.match(text) is None or len(words) > LONGEST_SIGNATURE or ends_sentence(text)
            or re.search(r"[.!?;:]\s", text)):
        return False
    lower = [w.casefold() for w in words[1:] if w[:1].islower()]
    return all(w in lower_words if w.isascii() else _RUSSIAN_VERB.search(w) is None
               or w in _GENITIVE_LIKE_VERBS for w in lower)


_GENITIVE_LIKE_VERBS = frozenset({"печати", "связи", "власти", "области", "безопасности", "дел",
                                  "политики", "информации", "федерации", "службы"})
"""Nouns of office names whose endings are a verb's too."""

_ABOUT = re.compile(
    r"^(?:about (?:the company|us|(?-i:[A-Z«\"]).{1,60})|notes? (?:to|for) editors|"
    r"(?:о|об) (?:компании|корпорации|госкорпорации|группе|холдинге|фонде|нас|(?-i:[А-ЯЁA-Z«\"]))"
    r".{0,60}|справка о компании|справочная информация|примечани[ея] для редакторов)\s*:?$",
    re.IGNORECASE)
"""The heading of a release's boilerplate."""
_CONTACTS = re.compile(
    r"^(?:(?:media|press|news)\s+(?:contacts?|enquiries|inquiries|relations)|contacts? for "
    r"(?:the )?(?:media|press|journalists)|for (?:media|press|further|more) (?:enquiries|"
    r"inquiries|information)(?:,? (?:please )?contact)?|contacts?|контакты(?: для (?:сми|"
    r"прессы|журналистов)| пресс-службы)?|контактная информация(?: для сми)?|для (?:сми|"
    r"журналистов|прессы|справок)|(?:press office|пресс-служба))\s*:?(?:\s+(?P<inline>\S.*))?$",
    re.IGNORECASE)
"""The heading of a release's contacts block, perhaps with the first contact after it."""
_CONTACT = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|\+?\d[\d\s().-]{6,}\d|https?://|www\.")
MOST_CONTACT_WORDS = 15
"""Words of a line of the contacts block at most (a name, a role, a phone, an address)."""
MOST_ABOUT_PARAGRAPHS = 3
"""Paragraphs under a release's "About …" heading at most."""
_END_MARKS = frozenset({"end of the story"})
_LABEL = "press release label"


def without_boilerplate(article: Sequence[TextBlock], furniture: Sequence[Dropped]
                        ) -> tuple[list[TextBlock], list[Dropped]]:
    """``article`` without a release's boilerplate and contacts block, and their lines named.

    Read from the end: the contacts block (its heading, then only short lines, phones and
    addresses), then "About …" headings each over a paragraph or two. The boilerplate goes only
    when the source shows it is a release (see the module docstring). The first block stays."""
    lines = lines_of(article)
    if len(article) < 2:
        return list(article), []
    start = _contacts_start(lines)
    contacts = start is not None
    end = start if start is not None else len(lines)
    about = _about_start(lines[:end], [b for b in article if end == len(lines)
                                       or b.line < lines[end].number])
    released = contacts or any(
        d.reason == _LABEL or d.reason in _END_MARKS and about is not None and d.line < lines[
            about].number for d in furniture)
    if about is not None and released:
        start = about
    first_block_end = article[0].line + len(article[0].lines)
    if start is None or lines[start].number < first_block_end:
        return list(article), []
    dropped = [Dropped(line.number, line.text, "press release's contacts"
                       if contacts and index >= end else "press release's boilerplate")
               for index, line in enumerate(lines) if index >= start]
    return blocks_of(lines[:start], article[0].blanks_before), dropped


def contacts_start(lines: Sequence[Line]) -> int:
    """Where the contacts block that ends a release starts, under the office's signature and
    date it may sign off with («Контакты для СМИ:» / «Тел.: …», "Media contacts:" / "Press
    office: +44 …"): a heading with no more than a contact after it; ``len(lines)`` when the
    release ends with none."""
    found = _contacts_start(lines, signed=True)
    return len(lines) if found is None else found


def _contacts_start(lines: Sequence[Line], signed: bool = False) -> int | None:
    """Where the contacts block at the end starts: its heading, with only contacts under it;
    ``signed``, never an office's name that signs the release («Пресс-служба администрации …»)."""
    found = None
    for index in range(len(lines) - 1, max(-1, len(lines) - CONTACT_LINES - 1), -1):
        heading = _CONTACTS.match(lines[index].text.strip())
        under = lines[index + 1:]
        if heading is not None and signed and (heading["inline"] and not _CONTACT.search(
                heading["inline"]) or any(date_line(line.text) for line in under)):
            heading = None  # the office's signature over its date (and the contacts)
        if heading is not None and (under or heading["inline"]) and all(
                len(line.text.split()) <= MOST_CONTACT_WORDS and not ends_sentence(line.text)
                for line in under) and any(
                _CONTACT.search(line.text) for line in [lines[index], *under]):
            found = index  # "Press office: +7 …" under "Media contacts:": the block goes on up
        if len(lines[index].text.split()) > MOST_CONTACT_WORDS:
            break
    return found


CONTACT_LINES = 12
"""Lines at the end of a release in which its contacts block is looked for."""


def without_issuer(blocks: Sequence[TextBlock], furniture: Sequence[Dropped]
                   ) -> tuple[list[TextBlock], Dropped | None]:
    """``blocks`` without the name a release prints over its label ("STATE SPACE CORPORATION
    ROSCOSMOS" over "PRESS RELEASE"), or an organisation's name alone over a statement with no
    label ("Ministry of Transport of the Russian Federation"), which is who issued it, the
    outlet, and never its headline; that line, named. The name may head the lines over the
    headline, with no blank line under it (a label above it, or the date or the headline under
    it). Nothing else is taken from a text with no label."""
    labels = sorted(d.line for d in furniture if d.reason == _LABEL)
    if len(blocks) > 2 and organisation(blocks[0].lines[0]):  # alone, or over its date, or
        first, issuer = blocks[0], Dropped(blocks[0].line, blocks[0].lines[0], "release's issuer")
        if len(first.lines) == 1:                             # over the headline and its date
            return list(blocks[1:]), issuer
        return [replace(first, lines=first.lines[1:], line=first.line + 1), *blocks[1:]], issuer
    if not blocks or not labels:
        return list(blocks), None
    first = blocks[0]
    if (len(first.lines) == 1 and first.line < labels[0] and not ends_sentence(first.text)
            and len(first.text.split()) <= MOST_ISSUER_WORDS
            and (len(blocks) == 1 or blocks[1].line > labels[0])):
        return list(blocks[1:]), Dropped(first.line, first.text, "release's issuer")
    return list(blocks), None


MOST_ISSUER_WORDS = 8
"""Words of the issuer's name over a release's label at most."""


def _about_start(lines: Sequence[Line], article: Sequence[TextBlock]) -> int | None:
    """Where the last "About …" heading stands, when a paragraph or two at most follow it."""
    for index in range(len(lines) - 1, 0, -1):
        text = lines[index].text.strip()
        if _ABOUT.match(text) and not ends_sentence(text.rstrip(":")):
            paragraphs = {b.line for b in article if b.line > lines[index].number}
            return index if 0 < len(paragraphs) <= MOST_ABOUT_PARAGRAPHS or (
                not paragraphs and index < len(lines) - 1) else None
    return None
