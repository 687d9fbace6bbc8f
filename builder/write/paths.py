"""Where the build writes: the site folder and its siblings, and the only way to a target in it.

``site/`` is the published tree; ``site.next/`` beside it is the staging folder the next site is
made in (and, after the swap, the previous site); ``site.old/`` exists for a moment where the OS
cannot swap two folders in one step. The search index has one folder in every tree,
:data:`SEARCH_FOLDER`. Every name here is known nowhere else: the live preview's watcher, the
search stage and ``digest check`` ask this module.
"""

from __future__ import annotations

import os
import stat as stat_module
from pathlib import Path, PurePosixPath

from builder.diagnostics import BuildError, error

SEARCH_FOLDER = "pagefind"
"""The search index's folder in a site tree: written by :mod:`builder.search`, not through
:class:`~builder.write.NextSite`."""
STAGING_SUFFIX = ".next"
RETIRED_SUFFIX = ".old"
STAGING_MARKER = "staging-unrecorded"
"""In the cache folder, while the staging folder may differ from its records."""

TreeId = tuple[int, int]
"""(device, inode) of a site tree's folder: unchanged when the folder is renamed or swapped."""


def staging_dir(site_dir: Path) -> Path:
    """Where the next site is made, beside ``site_dir`` (``site.next/``)."""
    return site_dir.with_name(site_dir.name + STAGING_SUFFIX)


def retired_dir(site_dir: Path) -> Path:
    """Where the published site waits for a moment where two folders cannot be swapped at once
    (``site.old/``)."""
    return site_dir.with_name(site_dir.name + RETIRED_SUFFIX)


def staging_marker(cache_dir: Path) -> Path:
    """Present while the staging folder may differ from its records (:class:`NextSite`)."""
    return cache_dir / STAGING_MARKER


def tree_id(folder: Path) -> TreeId | None:
    try:
        stat = os.stat(folder)
    except FileNotFoundError:
        return None
    return (stat.st_dev, stat.st_ino)


def safe_target(root: Path, relative: str, real_folders: set[str] | None = None) -> Path:
    """``root / relative``, refusing absolute paths, ``..``, NUL and anything outside ``root``:
    a folder on the way, or the file itself, that is a symbolic link could lead a write out.

    ``real_folders`` remembers the folders found to be real ones, so that a build looks at each
    folder once (an lstat), not at every folder of every path (a resolve() per file cost
    seconds at 10,000 pages).
    """
    pure = PurePosixPath(relative)
    if (not relative or "\x00" in relative or "\\" in relative or pure.is_absolute()
            or any(part in ("..", ".", "") for part in relative.split("/"))):
        raise BuildError(error(relative or "<empty>", None, "output-path",
                               f"refusing to write outside the site folder: {relative!r}"))
    checked = real_folders if real_folders is not None else set()
    base, folder = f"{root}{os.sep}", ""
    for part in relative.split("/"):
        folder = f"{folder}/{part}" if folder else part
        if folder in checked:
            continue
        try:
            mode = os.lstat(base + folder).st_mode
        except FileNotFoundError:
            break  # nothing there yet: what is made from here on is a real folder or file
        if stat_module.S_ISLNK(mode):
            raise BuildError(error(relative, None, "output-path",
                                   f"refusing to write through the symbolic link {folder!r}"))
        if folder != relative:
            checked.add(folder)
    return root.joinpath(*pure.parts)
