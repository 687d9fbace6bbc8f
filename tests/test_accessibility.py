"""Accessibility of the sample site, checked by axe-core in a real browser.

In: the repository's sample site, built from its raw sources (the ``sample`` fixture of
tests/test_sample_site.py), served on 127.0.0.1 with netlify.toml's headers; axe-core as pinned in
tools/axe/package-lock.json (``npm ci --prefix tools/axe``; ``python3 dev.py test`` does it).
Out: no violation of the WCAG 2.0/2.1 A and AA rules on each kind of page a reader meets (home,
the MFA briefing with its fragment aside, a topic, a month, the search page showing results), in
both languages, and in both colour schemes, since style.css has a dark palette of its own.

How axe gets into the page: the site's Content-Security-Policy (``script-src 'self'``) blocks
inline scripts, so ``add_script_tag(content=...)`` would be refused. Rather than turning the
policy off (``bypass_csp``), the test copies axe.min.js into the served folder and adds it by
URL, as a script of the site's own origin: the pages keep the policy they are served with, and
a CSP violation while axe runs is still caught like on every other browser test.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.conftest import REPO, expect
from tests.test_sample_site import MFA_EN, MFA_RU, sample  # noqa: F401  (a module fixture)

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

AXE = REPO / "tools" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
AXE_URL = "/__axe__/axe.min.js"
"""Where the test serves axe.min.js: a path of the site's origin, allowed by script-src 'self'."""
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

PAGES = {
    "home": "/{lang}/",
    "article": {"en": f"/{MFA_EN}/", "ru": f"/{MFA_RU}/"},
    "topic": "/{lang}/topics/csto/",
    "month": "/{lang}/2020/04/",
    "search": "/{lang}/search/?q={query}",
}
QUERIES = {"en": "Uzbekistan", "ru": "Узбекистан"}
"""A word of the briefing in each language, so the search page shows results when axe runs."""


@pytest.fixture(scope="module")
def axe_file() -> Path:
    """axe-core's browser bundle; skipped (failed with CI=true) when it is not installed."""
    if not AXE.is_file():
        reason = f"axe-core is not installed at {AXE.relative_to(REPO)} (npm ci --prefix tools/axe)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}; CI=true, so the accessibility tests must run", pytrace=False)
        pytest.skip(reason)
    return AXE


@pytest.fixture(scope="module")
def server(axe_file: Path, sample, serve_site: Callable[..., Any],  # noqa: F811
           netlify_headers: Callable[[str], dict[str, str]]) -> Any:
    site = sample[0] / "site"
    target = site / AXE_URL.lstrip("/")
    target.parent.mkdir(exist_ok=True)
    shutil.copy2(axe_file, target)
    return serve_site(site, netlify_headers)


def url_of(kind: str, lang: str) -> str:
    path = PAGES[kind]
    path = path[lang] if isinstance(path, dict) else path
    return path.format(lang=lang, query=QUERIES[lang])


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


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("kind", list(PAGES))
def test_the_page_has_no_wcag_a_or_aa_violations(server, open_page, kind: str, lang: str,
                                                 scheme: str):
    reader = open_page(locale="ru-RU" if lang == "ru" else "en-US", color_scheme=scheme)
    page = reader.page
    page.goto(server.url(url_of(kind, lang)))
    expect(page.locator("html")).to_have_attribute("lang", lang)
    if kind == "search":  # axe checks what a reader sees: results, their filters and summary
        expect(page.locator("pagefind-results .pf-result-link").first).to_be_visible()
        expect(page.locator("pagefind-summary")).not_to_be_empty()
    if kind == "article":
        fragment = "fragment-original" if lang == "en" else "fragment-native"
        expect(page.locator(f".{fragment}")).to_be_attached()

    violations = run_axe(page)

    assert not violations, f"axe found on {page.url}:\n{describe(violations)}"
    reader.assert_no_problems()
