"""builder.search with the real Pagefind, no browser: what goes into the index, per language.

In: small bilingual projects built with ``search=True``. Out: assertions on the bundle Pagefind
wrote to ``site/pagefind/``, read back without a browser. Pagefind's files are gzip (or plain)
data behind a ``pagefind_dcd`` signature: fragments are JSON (one per page: its URL, the text
that was indexed, its metadata), index chunks are CBOR (each word with the pages it is in),
decoded here by a few lines of CBOR. Words are stored as Pagefind searches them: lower-cased,
diacritics folded (ё -> е, й -> и), then Snowball-stemmed in the page's language, which
:func:`term` reproduces with the same Snowball stemmers.

The index is written in shards, one Pagefind bundle per language and year under
``site/pagefind/<lang>-<year>/``, listed in ``site/pagefind/shards.json``; the bundle at the top
of ``site/pagefind/`` holds the browser side and an empty index per language. The helpers below
read a language's pages, words and filters over all of its shards.

What a search *query* finds (an inflected Russian form finding another form of the word, the
UI and its language, merged shards giving the results of one whole index) is tested in a real
browser in tests/test_browser.py.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import re
import shutil
import threading
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import snowballstemmer
from babel.support import Translations

from builder.diagnostics import Report
from builder.i18n import Catalogs, Fragment, LocaleCatalogs, load_catalogs
from builder.index import build_model
from builder.model import Article, SiteModel
from builder.read import read_articles
from builder.search import ForeignRecord, SearchResult, cbor, fragment_records, index_site
from builder.search.records import item_records
from builder.search import shards as shards_module
from builder.search.bundle import WORD_END
from builder.session import build

SIGNATURE = b"pagefind_dcd"
LANGUAGES = {"en": "english", "ru": "russian"}
ARTICLE_URLS = {"/en/2020/04/talks/", "/en/2020/04/vaccines/", "/ru/2020/04/peregovory/"}


# --- Reading Pagefind's output -----------------------------------------------------------------

def _payload(path: Path) -> bytes:
    data = path.read_bytes()
    if not data.startswith(SIGNATURE):
        data = gzip.decompress(data)
    assert data.startswith(SIGNATURE), f"{path} is not a Pagefind file"
    return data[len(SIGNATURE):]


def entry(bundle: Path) -> dict[str, Any]:
    return json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))


def manifest(site: Path) -> dict[str, Any]:
    return json.loads((site / "pagefind" / "shards.json").read_text(encoding="utf-8"))


def shards(site: Path) -> dict[str, list[str]]:
    """Language -> the names of its shards, as shards.json lists them (newest first)."""
    return {lang: [shard["name"] for shard in listed]
            for lang, listed in manifest(site)["languages"].items()}


def bundles(site: Path) -> list[Path]:
    """The primary bundle and every shard's folder."""
    return [site / "pagefind", *(site / "pagefind" / name
                                 for names in shards(site).values() for name in names)]


def page_counts(site: Path) -> dict[str, int]:
    """Language -> pages (and records) in its indexes, over every bundle."""
    counts: dict[str, int] = {}
    for bundle in bundles(site):
        for lang, info in entry(bundle)["languages"].items():
            counts[lang] = counts.get(lang, 0) + info["page_count"]
    return {lang: count for lang, count in counts.items() if count}


def fragments(site: Path, lang: str) -> list[dict[str, Any]]:
    """Every page in ``lang``'s indexes: url, content (the indexed text), meta."""
    return [json.loads(_payload(path)) for bundle in bundles(site) for path in
            sorted((bundle / "fragment").glob(f"{lang}_*.pf_fragment"))]


def index_words(site: Path, lang: str) -> set[str]:
    """Every word in ``lang``'s index chunks (stems, and originals with diacritics), without the
    mark that seals each stem (checked here for every one)."""
    words: set[str] = set()
    for bundle in bundles(site):
        for path in (bundle / "index").glob(f"{lang}_*.pf_index"):
            data = _payload(path)
            (chunk,) = cbor.decode(data)  # raises unless the file is exactly one CBOR item
            for word, _pages, variants in chunk:
                assert word.endswith(WORD_END), f"{word!r} in {path} is not sealed"
                words.add(word.removesuffix(WORD_END))
                words.update(variant[0] for variant in variants)
    return words


def term(word: str, lang: str) -> str:
    """``word`` as Pagefind indexes it: lower case, diacritics folded, Snowball stem."""
    folded = "".join(c for c in unicodedata.normalize("NFD", word.lower())
                     if not unicodedata.combining(c))
    return snowballstemmer.stemmer(LANGUAGES[lang]).stemWord(folded)


# --- A small bilingual site, indexed once for the module ---------------------------------------

@pytest.fixture(scope="module")
def indexed(module_project: Any) -> tuple[Path, Report]:
    front = {"date": "2020-04-17", "outlet": "mfa", "topics": ["csto"]}
    module_project.page(
        "en/2020/04/talks.md",
        "Foreign ministers of Russia and Uzbekistan discussed cooperation.",
        title="Talks with Uzbekistan", lang="en", translation_key="talks", place="Samarkand",
        summary="Ministers met.", **front)
    module_project.page(
        "en/2020/04/vaccines.md", "Deliveries of vaccines continued.",
        title="Vaccine deliveries", lang="en", translation_key="vaccines",
        summary="Deliveries went on.", **front)
    module_project.page(
        "ru/2020/04/peregovory.md", "Министры обсудили сотрудничество с Узбекистаном.",
        title="Переговоры в Ташкенте", lang="ru", translation_key="talks", place="Самарканд",
        summary="Министры встретились.", **front)
    report = build(module_project.config(search=True))
    assert report.published and not report.errors, report.render_text()
    return module_project.root / "site", report


