"""The search pages in a real browser: Debian's Chromium, driven by Playwright.

In: one small bilingual site, built with Pagefind and served over HTTP on 127.0.0.1 with the
headers netlify.toml gives each path (its Content-Security-Policy above all). Out: what a reader
sees when typing into /en/search/ and /ru/search/, with JavaScript and without (a Russian
passage of an English article found from the Russian page, a query carried to the other
language's page), and proof that nothing goes wrong on the way: no console error, no CSP
violation, no failed request.

Filters (topic, outlet, year) are chosen in Pagefind's filter dropdowns and narrow the results;
each result shows the article's date and outlet from its metadata.

Why a browser: Pagefind searches in the browser only (WebAssembly, in a worker), with the
language of the page's ``<html lang>``; a broken policy or bundle shows nowhere but here.
One browser and one site serve the whole module; each test gets a fresh browser context.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from builder.build import build
from tests.conftest import expect


if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

pytestmark = pytest.mark.browser

Headers = Callable[[str], dict[str, str]]
HOTLINE = "mfa-repatriation-hotline"
"""A Russian fragment of this repository's catalogs: "…инфекции… – круглосуточно"."""


@pytest.fixture(scope="module")
def site(module_project: Any) -> Path:
    front = {"date": "2020-04-17", "outlet": "mfa", "topics": ["csto"]}
    module_project.page(
        "en/2020/04/talks.md",
        "Foreign ministers of Russia and Uzbekistan discussed cooperation.",
        title="Talks with Uzbekistan", lang="en", translation_key="talks",
        summary="Ministers met.", **front)
    module_project.page(
        "en/2020/04/vaccines.md", "Deliveries of vaccines continued.",
        title="Vaccine deliveries", lang="en", translation_key="vaccines",
        summary="Deliveries went on.", **front)
    module_project.page(  # shares "vaccines" with the item above: a topic filter tells them apart
        "en/2021/05/masks.md", "Shipments of masks and vaccines arrived.",
        title="Masks and vaccines", lang="en", translation_key="masks", date="2021-05-03",
        outlet="tass", topics=["covid-19"], summary="Shipments arrived.")
    module_project.page(
        "ru/2020/04/peregovory.md", "Министр посетил Узбекистан.",
        title="Визит министра", lang="ru", translation_key="talks",
        summary="Министр в Ташкенте.", **front)
    module_project.page(
        "ru/2020/04/most.md", "Стороны ещё раз обсудили мост в Йошкар-Оле.",
        title="Новый мост", lang="ru", translation_key="most",
        summary="Обсуждение моста.", **front)
    module_project.page(  # a Russian passage in an English article, with no Russian version
        "en/2020/04/briefing.md",
        "The spokesperson answered questions.\n\n"
        f'{{{{< fragment id="{HOTLINE}" lang="ru" >}}}}',
        title="Briefing by the spokesperson", lang="en", translation_key="briefing",
        summary="Questions answered.", **front)
    report = build(module_project.config(search=True))
    assert report.published and report.search_indexed == 6, report.render_text()
    return module_project.root / "site"


@pytest.fixture(scope="module")
def server(site: Path, serve_site: Callable[..., Any], netlify_headers: Headers) -> Any:
    """The site as Netlify would serve it: every response with netlify.toml's headers."""
    return serve_site(site, netlify_headers)


def search_input(page: Page) -> Locator:
    return page.locator("pagefind-input input")


def results(page: Page) -> Locator:
    return page.locator("pagefind-results")


