"""What a copied page prints under the story, read from its last line up, each line left out and
named: the site's name or its address (a browser prints it under a page), an editor's
initials, a menu of the site's sections, tags (on one line, or one a line), the author's
signature with a role ("Андрей Десницкий, писатель"), the signature of the office that issued
a statement («Пресс-служба губернатора»), the bio in an author's box
(under "Written by …" or a count of followers), and a newsletter's or a site's last lines: its
name and a year ("The Bell, 2020"), its postal address. The first line that is none of them
is the story's last; above it nothing is looked at, so a tag-like line inside the story
stays. A page's furniture that may stand anywhere (share buttons, counters, copyright) is
:mod:`~builder.ingest.furniture`'s; its sidebar of other headlines is
:func:`~builder.ingest.layout.split_sidebar`'s, but for a title over it no list knows
(:func:`sidebar_title`), or another sidebar over it. The top of a page is
:mod:`~builder.ingest.page_top`'s.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from builder.ingest import layout
from builder.ingest.controls import FOOTER_LINK
from builder.ingest.draft import Dropped, TextBlock
from builder.ingest.furniture import names_outlet, signature
from builder.ingest.imprint import closes_page, holder, labelled, page_address
from builder.ingest.layout import ends_sentence
from builder.ingest.page_top import menu_line
from builder.ingest.press_release import office_signature
from builder.model import Outlet

TAG_WORDS = 3
"""Words of a tag, a section's name or a link alone at the story's end ("Civil Rights",
"Podcasts") at most."""
MOST_CLOSING_WORDS = 60
"""Words of a line under the copyright line that closes a page at most (a mass medium's
registration notice); a longer one is a story's paragraph after all."""
MOST_BIO_WORDS = 30
MOST_BIO_SENTENCES = 2
"""An author's bio in the box under the story: a sentence or two ("Film critic. Writes about
documentaries."); more is the story's."""

_FOOTER_LINK = re.compile(rf"^(?:{FOOTER_LINK})$", re.IGNORECASE)
"""A link of a site's footer alone on its line, as a footer lists them, one a line."""
_INITIALS = re.compile(r"^\s*(?:[A-ZА-ЯЁ]{2,3}|[a-z]{2}|[а-яё]{2})\s*$")
"""An editor's initials alone under the story, as Interfax signs it ("MR", "ip")."""
_RUSSIAN_TAGS = re.compile(r"^[А-ЯЁ](?:[а-яё]+|[А-ЯЁ]+)(?:-[А-ЯЁ]?[а-яё]+)?(?:\s+[А-ЯЁ]"
                           r"(?:[а-яё]+|[А-ЯЁ]+)(?:-[А-ЯЁ]?[а-яё]+)?){2,}$")
"""Russian words each with a capital, as no Russian sentence is: a page's tags under the story
("Политика Россия Украина Владимир Путин")."""
_AUTHOR_BOX = re.compile(r"^(?:written by|about the author|об авторе|автор)\b|\b(?:followers|"
                         r"подписчик\w*)$", re.IGNORECASE)
"""The lines of an author's box that a bio goes under ("Written by Laura Kim", "312 Followers")."""
_SENTENCE_END = re.compile(r"[.!?…](?:\s|$)")
_NAME = (r"(?:«[^»]{1,40}»|\"[^\"]{1,40}\"|(?-i:[A-ZА-ЯЁ])[\w.&'’-]*"
         r"(?:\s+(?-i:[A-ZА-ЯЁ])[\w.&'’-]*){0,4})")
_YEARS = r"(?:©\s*)?(?:19|20)\d\d(?:\s*[-–—]\s*(?:19|20)\d\d)?"
_APART = r"\s*[,·•|–—]?\s+"
_NAME_AND_YEAR = re.compile(rf"^(?:{_NAME}(?:,\s*{_NAME})?{_APART}{_YEARS}|{_YEARS}{_APART}"
                            rf"{_NAME})\.?$")
"""A footer's name and year, alone on the last line ("The Bell, 2020", «"Новая газета", 2020»,
"2020 Meduza", "Meduza, Riga, 2020"): the copyright line without its sign."""


