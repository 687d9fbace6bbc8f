"""The machine's faults are one clear line, never a traceback, and the last good site stays.

A full disk (a small tmpfs, filled to every level a build can meet it at), a read-only file
system, and folders of the wrong kind where the build keeps its state. The disk tests mount a
tmpfs, which needs root (CI runs as root); elsewhere they are skipped and say why, and in CI
(``CI=true``) they fail rather than skip.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from builder.cli import main
from builder.util.parallel import cores


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


@pytest.mark.parametrize("mount", ["a file system of its own", "a bind mount"])
def test_a_staging_folder_on_another_file_system_is_one_line_naming_the_cause(built, mount):
    """site.next/ made a mount point: a build publishes by renaming between site/ and
    site.next/, which no mount point allows, not even a bind mount of a folder of the same file
    system. Refused before anything is touched (a swap half done would leave site.next/ without
    its marker, and refused as not a build's)."""
    staging = built / "site.next"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    elsewhere = built / "bound"  # on the project's own file system: the same device
    elsewhere.mkdir()
    command = (["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(staging)]
               if mount == "a file system of its own"
               else ["mount", "--bind", str(elsewhere), str(staging)])
    if subprocess.run(command).returncode != 0:
        pytest.fail("the disk fixture mounted one: this one must mount too", pytrace=False)
    try:
        base = built / "templates/base.html"
        base.write_text(base.read_text() + "\n<!-- changed -->\n")
        before = tree(built / "site")
        code, errors = digest(built, "build")
    finally:
        subprocess.run(["umount", "-l", str(staging)], check=False)
    assert code == 2 and len(errors.splitlines()) == 1, errors
    assert errors.startswith("site.next: error:") and errors.endswith("[output-unsafe]"), errors
    assert "mount point" in errors
    assert tree(built / "site") == before
    assert digest(built, "build") == (0, "")  # unmounted: the next build publishes


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


# --- Ctrl-C --------------------------------------------------------------------------------------

PAGES = 2000
"""Pages of the site a Ctrl-C cuts a build of short: seconds of reading, rendering and indexing."""


@pytest.fixture(scope="module")
def big_site(module_project) -> Path:
    """A site of :data:`PAGES` pages, built once (with search), shared by the Ctrl-C tests: of
    two years, so that two search shards are indexed at once, by a Pagefind process each."""
    for number in range(PAGES):
        year = 2020 + number % 2
        module_project.page(f"en/{year}/04/item-{number}.md", "Text of the item. " * 40,
                            title=f"Item {number}", date=f"{year}-04-17", lang="en",
                            outlet="mfa", translation_key=f"item-{number}", topics=["csto"],
                            summary="A summary.")
    assert main(["--project", str(module_project.root), "build"]) == 0
    return module_project.root


def running(group: int, name: str | None = None) -> list[int]:
    """The processes of the process group ``group`` still running (named ``name``, if given);
    those that have ended but are not reaped yet do not count."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            command, fields = stat.read_text().rsplit(")", 1)
        except OSError:  # ended meanwhile
            continue
        state, _parent, process_group = fields.split()[:3]
        if (int(process_group) == group and state != "Z"
                and name in (None, command.split("(", 1)[1])):
            found.append(int(stat.parent.name))
    return found


def wait_for(condition: Callable[[], object], seconds: float, pause: float = 0.01) -> None:
    """Until ``condition()`` holds, or ``seconds`` have passed."""
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(pause)


def interrupt(site: Path, moment: str, delay: float) -> None:
    """Start ``digest build`` on ``site``, send its process group SIGINT at ``moment`` (plus
    ``delay`` seconds), as a terminal does on Ctrl-C, and check how it ends."""
    if moment == "as it forks the workers that read the pages":
        shutil.rmtree(site / ".digest-cache/reads", ignore_errors=True)  # every page read again
    repo = Path(__file__).resolve().parent.parent
    process = subprocess.Popen([sys.executable, "-m", "builder", "--project", str(site),
                                "build"], cwd=repo, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, start_new_session=True)
    lock = site / ".digest-cache/lock"  # the build names itself there once it starts
    wait_for(lambda: f"process {process.pid} " in lock.read_text(), 60)
    if moment == "as it forks the workers that read the pages":  # the first one is there
        children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
        wait_for(lambda: process.poll() is not None or (
            children.read_text().strip() if children.exists() else len(running(process.pid)) > 1
        ), 60, pause=0)
    elif moment == "while Pagefind indexes":
        wait_for(lambda: running(process.pid, "pagefind"), 60)
    time.sleep(delay)
    assert process.poll() is None, "the build ended before the Ctrl-C"
    os.killpg(process.pid, signal.SIGINT)
    if moment == "twice while it renders":
        time.sleep(0.05)
        with contextlib.suppress(ProcessLookupError):  # ended already
            os.killpg(process.pid, signal.SIGINT)
    try:
        _, err = process.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        pytest.fail(f"the build did not end within 20 s of Ctrl-C {moment} (+{delay} s)")
    assert (process.returncode, err) == (130, b"digest: interrupted\n"), (moment, delay)
    wait_for(lambda: not running(process.pid), 5)
    assert not running(process.pid), "a worker or a Pagefind process outlived the build"


MOMENTS = {
    "as it takes the lock": (0, 0.05, 0.1, 0.15, 0.2),  # as it imports its stages
    "as it forks the workers that read the pages": (0, 0, 0),
    "while it renders": (0.5,),
    "twice while it renders": (0.5,),
    "while Pagefind indexes": (0.3,),
}
"""When the build is interrupted, and how long after (seconds), once for each delay."""


@pytest.mark.skipif(not Path("/proc/self/stat").is_file(), reason="sees processes in /proc")
@pytest.mark.parametrize("moment", MOMENTS)
def test_ctrl_c_during_a_build_is_one_line_and_the_site_stays(big_site, moment):
    """Ctrl-C reaches the whole process group, as a terminal sends it: the workers and the
    Pagefind processes too. It printed a traceback for each process. Then, at some moments: the
    status of a process killed by SIGINT, or a traceback of its own (a KeyboardInterrupt raised
    in a dataclass being made as the build imported a stage); the build going on to the end (a
    KeyboardInterrupt lost in the hooks of a fork), or a worker's traceback; a command that
    never ended (a worker outliving it with its output open, or the worker pool's teardown
    waiting for a lock a killed worker held); 5 s and a line of Pagefind's own ("timed out
    waiting for responses to be resolved") during the search stage."""
    if moment == "as it forks the workers that read the pages" and cores() == 1:
        pytest.skip("one core: the pages are read in the build's own process")
    base = big_site / "templates/base.html"
    base.write_text(base.read_text() + f"\n<!-- {moment} -->\n")  # every page rendered again
    before = tree(big_site / "site")
    for delay in MOMENTS[moment]:
        interrupt(big_site, moment, delay)
    interrupted = tree(big_site / "site")
    if interrupted != before:  # published just before the Ctrl-C: then a complete build
        assert main(["--project", str(big_site), "build"]) == 0
        assert tree(big_site / "site") == interrupted


def test_a_ctrl_c_that_python_swallows_still_ends_the_command_as_a_ctrl_c():
    """One landing in a ``__del__`` method is printed as "Exception ignored in …" and dropped:
    the build then ran to its end with status 0 (seen once in the full suite). It is kept, and
    the command ends with the one line and status 130 when its work is done."""
    import sys

    code = ("from builder.util.interrupt import watch_swallowed_interrupts\n"
            "swallowed = watch_swallowed_interrupts()\n"
            "class Dropped:\n"
            "    def __del__(self):\n"
            "        raise KeyboardInterrupt\n"
            "Dropped()\n"
            "from builder.cli import run\n"
            "import builder.cli\n"
            "builder.cli.main = lambda: 0\n"
            "run(swallowed)\n")
    repo = Path(__file__).resolve().parent.parent
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=repo, timeout=60)
    assert (ran.returncode, ran.stderr) == (130, b"digest: interrupted\n")


@pytest.mark.parametrize("moment", ["as the command ends", "during Python's shutdown"])
def test_a_ctrl_c_once_the_work_is_done_leaves_the_commands_own_status(moment):
    """A Ctrl-C after the last of the work: before, one at the last lines of the command was a
    traceback, and one during Python's shutdown (which gives SIGINT its default action back)
    killed the finished command with no word, status -2."""
    import sys

    send = "os.kill(os.getpid(), signal.SIGINT)"
    code = ("import atexit, os, signal\n"
            "import builder.cli\n"
            "from builder.util import memory\n"
            "builder.cli.main = lambda: 0\n"
            + (f"memory.skip_final_collection = lambda: {send}\n" if moment.startswith("as")
               else f"atexit.register(lambda: {send})\n")
            + "builder.cli.run()\n")
    repo = Path(__file__).resolve().parent.parent
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=repo, timeout=60)
    assert (ran.returncode, ran.stderr) == (0, b"")


def test_a_ctrl_c_while_the_command_line_is_imported_ends_it_with_the_one_line():
    """Nothing is begun then, and the command ends at once: the Ctrl-C lands in the middle of
    an import (here of argparse, by a finder that sends it), not unwound through it."""
    import sys

    code = ("import os, signal, sys\n"
            "class Interrupting:\n"
            "    def find_spec(self, name, path=None, target=None):\n"
            "        if name == 'argparse':\n"
            "            os.kill(os.getpid(), signal.SIGINT)\n"
            "        return None\n"
            "sys.meta_path.insert(0, Interrupting())\n"
            "sys.modules.pop('argparse', None)\n"
            "from builder.__main__ import command\n"
            "command()\n")
    repo = Path(__file__).resolve().parent.parent
    ran = subprocess.run([sys.executable, "-c", code, "build"], capture_output=True, cwd=repo,
                         timeout=60)
    assert (ran.returncode, ran.stderr) == (130, b"digest: interrupted\n")
