"""A save never waits for search: the preview's search build is given up for a newer save.

With search, the live preview shows a save's pages first and indexes its search shards in a
second build. A save that comes while Pagefind indexes is served without waiting for it: that
build is given up at once (its Pagefind processes killed), the new save's pages are shown, and
the shards are indexed after them; then the open pages are told that search has caught up, and
only a page that searched reloads.

Pagefind is real throughout. Indexing is made observable, and held as long as a test wants,
by :class:`HeldIndexing`, in front of Pagefind's writing of each bundle: the tests assert on the
order of events (a search build held in Pagefind forever, and the newer save's page published
all the same), never on time.
"""

from __future__ import annotations

import asyncio
import os
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from builder import search
from builder.config import load_config
from builder.search import pagefind
from builder.serve import Preview, start_preview
from builder.session import Session
from builder.state import State
from builder.util.fingerprints import stamp
from builder.write import folder_times, next_site, tree_id
from tests.conftest import expect
from tests.test_incremental import Editor, inodes, tree
from tests.test_serve import ARTICLE, ARTICLE_URL, WAIT, EventStream, edit_and_wait, files, get


class HeldIndexing:
    """Pagefind's writing of a bundle, held until :attr:`release` is set: records what each
    search build does there (``indexing``, then ``indexed`` or ``given up``) and the Pagefind
    process it ran in, one process a build (its bundles one after the other)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch,
                 on_start: Callable[[], object] = lambda: None) -> None:
        self.events: list[str] = []
        self.pids: list[int] = []
        self.started = threading.Semaphore(0)
        """Released once each time a search build reaches Pagefind."""
        self.release = threading.Event()
        real = pagefind._write_bundle

        async def held(service: Any, site: Path, job: pagefind.BundleJob) -> None:
            self.pids.append(service._backend.pid)
            self.events.append("indexing")
            on_start()
            self.started.release()
            try:
                while not self.release.is_set():
                    await asyncio.sleep(0.01)
            except asyncio.CancelledError:
                self.events.append("given up")
                raise
            await real(service, site, job)
            self.events.append("indexed")

        monkeypatch.setattr(pagefind, "_write_bundle", held)
        monkeypatch.setattr(search, "cores", lambda: 1)

    def wait_started(self) -> None:
        assert self.started.acquire(timeout=WAIT), "no search build reached Pagefind"


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def served_token(html: bytes) -> dict[str, str]:
    """The reload script's attributes in a served page."""
    tag = re.search(rb'<script src="/__digest/reload\.js"([^>]*)></script></body>', html)
    assert tag, "the reload script is not injected before </body>"
    return {name.decode(): value.decode()
            for name, value in re.findall(rb' data-([a-z-]+)="([^"]*)"', tag.group(1))}


def clean_site(project: Any, folder: Path) -> dict[str, bytes]:
    config = load_config(project.root).with_output(folder, search=True).previewed()
    assert Session(State(), persist=False).build(config).published
    return files(folder)


@pytest.fixture
def log() -> list[str]:
    return []


@pytest.fixture
def searching(project: Any, english_article: Any, log: list[str]) -> Preview:
    """A preview with search of a one-article project; stopped by the test (or at its end)."""
    project.page(ARTICLE, **english_article(title="First title"))
    running = start_preview(project.config(search=True), port=0, quiet=0.05, log=log.append)
    yield running
    running.stop()


def save(project: Any, english_article: Any, title: str) -> Callable[[], object]:
    return lambda: project.page(ARTICLE, **english_article(title=title))


