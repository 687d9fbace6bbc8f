"""A saved web page (HTML) -> its main text, laid out as ingest's plain-text sources are.

    HTML text --to_text--> HtmlText(text, meta, dropped) --outlet adapter--> Draft

Editors save pages from the outlets' sites ("Webpage, HTML only"). HTML is a *format*, not an
outlet: it is turned into plain text first, and the outlet adapters (mfa, tass, generic) then
read that text exactly as they read a pasted one. So the text follows their layout: the
headline on the first line and a blank line; then every paragraph or list item as one line,
blocks separated by one blank line; a section heading on its own line with two blank lines
after it (how :func:`~builder.ingest.draft.body_blocks` tells headings apart). It is plain text
with entities decoded: nothing is escaped here, that happens when the page is written.

Finding the main text (and leaving out scripts, menus, share buttons, cookie banners, sidebars
and footers) is trafilatura's job, on the string given: nothing is ever fetched. What the
page's metadata says (title, canonical URL, publication time, ``<html lang>``; read by
:mod:`~builder.ingest.page_meta`) comes back in ``meta`` with the sidecar's keys and types, for ingest to use under the editor's sidecar; what
was left out is summed up in ``dropped`` for the report. A reader app's copy of an article
(Feedly, Inoreader: no ``<h1>``, the app's name for a title) is headed by a link to the
original, classed as a title: its headline, address and the date line under it are the
article's, and the app's name is no site name.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

from lxml import etree
from lxml import html as lxml_html

from builder.ingest import telegram
from builder.ingest.dates import date_line
from builder.ingest.page_meta import language, publication, web_url

_HTML_START = re.compile(r"(?:\s|<!--.*?-->|<\?xml[^>]*\?>)*<(?:!doctype\s+html|html)[\s>]",
                         re.IGNORECASE | re.DOTALL)
_PRUNE = (
    "//template", "//noscript", "//*[@hidden]", "//*[@aria-hidden='true']",
    "//*[contains(translate(@style, ' ', ''), 'display:none')]",
    "//*[contains(@class, 'cookie') or contains(@id, 'cookie') or contains(@class, 'consent')]",
)
"""Never text, whatever the extractor thinks: inert templates, hidden parts, cookie banners."""

_FURNITURE = (
    ("cookie banner", re.compile(r"cookie|consent", re.IGNORECASE)),
    ("share buttons", re.compile(r"share|social", re.IGNORECASE)),
    ("breadcrumbs", re.compile(r"breadcrumb", re.IGNORECASE)),
    ("language switch", re.compile(r"lang(?:uage)?[-_]?(?:switch|select|choice)", re.IGNORECASE)),
    ("related links", re.compile(r"related|read[-_]?more|latest|more[-_]news", re.IGNORECASE)),
    ("sidebar", re.compile(r"sidebar", re.IGNORECASE)),
    ("menu", re.compile(r"menu", re.IGNORECASE)),
)
"""Furniture told by its class or id, for the report; checked before the landmark tags."""
_LANDMARKS = {"nav": "navigation", "header": "page header", "footer": "footer", "aside": "sidebar",
              "form": "form", "iframe": "embedded frame"}
_ROLES = {"navigation": "navigation", "banner": "page header", "contentinfo": "footer",
          "complementary": "sidebar"}


@dataclass(frozen=True)
class HtmlText:
    """What a saved page holds, as ingest's plain-text sources and sidecars hold it."""

    text: str
    """The main text in the plain-text layout (see the module docstring); "" when none."""
    meta: Mapping[str, Any] = field(default_factory=dict)
    """Facts from the page's metadata, with the sidecar's keys and types: ``title`` (str),
    ``published`` (datetime, tz-aware when the page gives an offset), ``url`` (canonical or
    og:url, http(s) only), ``lang`` (en or ru). Unknown facts are absent. There is never a
    ``date``: a page states when it was published, not the news date (see :func:`_publication`).
    """
    dropped: tuple[str, ...] = ()
    """Short descriptions of what was left out ("2 scripts", "sidebar (12 links)")."""
    site_name: str = ""
    """The name the page gives its site (``og:site_name``, or the like), to tell its outlet and
    to take off its titles."""
    related: tuple[str, ...] = ()
    """Headlines the page's sidebars and "related" blocks link to, in page order: kept as the
    article's ``related``, as a pasted page's sidebar is."""
    published_day: dt.date | None = None
    """The day the page says it was published, where it gives no time (``<time datetime=…>``)."""


def is_html(text: str) -> bool:
    """Whether ``text`` is a web page: after a BOM, white space and comments it opens with
    ``<!doctype html`` or ``<html`` (for pages saved without an .html suffix)."""
    return _HTML_START.match(text.lstrip("\ufeff")) is not None


