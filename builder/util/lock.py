"""One process at a time: an exclusive lock on a file, which names the process that holds it.

Two builds of one project at once write the same staging folder and the same state: tracebacks
(a file made by one process under the other), and once a search shard that lacked a page but
carried the complete shard's fingerprint, so that no later build ever indexed the page again.
A build therefore holds the project's lock (``.digest-cache/lock``) from before it writes
anything until its state is saved; a second build, or the live preview's next one, waits for
it, and says once which process it is waiting for.

The lock is the operating system's (``flock``, or ``msvcrt.locking`` on Windows), so it goes
with its process: a build killed with ``kill -9`` leaves nothing to clean up. The file only
tells who holds it.

A leaf: imports nothing of the builder.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

if sys.platform == "win32":  # pragma: no cover - not run on this project's machines
    import msvcrt

    def _try(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _wait(fd: int) -> None:
        while not _try(fd):  # LK_LOCK gives up after ten seconds: try again
            pass
else:
    import fcntl

    def _try(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    def _wait(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX)


@contextlib.contextmanager
def exclusive(path: Path, holder: str, waiting: Callable[[str], None]) -> Iterator[None]:
    """Hold the lock at ``path`` inside; ``holder`` says who holds it (written into the file).
    When another process holds it, ``waiting`` is told once who, and this waits for it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _acquire(fd, waiting)
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, f"process {os.getpid()} ({holder})\n".encode())
        try:
            yield
        finally:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)  # no name of a process gone for the next one to show
    finally:
        os.close(fd)  # and with it the lock


NAME_WAIT = (20, 0.01)
"""How many times, and how long apart, to look for the name of a holder that has just taken
the lock: it writes its name right after."""


def _acquire(fd: int, waiting: Callable[[str], None]) -> None:
    """Take the lock on ``fd``; when another process has it, tell ``waiting`` who, then wait."""
    name = ""
    for _ in range(NAME_WAIT[0]):
        if _try(fd):
            return
        if name := _holder(fd):
            break
        time.sleep(NAME_WAIT[1])
    waiting(f"waiting for {name or 'another process'}, which is building this project")
    _wait(fd)


def _holder(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        return os.read(fd, 200).decode(errors="replace").strip()
    except OSError:
        return ""