def test_each_language_and_year_is_a_shard_holding_that_languages_pages_only(indexed):
    site, _ = indexed
    assert shards(site) == {"en": ["en-2020"], "ru": ["ru-2020"]}
    # In Russian: the Russian page, and the record of the item with no Russian version.
    for name, lang, count in (("en-2020", "en", 2), ("ru-2020", "ru", 2)):
        shard = entry(site / "pagefind" / name)["languages"]
        assert {code: info["page_count"] for code, info in shard.items()} == {lang: count}
    assert page_counts(site) == {"en": 2, "ru": 2}
    assert all(page["url"].startswith("/en/") for page in fragments(site, "en"))
    assert sorted(page["url"] for page in fragments(site, "ru")) == [
        "/en/2020/04/vaccines/#main", "/ru/2020/04/peregovory/"]
    assert term("Uzbekistan", "en") in index_words(site, "en")
    assert term("Uzbekistan", "en") not in index_words(site, "ru")
    assert term("сотрудничество", "ru") not in index_words(site, "en")


def test_only_article_pages_are_indexed_and_the_build_reports_how_many(indexed):
    site, report = indexed
    urls = {page["url"] for lang in ("en", "ru") for page in fragments(site, lang)}
    # Not the home, topic, archive, search or 404 pages; the English item with no Russian
    # version is a record of the Russian index too, which the report does not count as a page.
    assert urls == {*ARTICLE_URLS, "/en/2020/04/vaccines/#main"}
    assert report.search_indexed == len(ARTICLE_URLS)


def test_words_of_article_bodies_and_titles_are_in_the_index_of_their_language(indexed):
    site, _ = indexed
    english, russian = index_words(site, "en"), index_words(site, "ru")
    for word in ("Uzbekistan", "cooperation", "vaccines", "Deliveries", "Talks"):
        assert term(word, "en") in english, word
    for word in ("Министры", "сотрудничество", "Узбекистаном", "Ташкенте"):
        assert term(word, "ru") in russian, word
    [talks] = [page for page in fragments(site, "en") if page["url"] == "/en/2020/04/talks/"]
    assert talks["meta"]["title"] == "Talks with Uzbekistan"
    assert "Russia and Uzbekistan discussed cooperation" in talks["content"]


def test_russian_words_are_indexed_by_their_stem_so_other_forms_can_find_them(indexed):
    site, _ = indexed
    russian = index_words(site, "ru")
    # "Узбекистаном" (instrumental) is stored as the stem the query "Узбекистану" also has.
    assert term("Узбекистаном", "ru") == term("Узбекистану", "ru") == "узбекистан"
    assert "узбекистан" in russian and "узбекистаном" not in russian
    assert term("сотрудничество", "ru") == term("сотрудничеству", "ru") in russian


def test_text_marked_ignore_or_outside_the_article_body_is_not_indexed(indexed):
    site, _ = indexed
    english, russian = index_words(site, "en"), index_words(site, "ru")
    contents = " ".join(page["content"] for lang in ("en", "ru") for page in fragments(site, lang))
    # The dateline place is in the article header's data-pagefind-ignore line.
    assert "Samarkand" not in contents and term("Samarkand", "en") not in english
    assert "Самарканд" not in contents and term("Самарканд", "ru") not in russian
    # The site header, footer and language switch are outside data-pagefind-body.
    for word in ("bilingual", "Skip", "Latest", "Русский"):
        assert word not in contents
        assert term(word, "en") not in english
    assert term("двуязычный", "ru") not in russian


def test_the_primary_bundle_has_an_empty_index_and_the_webassembly_of_every_language(indexed):
    site, _ = indexed
    primary = entry(site / "pagefind")["languages"]
    assert {lang: (info["wasm"], info["page_count"]) for lang, info in primary.items()} == {
        "en": ("en", 0), "ru": ("ru", 0)}
    for lang in ("en", "ru"):
        meta = cbor.decode(_payload(site / "pagefind" / f"pagefind.{primary[lang]['hash']}.pf_meta"))
        assert meta[1:5] == [[], [], [], []]  # no pages, words, filters or sorts
        assert (site / "pagefind" / f"wasm.{lang}.pagefind").is_file()
    for folder in ("index", "fragment", "filter"):
        assert not (site / "pagefind" / folder).exists()
    # A shard holds data only: the browser side is the primary bundle's, in one place.
    assert sorted(path.name for path in (site / "pagefind" / "en-2020").iterdir()
                  if path.is_file()) == ["pagefind-entry.json",
                                         f"pagefind.{entry(site / 'pagefind' / 'en-2020')['languages']['en']['hash']}.pf_meta"]


