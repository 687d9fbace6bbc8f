"""Ingest in a build: a source that has its page costs nothing but the scan's stat.

What the previous build's ingest found is taken as it is while nothing it rested on changed
(``builder/ingest/memo.py``): a build with nothing new opens no source and runs no ingest, a
new source is the only one read, and whatever the editor does to sources, pages and the record,
every build says and writes what a build with no cache says and writes (the property test).
"""

from __future__ import annotations

import builtins
import contextlib
import datetime as dt
import io
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from builder.config import load_config
from builder.diagnostics import Fate, InputKind
from builder.ingest import run
from builder.session import Session, build
from builder.state import State
from builder.util import fingerprints

RECORD = "content/ingested.txt"
COUNTRIES = ("Uzbekistan", "Kazakhstan", "Tajikistan", "Armenia")
DAY = dt.date(2020, 4, 20)


def wire(number: int, variant: int = 0) -> str:
    """A wire of its own for each number (its own headline, so its own page); ``variant`` adds
    paragraphs, as an agency's later version of the story does."""
    country = COUNTRIES[number]
    later = "".join(f"\nThey will talk again in {month}.\n" for month in ("May", "June")[:variant])
    return (f"Russia and {country} agree on vaccine supplies\n\n"
            f"MOSCOW, April 17, 2020. /TASS/. Russia will supply {country} with test systems and "
            f"vaccines, the ministers said after talks in Moscow on Friday.\n\n"
            f"The sides also discussed flights home for citizens stranded abroad.\n{later}")


def source_fates(report) -> dict[str, tuple[Fate, str]]:
    return {o.path: (o.fate, o.detail) for o in report.outcomes if o.kind is InputKind.SOURCE}


def ingest_said(report) -> tuple[list, list]:
    """What a build's report says of the sources and the record, in its order."""
    return ([o for o in report.outcomes if o.kind is InputKind.SOURCE],
            [d for d in report.diagnostics if d.path.startswith(("content/sources/", RECORD))])


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def in_the_past(root: Path) -> None:
    """Every input saved long before the next build: their stamps vouch for them."""
    for path in [root / "digest.toml", *(root / "content").rglob("*")]:
        os.utime(path, (1_500_000_000, 1_500_000_000))


@pytest.fixture
def opened(monkeypatch) -> list[str]:
    """The sources and the record opened from now on, by their paths in ``content/``."""
    files: list[str] = []
    real_open = builtins.open

    def watched_open(file, *args, **kwargs):
        name = os.fspath(file) if isinstance(file, os.PathLike | str) else ""
        if "/content/sources/" in name or name.endswith("/" + RECORD):
            files.append(name.rsplit("/content/", 1)[1])
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", watched_open)
    monkeypatch.setattr(io, "open", watched_open)
    return files


