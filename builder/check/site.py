"""A built site -> plain data: every HTML, XML and JSON file parsed once, with line numbers.

The only part of ``digest check`` that touches the disk; every check after it is a pure function
over this data (:mod:`builder.check.rules`), so tests can feed it anything and the order of files
never changes the output. Pagefind's bundle is not read (another tool's output).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from xml.parsers import expat

from builder.diagnostics import Diagnostic, error
from builder.util.files import walk
from builder.write.paths import SEARCH_FOLDER

SEARCH_BUNDLE = f"{SEARCH_FOLDER}/"
SITEMAP = "sitemap.xml"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
URL_ATTRIBUTES = frozenset({"href", "src"})


@dataclass(frozen=True)
class Reference:
    """One URL named by an ``href`` or ``src`` attribute, where it was written."""

    url: str
    line: int
    tag: str
    attribute: str


@dataclass(frozen=True)
class Image:
    src: str | None
    line: int
    has_alt: bool


@dataclass(frozen=True)
class HreflangLink:
    """``<link rel="alternate" hreflang=… href=…>``: the page says ``href`` is its version."""

    hreflang: str
    href: str
    line: int


@dataclass(frozen=True)
class Page:
    """What the checks need of one HTML file; built once by :func:`parse_page`."""

    path: str
    """Site-relative POSIX path (``en/2020/04/x/index.html``)."""
    lang: str | None
    html_line: int | None
    title: str | None
    title_line: int | None
    h1_lines: tuple[int, ...]
    ids: frozenset[str]
    references: tuple[Reference, ...]
    images: tuple[Image, ...]
    hreflang: tuple[HreflangLink, ...]
    noindex: bool = False
    """``<meta name="robots" content="noindex">``: kept out of search engines' results (a
    not-found page, an alias that leads on to a page)."""

    @property
    def url(self) -> str:
        return page_url(self.path)


@dataclass(frozen=True)
class DataFile:
    """An XML or JSON file (sitemap, feeds): whether it parsed, and the URLs a sitemap lists."""

    path: str
    problem: tuple[int | None, str] | None
    """(line, message) of the parse error, or None when the file parsed."""
    locations: tuple[tuple[str, int], ...] = ()
    """(URL, line) of every ``<loc>`` and ``xhtml:link href`` when this is a sitemap."""


@dataclass(frozen=True)
class Site:
    """A built site as data: every file's path, every page and data file parsed."""

    label: str
    """How diagnostics name the folder (``site``), so paths read ``site/en/…/index.html``."""
    files: frozenset[str]
    pages: Mapping[str, Page]
    data: Mapping[str, DataFile]
    unreadable: tuple[Diagnostic, ...] = ()
    """Files that could not be decoded as UTF-8 (reported, then checked as far as they go)."""

    def display(self, path: str) -> str:
        return f"{self.label}/{path}" if self.label else path


def read_site(site_dir: Path, label: str) -> Site:
    """Read every HTML, XML and JSON file of ``site_dir`` once, outside Pagefind's bundle."""
    files, pages, data, unreadable = set(), {}, {}, []
    for rel, entry in walk(site_dir, noise=True):
        if not entry.is_file(follow_symlinks=False):  # a link (a build writes none) is not read
            continue
        files.add(rel)
        suffix = Path(entry.name).suffix
        if rel.startswith(SEARCH_BUNDLE) or suffix not in {".html", ".htm", ".xml", ".json"}:
            continue
        raw = Path(entry.path).read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            unreadable.append(error(f"{label}/{rel}", line, "encoding",
                                    f"not UTF-8 ({exc.reason} at byte {exc.start})"))
            text = raw.decode("utf-8", errors="replace")
        if suffix in {".html", ".htm"}:
            pages[rel] = parse_page(rel, text)
        else:
            data[rel] = parse_data(rel, text)
    return Site(label, frozenset(files), pages, data, tuple(unreadable))