def test_the_search_page_is_marked_ignored_and_loads_only_the_sites_own_files(indexed):
    site, _ = indexed
    for lang in ("en", "ru"):
        page = (site / lang / "search" / "index.html").read_text(encoding="utf-8")
        assert "data-pagefind-body" not in page and 'data-pagefind-ignore="all"' in page
        assert "<pagefind-input" in page and "<pagefind-results" in page
        assert "<noscript>" in page
        for url in ("/pagefind/pagefind-component-ui.js", "/pagefind/pagefind-component-ui.css",
                    "/assets/search.js", "/assets/search.css"):
            assert f'"{url}"' in page
            assert (site / url.lstrip("/")).is_file(), url
        # The UI's engine: Pagefind's own, with the shards merged and a sort (search-engine/).
        assert '<pagefind-config bundle-path="/assets/search-engine/">' in page
        assert (site / "assets" / "search-engine" / "pagefind.js").is_file()


def test_the_bundle_holds_the_component_ui_the_search_api_and_each_languages_wasm(indexed):
    site, _ = indexed
    bundle = site / "pagefind"
    for name in ("pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind.js",
                 "pagefind-worker.js", "wasm.en.pagefind", "wasm.ru.pagefind"):
        assert (bundle / name).is_file(), name


def test_a_site_without_articles_indexes_no_page_but_still_gets_the_search_ui(project):
    report = build(project.config(search=True))
    assert report.published and report.search_indexed == 0
    site = project.root / "site"
    assert shards(site) == {} and page_counts(site) == {}
    assert set(entry(site / "pagefind")["languages"]) == {"en", "ru"}  # empty, but searchable
    assert (site / "pagefind" / "pagefind-component-ui.js").is_file()


def _build_with_a_deadline(config: Any, seconds: float = 120) -> Report:
    """Run a build in a thread, failing the test (not hanging the suite) if it never ends."""
    result: list[Report] = []
    thread = threading.Thread(target=lambda: result.append(build(config)), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"the build did not finish within {seconds} s"
    return result[0]


@pytest.mark.skipif(os.name == "nt", reason="the stand-in Pagefind is a POSIX shell script")
def test_a_pagefind_process_that_dies_is_a_located_error_and_the_last_site_stays(
        project, english_article, monkeypatch, tmp_path):
    project.page("en/2020/04/good.md", **english_article())
    assert build(project.config(search=True)).published
    before = (project.root / "site" / "pagefind" / "shards.json").read_bytes()

    dying = tmp_path / "pagefind"
    dying.write_text("#!/bin/sh\necho 'pagefind: out of memory' >&2\nexit 3\n")
    dying.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(dying))
    report = _build_with_a_deadline(project.config(search=True))

    assert not report.published and report.exit_code() == 2
    [error] = report.errors
    assert (error.path, error.code) == ("site/pagefind", "search-index")
    assert "exit status 3" in error.message
    assert (project.root / "site" / "pagefind" / "shards.json").read_bytes() == before
    assert not (project.root / "site" / "pagefind" / ".work").exists()


def test_a_missing_pagefind_binary_is_a_located_error_that_says_where_it_comes_from(
        project, english_article, monkeypatch, tmp_path):
    project.page("en/2020/04/good.md", **english_article())
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    report = _build_with_a_deadline(project.config(search=True))
    [error] = report.errors
    assert str(error).startswith("site/pagefind: error: Pagefind could not index the site: "
                                 "cannot start Pagefind:")
    assert "pagefind[bin]" in error.message and "PAGEFIND_BINARY_PATH" in error.message


# --- A foreign passage, findable from its own language's search --------------------------------

HOTLINE = "mfa-repatriation-hotline"
"""A Russian fragment of this repository's catalogs (the MFA's repatriation hotline note)."""
HOTLINE_LINE = f'{{{{< fragment id="{HOTLINE}" lang="ru" >}}}}'
BRIEFING_URL = "/en/2020/04/briefing/"


def _briefing(project: Any, english_article: Any, *, russian: str | None = None) -> Report:
    """An English briefing with the hotline note, and optionally its Russian version's body."""
    project.page("en/2020/04/briefing.md",
                 f"The spokesperson answered questions.\n\n{HOTLINE_LINE}",
                 **english_article(title="Briefing by the spokesperson",
                                   translation_key="briefing"))
    if russian is not None:
        project.page("ru/2020/04/brifing.md", russian,
                     **english_article(title="Брифинг официального представителя", lang="ru",
                                       translation_key="briefing"))
    report = build(project.config(search=True))
    assert report.published and not report.errors, report.render_text()
    return report


def test_a_russian_passage_of_an_english_article_is_a_record_of_the_russian_index_at_its_anchor(
        project, english_article):
    report = _briefing(project, english_article)
    site = project.root / "site"
    [record] = [page for page in fragments(site, "ru") if "#fragment-" in page["url"]]
    assert record["url"] == f"{BRIEFING_URL}#fragment-{HOTLINE}"
    assert record["meta"]["title"] == \
        "Briefing by the spokesperson (материал на английском)"
    assert record["content"].startswith("По вопросам содействия в возвращении на Родину росграждан")
    assert record["content"].endswith("+7 (495) 587-88-60 – круглосуточно")  # no Markdown left
    # The anchor the record links to is on the English page.
    page = (site / BRIEFING_URL.strip("/") / "index.html").read_text(encoding="utf-8")
    assert f'<aside class="fragment" id="fragment-{HOTLINE}">' in page
    # The report counts pages, not passage records.
    assert report.search_indexed == 1