@contextlib.contextmanager
def ingest_refused() -> Iterator[None]:
    """Inside, a build that runs ingest (rather than take what the last one found) fails."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(run, "ingest_sources", lambda *_a, **_k: pytest.fail("ingest ran"))
        yield


def edit_a_page(project) -> None:
    page = min((project.root / "content/articles").rglob("*.md"))
    page.write_text(page.read_text(encoding="utf-8") + "\nA paragraph more.\n", encoding="utf-8")


def test_a_build_with_nothing_new_opens_no_source_and_runs_no_ingest(project, opened):
    for number in range(3):
        project.write(f"content/sources/wire-{number}.txt", wire(number))
    first = build(project.config(), today=DAY)
    assert {fate for fate, _ in source_fates(first).values()} == {Fate.INGESTED}
    in_the_past(project.root)
    build(project.config(), today=DAY)  # every stamp new: compared by bytes
    edit_a_page(project)
    opened.clear()
    with ingest_refused():
        report = build(project.config(), today=DAY)
    assert report.published and report.pages_rendered
    assert opened == []
    assert source_fates(report) == {path: (Fate.KEPT, detail)
                                    for path, (_, detail) in source_fates(first).items()}
    assert "ingest" in dict(report.timings)


def test_the_build_right_after_one_that_ingested_reads_no_source_again(project, opened):
    """The pages and the record ingest wrote are new to the next build, within its racy
    window: the record is compared by its bytes, and no source is opened."""
    for number in range(2):
        project.write(f"content/sources/wire-{number}.txt", wire(number))
    in_the_past(project.root)  # dropped in a while ago
    first = build(project.config(), today=DAY)
    opened.clear()
    with ingest_refused():
        again = build(project.config(), today=DAY)
    assert not again.up_to_date
    assert [path for path in opened if path.startswith("sources/")] == []
    assert source_fates(again) == {path: (Fate.KEPT, detail)
                                   for path, (_, detail) in source_fates(first).items()}


def test_only_a_new_source_is_read_and_the_others_cost_their_stat(project, opened):
    for number in range(2):
        project.write(f"content/sources/wire-{number}.txt", wire(number))
    build(project.config(), today=DAY)
    in_the_past(project.root)
    build(project.config(), today=DAY)
    project.write("content/sources/wire-2.txt", wire(2))
    opened.clear()
    report = build(project.config(), today=DAY)
    assert source_fates(report)["content/sources/wire-2.txt"][0] is Fate.INGESTED
    assert {path for path in opened if path.startswith("sources/")} == {"sources/wire-2.txt"}


def test_a_changed_source_is_said_by_every_build_without_being_read_again(project, opened):
    source = project.write("content/sources/wire-0.txt", wire(0))
    build(project.config(), today=DAY)
    source.write_text(wire(0, variant=1), encoding="utf-8")  # the agency's later version
    in_the_past(project.root)
    assert [d.code for d in build(project.config(), today=DAY).warnings] == ["source-changed"]
    edit_a_page(project)
    opened.clear()
    with ingest_refused():
        report = build(project.config(), today=DAY)
    assert [d.code for d in report.warnings] == ["source-changed"] and opened == []


def test_a_source_saved_again_with_the_same_bytes_is_compared_not_ingested(project, opened):
    source = project.write("content/sources/wire-0.txt", wire(0))
    build(project.config(), today=DAY)
    in_the_past(project.root)
    build(project.config(), today=DAY)
    source.write_text(wire(0), encoding="utf-8")  # a save: a new stamp, the same bytes
    opened.clear()
    with ingest_refused():
        report = build(project.config(), today=DAY)
    assert source_fates(report)["content/sources/wire-0.txt"][0] is Fate.KEPT
    assert opened == ["sources/wire-0.txt"] and not report.warnings


def test_a_source_in_a_hidden_folder_is_passed_over_as_the_scan_passes_over_it(project):
    """Editors' noise is no input anywhere: a build would not even notice the file come."""
    project.write("content/sources/.drafts/wire-0.txt", wire(0))
    project.write("content/sources/wire-1.txt", wire(1))
    report = build(project.config(), today=DAY)
    assert list(source_fates(report)) == ["content/sources/wire-1.txt"]
    assert len(list((project.root / "content/articles").rglob("*.md"))) == 1


# --- every build says and writes what a build without a cache does ---------------------------


