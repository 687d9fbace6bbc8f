"""Every message names a line where its file has lines, says the usual fix, and is said once.

The editor's trial found ``translation-duplicate``, ``translation-outdated``, ``sidecar-type``,
``date-from-published`` and ``date-missing`` without a line, a YAML error that did not say
"quote the value", and a dry run that printed each skipped source's reason twice.
"""

from __future__ import annotations

import pytest

from builder.cli import main
from builder.ingest.run import ingest_sources
from builder.session import build

WIRE = "Ministers meet in Moscow\n\n{date}The ministers met in Moscow and discussed trade.\n"


def located(report, code: str) -> list[tuple[str, int | None]]:
    return [(d.path, d.line) for d in report.diagnostics if d.code == code]


def test_a_translation_given_twice_or_outdated_is_located_at_its_key(project, english_article):
    project.page("en/2020/04/one.md", "Text.", **english_article(translation_key="same"))
    project.page("en/2020/04/two.md", "Text.", **english_article(title="Two",
                                                                 translation_key="same"))
    project.page("ru/2020/04/odin.md", "Текст.", **english_article(
        lang="ru", title="Один", translation_key="same", translated_from="en",
        original_sha256="0" * 64))
    report = build(project.config())
    [(path, line)] = located(report, "translation-duplicate")
    assert project.read(path).splitlines()[line - 1].startswith("translation_key:")
    [(path, line)] = located(report, "translation-outdated")
    assert project.read(path).splitlines()[line - 1].startswith("original_sha256:")


@pytest.mark.parametrize("name, text, key", [
    ("wire.txt.meta.yaml", "outlet: tass\ndate: 17 April\n", "date:"),
    ("wire.txt.meta.yaml", "outlet: tass\nmood: upbeat\n", "mood:"),
    ("wire.txt.meta.yaml", "lang: de\n", "lang:"),
    ("folder.meta.yaml", "defaults:\n  outlet: tass\n  year: twenty\n", "  year:"),
    ("folder.meta.yaml", "sources:\n  wire.txt:\n    topics: csto\n", "    topics:"),
    ("folder.meta.yaml", "sources: [wire.txt]\n", "sources:"),
])
def test_a_sidecar_s_wrong_fact_is_located_at_its_key(project, name, text, key):
    project.write("content/sources/wire.txt", WIRE.format(date="17 April 2020\n\n"))
    project.write(f"content/sources/{name}", text)
    result = ingest_sources(project.config())
    [problem] = result.diagnostics
    assert problem.path == f"content/sources/{name}" and problem.line is not None, problem
    assert project.read(problem.path).splitlines()[problem.line - 1].startswith(key), problem


def test_a_missing_date_is_located_where_the_text_starts(project):
    project.write("content/sources/wire.txt", WIRE.format(date=""))
    [problem] = ingest_sources(project.config()).diagnostics
    assert (problem.code, problem.line) == ("date-missing", 3)


@pytest.mark.parametrize("value", ["Lavrov: talks in Tashkent", "[Draft] Lavrov visits",
                                   "*Breaking* news", "@MFA_Russia says"])
def test_a_yaml_error_in_a_title_says_to_quote_it(project, value):
    project.write("content/articles/en/2020/04/page.md",
                  f"---\ntitle: {value}\ndate: 2020-04-17\n---\n\nBody.\n")
    [problem] = build(project.config()).errors
    assert (problem.code, problem.line) == ("front-matter-syntax", 2)
    assert problem.message.endswith(f'quote it: title: "{value}"')
    fixed = f'---\ntitle: "{value}"\ndate: 2020-04-17\n---\n\nBody.\n'
    project.write("content/articles/en/2020/04/page.md", fixed)
    assert build(project.config()).exit_code(strict=True) == 0


def test_a_yaml_error_in_a_long_value_says_to_quote_it_without_writing_it_out(project):
    value = "*" + "a long line of text, " * 100_000  # 2 MB on one line
    project.write("content/articles/en/2020/04/page.md",
                  f"---\ntitle: {value}\ndate: 2020-04-17\n---\n\nBody.\n")
    [problem] = build(project.config()).errors
    assert (problem.code, problem.line) == ("front-matter-syntax", 2)
    assert problem.message.endswith("if the value of 'title' is text, put it in double quotes")
    assert len(problem.message) < 300


def test_the_dry_run_says_each_problem_once(project, capsys):
    project.write("content/sources/wire.txt", WIRE.format(date=""))
    assert main(["--project", str(project.root), "ingest", "--dry-run",
                 str(project.root / "content/sources")]) == 0
    out = capsys.readouterr().out
    assert out.count("no date in the text") == 1, out