def under_the_story(text: str, outlets: Mapping[str, Outlet]) -> str | None:
    """What ``text`` is, if it is a line pages print under a story: the site's name, an editor's
    initials, links to the site's sections, tags on one line, the author's signature."""
    if names_outlet(text, outlets):
        return "site name"
    if page_address(text):
        return "source line" if labelled(text) else "page address"  # "https://161.ru/text/…"
    if _INITIALS.match(text):
        return "agency credits"
    if menu_line(text):
        return "links to the site's sections"  # "Interfax-Religion | Interfax-Ukraine | …"
    if _FOOTER_LINK.match(text.strip()):
        return "links to the site's pages"  # «О проекте» / «Реклама» / «Вакансии», one a line
    if layout.SIDEBAR_TITLES.match(text.strip()):
        return "sidebar's title"  # «Новости партнеров», "Related": its headlines not copied
    if signature(text):
        return "byline"  # "Иван Петров, политолог"
    if office_signature(text):
        return "office's signature"  # «Департамент информации и печати МИД России»
    if _NAME_AND_YEAR.match(text.strip()):
        return "site name"  # "The Bell, 2020": a footer's copyright without its sign
    if postal_address(text):
        return "postal address"  # "Meduza, 12 Elizabetes iela, Riga, Latvia"
    if _REGISTERED.search(text) or _PHONE_LINE.match(text.strip()):
        return "imprint"  # a mass medium's registration, a hotline's number
    words = text.split()
    if _RUSSIAN_TAGS.match(text.strip()) or (  # "Film" / "Civil Rights": no story ends so
            len(words) <= TAG_WORDS and not ends_sentence(text)
            and all(word[:1].isupper() for word in words)):
        return "tags"
    return None


def without_tail(article: Sequence[TextBlock], furniture: Sequence[Dropped],
                 outlets: Mapping[str, Outlet]) -> tuple[list[TextBlock], list[Dropped]]:
    """``article`` without what the page prints under the story, and those lines, named.

    Read from the last line up: a block that is all such lines goes whole, and so do the last
    lines of a block glued to the story's last paragraph with no blank line ("…в 1725 году." /
    "Парад ВМФ Санкт-Петербург Корабли"). An author's bio goes when it stands right under a
    line of the author's box that ``furniture`` took out, and the site's name when the page
    printed it elsewhere too (the holder of its copyright line, over the headline), whether or
    not it is known. Under the copyright line that closes the page (:func:`~builder.ingest.
    imprint.closes_page`) every line is the page's: its owner's name, a registration notice.
    The story's first block always stays.
    """
    kept = list(article)
    dropped: list[Dropped] = []
    closed = min((line.line for line in furniture if line.reason == "copyright"
                  and closes_page(line.text)), default=None)
    box = {line.line for line in furniture if _AUTHOR_BOX.search(line.text.strip())}
    names = {_folded(holder(line.text) if line.reason == "copyright" else line.text)
             for line in furniture if line.reason in _NAMING}
    while len(kept) > 1:
        block = kept[-1]
        lines = list(block.lines)
        if _bio(block, box):
            dropped += [Dropped(block.line + n, line, "author's bio")
                        for n, line in enumerate(lines)]
            lines = []
        while lines:
            above = lines[-2] if len(lines) > 1 else kept[-2].lines[-1]
            if _folded(lines[-1]) in names:  # «Такие дела» over «© 2020 Такие дела»
                dropped.append(Dropped(block.line + len(lines) - 1, lines.pop(), "site name"))
            elif closed is not None and block.line + len(lines) - 1 > closed and _closing(
                    lines[-1]):  # the owner's name, a registration notice
                dropped.append(Dropped(block.line + len(lines) - 1, lines.pop(),
                                       "under the page's copyright line"))
            elif (reason := under_the_story(lines[-1], outlets)) is not None and not (
                    reason == "page address" and above.rstrip().endswith(":")):  # "Read at:"
                dropped.append(Dropped(block.line + len(lines) - 1, lines.pop(), reason))
            elif len(lines) > 1 and office_signature(" ".join(lines[-2:])):  # wrapped
                dropped += [Dropped(block.line + len(lines) - 2 + n, line, "office's signature")
                            for n, line in enumerate(lines[-2:])]
                del lines[-2:]
            else:
                break
        if lines:
            kept[-1] = replace(block, lines=tuple(lines))
            break
        kept.pop()
    return kept, sorted(dropped, key=lambda d: d.line)


