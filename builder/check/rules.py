"""Checks: pure functions from a read site (:mod:`builder.check.site`) to located diagnostics.

Each check is one kind of thing a reader or a crawler would trip over: links and anchors,
images, feeds and the sitemap, hreflang links, titles, headings. Nothing is fetched: external
links are only checked for being well-formed URLs. Links into Pagefind's bundle are checked
only when it is there (``--no-search`` builds have none), and the preview server's own
``/__digest/`` URLs, which exist only while ``digest serve`` runs, not at all.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Sequence
from urllib.parse import unquote, urljoin, urlsplit

from builder.check.site import SEARCH_BUNDLE, SITEMAP, Page, Site
from builder.diagnostics import Diagnostic, error, warning

PREVIEW_PREFIX = "/__digest/"
TOP_OF_PAGE = frozenset({"", "top"})
"""Fragments every browser understands without an element of that id."""


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
    """Two pages of one language with one ``<title>`` look like one page in results and tabs.

    Pages kept out of results (``noindex``) are left out: the two aliases of one page lead on to
    it, and are named after it."""
    by_title: dict[tuple[str | None, str], list[Page]] = defaultdict(list)
    for page in site.pages.values():
        if page.title and not page.noindex:
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
