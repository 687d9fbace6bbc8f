"""Outputs of earlier builds moved aside, not deleted, while builds are being timed.

In: a folder to move them into (beside the corpus, so on the same file system). Out:
:class:`SetAside`, called with each path a clean build must not find, and emptied once a
corpus size has been measured.

Why: ext4 does not reuse an inode deleted in the last 30 seconds (``recently_deleted`` in its
inode allocator), and looks at each such inode while it searches for a free one. Deleting a
10,000-page site just before a clean build made that build spend most of its time in the kernel
creating folders and files: on the benchmark machine, writing 12,400 pages took 9 to 25 s right
after deleting the last build's output, and 1 s otherwise; Hugo was slowed down the same way.
A rename deletes nothing, so every clean build (digest's and Hugo's) starts on a file system in
the same state, and the timings measure the builds.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


class SetAside:
    """Moves paths into ``folder`` (each under a new name); :meth:`empty` deletes them all."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._moved = 0

    def __call__(self, path: Path) -> None:
        """Move ``path`` (a file, a folder or a link) out of the way, if it exists."""
        if not (path.exists() or path.is_symlink()):
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        self._moved += 1
        try:
            os.rename(path, self.folder / f"{self._moved}-{path.name}")
        except OSError:  # another file system: deleted after all
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()

    def empty(self) -> None:
        """Delete everything moved aside (after the timed builds)."""
        shutil.rmtree(self.folder, ignore_errors=True)
