"""What the search page says, in a real browser: counts in the plural form of their number, and
every name and announcement a screen reader gets in the page's language.

In: a small site (22 Russian items and 2 English ones, one topic on all, another on five),
built with Pagefind and served over HTTP on 127.0.0.1, searched in Debian's Chromium. Each
Russian query word is in a chosen number of items, so that the counts fall in every plural
category of Russian: 1 and 21 ("результат"), 2 and 22 ("результата"), 5 and 11
("результатов").

Out: the result count under the input and the announcement of it, the names of the filter
dropdowns, of their options and of their buttons, and the announcement of a choice, as Chromium
exposes them; on the Russian page none of them holds an English word.

Why a browser: Pagefind's Component UI writes all of these in the browser, and search.js puts
the catalogs' forms in their place there.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from builder.session import build
from tests.conftest import expect

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

pytestmark = pytest.mark.browser

RUSSIAN_ITEMS = 22
RUSSIAN_WORDS = {"соглашение": 22, "граница": 21, "пшеница": 11, "нефть": 5, "вакцина": 2,
                 "ураган": 1}
"""Query word -> how many of the Russian items (the first ones) hold it."""
CSTO_ITEMS = 5
"""The first Russian items are also on the CSTO topic (ОДКБ); every item is on COVID-19."""

RECORD_ANNOUNCEMENTS = """
window.spoken = [];
new MutationObserver((records) => {
  for (const record of records) {
    const target = record.target.nodeType === 1 ? record.target : record.target.parentElement;
    const region = target && target.closest("[aria-live]");
    if (region && region.textContent) window.spoken.push(region.textContent);
  }
}).observe(document, { subtree: true, childList: true, characterData: true });
"""
"""Keeps what Pagefind puts into its live regions, which it empties again a moment later."""


@pytest.fixture(scope="module")
def site(module_project: Any) -> Path:
    for number in range(1, RUSSIAN_ITEMS + 1):
        words = [word for word, items in RUSSIAN_WORDS.items() if number <= items]
        topics = ["covid-19", "csto"] if number <= CSTO_ITEMS else ["covid-19"]
        module_project.page(
            f"ru/2020/04/svodka-{number}.md", f"Сегодня обсуждали: {', '.join(words)}.",
            title=f"Сводка номер {number}", lang="ru", translation_key=f"svodka-{number}",
            date="2020-04-17", outlet="mfa", topics=topics, summary="Сводка дня.")
    for number, body in ((1, "Vaccine deliveries and an earthquake."), (2, "Vaccine supplies.")):
        module_project.page(
            f"en/2020/04/report-{number}.md", body, title=f"Report number {number}", lang="en",
            translation_key=f"report-{number}", date="2020-04-17", outlet="mfa",
            topics=["covid-19"], summary="The day's report.")
    report = build(module_project.config(search=True))
    assert report.published and report.search_indexed == RUSSIAN_ITEMS + 2, report.render_text()
    return module_project.root / "site"


@pytest.fixture(scope="module")
def server(site: Path, serve_site: Callable[..., Any]) -> Any:
    return serve_site(site)


def search_page(open_page: Callable[..., Any], server: Any, path: str) -> Any:
    """A watched page at ``path`` that keeps every announcement in ``window.spoken``."""
    reader = open_page()
    reader.page.add_init_script(RECORD_ANNOUNCEMENTS)
    reader.page.goto(server.url(path))
    return reader


def summary(page: Page) -> Locator:
    return page.locator("pagefind-summary")


def dropdown(page: Page, name: str) -> Locator:
    return page.locator(f'pagefind-filter-dropdown[filter="{name}"]')


def wait_until_announced(page: Page, message: str) -> None:
    page.wait_for_function("(message) => window.spoken.includes(message)", arg=message)


@pytest.mark.parametrize(("word", "count", "form"), [
    ("ураган", 1, "результат"),
    ("граница", 21, "результат"),
    ("вакцина", 2, "результата"),
    ("соглашение", 22, "результата"),
    ("нефть", 5, "результатов"),
    ("пшеница", 11, "результатов"),
], ids=["1-one", "21-one", "2-few", "22-few", "5-many", "11-many"])
def test_a_russian_count_takes_the_plural_form_of_its_number_on_screen_and_when_announced(
        server, open_page, word: str, count: int, form: str):
    reader = search_page(open_page, server, f"/ru/search/?q={word}")
    page = reader.page
    expected = f"{count} {form} по запросу: {word}"
    expect(summary(page)).to_have_text(expected)
    expect(page.locator("pagefind-results .pf-result")).to_have_count(count)
    wait_until_announced(page, expected)
    reader.assert_no_problems()


@pytest.mark.parametrize(("word", "expected", "option"), [
    ("earthquake", "1 result for earthquake", "COVID-19, 1 result"),
    ("vaccine", "2 results for vaccine", "COVID-19, 2 results"),
], ids=["one", "other"])
def test_an_english_count_says_1_result_and_2_results(
        server, open_page, word: str, expected: str, option: str):
    reader = search_page(open_page, server, f"/en/search/?q={word}")
    page = reader.page
    expect(summary(page)).to_have_text(expected)
    wait_until_announced(page, expected)
    topic = dropdown(page, "topic")
    topic.get_by_role("combobox", name="Topic").click()
    expect(topic.get_by_role("option", name=option, exact=True)).to_be_visible()
    reader.assert_no_problems()


def test_russian_filter_options_buttons_and_choices_are_named_in_russian_with_plural_forms(
        server, open_page):
    reader = search_page(open_page, server, "/ru/search/?q=соглашение")
    page = reader.page
    expect(summary(page)).to_have_text("22 результата по запросу: соглашение")
    topic = dropdown(page, "topic")
    topic.get_by_role("combobox", name="Тема", exact=True).click()
    expect(topic.get_by_role("option", name="COVID-19: 22 результата", exact=True)).to_be_visible()
    csto = topic.get_by_role("option", name="ОДКБ: 5 результатов", exact=True)
    expect(csto).to_be_visible()
    expect(topic.locator(".pf-dropdown-clear")).to_be_hidden()  # nothing chosen, nothing to clear

    csto.click()
    wait_until_announced(page, "Выбрано: ОДКБ")
    expect(summary(page)).to_have_text("5 результатов по запросу: соглашение")
    expect(topic.get_by_role("combobox", name="Тема: выбран 1 фильтр", exact=True)).to_be_visible()
    expect(topic.get_by_role("button", name="Сбросить фильтр «Тема»")).to_have_text("Сбросить")

    topic.get_by_role("option", name=re.compile("^ОДКБ: ")).click()
    wait_until_announced(page, "Выбор снят: ОДКБ")
    expect(summary(page)).to_have_text("22 результата по запросу: соглашение")
    expect(topic.get_by_role("combobox", name="Тема", exact=True)).to_be_visible()
    reader.assert_no_problems()


ALLOWED_LATIN = {"COVID", "English"}
"""Latin words the Russian page may say: a topic's name, and the link to the English page."""