class Editor:
    """What an editor does to sources, pages and the record, with the paths a watcher sees."""

    def __init__(self, root: Path, past_times: bool):
        self.root, self.past_times = root, past_times
        self.clock = 1_500_000_000
        self.names = {number: f"wire-{number}.txt" for number in range(len(COUNTRIES))}
        self.deleted: dict[int, str] = {}
        """The text of each page deleted, by its source's number."""
        self.changed: set[str] = set()

    def _saved(self, path: Path) -> None:
        self.changed.add(path.relative_to(self.root).as_posix())
        if self.past_times and path.exists():
            self.clock += 1
            os.utime(path, (self.clock, self.clock))

    def _gone(self, path: Path) -> None:
        self.changed.add(path.relative_to(self.root).as_posix())

    def source(self, number: int) -> Path:
        return self.root / "content/sources" / self.names[number]

    def page(self, number: int) -> Path | None:
        """The page the record says the source became, if it is there."""
        record = self.root / RECORD
        if not record.is_file():
            return None
        ref = f"sources/{self.names[number]}\t"
        for line in record.read_text(encoding="utf-8").splitlines():
            if line.startswith(ref):
                page = self.root / "content" / line.split("\t")[1]
                return page if page.is_file() else None
        return None

    def write(self, number: int, variant: int) -> None:
        path = self.source(number)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(wire(number, variant), encoding="utf-8")
        self._saved(path)

    def delete(self, number: int) -> None:
        if self.source(number).exists():
            self.source(number).unlink()
            self._gone(self.source(number))

    def move(self, number: int) -> None:
        old = self.source(number)
        if old.exists():
            self.names[number] = ("2020/" if "/" not in self.names[number] else "") + \
                                 f"moved-{number}.txt"
            self.source(number).parent.mkdir(parents=True, exist_ok=True)
            old.rename(self.source(number))
            self._gone(old)
            self._saved(self.source(number))

    def copy(self, number: int) -> None:
        if self.source(number).exists():
            copy = self.root / f"content/sources/copy-{number}.txt"
            shutil.copyfile(self.source(number), copy)
            self._saved(copy)

    def delete_page(self, number: int) -> None:
        if (page := self.page(number)) is not None:
            self.deleted[number] = page.read_text(encoding="utf-8")
            page.unlink()
            self._gone(page)

    def restore_page(self, number: int) -> None:
        """A page deleted before, back from git, in another folder: its ``source:`` says whose
        it is."""
        if (text := self.deleted.pop(number, None)) is not None:
            path = self.root / f"content/articles/en/2020/05/restored-{number}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            self._saved(path)

    def move_page(self, number: int) -> None:
        if (page := self.page(number)) is not None and not page.stem.startswith("moved"):
            moved = page.with_name(f"moved-{page.name}")
            page.rename(moved)
            self._gone(page)
            self._saved(moved)

    def break_page(self, number: int) -> None:
        """A typo in the front matter, or its fix."""
        if (page := self.page(number)) is not None:
            text = page.read_text(encoding="utf-8")
            broken = "title: [" in text
            page.write_text(text.replace("title: [", "title: ") if broken
                            else text.replace("title: ", "title: [", 1), encoding="utf-8")
            self._saved(page)

    def edit_page(self, number: int) -> None:
        if (page := self.page(number)) is not None:
            page.write_text(page.read_text(encoding="utf-8") + "\nA paragraph more.\n",
                            encoding="utf-8")
            self._saved(page)

    def record(self, what: int) -> None:
        """The record deleted, or its last entry deleted by hand."""
        record = self.root / RECORD
        if not record.is_file():
            return
        if what == 0:
            record.unlink()
            self._gone(record)
            return
        lines = record.read_text(encoding="utf-8").splitlines(keepends=True)
        record.write_text("".join(lines[:-1] if not lines[-1].startswith("#") else lines),
                          encoding="utf-8")
        self._saved(record)

    def empty(self, on: int) -> None:
        """A source that fails every build while it is there."""
        self._there(self.root / "content/sources/empty.txt", "", on)

    def later(self) -> None:
        """The next day: every file of the project saved long before the next build, the pages
        and the record builds wrote too, so that their stamps vouch for them after it."""
        in_the_past(self.root)

    def folder_file(self, on: int) -> None:
        """Facts for the sources of a folder, one entry naming no source (said when a source
        of the folder is read)."""
        self._there(self.root / "content/sources/folder.meta.yaml",
                    "sources:\n  gone.txt:\n    year: 2020\n", on)

    def _there(self, path: Path, text: str, on: int) -> None:
        """``path`` written with ``text`` (``on``), or gone if it was there."""
        if on:
            path.write_text(text, encoding="utf-8")
            self._saved(path)
        elif path.exists():
            path.unlink()
            self._gone(path)

    def sidecar(self, number: int) -> None:
        path = self.source(number).with_name(self.source(number).name + ".meta.yaml")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("year: 2020\n", encoding="utf-8")
        self._saved(path)