def test_a_save_during_the_search_build_is_served_at_once_and_search_catches_up_after(
        project, english_article, searching, monkeypatch, log, tmp_path):
    indexing = HeldIndexing(monkeypatch)
    shown = edit_and_wait(searching, save(project, english_article, "Second title"))
    assert shown.published and shown.search_pending >= 1, log
    indexing.wait_started()  # the search build of that save is in Pagefind, held there
    served = get(searching.url, ARTICLE_URL)[2]
    assert served_token(served)["search-pending"] == str(shown.search_pending)

    newer = edit_and_wait(searching, save(project, english_article, "Third title"))
    indexing.events.append("newer page published")
    # Held forever, that search build never finished: the newer save did not wait for it.
    assert indexing.events[:3] == ["indexing", "given up", "newer page published"], log
    assert not alive(indexing.pids[0]), "the Pagefind process of the build given up is running"
    assert newer.published and newer.changes == (f"content/articles/{ARTICLE}",)
    assert newer.search_pending == shown.search_pending and newer.epoch == shown.epoch + 1
    html = get(searching.url, ARTICLE_URL)[2]
    assert b">Third title</h1>" in html

    # The shards stayed pending; once Pagefind is let through, the search build after the
    # newer save indexes them, and the open page is told so, not reloaded.
    with EventStream(searching.url, served_token(html)) as events:
        assert events.next()[0] == "status"
        indexing.release.set()
        caught_up = searching.wait_for_build(after=newer.builds, timeout=WAIT)
        name, data = events.next()
    assert caught_up.published and caught_up.report.index_only, log
    assert (caught_up.search_pending, caught_up.epoch) == (0, newer.epoch)
    assert caught_up.report.shards_indexed == shown.search_pending
    assert indexing.events[-1] == "indexed"
    assert (name, data["search_pending"], data["epoch"]) == ("status", 0, newer.epoch)
    assert "search-pending" not in served_token(get(searching.url, ARTICLE_URL)[2])
    assert any("search: indexing given up for a newer change" in line for line in log)
    searching.stop()
    assert files(project.config().previewed().site_dir) == clean_site(project, tmp_path / "clean")


def test_stopping_the_preview_during_the_search_build_gives_it_up_and_ends_pagefind(
        project, english_article, searching, monkeypatch):
    """Ctrl-C (as :meth:`Preview.stop` within a time) while Pagefind indexes: the search build
    is given up at once, as for a save, so the preview stops whole, and no Pagefind is left."""
    indexing = HeldIndexing(monkeypatch)
    edit_and_wait(searching, save(project, english_article, "Second title"))
    indexing.wait_started()
    assert searching.stop(within=WAIT), "the search build held in Pagefind was left running"
    assert indexing.events == ["indexing", "given up"]
    assert not alive(indexing.pids[0])


@pytest.mark.parametrize("when", ["before the next site", "while Pagefind indexes"])
def test_a_search_build_given_up_leaves_the_site_and_a_staging_folder_the_next_save_trusts(
        project, monkeypatch, tmp_path_factory, when):
    """As the preview runs each save, with a search build given up in between: the published
    site is left as it was; the next save's build neither looks at the staging folder's files
    again nor touches its index (what the search build did there is recorded, or it did
    nothing); and the search build after it leaves exactly what a clean build makes."""
    editor = Editor(project, past_times=True)
    for index in range(4):
        editor.write_article(index, 0, index % 2 * 3, ["csto"], 0)
    config = project.config(search=True)
    builder = Session(warm=True)
    assert builder.build(config).published
    editor.take_changes()
    builder.catch_up(config)
    editor.edit_body(0, 1)
    assert builder.build(config, changed=editor.take_changes(), defer_search=True).shards_pending
    builder.catch_up(config)  # as the preview does before its search build

    give_up = threading.Event()
    if when == "before the next site":
        give_up.set()
    indexing = HeldIndexing(monkeypatch, on_start=give_up.set)
    site, staging = project.root / "site", project.root / "site.next"
    published, index = tree(site), inodes(staging / "pagefind")
    report = builder.build(config, changed=(), abandon_search=give_up)
    assert report.abandoned and not report.published
    assert indexing.events == (["indexing", "given up"] if when == "while Pagefind indexes"
                               else [])
    assert tree(site) == published and inodes(staging / "pagefind") == index
    assert not (staging / "pagefind" / ".work").exists()
    recorded = builder.state.trees[tree_id(staging)]  # the staging folder, as it is
    assert {path: record.stat for path, record in recorded.items()} == {
        path: stamp(os.lstat(staging / path)) for path in recorded}
    assert builder.state.folders[tree_id(staging)] == folder_times(staging, recorded)

    looked: list[int] = []
    real = next_site._stamps_now
    monkeypatch.setattr(next_site, "_stamps_now", lambda root, records: looked.append(1) or real(
        root, records))
    editor.edit_body(0, 2)
    shown = builder.build(config, changed=editor.take_changes(), defer_search=True)
    assert shown.published and shown.shards_pending and looked == []
    assert inodes(site / "pagefind") == index  # the index as published, not linked again
    indexing.release.set()
    indexed = builder.build(config, changed=())
    assert indexed.published and indexed.index_only and indexed.shards_pending == 0
    clean = tmp_path_factory.mktemp("clean") / "site"
    assert Session(State(), persist=False).build(
        load_config(project.root).with_output(clean, search=True)).published
    assert tree(site) == tree(clean)