HEARD = """() => {
  const texts = [...window.spoken];
  for (const element of document.querySelectorAll("[aria-label], [title], [placeholder]")) {
    texts.push(element.getAttribute("aria-label") || "", element.getAttribute("title") || "",
               element.getAttribute("placeholder") || "");
  }
  const hidden = "[aria-live], [role=alert], [data-pf-sr-hidden]";
  for (const element of document.querySelectorAll(hidden)) {
    texts.push(element.textContent);
  }
  return texts;
}"""
"""What assistive technology can read beyond the visible text: names, descriptions, hidden
texts and every announcement made so far."""


SNAPSHOT_LINE = re.compile(
    r'^\s*- [\w/]+(?: "(?P<name>(?:[^"\\]|\\.)*)")?(?: \[[^\]]*\])*:?\s*(?P<text>.*)$')
"""A line of Playwright's ARIA snapshot: ``- role "name" [state]: text`` (the role and the
states are the snapshot's own words, not the page's)."""


def english_words(page: Page) -> set[str]:
    """The Latin words of the names and texts of the page's accessibility tree (addresses left
    out) and of :data:`HEARD`, but for :data:`ALLOWED_LATIN`."""
    tree = []
    for line in page.locator("body").aria_snapshot().splitlines():
        match = SNAPSHOT_LINE.match(line)
        if match and "/url:" not in line:
            tree += [match["name"] or "", match["text"]]
    texts = tree + page.evaluate(HEARD)
    return {word for text in texts for word in re.findall(r"[A-Za-z]{2,}", text)} - ALLOWED_LATIN


def test_nothing_a_screen_reader_hears_on_the_russian_search_page_is_english(server, open_page):
    reader = search_page(open_page, server, "/ru/search/?q=нефть")
    page = reader.page
    wait_until_announced(page, "5 результатов по запросу: нефть")
    assert english_words(page) == set()
    for name in ("topic", "outlet", "year"):
        filter_ = dropdown(page, name)
        filter_.get_by_role("combobox").click()
        option = filter_.get_by_role("option").first
        expect(option).to_be_visible()
        assert english_words(page) == set(), name
        option.click()  # chosen, then no longer: both are announced
        expect(filter_.locator(".pf-dropdown-selected-badge")).to_be_visible()
        option.click()
        expect(filter_.locator(".pf-dropdown-selected-badge")).to_be_hidden()
        assert english_words(page) == set(), name
        page.keyboard.press("Escape")
    assert any(text.startswith("Выбор снят: ") for text in page.evaluate("window.spoken"))
    reader.assert_no_problems()