source_number = st.integers(0, len(COUNTRIES) - 1)
step = st.one_of(
    st.tuples(st.just("write"), source_number, st.integers(0, 2)),
    st.tuples(st.sampled_from(["delete", "move", "copy", "delete_page", "restore_page",
                               "move_page", "break_page", "edit_page", "sidecar"]),
              source_number),
    st.tuples(st.just("record"), st.integers(0, 1)),
    st.tuples(st.sampled_from(["empty", "folder_file"]), st.integers(0, 1)),
    st.tuples(st.just("day"), st.sampled_from([DAY, dt.date(2021, 6, 1)])),
    st.tuples(st.sampled_from(["nothing", "later"])),
)


def watched(root: Path) -> dict[str, tuple[int, int, int]]:
    """Every file of ``content/`` with its stamp: what a watcher would see change."""
    return {p.relative_to(root).as_posix(): fingerprints.stamp(p.stat())
            for p in (root / "content").rglob("*") if p.is_file()}


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(step, min_size=1, max_size=6), past_times=st.booleans(),
       runner=st.sampled_from(["digest build", "one builder", "live preview"]))
@example(steps=[("delete_page", 0), ("restore_page", 0)], past_times=True,
         runner="digest build")
@example(steps=[("record", 0), ("record", 0)], past_times=False, runner="digest build")
@example(steps=[("folder_file", 1), ("empty", 1), ("later",), ("nothing",), ("write", 0, 0)],
         past_times=True, runner="digest build")
@example(steps=[("write", 2, 0), ("nothing",), ("write", 0, 1), ("edit_page", 1)],
         past_times=True, runner="live preview")
@example(steps=[("move", 0), ("copy", 1), ("empty", 1), ("day", dt.date(2021, 6, 1))],
         past_times=False, runner="one builder")
def test_every_build_says_and_writes_what_a_build_without_a_cache_does(
        project, tmp_path_factory, steps, past_times, runner):
    """``digest build`` loads its state from disk each time, one builder keeps it in memory,
    the live preview is also told what changed (what the editor saved, and what the build
    before wrote, as a watcher sees both). Before each build the project is copied and built
    with no cache; both builds must say the same of every source and the record, and leave
    the same pages and record."""
    root = tmp_path_factory.mktemp("memo")
    shutil.copytree(project.root, root, dirs_exist_ok=True)
    editor = Editor(root, past_times)
    for number in range(2):
        editor.write(number, 0)
    builder = Session(warm=runner == "live preview")
    day = [DAY]
    config = load_config(root).with_output(root / "site", search=False)
    seen = watched(root)  # a watcher also sees what each build writes
    assert builder.build(config, today=day[0]).published
    editor.changed.clear()
    for number, (kind, *args) in enumerate(steps):
        if kind == "day":
            day[0] = args[0]
        elif kind != "nothing":
            getattr(editor, kind)(*args)
        now = watched(root)
        told = sorted(editor.changed | {path for path in seen.keys() | now.keys()
                                        if seen.get(path) != now.get(path)})
        editor.changed.clear()
        clean = tmp_path_factory.mktemp(f"clean-{number}")
        for part in ("digest.toml", "content", "templates", "locales"):
            (shutil.copytree if (root / part).is_dir() else shutil.copy2)(root / part,
                                                                         clean / part)
        if runner == "digest build":
            builder = Session()
        seen = watched(root)
        report = builder.build(config, today=day[0],
                               changed=told if runner == "live preview" else None)
        expected = Session(State(), persist=False).build(
            load_config(clean).with_output(clean / "site", search=False), today=day[0])
        assert report.published and expected.published
        assert ingest_said(report) == ingest_said(expected), (kind, args)
        assert tree(root / "content") == tree(clean / "content"), (kind, args)
