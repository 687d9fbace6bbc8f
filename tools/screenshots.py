"""Screenshots of every kind of page of a built site: both languages, phone and laptop, light and
dark, with one HTML sheet that shows them side by side.

    .venv/bin/python tools/screenshots.py                      # site/ -> screenshots/
    .venv/bin/python tools/screenshots.py --site DIR --out DIR --full-page

In: a folder a digest build wrote (``site/`` by default). The script finds one page of each kind
in it by its address (the home, topics, a topic and its second page, a topic's month, a year, a
month, an article with a translation and one without, the search page with a word of that
article's title, the 404 page, the language choice), preferring the fullest list of each kind, so
the shots show what a reader of a year-old project sees. It serves the folder on 127.0.0.1 (no
other network) and opens each page in Debian's Chromium through Playwright (``--chromium`` names
another binary).

Out, in ``--out`` (``screenshots/`` by default; the folder is replaced): one PNG per page, screen
and colour scheme, named ``<kind>-<lang>-<screen>-<scheme>.png``, and ``index.html``, one row per
kind with all its shots, so a reviewer sees the whole site in a minute. Shots show the first
screen (what a reader sees before scrolling) unless ``--full-page``.

Why: a change a reader sees is resolved only after someone has looked at every kind of page on a
phone and a laptop, in both languages and both schemes; this makes that look one command.
"""

from __future__ import annotations

import argparse
import html
import http.server
import re
import shutil
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
SCREENS = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
              "device_scale_factor": 2},
    "laptop": {"viewport": {"width": 1366, "height": 900}},
}
SCHEMES = ("light", "dark")

