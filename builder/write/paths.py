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

import json
import os
import re
import stat as stat_module
from collections.abc import Callable, Collection
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


OWN_FOLDERS = ("content", "templates", "locales", CACHE_DIR)
"""The project's folders no output may be in: what the build reads, and its cache."""
REPORT_LIMIT = 1 << 28
"""The largest file taken for an earlier build report (about 25 times a 100,000-page one)."""


def unsafe_output(config: SiteConfig, recorded: Callable[[], Collection[TreeId]] = tuple
                  ) -> Diagnostic | None:
    """Why the build may not write its output folder (or its staging and retired siblings),
    as an error naming the folder; None when it may. Nothing is touched to find out.

    A marked folder other than the project's own ``site/`` must also be one a build of this
    project wrote: a tree the state remembers (``recorded`` gives them, read only then). A copy
    of a site (``cp -r site ~/copy``, then notes added) carries the marker too, and two builds
    into it once moved, then deleted, the notes."""
    site = Path(os.path.abspath(config.site_dir))  # as given: a link is not followed
    real, root = Path(os.path.realpath(site)), config.root
    if real == root or root.is_relative_to(real):
        return _refusal(root, site, "it is the project folder or holds it")
    previewed = config.preview and real == config.preview_site_dir  # the cache's own site
    if (inside := _own_folder(root, real)) and not previewed:
        return _refusal(root, site, f"it is inside {inside}/, which is the project's own")
    if site.name.endswith((STAGING_SUFFIX, RETIRED_SUFFIX)):
        return _refusal(root, site, "a name ending in .next or .old is kept for the folder a "
                                    "site is made in beside the site; give another name")
    own_site = real == root / "site" or previewed
    for folder in (site, staging_dir(site), retired_dir(site)):
        try:
            mode = os.lstat(folder).st_mode
        except FileNotFoundError:
            continue
        if stat_module.S_ISLNK(mode):
            return _refusal(root, folder, "it is a symbolic link; give the folder it leads to")
        if not stat_module.S_ISDIR(mode):
            return _refusal(root, folder, "it is a file, not a folder")
        if not has_site_marker(folder):
            if any(True for _ in os.scandir(folder)):
                return _refusal(root, folder, f"it holds files no digest build wrote (it has no "
                                              f"{SITE_MARKER}); empty it or give another folder")
        elif not own_site and tree_id(folder) not in recorded():
            return _refusal(root, folder, (
                "it is a site no build of this project wrote here (a copy, maybe with your own "
                "files in it, or the cache was deleted since); empty it or give another folder"))
    if mounted := _mount_point(site):
        return _refusal(root, mounted, (
            f"it is a mount point, and a build publishes by renaming between {site.name}/ and "
            f"{staging_dir(site).name}/, which no mount point allows; unmount it or give "
            "another folder"))
    return None


def _mount_point(site: Path) -> Path | None:
    """The first of the output folder and its staging and retired siblings that is a mount
    point (a file system of its own, or a bind mount of a folder of the same one: no rename
    crosses either); None when none is."""
    try:
        parent = os.lstat(site.parent).st_dev
    except OSError:
        return None
    mounts = _mount_points()  # a bind mount has its file system's device: listed only here
    for folder in (site, staging_dir(site), retired_dir(site)):
        try:
            if (os.lstat(folder).st_dev != parent or os.path.ismount(folder)
                    or os.path.realpath(folder) in mounts):
                return folder
        except OSError:
            continue
    return None


def _mount_points() -> frozenset[str]:
    """Every mount point this process sees, where the system lists them (Linux's
    ``/proc/self/mountinfo``, its fifth field, spaces and the like written in octal); none
    elsewhere."""
    try:
        text = Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return frozenset()
    return frozenset(re.sub(r"\\([0-7]{3})", lambda code: chr(int(code[1], 8)), fields[4])
                     for fields in map(str.split, text.splitlines()) if len(fields) > 4)


def has_site_marker(folder: Path) -> bool:
    """Whether ``folder`` holds the marker a build writes, as a build writes it (a regular file
    of its text: an empty file or a link someone put there is no build's)."""
    marker = folder / SITE_MARKER
    try:
        if not stat_module.S_ISREG(os.lstat(marker).st_mode):
            return False
        with marker.open("rb") as file:
            return file.read(len(SITE_MARKER_TEXT) + 1) == SITE_MARKER_TEXT
    except OSError:
        return False


