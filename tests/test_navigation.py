"""Previous/next links on article pages, and topic-by-month pages (builder.plan, templates).

One small bilingual site serves every test: five items over two months and two topics, all in
both languages except "Charlie", which exists only in English, so the Russian tree shows its
English version with a badge.

=========  ==========  =====================  =========
item       date        topics                 languages
=========  ==========  =====================  =========
Alpha      2020-04-10  csto                   en, ru
Bravo      2020-04-20  csto, uzbekistan       en, ru
Charlie    2020-04-25  uzbekistan             en
Delta      2020-05-05  csto                   en, ru
Echo       2020-05-15  csto                   en, ru
=========  ==========  =====================  =========
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any

import pytest

from builder.check import check
from builder.i18n import load_catalogs
from builder.index import build_model
from builder.model import Listed, Neighbours, SiteModel
from builder.plan import check_alternates, plan_site
from builder.plan.articles import neighbours
from builder.plan.views import ListNeighbours, PageJob
from builder.read import read_articles
from builder.render import Renderer
from builder.session import build

ITEMS = (  # (English title, Russian title or None, Russian slug, date, topics)
    ("Alpha", "Альфа", "alfa", "2020-04-10", ["csto"]),
    ("Bravo", "Браво", "bravo", "2020-04-20", ["csto", "uzbekistan"]),
    ("Charlie", None, "", "2020-04-25", ["uzbekistan"]),
    ("Delta", "Дельта", "delta", "2020-05-05", ["csto"]),
    ("Echo", "Эхо", "ekho", "2020-05-15", ["csto"]),
)


@dataclass(frozen=True)
class Site:
    model: SiteModel
    jobs: dict[str, PageJob]
    project: Any

    def around(self, url: str) -> dict[str, ListNeighbours]:
        """The article's neighbour lists by list URL."""
        return {n.url: n for n in self.jobs[url].context["neighbours"]}

    def render(self, url: str) -> str:
        config = self.project.config()
        catalogs = load_catalogs(config)
        return Renderer(config, self.model, catalogs).render(self.jobs[url]).content.decode()


def write_site(project, english_article, items=ITEMS) -> None:
    for title, russian, russian_slug, date, topics in items:
        key = title.lower()
        project.page(f"en/{date[:4]}/{date[5:7]}/{key}.md", **english_article(
            title=title, date=date, translation_key=key, topics=topics))
        if russian:
            project.page(f"ru/{date[:4]}/{date[5:7]}/{russian_slug}.md", **english_article(
                title=russian, lang="ru", date=date, translation_key=key, topics=topics,
                translated_from="en"))


def plan(project) -> Site:
    config = project.config()
    catalogs = load_catalogs(config)
    result = read_articles(config, catalogs.fragment_languages)
    model, diagnostics = build_model(result.articles, config)
    assert diagnostics == ()
    return Site(model, {job.url: job for job in plan_site(model, config)}, project)


@pytest.fixture
def site(project, english_article) -> Site:
    write_site(project, english_article)
    return plan(project)


def url(entry) -> str | None:
    return entry.url if entry else None


# --- previous / next ---------------------------------------------------------------------------

def test_neighbours_of_a_list_are_the_entries_just_above_and_below_and_none_past_its_ends():
    first, middle, last = Listed(("en", "a")), Listed(("en", "b"), "part"), Listed(("en", "c"))
    assert neighbours((first, middle, last)) == {
        ("en", "a"): Neighbours(None, middle),
        ("en", "b"): Neighbours(first, last),
        ("en", "c"): Neighbours(middle, None),
    }


def test_an_article_links_to_the_newer_and_older_items_of_its_month(site):
    month = site.around("/en/2020/04/bravo/")["/en/2020/04/"]
    assert (url(month.newer), url(month.older)) == ("/en/2020/04/charlie/", "/en/2020/04/alpha/")
    assert month.month.isoformat() == "2020-04-01" and month.topic_label == ""


def test_an_article_links_to_its_neighbours_in_each_of_its_topics_after_its_month(site):
    lists = site.jobs["/en/2020/05/delta/"].context["neighbours"]
    assert [n.url for n in lists] == ["/en/2020/05/", "/en/topics/csto/"]
    csto = lists[1]
    assert (url(csto.newer), url(csto.older)) == (None, "/en/2020/04/bravo/")
    assert csto.topic_label == "CSTO" and csto.month is None


