"""One build at a time per project: a second build waits for the first, says once for whom,
and the site after both equals a clean build.

Two builds at once used to write the same staging folder: tracebacks, and once a search shard
that lacked a page while carrying the complete shard's fingerprint. Real processes here, as a
user starts them (``digest build`` twice, or a build while ``digest serve`` rebuilds).
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import time
from pathlib import Path

from builder.session import LOCK_FILE, Session, build
from builder.state import State

HOLD = """
import sys, time
from pathlib import Path
from builder.util.lock import exclusive
with exclusive(Path(sys.argv[1]), "digest serve", print):
    print("held", flush=True)
    while not Path(sys.argv[2]).exists():
        time.sleep(0.05)
"""


def digest(root: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "builder", "--project", str(root), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_build_waits_for_the_process_that_holds_the_project_and_says_which(
        project, english_article, tmp_path_factory):
    project.page("en/2020/04/good.md", **english_article())
    release = tmp_path_factory.mktemp("signal") / "release"
    holder = subprocess.Popen([sys.executable, "-c", HOLD,
                               str(project.root / ".digest-cache" / LOCK_FILE), str(release)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        waiting = digest(project.root, "build", "--no-search")
        time.sleep(1.5)
        assert waiting.poll() is None, waiting.communicate()  # still waiting
        assert not (project.root / "site").exists()
        release.touch()
        out, err = waiting.communicate(timeout=120)
    finally:
        release.touch()
        holder.wait(timeout=30)
    assert waiting.returncode == 0, err
    [line] = [line for line in err.splitlines() if "waiting" in line]
    assert line == (f"digest build: waiting for process {holder.pid} (digest serve), "
                    f"which is building this project")
    assert "Traceback" not in err and (project.root / "site/en/index.html").is_file()


def test_two_builds_started_together_both_finish_and_the_site_is_a_clean_one(
        project, english_article, tmp_path_factory):
    for number in range(6):
        project.page(f"en/2020/04/item-{number}.md", **english_article(title=f"Item {number}"))
    for _ in range(3):
        builds = [digest(project.root, "build"), digest(project.root, "build")]
        results = [process.communicate(timeout=600) for process in builds]
        for process, (out, err) in zip(builds, results, strict=True):
            assert process.returncode == 0 and "Traceback" not in err, err
        page = project.root / "content/articles/en/2020/04/item-0.md"
        page.write_text(page.read_text() + "\nMore text.\n")
    builds = [digest(project.root, "build"), digest(project.root, "build")]
    for process in builds:
        assert process.wait(timeout=600) == 0
    clean = tmp_path_factory.mktemp("clean") / "site"
    assert Session(State(), persist=False).build(
        project.config(search=True).with_output(clean, search=True)).published
    assert tree(project.root / "site") == tree(clean)
    again = build(project.config(search=True))  # what the two left is the truth: nothing to do
    assert (again.pages_rendered, again.files_changed, again.shards_indexed) == (0, 0, 0)


def test_the_waiting_line_names_a_holder_that_writes_its_name_late(project, tmp_path):
    """The holder takes the lock, then writes its name: a build that looks in between still
    names it, rather than "another process"."""
    import threading

    from builder.util import lock

    path = tmp_path / LOCK_FILE
    taken, release = threading.Event(), threading.Event()

    def hold_then_name() -> None:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        fcntl.flock(fd, fcntl.LOCK_EX)
        taken.set()
        time.sleep(0.05)  # the window in which the file is still empty
        os.write(fd, b"process 4242 (digest serve)\n")
        release.wait(30)
        os.close(fd)

    holder = threading.Thread(target=hold_then_name)
    holder.start()
    taken.wait(30)
    said: list[str] = []

    def wait_then_take() -> None:
        with lock.exclusive(path, "digest build", said.append):
            pass

    waiter = threading.Thread(target=wait_then_take)
    try:
        waiter.start()
        time.sleep(0.5)
    finally:
        release.set()
        holder.join(30)
        waiter.join(30)
    assert said == ["waiting for process 4242 (digest serve), which is building this project"]
