"""The machine's faults are one clear line, never a traceback, and the last good site stays.

A full disk (a small tmpfs, filled to every level a build can meet it at), a read-only file
system, and folders of the wrong kind where the build keeps its state. The disk tests mount a
tmpfs, which needs root (CI runs as root); elsewhere they are skipped and say why, and in CI
(``CI=true``) they fail rather than skip.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from builder.cli import main


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def disk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A 12 MiB file system of its own (tmpfs), unmounted after the test."""
    mount = tmp_path_factory.mktemp("disk")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=12m", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        reason = f"cannot mount a tmpfs here (needs root): {done.stderr.strip()}"
        if os.environ.get("CI") == "true":  # CI runs as root: there the disk tests must run
            pytest.fail(f"{reason}; CI=true, so the disk tests must run", pytrace=False)
        pytest.skip(reason)
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


@pytest.fixture
def built(project, english_article, disk) -> Path:
    """A project on the small disk, built once with search, with the file that says where
    ``digest i18n`` finds the interface's strings."""
    for number in range(4):
        project.page(f"en/2020/04/item-{number}.md",
                     "Text of the item. " * 40, **english_article(title=f"Item {number}"))
    root = disk / "project"
    shutil.copytree(project.root, root)
    shutil.copy(Path(__file__).resolve().parent.parent / "babel.cfg", root)
    assert digest(root, "build") == (0, ""), "the first build must fit on the disk"
    return root


def digest(root: Path, *args: str) -> tuple[int, str]:
    """The exit code, and the error lines printed (stdout and stderr)."""
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--project", str(root), *args])
    printed = out.getvalue() + err.getvalue()
    assert "Traceback" not in printed
    return code, "\n".join(line for line in printed.splitlines() if ": error: " in line)


def fill(disk: Path, leave: int) -> Path:
    """A file taking all the disk's free space but ``leave`` bytes."""
    filler = disk / "filler"
    free = shutil.disk_usage(disk).free
    with filler.open("wb") as file:
        file.truncate(0)
        chunk = b"\0" * 65536
        left = max(0, free - leave)
        while left > 0:
            try:
                left -= file.write(chunk[:left])
            except OSError:
                break
    return filler


@pytest.mark.parametrize("leave_kib", [0, 4, 16, 64, 128, 256, 512, 1024, 2048, 3072, 4096, 6144])
def test_a_full_disk_is_one_line_and_the_last_good_site_stays(built, disk, leave_kib):
    base = built / "templates/base.html"
    base.write_text(base.read_text() + "\n<!-- changed -->\n")  # every page is written again
    before = tree(built / "site")
    filler = fill(disk, leave_kib * 1024)
    code, errors = digest(built, "build")
    if code == 2:  # nothing published: said in one line, the site as it was
        [line] = errors.splitlines()
        assert line.endswith(("[disk-full]", "[search-index]", "[wrong-kind]")), line
        assert "[search-index]" not in line or "MiB free" in line, line
        assert tree(built / "site") == before
    else:  # published; at most the state could not be saved, and says so
        assert code in (0, 1) and all(line.endswith("[disk-full]") for line in
                                      errors.splitlines()), errors
    filler.unlink()
    assert digest(built, "build")[0] == 0
    assert "<!-- changed -->" in (built / "site/en/index.html").read_text()


def test_a_read_only_file_system_is_one_line_and_the_site_stays(built, disk):
    base = built / "templates/base.html"
    base.write_text(base.read_text() + "\n<!-- changed -->\n")
    before = tree(built / "site")
    assert subprocess.run(["mount", "-o", "remount,ro", str(disk)]).returncode == 0
    try:
        code, errors = digest(built, "build")
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(disk)], check=True)
    assert code == 2 and errors.endswith("[read-only]") and len(errors.splitlines()) == 1
    assert tree(built / "site") == before


def test_the_cache_folder_as_a_file_or_the_state_as_a_folder_is_one_line(project,
                                                                         english_article):
    project.page("en/2020/04/good.md", **english_article())
    assert digest(project.root, "build", "--no-search")[0] == 0
    before = tree(project.root / "site")
    cache = project.root / ".digest-cache"
    cache.rename(project.root / "cache.bak")
    cache.write_text("not a folder")
    code, errors = digest(project.root, "build", "--no-search")
    assert (code, errors) == (2, ".digest-cache: error: a file stands where the build makes a "
                                 "folder: move it away [wrong-kind]")
    assert tree(project.root / "site") == before
    cache.unlink()
    (project.root / "cache.bak").rename(cache)
    (cache / "cache.pickle").unlink()
    (cache / "cache.pickle").mkdir()
    code, errors = digest(project.root, "build", "--no-search")
    assert code == 1 and errors == (".digest-cache/cache.pickle: error: a folder stands where a "
                                    "file belongs: move it away [wrong-kind]")
    assert not [name for name in os.listdir(cache) if name.endswith(".tmp")]


