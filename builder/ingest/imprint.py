"""Whose a page is, by what it prints about itself where no name the project knows is given: the
holder of its copyright line under the story, or its own address alone on a line.

    a line left out as furniture --copyright_holder / page_address--> an outlet's key, or None

A page's footer names its publisher («© 2020 Фонтанка.ру», "© Copyright 2020 Anadolu Agency",
«© Администрация Краснодара»), and a page printed or saved from a browser its own address
("https://161.ru/text/…", "www.bmstu.ru"). Both are trusted only in the shapes that name a
publisher and nothing else: an address alone on its line (never one inside a sentence: a link
of the story's is another site's; under the story only a page's, for a site's bare address
may credit the story's source there); a copyright holder that is an address, a known outlet,
or an outlet's or an office's name ("… News", "… University", «Администрация …»), never a
company's legal name («ООО «Ньюс Медиа»», "… Limited": the owner, not the outlet), nor a
photo's credit (a person, a photo bank: among the paragraphs, or with no such word). Unknown
is better than wrong: a line of any other shape gives no outlet.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from builder.formats.slugs import slugify
from builder.ingest import outlets as known_outlets
from builder.ingest.sites import DOMAINS, address_key
from builder.model import Outlet

_SITE = rf"(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:{DOMAINS})(?::\d+)?(?:/\S*)?"
_LABEL = (r"(?:(?P<source>source|источник)|url|link|permalink|short (?:url|link)|(?:короткая )?"
          r"ссылка(?: на (?:материал|статью))?|адрес(?: (?:материала|страницы))?)\s*:?\s*")
_PAGE_ADDRESS = re.compile(rf"^(?:{_LABEL})?<?(?P<address>https?://\S+|www\.\S+|{_SITE})>?$",
                           re.IGNORECASE)
"""An address alone on its line, perhaps labelled as the page's link ("URL: https://…",
«Короткая ссылка: …») or as a source («Источник: 161.ru»)."""


def page_address(text: str) -> str | None:
    """The address ``text`` is no more than ("https://161.ru/text/…", "www.bmstu.ru",
    "Source: https://…"), else None."""
    found = _PAGE_ADDRESS.match(text.strip())
    return found["address"].rstrip(".,;") if found else None


def labelled(text: str) -> bool:
    """Whether an address line says it is a source ("Source: …"): under a page that names
    itself, the story's source, not the page's outlet."""
    found = _PAGE_ADDRESS.match(text.strip())
    return bool(found and found["source"])


def a_pages(text: str) -> bool:
    """Whether the address line ``text`` gives a page's address, a path after its host
    ("https://161.ru/text/…"), as a browser prints it under the page: a site's bare address
    under a story ("zakon.kz") may be its source's credit."""
    address = re.sub(r"^https?://", "", page_address(text) or "")
    return "/" in address.rstrip("/")


def address_outlet(text: str, outlets: Mapping[str, Outlet]) -> str | None:
    """The outlet of the address ``text`` is: known by it, else a key made from it."""
    if (address := page_address(text)) is None:
        return None
    return known_outlets.by_address(address, outlets) or address_key(address)


_COPYRIGHT = re.compile(r"^(?:(?:©|\(c\)|copyright\b|авторское право\b)[\s:]*)+(?:\d{4}(?:\s*[-–—]"
                       r"\s*\d{4})?[\s,.]*)?(?:©\s*)?", re.IGNORECASE)
"""A copyright line's signs and years, before the holder's name ("© Copyright 2001–2020")."""
_RESERVED = r"all rights reserved|все права защищены"
_HOLDER_END = re.compile(rf"[,;|]\s|\.\s|\s[-–—]\s|\.?\s*(?:{_RESERVED})|,?\s*(?:19|20)\d\d\b",
                         re.IGNORECASE)
