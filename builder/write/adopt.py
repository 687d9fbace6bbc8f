"""A copy of the published site: its files taken as recorded where their bytes are the recorded ones.

A tree's records are kept under its folder's (device, inode), and each file counts while its
stamp is the recorded one (:mod:`builder.write.next_site`). A copy of the published site has
new inodes and new times: restored with the build cache from a CI cache (Netlify's build
cache, GitHub Actions' ``actions/cache``), or copied back by hand. Without more, nothing of it
would be reused, and every page would be rendered and written again although every byte is
there. So a build whose site folder is no tree the state records **adopts** it: each file of
the published tree's records is looked at once, and one that is still those bytes (its size,
then the digest of its content) is recorded with its stamp now; any other keeps no record, so
its page is made again. The copy is read, never written: the next site is made in the staging
folder as always, from these records.

What the copy holds besides is not looked for: its folders' times are not recorded, so a build
never takes the copy as published as it is (:func:`~builder.write.as_recorded` is False without
them), and the next site, made of the build's own files only, replaces it. The search index's
files are the search stage's to judge (by its manifest, as for any published index); only its
manifest has a record here, which names no bytes, so it is left out.

In: the copy's folder and the records of the tree it copies. Out: the records that hold for it.
"""

from __future__ import annotations

import os
import stat as stat_module
from pathlib import Path

from builder.util.fingerprints import Stamp, digest, stamp
from builder.write.next_site import FileRecord, Manifest, files_under
from builder.write.paths import SEARCH_FOLDER


def adopt(root: Path, records: Manifest) -> dict[str, FileRecord]:
    """The records of ``records`` that hold for the tree at ``root``, each with its stamp now.

    A file is looked at only when a walk of the tree finds it a plain file (no link, not under
    a link: nothing outside the tree is read) of the recorded size; its bytes are read then, on
    every core when there are many.
    """
    # Imported here: a build that finds nothing to do never adopts, and would pay 8 ms to
    # import multiprocessing.
    from builder.util.parallel import ordered_map

    found = files_under(root, skip=SEARCH_FOLDER)
    candidates = [path for path, record in sorted(records.items())
                  if record.digest and (now := found.get(path)) is not None
                  and now[1] == record.stat[1]]
    prefix = f"{root}{os.sep}"
    stamps = ordered_map(lambda path: _as_recorded(prefix + path, records[path].digest),
                         candidates)
    return {path: FileRecord(records[path].fingerprint, records[path].digest, now)
            for path, now in zip(candidates, stamps, strict=True) if now is not None}


def _as_recorded(path: str, recorded: str) -> Stamp | None:
    """The stamp of the file at ``path`` if its bytes have the digest ``recorded`` (and it did
    not change while it was read); else None."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:  # not blocking: a pipe planted under a page's name is no page, and is not waited on
        descriptor = os.open(path, flags)
    except OSError:
        return None
    try:
        with os.fdopen(descriptor, "rb") as file:
            status = os.fstat(descriptor)
            if not stat_module.S_ISREG(status.st_mode):
                return None
            content = file.read()
            after = stamp(os.fstat(descriptor))
    except OSError:  # unreadable: its page is made again, which is always right
        return None
    return after if after == stamp(status) and digest(content) == recorded else None