def test_a_reader_that_stops_reading_early_ends_the_command_quietly(project, english_article):
    """``digest build --explain --verbose | head -1``: the pipe closes after one line, and
    more than a pipe holds (64 KiB) is still to be written."""
    import sys

    for number in range(800):
        project.page(f"en/2020/04/item-{number}.md", **english_article(
            title=f"Item {number}", translation_key=f"item-{number}"))
    command = [sys.executable, "-m", "builder", "--project", str(project.root), "build",
               "--no-search", "--explain", "--verbose"]
    repo = Path(__file__).resolve().parent.parent
    process = subprocess.Popen(command, cwd=repo, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout and process.stdout.readline()
    process.stdout.close()  # as head does once it has its line
    assert process.wait(timeout=120) == 141  # 128 + SIGPIPE, as other Unix tools end
    assert process.stderr and process.stderr.read() == b""
    assert main(["--project", str(project.root), "build", "--no-search"]) == 0


@pytest.mark.parametrize("command", [
    ("new", "--lang", "en", "--date", "2020-04-20", "A new item"),
    ("i18n", "extract"),
    ("i18n", "update"),
    ("ingest", "../inbox/wire.txt"),
    ("topics",),
    ("check",),
])
def test_every_command_on_a_read_only_disk_is_one_line(built, disk, command):
    """What each command writes (a page, the catalogs, the state, a source's page) fails in
    one line on a read-only file system, as the build does; nothing is half written."""
    (disk / "inbox").mkdir()  # on the same read-only disk, beside the project
    (disk / "inbox/wire.txt").write_text(
        "MOSCOW, April 20 (TASS). The text of a wire.\n", encoding="utf-8")
    (built / "templates/base.html").write_text(  # a message new to the catalogs
        (built / "templates/base.html").read_text() + "\n{{ _('A word never seen') }}\n")
    before = tree(built)
    assert subprocess.run(["mount", "-o", "remount,ro", str(disk)]).returncode == 0
    try:
        code, errors = digest(built, *[part.replace("../inbox/", f"{disk}/inbox/")
                                        for part in command])
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(disk)], check=True)
    assert tree(built) == before
    if errors:  # a command that writes nothing has nothing to fail on
        assert code in (1, 2) and len(errors.splitlines()) == 1, errors
        assert errors.endswith("[read-only]"), errors


@pytest.mark.parametrize("command", [
    ("new", "--lang", "en", "--date", "2020-04-20", "A new item"),
    ("i18n", "update"),
    ("ingest", "../inbox/wire.txt"),
])
def test_a_command_that_writes_on_a_full_disk_is_one_line_and_leaves_nothing_half_made(
        built, disk, command):
    """Ingest once left an empty copy of the source, which every later build called
    ``source-empty``."""
    (built / "templates/base.html").write_text(
        (built / "templates/base.html").read_text() + "\n{{ _('A word never seen') }}\n")
    (disk / "inbox").mkdir()
    (disk / "inbox/wire.txt").write_text("A wire\n\n2020-04-20\n\n" + "Text. " * 2000)
    before = tree(built / "content")
    filler = fill(disk, 0)
    code, errors = digest(built, *[part.replace("../inbox/", f"{disk}/inbox/")
                                   for part in command])
    filler.unlink()
    assert code in (1, 2) and len(errors.splitlines()) == 1 and errors.endswith("[disk-full]"), \
        errors
    assert ".tmp:" not in errors  # the file meant, not the temporary one it was written as
    assert not [path for path in built.rglob("*.tmp")]
    assert tree(built / "content") == before


def test_ctrl_c_during_a_build_is_one_line_and_the_site_stays(project, english_article):
    """Ctrl-C reaches the whole process group (the render workers too): it printed a
    traceback for each process."""
    import signal
    import sys
    import time

    for number in range(2000):
        project.page(f"en/2020/04/item-{number}.md", "Text of the item. " * 40,
                     **english_article(title=f"Item {number}", translation_key=f"item-{number}"))
    assert main(["--project", str(project.root), "build", "--no-search"]) == 0
    before = tree(project.root / "site")
    base = project.root / "templates/base.html"
    base.write_text(base.read_text() + "\n<!-- changed -->\n")  # every page is rendered again
    repo = Path(__file__).resolve().parent.parent
    process = subprocess.Popen([sys.executable, "-m", "builder", "--project", str(project.root),
                                "build", "--no-search"], cwd=repo, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, start_new_session=True)
    lock = project.root / ".digest-cache/lock"  # the build names itself there once it starts
    deadline = time.monotonic() + 60
    while f"process {process.pid} " not in lock.read_text() and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.5)  # into rendering 2,000 pages: seconds of work left
    os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert (process.returncode, err) == (130, b"digest: interrupted\n")
    interrupted = tree(project.root / "site")
    assert main(["--project", str(project.root), "build", "--no-search"]) == 0
    # The last complete site: the one before, or this one if it was published just in time.
    assert interrupted in (before, tree(project.root / "site"))
