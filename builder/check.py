"""A built site -> located diagnostics: what a reader or a crawler would trip over.

In: the folder ``digest build`` wrote (``site/`` by default). Out: :class:`CheckReport`, whose
diagnostics have the build's form (``site/en/x/index.html:12: error: … [broken-link]``).

Why a separate check of the output, when the build already validates its plan: the plan cannot
see what templates, Markdown and other tools (Pagefind, feeds added later) put into the files,
and CI wants one command that fails when the deployable folder is wrong, however it got so.

The folder is read once (:func:`read_site`: every HTML, XML and JSON file parsed into plain
data); every check after that is a pure function over that data (:func:`check_site`), so tests
can feed it anything and the order of files never changes the output. Nothing is fetched:
external links are only checked for being well-formed URLs.

Not checked, on purpose: Pagefind's bundle (``pagefind/``, another tool's output, absent from
``--no-search`` builds, so links into it are only checked when it is there) and the preview
server's own ``/__digest/`` URLs, which exist only while ``digest serve`` runs.
"""

from __future__ import annotations

import json
import posixpath
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from xml.parsers import expat

from builder.diagnostics import Diagnosed, Diagnostic, error, warning

SEARCH_BUNDLE = "pagefind/"
PREVIEW_PREFIX = "/__digest/"
SITEMAP = "sitemap.xml"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
URL_ATTRIBUTES = frozenset({"href", "src"})
TOP_OF_PAGE = frozenset({"", "top"})
"""Fragments every browser understands without an element of that id."""


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


@dataclass(frozen=True)
class CheckReport(Diagnosed):
    """The outcome of ``digest check``: for the terminal, tests and the exit code."""

    diagnostics: tuple[Diagnostic, ...]
    pages: int
    data_files: int
    files: int

    def exit_code(self, strict: bool = False) -> int:
        """0 when clean, 1 on errors (or on warnings too, with ``strict``), as ``digest build``."""
        return 1 if self.errors or (strict and self.warnings) else 0

    def render_text(self) -> str:
        lines = [str(d) for d in self.diagnostics]
        lines.append(f"checked {self.pages} pages, {self.data_files} feeds and sitemaps, "
                     f"{self.files} files: {len(self.errors)} errors, "
                     f"{len(self.warnings)} warnings")
        return "\n".join(lines)


# --- Reading: the only part that touches the disk ---------------------------------------------


def read_site(site_dir: Path, label: str) -> Site:
    """Read every HTML, XML and JSON file of ``site_dir`` once, outside Pagefind's bundle."""
    files, pages, data, unreadable = set(), {}, {}, []
    for file in sorted(site_dir.rglob("*")):
        if not file.is_file():
            continue
        rel = file.relative_to(site_dir).as_posix()
        files.add(rel)
        if rel.startswith(SEARCH_BUNDLE) or file.suffix not in {".html", ".htm", ".xml", ".json"}:
            continue
        raw = file.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            unreadable.append(error(f"{label}/{rel}", line, "encoding",
                                    f"not UTF-8 ({exc.reason} at byte {exc.start})"))
            text = raw.decode("utf-8", errors="replace")
        if file.suffix in {".html", ".htm"}:
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
                tuple(parser.images), tuple(parser.hreflang))


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


# --- Checks: pure functions of the Site -------------------------------------------------------


def check_site(site: Site, base_url: str, languages: Sequence[str]) -> CheckReport:
    """Every check over ``site``; diagnostics sorted by path and line."""
    base_url = base_url.rstrip("/")
    found = [*site.unreadable, *check_links(site, base_url), *check_images(site),
             *check_data_files(site, base_url), *check_hreflang(site, base_url),
             *check_titles(site), *check_structure(site, languages)]
    found.sort(key=lambda d: (d.path, d.line or 0, d.code, d.message))  # None and int mix
    return CheckReport(tuple(found), len(site.pages), len(site.data), len(site.files))


def check_links(site: Site, base_url: str) -> list[Diagnostic]:
    """Internal links resolve to a file, fragments to an id in it; external URLs are well-formed."""
    found = []
    for page in site.pages.values():
        for ref in page.references:
            if ref.tag == "img":
                continue  # check_images reports images, with their own code
            problem = _link_problem(site, page, ref.url, base_url)
            if problem:
                code, message = problem
                found.append(error(site.display(page.path), ref.line, code, message))
    return found


