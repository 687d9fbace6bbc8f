"""Rendered files -> ``site/``, all or nothing, touching only what changed.

A build makes the next site in a staging folder beside ``site/`` (``site.next``), search indexes
it there, and only then swaps the two folders. On Linux the swap is one
``renameat2(RENAME_EXCHANGE)`` call, so a reader (or the live preview) sees either the old tree
or the new one, never a mix; elsewhere it is three renames in quick succession. A build that
fails at any point leaves ``site/`` as it was.

After the swap the staging folder holds the previous site, and it is kept: the next build turns
it into the next site by changing only the files that differ (:class:`NextSite`). Each tree's
files are recorded (:class:`FileRecord`: the fingerprint of the page job that made the file, a
digest of its bytes, and its inode, size and modification time), so a file is

- **kept** when the staging tree already holds it, made from the same inputs;
- **hard-linked** from ``site/`` when the current site holds it (every file unchanged since the
  last build, in the tree that build did not write);
- **rendered**, and then still not written when its bytes equal what either tree holds;

and leftovers are deleted. A recorded file counts only while its inode, size and time are the
ones recorded, so a file edited, replaced or deleted by hand is noticed and written again.
A file added by hand changes its folder's change time, which the record keeps for each
folder: what such a folder holds that no record names is deleted, so only the build's own
files are published. Walking every folder of the tree is done only when a build may have
stopped half-way through writing the staging folder: a marker file in the cache says so from
the moment a build starts changing it until its records are saved.
Files shared by the two trees through a hard link are never written in place: a changed file
is a new file (unlink, then write). So a build costs the files that changed, not the size of
the site, and never leaves a mix in ``site/``.

A copy of the published site (restored from a CI cache with the build cache, where every
file has a new inode and time) is adopted: its files that still have the recorded bytes are
recorded again as they are now, so that it is reused as the site it copies
(:mod:`~builder.write.adopt`).

No output path may leave the staging folder, whatever a slug or file name says. The folders'
names are :mod:`~builder.write.paths`'; the staging folder's making is
:mod:`~builder.write.next_site`'s; the swap, :mod:`~builder.write.publish`'s.
"""

from builder.write.adopt import adopt
from builder.write.next_site import (
    KEPT,
    LINKED,
    WRITTEN,
    FileRecord,
    Folders,
    Manifest,
    NextSite,
    Placed,
    as_recorded,
    files_under,
    folder_times,
    settled,
)
from builder.write.paths import (
    SEARCH_FOLDER,
    SITE_MARKER,
    SITE_MARKER_TEXT,
    TreeId,
    has_site_marker,
    plain_path,
    retired_dir,
    safe_target,
    staging_dir,
    staging_marker,
    tree_id,
    unsafe_cache,
    unsafe_output,
    unsafe_report,
)
from builder.write.publish import Trees, mirror, publish, published_trees, staged_trees

__all__ = ["KEPT", "LINKED", "SEARCH_FOLDER", "SITE_MARKER", "SITE_MARKER_TEXT", "WRITTEN",
           "FileRecord", "Folders", "Manifest", "NextSite", "Placed", "TreeId", "Trees", "adopt", "as_recorded",
           "files_under", "folder_times",
           "mirror", "plain_path", "publish", "published_trees", "retired_dir", "safe_target", "settled", "has_site_marker", "staged_trees",
           "staging_dir", "staging_marker", "tree_id", "unsafe_cache",
           "unsafe_output", "unsafe_report"]
