"""Each search bundle is settled by a worker process as soon as Pagefind has written it.

With the real Pagefind and real workers (builder/search/settling.py): a bundle is settled while
the next one is written, in the same lane; a worker settling a bundle is ended at once when the
work is given up; a worker that dies, or cannot settle a bundle, is an error that says so,
never a wait. The tests assert on the order of events and on processes, never on time.
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from builder import search
from builder.diagnostics import Abandoned
from builder.search import bundle, pagefind, settling
from builder.session import build

WAIT = 30.0
"""Upper bound for any one wait; a passing test waits a fraction of a second."""


def _alive(pid: int) -> bool:
    """Whether the process ``pid`` runs (a process ended but not reaped counts as ended)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


def _three_years(project: Any, english_article: Any) -> None:
    """An English item in each of three years (each of which makes a Russian shard too: a
    record for an item with no Russian version)."""
    for year in (2019, 2020, 2021):
        project.page(f"en/{year}/04/item-{year}.md", **english_article(
            date=f"{year}-04-17", title=f"Item of {year}", translation_key=f"item-{year}"))


def test_a_bundle_is_settled_while_pagefind_writes_the_next_one(project, english_article,
                                                                  monkeypatch):
    """One core: the bundles are written one after the other by one Pagefind process, and each
    is settled before the one after it is written. Settled only once that process had exited,
    as they were, this build never ends: each bundle waits for the one before."""
    _three_years(project, english_article)
    monkeypatch.setattr(search, "cores", lambda: 1)
    real_write, real_settle = pagefind._write_bundle, pagefind._settle
    written: list[str] = []
    settled: list[str] = []
    processes: set[int] = set()

    async def after_the_one_before_is_settled(service: Any, site: Path,
                                              job: pagefind.BundleJob) -> None:
        deadline = time.monotonic() + WAIT
        while written[-1:] != settled[-1:]:
            assert time.monotonic() < deadline, f"{written[-1]} was not settled meanwhile"
            await asyncio.sleep(0.01)
        processes.add(service._backend.pid)
        await real_write(service, site, job)
        written.append(job.output.name)

    async def recorded(jobs: list[pagefind.BundleJob], *rest: Any) -> list[pagefind.BundleJob]:
        incomplete = await real_settle(jobs, *rest)
        settled.extend(job.output.name for job in jobs)
        return incomplete

    monkeypatch.setattr(pagefind, "_write_bundle", after_the_one_before_is_settled)
    monkeypatch.setattr(pagefind, "_settle", recorded)
    report = build(project.config(search=True))
    assert report.published and not report.errors, report.render_text()
    shards = ["primary", "en-2019", "en-2020", "en-2021", "ru-2019", "ru-2020", "ru-2021"]
    assert written == settled == shards and len(processes) == 1
    assert report.shards_indexed == len(shards)


class HeldWorkers:
    """Every bundle a worker is given replaced by one it never finishes reading (its entry a
    named pipe nobody writes into); ``on_settle`` called with the worker, as it is given one."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, folder: Path,
                 on_settle: Callable[[asyncio.subprocess.Process], object]) -> None:
        self.workers: list[asyncio.subprocess.Process] = []
        self.given: list[str] = []
        held = folder / "held"
        held.mkdir()
        os.mkfifo(held / bundle.ENTRY_FILE)
        real = settling._settled_by

        async def settled_by(worker: asyncio.subprocess.Process, given: Path) -> None:
            self.workers.append(worker)
            self.given.append(given.name)
            on_settle(worker)
            await real(worker, held)

        monkeypatch.setattr(settling, "_settled_by", settled_by)


def test_work_given_up_while_a_bundle_is_settled_ends_its_worker(project, english_article,
                                                                  monkeypatch, tmp_path):
    """The live preview gives a search build up when a newer save comes: a worker half-way
    through a bundle is killed and awaited, not waited for, and nothing is left running."""
    project.page("en/2020/04/item.md", **english_article())
    assert build(project.config(search=True)).published
    stop = threading.Event()
    held = HeldWorkers(monkeypatch, tmp_path, on_settle=lambda worker: stop.set())
    job = pagefind.BundleJob(tmp_path / "en-2020", (("en/2020/*/*/index.html", 1),))
    with pytest.raises(Abandoned):
        pagefind.write_bundles(project.root / "site", [job], stop=stop)
    assert held.given == ["en-2020"] and len(held.workers) == 1
    assert held.workers[0].returncode == -signal.SIGKILL
    assert not _alive(held.workers[0].pid)


def test_a_worker_that_dies_is_a_located_error_and_nothing_is_published(project,
                                                                        english_article,
                                                                        monkeypatch, tmp_path):
    """Killed from outside (out of memory), a worker is an error of the search stage that says
    so, never a build waiting for its answer; the site stays as it was."""
    project.page("en/2020/04/item.md", **english_article())
    HeldWorkers(monkeypatch, tmp_path, on_settle=lambda worker: os.kill(worker.pid,
                                                                        signal.SIGKILL))
    report = build(project.config(search=True))
    assert not report.published
    [problem] = report.errors
    assert problem.code == "search-index"
    assert "a process settling the search index stopped (exit status -9)" in problem.message
    assert not (project.root / "site").exists()


def test_a_bundle_a_worker_cannot_settle_is_an_error_naming_it(tmp_path):
    folder = tmp_path / "en-2020"
    folder.mkdir()
    (folder / bundle.ENTRY_FILE).write_text("{", encoding="utf-8")
    started: list[asyncio.subprocess.Process] = []

    async def settle() -> None:
        async with settling.Settlers(1) as settlers:
            try:
                await settlers.settle(folder)
            finally:
                started.extend(settlers._workers)

    with pytest.raises(RuntimeError, match=r"^JSONDecodeError: .* \(settling en-2020\)$"):
        asyncio.run(settle())
    assert len(started) == 1 and not _alive(started[0].pid)