def parse_page(path: str, text: str) -> Page:
    parser = _PageParser()
    parser.feed(text)
    parser.close()
    title = " ".join("".join(parser.title_text).split()) if parser.title_line else None
    return Page(path, parser.lang, parser.html_line, title, parser.title_line,
                tuple(parser.h1_lines), frozenset(parser.ids), tuple(parser.references),
                tuple(parser.images), tuple(parser.hreflang), parser.noindex)


class _PageParser(HTMLParser):
    """Collects, with line numbers, what :class:`Page` holds; state lives in the instance."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang: str | None = None
        self.html_line: int | None = None
        self.title_line: int | None = None
        self.title_text: list[str] = []
        self.in_title = False
        self.h1_lines: list[int] = []
        self.ids: set[str] = set()
        self.references: list[Reference] = []
        self.images: list[Image] = []
        self.hreflang: list[HreflangLink] = []
        self.noindex = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        values = {name: value or "" for name, value in attrs}
        if tag == "html" and self.html_line is None:
            self.html_line, self.lang = line, values.get("lang") or None
        elif tag == "title" and self.title_line is None:
            self.title_line, self.in_title = line, True
        elif tag == "h1":
            self.h1_lines.append(line)
        elif tag == "img":
            self.images.append(Image(values.get("src"), line, "alt" in values))
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        rel = values.get("rel", "").lower().split()
        if tag == "link" and "alternate" in rel and "hreflang" in values:
            self.hreflang.append(HreflangLink(values["hreflang"], values.get("href", ""), line))
        for attribute in URL_ATTRIBUTES & values.keys():
            self.references.append(Reference(values[attribute].strip(), line, tag, attribute))
        if tag == "meta":
            self._meta(values, line)

    def _meta(self, values: dict[str, str], line: int) -> None:
        """A robots ``noindex``, and the address a refresh leads to (an alias's page), which
        is a link like any other."""
        if values.get("name", "").lower() == "robots":
            self.noindex |= "noindex" in values.get("content", "").lower().replace(",", " ").split()
        if values.get("http-equiv", "").lower() == "refresh":
            found = re.search(r"url\s*=\s*['\"]?([^'\"]*)", values.get("content", ""), re.I)
            if found:
                self.references.append(Reference(found.group(1).strip(), line, "meta",
                                                 "content"))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_text.append(data)


def parse_data(path: str, text: str) -> DataFile:
    """Parse an XML file (with expat, the parser under xml.etree, for line numbers) or JSON."""
    if path.endswith(".json"):
        try:
            json.loads(text)
        except json.JSONDecodeError as exc:
            return DataFile(path, (exc.lineno, f"not valid JSON: {exc.msg}"))
        except RecursionError:  # a feed a build never writes: nested past Python's stack
            return DataFile(path, (1, "not JSON a reader can use: nested too deeply"))
        return DataFile(path, None)
    parser = expat.ParserCreate(namespace_separator=" ")
    locations: list[tuple[str, int]] = []
    loc_text: list[str] | None = None

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal loc_text
        if name == f"{SITEMAP_NS} loc":
            loc_text = []
        elif name == f"{XHTML_NS} link" and "href" in attrs:
            locations.append((attrs["href"].strip(), parser.CurrentLineNumber))

    def end(name: str) -> None:
        nonlocal loc_text
        if name == f"{SITEMAP_NS} loc" and loc_text is not None:
            locations.append(("".join(loc_text).strip(), parser.CurrentLineNumber))
            loc_text = None

    def characters(data: str) -> None:
        if loc_text is not None:
            loc_text.append(data)

    parser.StartElementHandler, parser.EndElementHandler = start, end
    parser.CharacterDataHandler = characters
    try:
        parser.Parse(text.encode("utf-8"), True)
    except expat.ExpatError as exc:
        return DataFile(path, (exc.lineno, f"not well-formed XML: {expat.ErrorString(exc.code)}"))
    return DataFile(path, None, tuple(locations) if path == SITEMAP else ())



def page_url(path: str) -> str:
    """``en/x/index.html`` -> ``/en/x/``; ``404.html`` -> ``/404.html``."""
    if path == "index.html":
        return "/"
    if path.endswith("/index.html"):
        return "/" + path[: -len("index.html")]
    return "/" + path
