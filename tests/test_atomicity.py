"""A build killed at any moment leaves ``site/`` as the last complete build, and the next build
finishes the job as if nothing had happened.

Each case starts ``digest build`` in a process of its own, kills it with SIGKILL (no clean-up can
run) after a delay spread over the build's whole duration, and looks at what is left: ``site/``
must be exactly one of the two complete sites (before or after the edit), never a mix, and a
build run afterwards must give exactly what a clean build of the same inputs gives.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import yaml

from builder.config import load_config
from builder.session import Session
from builder.state import State

ITEMS = 40


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def clean_tree(project, output: Path) -> dict[str, bytes]:
    config = load_config(project.root).with_output(output, search=False)
    assert Session(State(), persist=False).build(config).published
    return tree(output)


def write_items(project, english_article, version: int) -> None:
    """Items whose titles change with ``version``: every list page changes with them."""
    for n in range(ITEMS):
        path = project.page(f"en/2020/04/item-{n}.md", f"## Part\n\nText {n}, version {version}.",
                            **english_article(title=f"Item {n}, version {version}",
                                              date=f"2020-04-{n % 28 + 1:02d}",
                                              translation_key=f"item-{n}",
                                              topics=["csto"] if n % 2 else ["uzbekistan"]))
        os.utime(path, (1_500_000_000 + version, 1_500_000_000 + version))


def start_build(root: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    return subprocess.Popen([sys.executable, "-m", "builder", "--project", str(root), "build",
                             "--no-search"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)


def test_a_build_killed_at_any_moment_leaves_a_complete_site_and_the_next_build_recovers(
        project, english_article, tmp_path_factory):
    write_items(project, english_article, 0)
    started = time.monotonic()
    assert start_build(project.root).wait(timeout=120) == 0
    duration = time.monotonic() - started
    before = tree(project.root / "site")

    rng = random.Random(7)
    outcomes = set()
    for version in range(1, 9):
        write_items(project, english_article, version)
        after = clean_tree(project, tmp_path_factory.mktemp("clean") / "site")
        process = start_build(project.root)
        time.sleep(rng.uniform(0, duration * 1.2))
        os.killpg(process.pid, signal.SIGKILL)  # the build and any worker it forked
        process.wait(timeout=30)
        left = tree(project.root / "site")
        assert left in (before, after), f"a mix of two sites after a kill (version {version})"
        outcomes.add("before" if left == before else "after")
        assert start_build(project.root).wait(timeout=120) == 0
        assert tree(project.root / "site") == after
        before = after
    assert outcomes  # (which of the two each kill left depends on the timing; both are right)


def test_ingest_killed_mid_way_leaves_no_half_written_page(project, tmp_path):
    sources = project.root / "content" / "sources"
    paragraph = "The Foreign Ministry said on Tuesday that talks would go on. " * 400
    for n in range(60):
        (sources / f"wire-{n:03d}.txt").write_text(
            f"Talks number {n} go on\n\nMoscow, 17 April 2020\n\n{paragraph}\n", encoding="utf-8")
    for delay in (0.3, 0.8, 1.5, 3.0):
        process = start_build(project.root)
        time.sleep(delay)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        for page in (project.root / "content" / "articles").rglob("*"):
            if page.is_file():
                assert page.suffix == ".md", f"a temporary file was left: {page.name}"
                text = page.read_text(encoding="utf-8")
                front = yaml.safe_load(text.split("---\n")[1])
                assert front["title"].startswith("Talks number") and text.endswith("\n")
    assert start_build(project.root).wait(timeout=300) == 0
    assert len(list((project.root / "content" / "articles").rglob("*.md"))) == 60
