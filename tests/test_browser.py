"""The search pages in a real browser: Debian's Chromium, driven by Playwright.

In: one small bilingual site, built with Pagefind and served over HTTP on 127.0.0.1 with the
headers netlify.toml gives each path (its Content-Security-Policy above all). Out: what a reader
sees when typing into /en/search/ and /ru/search/, with JavaScript and without (a Russian
passage of an English article found from the Russian page, a query carried to the other
language's page), and proof that nothing goes wrong on the way: no console error, no CSP
violation, no failed request.

Filters (topic, outlet, year) are chosen in Pagefind's filter dropdowns and narrow the results;
each result shows the article's date and outlet from its metadata. The sort control orders the
results newest or oldest first, in both languages, together with ?q= and a filter.

Shards: on a site of three years in two languages, the index is one Pagefind bundle per
language and year, merged in the browser. The same queries (both languages, with and without a
filter, by relevance and by date) are run against the merged shards, through the search page's
engine, and against one whole index of the same pages, through Pagefind's own script: the same
pages come back, and in the same order when sorted by date.

Why a browser: Pagefind searches in the browser only (WebAssembly, in a worker), with the
language of the page's ``<html lang>``; a broken policy or bundle shows nowhere but here.
One browser serves the whole module, and one site each part of it; each test gets a fresh
browser context.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from builder.i18n import load_catalogs
from builder.index import build_model
from builder.read import read_articles
from builder.search import index_site
from builder.session import build
from tests.conftest import Project, _copy_project_files, expect

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
    module_project.page(  # a year later than the others: sorting by date puts it first
        "ru/2021/06/vizit.md", "Министр прибыл с визитом.",
        title="Визит в июне", lang="ru", translation_key="vizit", date="2021-06-10",
        outlet="tass", topics=["covid-19"], summary="Визит министра.")
    module_project.page(  # a Russian passage in an English article, with no Russian version
        "en/2020/04/briefing.md",
        "The spokesperson answered questions.\n\n"
        f'{{{{< fragment id="{HOTLINE}" lang="ru" >}}}}',
        title="Briefing by the spokesperson", lang="en", translation_key="briefing",
        summary="Questions answered.", **front)
    report = build(module_project.config(search=True))
    assert report.published and report.search_indexed == 7, report.render_text()
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
    # Only the English page of an item with a Russian version has this word.
    page.goto(server.url("/ru/search/?q=cooperation"))
    expect(page.locator("pagefind-summary")).to_have_text(
        "Ничего не найдено по запросу: cooperation")  # the search ran, in Russian, found none
    expect(results(page).get_by_role("link")).to_have_count(0)

    page.goto(server.url("/en/search/?q=cooperation"))
    expect(results(page).get_by_role("link", name="Talks with Uzbekistan")).to_be_visible()
    reader.assert_no_problems()


def test_an_item_with_no_russian_version_is_found_from_the_russian_page_marked_english(
        server, open_page):
    reader = open_page()
    page = reader.page
    page.goto(server.url("/ru/search/?q=deliveries"))  # in the English item's title and summary
    link = results(page).get_by_role(
        "link", name="Vaccine deliveries (материал на английском)")
    expect(link).to_have_attribute("href", "/en/2020/04/vaccines/#main")
    expect(results(page).get_by_role("link")).to_have_count(1)
    # Under its title, its date and outlet in Russian, as every result shows them.
    expect(results(page).locator(".pf-result-meta")).to_have_text(
        "17 апреля 2020\u202fг. · Министерство иностранных дел Российской Федерации")
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
        "link", name="Briefing by the spokesperson (материал на английском)")
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
    other = elsewhere(page).get_by_role("link", name="in Russian")
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
    back = elsewhere(page).get_by_role("link", name="на английском")
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


# --- Sort by date --------------------------------------------------------------------------------

def sort_control(page: Page) -> Locator:
    return page.locator(".search-sort select")


def result_urls(page: Page, count: int) -> list[str]:
    links = results(page).locator(".pf-result-link")
    expect(links).to_have_count(count)
    return [links.nth(number).get_attribute("href") for number in range(count)]


@pytest.mark.parametrize(("lang", "query", "label", "newest"), [
    ("en", "vaccines", "Newest first", "/en/2021/05/masks/"),
    ("ru", "министр", "Сначала новые", "/ru/2021/06/vizit/"),
], ids=["en", "ru"])
def test_newest_first_lists_the_results_by_date_and_the_address_keeps_the_order(
        server, open_page, lang: str, query: str, label: str, newest: str):
    reader = open_page(locale="ru-RU" if lang == "ru" else "en-US")
    page = reader.page
    page.goto(server.url(f"/{lang}/search/?q={query}"))
    control = sort_control(page)
    expect(control).to_be_visible()
    expect(control).to_have_value("relevance")
    expect(results(page).get_by_role("link").first).to_be_visible()

    page.get_by_label(re.compile("Sort|Сортировка")).select_option(label=label)
    expect(page).to_have_url(re.compile(r"[?&]sort=newest"))
    expect(results(page).locator(".pf-result-link").first).to_have_attribute("href", newest)
    urls = result_urls(page, 2)
    assert urls[0] == newest and urls == sorted(urls, key=_date_of_url, reverse=True)

    page.get_by_label(re.compile("Sort|Сортировка")).select_option("oldest")
    expect(results(page).locator(".pf-result-link").last).to_have_attribute("href", newest)
    assert result_urls(page, 2) == urls[::-1]
    expect(page).to_have_url(re.compile(r"[?&]sort=oldest"))
    reader.assert_no_problems()


def _date_of_url(url: str) -> str:
    """The year and month of an article URL (/en/2021/05/masks/), which sort as its date does."""
    return "/".join(url.split("/")[2:4])


def test_a_query_a_filter_and_a_sort_from_the_address_work_together(server, open_page):
    reader = open_page(locale="en-US")
    page = reader.page
    page.goto(server.url("/en/search/?q=vaccines&sort=oldest"))
    expect(sort_control(page)).to_have_value("oldest")
    expect(search_input(page)).to_have_value("vaccines")
    assert result_urls(page, 2) == ["/en/2020/04/vaccines/", "/en/2021/05/masks/"]
    other = elsewhere(page).get_by_role("link", name="Russian")
    expect(other).to_have_attribute("href", "/ru/search/?q=vaccines&sort=oldest")

    topic = filter_dropdown(page, "topic")
    topic.get_by_role("combobox").click()
    topic.get_by_role("option", name=re.compile("^CSTO")).click()
    page.keyboard.press("Escape")
    assert result_urls(page, 1) == ["/en/2020/04/vaccines/"]

    sort_control(page).select_option("newest")  # the filter stays chosen
    expect(page).to_have_url(re.compile(r"\?q=vaccines&sort=newest$"))
    assert result_urls(page, 1) == ["/en/2020/04/vaccines/"]
    expect(topic.get_by_role("option", name=re.compile("^CSTO"))) \
        .to_have_attribute("aria-selected", "true")
    sort_control(page).select_option("relevance")
    expect(page).to_have_url(re.compile(r"\?q=vaccines$"))
    reader.assert_no_problems()


# --- Shards merged in the browser give what one whole index gives ------------------------------

SHARD_YEARS = (2019, 2020, 2021)


@pytest.fixture(scope="module")
def shard_sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str]]:
    """(the site indexed in shards, a copy of its pages indexed whole, URL -> news date)."""
    project = Project(tmp_path_factory.mktemp("shards"))
    _copy_project_files(project.root, with_sources=False)
    dates = {}

    def item(lang: str, slug: str, date: str, topic: str, body: str) -> None:
        project.page(f"{lang}/{date[:4]}/{date[5:7]}/{slug}.md", body,
                     title=f"{slug.replace('-', ' ').title()}", date=date, lang=lang,
                     outlet="mfa" if topic != "covid-19" else "tass", topics=[topic],
                     translation_key=slug, summary="A summary.")
        dates[f"/{lang}/{date[:4]}/{date[5:7]}/{slug}/"] = date

    for year in SHARD_YEARS:
        item("en", f"summit-{year}", f"{year}-03-05", "csto",
             "Ministers discussed the summit and the supply of vaccines.")
        item("en", f"trade-{year}", f"{year}-03-05", "uzbekistan",  # the same day as the summit
             "Ministers discussed trade with Uzbekistan.")
        item("en", f"vaccines-{year}", f"{year}-09-{10 + year % 10:02d}", "covid-19",
             "Deliveries of vaccines continued, the ministers said.")
        item("ru", f"sammit-{year}", f"{year}-03-05", "csto",
             "Министры обсудили саммит и поставки вакцин.")
        item("ru", f"vaktsiny-{year}", f"{year}-09-{10 + year % 10:02d}", "covid-19",
             "Поставки вакцин продолжились, сообщили министры.")
    item("en", "briefing-2019", "2019-06-01", "csto",  # a Russian passage, alone in its year
         f"The ministers answered questions.\n\n{{{{< fragment id=\"{HOTLINE}\" lang=\"ru\" >}}}}")
    config = project.config(search=True)
    report = build(config)
    assert report.published and not report.errors, report.render_text()
    sharded = project.root / "site"
    assert len(list((sharded / "pagefind").glob("??-20??"))) == 6  # three shards a language

    whole = project.root / "whole"
    shutil.copytree(sharded, whole, ignore=shutil.ignore_patterns("pagefind"))
    catalogs = load_catalogs(config)
    read = read_articles(config, catalogs.fragment_languages)
    model, _ = build_model(read.articles, config)
    index_site(whole, model, catalogs, sharded=False)
    assert not (whole / "pagefind" / "en-2020").exists()
    return sharded, whole, dates


RUN_QUERIES = """async ({engine, cases}) => {
  const module = await import(engine);
  const ours = typeof module.setSort === "function";
  const instance = module.createInstance({});
  const answers = [];
  for (const {query, filters, sort} of cases) {
    let response;
    if (ours) {
      module.setSort(sort);
      response = await instance.search(query, {filters});
    } else {
      const direction = {newest: "desc", oldest: "asc"}[sort];
      response = await instance.search(query, direction ? {filters, sort: {date: direction}}
                                                         : {filters});
    }
    const pages = await Promise.all(response.results.map((result) => result.data()));
    answers.push(pages.map((page) => page.url));
  }
  return answers;
}"""

SHARD_QUERIES = {
    "en": [("ministers", {}), ("vaccines", {}), ("vaccines", {"topic": ["COVID-19"]}),
           ("ministers", {"year": ["2020"]}), ("ministers", {"outlet": ["TASS"]}), ("trade", {})],
    "ru": [("министры", {}), ("вакцина", {}), ("министрами", {"year": ["2021"]}),
           ("поставки", {"topic": ["ОДКБ"]}), ("круглосуточно", {})],
}


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_merged_shards_find_the_same_pages_as_one_whole_index_and_sort_them_alike(
        shard_sites, serve_site, open_page, lang: str):
    sharded, whole, dates = shard_sites
    cases = [{"query": query, "filters": filters, "sort": sort}
             for query, filters in SHARD_QUERIES[lang] for sort in ("relevance", "newest", "oldest")]

    def run(root: Path, engine: str) -> list[list[str]]:
        reader = open_page()
        reader.page.goto(serve_site(root).url(f"/{lang}/search/"))
        answers = reader.page.evaluate(RUN_QUERIES, {"engine": engine, "cases": cases})
        reader.assert_no_problems()
        return answers

    merged = run(sharded, "/assets/search-engine/pagefind.js")
    reference = run(whole, "/assets/search-engine/pagefind.js")  # one index: nothing to merge
    # Pagefind alone, over the one index, finds as much, and more where a page holds only a
    # word that begins with a query word's stem (the summits' outlet, the Ministry of Foreign
    # Affairs, for "ministers": "ministri", not "minist").
    alone = run(whole, "/pagefind/pagefind.js")
    for ours, theirs in zip(reference, alone, strict=True):
        assert set(ours) <= set(theirs)

    years_found = set()
    for case, ours, theirs in zip(cases, merged, reference, strict=True):
        assert sorted(ours) == sorted(theirs), case
        if case["sort"] != "relevance":
            assert ours == theirs, case
            news_dates = [dates[url.split("#")[0]] for url in ours]
            assert news_dates == sorted(news_dates, reverse=case["sort"] == "newest"), case
        years_found |= {url.split("/")[2] for url in ours}
    assert years_found == {str(year) for year in SHARD_YEARS}  # every shard answered
    # Every query finds something; the broadest finds every page of the language (in English
    # not the records of the three Russian summits, which Pagefind alone finds by the name of
    # their outlet, the Ministry of Foreign Affairs: "ministri" only begins with "minist").
    assert max(len(answer) for answer in merged) == {"en": 10, "ru": 6}[lang]
    assert max(len(answer) for answer in alone) == {"en": 13, "ru": 6}[lang]
    assert min(len(answer) for answer in merged) >= 1
    if lang == "ru":  # the passage of the English 2019 briefing, from the Russian shard of 2019
        assert [f"/en/2019/06/briefing-2019/#fragment-{HOTLINE}"] in merged


NAIVE_SORT = """async (shards) => {
  const pagefind = await import("/pagefind/pagefind.js");
  const instance = pagefind.createInstance({});
  for (const shard of shards) await instance.mergeIndex(`/pagefind/${shard}/`);
  const response = await instance.search("ministers", {sort: {date: "desc"}});
  const pages = await Promise.all(response.results.map((result) => result.data()));
  return pages.map((page) => page.url);
}"""


def test_pagefind_alone_interleaves_merged_shards_by_rank_which_is_why_the_engine_sorts_each(
        shard_sites, serve_site, open_page):
    """If this fails, Pagefind sorts merged indexes by date itself: the engine can let it."""
    sharded, _, dates = shard_sites
    reader = open_page()
    reader.page.goto(serve_site(sharded).url("/en/search/"))
    urls = reader.page.evaluate(NAIVE_SORT, ["en-2021", "en-2020", "en-2019"])
    news_dates = [dates[url.split("#")[0]] for url in urls]
    assert len(urls) == 13 and news_dates != sorted(news_dates, reverse=True)
    reader.assert_no_problems()


API_SURFACE = """async () => {
  const own = (await import("/pagefind/pagefind.js")).createInstance({});
  const ours = (await import("/assets/search-engine/pagefind.js")).createInstance({});
  return [Object.keys(own).sort(), Object.keys(ours).sort()];
}"""


def test_the_search_engine_offers_every_method_of_a_pagefind_instance(server, open_page):
    """The Component UI calls the engine as it would call Pagefind's own: a Pagefind upgrade that
    adds a method to the instance fails here rather than on the search page."""
    reader = open_page()
    reader.page.goto(server.url("/en/search/"))
    own, ours = reader.page.evaluate(API_SURFACE)
    assert {"search", "filters", "mergeIndex"} <= set(own) <= set(ours)
    reader.assert_no_problems()
