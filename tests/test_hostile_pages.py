"""No page can take a build down: whatever its bytes, it is published or it is its own located
error, and the rest of the site is published.

The values that once stopped every build with a traceback (PyYAML raised ValueError for
impossible dates and offsets, RecursionError for a looping alias, and grew without bound on an
alias bomb), the values YAML 1.1 read otherwise than editors' tools do, then a property test:
arbitrary YAML documents and arbitrary bytes through the read stage.
"""

from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.cli import main
from builder.diagnostics import Fate
from builder.read import read_articles
from builder.session import build

PAGE = "content/articles/en/2020/04/probe.md"
GOOD = "title: A title\ndate: 2020-04-17\n"


def write(project, front: str, body: str = "Body.") -> None:
    project.write(PAGE, f"---\n{front}---\n\n{body}\n")


@pytest.mark.parametrize("front, code, line", [
    ("title: A\ndate: 2020-02-30\n", "front-matter-type", 3),
    ("title: A\ndate: 0000-01-01\n", "front-matter-type", 3),
    ("title: A\ndate: 0999-01-01\n", "front-matter-value", 3),
    (GOOD + "published: 2020-04-17 10:00:00+99:00\n", "front-matter-type", 4),
    (GOOD + "place: " + "9" * 5000 + "\n", "front-matter-syntax", 4),
    (GOOD + "place: 0x" + "f" * 4000 + "\n", "front-matter-syntax", 4),
    (GOOD + "place: 0o" + "7" * 5000 + "\n", "front-matter-syntax", 4),
    (GOOD + "place: 1e999999\n", "front-matter-syntax", 4),
    (GOOD + "loop: &a [1, *a]\n", "front-matter-syntax", 4),
    (GOOD + "a: &a [x, x, x, x]\nb: &b [*a, *a, *a, *a]\nc: [*b, *b, *b, *b]\n",
     "front-matter-syntax", 4),
    (GOOD + "title: Again\n", "front-matter-syntax", 4),
    (GOOD + "extra: !python/object/apply:os.system [echo]\n", "front-matter-syntax", 4),
])
def test_a_value_that_once_stopped_every_build_is_its_page_s_located_error(
        project, english_article, front, code, line):
    project.page("en/2020/04/good.md", **english_article())
    write(project, front)
    report = build(project.config())
    assert report.published and report.exit_code() == 1
    [failed] = [d for d in report.errors]
    assert (failed.path, failed.code, failed.line) == (PAGE, code, line)
    assert (project.root / "site/en/2020/04/good/index.html").is_file()


def test_values_are_read_as_yaml_1_2_reads_them(project):
    write(project, "title: 10:30\ndate: 2020-04-17\nplace: 010\ntranslation_key: 1_000\n"
                   "summary: Yes\n")
    [article] = read_articles(project.config(), {}).articles
    assert (article.title, article.place, article.translation_key, article.summary) == (
        "10:30", "10", "1_000", "Yes")


@pytest.mark.parametrize("command", [["topics"], ["outlets"], ["i18n", "status"],
                                     ["new", "--lang", "en", "A new item"]])
def test_the_commands_that_read_pages_say_what_is_wrong_without_a_traceback(
        project, english_article, capsys, command):
    project.page("en/2020/04/good.md", **english_article())
    write(project, "title: A\ndate: 2020-02-30\n")
    code = main(["--project", str(project.root), *command])
    captured = capsys.readouterr()
    assert code in (0, 1) and "Traceback" not in captured.out + captured.err


SCALARS = st.one_of(
    st.sampled_from(["~", "true", "yes", "010", "0o7", "0x1F", "1e3", ".inf", "10:30", "1_000",
                     "2020-04-17", "2020-02-30", "2020-04-17 10:00:00+99:00", "'quoted'",
                     '"\\u263a"', "!!str 5", "!tag x", "*alias", "&anchor x", "|\n  block",
                     "[a, b]", "{a: b}", "", "- x", "9" * 60]),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=20))
KEYS = st.one_of(st.sampled_from(["title", "date", "published", "lang", "outlet", "topics",
                                  "section_topics", "related", "summary", "place",
                                  "translated_from", "original_sha256", "source_url"]),
                 st.text(string.ascii_letters, min_size=1, max_size=8))


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(st.tuples(KEYS, SCALARS, st.integers(0, 4)), max_size=8))
def test_any_yaml_document_is_a_page_or_its_own_located_error(project, lines):
    front = "".join(f"{'  ' * indent}{key}: {value}\n" for key, value, indent in lines)
    write(project, front)
    assert_read_or_refused(project)


@settings(max_examples=200, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300), front=st.booleans())
def test_any_bytes_are_a_page_or_its_own_located_error(project, data, front):
    path = project.root / PAGE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes((b"---\n" if front else b"") + data)
    assert_read_or_refused(project)


def assert_read_or_refused(project) -> None:
    result = read_articles(project.config(), {})
    [outcome] = result.outcomes
    if outcome.fate is Fate.FAILED:
        error = result.diagnostics[-1]
        assert error.path == PAGE and error.code != "read-crash", error
        assert error.line is None or error.line >= 1
    else:
        assert [article.path for article in result.articles] == [PAGE]
