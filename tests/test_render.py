"""builder.render with the real templates and catalogs: chrome in the page's language."""

from __future__ import annotations

import re

import pytest

from builder.i18n import load_catalogs
from builder.index import build_model
from builder.plan import plan_site
from builder.read import read_articles
from builder.render import Renderer


def render_pages(project) -> dict[str, str]:
    config = project.config()
    catalogs = load_catalogs(config)
    result = read_articles(config, catalogs.fragment_languages)
    model, _ = build_model(result.articles, config)
    renderer = Renderer(config, model, catalogs)
    # HTML pages only: feeds (tests/test_feeds.py) declare their language as XML or JSON does.
    return {job.url: renderer.render(job).content.decode() for job in plan_site(model, config)
            if job.template != "search.html" and job.output.endswith(".html")}


@pytest.fixture
def pages(project, english_article):
    project.page("en/2020/04/briefing.md", "## Talks\n\nText <script>x</script>.",
                 **english_article(title="Briefing <i>one</i>", translation_key="briefing"))
    project.page("ru/2020/04/brifing.md", **english_article(
        title="Брифинг", lang="ru", translation_key="briefing", translated_from="en"))
    for day in (1, 2, 3, 4, 5):
        project.page(f"en/2020/05/wire-{day}.md", **english_article(
            title=f"Wire {day}", date=f"2020-05-0{day}", translation_key=f"wire-{day}",
            outlet="tass", topics=["uzbekistan"] if day < 3 else ["central-asia"]))
    return render_pages(project)


def test_every_page_declares_its_language(pages):
    for url, html in pages.items():
        if url.startswith("/ru/"):
            assert '<html lang="ru">' in html, url
        elif url.startswith("/en/"):
            assert '<html lang="en">' in html, url


def plain_spaces(html: str) -> str:
    """CLDR puts a narrow no-break space in "2020 г."; compare as a reader sees it."""
    return html.replace("\u202f", " ").replace("\xa0", " ")


def test_russian_chrome_has_russian_dates_month_names_and_plural_forms(pages):
    article = plain_spaces(pages["/ru/2020/04/brifing/"])
    assert "17 апреля 2020 г." in article
    assert "Поиск" in article and "Темы" in article
    month = pages["/ru/2020/05/"]
    assert "<h1>Май 2020</h1>" in month
    assert "5 материалов" in month
    topics = pages["/ru/topics/"]
    assert "2 материала" in topics  # uzbekistan: wires 1 and 2
    assert re.search(r"ОДКБ</a> <span class=\"count\">1 материал</span>", topics)


def test_english_plurals(pages):
    assert "5 items" in pages["/en/2020/05/"]
    assert "1 item<" in pages["/en/2020/04/"]


def test_an_english_only_item_is_listed_in_russian_with_a_language_badge(pages):
    month = pages["/ru/2020/05/"]
    assert 'href="/en/2020/05/wire-1/" hreflang="en" lang="en">Wire 1</a>' in month
    assert '<span class="badge">на английском</span>' in month


def test_the_language_switch_goes_between_versions_of_the_same_article(pages):
    english = pages["/en/2020/04/briefing/"]
    assert '<a href="/ru/2020/04/brifing/" hreflang="ru" lang="ru" data-language="ru">Русский</a>' in english
    assert '<link rel="alternate" hreflang="ru" href="https://digest-sample.netlify.app/ru/2020/04/brifing/">' in english
    russian = pages["/ru/2020/04/brifing/"]
    assert "Переведено для дайджеста; язык оригинала: английский." in russian


def test_titles_and_bodies_are_escaped(pages):
    english = pages["/en/2020/04/briefing/"]
    assert "<i>one</i>" not in english and "Briefing &lt;i&gt;one&lt;/i&gt;" in english
    assert "<script>x</script>" not in english


def test_the_root_page_offers_every_language(pages):
    root = pages["/"]
    assert 'href="/en/"' in root and 'href="/ru/"' in root
    assert "Дайджест" in root


def test_the_home_pages_and_the_language_choice_name_each_other_as_x_default(pages):
    base = "https://digest-sample.netlify.app"
    for lang in ("en", "ru"):
        assert f'hreflang="x-default" href="{base}/"' in pages[f"/{lang}/"]
    assert f'hreflang="x-default" href="{base}/en/topics/"' in pages["/ru/topics/"]
    root = pages["/"]
    assert f'hreflang="en" href="{base}/en/"' in root and f'hreflang="x-default" href="{base}/"' in root


def test_a_cached_partial_renders_once_per_values_and_sees_only_its_values_and_globals():
    import jinja2
    from markupsafe import Markup

    from builder.render import cached_partials

    rendered: list[object] = []
    env = jinja2.Environment(autoescape=True, loader=jinja2.DictLoader({
        "partial.html": "{{ note(value) }}<b>{{ value }}</b> {{ lang }} {{ secret is defined }}",
        "page.html": "{% set secret = 1 %}[{{ partial_cached('partial.html', value=value) }}]",
    }))
    env.globals.update(lang="en", note=lambda value: rendered.append(value) or "",
                       partial_cached=cached_partials(env))
    page = env.get_template("page.html")

    first = page.render(value="<i>a</i>")
    assert first == "[<b>&lt;i&gt;a&lt;/i&gt;</b> en False]"  # escaped once, no page variables
    assert page.render(value="<i>a</i>") == first
    assert rendered == ["<i>a</i>"]  # the second page took the first one's text
    assert page.render(value=("b",)) == "[<b>(&#39;b&#39;,)</b> en False]"
    assert rendered == ["<i>a</i>", ("b",)]
    for _ in range(2):  # a value that cannot be a key: rendered every time, all the same
        assert page.render(value=["c"]) == "[<b>[&#39;c&#39;]</b> en False]"
    assert rendered[2:] == [["c"], ["c"]]
    assert isinstance(env.globals["partial_cached"]("partial.html", value="d"), Markup)
