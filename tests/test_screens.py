"""Every page on every screen: no sideways scrolling, menus inside the screen, targets to tap.

In: the repository's sample site, built from its raw sources (the ``sample`` fixture of
tests/test_sample_site.py), and the site of 1,000 generated articles (the ``generated_site``
fixture of tests/conftest.py: paginated topics, full months, the longest titles), served on
127.0.0.1 and opened in Debian's Chromium. Out:

- at 320, 390, 768 and 1440 px, no page is wider than the screen
  (``document.documentElement.scrollWidth <= clientWidth``), in both languages;
- on the search page, each filter's menu opens inside the screen, every option in it, and the
  sort control stays inside too, at each of those widths and with a filter chosen;
- every link and control outside running text is at least 24x24 px on a laptop (WCAG 2.2's
  2.5.8, with no exception for spacing) and 44 px tall on a phone, as style.css's --target
  promises.

Why: an outside trial found the Russian search page 410 px wide on a 390-px phone (the sort
control), filter menus opening 48 px off the left edge ("VID-19"), and targets of 11x20 px.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.conftest import expect
from tests.page_kinds import (
    LANGUAGE_FREE,
    PAGE_KINDS,
    QUERIES,
    language_free_params,
    page_params,
)
from tests.test_sample_site import sample  # noqa: F401  (a fixture)

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

WIDTHS = (320, 390, 768, 1440)
GENERATED_PAGES = {
    "generated home": "/{lang}/",
    "generated topic page 2": "/{lang}/topics/covid-19/page/2/",
    "generated topic page 6": "/{lang}/topics/covid-19/page/6/",
    "generated year": "/{lang}/2020/",
    "generated month": "/{lang}/2020/04/",
    "generated longest title": "longest title",
}

SCREENS = {
    "laptop": ({"viewport": {"width": 1366, "height": 900}}, 24),
    "phone": ({"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
              44),
}
"""Each screen's browser context, and the height a target must have on it."""
TARGETS = "a[href], button, input, select, [role=option], [role=combobox]"
RUNNING_TEXT = ".article-body, .translation-note, .skip-link"
"""Where a link may be as small as its words: the editor's text, whose links stand in sentences
(WCAG's exception for inline targets), and the skip link, off the screen until it has focus."""


ALL_PAGES = [*page_params(PAGE_KINDS), *page_params(GENERATED_PAGES), *language_free_params()]


@pytest.fixture(scope="module")
def server(sample, serve_site: Callable[..., Any],  # noqa: F811
           netlify_headers: Callable[[str], dict[str, str]]) -> Any:
    return serve_site(sample[0] / "site", netlify_headers)


@pytest.fixture(scope="module")
def generated_server(generated_site: Path, serve_site: Callable[..., Any],
                     netlify_headers: Callable[[str], dict[str, str]]) -> Any:
    return serve_site(generated_site, netlify_headers)


def longest_title(site: Path, lang: str) -> str:
    """The URL of the article of ``lang`` with the longest headline in the generated site."""
    pages = (site / lang).glob("[0-9][0-9][0-9][0-9]/[0-9][0-9]/*/index.html")
    heading = re.compile(r"<h1[^>]*>(.*?)</h1>", re.DOTALL)
    titles = {page: heading.search(page.read_text(encoding="utf-8"))[1] for page in pages}
    page = max(sorted(titles), key=lambda page: len(titles[page]))
    return "/" + page.parent.relative_to(site).as_posix() + "/"


def open_kind(request: pytest.FixtureRequest, open_page: Callable[..., Any], kind: str,
              lang: str, url: str, **options: Any) -> Any:
    """A watched page showing ``url`` of the site ``kind`` is on, ready to be measured."""
    if kind.startswith("generated"):
        server = request.getfixturevalue("generated_server")
        if url == "longest title":
            url = longest_title(request.getfixturevalue("generated_site"), lang)
    else:
        server = request.getfixturevalue("server")
    locale = "de-DE" if kind in LANGUAGE_FREE else {"en": "en-US", "ru": "ru-RU"}[lang]
    reader = open_page(locale=locale, **options)
    reader.page.goto(server.url(url))
    expect(reader.page.locator("html")).to_have_attribute("lang", lang)
    if kind == "search":
        expect(reader.page.locator("pagefind-results .pf-result-link").first).to_be_visible()
        expect(reader.page.locator("pagefind-filter-dropdown [role=option]")).not_to_have_count(0)
    return reader


def widths(page: Page) -> dict[str, int]:
    return page.evaluate("({scrollWidth: document.documentElement.scrollWidth,"
                         " clientWidth: document.documentElement.clientWidth})")