def check_images(site: Site) -> list[Diagnostic]:
    """Every ``<img>`` has a ``src`` that exists and an ``alt`` (empty for decoration)."""
    found = []
    for page in site.pages.values():
        where = site.display(page.path)
        for image in page.images:
            if not image.has_alt:
                found.append(error(where, image.line, "img-alt",
                                   f"image {image.src or ''} has no alt attribute"))
            if not image.src:
                found.append(error(where, image.line, "broken-image", "image has no src"))
                continue
            target = resolve(image.src, page.url, "")
            if target is not None and not _exists(site, target):
                found.append(error(where, image.line, "broken-image",
                                   f"image {image.src} has no file"))
    return found


def check_data_files(site: Site, base_url: str) -> list[Diagnostic]:
    """Feeds and the sitemap parse; every URL the sitemap lists is a page of this site."""
    found = []
    for data in site.data.values():
        where = site.display(data.path)
        if data.problem:
            line, message = data.problem
            code = "sitemap-syntax" if data.path == SITEMAP else "feed-syntax"
            found.append(error(where, line, code, message))
        for url, line in data.locations:
            target = _on_site(url, base_url)
            if target is None:
                found.append(error(where, line, "sitemap-url",
                                   f"{url} is not under the site's base_url {base_url}"))
            elif _page_file(site, target) is None:
                found.append(error(where, line, "sitemap-url", f"{url} is not a page of the site"))
    if SITEMAP not in site.data:
        found.append(error(site.display(SITEMAP), None, "sitemap-missing", "no sitemap.xml"))
    return found


def check_hreflang(site: Site, base_url: str) -> list[Diagnostic]:
    """Each hreflang version names this page back, and its ``<html lang>`` is the one claimed.

    Search engines ignore hreflang links that are not returned. Only pages that list themselves
    among their versions belong to a set of versions; the language choice at ``/`` names the
    language homes without being one of them, so it is not held to reciprocity (its links are
    still checked as links). A version that does not exist is a broken link, reported once, there.
    """
    found = []
    for page in site.pages.values():
        where = site.display(page.path)
        targets = [(link, _hreflang_target(site, page, link.href, base_url))
                   for link in page.hreflang]
        in_set = any(target == page.path for _, target in targets)
        for link, target in targets:
            if target is None:
                if resolve(link.href, page.url, base_url) is None:
                    found.append(error(where, link.line, "hreflang-base-url",
                                       f'hreflang="{link.hreflang}" names {link.href}, which is '
                                       f"not under the site's base_url {base_url}"))
                continue
            other = site.pages[target]
            if link.hreflang.lower() != "x-default" and not _same_language(other.lang,
                                                                            link.hreflang):
                found.append(error(where, link.line, "hreflang-lang",
                                   f'hreflang="{link.hreflang}" names {other.url}, whose '
                                   f"<html lang> is {other.lang or 'missing'}"))
            if in_set and target != page.path and not any(
                    _hreflang_target(site, other, back.href, base_url) == page.path
                    for back in other.hreflang):
                found.append(error(where, link.line, "hreflang-reciprocity",
                                   f'hreflang="{link.hreflang}" names {other.url}, which does '
                                   f"not name {page.url} back"))
    return found


def check_titles(site: Site) -> list[Diagnostic]:
    """Two pages of one language with one ``<title>`` look like one page in results and tabs."""
    by_title: dict[tuple[str | None, str], list[Page]] = defaultdict(list)
    for page in site.pages.values():
        if page.title:
            by_title[(page.lang, page.title)].append(page)
    found = []
    for (_, title), pages in by_title.items():
        first, *others = sorted(pages, key=lambda p: p.path)
        found.extend(warning(site.display(page.path), page.title_line, "duplicate-title",
                             f'title "{title}" is also the title of {site.display(first.path)}')
                     for page in others)
    return found


def check_structure(site: Site, languages: Sequence[str]) -> list[Diagnostic]:
    """Every page declares its language; every language page has exactly one ``<h1>``.

    The pages outside the language folders (``/``, ``404.html``) speak every language at once,
    a heading in each, so the one-heading rule is for the pages of one language.
    """
    folders = tuple(f"{lang}/" for lang in languages)
    found = []
    for page in site.pages.values():
        where = site.display(page.path)
        if not page.lang:
            found.append(warning(where, page.html_line, "missing-lang", "no <html lang>"))
        if not page.path.startswith(folders):
            continue
        if not page.h1_lines:
            found.append(warning(where, None, "h1-count", "no <h1>"))
        elif len(page.h1_lines) > 1:
            lines = ", ".join(str(line) for line in page.h1_lines)
            found.append(warning(where, page.h1_lines[1], "h1-count",
                                 f"{len(page.h1_lines)} <h1> elements (lines {lines})"))
    return found


