"""Rendered files -> ``site/``, all or nothing.

A build writes the next site into a staging folder beside ``site/`` (``site.next``), search
indexes it there, and only then swaps it into place. On Linux the swap is one
``renameat2(RENAME_EXCHANGE)`` call, so a reader (or the live preview) sees either the old
tree or the new one, never a mix; elsewhere it is two renames in quick succession. A build
that fails at any point removes its staging folder and leaves ``site/`` as it was.

No output path may leave the staging folder, whatever a slug or file name says.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import sys
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from builder.diagnostics import BuildError, error
from builder.render import RenderedFile

RENAME_EXCHANGE = 2
AT_FDCWD = -100


def staging_dir(site_dir: Path) -> Path:
    return site_dir.with_name(site_dir.name + ".next")


def safe_target(root: Path, relative: str) -> Path:
    """``root / relative``, refusing absolute paths, ``..``, NUL and anything outside ``root``."""
    pure = PurePosixPath(relative)
    if (not relative or "\x00" in relative or "\\" in relative or pure.is_absolute()
            or any(part in ("..", ".", "") for part in relative.split("/"))):
        raise BuildError(error(relative or "<empty>", None, "output-path",
                               f"refusing to write outside the site folder: {relative!r}"))
    target = root.joinpath(*pure.parts)
    if not target.resolve().is_relative_to(root.resolve()):
        raise BuildError(error(relative, None, "output-path",
                               f"refusing to write outside the site folder: {relative!r}"))
    return target


def prepare_staging(site_dir: Path) -> Path:
    """An empty staging folder beside ``site_dir`` (a stale one from a killed build is removed)."""
    staging = staging_dir(site_dir)
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    return staging


def write_files(staging: Path, files: Iterable[RenderedFile]) -> int:
    """Write every file into ``staging``; two files for one path is a build error."""
    written: set[str] = set()
    for file in files:
        if file.output in written:
            raise BuildError(error(file.output, None, "output-collision",
                                   f"two pages would be written to {file.output}"))
        target = safe_target(staging, file.output)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(file.content)
        written.add(file.output)
    return len(written)


def publish(staging: Path, site_dir: Path) -> None:
    """Put the staged tree in place of ``site_dir`` in one step, then delete the old tree."""
    if not site_dir.exists():
        os.rename(staging, site_dir)
        return
    if not _exchange(staging, site_dir):
        retired = site_dir.with_name(site_dir.name + ".old")
        if retired.exists():
            shutil.rmtree(retired)
        os.rename(site_dir, retired)
        os.rename(staging, site_dir)
        staging = retired
    shutil.rmtree(staging)


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two directories with renameat2, where the OS offers it."""
    if not sys.platform.startswith("linux"):
        return False
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    return result == 0