COUNT_LOADS = "sessionStorage.setItem('loads', String(Number(sessionStorage.getItem('loads')) + 1))"
"""Run by a page as each of its loads begins: how many it had, in ``sessionStorage``."""


@pytest.mark.browser
def test_a_page_that_searched_reloads_once_search_catches_up_and_an_article_page_stays(
        project, english_article, searching, monkeypatch, open_page):
    """In a browser: the search page and an article page are opened while a save's shards are
    being indexed. Once they are, the search page reloads (its query kept in ?q=) to search the
    whole index; the article page, told the same, stays as it is, and reloads once for the
    next save, as every page does."""
    indexing = HeldIndexing(monkeypatch)
    edit_and_wait(searching, save(project, english_article, "Second title"))
    indexing.wait_started()
    search_page, article = open_page().page, open_page().page
    for page in (search_page, article):  # each page counts its loads
        page.add_init_script(COUNT_LOADS)
    search_page.goto(searching.url + "en/search/?q=title")
    article.goto(searching.url + ARTICLE_URL.lstrip("/"))
    expect(search_page.locator("pagefind-input input")).to_have_value("title")

    indexing.release.set()
    search_page.wait_for_function("() => sessionStorage.getItem('loads') === '2'")
    expect(search_page.locator("pagefind-input input")).to_have_value("title")
    edit_and_wait(searching, save(project, english_article, "Third title"))
    expect(article.locator("h1")).to_have_text("Third title")
    assert article.evaluate("sessionStorage.getItem('loads')") == "2"  # opened, then the save


@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")
def test_under_saves_at_every_moment_of_the_search_build_the_site_ends_equal_to_a_clean_one(
        project, english_article, searching, log, tmp_path):
    """Saves at random moments, with Pagefind not held: the search builds are given up before
    the next site, while rendering, while Pagefind starts or indexes or as its bundles are put
    in order. Once the saves stop, search catches up and the site is exactly a clean build's.
    Nothing a build given up started outlives its event loop: a process left unawaited has its
    transport closed by the garbage collector, which says "Event loop is closed" (an error here)."""
    import random
    import time

    rng = random.Random(25)
    first = searching.status.builds
    deadline = time.monotonic() + 6 * WAIT
    saves = 0
    while saves < 8 or sum("given up" in line for line in log) < 3:
        assert time.monotonic() < deadline, (saves, log[-5:])
        saves += 1
        project.page(ARTICLE, f"Body number {saves}.", **english_article(title=f"Title {saves}"))
        if saves % 4 == 0:  # a new item, some in a year no shard had
            project.page(f"en/202{saves % 3}/05/other-{saves}.md", "Another item.",
                         **english_article(title=f"Other {saves}", date=f"202{saves % 3}-05-02",
                                           translation_key=f"other-{saves}"))
        time.sleep(rng.uniform(0.05, 1.0))
    status = searching.status
    while status.search_pending or status.builds == first:  # the last search build done
        status = searching.wait_for_build(after=status.builds, timeout=WAIT)
    assert status.published and not status.report.errors, log
    searching.stop()
    assert files(project.config().previewed().site_dir) == clean_site(project, tmp_path / "clean")