def test_a_neighbour_is_linked_once_under_the_first_list_that_has_it(site):
    """Bravo's month already links Charlie (newer) and Alpha (older): CSTO adds only Delta, and
    Uzbekistan, whose only neighbour is Charlie, is left out rather than repeat it."""
    lists = site.jobs["/en/2020/04/bravo/"].context["neighbours"]
    assert [n.url for n in lists] == ["/en/2020/04/", "/en/topics/csto/"]
    month, csto = lists
    assert (url(month.newer), url(month.older)) == ("/en/2020/04/charlie/", "/en/2020/04/alpha/")
    assert (url(csto.newer), url(csto.older)) == ("/en/2020/05/delta/", None)
    for page in site.jobs.values():
        linked = [url(entry) for around in page.context.get("neighbours", ())
                  for entry in (around.newer, around.older) if entry]
        assert len(linked) == len(set(linked)), page.url


def test_the_newest_and_the_oldest_item_of_a_list_link_nowhere_past_its_end(site):
    echo = site.around("/en/2020/05/echo/")
    assert (url(echo["/en/2020/05/"].newer), url(echo["/en/2020/05/"].older)) == (
        None, "/en/2020/05/delta/")
    assert "/en/topics/csto/" not in echo  # its only neighbour, Delta, is the month's
    alpha = site.around("/en/2020/04/alpha/")
    assert url(alpha["/en/2020/04/"].older) is None
    assert all(around.older is None for around in alpha.values())


def test_following_older_links_walks_a_topic_in_its_list_order(site):
    """Each item of a topic links the topic's next older one, under the topic's list or under
    an earlier list that has it too, so a reader can walk the topic from any of its items."""
    listed = [site.model.articles[item.article].url for item in site.model.indexes["en"].topics["csto"]]
    for newer, older in zip(listed, listed[1:]):
        assert older in {url(around.older) for around in site.around(newer).values()}, newer
    assert listed == ["/en/2020/05/echo/", "/en/2020/05/delta/", "/en/2020/04/bravo/",
                      "/en/2020/04/alpha/"]


def test_a_list_where_the_article_is_alone_gets_no_navigation(project, english_article):
    write_site(project, english_article, ITEMS[:1])
    site = plan(project)
    assert site.jobs["/en/2020/04/alpha/"].context["neighbours"] == ()
    assert 'class="neighbours"' not in site.render("/en/2020/04/alpha/")


def test_the_russian_tree_links_to_the_english_only_item_as_its_lists_show_it(site):
    russian = site.around("/ru/2020/04/bravo/")
    month = russian["/ru/2020/04/"]
    assert url(month.newer) == "/en/2020/04/charlie/"
    assert month.newer.lang == "en"
    assert url(month.older) == "/ru/2020/04/alfa/" and month.older.lang == "ru"
    assert url(russian["/ru/topics/csto/"].newer) == "/ru/2020/05/delta/"


def test_a_link_to_an_item_in_another_language_carries_its_language_and_badge(site):
    html = site.render("/ru/2020/04/bravo/")
    link = re.search(r'<a rel="prev" href="/en/2020/04/charlie/"[^>]*>.*?</a>[^<]*<span[^>]*>[^<]*</span>',
                     html, re.DOTALL)
    assert link, html
    assert 'hreflang="en"' in link[0] and '<span class="neighbour-title" lang="en">Charlie</span>' in link[0]
    assert '<span class="badge">на английском</span>' in link[0]
    same_language = re.search(r'<a rel="next" href="/ru/2020/04/alfa/"[^>]*>', html)[0]
    assert "hreflang" not in same_language


def test_navigation_is_a_labelled_nav_per_list_with_rel_prev_and_next_links(site):
    html = site.render("/en/2020/04/bravo/")
    labels = re.findall(r'<nav class="neighbours" aria-label="([^"]+)">', html)
    assert labels == ["More in April 2020", "More in CSTO"]
    assert re.findall(r'<a rel="(prev|next)" href="([^"]+)"', html) == [
        ("prev", "/en/2020/04/charlie/"), ("next", "/en/2020/04/alpha/"),
        ("prev", "/en/2020/05/delta/")]
    assert "← Newer" in html and "Older →" in html
    assert html.index('class="neighbours"') > html.index("</article>")  # outside the search body


def test_navigation_labels_are_in_the_pages_language(site):
    html = site.render("/ru/2020/04/bravo/")
    labels = re.findall(r'<nav class="neighbours" aria-label="([^"]+)">', html)
    assert labels == ["Ещё в разделе «Апрель 2020»", "Ещё в разделе «ОДКБ»"]
    assert "← Позже" in html and "Раньше →" in html