def test_the_passage_record_is_stemmed_as_russian_so_other_forms_of_its_words_find_it(
        project, english_article):
    _briefing(project, english_article)
    russian = index_words(project.root / "site", "ru")
    # The passage says "инфекции", "поддержки", "росграждан", "круглосуточно".
    assert term("инфекции", "ru") == term("инфекцию", "ru") == "инфекц"
    assert "инфекц" in russian and "инфекции" not in russian
    assert term("поддержки", "ru") == term("поддержку", "ru") in russian
    assert term("росграждан", "ru") in russian and term("круглосуточно", "ru") in russian


def test_the_english_page_with_the_passage_is_indexed_as_before(project, english_article):
    _briefing(project, english_article)
    site = project.root / "site"
    [page] = fragments(site, "en")
    assert page["url"] == BRIEFING_URL and page["meta"]["title"] == "Briefing by the spokesperson"
    assert "The spokesperson answered questions." in page["content"]
    assert "round the clock" in page["content"]  # the English translation of the passage
    assert "круглосуточно" in page["content"]  # and its original, shown beside it
    english = index_words(site, "en")
    assert term("clock", "en") in english
    # In the English index the Russian words are not stemmed as Russian: hence the record.
    assert term("круглосуточно", "ru") not in english
    assert page_counts(site) == {"en": 1, "ru": 2}  # Russian: the passage, and the item


def test_a_passage_the_russian_version_shows_itself_gets_no_record_so_it_is_found_once(
        project, english_article):
    report = _briefing(project, english_article,
                       russian=f"Официальный представитель ответила на вопросы.\n\n{HOTLINE_LINE}")
    [page] = fragments(project.root / "site", "ru")
    assert page["url"] == "/ru/2020/04/brifing/"  # the Russian version, not the English anchor
    assert "круглосуточно" in page["content"]
    assert report.search_indexed == 2


def test_a_passage_the_russian_version_leaves_out_still_gets_a_record(project, english_article):
    _briefing(project, english_article, russian="Официальный представитель ответила на вопросы.")
    urls = sorted(page["url"] for page in fragments(project.root / "site", "ru"))
    assert urls == [f"{BRIEFING_URL}#fragment-{HOTLINE}", "/ru/2020/04/brifing/"]


RU_SHOWN = (("date", "17 апреля 2020\u202fг."), ("outlet", "mfa"))
"""What a Russian result of an article of 17 April 2020 by an outlet "mfa" shows under its
title (no outlet of that key is known: the key stands for its name, as on its page)."""


def test_an_item_in_several_other_languages_gets_one_record_linking_the_first_in_site_order():
    catalogs = Catalogs(
        {lang: LocaleCatalogs(lang, Translations(), {}) for lang in ("en", "ru", "de")},
        {HOTLINE: Fragment(HOTLINE, "Звоните *круглосуточно*.", "ru")}, ())

    def article(lang: str, slug: str, key: str) -> Article:
        return Article(path=f"{slug}.md", lang=lang, slug=slug, title=slug.title(),
                       date=dt.date(2020, 4, 17), outlet="mfa", translation_key=key,
                       digest="", body_sha256="", body_line=1,
                       fragments=(HOTLINE,))  # as read from a body holding HOTLINE_LINE

    articles = [article("de", "briefing-de", "briefing"), article("en", "briefing", "briefing"),
                article("en", "alone", "alone"), article("ru", "samo", "samo")]
    model = SiteModel(
        articles={a.key: a for a in articles},
        translations={"briefing": {"en": ("en", "briefing"), "de": ("de", "briefing-de")},
                      "alone": {"en": ("en", "alone")}, "samo": {"ru": ("ru", "samo")}},
        indexes={}, topics={}, outlets={})
    records = fragment_records(model, catalogs)
    assert records == [
        ForeignRecord("ru", f"/en/2020/04/alone/#fragment-{HOTLINE}",
                       "Alone (article in English)", "Звоните круглосуточно.", "2020-04-17",
                       (("outlet", ("mfa",)), ("year", ("2020",))), RU_SHOWN),
        ForeignRecord("ru", f"/en/2020/04/briefing/#fragment-{HOTLINE}",
                       "Briefing (article in English)", "Звоните круглосуточно.",
                       "2020-04-17", (("outlet", ("mfa",)), ("year", ("2020",))), RU_SHOWN),
    ]  # not the German version of the briefing, nor the Russian page that has it natively