# --- URL helpers ------------------------------------------------------------------------------


def page_url(path: str) -> str:
    """``en/x/index.html`` -> ``/en/x/``; ``404.html`` -> ``/404.html``."""
    if path == "index.html":
        return "/"
    if path.endswith("/index.html"):
        return "/" + path[: -len("index.html")]
    return "/" + path


def resolve(url: str, base: str, base_url: str) -> str | None:
    """The site path a URL names (``/en/x/`` from ``../x/``), or None when it is not internal.

    URLs on the site's own ``base_url`` are internal too (canonical and hreflang links), so a
    canonical link to a missing page is caught without any network access.
    """
    if base_url and (url == base_url or url.startswith(base_url + "/")):
        url = url[len(base_url):] or "/"
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    joined = urlsplit(urljoin(base, url)).path or base
    normal = posixpath.normpath(unquote(joined))
    return normal + "/" if joined.endswith("/") and normal != "/" else normal


def _link_problem(site: Site, page: Page, url: str, base_url: str) -> tuple[str, str] | None:
    """(code, message) of what is wrong with one link, or None."""
    if not url or url.startswith(PREVIEW_PREFIX):
        return None
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        return "malformed-url", f"link to {url} is not a well-formed URL ({exc})"
    scheme = parts.scheme.lower()
    if scheme or url.startswith("//"):
        internal = bool(base_url) and (url == base_url or url.startswith(base_url + "/"))
        if not internal:
            return _external_problem(url, scheme, parts.netloc, parts.path)
    target = resolve(url, page.url, base_url)
    if target is None:
        return None
    if target.startswith("/" + SEARCH_BUNDLE) and not any(
            f.startswith(SEARCH_BUNDLE) for f in site.files):
        return None  # built with --no-search: the bundle is absent by design
    shown = url if url.startswith(("/", "#")) else f"{url} ({target})"
    if not _exists(site, target):
        return "broken-link", f"link to {shown} has no page"
    fragment = unquote(parts.fragment)
    if fragment in TOP_OF_PAGE or fragment.startswith(":~:"):
        return None
    file = _page_file(site, target)
    if file is None:
        return None  # an anchor into a stylesheet or image names no element we can check
    if fragment not in site.pages[file].ids:
        owner = "this page" if file == page.path else site.pages[file].url
        return "broken-anchor", f'link to {shown}: {owner} has no id "{fragment}"'
    return None


def _external_problem(url: str, scheme: str, netloc: str, path: str) -> tuple[str, str] | None:
    """External URLs are not fetched, only checked to be URLs a browser can follow."""
    host = netloc.rpartition("@")[2]
    if scheme in {"http", "https", ""} and (not host or host.startswith(":") or " " in url):
        return "malformed-url", f"link to {url} is not a well-formed URL"
    if scheme == "mailto" and "@" not in path:
        return "malformed-url", f"link to {url} has no e-mail address"
    if scheme == "tel" and not any(char.isdigit() for char in path):
        return "malformed-url", f"link to {url} has no telephone number"
    return None


def _exists(site: Site, target: str) -> bool:
    """A site path names a file, or a folder with an index (``/x`` is served as ``/x/``)."""
    rel = target.lstrip("/")
    if rel == "" or target.endswith("/"):
        return rel + "index.html" in site.files
    return rel in site.files or f"{rel}/index.html" in site.files


def _page_file(site: Site, target: str) -> str | None:
    rel = target.lstrip("/")
    for candidate in (rel + "index.html",) if rel == "" or target.endswith("/") else (
            rel, f"{rel}/index.html"):
        if candidate in site.pages:
            return candidate
    return None


def _on_site(url: str, base_url: str) -> str | None:
    if url == base_url or url.startswith(base_url + "/"):
        return url[len(base_url):] or "/"
    return None


def _hreflang_target(site: Site, page: Page, href: str, base_url: str) -> str | None:
    target = resolve(href, page.url, base_url)
    return _page_file(site, target) if target is not None else None


def _same_language(lang: str | None, hreflang: str) -> bool:
    """``en`` matches ``<html lang="en">`` and ``lang="en-GB"``; case does not matter."""
    if not lang:
        return False
    lang, hreflang = lang.lower(), hreflang.lower()
    return lang == hreflang or lang.startswith(hreflang + "-") or hreflang.startswith(lang + "-")


# --- The command ------------------------------------------------------------------------------


def check(site_dir: Path, label: str, base_url: str, languages: Iterable[str]) -> CheckReport:
    """``digest check``: read the folder, then run every check over what was read."""
    return check_site(read_site(site_dir, label), base_url, tuple(languages))