# --- topic × month pages -----------------------------------------------------------------------

def test_topic_by_month_pages_exist_only_for_months_with_items_of_the_topic(site):
    pages = {u for u, job in site.jobs.items() if job.template == "topic_month.html"}
    assert pages == {f"/{lang}/topics/{path}/" for lang in ("en", "ru")
                     for path in ("csto/2020/04", "csto/2020/05", "uzbekistan/2020/04")}


def test_a_topic_by_month_page_lists_that_topics_items_of_that_month_newest_first(site):
    def listed(page: str) -> list[tuple[str, str]]:
        return [(e.title, e.lang) for e in site.jobs[page].context["entries"]]

    assert listed("/en/topics/csto/2020/04/") == [("Bravo", "en"), ("Alpha", "en")]
    assert listed("/en/topics/csto/2020/05/") == [("Echo", "en"), ("Delta", "en")]
    assert listed("/ru/topics/uzbekistan/2020/04/") == [("Charlie", "en"), ("Браво", "ru")]


def test_the_topic_page_links_to_its_months_with_their_counts(site):
    months = site.jobs["/en/topics/csto/"].context["months"]
    assert [(m.url, m.count) for m in months] == [("/en/topics/csto/2020/05/", 2),
                                                  ("/en/topics/csto/2020/04/", 2)]
    html = site.render("/ru/topics/uzbekistan/")
    assert re.search(r'<a href="/ru/topics/uzbekistan/2020/04/">Апрель 2020</a> '
                     r'<span class="count">2 материала</span>', html)


def test_a_topic_by_month_page_has_breadcrumbs_back_to_its_topic_and_one_heading(site):
    html = site.render("/en/topics/csto/2020/04/")
    crumbs = re.search(r'<nav class="breadcrumbs"[^>]*>(.*?)</nav>', html, re.DOTALL)[1]
    assert re.findall(r'href="([^"]+)"', crumbs) == ["/en/topics/", "/en/topics/csto/"]
    assert re.findall(r"<h1>(.*?)</h1>", html) == ["CSTO in April 2020"]
    assert "<title>CSTO in April 2020 · " in html
    assert "<h1>ОДКБ — Апрель 2020</h1>" in site.render("/ru/topics/csto/2020/04/")


def test_topic_by_month_pages_are_in_the_sitemap_with_every_language_as_alternate(site):
    entries = {e["url"]: e for e in site.jobs["/sitemap.xml"].context["entries"]}
    alternates = [(a.lang, a.url) for a in entries["/ru/topics/csto/2020/05/"]["alternates"]]
    assert alternates == [("en", "/en/topics/csto/2020/05/"), ("ru", "/ru/topics/csto/2020/05/")]
    assert check_alternates(list(site.jobs.values())) == []


def test_a_month_a_topic_has_in_one_language_only_names_no_missing_version(
        project, english_article):
    write_site(project, english_article)
    # The Russian version of Echo, and only it, is not about the CSTO (its editor said so: the
    # versions of a story share their topics otherwise).
    project.page("ru/2020/05/ekho.md", **english_article(
        title="Эхо", lang="ru", date="2020-05-15", translation_key="echo", topics=["uzbekistan"],
        own_topics=True))
    project.page("ru/2020/05/delta.md", **english_article(
        title="Дельта", lang="ru", date="2020-05-05", translation_key="delta", topics=[],
        own_topics=True))
    site = plan(project)
    assert "/ru/topics/csto/2020/05/" not in site.jobs
    english = site.jobs["/en/topics/csto/2020/05/"].context["alternates"]
    assert [a.lang for a in english] == ["en"]
    assert check_alternates(list(site.jobs.values())) == []


def test_a_built_site_with_navigation_and_topic_months_checks_clean(project, english_article):
    write_site(project, english_article)
    report = build(project.config())
    assert report.published and not report.errors, report.render_text()
    checked = check(project.root / "site", "site", "https://digest-sample.netlify.app", ("en", "ru"))
    assert [str(d) for d in checked.diagnostics] == []
    assert (project.root / "site/ru/topics/uzbekistan/2020/04/index.html").is_file()