LANG = r"(?P<lang>[a-z]{2,3}(?:-[A-Za-z0-9]+)?)"
SLUG = r"[^/]+"
KINDS: dict[str, str] = {
    "home": rf"{LANG}/",
    "topics": rf"{LANG}/topics/",
    "topic": rf"{LANG}/topics/{SLUG}/",
    "topic page 2": rf"{LANG}/topics/{SLUG}/page/2/",
    "topic month": rf"{LANG}/topics/{SLUG}/\d{{4}}/\d{{2}}/",
    "year": rf"{LANG}/\d{{4}}/",
    "month": rf"{LANG}/\d{{4}}/\d{{2}}/",
    "article": rf"{LANG}/\d{{4}}/\d{{2}}/(?!page/){SLUG}/",
    "search": rf"{LANG}/search/",
    "not found": rf"{LANG}/404.html",
}
"""Each kind of language page, by its address under the site's root (``search`` is opened with
a query; ``article`` is split into translated and one-language by its ``hreflang`` links)."""
LANGUAGE_FREE = {"language choice": "", "not found, any language": "404.html"}
FULLEST = {"topic", "topic month", "year", "month"}
"""Kinds whose fullest page (the largest file) is shown; the others show their first page."""
ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([^"]+)"')
TITLE = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)


@dataclass(frozen=True)
class Shot:
    kind: str
    lang: str
    path: str
    """The address to open, from the site's root, without the leading slash."""


def page_address(site: Path, page: Path) -> str:
    relative = page.relative_to(site).as_posix()
    return relative.removesuffix("index.html")


def find_pages(site: Path) -> list[Shot]:
    """One page of each kind in each language, in the order of ``KINDS``."""
    found: dict[tuple[str, str], list[Path]] = {}
    for page in sorted(site.rglob("*.html")):
        address = page_address(site, page)
        for kind, pattern in KINDS.items():
            match = re.fullmatch(pattern, address)
            if match:
                if kind == "article":
                    kind = article_kind(page.read_text("utf-8"))
                found.setdefault((kind, match["lang"]), []).append(page)
                break
    shots = []
    languages = sorted({lang for _, lang in found})
    for kind in [*KINDS, "article in one language"]:
        for lang in languages:
            pages = found.get((kind, lang))
            if not pages:
                continue
            page = max(pages, key=lambda p: p.stat().st_size) if kind in FULLEST else pages[0]
            shots.append(Shot(kind, lang, page_address(site, page)))
    language_free = [Shot(kind, "", path) for kind, path in LANGUAGE_FREE.items()
                     if (site / (path or "index.html")).is_file()]
    return with_search_query(site, shots) + language_free


def article_kind(text: str) -> str:
    """A translated article names two or more languages in its ``hreflang`` links (x-default
    aside); one in one language names only its own."""
    languages = {lang for lang in ALTERNATE.findall(text) if lang != "x-default"}
    return "article" if len(languages) > 1 else "article in one language"


def with_search_query(site: Path, shots: list[Shot]) -> list[Shot]:
    """The search page opened with the longest word of the shown article's headline in the same
    language, so it shows results and filters."""
    articles = {s.lang: s.path for s in shots if s.kind.startswith("article")}
    result = []
    for shot in shots:
        if shot.kind == "search" and shot.lang in articles:
            text = (site / articles[shot.lang] / "index.html").read_text("utf-8")
            title = TITLE.search(text)
            words = re.findall(r"\w{4,}", html.unescape(title[1]) if title else "")
            if words:
                shot = Shot(shot.kind, shot.lang, f"{shot.path}?q={max(words, key=len)}")
        result.append(shot)
    return result


@contextmanager
def serving(site: Path) -> Iterator[str]:
    """The site on 127.0.0.1 at a free port, quietly, for as long as the block runs."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def file_name(shot: Shot, screen: str, scheme: str) -> str:
    kind = re.sub(r"[^a-z0-9]+", "-", shot.kind).strip("-")
    return "-".join(part for part in (kind, shot.lang, screen, scheme) if part) + ".png"


def take(browser: Browser, root: str, out: Path, shots: list[Shot], full_page: bool) -> list[str]:
    """Every shot on every screen in every scheme, from the site served at ``root``; the files
    written, in order."""
    written = []
    for screen, options in SCREENS.items():
        for scheme in SCHEMES:
            context = browser.new_context(**options, color_scheme=scheme)
            page = context.new_page()
            for shot in shots:
                page.goto(root + shot.path, wait_until="networkidle")
                if shot.kind == "search":
                    page.wait_for_selector(".pf-result, .search-results p", timeout=10_000)
                name = file_name(shot, screen, scheme)
                page.screenshot(path=str(out / name), full_page=full_page)
                written.append(name)
            context.close()
    return written


def contact_sheet(shots: list[Shot]) -> str:
    """One row per kind and language: the phone shots, then the laptop shots, light and dark."""
    rows = []
    for shot in shots:
        cells = "".join(
            f'<figure><a href="{name}"><img src="{name}" alt="" loading="lazy"></a>'
            f"<figcaption>{screen}, {scheme}</figcaption></figure>"
            for screen in SCREENS for scheme in SCHEMES
            for name in [html.escape(file_name(shot, screen, scheme))])
        label = html.escape(f"{shot.kind} · {shot.lang}" if shot.lang else shot.kind)
        rows.append(f'<section><h2>{label} <code>/{html.escape(shot.path)}</code></h2>'
                    f'<div class="row">{cells}</div></section>')
    return ("<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Screenshots</title>"
            "<style>body{font-family:system-ui;margin:1rem}"
            ".row{display:flex;gap:1rem;align-items:flex-start;overflow-x:auto}"
            "figure{margin:0}img{height:420px;border:1px solid #ccc}"
            "h2{font-size:1rem;margin:1.5rem 0 .5rem}</style>" + "".join(rows) + "</html>\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=Path("site"),
                        help="a built site (default site/)")
    parser.add_argument("--out", type=Path, default=Path("screenshots"),
                        help="where the shots go (default screenshots/; replaced)")
    parser.add_argument("--chromium", default=CHROMIUM, help=f"the browser (default {CHROMIUM})")
    parser.add_argument("--full-page", action="store_true",
                        help="whole pages, not the first screen")
    args = parser.parse_args(argv)
    if not (args.site / ".digest-site").is_file():
        print(f"{args.site}: not a site a digest build wrote (build one with `digest build`)",
              file=sys.stderr)
        return 2
    if not Path(args.chromium).is_file():
        print(f"{args.chromium}: no such browser (apt-get install chromium, or --chromium PATH)",
              file=sys.stderr)
        return 2
    if args.out.exists() and not (args.out / "index.html").is_file() and any(args.out.iterdir()):
        print(f"{args.out}: a folder this script did not write; give an empty or new one",
              file=sys.stderr)
        return 2
    shutil.rmtree(args.out, ignore_errors=True)
    args.out.mkdir(parents=True)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("Playwright is not installed (python3 dev.py test installs it, or "
              "pip install -e '.[test]')", file=sys.stderr)
        return 2
    shots = find_pages(args.site)

    with serving(args.site) as root, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
        try:
            written = take(browser, root, args.out, shots, args.full_page)
        finally:
            browser.close()
    (args.out / "index.html").write_text(contact_sheet(shots), "utf-8")
    print(f"{len(written)} screenshots of {len(shots)} pages in {args.out}/ "
          f"(open {args.out / 'index.html'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
