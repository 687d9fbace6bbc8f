"""The staged tree -> the published site, in one step; a first site's mirror; both trees'
records after the swap, or after a build that stopped before it.

On Linux the swap is one ``renameat2(RENAME_EXCHANGE)`` call, so a reader (or the live preview)
sees either the old tree or the new one, never a mix; elsewhere it is three renames in quick
succession. After the swap the staging folder holds the previous site, for the next build to
update.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

from builder.util.files import link_files
from builder.write.next_site import Folders, Manifest, NextSite, files_under, folder_times
from builder.write.paths import SEARCH_FOLDER, TreeId, retired_dir, tree_id

Trees = tuple[dict[TreeId, Manifest], dict[TreeId, Folders]]
"""The records of the site trees, and their folders' times, by tree."""

RENAME_EXCHANGE = 2
AT_FDCWD = -100


def publish(staging: Path, site_dir: Path) -> None:
    """Put the staged tree in place of ``site_dir`` in one step; the old tree becomes the
    staging folder, for the next build to update."""
    if not site_dir.exists():
        os.rename(staging, site_dir)
        return
    if not _exchange(staging, site_dir):
        retired = retired_dir(site_dir)
        if retired.exists():
            shutil.rmtree(retired)
        os.rename(site_dir, retired)
        os.rename(staging, site_dir)
        os.rename(retired, staging)


def mirror(site_dir: Path, staging: Path, outputs: Iterable[str]) -> None:
    """Make ``staging`` a copy of ``site_dir`` made of hard links: after a first build, so that
    the second changes only what differs, as every later one does, instead of linking the whole
    site file by file itself. ``outputs`` are the files the build recorded; the search folder,
    of which it records only the manifest, is looked at."""
    search = SEARCH_FOLDER + "/"
    index = [search + rel for rel, key in files_under(site_dir / SEARCH_FOLDER).items() if key]
    link_files(site_dir, staging, [*(rel for rel in outputs if not rel.startswith(search)), *index])


def published_trees(site_dir: Path, site: NextSite, records: Manifest, staged: Folders,
                    first: bool) -> Trees:
    """Both trees after the swap: the published one is this build's (``records``, in folders
    whose times were ``staged`` before the swap, :meth:`NextSite.staged_folders`), the staging
    folder holds the site before it (or, after a ``first`` build, its mirror). The swap renames
    the two trees' own folders only, so only theirs are looked at again: a save's build does
    not stat the 12,500 folders of a site of 10,000 pages (a twentieth of a second)."""
    published, staging = tree_id(site_dir), tree_id(site.staging)
    assert published is not None and staging is not None
    return ({published: records, staging: records if first else site.live},
            {published: {**staged, **folder_times(site_dir, ())},
             staging: folder_times(site.staging, records) if first else site.live_folders})


def staged_trees(site: NextSite, records: Manifest, trees: Mapping[TreeId, Manifest],
                 folders: Mapping[TreeId, Folders]) -> Trees:
    """The trees of a build that stopped before the swap (given up by its caller): the
    published one as it was, the staging folder as the build left it, holding ``records``."""
    staging = tree_id(site.staging)
    assert staging is not None
    return {**trees, staging: records}, {**folders, staging: site.staged_folders(records)}


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