def test_an_item_with_no_version_in_a_language_is_a_record_of_that_languages_index():
    catalogs = Catalogs({lang: LocaleCatalogs(lang, Translations(), {}) for lang in ("en", "ru")},
                        {}, ())

    def article(lang: str, slug: str, key: str, **fields: Any) -> Article:
        return Article(path=f"{slug}.md", lang=lang, slug=slug, title=slug.title(),
                       date=dt.date(2020, 4, 17), outlet="mfa", translation_key=key,
                       digest="", body_sha256="", body_line=1, **fields)

    articles = [article("en", "briefing", "briefing"), article("ru", "brifing", "briefing"),
                article("en", "alone", "alone", summary="Ministers met.", place="MOSCOW"),
                article("ru", "samo", "samo")]
    model = SiteModel(
        articles={a.key: a for a in articles},
        translations={"briefing": {"en": ("en", "briefing"), "ru": ("ru", "brifing")},
                      "alone": {"en": ("en", "alone")}, "samo": {"ru": ("ru", "samo")}},
        indexes={}, topics={}, outlets={})
    filters = (("outlet", ("mfa",)), ("year", ("2020",)))
    assert item_records(model, catalogs) == [  # none for the item in both languages
        ForeignRecord("en", "/ru/2020/04/samo/#main", "Samo (article in Russian)",
                      "Samo", "2020-04-17", filters, (("date", "April 17, 2020"), ("outlet", "mfa"))),
        ForeignRecord("ru", "/en/2020/04/alone/#main", "Alone (article in English)",
                      "Alone\nMinisters met.", "2020-04-17", filters, RU_SHOWN),
    ]


def _bundle(site: Path) -> dict[str, bytes]:
    bundle = site / "pagefind"
    return {path.relative_to(bundle).as_posix(): path.read_bytes()
            for path in sorted(bundle.rglob("*")) if path.is_file()}


def test_two_builds_of_one_site_with_filters_write_byte_identical_search_bundles(
        project, english_article):
    # Many values per filter, so that Pagefind's hash-map order would show (issue 638): with
    # four topics and two outlets, two unordered builds differ nearly every time.
    topics = ["covid-19", "csto", "uzbekistan", "central-asia"]
    for number, (slug, title) in enumerate((("briefing", "Briefing"), ("another", "Another"),
                                            ("third", "Third"), ("fourth", "Fourth"))):
        project.page(f"en/{2019 + number % 2}/04/{slug}.md",
                     f"Questions were answered.\n\n{HOTLINE_LINE}",
                     **english_article(title=title, translation_key=slug,
                                       date=f"{2019 + number % 2}-04-17",
                                       outlet=("mfa", "tass")[number % 2],
                                       topics=topics[number:] + topics[:1]))
    project.page("ru/2020/04/peregovory.md", "Министры обсудили сотрудничество.",
                 **english_article(title="Переговоры", lang="ru", translation_key="talks",
                                   topics=topics))
    config = project.config(search=True)
    first = build(config)
    assert first.published and not first.errors, first.render_text()
    before = _bundle(project.root / "site")
    # The passages of 2019's briefings are in the Russian shard of 2019, with no Russian page.
    assert {name.rsplit("/", 1)[0] for name in before if name.endswith(".pf_filter")} == {
        "en-2019/filter", "en-2020/filter", "ru-2019/filter", "ru-2020/filter"}
    assert len([name for name in before if name.endswith(".pf_filter")]) == 12  # 3 per shard
    for _ in range(3):
        assert build(config).published
        after = _bundle(project.root / "site")
        assert sorted(after) == sorted(before)
        assert [name for name in before if before[name] != after[name]] == []
    # Four passages, four items with no Russian version, and the page.
    assert len(fragments(project.root / "site", "ru")) == 9


# --- Filters: topic, outlet, year, in each language's own words ---------------------------------

def filters(site: Path, shard: str) -> dict[str, dict[str, list[int]]]:
    """A shard's filters as the browser reads them: name -> value -> page numbers, following
    its pagefind-entry.json to its metadata and from it to each filter file."""
    bundle = site / "pagefind" / shard
    [(lang, info)] = entry(bundle)["languages"].items()
    meta_name = info["hash"]
    data = _payload(bundle / f"pagefind.{meta_name}.pf_meta")
    meta = cbor.decode(data)
    found = {}
    for name, file in meta[3]:
        assert re.fullmatch(rf"{lang}_[0-9a-f]{{7}}", file), file  # Pagefind's naming shape
        data = _payload(bundle / "filter" / f"{file}.pf_filter")
        (filter_name, values) = cbor.decode(data)
        assert filter_name == name
        assert [value for value, _ in values] == sorted(value for value, _ in values)
        found[name] = dict(values)
    assert list(found) == sorted(found)
    return found


def test_filter_files_hold_each_languages_topics_outlets_and_years_in_order(indexed):
    site, _ = indexed
    english, russian = filters(site, "en-2020"), filters(site, "ru-2020")
    assert english == {
        "outlet": {"Ministry of Foreign Affairs of the Russian Federation": [0, 1]},
        "topic": {"CSTO": [0, 1]}, "year": {"2020": [0, 1]}}
    assert russian == {  # the Russian page and the English item with no Russian version
        "outlet": {"Министерство иностранных дел Российской Федерации": [0, 1]},
        "topic": {"ОДКБ": [0, 1]}, "year": {"2020": [0, 1]}}


def test_every_file_the_metadata_names_exists_and_no_replaced_file_is_left(indexed):
    site, _ = indexed
    for bundle in bundles(site):
        languages = entry(bundle)["languages"]
        named = {f"pagefind.{info['hash']}.pf_meta" for info in languages.values()}
        assert {path.name for path in bundle.glob("*.pf_meta")} == named
        metas = [cbor.decode(_payload(bundle / name)) for name in named]
        for part, folder, suffix in ((1, "fragment", "pf_fragment"), (2, "index", "pf_index"),
                                     (3, "filter", "pf_filter")):
            referenced = {f"{row[-1] if part > 1 else row[0]}.{suffix}"
                          for meta in metas for row in meta[part]}
            present = {path.name for path in (bundle / folder).glob("*")}
            assert present == referenced, (bundle.name, folder)