_NAMING = ("copyright", "above the headline", "site name")
"""The lines left out that print the site's name, which under the story is the site's too."""


_REGISTERED = re.compile(r"свидетельство о регистрации (?:сми|средства|эл|пи)|зарегистрирован\w* "
                         r"(?:в |федеральной службой|роскомнадзор)|(?:mass )?media registration "
                         r"certificate|registered as (?:a |an )?(?:online )?(?:mass )?media",
                         re.IGNORECASE)
"""A mass medium's registration notice, under the story («Сетевое издание 66.ru. Свидетельство
о регистрации ЭЛ № ФС 77 - 72456. 18+»)."""
_PHONE_LINE = re.compile(r"^[^\d.!?]{3,80}?[:–—-]\s*(?:\+?\(?\d[\d\s()‑-]{4,18}\d)(?:\s*[,;]\s*"
                         r"\+?\d[\d\s()‑-]{4,18}\d)*\.?$")
"""A label and a telephone number, alone under the story («Телефон горячей линии: 8 (8652)
27-17-84», "Hotline: +1 202 555 0100")."""
_REGISTRATION = re.compile(r"[©™№®]|\b(?:registered|registration|licen[cs]e|зарегистрирован\w*|"
                           r"регистрац\w*|свидетельств\w*|лицензи\w*)\b", re.IGNORECASE)


def _closing(text: str) -> bool:
    """Whether ``text``, under the copyright line that closes a page, is the page's too: a line
    with no sentence's end (its owner's name), or a registration notice, a trademark's note;
    a sentence is a story's that an agency's copyright line was printed over."""
    return len(text.split()) <= MOST_CLOSING_WORDS and (
        not ends_sentence(text) or _REGISTRATION.search(text) is not None)


def _folded(name: str) -> str:
    return " ".join(name.split()).strip(".«»\"").casefold()


def _bio(block: TextBlock, box: set[int]) -> bool:
    """Whether ``block`` is an author's bio: a sentence or two right under the author's box."""
    return (block.line - 1 in box and len(block.text.split()) <= MOST_BIO_WORDS
            and len(_SENTENCE_END.findall(block.text)) <= MOST_BIO_SENTENCES)


_LABEL = re.compile(r"^(?:(?:our |postal |mailing |editorial )?address|адрес(?: редакции)?|"
                    r"редакция|почтовый адрес)\s*:\s*", re.IGNORECASE)
_STREET = re.compile(r"\b(?:street|st\.|avenue|ave\.?|road|rd\.|boulevard|blvd\.?|lane|square|"
                     r"plaza|place|drive|iela|ulica|strasse|straße|str\.|suite|floor|office|"
                     r"building|p\.?o\.? box|ул\.|улица|пр\.|пр-т|проспект|пер\.|переулок|ш\.|"
                     r"шоссе|наб\.|набережная|бульвар|б-р|пл\.|площадь|д\.|дом|стр\.|строение|"
                     r"корп\.|корпус|офис|этаж|а/я)(?=\s|$|\d)", re.IGNORECASE)
_NUMBERED = re.compile(r"^\d{1,5}[\w/-]*\s+\S|\S\s+\d{1,5}[\w/-]*$")
"""A street and its house's number, either way round ("330 Independence Avenue SW",
"Elizabetes iela 12", «Мясницкая ул., 13»)."""
_POSTCODE = re.compile(r"^(?:[A-Z]{2}\s+)?\d{5,6}(?:-\d{4})?$|\b\d{5,6}\b|"
                       r"\b[A-Z]{1,2}\d[A-Z\d]?\s+\d[A-Z]{2}\b|\bLV-\d{4}\b")