def to_text(html: str) -> HtmlText:
    """The main text, metadata and left-out furniture of the page ``html``; never raises on
    broken markup (a page without text gives empty text)."""
    tree = _parse(html)
    if tree is None:
        return HtmlText("")
    published, day = publication(tree)
    if (post := telegram.from_page(tree)) is not None:
        return HtmlText(post[0], _known({"published": published, "url": web_url(post[1]),
                                         "lang": language(tree)}), published_day=day)
    import trafilatura  # a tenth of a second to import: only when a saved page is ingested

    document = trafilatura.bare_extraction(
        tree, with_metadata=True, include_comments=False, include_tables=True,
        include_images=False, include_links=False, include_formatting=False,
        prune_xpath=list(_PRUNE), date_extraction_params={"extensive_search": False})
    blocks = list(_blocks(document.body, document.body.find("lb") is not None)
                  ) if document is not None else []
    title = " ".join((document.title or "").split()) if document is not None else ""
    linked = _linked_headline(tree)  # a reader app's page: its <title> is the app's
    headline, blocks = _headline(_text(linked) if linked is not None else title, blocks)
    lede = _shown_lede(tree, document.description if document else None, blocks)
    shown_date = _shown_date(tree, blocks, linked)
    text = _layout(headline, [*((("paragraph", shown_date),) if shown_date else ()),
                              *((("paragraph", lede),) if lede else ()), *blocks])
    url = linked.get("href") if linked is not None else document.url if document else None
    meta = {"title": headline, "published": published, "url": web_url(url),
            "lang": language(tree)}
    dropped = _dropped(tree, text)
    related = _related_headlines(tree, text)
    site_name = " ".join((document.sitename or "").split()) if document is not None and (
        linked is None) else ""
    site_name = site_name or _site_name_around(  # the name the <title> adds to the headline
        headline, " ".join(" ".join(tree.xpath("//head/title//text()")).split()))
    return HtmlText(text, _known(meta), dropped, site_name, related, day)


def _known(meta: dict[str, Any]) -> Mapping[str, Any]:
    """The facts of ``meta`` the page gives (unknown ones are absent, never empty)."""
    return MappingProxyType({key: value for key, value in meta.items() if value})


def _parse(html: str) -> lxml_html.HtmlElement | None:
    """The page's tree, or None when there is no document at all."""
    data = html.lstrip("\ufeff").encode("utf-8", "replace")
    if not data.strip():
        return None
    try:  # bytes with a fixed encoding: a <meta charset> or <?xml encoding?> cannot mislead it
        return lxml_html.document_fromstring(data, parser=lxml_html.HTMLParser(encoding="utf-8"))
    except (etree.LxmlError, ValueError):
        return None


# --- the main text ----------------------------------------------------------------------------

Kind = Literal["heading", "paragraph"]
_LEAF_BLOCKS = frozenset({"head", "p", "code", "row"})
_CONTAINERS = frozenset({"list", "item", "quote", "table", "div", "body"})
_TITLE_SEPARATORS = "-|–—:·•/»"
_BREAK = "\ue000"  # a line break in the text _inline collects, whose new lines are spaces


def _blocks(element: etree._Element, own: bool = False) -> Iterator[tuple[Kind, str]]:
    """Headings and paragraphs of trafilatura's XML body, in order (a list item or a row is one,
    or a row's cells are containers), after the ``own`` text of a container, or of a letter."""
    if own:
        yield "paragraph", _inline(element)
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "head":
            yield "heading", _inline(child)
        elif tag == "row" and _lays_out(child):
            yield from (block for cell in child for block in _blocks(cell, own=True))
        elif tag == "row":
            yield "paragraph", " | ".join(filter(None, (_inline(cell, True) for cell in child)))
        elif tag in _LEAF_BLOCKS:
            yield "paragraph", _inline(child)
        elif tag in _CONTAINERS:
            yield from _blocks(child, own=True)


def _lays_out(row: etree._Element) -> bool:
    """Whether a row lays a letter or a page out, not data: one cell of text holding blocks, or
    any cell holding paragraphs (an old site's story beside its column of links)."""
    filled = [cell for cell in row if "".join(cell.itertext()).strip()]
    blocks = [sum(c.tag in _LEAF_BLOCKS | _CONTAINERS for c in cell) for cell in filled]
    return len(filled) == 1 and blocks[0] > 0 or any(count > 1 for count in blocks)