def test_cbor_reencodes_every_pagefind_index_file_to_the_same_bytes(indexed):
    site, _ = indexed
    paths = [path for path in (site / "pagefind").rglob("*")
             if path.suffix in (".pf_meta", ".pf_filter", ".pf_index")]
    assert len(paths) > 6
    for path in paths:
        data = _payload(path)
        assert cbor.encode(cbor.decode(data)) == data, path.name


@pytest.mark.parametrize("data", [b"", b"\x82\x01", b"\x01\x02", b"\x63ab"])
def test_bytes_that_are_not_exactly_one_cbor_item_are_a_value_error(data):
    with pytest.raises(ValueError):
        cbor.decode(data)  # empty, cut short, a byte after the item, a text cut short


def test_a_passage_record_carries_its_articles_filters_in_its_own_language(
        project, english_article):
    _briefing(project, english_article)
    assert filters(project.root / "site", "ru-2020") == {  # the passage, and the item's record
        "outlet": {"Министерство иностранных дел Российской Федерации": [0, 1]},
        "topic": {"ОДКБ": [0, 1]}, "year": {"2020": [0, 1]}}


# --- "Also search in" the other languages ------------------------------------------------------

def test_each_search_page_offers_every_other_language_and_sets_no_language_choice(project):
    toml = project.read("digest.toml").replace('languages = ["en", "ru"]',
                                               'languages = ["en", "ru", "uk"]')
    project.write("digest.toml", toml)
    report = build(project.config())
    assert report.published, report.render_text()
    expected = {"en": [("/ru/search/", "in Russian"), ("/uk/search/", "in Ukrainian")],
                # a language the catalog has no phrase of its own for: its name, declined not
                "ru": [("/en/search/", "на английском"), ("/uk/search/", "на языке «украинский»")]}
    for lang, links in expected.items():
        page = (project.root / "site" / lang / "search" / "index.html").read_text(encoding="utf-8")
        block = re.search(r'<p class="search-elsewhere" hidden>(.*?)</p>', page, re.DOTALL)
        assert block, page
        found = re.findall(r'<a href="([^"]+)" hreflang="[a-z]+" data-search-elsewhere>([^<]+)</a>',
                           block[1])
        assert found == links
        assert "data-language" not in block[1]  # not a choice of the site's language
    assert "Искать также" in (project.root / "site/ru/search/index.html").read_text()


# --- Shards: one per language and year, re-indexed only when they change -----------------------

def _model(project: Any) -> tuple[SiteModel, Catalogs]:
    """The model and catalogs a build of ``project`` makes, for calling index_site directly."""
    config = project.config()
    catalogs = load_catalogs(config)
    read = read_articles(config, catalogs.fragment_languages)
    model, _ = build_model(read.articles, config)
    return model, catalogs


def _index_copy(project: Any, name: str, **options: Any) -> tuple[Path, SearchResult]:
    """Index a copy of the project's built site (its pages only) at ``name``."""
    site = project.root / name
    shutil.copytree(project.root / "site", site, ignore=shutil.ignore_patterns("pagefind"))
    model, catalogs = _model(project)
    return site, index_site(site, model, catalogs, **options)


def _years(project: Any, english_article: Any) -> None:
    """English and Russian items over three years, and Russian passages in 2019's English."""
    for year in (2019, 2020, 2021):
        for number, slug in enumerate(("talks", "visit")):
            body = f"Ministers met in {year} for the {slug}."
            if year == 2019 and slug == "talks":
                body += f"\n\n{HOTLINE_LINE}"
            project.page(f"en/{year}/0{number + 4}/{slug}-{year}.md", body,
                         **english_article(title=f"{slug.title()} {year}", date=f"{year}-0{number + 4}-10",
                                           translation_key=f"{slug}-{year}"))
        if year != 2019:
            project.page(f"ru/{year}/05/vstrecha-{year}.md", f"Министры встретились в {year} году.",
                         **english_article(title=f"Встреча {year}", lang="ru",
                                           date=f"{year}-05-12", translation_key=f"meet-{year}"))
    assert build(project.config()).published