MOST_ADDRESS_PARTS = 9
MOST_ADDRESS_PART_WORDS = 5


def postal_address(text: str) -> bool:
    """Whether ``text`` is a postal address alone on its line, perhaps after the outlet's name
    or a label ("Голос Америки, 330 Independence Avenue SW, Washington, DC 20237, USA",
    «Адрес редакции: 101000, Москва, Мясницкая ул., д. 13»), as a letter's or a site's footer
    prints it: three parts or more parted by commas, each a name or a number of a few words,
    one of them a numbered street or a postcode, and no sentence ("Police found him at 330
    Independence Avenue, Washington." has a verb and a full stop)."""
    text = _LABEL.sub("", " ".join(text.split()))
    parts = [part.strip() for part in text.rstrip(".").split(",")]
    bare = re.sub(r"(?:^|(?<=\s))[^\W\d_]{1,4}\.", "", text.rstrip("."))  # "ул.", "д.", "St."
    if not 3 <= len(parts) <= MOST_ADDRESS_PARTS or _SENTENCE_END.search(bare) or any(
            not part or len(part.split()) > MOST_ADDRESS_PART_WORDS
            or not (part[:1].isupper() or part[:1].isdigit() or part[:1] in "«\""
                    or re.match(r"[^\W\d_]{1,4}\.", part))  # "г. Москва", "ул. Правды"
            for part in parts):
        return False
    street = any(_STREET.search(part) and _NUMBERED.search(part) or _NUMBERED.search(part)
                 and len(part.split()) >= 2 and _STREET.search(text) for part in parts)
    return street or sum(bool(_POSTCODE.search(part)) for part in parts) >= 1 and any(
        _NUMBERED.search(part) or _STREET.search(part) for part in parts)


SIDEBAR_TITLE_WORDS = 4
"""Words of a sidebar's title the sidebar reader does not know at most («Не пропустите»)."""


def sidebar_title(article: list[TextBlock], sidebar: list[layout.Line]
                  ) -> tuple[list[TextBlock], list[layout.Line], list[layout.Line]]:
    """``article`` and ``sidebar`` with what titles the sidebar moved from the one to the other:
    another sidebar right over it ("More from News" and its headlines over "Most Read" and
    its), and a title over it, or over another sidebar's headlines (two or more) over it, in
    words :data:`~builder.ingest.layout.SIDEBAR_TITLES` does not know («Не пропустите», "What
    to read next": a few words with a capital and no stop, right under the story's last
    sentence), which is returned apart, since it is no headline. A story ends with its
    sentence, so its last paragraph is never taken."""
    while sidebar and len(article) > 1:
        lines = layout.lines_of(article)
        title = next((i for i in range(len(lines) - 1, 0, -1)
                      if layout.SIDEBAR_TITLES.match(lines[i].text.strip())), None)
        if title is None or title == len(lines) - 1 or not all(
                layout.is_headline(line.text) for line in lines[title + 1:]):
            break
        article = layout.blocks_of(lines[:title], article[0].blanks_before)
        sidebar = [*lines[title:], *sidebar]
    if not sidebar or len(article) < 2:
        return article, sidebar, []
    lines = layout.lines_of(article)
    run = len(lines)  # another sidebar's headlines over this one, under a title no list knows
    while run > 2 and layout.is_headline(lines[run - 1].text.strip()):
        run -= 1
    if len(lines) - run == 1:
        run = len(lines)  # a title and one line: perhaps the story's last heading and line
    if run == len(lines) and layout.SIDEBAR_TITLES.match(sidebar[0].text):
        return article, sidebar, []  # titled already
    text = lines[run - 1].text.strip()
    if (len(text.split()) > SIDEBAR_TITLE_WORDS or ends_sentence(text) or not text[:1].isupper()
            or not ends_sentence(lines[run - 2].text)):
        return article, sidebar, []
    return (layout.blocks_of(lines[:run - 1], article[0].blanks_before),
            [*lines[run:], *sidebar], [lines[run - 1]])
