"""An outlet written as a name where a key belongs: in a source's front matter or sidecar, or in
a page. Editors write "ERR News" or «РИА Новости» where ``outlet:`` wants a key; a key that
content/outlets.yaml refuses must never be suggested, nor written into a page."""

from __future__ import annotations

import pytest

from builder.config import KEY_PATTERN, load_config
from builder.ingest.outlets import as_key, outlet_advice, suggestion
from builder.session import build
from tests.test_ingest import ingest, the_page

STORY = ("Tallinn, 26 July 2020. The Centre Party promises to pay all its debts by the end of the "
         "year, its treasurer said on Sunday.\n\nThe party owes about one million euros.\n")


@pytest.mark.parametrize(("given", "key", "name"), [
    ("err-news", "err-news", None),  # a key stays as it is
    ("ERR News", "err-news", "ERR News"),
    ("Daily Planet (Metropolis)", "daily-planet-metropolis", "Daily Planet (Metropolis)"),
    ("РИА Новости", "ria", "РИА Новости"),  # a known outlet's name is its key
    ("RT на русском", "rt", "RT на русском"),
    ("Reuters", "reuters", "Reuters"),
    ("  ", "unknown", "  "),
])
def test_a_name_given_for_an_outlet_becomes_a_key_content_outlets_yaml_accepts(given, key, name):
    assert as_key(given, {}) == (key, name)
    assert KEY_PATTERN.match(as_key(given, {})[0])


@pytest.mark.parametrize(("given", "names"), [
    ("ERR News", {"ERR News"}), ("Daily Planet (Metropolis)", {"Daily Planet (Metropolis)"}),
    ("RT на русском", {"RT"})])  # a known outlet: its own names
def test_the_lines_suggested_for_a_name_load_as_content_outlets_yaml(project, given, names):
    project.write("content/outlets.yaml", suggestion(given) + "\n")
    config = load_config(project.root)  # raises on a key it refuses
    [(key, outlet)] = config.outlets.items()
    assert key == as_key(given, {})[0]
    assert set(outlet.names.values()) == names


@pytest.mark.parametrize("sidecar", [False, True])
def test_a_source_naming_its_outlet_gets_a_page_with_the_key_and_the_name(project, sidecar):
    front = "outlet: ERR News\ndate: 2020-07-26\ntitle: The Centre Party promises to pay its debts\n"
    if sidecar:
        project.write("content/sources/party.txt", STORY)
        project.write("content/sources/party.txt.meta.yaml", front)
    else:
        project.write("content/sources/party.md", f"---\n{front}---\n\n{STORY}")
    page = the_page(project, ingest(project))
    assert page.data["outlet"] == "err-news"
    assert page.data["outlet_name"] == "ERR News"


def test_a_source_naming_a_known_outlet_gets_its_key(project):
    project.write("content/sources/party.md",
                  f"---\noutlet: РИА Новости\ndate: 2020-07-26\ntitle: Партия обещает платить\n---\n\n"
                  f"{STORY}")
    page = the_page(project, ingest(project))
    assert page.data["outlet"] == "ria"


def test_a_page_with_a_name_for_its_outlet_is_told_the_key_and_the_rest_builds(
        project, english_article):
    project.page("en/2020/07/party.md", "The party owes about one million euros.",
                 **english_article(outlet="ERR News", translation_key="party"))
    project.page("en/2020/07/other.md", "Another story.",
                 **english_article(outlet="Ministry of Foreign Affairs of the Russian Federation",
                                   translation_key="other", title="Other"))
    report = build(project.config())
    assert report.published and not report.errors
    warned = {d.path: d.message for d in report.diagnostics if d.code == "outlet-unknown"}
    assert "write 'outlet: err-news' and 'outlet_name: ERR News'" in warned[
        "content/articles/en/2020/07/party.md"]
    # the sample's outlets.yaml names the ministry 'mfa': the page is told that key only
    assert warned["content/articles/en/2020/07/other.md"] == (
        "outlet 'Ministry of Foreign Affairs of the Russian Federation' is a name, not a key: write "
        "'outlet: mfa', its key in content/outlets.yaml")


def test_no_advice_for_an_outlet_content_outlets_yaml_has(project):
    config = load_config(project.root)
    assert all(outlet_advice(key, None, "", config.outlets) is None for key in config.outlets)


def test_an_outlet_the_project_lacks_is_said_by_the_dry_run_and_once_by_each_build(
        project, capsys):
    """An outside trial's dry run showed none of the 29 unknown outlets its build then named:
    ingest now says the lines to add as it writes (or would write) the page, and a build says
    them once, at the page."""
    from builder.cli import main

    project.write("content/sources/wire.txt", f"Centre Party promises to pay its debts\n\n{STORY}")
    project.write("content/sources/wire.txt.meta.yaml", "outlet: ERR News\ndate: 2020-07-26\n")
    assert main(["--project", str(project.root), "ingest", "--dry-run",
                 str(project.root / "content/sources")]) == 0
    said = capsys.readouterr().out
    assert said.count("[outlet-unknown]") == 1 and "err-news: {name: " in said
    for _ in range(2):
        report = build(project.config())
        [unknown] = [d for d in report.diagnostics if d.code == "outlet-unknown"]
        assert unknown.path.startswith("content/articles/en/2020/07/")