def _inline(element: etree._Element, with_blocks: bool = False, nested: bool = False) -> str:
    """The text of ``element``, white space collapsed, without its nested blocks (or, in a
    table cell, with them, a piece of a row's line). A line break stays one, for the reader of
    text to tell a letter's paragraphs ("…<br><br>…"); ``nested``: its breaks kept marked."""
    parts = [element.text or ""]
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "lb":
            parts.append(" " if with_blocks else _BREAK)
        elif tag and (with_blocks or (tag not in _LEAF_BLOCKS and tag not in _CONTAINERS)):
            inner = _inline(child, with_blocks, nested=True)
            parts.append(f" {inner} " if with_blocks else inner)
        parts.append(child.tail or "")
    if nested:
        return "".join(parts)
    lines = (" ".join(line.split()) for line in "".join(parts).split(_BREAK))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _headline(title: str, blocks: list[tuple[Kind, str]]) -> tuple[str, list[tuple[Kind, str]]]:
    """The headline and the body without it: the metadata title, and a heading opening the body
    that repeats it left out; or that heading, when it is the title without the site's name
    ("Headline - TASS"), the better headline."""
    blocks = [(kind, text) for kind, text in blocks if text]
    if blocks and blocks[0][0] == "heading":
        opening = blocks[0][1]
        if not title or _same(opening, title) or _site_name_around(opening, title):
            return opening, blocks[1:]
    return title, blocks


def _site_name_around(headline: str, title: str) -> str:
    """The site's name ``title`` prints before or after ``headline`` and a separator ("" when
    it is not so: "Headline - TASS", "… | The Independent Barents Observer")."""
    folded, rest = title.casefold(), ""
    if headline and folded.startswith(headline.casefold()):
        rest = title[len(headline):].lstrip()
    elif headline and folded.endswith(headline.casefold()):
        rest = title[:-len(headline)].rstrip()[::-1]
    if not rest or rest[0] not in _TITLE_SEPARATORS:
        return ""
    name = rest.lstrip(_TITLE_SEPARATORS + " ")
    return name if title.startswith(headline) else name[::-1]


def _shown_lede(tree: lxml_html.HtmlElement, description: str | None,
                blocks: list[tuple[Kind, str]]) -> str:
    """The page's description when the page shows it (a lede above the text, as TASS has)
    and the main text does not have it; extractors often leave a lede out with the headline."""
    lede = " ".join((description or "").split())
    if not lede or any(_same(lede, text) for _, text in blocks):
        return ""
    for element in tree.xpath("//body//*[not(ancestor-or-self::nav or ancestor-or-self::aside "
                              "or ancestor-or-self::footer or ancestor-or-self::script)]"):
        if " ".join(element.text_content().split()) == lede:
            return lede
    return ""


_CLASS = "translate(@class, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
_LABEL = "substring(translate(normalize-space(.), 'DATPUBLISHEDДА', 'datpublishedда'), 1, 4)"
_DATE_ELEMENTS = (f"//body//*[(self::time or @itemprop='datePublished' or contains({_CLASS}, "
                  f"'date') or contains({_CLASS}, 'time') or contains({_CLASS}, 'publish') or "
                  f"contains({_CLASS}, 'created') or (self::li or self::dd or self::p) and ("
                  f"{_LABEL}='date' or {_LABEL}='дата' or {_LABEL}='publ')) and not(ancestor::nav"
                  " or ancestor::aside or ancestor::footer or "
                  "ancestor::header[not(ancestor::article)])]")
"""Elements that show the page's date: a ``<time>``, ``itemprop="datePublished"``, a class naming
a date, a time or its making ("post-date", "Timestamp", a print view's "print-created"), an item
labelled so ("<li>Date 25.07.2020</li>")."""
_UNDER_HEADLINE = ("following::*[not(*) and normalize-space()][position() <= 40][not("
                   "ancestor::nav or ancestor::aside or ancestor::footer)]")
"""The first elements with text of their own under the headline (``<h1>``, or the link a reader
app heads its copy with), where a page prints its date line whatever its class (``<span
class="text-size-5">24.07.2020 19:41</span>``)."""
_LINKED_HEADLINE = (f"//body//a[starts-with(@href, 'http') and (contains({_CLASS}, 'title') or "
                    f"parent::*[contains({_CLASS}, 'title')])][not(ancestor::nav or "
                    f"ancestor::aside or ancestor::footer or ancestor::li)]")
"""A link classed as a title, or in an element so classed, to a page on the web: how reader
apps and aggregators (Feedly, Inoreader) head the copy of an article they show, linking to the
original, when the page has no ``<h1>``."""
LINKED_HEADLINE_WORDS = (3, 40)
"""Words of a linked headline, fewest and most: fewer are a menu's link, more a teaser."""
PARAGRAPH_CHARACTERS = 80
"""Characters of a paragraph of the article at least, which no linked headline stands under."""
LONGEST_SHOWN_DATE = 60
"""Characters of a date line a page prints ("June 16, 2021, 17:00"); a longer one is text."""


