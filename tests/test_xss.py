"""Hostile text in every place a source can put it never runs as script, in a real browser.

The pages are served without the Content-Security-Policy that Netlify adds, on purpose: the
policy would block an injected inline script and hide a failure to escape. Escaping must hold
by itself; the policy is a second wall (tests/test_browser.py checks the site satisfies it).
Every page of the built site is opened; a dialog (``alert``), an inline script, an event-handler
attribute or a ``javascript:`` / ``data:`` link anywhere fails the test, and the payloads must
be there as text, exactly as written.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from builder.session import build
from tests.conftest import expect

pytestmark = pytest.mark.browser

PAYLOADS = (
    "<script>alert('xss-title')</script>",
    '<img src=x onerror="alert(1)">',
    '"><svg onload=alert(1)>',
    "</title><script>alert(1)</script>",
    "</script><script>alert(1)</script>",  # out of the JSON-LD block, if it were not escaped
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "{{ 7*7 }} {% if true %}jinja{% endif %}",  # template syntax is text, never evaluated
    "\u202egnp.exe",  # a right-to-left override
)
BODY = "\n\n".join([
    "Opening paragraph about the ministers.",
    "<script>alert('xss-body')</script>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<a href="javascript:alert(1)" onclick="alert(1)">raw link</a>',
    "[markdown link](javascript:alert(1)) and [data link](data:text/html,<script>alert(1)</script>)",
    "![image](javascript:alert(1)) <javascript:alert(1)> [vb](vbscript:msgbox(1))",
    '<svg><script>alert(1)</script></svg> <math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "## <img src=x onerror=alert(1)> heading",
    *PAYLOADS,
])

FIND_HOSTILE = """() => {
  const found = [];
  for (const script of document.querySelectorAll("script")) {
    const type = script.getAttribute("type") || "";
    if (!script.src && !["application/ld+json", "text/pagefind-template", "module"].includes(type))
      found.push("inline script: " + script.outerHTML.slice(0, 80));
    if (type === "module" && !script.src) found.push("inline module script");
    if (script.src && new URL(script.src).origin !== location.origin)
      found.push("foreign script: " + script.src);
  }
  for (const element of document.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      if (attribute.name.startsWith("on")) found.push("handler: " + element.outerHTML.slice(0, 80));
      if (["href", "src", "action", "formaction", "xlink:href"].includes(attribute.name)
          && /^\\s*(javascript|data|vbscript):/i.test(attribute.value))
        found.push("link: " + element.outerHTML.slice(0, 80));
    }
  }
  for (const frame of document.querySelectorAll("iframe, object, embed")) found.push("frame");
  return found;
}"""


@pytest.fixture(scope="module")
def site(module_project: Any) -> Path:
    hostile = " ".join(PAYLOADS)
    module_project.page(
        "en/2020/04/hostile.md", BODY,
        title=f"Talks {PAYLOADS[0]} {PAYLOADS[1]}", lang="en", translation_key="hostile",
        date="2020-04-17", outlet="mfa", topics=["csto"], summary=f"Summary {hostile}",
        place=PAYLOADS[2], source_url="javascript:alert(1)",
        related=[{"title": PAYLOADS[3], "teaser": PAYLOADS[4]}],
        **{"custom-field": PAYLOADS[5]})
    module_project.page(  # a file name that is not a clean slug: published under a slug
        "en/2020/04/<script>alert(1)<script>.md", "Second item body.",
        title=PAYLOADS[7], lang="en", translation_key="second", date="2020-04-18",
        outlet="tass", topics=["csto"], summary=PAYLOADS[8])
    report = build(module_project.config(search=True))
    assert report.published and not report.errors, report.render_text()
    return module_project.root / "site"


def test_no_page_of_the_site_runs_or_carries_hostile_markup(site, serve_site, open_page):
    server = serve_site(site)  # no Content-Security-Policy: escaping alone must hold
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                   if not p.relative_to(site).as_posix().startswith("pagefind/"))
    assert "en/2020/04/hostile/index.html" in pages
    watched = open_page()
    dialogs: list[str] = []
    watched.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in pages:
        watched.page.goto(server.url("/" + path.removesuffix("index.html")))
        assert watched.page.evaluate(FIND_HOSTILE) == [], path
    assert dialogs == []


def test_the_payloads_are_shown_as_the_text_they_are(site, serve_site, open_page):
    server = serve_site(site)
    page = open_page().page
    page.goto(server.url("/en/2020/04/hostile/"))
    assert PAYLOADS[0] in page.title()
    text = page.locator("main").inner_text()
    for payload in (PAYLOADS[0], PAYLOADS[1], "<script>alert('xss-body')</script>", PAYLOADS[7]):
        assert payload in text
    [data] = [json.loads(block) for block in
              page.locator('script[type="application/ld+json"]').all_text_contents()]
    assert data["headline"] == f"Talks {PAYLOADS[0]} {PAYLOADS[1]}"
    assert "isBasedOn" not in data or not data["isBasedOn"].startswith("javascript:")


def test_searching_the_hostile_page_shows_its_words_as_text(site, serve_site, open_page):
    server = serve_site(site)
    watched = open_page()
    dialogs: list[str] = []
    watched.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    watched.page.goto(server.url("/en/search/?q=ministers"))
    result = watched.page.locator("pagefind-results a").first
    expect(result).to_contain_text("Talks")
    assert watched.page.evaluate(FIND_HOSTILE) == []
    assert dialogs == []