def test_every_language_and_year_is_a_shard_and_a_passage_goes_to_its_articles_year(
        project, english_article):
    _years(project, english_article)
    site, result = _index_copy(project, "indexed")
    assert shards(site) == {"en": ["en-2021", "en-2020", "en-2019"],
                            "ru": ["ru-2021", "ru-2020", "ru-2019"]}
    assert set(result.shards) == {"primary", "en-2019", "en-2020", "en-2021",
                                  "ru-2019", "ru-2020", "ru-2021"}
    assert (result.shards_indexed, result.shards_reused) == (7, 0)
    # One passage, and the records of the six English and two Russian items with no version in
    # the other language.
    assert (result.pages_indexed, result.passages_indexed) == (8, 9)
    # Russian in 2019: the passage of the English briefing, and the two English items.
    records = sorted(json.loads(_payload(path))["url"] for path in
                     (site / "pagefind" / "ru-2019" / "fragment").glob("*.pf_fragment"))
    assert records == ["/en/2019/04/talks-2019/#fragment-mfa-repatriation-hotline",
                       "/en/2019/04/talks-2019/#main", "/en/2019/05/visit-2019/#main"]
    for name in ("en-2020", "ru-2021"):
        urls = [json.loads(_payload(path))["url"]
                for path in (site / "pagefind" / name / "fragment").glob("*.pf_fragment")]
        lang, year = name.split("-")
        other = {"en": "ru", "ru": "en"}[lang]  # an item with no version in ``lang``
        assert urls and all(url.startswith(f"/{lang}/{year}/")
                            or url.startswith(f"/{other}/{year}/") and url.endswith("/#main")
                            for url in urls)
    assert json.loads((site / "pagefind" / "shards.json").read_text())["fingerprints"] == \
        result.shards


def test_after_one_edit_only_its_shard_is_indexed_and_the_bundle_equals_a_fresh_one(
        project, english_article):
    _years(project, english_article)
    first_site, first = _index_copy(project, "first")
    project.page("en/2020/05/visit-2020.md", "Ministers met again, and agreed on a visit.",
                 **english_article(title="Visit 2020", date="2020-05-10",
                                   translation_key="visit-2020"))
    assert build(project.config()).published

    site, again = _index_copy(project, "again", previous=(first_site / "pagefind", first.shards))
    assert {name for name in again.shards if again.shards[name] != first.shards[name]} == \
        {"en-2020"}
    assert (again.shards_indexed, again.shards_reused) == (1, 6)
    fresh_site, fresh = _index_copy(project, "fresh")
    assert fresh.shards == again.shards
    assert _bundle(site) == _bundle(fresh_site)  # byte for byte, reused shards and all
    assert term("agreed", "en") in index_words(site, "en")
    # Reused files are the previous bundle's own (hard links); the edited shard's are new.
    for name in ("pagefind.js", "ru-2019/pagefind-entry.json", "en-2021/pagefind-entry.json"):
        assert (site / "pagefind" / name).samefile(first_site / "pagefind" / name), name
    assert not (site / "pagefind/en-2020/pagefind-entry.json").samefile(
        first_site / "pagefind/en-2020/pagefind-entry.json")
    assert not (site / "pagefind" / ".work").exists()


def test_a_shard_whose_files_are_missing_from_the_previous_bundle_is_indexed_again(
        project, english_article):
    _years(project, english_article)
    first_site, first = _index_copy(project, "first")
    [chunk] = (first_site / "pagefind" / "ru-2020" / "index").iterdir()
    chunk.unlink()
    site, again = _index_copy(project, "again", previous=(first_site / "pagefind", first.shards))
    assert again.shards == first.shards
    assert (again.shards_indexed, again.shards_reused) == (1, 6)
    assert _bundle(site) == _bundle(project.root / "first") | {
        f"ru-2020/index/{chunk.name}": (site / "pagefind/ru-2020/index" / chunk.name).read_bytes()}


def test_nothing_is_reused_when_the_fingerprints_or_the_bundle_do_not_match(
        project, english_article, monkeypatch):
    _years(project, english_article)
    first_site, first = _index_copy(project, "first")
    stale = {name: "0" * 64 for name in first.shards}  # another build's, say
    _, again = _index_copy(project, "again", previous=(first_site / "pagefind", stale))
    assert (again.shards_indexed, again.shards_reused) == (7, 0)
    # A new bundle format (or Pagefind version) changes every fingerprint.
    monkeypatch.setattr(shards_module, "FORMAT", shards_module.FORMAT + 1)
    _, newer = _index_copy(project, "newer", previous=(first_site / "pagefind", first.shards))
    assert (newer.shards_indexed, newer.shards_reused) == (7, 0)
    assert not set(newer.shards.items()) & set(first.shards.items())


def test_page_digests_the_build_knows_are_used_instead_of_reading_the_pages(
        project, english_article):
    _years(project, english_article)
    _, computed = _index_copy(project, "computed")
    _, given = _index_copy(project, "given",
                           page_digests={"ru/2021/05/vstrecha-2021/index.html": "changed"})
    assert {name for name in given.shards if given.shards[name] != computed.shards[name]} == \
        {"ru-2021"}


def test_unsharded_the_primary_bundle_holds_the_whole_index_of_each_language(
        project, english_article):
    _years(project, english_article)
    site, whole = _index_copy(project, "whole", sharded=False)
    assert shards(site) == {} and set(whole.shards) == {"primary"}
    assert {lang: info["page_count"] for lang, info in entry(site / "pagefind")["languages"].items()} \
        == {"en": 8, "ru": 9}  # Russian: two pages, the passage, six English items; English:
    # six pages, two Russian items
    sharded_site, _ = _index_copy(project, "sharded")
    for lang in ("en", "ru"):
        assert sorted(page["url"] for page in fragments(site, lang)) == \
            sorted(page["url"] for page in fragments(sharded_site, lang))


