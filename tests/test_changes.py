"""builder.incremental: the scan of the inputs, and the one value that says what changed.

Each rule of the vocabulary in builder/incremental/changes.py, on scans made by hand or from a
small project: what is added, removed, changed (and why), renamed; the racy window; the
watcher's word; the environment; how a page's read changed.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import dataclass

from builder.incremental.changes import (
    NO_PREVIOUS_BUILD,
    RACY_WINDOW_NS,
    Days,
    Edit,
    InputRecord,
    Kind,
    days_of,
    detect,
)
from builder.incremental.environment import Environment, environment
from builder.incremental.inputs import Scan, rescan, scan_inputs

ENVIRONMENT = Environment("code", "config", "templates", "catalogs")
PAGE = "content/articles/en/2020/04/a.md"
OTHER = "content/articles/en/2020/04/b.md"
LONG_AGO = 1_000_000_000
DAY = dt.date(2026, 5, 4)
"""The day the builds of these tests run on."""


def scan(**stamps: tuple[int, int, int]) -> Scan:
    by_path = {name.replace("__", "/"): stamp for name, stamp in stamps.items()}
    return Scan(by_path, max((mtime for _, _, mtime in by_path.values()), default=0))


def record(stamps: Scan, started_ns: int = 10 * RACY_WINDOW_NS) -> InputRecord:
    return InputRecord(stamps, ENVIRONMENT, started_ns)


def described(changes) -> dict[str, tuple[Kind, str]]:
    return {path: (change.kind, change.reason) for path, change in changes.inputs.items()}


def test_without_a_previous_build_everything_is_made_anew():
    changes = detect(None, scan(a=(1, 1, LONG_AGO)), ENVIRONMENT, today=DAY)
    assert changes.everything == NO_PREVIOUS_BUILD and not changes.nothing
    assert not changes.unchanged("a") and changes.lines() == (
        "everything is made anew: no previous build",)


def test_the_same_stamps_before_the_racy_window_are_nothing_changed():
    before = scan(a=(1, 10, LONG_AGO), b=(2, 20, LONG_AGO))
    changes = detect(record(before), scan(a=(1, 10, LONG_AGO), b=(2, 20, LONG_AGO)),
                     ENVIRONMENT, today=DAY)
    assert changes.nothing and changes.unchanged("a") and changes.lines() == ()


def test_each_input_that_is_not_unchanged_is_named_with_what_happened_and_why():
    before = scan(kept=(1, 1, LONG_AGO), edited=(2, 1, LONG_AGO), replaced=(3, 1, LONG_AGO),
                  gone=(4, 1, LONG_AGO), old=(5, 7, LONG_AGO))
    now = scan(kept=(1, 1, LONG_AGO), edited=(2, 2, LONG_AGO + 1), replaced=(9, 1, LONG_AGO),
               fresh=(6, 1, LONG_AGO), new=(5, 7, LONG_AGO))
    changes = detect(record(before), now, ENVIRONMENT, today=DAY)
    assert described(changes) == {
        "edited": (Kind.CHANGED, "modified"),
        "replaced": (Kind.CHANGED, "replaced by another file"),
        "gone": (Kind.REMOVED, "deleted"),
        "fresh": (Kind.ADDED, "new"),
        "new": (Kind.RENAMED, "moved from old"),  # the same inode, size and time
        "old": (Kind.REMOVED, "moved to new"),
    }
    assert changes.unchanged("kept") and not changes.unchanged("old")
    assert changes.lines()[:2] == ("changed edited: modified", "added fresh: new")  # by path


def test_a_file_modified_in_the_racy_window_is_changed_whatever_its_stamp():
    started = 10 * RACY_WINDOW_NS
    same = (1, 1, started - RACY_WINDOW_NS // 2)  # saved half a window before the build
    changes = detect(record(scan(a=same, b=(2, 1, LONG_AGO)), started),
                     scan(a=same, b=(2, 1, LONG_AGO)), ENVIRONMENT, today=DAY)
    assert list(changes.inputs) == ["a"] and changes.inputs["a"].kind is Kind.CHANGED
    assert "cannot vouch" in changes.inputs["a"].reason


def test_told_by_a_watcher_only_what_it_named_is_compared_and_changed_whatever_its_stamp():
    started = 10 * RACY_WINDOW_NS
    racy = (1, 1, started)  # would be changed by the racy window, were it compared
    before = scan(a=racy, b=(2, 1, LONG_AGO), c=(3, 1, LONG_AGO))
    now = scan(a=racy, b=(2, 1, LONG_AGO), d=(4, 1, LONG_AGO))
    changes = detect(record(before, started), now, ENVIRONMENT, today=DAY,
                     told={"b", "c", "d", "e"})
    assert described(changes) == {"b": (Kind.CHANGED, "the watcher saw it written"),
                                  "c": (Kind.REMOVED, "deleted"), "d": (Kind.ADDED, "new")}


def test_a_part_of_the_environment_that_changed_is_named():
    now = Environment("code", "config", "other templates", "catalogs")
    stamps = scan(a=(1, 1, LONG_AGO))
    changes = detect(record(stamps), stamps, now, today=DAY)
    assert changes.environment_changed == ("templates",) and not changes.nothing
    assert changes.lines() == ("changed: templates",)
    assert changes.why_rendered("x", "y", True) == "templates changed"


def test_pages_read_again_are_told_apart_by_their_bytes_and_their_listing():
    @dataclass(frozen=True)
    class Read:
        digest: str
        listing: str

    before = scan(**{PAGE.replace("/", "__"): (1, 1, LONG_AGO),
                     OTHER.replace("/", "__"): (2, 1, LONG_AGO)})
    now = scan(**{PAGE.replace("/", "__"): (1, 2, LONG_AGO + 1),
                  OTHER.replace("/", "__"): (2, 2, LONG_AGO + 1)})
    changes = detect(record(before), now, ENVIRONMENT, today=DAY).with_read_key("key", "key")
    previous = {PAGE: Read("a", "listing"), OTHER: Read("b", "listing")}
    body = changes.with_pages(previous, {PAGE: Read("a2", "listing"), OTHER: Read("b", "listing")})
    assert body.pages == {PAGE: Edit.BODY} and body.listing_unchanged  # OTHER: touched only
    assert body.bodies_edited() == {PAGE}
    retitled = changes.with_pages(previous, {PAGE: Read("a2", "new"), OTHER: Read("b", "listing")})
    assert retitled.pages == {PAGE: Edit.LISTING} and not retitled.listing_unchanged
    other_key = changes.with_read_key("key", "another key").with_pages(previous, previous)
    assert other_key.pages is None and not other_key.listing_unchanged
    assert other_key.reads and not other_key.unchanged("anything")


def test_a_rescan_of_what_the_watcher_named_is_the_scan_a_walk_gives(project, english_article):
    config = project.config()
    project.page("en/2020/04/a.md", **english_article())
    project.page("en/2020/05/b.md", **english_article())
    before, then = scan_inputs(config), environment(config)
    project.page("en/2020/04/a.md", "Edited.", **english_article())
    os.rename(project.root / "content/articles/en/2020/05",
              project.root / "content/articles/en/2020/06")
    shutil.rmtree(project.root / "templates/partials")
    (project.root / "content/articles/en/.a.md.swp").write_text("editor's noise")
    told = ["content/articles/en/2020/04/a.md", "content/articles/en/2020/05",
            "content/articles/en/2020/06", "templates/partials", "content/articles/en/.a.md.swp"]
    again, looked = rescan(before, config, told)
    assert again == scan_inputs(config)
    assert {"content/articles/en/2020/05/b.md", "content/articles/en/2020/06/b.md"} <= looked
    changes = detect(InputRecord(before, then, 0), again, environment(config), today=DAY,
                     told=looked)
    assert changes.inputs["content/articles/en/2020/06/b.md"].kind is Kind.RENAMED
    assert changes.inputs["content/articles/en/2020/04/a.md"].kind is Kind.CHANGED
    assert changes.environment_changed == ("templates",)


def test_the_links_among_the_inputs_are_known_after_a_walk_and_after_a_rescan(project):
    """A build looks for links to folders among the links alone, not among every input."""
    config = project.config()
    project.write("content/extra/a.md", "a")
    (project.root / "content/articles/elsewhere").symlink_to(project.root / "content/extra")
    (project.root / "content/sources/wire.txt").symlink_to(project.root / "content/extra/a.md")
    before = scan_inputs(config)
    assert before.links == {"content/articles/elsewhere", "content/sources/wire.txt"}
    (project.root / "content/sources/wire.txt").unlink()
    project.write("content/sources/wire.txt", "now a file")
    (project.root / "content/sources/b.txt").symlink_to(project.root / "content/extra/a.md")
    again, _ = rescan(before, config, ["content/sources/wire.txt", "content/sources/b.txt"])
    assert again == scan_inputs(config)
    assert again.links == {"content/articles/elsewhere", "content/sources/b.txt"}


def test_the_schema_the_build_writes_and_editors_noise_are_not_inputs(project):
    project.write("content/front-matter.schema.json", "{}")
    project.write("content/articles/en/#draft.md#", "noise")
    inputs = scan_inputs(project.config()).stamps
    assert "digest.toml" in inputs and "content/topics.yaml" in inputs
    assert not any(path.startswith("content/articles/en/") for path in inputs)
    assert "content/front-matter.schema.json" not in inputs


def test_a_day_on_which_the_same_items_are_scheduled_changes_nothing_and_any_other_does():
    """Items dated 05-01 (published on 05-04) and 05-06, 05-09 (scheduled): the days are 05-01
    to 05-05. The day moving within them is nothing; past 05-05 the first is due; before 05-01
    the published one is scheduled again (a clock set back, a test's day)."""
    days = days_of([dt.date(2026, 5, 1), dt.date(2026, 5, 6), dt.date(2026, 5, 9)], DAY)
    assert days == Days(since=dt.date(2026, 5, 1), until=dt.date(2026, 5, 6))
    before = scan(a=(1, 1, LONG_AGO))
    recorded = InputRecord(before, ENVIRONMENT, 10 * RACY_WINDOW_NS, days)
    for day in (dt.date(2026, 5, 1), DAY, dt.date(2026, 5, 5)):
        assert detect(recorded, before, ENVIRONMENT, today=day).nothing
    due = detect(recorded, before, ENVIRONMENT, today=dt.date(2026, 5, 7))
    assert not due.nothing and not due.inputs and due.pages is None
    assert due.lines() == ("changed: the schedule (the day is 2026-05-07: the items scheduled "
                           "for 2026-05-06 to 2026-05-07 are due)",)
    earlier = detect(recorded, before, ENVIRONMENT, today=dt.date(2026, 4, 30))
    assert earlier.schedule == ("the day is 2026-04-30, before 2026-05-01: the items dated "
                                "after it are scheduled again")
    assert not earlier.with_pages({}, {}).listing_unchanged  # every list is planned again


def test_without_items_dated_every_day_is_the_same():
    assert days_of([], DAY) == Days()
    recorded = InputRecord(scan(), ENVIRONMENT, 10 * RACY_WINDOW_NS, days_of([], DAY))
    assert detect(recorded, scan(), ENVIRONMENT, today=dt.date(1999, 1, 1)).nothing
