"""``aliases:``: old addresses of a page, each served as Hugo serves them.

Each alias is an HTML page at ``<alias>/index.html`` that leads on to the page for any host
(canonical link, ``noindex``, a refresh and a link, in the page's language), and a forced 301 in
``_redirects``, which Netlify reads (tests/test_netlify_dev.py asks Netlify's own engine). An
alias is untrusted input: anything but a path inside the site, or an address the builder makes
pages at, is a located error and is not served, and the rest of the site is built all the same.
Real projects in a temporary folder, built, and their files read.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.check import check
from builder.config import load_config
from builder.diagnostics import Fate, Severity
from builder.formats.aliases import read_alias, schema_patterns
from builder.i18n import load_catalogs
from builder.index import build_model
from builder.plan import plan_site
from builder.read import read_articles
from builder.render import static_files
from builder.session import Session, build
from builder.state import State

PAGE = "en/2020/04/talks-with-uzbekistan.md"
URL = "/en/2020/04/talks-with-uzbekistan/"
RU_PAGE = "ru/2020/04/vizit-ministra.md"
RU_URL = "/ru/2020/04/vizit-ministra/"


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def clean_build(project, output: Path, search: bool = False) -> dict[str, bytes]:
    """The same inputs built from nothing, into a folder of their own, with no cache."""
    config = load_config(project.root).with_output(output, search=search)
    report = Session(State(), persist=False).build(config)
    assert report.published, report.render_text()
    return tree(output)


def talks(project, english_article, aliases=None, **front) -> None:
    """The English item (with ``aliases``) and its Russian version."""
    extra = {} if aliases is None else {"aliases": aliases}
    project.page(PAGE, "Ministers of Russia and Uzbekistan met.",
                 **english_article(title="Talks with Uzbekistan", translation_key="talks",
                                   **extra, **front))
    project.page(RU_PAGE, "Министр посетил Узбекистан.",
                 **english_article(lang="ru", title="Визит министра",
                                   translation_key="talks"))


def site_file(project, url: str) -> str:
    return (project.root / "site" / url.strip("/") / "index.html").read_text(encoding="utf-8")


def aliases_line(project, rel: str) -> int:
    lines = (project.root / "content/articles" / rel).read_text().splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.startswith("aliases:"))


def test_an_alias_is_a_page_in_the_page_language_that_leads_on_and_a_forced_301_for_netlify(
        project, english_article):
    """A path without a leading slash is read in the page's language (as Hugo reads one in a
    multilingual site); the trailing slash is optional."""
    project.page(PAGE, "Ministers met.", **english_article(
        title='Talks <b>"with"</b> Uzbekistan & co', translation_key="talks",
        aliases=["/en/2020/04/talks", "2019/12/old-talks"]))
    project.page(RU_PAGE, "Министр посетил Узбекистан.", **english_article(
        lang="ru", title="Визит министра", translation_key="talks",
        aliases=["2020/04/vizit/"]))
    report = build(project.config())
    assert report.published and report.diagnostics == (), report.render_text()

    page = site_file(project, "/en/2020/04/talks/")
    assert '<html lang="en">' in page
    assert '<meta name="robots" content="noindex">' in page
    assert f'<link rel="canonical" href="https://digest-sample.netlify.app{URL}">' in page
    assert f'<meta http-equiv="refresh" content="0; url={URL}">' in page
    title = "Talks &lt;b&gt;&#34;with&#34;&lt;/b&gt; Uzbekistan &amp; co"
    assert f'<a href="{URL}">{title}</a>' in page
    assert "<b>" not in page and "This page has moved" in page
    assert site_file(project, "/en/2019/12/old-talks/") == page.replace(
        "/en/2020/04/talks/", "/en/2019/12/old-talks/")  # the page names only where it leads
    russian = site_file(project, "/ru/2020/04/vizit/")
    assert '<html lang="ru">' in russian and "Эта страница переехала" in russian
    assert f'<a href="{RU_URL}">Визит министра</a>' in russian

    rules = (project.root / "site/_redirects").read_text().splitlines()
    assert [line for line in rules if not line.startswith("#")] == [
        f"/en/2019/12/old-talks/ {URL} 301!",
        f"/en/2020/04/talks/ {URL} 301!",
        f"/ru/2020/04/vizit/ {RU_URL} 301!",
    ]


def test_an_alias_is_in_no_sitemap_feed_list_or_language_switch(project, english_article):
    talks(project, english_article, aliases=["/en/2020/04/talks/"])
    build(project.config())
    site = project.root / "site"
    others = [path for path in site.rglob("*") if path.is_file()
              and "/en/2020/04/talks/" not in f"/{path.relative_to(site).as_posix()}"
              and path.name != "_redirects"]
    assert others and not [path for path in others if b"/en/2020/04/talks/" in path.read_bytes()]
    assert "/en/2020/04/talks/" not in (site / "sitemap.xml").read_text()


def test_the_search_index_is_the_same_bytes_with_aliases_as_without(
        project, english_article, tmp_path):
    """Pagefind finds an alias page shaped like an article (its shard's glob matches it) and
    indexes nothing of it: it has no ``data-pagefind-body``."""
    talks(project, english_article, aliases=["/en/2020/04/talks/", "/ru/2020/04/peregovory/"])
    with_aliases = clean_build(project, tmp_path / "with", search=True)
    talks(project, english_article)
    without = clean_build(project, tmp_path / "without", search=True)
    index = {path: data for path, data in with_aliases.items() if path.startswith("pagefind/")}
    assert index == {path: data for path, data in without.items()
                     if path.startswith("pagefind/")}
    assert "en/2020/04/talks/index.html" in with_aliases
    assert any(path.startswith("pagefind/en-2020/") for path in index)


HOSTILE = [
    ("https://evil.example/x", "scheme or host"),
    ("//evil.example/x", "scheme or host"),
    ("javascript:alert(1)", "scheme or host"),
    ("/en/../../../../etc/passwd", "no . or .. segments"),
    ("..", "no . or .. segments"),
    ("/en/2020/04/x?from=feed", "no query (?) or fragment (#)"),
    ("/en/2020/04/x#top", "no query (?) or fragment (#)"),
    ("\\en\\2020\\x", "not \\"),
    ("/en/2020/04/a b/", "no spaces or control characters"),
    ("/en/2020/04/a\tb/", "no spaces or control characters"),
    ("/en/%2e%2e/%2e%2e/x/", "no percent escapes"),
    ("/en/.well-known/x/", "start with a dot"),
    ("/en/2020/04/café/", "only ASCII letters, digits"),
    ("/en/2020/04/x\u202e/", "no spaces or control characters"),
    ("/en//x/", "an empty segment"),
    ("/", "it names no page"),
    ("", "it names no page"),
    ("/en/" + "x" * 300 + "/", "longer than 255"),
    ("/x" * 600, "longer than 1000 characters"),
    (2020, "not int 2020"),
    (True, "not bool True"),
    ({"url": "/en/x/"}, "not dict"),
    (["/en/x/"], "not list"),
]


@pytest.mark.parametrize(("alias", "why"), HOSTILE, ids=[repr(a)[:40] for a, _ in HOSTILE])
def test_an_alias_that_is_no_path_inside_the_site_is_an_error_and_the_rest_is_published(
        project, english_article, tmp_path, alias, why):
    """Located at the ``aliases:`` line; the page, its good alias and every other page are
    published; nothing is written outside ``site/``."""
    outside = set(tmp_path.parent.iterdir())
    talks(project, english_article, aliases=[alias, "/en/2020/04/talks/"])
    report = build(project.config())
    assert report.published
    [problem] = report.diagnostics
    assert (problem.path, problem.line, problem.severity, problem.code) == (
        f"content/articles/{PAGE}", aliases_line(project, PAGE), Severity.ERROR, "alias-invalid")
    assert why in problem.message and problem.message.endswith("; it is not served")
    assert {o.fate for o in report.outcomes} == {Fate.PUBLISHED}
    assert report.exit_code() == 1
    assert "/en/2020/04/talks/ " in (project.root / "site/_redirects").read_text()
    assert (project.root / "site" / URL.strip("/") / "index.html").is_file()
    assert set(tmp_path.parent.iterdir()) == outside
    written = {p.relative_to(project.root).parts[0] for p in project.root.rglob("*")
               if p.is_file()}
    assert written <= {"content", "templates", "locales", "digest.toml", "site", "site.next",
                       ".digest-cache"}


RESERVED = ["/en/", "/en", "/ru/", "/en/topics/", "/en/topics/csto/page/2/", "topics/csto",
            "/en/search/", "search", "/en/2020/", "2020", "/en/2020/04/", "2020/04",
            "/en/feed.xml", "/en/topics/csto/feed.json", "feed.json", "/en/404.html",
            "/assets/style.css", "/pagefind/", "/sitemap.xml", "/robots.txt", "/404.html",
            "/index.html", "/_redirects", "/en/2020/04/x/index.html", "/en/index.html"]


@pytest.mark.parametrize("alias", RESERVED)
def test_an_address_the_builder_makes_pages_at_is_never_an_alias(project, english_article, alias):
    """Whether or not the page is there today: an alias at /en/2021/ would be hidden by the
    year's page as soon as an item is dated 2021."""
    talks(project, english_article, aliases=[alias])
    report = build(project.config())
    [problem] = report.diagnostics
    assert problem.code == "alias-invalid", problem
    assert ("kept for the builder's own pages" in problem.message
            or "names no page" in problem.message)
    assert not (project.root / "site/_redirects").exists()


def test_every_address_the_plan_makes_but_an_article_s_is_refused_as_an_alias(
        project, english_article):
    """The reserved addresses of builder/formats/aliases.py, held to what planning makes: every
    list page, feed, archive and file of a site with topics, several pages of a topic, both
    languages and two years, absolute or relative, and the static files."""
    for number in range(25):
        project.page(f"en/202{number % 2}/0{number % 9 + 1}/item-{number}.md",
                     **english_article(title=f"Item {number}", translation_key=f"item-{number}",
                                       date=f"202{number % 2}-0{number % 9 + 1}-10",
                                       topics=["csto", "covid-19"]))
    project.page("ru/2020/04/odin.md", **english_article(lang="ru", title="Один",
                                                         translation_key="item-0"))
    config = project.config()
    read = read_articles(config, load_catalogs(config).fragment_languages)
    model, _ = build_model(read.articles, config)
    jobs = plan_site(replace(model, aliases={"/en/old/": ("en", "item-0")}), config)
    assert any("/page/" in job.url for job in jobs)
    urls = [job.url for job in jobs if job.template not in ("article.html", "alias.html")]
    urls += ["/" + file.output for file in static_files(config)[0]] + ["/pagefind/x.js"]
    for url in urls:
        assert read_alias(url, "en", config.languages)[0] is None, url
        if url.startswith("/en/"):
            assert read_alias(url.removeprefix("/en/"), "en", config.languages)[0] is None, url
    articles = [job.url for job in jobs if job.template == "article.html"]
    assert all(read_alias(url, "en", config.languages)[0] == url for url in articles)


def test_an_alias_that_is_a_page_s_address_or_another_page_s_alias_is_not_served(
        project, english_article):
    """The page's own address wins over an alias; of two pages claiming one alias, the first in
    path order (``another.md``, though written after). Each loser is a located error, and its
    page is published."""
    talks(project, english_article, aliases=[URL, RU_URL, "/en/old-talks/"])
    project.page("en/2020/04/another.md", **english_article(
        title="Another", translation_key="another", aliases=["/en/old-talks/", "/en/mine/"]))
    report = build(project.config())
    found = {(d.path, d.line, d.severity, d.code, d.message) for d in report.diagnostics}
    another, mine = "content/articles/en/2020/04/another.md", f"content/articles/{PAGE}"
    line = aliases_line(project, PAGE)
    assert found == {
        (mine, line, Severity.ERROR, "alias-taken",
         f"alias /en/old-talks/ is already an alias of {another}; it is not served here"),
        (mine, line, Severity.ERROR, "alias-taken",
         f"alias {RU_URL} is the address of content/articles/{RU_PAGE}; it is not served"),
        (mine, line, Severity.ERROR, "alias-taken",
         f"alias {URL} is this page's own address; it is not served"),
    }
    assert {o.fate for o in report.outcomes} == {Fate.PUBLISHED}
    assert "/en/2020/04/another/" in site_file(project, "/en/old-talks/")
    assert "/en/2020/04/another/" in site_file(project, "/en/mine/")
    assert "Визит министра" in site_file(project, RU_URL)  # the page, not an alias on it


def test_one_alias_written_twice_is_served_once_with_a_warning(project, english_article):
    talks(project, english_article, aliases=["2020/04/talks", "/en/2020/04/talks/"])
    report = build(project.config())
    [warning] = report.diagnostics
    assert (warning.code, warning.severity, warning.line) == (
        "alias-repeated", Severity.WARNING, aliases_line(project, PAGE))
    assert "/en/2020/04/talks/ is listed twice" in warning.message
    assert (project.root / "site/_redirects").read_text().count("/en/2020/04/talks/ ") == 1


def test_an_alias_added_then_removed_comes_and_goes_as_a_clean_build_has_it(
        project, english_article, tmp_path):
    talks(project, english_article)
    build(project.config())
    steps = [["/en/2020/04/talks/"], ["/en/2020/04/talks/", "/en/2020/03/older/"],
             ["/en/2020/03/older/"], []]
    for number, aliases in enumerate(steps):
        talks(project, english_article, aliases=aliases)
        assert build(project.config()).published
        site = tree(project.root / "site")
        assert site == clean_build(project, tmp_path / f"clean-{number}")
        assert ("en/2020/04/talks/index.html" in site) == ("/en/2020/04/talks/" in aliases)
        assert ("en/2020/03/older/index.html" in site) == ("/en/2020/03/older/" in aliases)
        assert ("_redirects" in site) == bool(aliases)
    assert not (project.root / "site/en/2020/04/talks").exists()  # its folder too
    assert not (project.root / "site/en/2020/03").exists()


def test_digest_check_follows_an_alias_and_does_not_count_two_aliases_as_one_title(
        project, english_article):
    """Two aliases of one page are named after it (noindex pages, in no search results); the
    address the refresh leads to is a link like any other."""
    talks(project, english_article, aliases=["/en/2020/04/talks/", "/en/2020/03/talks/"])
    build(project.config())
    config = project.config()
    site = project.root / "site"
    assert check(site, "site", config.base_url, config.languages).diagnostics == ()
    alias = site / "en/2020/03/talks/index.html"
    alias.write_text(alias.read_text().replace(f"url={URL}", "url=/en/2020/04/gone/"))
    [broken] = check(site, "site", config.base_url, config.languages).diagnostics
    assert (broken.path, broken.code) == ("site/en/2020/03/talks/index.html", "broken-link")


def test_a_draft_s_aliases_are_served_only_where_it_is(project, english_article):
    """A draft is out of the site, and so are its aliases; the preview shows both."""
    talks(project, english_article, aliases=["/en/2020/04/talks/"], draft=True)
    report = build(project.config())
    assert report.diagnostics == ()
    assert not (project.root / "site/_redirects").exists()
    assert not (project.root / "site/en/2020/04/talks").exists()
    preview = Session(persist=False).build(replace(project.config(), drafts=True))
    assert preview.published
    assert URL in site_file(project, "/en/2020/04/talks/")


PARTS = st.sampled_from(["/", "/", "en", "ru", "de", "topics", "search", "2020", "04", "4",
                         "index.html", "feed.xml", "assets", "_redirects", ".", "..", "-", "~",
                         "x", "a.b", "?", "#", "%", "\\", " ", "\n", "é", ":", "//"])


@settings(max_examples=400, deadline=None)
@given(st.lists(PARTS, max_size=8).map("".join) | st.text(max_size=12))
def test_the_editors_schema_accepts_an_alias_exactly_when_the_build_does(text):
    """The JSON Schema's patterns (builder/formats/aliases.py) against the build's own reading,
    for text made of the parts that matter and for any text at all."""
    schema = jsonschema.Draft202012Validator(schema_patterns(("en", "ru")))
    assert schema.is_valid(text) == (read_alias(text, "en", ("en", "ru"))[0] is not None), text