def test_the_date_sort_lists_a_shards_pages_by_date_not_by_address(project, english_article):
    # In one month, slugs in the opposite order of their dates.
    for slug, day in (("alpha", 28), ("bravo", 14), ("charlie", 3)):
        project.page(f"en/2020/04/{slug}.md", "Talks went on.",
                     **english_article(title=slug.title(), date=f"2020-04-{day:02d}",
                                       translation_key=slug))
    assert build(project.config(search=True)).published
    bundle = project.root / "site" / "pagefind" / "en-2020"
    [info] = entry(bundle)["languages"].values()
    meta = cbor.decode(_payload(bundle / f"pagefind.{info['hash']}.pf_meta"))
    urls = [json.loads(_payload(bundle / "fragment" / f"{fragment}.pf_fragment"))["url"]
            for fragment, _ in meta[1]]
    [(name, order)] = meta[4]
    assert name == "date"
    assert [urls[page] for page in order] == [
        "/en/2020/04/charlie/", "/en/2020/04/bravo/", "/en/2020/04/alpha/"]  # oldest first


def test_a_bundle_whose_webassembly_pagefind_left_empty_is_incomplete(project, english_article):
    """The browser side is checked too: an empty WebAssembly file would otherwise be kept, and
    reused by every later build, and search would not start in the browser."""
    from builder.search import bundle as search_bundle

    project.page("en/2020/04/good.md", **english_article())
    assert build(project.config(search=True)).published
    bundle = project.root / "site" / "pagefind"
    assert search_bundle.complete(bundle)
    wasm = sorted(bundle.glob("wasm.*.pagefind"))[0]
    data = wasm.read_bytes()
    wasm.write_bytes(b"")
    assert not search_bundle.complete(bundle)
    wasm.write_bytes(data[: len(data) // 2])
    assert not search_bundle.complete(bundle)


def test_a_bundle_pagefind_left_incomplete_is_written_again(project, english_article,
                                                           monkeypatch):
    """Pagefind's process can end before its writers have finished (an empty
    pagefind-entry.json, seen about once in fifty builds on a busy machine)."""
    from builder.search import bundle as search_bundle
    from builder.search import pagefind as search_pagefind

    project.page("en/2020/04/good.md", **english_article())
    real_complete = search_bundle.complete
    seen: list[str] = []

    def first_time_incomplete(bundle: Path) -> bool:
        seen.append(bundle.name)
        if seen.count(bundle.name) == 1:
            (bundle / search_bundle.ENTRY_FILE).write_bytes(b"")  # what was seen
        return real_complete(bundle)

    monkeypatch.setattr(search_bundle, "complete", first_time_incomplete)
    report = build(project.config(search=True))
    assert report.published and not report.errors, report.render_text()
    # Every bundle checked, found broken, written again (and again if Pagefind really left it
    # incomplete too, as it does about once in fifty builds on a busy machine).
    assert all(seen.count(name) >= 2 for name in seen)
    assert search_pagefind.ATTEMPTS >= 2
    entry = project.root / "site" / "pagefind" / search_bundle.ENTRY_FILE
    assert json.loads(entry.read_text(encoding="utf-8"))["languages"]


def test_bundles_are_shared_among_pagefind_processes_by_pages_each_share_in_order():
    from builder.search.pagefind import BundleJob, _shares

    jobs = [BundleJob(Path(name), ((f"{name}/*", pages),))
            for name, pages in [("primary", 0), ("en-2020", 900), ("en-2021", 300),
                                ("ru-2020", 500), ("ru-2021", 400)]]
    shares = _shares(jobs, 2)
    assert sorted(job.output.name for share in shares for job in share) == sorted(
        job.output.name for job in jobs)
    assert [[job.output.name for job in share] for share in shares] == [
        ["en-2020", "en-2021"], ["primary", "ru-2020", "ru-2021"]]  # 1,200 and 900 pages
    assert _shares(jobs, 1) == [jobs]
    assert _shares(jobs[:1], 4) == [jobs[:1]]


def test_a_bundle_whose_script_pagefind_cut_short_is_written_again(project, english_article,
                                                                    monkeypatch):
    """Pagefind's process can also end with a script of its browser side cut short (seen once:
    pagefind-worker.js ending mid-word); every bundle has the same browser side, so the shorter
    one is found and written again."""
    from builder.search import bundle as search_bundle
    from builder.search import pagefind as search_pagefind

    project.page("en/2020/04/good.md", **english_article())
    project.page("en/2021/04/later.md", **english_article(date="2021-04-17", title="Later",
                                                          translation_key="later"))
    real_settle = search_pagefind._settle
    whole: list[int] = []  # the primary bundle's script as Pagefind wrote it, each time

    def primary_cut_short_once(jobs, *rest):
        for job in jobs:
            if job.output.name == shards_module.PRIMARY:
                worker = job.output / "pagefind-worker.js"
                whole.append(worker.stat().st_size)
                if len(whole) == 1:
                    worker.write_bytes(worker.read_bytes()[:-100])
        return real_settle(jobs, *rest)

    monkeypatch.setattr(search_pagefind, "_settle", primary_cut_short_once)
    report = build(project.config(search=True))
    assert report.published and not report.errors, report.render_text()
    assert len(whole) == 2  # cut short, found out, written again
    published = project.root / "site" / "pagefind" / "pagefind-worker.js"
    assert published.stat().st_size == whole[0] == whole[1]
    assert search_bundle.complete(project.root / "site" / "pagefind")
