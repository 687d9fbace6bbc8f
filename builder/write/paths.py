"""Where the build writes: the site folder and its siblings, and the only way to a target in it.

``site/`` is the published tree; ``site.next/`` beside it is the staging folder the next site is
made in (and, after the swap, the previous site); ``site.old/`` exists for a moment where the OS
cannot swap two folders in one step. The search index has one folder in every tree,
:data:`SEARCH_FOLDER`. Every name here is known nowhere else: the live preview's watcher, the
search stage and ``digest check`` ask this module.

A build replaces these folders whole, so it must never be given one that holds anything else:
:func:`unsafe_output` refuses, before anything is written, an output folder that is the project
or holds it, lies in a folder the build reads or in its cache, is a file or a symbolic link, or
holds files no digest build wrote (every site tree carries :data:`SITE_MARKER`). Hugo removes
files from its destination only when asked; MkDocs refuses a site folder that holds its
sources.
"""

from __future__ import annotations

import os
import stat as stat_module
from pathlib import Path, PurePosixPath

from builder.config import CACHE_DIR, SiteConfig
from builder.diagnostics import BuildError, Diagnostic, error

SEARCH_FOLDER = "pagefind"
"""The search index's folder in a site tree: written by :mod:`builder.search`, not through
:class:`~builder.write.NextSite`."""
STAGING_SUFFIX = ".next"
RETIRED_SUFFIX = ".old"
STAGING_MARKER = "staging-unrecorded"
"""In the cache folder, while the staging folder may differ from its records."""
SITE_MARKER = ".digest-site"
"""In every site tree a build writes: what tells a folder digest may replace from any other."""
SITE_MARKER_TEXT = (b"This folder is a site written by digest build, which replaces it whole on "
                    b"every build.\n")

TreeId = tuple[int, int]
"""(device, inode) of a site tree's folder: unchanged when the folder is renamed or swapped."""


def staging_dir(site_dir: Path) -> Path:
    """Where the next site is made, beside ``site_dir`` (``site.next/``)."""
    return site_dir.with_name(site_dir.name + STAGING_SUFFIX)


def retired_dir(site_dir: Path) -> Path:
    """Where the published site waits for a moment where two folders cannot be swapped at once
    (``site.old/``)."""
    return site_dir.with_name(site_dir.name + RETIRED_SUFFIX)


def unsafe_output(config: SiteConfig) -> Diagnostic | None:
    """Why the build may not write its output folder (or its staging and retired siblings),
    as an error naming the folder; None when it may. Nothing is touched to find out."""
    site = Path(os.path.abspath(config.site_dir))  # as given: a link is not followed
    real, root = Path(os.path.realpath(site)), config.root
    if real == root or root.is_relative_to(real):
        return _refusal(config, site, "it is the project folder or holds it")
    for name in ("content", "templates", "locales", CACHE_DIR):
        if real.is_relative_to(root / name):
            return _refusal(config, site, f"it is inside {name}/, which is the project's own")
    for folder in (site, staging_dir(site), retired_dir(site)):
        try:
            mode = os.lstat(folder).st_mode
        except FileNotFoundError:
            continue
        if stat_module.S_ISLNK(mode):
            return _refusal(config, folder, "it is a symbolic link; give the folder it leads to")
        if not stat_module.S_ISDIR(mode):
            return _refusal(config, folder, "it is a file, not a folder")
        if not (folder / SITE_MARKER).is_file() and any(True for _ in os.scandir(folder)):
            return _refusal(config, folder, f"it holds files no digest build wrote (it has no "
                                            f"{SITE_MARKER}); empty it or give another folder")
    return None


def _refusal(config: SiteConfig, folder: Path, why: str) -> Diagnostic:
    try:  # as given, not resolved: the name of a link, not of where it leads
        shown = folder.relative_to(config.root).as_posix()
    except ValueError:
        shown = folder.as_posix()
    return error(shown, None, "output-unsafe", f"the site is not written here: {why}")


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