def test_versions_that_differ_in_date_and_topics_still_build_with_honest_language_switches(
        project, english_article):
    """The Russian version is dated a day later (another month) and has another topic of its
    own: the English month and topic pages exist in English only, and their switch says so."""
    from builder.session import build

    project.page("en/2020/04/a.md", **english_article(date="2020-04-30", topics=["csto"],
                                                      translation_key="a"))
    project.page("ru/2020/05/a.md", **english_article(date="2020-05-01", lang="ru", title="А",
                                                      topics=["uzbekistan"], translation_key="a",
                                                      own_topics=True))
    report = build(project.config())
    assert report.published and not report.errors, report.render_text()
    april = project.read("site/en/2020/04/index.html")
    switch = april.split('class="language-switch"')[1].split("</nav>")[0]
    assert 'href="/ru/2020/"' in switch and "title=" in switch  # the nearest page, saying so
    assert 'hreflang="ru" href="https://digest-sample.netlify.app/ru/2020/04/"' not in april
    csto = project.read("site/en/topics/csto/index.html")
    assert 'href="/ru/topics/"' in csto.split('class="language-switch"')[1].split("</nav>")[0]


# --- the archive: home -> months -> years, no dead end -----------------------------------------

def test_a_month_page_groups_its_items_by_day_newest_first_with_an_anchor_per_day(site):
    days = site.jobs["/en/2020/04/"].context["days"]
    assert [(day.date.isoformat(), [url(e) for e in day.entries]) for day in days] == [
        ("2020-04-25", ["/en/2020/04/charlie/"]), ("2020-04-20", ["/en/2020/04/bravo/"]),
        ("2020-04-10", ["/en/2020/04/alpha/"])]
    html = site.render("/en/2020/04/")
    assert re.findall(r'<h2 class="day-heading" id="([^"]+)"><time datetime="[^"]+">([^<]+)</time>',
                      html) == [("2020-04-25", "Saturday, April 25"), ("2020-04-20", "Monday, April 20"),
                                ("2020-04-10", "Friday, April 10")]
    assert re.findall(r"<h3 class=\"entry-title\">", html) and "<time" not in html.split(
        'class="entries"')[1].split("</ol>")[0]  # the day is said once, in its heading
    russian = site.render("/ru/2020/04/")
    assert "Суббота, 25 апреля" in russian and "Понедельник, 20 апреля" in russian


def test_month_and_year_pages_link_the_newer_and_older_period_that_has_items(site, project,
                                                                             english_article):
    april, may = site.jobs["/en/2020/04/"].context, site.jobs["/en/2020/05/"].context
    assert (april["newer"].url, april["older"]) == ("/en/2020/05/", None)
    assert (may["newer"], may["older"].url) == (None, "/en/2020/04/")
    assert re.search(r'<a rel="prev" href="/en/2020/05/"><span class="period-direction">← Newer'
                     r"</span> May 2020</a>", site.render("/en/2020/04/"))
    assert "Раньше →</span> Апрель 2020</a>" in site.render("/ru/2020/05/")
    project.page("en/2018/01/foxtrot.md", **english_article(title="Foxtrot", date="2018-01-09"))
    years = plan(project).jobs
    assert (years["/en/2020/"].context["older"].url, years["/en/2018/"].context["newer"].url) == (
        "/en/2018/", "/en/2020/")  # 2019 has no item: skipped, never an empty page
    assert [m.url for m in years["/en/2020/"].context["months"]] == ["/en/2020/05/", "/en/2020/04/"]


def test_the_home_page_leads_on_at_the_day_of_the_first_item_it_leaves_out(project, english_article):
    write_site(project, english_article)
    config = dataclasses.replace(project.config(), home_items=2)
    catalogs = load_catalogs(config)
    model, _ = build_model(read_articles(config, catalogs.fragment_languages).articles, config)
    home = next(job for job in plan_site(model, config) if job.url == "/en/")
    shown = [url(entry) for entry in home.context["entries"]]
    assert shown == ["/en/2020/05/echo/", "/en/2020/05/delta/"]
    older = home.context["older"]
    assert (older.url, older.count, older.month.isoformat()) == (
        "/en/2020/04/#2020-04-25", 3, "2020-04-01")  # Charlie, the first left out
    html = Renderer(config, model, catalogs).render(home).content.decode()
    assert '<a href="/en/2020/04/#2020-04-25">Older items →</a>' in html
    assert plan(project).jobs["/en/"].context["older"] is None  # all five shown: no link


def test_an_item_in_one_language_says_so_in_words_with_a_link_to_the_nearest_page(site):
    html = site.render("/en/2020/04/charlie/")
    notice = re.search(r'<p class="availability"[^>]*>(.*?)</p>', html, re.DOTALL)[1]
    assert "This item is not available in Russian." in notice
    assert '<a href="/ru/2020/04/" hreflang="ru">April 2020 in Russian →</a>' in notice
