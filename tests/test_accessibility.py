"""Accessibility of every kind of page, checked by axe-core in a real browser.

In: the repository's sample site, built from its raw sources (the ``sample`` fixture of
tests/test_sample_site.py), and, for a topic long enough to have a second page, the site of
1,000 generated articles (the ``generated_site`` fixture of tests/conftest.py), each served on
127.0.0.1 with netlify.toml's headers; axe-core as pinned in tools/axe/package-lock.json (``npm
ci --prefix tools/axe``; ``python3 dev.py test`` does it). Out: no violation of the WCAG 2.2 A
and AA rules (target size included) on each kind of page a reader meets: home, an article (the
MFA briefing with its fragment aside, and an item in one language only), the topics, a topic,
its page 2 and a topic's month, a year, a month, the search page showing results (and with a
filter menu open), the 404 pages and the choice of language at "/"; in both languages, in both
colour schemes (style.css has a dark palette of its own), on a laptop (1366x900) and on a phone
(390x844, touch).

How axe gets into the page: the site's Content-Security-Policy (``script-src 'self'``) blocks
inline scripts, so ``add_script_tag(content=...)`` would be refused. Rather than turning the
policy off (``bypass_csp``), the test copies axe.min.js into the served folder and adds it by
URL, as a script of the site's own origin: the pages keep the policy they are served with, and
a CSP violation while axe runs is still caught like on every other browser test.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.conftest import REPO, expect, unavailable
from tests.page_kinds import LANGUAGE_FREE, PAGE_KINDS, language_free_params, page_params
from tests.test_sample_site import sample  # noqa: F401  (a fixture)

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

AXE = REPO / "tools" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
AXE_URL = "/__axe__/axe.min.js"
"""Where the test serves axe.min.js: a path of the site's origin, allowed by script-src 'self'."""
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
"""Every WCAG 2.2 A and AA rule axe has (2.2 adds one at AA: target-size, 2.5.8)."""

SCREENS = {
    "laptop": {"viewport": {"width": 1366, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
"""Browser context options of each screen the pages are checked on."""

PAGES = {**PAGE_KINDS, "topic": "/{lang}/topics/csto/",
         "topic page 2": "/{lang}/topics/covid-19/page/2/",
         "search menu": PAGE_KINDS["search"]}
"""Each kind of language page (tests/page_kinds.py), the search page again with a filter menu
open, and a second page of a topic list."""
GENERATED = {"topic page 2"}
"""Kinds of page the sample is too small to have: checked on the generated site."""


def _pages() -> list[Any]:
    return [*page_params(PAGES), *language_free_params()]


@pytest.fixture(scope="module")
def axe_file() -> Path:
    """axe-core's browser bundle; skipped (failed with CI=true) when it is not installed."""
    if not AXE.is_file():
        unavailable(f"axe-core is not installed at {AXE.relative_to(REPO)} (npm ci --prefix "
                    "tools/axe)", "accessibility")
    return AXE


def _serve_with_axe(site: Path, axe_file: Path, serve_site: Callable[..., Any],
                    netlify_headers: Callable[[str], dict[str, str]]) -> Any:
    target = site / AXE_URL.lstrip("/")
    target.parent.mkdir(exist_ok=True)
    shutil.copy2(axe_file, target)
    return serve_site(site, netlify_headers)


@pytest.fixture(scope="module")
def server(axe_file: Path, sample, serve_site: Callable[..., Any],  # noqa: F811
           netlify_headers: Callable[[str], dict[str, str]]) -> Any:
    return _serve_with_axe(sample[0] / "site", axe_file, serve_site, netlify_headers)


@pytest.fixture(scope="module")
def generated_server(axe_file: Path, generated_site: Path, serve_site: Callable[..., Any],
                     netlify_headers: Callable[[str], dict[str, str]]) -> Any:
    """The generated site (axe's file added in its own folder, which no page links to)."""
    return _serve_with_axe(generated_site, axe_file, serve_site, netlify_headers)


def run_axe(page: Page) -> list[dict[str, Any]]:
    """axe's violations of the WCAG A/AA rules on the page as it is now (no rule or element is
    left out: Pagefind's nameless filter buttons are named by search.js)."""
    page.add_script_tag(url=AXE_URL)
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}}
    return page.evaluate("options => axe.run(document, options)", options)["violations"]


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.extend(f"    {node['target']}: {node.get('failureSummary', '').splitlines()[-1:]}"
                     for node in violation["nodes"])
    return "\n".join(lines)


@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("kind", "lang", "url"), _pages())
def test_the_page_has_no_wcag_2_2_a_or_aa_violations(request, open_page, kind: str, lang: str,
                                                     url: str, scheme: str, screen: str):
    server = request.getfixturevalue("generated_server" if kind in GENERATED else "server")
    locale = {"en": "en-US", "ru": "ru-RU"}[lang] if kind not in LANGUAGE_FREE else "de-DE"
    reader = open_page(locale=locale, color_scheme=scheme, **SCREENS[screen])
    page = reader.page
    page.goto(server.url(url))
    expect(page.locator("html")).to_have_attribute("lang", lang)
    if kind.startswith("search"):  # axe checks what a reader sees: results, filters and summary
        expect(page.locator("pagefind-results .pf-result-link").first).to_be_visible()
        expect(page.locator("pagefind-summary")).not_to_be_empty()
    if kind == "search menu":  # and a filter's menu of options, open
        page.locator("pagefind-filter-dropdown[filter=topic] .pf-dropdown-trigger").click()
        expect(page.locator("pagefind-filter-dropdown[filter=topic] [role=option]").first) \
            .to_be_visible()
    if kind == "article":
        fragment = "fragment-original" if lang == "en" else "fragment-native"
        expect(page.locator(f".{fragment}")).to_be_attached()

    violations = run_axe(page)

    assert not violations, f"axe found on {page.url}:\n{describe(violations)}"
    reader.assert_no_problems()