def unsafe_cache(config: SiteConfig) -> Diagnostic | None:
    """Why the build may not write its cache folder: it, or a folder in it, is a symbolic link
    (a build writes into the cache and deletes what it no longer needs there, which through a
    link would be outside the project); None when it may, or there is none yet."""
    for cache in dict.fromkeys((config.project_cache_dir, config.cache_dir)):  # (the preview's)
        try:
            if stat_module.S_ISLNK(os.lstat(cache).st_mode):
                return _refusal(config.root, cache, "it is a symbolic link; delete the link "
                                "(the build makes the folder again)", what="the cache")
            entries = [entry for entry in os.scandir(cache) if entry.is_symlink()]
        except (FileNotFoundError, NotADirectoryError):
            continue  # none yet, or a file: the build says so when it makes the folder
        if entries:
            first = min(entries, key=lambda entry: entry.name)
            return _refusal(config.root, Path(first.path), "it is a symbolic link; delete it",
                            what="the cache")
    return None


def unsafe_report(root: Path, site_dir: Path, target: Path) -> Diagnostic | None:
    """Why ``digest build --report-json`` may not write ``target``: a folder, a link, a device,
    a file in the project's own folders or its output, or an existing file that is no earlier
    build report (``--report-json digest.toml`` must not replace the configuration); None when
    it may. ``root`` and ``site_dir`` are the project's, resolved, and its output folder."""
    report = Path(os.path.abspath(target))  # as given: a link is not followed
    real = Path(os.path.realpath(report))
    site = Path(os.path.realpath(site_dir))
    if inside := _own_folder(root, real):
        return _refusal(root, report, f"it is inside {inside}/, which is the project's own",
                        what="the report")
    for folder in (site, staging_dir(site), retired_dir(site)):
        if real.is_relative_to(folder):
            return _refusal(root, report, "it is inside the output folder, which every build "
                                            "replaces (and publishes)", what="the report")
    try:
        mode = os.lstat(report).st_mode
    except FileNotFoundError:
        return None
    if stat_module.S_ISLNK(mode):
        return _refusal(root, report, "it is a symbolic link", what="the report")
    if not stat_module.S_ISREG(mode):
        return _refusal(root, report, "it is not a regular file (a folder, a device…)",
                        what="the report")
    if not _is_report(report):
        return _refusal(root, report, "it holds something other than an earlier build "
                                        "report; give a new file", what="the report")
    return None


def _own_folder(root: Path, real: Path) -> str | None:
    """The project's folder ``real`` is in, if it is one the build reads or keeps, or a hidden
    one (``.git``, ``.venv``): no output or report goes there."""
    if not real.is_relative_to(root) or real == root:
        return None
    first = real.relative_to(root).parts[0]
    hidden = first.startswith(".") and real != root / first  # a file at the top may be hidden
    return next((name for name in OWN_FOLDERS if real.is_relative_to(root / name)),
                first if hidden else None)


def _is_report(path: Path) -> bool:
    """Whether the file at ``path`` is a report a build wrote (a JSON object with its keys)."""
    try:
        if path.stat().st_size > REPORT_LIMIT:
            return False
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and {"format", "published", "counts", "outcomes"} <= data.keys()


def _refusal(root: Path, path: Path, why: str, what: str = "the site") -> Diagnostic:
    try:  # as given, not resolved: the name of a link, not of where it leads
        shown = path.relative_to(root).as_posix()
    except ValueError:
        shown = path.as_posix()
    return error(shown, None, "output-unsafe", f"{what} is not written here: {why}")


def staging_marker(cache_dir: Path) -> Path:
    """Present while the staging folder may differ from its records (:class:`NextSite`)."""
    return cache_dir / STAGING_MARKER


def tree_id(folder: Path) -> TreeId | None:
    try:
        stat = os.stat(folder)
    except FileNotFoundError:
        return None
    return (stat.st_dev, stat.st_ino)


def plain_path(relative: object) -> bool:
    """Whether ``relative`` is a path inside a folder as a record may name it: text, relative,
    POSIX, with no ``..``, ``.``, empty part, NUL or backslash. A path read back from the cache
    or the site is held to it before any file is looked at, let alone deleted."""
    if not isinstance(relative, str) or "\x00" in relative or "\\" in relative:
        return False
    # Substring tests, in C, instead of a split into parts: a no-op build holds every path of
    # its cache to this (tens of thousands at 10,000 articles), and splitting cost a tenth of it.
    framed = f"/{relative}/"  # an empty, "." or ".." part, first or last included, shows here
    return "//" not in framed and "/./" not in framed and "/../" not in framed


def safe_target(root: Path, relative: str, real_folders: set[str] | None = None) -> Path:
    """``root / relative``, refusing absolute paths, ``..``, NUL and anything outside ``root``:
    a folder on the way, or the file itself, that is a symbolic link could lead a write out.

    ``real_folders`` remembers the folders found to be real ones, so that a build looks at each
    folder once (an lstat), not at every folder of every path (a resolve() per file cost
    seconds at 10,000 pages).
    """
    pure = PurePosixPath(relative)
    if not plain_path(relative):
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