def _linked_headline(tree: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    """The link heading a reader app's copy of an article (:data:`_LINKED_HEADLINE`), if the
    page has no ``<h1>``: over the article's paragraphs (under them, it is another story's)."""
    if tree.xpath("//body//h1"):
        return None
    fewest, most = LINKED_HEADLINE_WORDS
    first = next((link for link in tree.xpath(_LINKED_HEADLINE)
                  if fewest <= len(_text(link).split()) <= most), None)
    if first is None or first.xpath(
            f"preceding::p[string-length(normalize-space()) > {PARAGRAPH_CHARACTERS}]"):
        return None
    return first


def _text(element: lxml_html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def _shown_date(tree: lxml_html.HtmlElement, blocks: list[tuple[Kind, str]],
                headline: lxml_html.HtmlElement | None) -> str:
    """The date line the page shows its readers (``<time>June 16, 2021</time>``, ``<span
    class="post-date">26.07.2020</span>``) when the main text leaves it out, as extractors do:
    put under the headline, it is read as a pasted page's date line is, the news date. Else the
    first date line alone in an element under the headline (``<h1>``, or ``headline``)."""
    under = headline.xpath(_UNDER_HEADLINE) if headline is not None else tree.xpath(
        f"//h1/{_UNDER_HEADLINE}")
    for elements in (tree.xpath(_DATE_ELEMENTS), under):
        for element in elements:
            text = _text(element)
            if (text and len(text) <= LONGEST_SHOWN_DATE and date_line(text) is not None
                    and not any(text in block for _, block in blocks)):
                return text
    return ""


def _layout(headline: str, blocks: list[tuple[Kind, str]]) -> str:
    """The plain-text layout: one blank line after a paragraph, two after a heading."""
    parts = [f"{headline}\n\n"] if headline else []
    parts += [text + ("\n\n\n" if kind == "heading" else "\n\n") for kind, text in blocks]
    text = "".join(parts).rstrip()
    return text + "\n" if text else ""


# --- what was left out, for the report --------------------------------------------------------

def _dropped(tree: lxml_html.HtmlElement, text: str) -> tuple[str, ...]:
    """Scripts, styles and furniture (by class, id, role or tag) whose text is not in ``text``."""
    found: Counter[str] = Counter()
    links: Counter[str] = Counter()
    body = tree.find("body")
    for element, label in _furniture(body, " ".join(text.split())) if body is not None else ():
        found[label] += 1
        links[label] += len(element.xpath(".//a"))
    scripts = len(tree.xpath("//script[not(@type='application/ld+json')]"))
    styles = len(tree.xpath("//style | //link[@rel='stylesheet']"))
    described = [f"{n} script{'s' * (n != 1)}" for n in [scripts] if n]
    described += [f"{n} style sheet{'s' * (n != 1)}" for n in [styles] if n]
    for label, count in found.items():
        many = f"{count} × " if count > 1 else ""
        n = links[label]
        described.append(f"{many}{label}" + (f" ({n} link{'s' * (n != 1)})" if n else ""))
    return tuple(described)


_HEADLINE_BLOCKS = frozenset({"sidebar", "related links"})
HEADLINE_WORDS = 3
"""The fewest words a link's text has to be a headline ("Politics", "More" are menus)."""


def _related_headlines(tree: lxml_html.HtmlElement, text: str) -> tuple[str, ...]:
    """The texts of the links in the page's sidebars and "related" blocks that read as
    headlines, each once, in page order."""
    body = tree.find("body")
    found: dict[str, None] = {}
    for element, label in _furniture(body, " ".join(text.split())) if body is not None else ():
        if label not in _HEADLINE_BLOCKS:
            continue
        for link in element.xpath(".//a"):
            headline = " ".join(link.text_content().split())
            if len(headline.split()) >= HEADLINE_WORDS and len(headline) <= 250:
                found.setdefault(headline)
    return tuple(found)


def _furniture(body: etree._Element, kept: str) -> Iterator[tuple[etree._Element, str]]:
    """The outermost furniture elements under ``body`` whose text is mostly not in ``kept``,
    each with what it is; an element mostly kept is part of the article, and is looked into."""
    stack = list(reversed(body))  # depth first, in page order
    while stack:
        element = stack.pop()
        label = _furniture_label(element)
        if label and not _mostly_kept(element, kept):
            yield element, label
        else:
            stack.extend(reversed(element))


def _mostly_kept(element: etree._Element, kept: str) -> bool:
    pieces = [piece for piece in (" ".join(p.split()) for p in element.itertext()) if piece]
    return bool(pieces) and sum(piece in kept for piece in pieces) * 2 >= len(pieces)


def _furniture_label(element: etree._Element) -> str | None:
    if not isinstance(element.tag, str) or element.tag in ("article", "main", "body"):
        return None
    names = f"{element.get('class') or ''} {element.get('id') or ''}"
    for label, pattern in _FURNITURE:
        if pattern.search(names):
            return label
    return _ROLES.get(element.get("role") or "") or _LANDMARKS.get(element.tag)