def test_typing_on_the_english_search_page_lists_the_article_and_its_link_opens_it(
        server, open_page, netlify_headers: Headers):
    reader = open_page(locale="en-US")
    page = reader.page
    response = page.goto(server.url("/en/search/"))
    assert response.headers["content-security-policy"] == \
        netlify_headers("/en/search/")["Content-Security-Policy"]

    search_input(page).click()
    search_input(page).press_sequentially("Uzbekistan", delay=20)

    link = results(page).get_by_role("link", name="Talks with Uzbekistan")
    expect(link).to_have_attribute("href", "/en/2020/04/talks/")
    expect(results(page).locator("mark").first).to_have_text(re.compile("Uzbekistan"))
    expect(results(page)).to_contain_text("discussed cooperation")  # the excerpt
    expect(results(page).get_by_role("link")).to_have_count(1)  # not the Russian version
    expect(page.locator("pagefind-summary")).to_contain_text("1 result")
    expect(page).to_have_url(re.compile(r"/en/search/\?q=Uzbekistan$"))

    link.click()
    expect(page).to_have_url(server.url("/en/2020/04/talks/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Talks with Uzbekistan")
    reader.assert_no_problems()


def test_the_russian_search_page_finds_another_case_of_a_word_and_speaks_russian(
        server, open_page):
    reader = open_page(locale="ru-RU")
    page = reader.page
    page.goto(server.url("/ru/search/"))

    search_input(page).click()
    search_input(page).press_sequentially("Узбекистану", delay=20)  # the page says "Узбекистан"

    link = results(page).get_by_role("link", name="Визит министра")
    expect(link).to_have_attribute("href", "/ru/2020/04/peregovory/")
    expect(results(page).locator("mark").first).to_have_text(re.compile("Узбекистан"))
    expect(page.locator("pagefind-summary")).to_have_text(re.compile(r"^1 результат"))
    expect(search_input(page)).to_have_attribute("placeholder", re.compile("[А-Яа-яЁё]"))
    reader.assert_no_problems()


def test_a_search_page_searches_its_own_language_only(server, open_page):
    reader = open_page()
    page = reader.page
    page.goto(server.url("/ru/search/?q=vaccines"))  # only the English index has this word
    expect(page.locator("pagefind-summary")).to_have_text(
        "Ничего не найдено по запросу: vaccines")  # the search ran, in Russian, and found none
    expect(results(page).get_by_role("link")).to_have_count(0)

    page.goto(server.url("/en/search/?q=vaccines"))
    expect(results(page).get_by_role("link", name="Vaccine deliveries")).to_be_visible()
    reader.assert_no_problems()


def test_a_query_in_the_address_runs_when_the_page_opens_and_fills_the_input(server, open_page):
    reader = open_page()
    page = reader.page
    page.goto(server.url("/en/search/?q=Uzbekistan"))
    expect(results(page).get_by_role("link", name="Talks with Uzbekistan")).to_be_visible()
    expect(search_input(page)).to_have_value("Uzbekistan")
    reader.assert_no_problems()


@pytest.mark.parametrize(("query", "title"), [("еще", "Новый мост"), ("Иошкар", "Новый мост")],
                         ids=["ye-for-yo", "i-for-short-i"])
def test_russian_search_ignores_the_dots_of_yo_and_the_breve_of_short_i(
        server, open_page, query: str, title: str):
    reader = open_page()
    reader.page.goto(server.url(f"/ru/search/?q={query}"))  # the page says "ещё", "Йошкар-Оле"
    expect(results(reader.page).get_by_role("link", name=title)).to_be_visible()
    reader.assert_no_problems()


@pytest.mark.parametrize(("lang", "message"), [
    ("en", "Search needs JavaScript, which is turned off in this browser."),
    ("ru", "Для поиска нужен JavaScript, а в этом браузере он выключен."),
], ids=["en", "ru"])
def test_without_javascript_the_search_page_says_so_in_its_language(
        server, open_page, lang: str, message: str):
    reader = open_page(java_script_enabled=False)
    page = reader.page
    page.goto(server.url(f"/{lang}/search/"))
    notice = page.locator(".search-noscript")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text(message)
    expect(notice.get_by_role("link")).to_have_count(2)  # topics and the latest news
    expect(notice.get_by_role("link").first).to_have_attribute("href", f"/{lang}/topics/")
    expect(page.locator(".search-elsewhere")).to_be_hidden()  # it needs the script, as search does
    reader.assert_no_problems()


def test_every_kind_of_page_runs_under_the_sites_content_security_policy(server, open_page):
    reader = open_page(locale="en-US")
    page = reader.page
    page.goto(server.url("/"))  # the language choice sends the reader on by script
    expect(page).to_have_url(server.url("/en/"))
    for path in ("/ru/", "/en/topics/", "/ru/2020/04/peregovory/", "/404.html",
                 "/ru/search/?q=мост"):
        page.goto(server.url(path))
    expect(results(page).get_by_role("link", name="Новый мост")).to_be_visible()
    reader.assert_no_problems()


def test_a_policy_without_wasm_unsafe_eval_is_reported_so_the_csp_check_is_real(
        site, serve_site, open_page, netlify_headers: Headers):
    def weakened(path: str) -> dict[str, str]:
        headers = netlify_headers(path)
        headers["Content-Security-Policy"] = headers["Content-Security-Policy"].replace(
            " 'wasm-unsafe-eval'", "")
        return headers

    strict = serve_site(site, weakened)
    reader = open_page()
    with reader.page.expect_console_message(
            lambda message: "Content Security Policy" in message.text):
        reader.page.goto(strict.url("/en/search/?q=Uzbekistan"))
    assert any("Content Security Policy" in problem for problem in reader.problems)


def elsewhere(page: Page) -> Locator:
    return page.locator(".search-elsewhere")


def test_a_russian_passage_of_an_english_article_is_found_from_the_russian_search_page(
        server, open_page):
    reader = open_page(locale="ru-RU")
    page = reader.page
    page.goto(server.url("/ru/search/"))

    search_input(page).click()
    search_input(page).press_sequentially("инфекцию", delay=20)  # the passage says "инфекции"

    link = results(page).get_by_role(
        "link", name="Briefing by the spokesperson (материал на языке «английский»)")
    expect(link).to_have_attribute("href", f"/en/2020/04/briefing/#fragment-{HOTLINE}")
    expect(results(page).get_by_role("link")).to_have_count(1)
    expect(results(page)).to_contain_text("круглосуточно")  # the excerpt, in Russian

    link.click()
    expect(page).to_have_url(server.url(f"/en/2020/04/briefing/#fragment-{HOTLINE}"))
    passage = page.locator(f"#fragment-{HOTLINE} [lang=ru]")
    expect(passage).to_contain_text("круглосуточно")
    expect(passage).to_be_in_viewport()
    reader.assert_no_problems()


def test_also_search_in_carries_the_query_to_the_other_language_whose_page_runs_it(
        server, open_page):
    reader = open_page(locale="en-US")
    page = reader.page
    page.goto(server.url("/en/search/"))
    other = elsewhere(page).get_by_role("link", name="Russian")
    expect(other).to_have_attribute("href", "/ru/search/")

    search_input(page).click()
    search_input(page).press_sequentially("vaccines", delay=20)
    expect(other).to_have_attribute("href", "/ru/search/?q=vaccines")  # in step with the box
    switch = page.locator(".language-switch").get_by_role("link", name="Русский")
    expect(switch).to_have_attribute("href", "/ru/search/?q=vaccines")  # the header's too
    search_input(page).fill("круглосуточно")
    expect(results(page).get_by_role("link", name="Briefing by the spokesperson")).to_be_visible()
    expect(other).to_have_attribute("href", re.compile(r"^/ru/search/\?q=%D0%BA%D1%80"))

    other.click()
    expect(page).to_have_url(re.compile(r"/ru/search/\?q=%D0%BA%D1%80"))
    expect(search_input(page)).to_have_value("круглосуточно")
    expect(results(page).get_by_role("link")).to_have_attribute(
        "href", f"/en/2020/04/briefing/#fragment-{HOTLINE}")
    back = elsewhere(page).get_by_role("link", name="английский")
    expect(back).to_have_attribute("href", re.compile(r"^/en/search/\?q=%D0%BA%D1%80"))
    assert page.context.cookies() == []  # searching elsewhere is not choosing a language
    reader.assert_no_problems()


def filter_dropdown(page: Page, name: str) -> Locator:
    return page.locator(f'pagefind-filter-dropdown[filter="{name}"]')


def test_choosing_a_topic_narrows_the_results_which_show_their_date_and_outlet(
        server, open_page):
    reader = open_page(locale="en-US")
    page = reader.page
    page.goto(server.url("/en/search/"))
    search_input(page).click()
    search_input(page).press_sequentially("vaccines", delay=20)
    expect(results(page).get_by_role("link")).to_have_count(2)
    masks = results(page).locator(".pf-result").filter(has_text="Masks and vaccines")
    expect(masks.locator(".pf-result-meta")).to_have_text("May 3, 2021 · TASS")

    topic = filter_dropdown(page, "topic")
    expect(topic.locator(".pf-dropdown-trigger-label")).to_have_text("Topic")
    topic.get_by_role("combobox").click()
    options = topic.get_by_role("option")
    expect(options).to_have_count(2)  # CSTO and COVID-19, the topics of the items found
    topic.get_by_role("option", name=re.compile("^COVID-19")).click()

    expect(results(page).get_by_role("link")).to_have_count(1)
    expect(results(page).get_by_role("link")).to_have_text("Masks and vaccines")
    expect(page.locator("pagefind-summary")).to_contain_text("1 result")
    reader.assert_no_problems()


def test_the_russian_search_page_labels_its_filters_in_russian_with_russian_topic_names(
        server, open_page):
    reader = open_page(locale="ru-RU")
    page = reader.page
    page.goto(server.url("/ru/search/?q=мост"))
    expect(results(page).get_by_role("link", name="Новый мост")).to_be_visible()
    for name, label in (("topic", "Тема"), ("outlet", "Издание"), ("year", "Год")):
        expect(filter_dropdown(page, name).locator(".pf-dropdown-trigger-label")).to_have_text(label)
    topic = filter_dropdown(page, "topic")
    topic.get_by_role("combobox").click()
    expect(topic.get_by_role("option", name=re.compile("^ОДКБ"))).to_be_visible()
    reader.assert_no_problems()