"""Where the holder's name ends: its years after it, "All rights reserved", a second clause."""
_LEGAL_FORM = re.compile(r"(?:^|[\s«\"(])(?:ООО|ОАО|ЗАО|ПАО|АО|АНО|ФГУП|ФГБУ|ИП|LLC|L\.L\.C\.|"
                         r"Ltd|Limited|Inc|Corp|Corporation|GmbH|plc|LLP|S\.A\.|AG|Holdings?|"
                         r"affiliated compan\w+)\.?(?=$|[\s»\",)])", re.IGNORECASE)
"""A company's legal form: the owner's name, not the outlet's."""
_PUBLISHER = re.compile(
    r"\b(?:news|times|post|herald|gazette|journal|daily|weekly|tribune|chronicle|observer|"
    r"magazine|radio|television|tv|channel|broadcasting|agency|online|university|college|"
    r"institute|administration|office|government|ministry|department|council|municipality|"
    r"city of|новост\w*|газет\w*|вестник\w*|ведомост\w*|известия|радио|телеканал\w*|тв|"
    r"агентств\w*|журнал\w*|онлайн|портал\w*|университет\w*|институт\w*|академи\w*|"
    r"администраци\w*|правительств\w*|министерств\w*|мэри\w*|департамент\w*|управлени\w*|"
    r"пресс-служб\w*|дум\w*)\b", re.IGNORECASE)
"""Words that name an outlet, or an office or a school publishing its own news, as no person's
name or photo bank's does."""
MOST_HOLDER_WORDS = 6


def copyright_holder(text: str, outlets: Mapping[str, Outlet], own: bool) -> str | None:
    """The outlet the copyright line ``text`` names: a known outlet by the longest run of its
    first words that is a known name («© 2020 РИА Новости», "© 2020 Guardian News & Media
    Limited"); and where the line is the page's ``own`` (under the story, not a photo's among
    the paragraphs), a new one by a holder that is an address («© 2020 161.RU») or an outlet's
    or office's name ("© Copyright 2020 Anadolu Agency", «© Администрация Краснодара»), never
    a company's legal name."""
    words = _COPYRIGHT.sub("", text.strip()).split()
    for count in range(min(len(words), 5), 0, -1):
        if key := known_outlets.by_name(" ".join(words[:count]).strip(".,«»\""), outlets):
            return key
    name = holder(text)
    if not own or not name or _LEGAL_FORM.search(name) or len(
            name.split()) > MOST_HOLDER_WORDS or not (name[:1].isupper() or name[:1].isdigit()):
        return None
    if page_address(name) and "/" not in name:
        return address_key(name)  # a site's name as its address: "161.RU"
    return slugify(name) or None if _PUBLISHER.search(name) else None


def footer(text: str) -> bool:
    """Whether the copyright line ``text`` is a site's footer's: with its years or its rights
    reserved ("© 2001–2020 …", "… All rights reserved"), as no photo's credit is."""
    return bool(re.search(rf"\b(?:19|20)\d\d\b|{_RESERVED}", text, re.IGNORECASE))


def closes_page(text: str) -> bool:
    """Whether the copyright line ``text`` is the one that closes a site's page: with a range
    of years or its rights reserved ("© 1999-2020 TASS", "… All Rights Reserved."), as no
    photo's credit among the paragraphs is ("© 2020 Getty Images")."""
    return bool(re.search(rf"(?:19|20)\d\d\s*[-–—]\s*(?:19|20)\d\d|{_RESERVED}", text,
                          re.IGNORECASE))


def copyright_year(text: str) -> int | None:
    """The last year a footer's copyright line prints ("© 1999-2020 TASS": 2020): the year the
    page was served, as sites print it each year; None on a line with no year."""
    years = [int(year) for year in re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", text)]
    return max(years) if years and footer(text) else None


def holder(text: str) -> str:
    """The holder's name a copyright line gives, as printed ("© 2020 Sky UK. All rights
    reserved.": "Sky UK")."""
    rest = _COPYRIGHT.sub("", text.strip())
    return _HOLDER_END.split(rest, maxsplit=1)[0].strip(" .«»\"")
