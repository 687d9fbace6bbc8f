"""``digest new``: a translation of an item or a new item, at its place, read back without a
word of complaint; never over an existing page; bad input is one line and nothing written."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from builder import scaffold
from builder.config import load_config
from builder.diagnostics import Fate, InputKind
from builder.formats.frontmatter import parse
from builder.index import build_model
from builder.read import read_articles
from builder.session import build

BRIEFING = ("The ministers met in Moscow.\n\n"
            "## CSTO cooperation against COVID-19\n\nThey agreed to exchange data.\n\n"
            "## Assistance to *Uzbekistan*\n\nRussia sent a plane of tests.\n\n"
            "```\n## not a heading: in a code block\n```\n")


def digest(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The ``digest`` command as the editor runs it."""
    return subprocess.run([sys.executable, "-m", "builder", "--project", str(root), *args],
                          capture_output=True, text=True, timeout=300, check=False,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"})


def articles_tree(root: Path) -> dict[str, bytes]:
    folder = root / "content/articles"
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture
def briefing(project, english_article):
    """An English briefing with two sections, and no Russian version yet."""
    project.page("en/2020/04/briefing.md", BRIEFING, **english_article(
        title="Briefing by the spokesperson", topics=["csto", "covid-19"]))
    return project


def test_a_translation_starts_with_the_originals_facts_and_its_headings(briefing):
    done = digest(briefing.root, "new", "--lang", "ru", "--translation-of", "test-item")

    assert (done.returncode, done.stdout, done.stderr) == (
        0, "content/articles/ru/2020/04/briefing.md\n", "")
    page = parse(briefing.read("content/articles/ru/2020/04/briefing.md"))
    [original] = read_articles(briefing.config(), {}).articles[:1]
    assert dict(page.data) == {
        "title": "Briefing by the spokesperson",
        "draft": True,  # out of the site until translated
        "date": "2020-04-17",
        "lang": "ru",
        "outlet": "mfa",
        "translation_key": "test-item",
        "translated_from": "en",
        "original_sha256": original.body_sha256,
        "topics": ["covid-19", "csto"],
    }
    assert page.body == ("\n## CSTO cooperation against COVID-19\n\n"
                         "## Assistance to *Uzbekistan*\n")


def test_a_translation_builds_linked_to_its_original_and_up_to_date(briefing):
    assert digest(briefing.root, "new", "--lang", "ru", "--translation-of",
                  "test-item").returncode == 0
    config = briefing.config()
    stub = "content/articles/ru/2020/04/briefing.md"
    report = build(config)  # the stub, in the other language's words: a draft, not published
    assert (InputKind.PAGE, stub, Fate.DRAFT) in {(o.kind, o.path, o.fate)
                                                  for o in report.outcomes}
    assert not (briefing.root / "site/ru/2020/04/briefing").exists()
    briefing.write(stub, briefing.read(stub).replace("draft: true\n", ""))  # translated

    report = build(config)

    assert report.published and not report.diagnostics
    assert (InputKind.PAGE, "content/articles/ru/2020/04/briefing.md", Fate.PUBLISHED,
            "/ru/2020/04/briefing/") in {(o.kind, o.path, o.fate, o.detail)
                                         for o in report.outcomes}
    model, diagnostics = build_model(read_articles(config, {}).articles, config)
    assert model.translations["test-item"] == {"en": ("en", "briefing"),
                                               "ru": ("ru", "briefing")}
    assert not model.outdated and not diagnostics
    russian = briefing.read("site/ru/2020/04/briefing/index.html")
    english = briefing.read("site/en/2020/04/briefing/index.html")
    assert f'hreflang="en" href="{config.base_url}/en/2020/04/briefing/"' in russian
    assert f'hreflang="ru" href="{config.base_url}/ru/2020/04/briefing/"' in english

    original = briefing.root / "content/articles/en/2020/04/briefing.md"
    original.write_text(original.read_text().replace("a plane of", "two planes of"))
    [outdated] = build(config).diagnostics
    assert (outdated.path, outdated.code) == ("content/articles/ru/2020/04/briefing.md",
                                              "translation-outdated")


def test_a_second_run_fails_and_leaves_the_page_as_it_was(briefing):
    args = ("new", "--lang", "ru", "--translation-of", "test-item")
    assert digest(briefing.root, *args).returncode == 0
    page = briefing.root / "content/articles/ru/2020/04/briefing.md"
    page.write_text(page.read_text() + "\nТекст перевода.\n")  # the editor's work
    before = articles_tree(briefing.root)

    again = digest(briefing.root, *args)

    assert again.returncode == 1 and again.stdout == ""
    assert again.stderr == ("digest new: error: 'test-item' has its 'ru' version already, "
                            "content/articles/ru/2020/04/briefing.md; edit that page\n")
    assert articles_tree(briefing.root) == before


def test_a_new_item_twice_fails_the_second_time_and_leaves_the_first(project):
    args = ("new", "--lang", "en", "--date", "2021-07-15", "Lavrov meets Komilov")
    assert digest(project.root, *args).returncode == 0
    before = articles_tree(project.root)

    again = digest(project.root, *args)

    assert again.returncode == 1 and again.stdout == ""
    assert again.stderr.startswith("digest new: error: an item has translation_key "
                                   "'2021-07-15-lavrov-meets-komilov' already")
    assert again.stderr.count("\n") == 1
    assert articles_tree(project.root) == before


@pytest.mark.parametrize(("args", "message"), [
    (("--lang", "ru", "--translation-of", "no-such-item"),
     "no article has translation_key 'no-such-item'"),
    (("--lang", "de", "--translation-of", "test-item"),
     "language 'de' is not one of the site's languages (en, ru) in digest.toml"),
    (("--lang", "en", "--translation-of", "test-item"),
     ("'test-item' is an item in 'en' only: translate it into another of the site's "
      "languages (ru)")),
    (("--lang", "en", "!!!"), "the title '!!!' gives no URL slug: it needs letters or digits"),
    (("--lang", "de", "A title"),
     "language 'de' is not one of the site's languages (en, ru) in digest.toml"),
    (("--lang", "en", "--date", "2020-02-30", "A title"),
     "date '2020-02-30' is not a date like 2020-04-17"),
    (("--lang", "en", "--date", "0001-01-01", "A title"),
     "date '0001-01-01' is before the year 1000"),
    (("--lang", "en", "--outlet", "nowhere", "A title"),
     "outlet 'nowhere' is not in content/outlets.yaml (mfa, tass, unknown)"),
    (("--lang", "ru", "--translation-of", "test-item", "A title"),
     ("a translation takes its title, date and outlet from the original: give "
      "--translation-of alone")),
    (("--lang", "en"), "give the new item's title, or --translation-of KEY"),
])
def test_bad_input_is_one_line_on_stderr_exit_code_1_and_nothing_written(briefing, args, message):
    before = articles_tree(briefing.root)

    done = digest(briefing.root, "new", *args)

    assert (done.returncode, done.stdout, done.stderr) == (1, "", f"digest new: error: {message}\n")
    assert articles_tree(briefing.root) == before
    assert not (briefing.root / ".digest-cache").exists()


def test_a_new_item_from_a_title_has_the_key_ingest_would_give_it_and_builds(project):
    done = digest(project.root, "new", "--lang", "en", "--date", "2021-07-15", "--outlet", "tass",
                  "Lavrov  meets\tKomilov")

    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == "content/articles/en/2021/07/lavrov-meets-komilov.md\n"
    assert project.read("content/articles/en/2021/07/lavrov-meets-komilov.md") == (
        "---\n# yaml-language-server: $schema=../../../../front-matter.schema.json\n"
        "title: Lavrov meets Komilov\ndate: 2021-07-15\nlang: en\noutlet: tass\n"
        "translation_key: tass-2021-07-15-lavrov-meets-komilov\ntopics: []\n---\n\n\n")

    translated = digest(project.root, "new", "--lang", "ru", "--translation-of",
                        "tass-2021-07-15-lavrov-meets-komilov")
    assert translated.stdout == "content/articles/ru/2021/07/lavrov-meets-komilov.md\n"
    report = build(project.config())
    assert report.published and not report.diagnostics
    assert {(o.path, o.fate) for o in report.outcomes} == {
        ("content/articles/en/2021/07/lavrov-meets-komilov.md", Fate.PUBLISHED),
        ("content/articles/ru/2021/07/lavrov-meets-komilov.md", Fate.DRAFT)}


def test_a_new_item_without_date_or_outlet_is_dated_today_and_names_no_outlet(project):
    """Today in the site's time zone (here one 14 hours ahead of UTC), the day a build runs on,
    so that a build the same day publishes the item instead of holding it as scheduled."""
    toml = project.root / "digest.toml"
    toml.write_text(toml.read_text().replace('"UTC"', '"Pacific/Kiritimati"'))
    days = {load_config(project.root).today()}
    done = digest(project.root, "new", "--lang", "ru", "Лавров встретился с Камиловым")
    days.add(load_config(project.root).today())  # either, should the test run across midnight

    front = parse(project.read(done.stdout.strip())).data
    today = dt.date.fromisoformat(front["date"])
    path = f"content/articles/ru/{today:%Y}/{today:%m}/lavrov-vstretilsya-s-kamilovym.md"
    assert today in days
    assert (done.returncode, done.stdout, done.stderr) == (0, f"{path}\n", "")
    assert dict(front) == {"title": "Лавров встретился с Камиловым", "date": f"{today}", "lang": "ru",
                           "translation_key": f"{today}-lavrov-vstretilsya-s-kamilovym",
                           "topics": []}
    report = build(project.config())
    assert report.published and not report.diagnostics
    assert {o.fate for o in report.outcomes} == {Fate.PUBLISHED}


# --- the pure functions -------------------------------------------------------------------------

def test_a_slug_is_unique_in_its_language_and_never_a_windows_device_name(
        project, english_article):
    project.page("en/2020/04/con.md", **english_article())  # published, with a warning
    project.page("ru/2020/04/con-2.md", **english_article(lang="ru", translation_key="other"))
    project.write("content/articles/ru/2019/01/con-3.md", "---\ntitle: [\n---\n")  # fails
    config = project.config()
    read = read_articles(config, {})
    assert [o.fate for o in read.outcomes].count(Fate.FAILED) == 1

    page = scaffold.translation("test-item", "ru", read, config)
    item = scaffold.new_item("Con", "en", dt.date(2021, 1, 2), None, read, config)

    assert page.path == "ru/2020/04/con-4.md"
    assert item.path == "en/2021/01/con-2.md"
    assert "translation_key: 2021-01-02-con\n" in item.text


def test_the_original_is_the_version_in_the_sites_first_language_else_the_first_by_path(
        project, english_article):
    toml = project.read("digest.toml")
    project.write("digest.toml", toml.replace('languages = ["en", "ru"]',
                                              'languages = ["ru", "en", "uk"]'))
    project.page("en/2020/04/item.md", "English words.", **english_article())
    project.page("ru/2020/04/item.md", "Русский текст.", **english_article(lang="ru"))
    project.page("en/2020/05/only.md", "English.", **english_article(translation_key="k2"))
    project.page("uk/2020/05/only.md", "Українською.", **english_article(
        lang="uk", translation_key="k2"))
    config = project.config()
    read = read_articles(config, {})

    first_language = parse(scaffold.translation("test-item", "uk", read, config).text).data
    by_path = parse(scaffold.translation("k2", "ru", read, config).text).data

    assert first_language["translated_from"] == "ru"  # though en/ comes first by path
    assert by_path["translated_from"] == "en"


def test_a_page_without_sections_is_translated_into_an_empty_body(project, english_article):
    project.page("en/2020/04/short.md", "One paragraph, no headings.", **english_article())
    config = project.config()

    page = scaffold.translation("test-item", "ru", read_articles(config, {}), config)

    assert page.text.endswith("---\n\n\n")
    assert parse(page.text).data["original_sha256"] == read_articles(
        config, {}).articles[0].body_sha256


def test_a_translation_of_an_item_whose_page_cannot_be_read_says_which_page(briefing):
    """The item exists, but its page is broken just now: "no article has it" alone would send
    the editor looking for a typo in the key."""
    page = briefing.root / "content/articles/en/2020/04/briefing.md"
    page.write_text(page.read_text().replace("title:", "title: [", 1))
    done = digest(briefing.root, "new", "--lang", "ru", "--translation-of", "test-item")
    assert done.returncode == 1
    assert done.stderr.startswith(
        "digest new: error: no article has translation_key 'test-item' among the pages that "
        "could be read; 1 could not, the first content/articles/en/2020/04/briefing.md:"), \
        done.stderr