@pytest.mark.parametrize(("kind", "lang", "url"), ALL_PAGES)
def test_no_page_scrolls_sideways_from_320_to_1440_pixels(request, open_page, kind: str,
                                                          lang: str, url: str):
    reader = open_kind(request, open_page, kind, lang, url, viewport={"width": WIDTHS[0],
                                                                       "height": 900})
    too_wide = {}
    for width in WIDTHS:
        reader.page.set_viewport_size({"width": width, "height": 900})
        measured = widths(reader.page)
        if measured["scrollWidth"] > measured["clientWidth"]:
            too_wide[width] = measured["scrollWidth"]

    assert not too_wide, f"{reader.page.url} is wider than the screen (width: scrollWidth): " \
                         f"{too_wide}"
    reader.assert_no_problems()


INSIDE = """element => {
  const box = element.getBoundingClientRect();
  return {left: box.left, right: box.right, width: box.width,
          screen: document.documentElement.clientWidth};
}"""


def outside(page: Page, selector: str) -> list[str]:
    """Each element of ``selector`` that reaches past either edge of the screen, described."""
    found = []
    for element in page.locator(selector).all():
        box = element.evaluate(INSIDE)
        if box["width"] and (box["left"] < 0 or box["right"] > box["screen"]):
            label = " ".join(element.inner_text().split())[:40]
            found.append(f"{selector} {label!r}: {box['left']:.0f} to {box['right']:.0f} px "
                         f"of {box['screen']}")
    return found


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_each_menu_of_the_search_page_opens_inside_the_screen(request, open_page, lang: str,
                                                              width: int):
    reader = open_kind(request, open_page, "search", lang,
                       PAGE_KINDS["search"].format(lang=lang, query=QUERIES[lang]),
                       viewport={"width": width, "height": 900}, has_touch=width < 768)
    page = reader.page
    problems = outside(page, ".search-sort select")
    for name in ("topic", "outlet", "year"):
        dropdown = page.locator(f"pagefind-filter-dropdown[filter={name}]")
        dropdown.locator(".pf-dropdown-trigger").click()
        expect(dropdown.locator("[role=option]").first).to_be_visible()
        problems += outside(page, f"pagefind-filter-dropdown[filter={name}] .pf-dropdown-menu")
        problems += outside(page, f"pagefind-filter-dropdown[filter={name}] [role=option]")
        if widths(page)["scrollWidth"] > width:
            problems.append(f"the {name} menu widens the page to {widths(page)['scrollWidth']}")
        page.keyboard.press("Escape")
        expect(dropdown.locator(".pf-dropdown-menu")).to_be_hidden()
    # A value chosen: the filter's button shows a count and its "Clear" button appears.
    topic = page.locator("pagefind-filter-dropdown[filter=topic]")
    topic.locator(".pf-dropdown-trigger").click()
    topic.locator("[role=option]").first.click()
    expect(topic.locator(".pf-dropdown-clear")).to_be_visible()
    page.keyboard.press("Escape")
    problems += outside(page, ".search-filters > *")
    if widths(page)["scrollWidth"] > width:
        problems.append(f"a chosen filter widens the page to {widths(page)['scrollWidth']}")

    assert not problems, f"on {page.url} at {width} px:\n" + "\n".join(problems)
    reader.assert_no_problems()


SIZES = f"""(selector) => {{
  const exempt = "{RUNNING_TEXT}";
  return [...document.querySelectorAll(selector)].filter(element => {{
    const box = element.getBoundingClientRect();
    return box.width && box.height && !element.closest(exempt)
      && getComputedStyle(element).visibility !== "hidden";
  }}).map(element => {{
    const box = element.getBoundingClientRect();
    const name = (element.textContent || element.getAttribute("aria-label") || "").trim();
    return {{target: `${{element.tagName.toLowerCase()}} ${{name.slice(0, 30)}}`,
             width: box.width, height: box.height}};
  }});
}}"""


@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize(("kind", "lang", "url"), ALL_PAGES)
def test_every_target_outside_running_text_is_big_enough_to_tap(request, open_page, kind: str,
                                                                lang: str, url: str,
                                                                screen: str):
    options, height = SCREENS[screen]
    reader = open_kind(request, open_page, kind, lang, url, **options)
    page = reader.page
    if kind == "search":  # the options of a filter's menu are targets too
        page.locator("pagefind-filter-dropdown[filter=topic] .pf-dropdown-trigger").click()
        expect(page.locator("pagefind-filter-dropdown[filter=topic] [role=option]").first) \
            .to_be_visible()

    small = [target for target in page.evaluate(SIZES, TARGETS)
             if target["width"] < 24 or target["height"] < height - 0.5]

    assert not small, f"on {page.url} ({screen}), smaller than 24x{height}:\n" + "\n".join(
        f"    {t['target']!r}: {t['width']:.0f}x{t['height']:.0f}" for t in small)
    reader.assert_no_problems()
