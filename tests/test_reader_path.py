"""A reader's path through the sample site, in a real browser, starting in either language.

In: the repository's sample site, built from its raw sources (the ``sample`` fixture of
tests/test_sample_site.py), served on 127.0.0.1 with netlify.toml's headers. Out: a reader who
goes home -> a topic -> an article -> the article's other language -> that language's search ->
a query -> a topic filter -> a result lands where each step promises (URL, ``<html lang>``,
``<h1>``), with no console error, CSP violation or failed request on the way; and a keyboard
user's first Tab stop is the skip link, which takes them to the main content.
Screenshots of every page are saved by ``open_page`` when a test fails.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest

from tests.conftest import expect
from tests.test_sample_site import MFA_EN, MFA_RU, sample  # noqa: F401  (a module fixture)

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser

MFA_TITLE = {
    "en": "Extract from the briefing by Foreign Ministry Spokesperson Maria Zakharova, "
          "April 17, 2020",
    "ru": "Выдержка из брифинга официального представителя МИД России М.В.Захаровой, "
          "17 апреля 2020 года",
}
MFA_PATH = {"en": MFA_EN, "ru": MFA_RU}


@dataclass(frozen=True)
class Words:
    """What one language's pages call the things a reader clicks on."""

    native: str  # the language's name on the language switch
    uzbekistan: str  # a topic of the briefing (and of the TASS article)
    csto: str  # a topic of the briefing only
    search: str  # the header's link and the search page's h1
    query: str  # a word of the briefing


WORDS = {
    "en": Words("English", "Uzbekistan", "CSTO", "Search", "Uzbekistan"),
    "ru": Words("Русский", "Узбекистан", "ОДКБ", "Поиск", "Узбекистан"),
}


@pytest.fixture(scope="module")
def server(sample, serve_site, netlify_headers):  # noqa: F811
    return serve_site(sample[0] / "site", netlify_headers)


def expect_page(page: Page, url: str | re.Pattern[str], lang: str, h1: str) -> None:
    expect(page).to_have_url(url)
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.get_by_role("heading", level=1)).to_have_text(h1)


@pytest.mark.parametrize(("start", "other"), [("en", "ru"), ("ru", "en")])
def test_a_reader_goes_from_home_to_a_topic_an_article_its_translation_and_a_filtered_search(
        server, open_page, start: str, other: str):
    here, there = WORDS[start], WORDS[other]
    reader = open_page(locale="ru-RU" if start == "ru" else "en-US")
    page = reader.page

    page.goto(server.url(f"/{start}/"))
    expect(page.locator("html")).to_have_attribute("lang", start)

    topics = page.locator("section[aria-labelledby=topics-heading]")
    topics.get_by_role("link", name=here.uzbekistan, exact=True).click()
    expect_page(page, server.url(f"/{start}/topics/uzbekistan/"), start, here.uzbekistan)

    page.get_by_role("link", name=MFA_TITLE[start], exact=True).click()  # to its Uzbek section
    expect_page(page, re.compile(re.escape(server.url(f"/{MFA_PATH[start]}/")) + "#.+"), start,
                MFA_TITLE[start])

    page.locator(".language-switch").get_by_role("link", name=there.native).click()
    expect_page(page, server.url(f"/{MFA_PATH[other]}/"), other, MFA_TITLE[other])

    page.locator(".site-nav").get_by_role("link", name=there.search).click()
    expect_page(page, server.url(f"/{other}/search/"), other, there.search)

    field = page.locator("pagefind-input input")
    field.click()
    field.press_sequentially(there.query, delay=20)
    results = page.locator("pagefind-results")
    expect(results.get_by_role("link", name=MFA_TITLE[other])).to_be_visible()
    expect(page).to_have_url(re.compile(r"/search/\?q=.+"))

    topic = page.locator('pagefind-filter-dropdown[filter="topic"]')
    topic.get_by_role("combobox").click()
    topic.get_by_role("option", name=re.compile(f"^{there.csto}")).click()  # the briefing's only
    page.keyboard.press("Escape")  # close the dropdown, as a reader would before reading on
    expect(results.get_by_role("link")).to_have_count(1)
    expect(topic.get_by_role("option", name=re.compile(f"^{there.csto}"))) \
        .to_have_attribute("aria-selected", "true")

    results.get_by_role("link", name=MFA_TITLE[other]).click()
    expect_page(page, server.url(f"/{MFA_PATH[other]}/"), other, MFA_TITLE[other])
    reader.assert_no_problems()


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("path", ["/{lang}/", "/{lang}/topics/csto/"])
def test_the_first_tab_stop_is_the_skip_link_which_takes_focus_to_the_main_content(
        server, open_page, lang: str, path: str):
    reader = open_page(locale="ru-RU" if lang == "ru" else "en-US")
    page = reader.page
    page.goto(server.url(path.format(lang=lang)))

    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_class("skip-link")
    expect(skip).to_have_attribute("href", "#main")
    expect(skip).to_be_in_viewport()  # shown when focused, hidden off-screen otherwise

    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#main$"))
    # <main tabindex="-1"> takes the focus itself, so screen readers announce the content and
    # the reader's next Tab lands in it, past the header's links.
    focused = "document.activeElement.closest('main') ? 'main' : document.activeElement.tagName"
    assert page.evaluate("document.activeElement.id") == "main", "focus did not move to <main>"
    page.keyboard.press("Tab")
    assert page.evaluate(focused) == "main", "the Tab after the skip link did not land in <main>"
    reader.assert_no_problems()
