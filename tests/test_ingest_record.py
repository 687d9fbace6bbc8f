"""``content/ingested.txt``: a source becomes a page once, whatever the editor then does to it.

An editor's day, each step a build as ``digest build`` runs it: a typo in a page's front matter
(it used to make a second page, ``-2``, and after the fix the editor's own page lost its
translation link), a page deleted on purpose (it came back), a page or a source moved, the same
file dropped in twice, a project from before the record, an ingest killed between writing the
page and the record, two editors' branches merged by git, and a record edited by hand or by
an attacker.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builder.diagnostics import Fate
from builder.ingest.record import Entry, parse_record, record_text
from builder.ingest.run import ingest_sources
from builder.session import build

RECORD = "content/ingested.txt"
WIRE = ("Russia and Uzbekistan agree on vaccine supplies\n\n"
        "MOSCOW, April 17, 2020. /TASS/. Russia will supply Uzbekistan with test systems and vaccines, "
        "the ministers said after talks in Moscow on Friday.\n\n"
        "The sides also discussed flights home for citizens stranded abroad.\n")
PAGE = "content/articles/en/2020/04/russia-and-uzbekistan-agree-on-vaccine-supplies.md"


def pages(project) -> list[str]:
    return sorted(p.relative_to(project.root).as_posix()
                  for p in (project.root / "content/articles").rglob("*.md"))


def fates(report) -> dict[str, tuple[Fate, str]]:
    return {o.path: (o.fate, o.detail) for o in report.outcomes if o.path.startswith(
        "content/sources/")}


@pytest.fixture
def ingested(project):
    """A project whose one source was ingested by a build."""
    project.write("content/sources/wire.txt", WIRE)
    report = build(project.config())
    assert fates(report) == {"content/sources/wire.txt": (Fate.INGESTED, PAGE)}
    return project


def test_the_record_names_the_page_and_the_source_s_hash(ingested):
    text = ingested.read(RECORD)
    assert text.startswith("# Which page each source became")
    [line] = [line for line in text.splitlines() if not line.startswith("#")]
    source, page, sha = line.split("\t")
    assert (source, page, len(sha)) == ("sources/wire.txt", PAGE.removeprefix("content/"), 64)


def test_a_typo_in_the_page_makes_no_second_page_and_the_fix_loses_nothing(ingested):
    page = ingested.root / PAGE
    good = page.read_text()
    page.write_text(good.replace("title: ", "title: [", 1))  # the YAML no longer parses
    report = build(ingested.config())
    assert fates(report)["content/sources/wire.txt"][0] is Fate.KEPT
    assert pages(ingested) == [PAGE]
    assert [d.code for d in report.errors] == ["front-matter-syntax"]
    page.write_text(good)
    report = build(ingested.config())
    assert report.exit_code(strict=True) == 0 and pages(ingested) == [PAGE]


def test_a_page_deleted_on_purpose_stays_deleted_until_forced(ingested):
    (ingested.root / PAGE).unlink()
    for _ in range(2):
        report = build(ingested.config())
        fate, detail = fates(report)["content/sources/wire.txt"]
        assert fate is Fate.KEPT and "deleted (ingest --force makes it again)" in detail
        assert pages(ingested) == [] and report.exit_code(strict=True) == 0
    result = ingest_sources(ingested.config(), [ingested.root / "content/sources/wire.txt"],
                            force=True)
    assert [o.fate for o in result.outcomes] == [Fate.INGESTED] and pages(ingested) == [PAGE]


def test_a_page_the_editor_moved_is_found_and_the_record_follows_it(ingested):
    moved = "content/articles/en/2020/04/vaccines-for-uzbekistan.md"
    (ingested.root / PAGE).rename(ingested.root / moved)
    report = build(ingested.config())
    assert fates(report)["content/sources/wire.txt"] == (Fate.KEPT, moved)
    assert pages(ingested) == [moved]
    assert "\tarticles/en/2020/04/vaccines-for-uzbekistan.md\t" in ingested.read(RECORD)


def test_a_source_moved_or_renamed_is_the_same_source(ingested):
    sources = ingested.root / "content/sources"
    (sources / "2020").mkdir()
    (sources / "wire.txt").rename(sources / "2020" / "tass-wire.txt")
    report = build(ingested.config())
    assert fates(report) == {"content/sources/2020/tass-wire.txt": (Fate.KEPT, PAGE)}
    assert pages(ingested) == [PAGE]
    record = ingested.read(RECORD)
    assert "sources/2020/tass-wire.txt\t" in record and "sources/wire.txt" not in record


def test_the_same_file_dropped_in_twice_is_ingested_once_and_said_every_build(ingested):
    ingested.write("content/sources/wire (1).txt", WIRE)
    for _ in range(2):
        report = build(ingested.config())
        assert fates(report)["content/sources/wire (1).txt"] == (Fate.KEPT, PAGE)
        [warning] = report.warnings
        assert (warning.path, warning.code) == ("content/sources/wire (1).txt",
                                                "source-duplicate")
        assert "the same bytes as sources/wire.txt" in warning.message
    assert pages(ingested) == [PAGE]


def test_a_project_from_before_the_record_or_an_ingest_killed_before_it_loses_nothing(
        ingested):
    """Either way the page is there and the record is not: the page's ``source:`` says whose
    it is, and the record is written from it."""
    before = ingested.read(RECORD)
    (ingested.root / RECORD).unlink()
    report = build(ingested.config())
    assert fates(report)["content/sources/wire.txt"] == (Fate.KEPT, PAGE)
    assert ingested.read(RECORD) == before and pages(ingested) == [PAGE]


def test_a_changed_source_is_said_and_the_page_kept(ingested):
    ingested.write("content/sources/wire.txt", WIRE + "\nA later paragraph.\n")
    report = build(ingested.config())
    assert [d.code for d in report.warnings] == ["source-changed"]
    assert pages(ingested) == [PAGE]


@pytest.mark.parametrize("line, why", [
    ("<<<<<<< HEAD", "not three fields"),
    ("sources/a.txt\tarticles/../../digest.toml\t", "is not a page in articles/"),
    ("sources/a.txt\t/etc/passwd.md\t", "is not a page in articles/"),
    ("sources/a.txt\tarticles/en/a.md\tnot-a-hash", "is not a SHA-256"),
    ('"unclosed\tarticles/en/a.md\t', "is not a quoted path"),
])
def test_a_line_that_is_no_entry_is_a_located_error_and_the_record_is_kept(
        ingested, line, why):
    text = ingested.read(RECORD) + line + "\n"
    ingested.write(RECORD, text)
    ingested.write("content/sources/other.txt", WIRE.replace("Uzbekistan", "Kazakhstan"))
    report = build(ingested.config())
    assert report.published
    [problem] = report.errors
    assert (problem.path, problem.line, problem.code) == (RECORD, 6, "ingest-record")
    assert why in problem.message
    assert ingested.read(RECORD) == text  # not rewritten: the editor's lines are not lost
    assert (ingested.root / "digest.toml").is_file()


def test_a_source_listed_twice_is_an_error_at_its_second_line(ingested):
    lines = ingested.read(RECORD).splitlines(keepends=True)
    ingested.write(RECORD, "".join(lines + [lines[-1]]))
    [problem] = build(ingested.config()).errors
    assert (problem.line, problem.code) == (len(lines) + 1, "ingest-record")


def test_two_branches_that_each_ingest_a_source_merge_without_conflict(ingested, tmp_path):
    """Git merges the record line by line (``merge=union`` in .gitattributes), and sources
    whose lines sort side by side are the case a plain merge would conflict on."""
    root = ingested.root
    for name in (".gitattributes", ".gitignore"):  # as a clone of the repository has them
        (root / name).write_bytes((Path(__file__).resolve().parent.parent / name).read_bytes())

    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(root), "-c", "user.name=Editor",
                               "-c", "user.email=editor@example.org", *args],
                              check=True, capture_output=True, text=True).stdout

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-q", "-m", "start")
    for branch, name, country in (("a", "wire-a.txt", "Kazakhstan"),
                                  ("b", "wire-b.txt", "Tajikistan")):
        git("checkout", "-q", "-b", branch, "main")
        ingested.write(f"content/sources/{name}", WIRE.replace("Uzbekistan", country))
        assert build(ingested.config()).published
        git("add", "-A")
        git("commit", "-q", "-m", f"ingest {name}")
    git("checkout", "-q", "a")
    git("merge", "-q", "--no-edit", "b")  # fails on a conflict
    report = build(ingested.config())
    assert {fate for fate, _ in fates(report).values()} == {Fate.KEPT}
    assert report.exit_code(strict=True) == 0 and len(pages(ingested)) == 3
    entries = [line for line in ingested.read(RECORD).splitlines() if not line.startswith("#")]
    assert len(entries) == 3 and entries == sorted(entries)


NAMES = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\0"),
                min_size=1, max_size=30)


@given(st.dictionaries(NAMES, st.tuples(NAMES.filter(lambda name: not {"/", "\\"} & set(name)),
                                        st.sampled_from(["", "a" * 64])), max_size=6))
def test_any_names_round_trip_through_the_record(named):
    """Tabs, line breaks (U+2028 too), quotes, ``#``: a source's name may hold anything."""
    entries = {f"sources/{source}": Entry(f"articles/en/{page}.md", sha)
               for source, (page, sha) in named.items()}
    read = parse_record(record_text(entries), RECORD)
    assert (read.entries, read.problems) == (entries, ())
