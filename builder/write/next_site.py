"""The staging folder, turned into the next site one file at a time, touching only what changed.

Each tree's files are recorded (:class:`FileRecord`: the fingerprint of the page job that made
the file, a digest of its bytes, and its stamp), so a file is

- **kept** when the staging tree already holds it, made from the same inputs;
- **linked** from ``site/`` when the current site holds it (every file the last build did not
  have to write is there, in the tree that build did not write into);
- **written** when it had to be rendered and neither tree has its bytes;

and leftovers are deleted. A recorded file counts only while its stamp is the one recorded, so
a file edited, replaced or deleted by hand is noticed and written again. A file added by hand
(or by anything else) changes its folder's change time, which each tree's record keeps
for every folder (:data:`Folders`): only a folder whose time moved is listed, and what it holds
that no record names is deleted with the leftovers, so nothing but the build's own files is
ever published. Walking every folder of the tree is done only when a build may have stopped
half-way through writing the staging folder: a marker file in the cache says so from the
moment a build starts changing it until its records are saved. Files shared by the two trees
through a hard link are never written in place: a changed file is a new file (unlink, then
write).

No output path may leave the staging folder, whatever a slug or file name says
(:func:`~builder.write.paths.safe_target`).
"""

from __future__ import annotations

import os
import shutil
import stat as stat_module
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from builder.diagnostics import BuildError, error
from builder.util.files import walk, write_new
from builder.util.fingerprints import Stamp, digest, stamp
from builder.write.paths import SEARCH_FOLDER, TreeId, safe_target, staging_dir, tree_id


@dataclass(frozen=True)
class FileRecord:
    """One file as a build wrote it into a site tree."""

    fingerprint: str
    """Of everything the file was made from (its page job and the render environment)."""
    digest: str
    """Of its bytes."""
    stat: Stamp
    """(inode, size, mtime) right after writing: the file is still this one while they hold."""


Manifest = Mapping[str, FileRecord]
"""Output path (relative, POSIX) -> record, for one tree."""

Folders = Mapping[str, int]
"""Folder of a tree's recorded files (relative, POSIX; "" the tree's own) -> its change time
(ns) when the tree was last as recorded: the system moves it whenever an entry is added to the
folder or removed, and whenever anything sets the folder's times, so unlike the modification
time no program restores it (``tar``, ``rsync -t`` and ``touch -d`` do that to the other).
Renaming a folder moves its own: the staging folder's, renamed by the swap that publishes a
site, is then looked into once more by the next build (a few entries). Of the search folder,
only its own time: what is in it is Pagefind's, and the search stage clears what is not its
own there."""


class NextSite:
    """The staging folder, being turned into the next site one file at a time.

    Call :meth:`reuse` for a page whose fingerprint is known, :meth:`put` with the bytes of one
    that had to be rendered, then :meth:`finish`. ``manifests`` are the records of the trees
    the last builds wrote, by :func:`tree_id`.
    """

    def __init__(self, site_dir: Path, manifests: Mapping[TreeId, Manifest], marker: Path,
                 folders: Mapping[TreeId, Folders], *, as_recorded: bool = False):
        """``folders``: the folder times of the trees, by tree, as the records were made.
        ``as_recorded``: the staging folder is known to be as its records say, so its files
        are not looked at again (the live preview made it so while idle, :meth:`Session.
        catch_up`, or a build it gave up did, and nothing but the builder writes there), even
        while the marker says a build changed it since the records were saved."""
        self.site_dir = site_dir
        self.staging = staging_dir(site_dir)
        self.staging.mkdir(parents=True, exist_ok=True)
        live = tree_id(site_dir) if site_dir.is_dir() else None
        self.live = manifests.get(live, {}) if live else {}
        self.live_folders = folders.get(live, {}) if live else {}
        """The current site's folder times, as they were when its records were made."""
        own = manifests.get(tree_id(self.staging), {})
        self._own, self._own_folders = own, folders.get(tree_id(self.staging), {})
        if own and (as_recorded or not marker.exists()):
            self.present = (_as_recorded(own) if as_recorded else {
                **_stamps_now(self.staging, own),
                **_added(self.staging, own, folders.get(tree_id(self.staging), {}))})
        else:  # a build stopped while writing here, or nothing is known: look at every file
            self.present = files_under(self.staging, skip=SEARCH_FOLDER)
        """Every file in the staging folder (outside the search folder), with its stat."""
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()  # removed once this build's records are saved (:func:`settled`)
        for path in sorted(path for path, key in self.present.items() if key is None):
            if path in self.present:  # not under a link removed before
                self.staging.joinpath(*path.split("/")).unlink()  # a link is never ours: it
                for gone in [p for p in self.present if p == path or p.startswith(path + "/")]:
                    del self.present[gone]                        # could lead a write outside
        self.staged = {path: own[path] for path, key in self.present.items()
                       if path in own and own[path].stat == key}
        """The staged files still as recorded: usable without writing them again."""
        self.records: dict[str, FileRecord] = {}
        self.written = self.linked = 0
        self._folders: set[Path] = set()
        self._real_folders: set[str] = set()

    def reuse(self, output: str, fingerprint: str) -> bool:
        """Put in place the file of a job whose fingerprint is the one recorded; False if it
        must render (the output is claimed all the same, for :meth:`place`)."""
        self._claim(output)
        staged = self.staged.get(output)
        if staged is not None and staged.fingerprint == fingerprint:
            self.records[output] = staged
            return True
        live = self.live.get(output)
        if live is not None and live.fingerprint == fingerprint and self._link(output, live):
            self.settle(Placed(output, live, LINKED))
            return True
        return False

    def reuse_recorded(self, outputs: Iterable[str]) -> bool:
        """Put in place each of ``outputs`` as the current site holds it (the pages of the last
        build that can be reused as they are): :meth:`reuse` for many files at once, with the
        fingerprints the last build recorded, and without checking them for collisions again.
        False when one of them is no longer as recorded (then this next site is not to be used).
        """
        for output in outputs:
            live = self.live.get(output)
            if live is None:
                return False
            staged = self.staged.get(output)
            if staged is not None and staged.fingerprint == live.fingerprint:
                self.records[output] = staged
            elif self._link(output, live):
                self.settle(Placed(output, live, LINKED))
            else:
                return False
        return True

    def recorded(self, output: str) -> str | None:
        """The fingerprint of ``output``'s file as either tree recorded it (None: neither has
        it), the staging folder's first."""
        record = self.staged.get(output) or self.live.get(output)
        return record.fingerprint if record is not None else None

    @property
    def anything_recorded(self) -> bool:
        """Whether either tree has records: a build before this one wrote them."""
        return bool(self.live or self.staged)

    def put(self, output: str, fingerprint: str, content: bytes) -> None:
        """Put ``content`` at ``output``, writing it only when neither tree has these bytes."""
        if self.records.get(output) is not _CLAIMED:  # claimed by a reuse that found nothing
            self._claim(output)
        self.settle(self.place(output, fingerprint, content))

    def place(self, output: str, fingerprint: str, content: bytes) -> Placed:
        """Put ``content`` at the claimed ``output`` and say how, without recording it: safe in
        a worker process (each output is placed by one process), :meth:`settle` records it."""
        content_digest = digest(content)
        staged = self.staged.get(output)
        if staged is not None and staged.digest == content_digest:
            return Placed(output, FileRecord(fingerprint, content_digest, staged.stat), KEPT)
        live = self.live.get(output)
        if live is not None and live.digest == content_digest and self._link(output, live):
            return Placed(output, FileRecord(fingerprint, content_digest, live.stat), LINKED)
        target = self._fresh_target(output)
        write_new(target, content, exclusive=True)
        return Placed(output, FileRecord(fingerprint, content_digest, stamp(os.stat(target))),
                      WRITTEN)

    def settle(self, placed: Placed) -> None:
        """Record a file :meth:`place` (or a reuse) put in place."""
        self.records[placed.output] = placed.record
        if placed.how != KEPT:  # the staged file it replaced is gone
            self.present.pop(placed.output, None)
        self.written += placed.how == WRITTEN  # ==: a worker's Placed comes back unpickled
        self.linked += placed.how == LINKED

    def finish(self) -> dict[str, FileRecord]:
        """Delete what the next site does not have; the records of the tree it now is."""
        emptied: set[Path] = set()
        for leftover in sorted(self.present.keys() - self.records.keys()):
            target = self.staging.joinpath(*leftover.split("/"))
            target.unlink()
            emptied.add(target.parent)
        for folder in sorted(emptied, key=lambda f: len(f.parts), reverse=True):
            while folder != self.staging:
                try:
                    folder.rmdir()
                except OSError:  # not empty: it still holds pages
                    break
                folder = folder.parent
        return self.records

    def same_pages(self, records: Manifest) -> bool:
        """Whether the next site's files (``records``, from :meth:`finish`) are the current
        site's, byte for byte, the search index apart."""
        def pages(manifest: Manifest) -> dict[str, str]:
            return {output: record.digest for output, record in manifest.items()
                    if output.split("/", 1)[0] != SEARCH_FOLDER}
        return bool(self.live) and pages(records) == pages(self.live)

    def staged_folders(self, records: Manifest) -> dict[str, int]:
        """The :data:`Folders` of the staging folder holding ``records`` (from :meth:`finish`),
        for a build that stops here: the folders of what changed since its records were made
        looked at again (those only: 12,500 at 10,000 pages), the others as they were."""
        own = self._own
        changed = {output for output, record in records.items()  # kept: the same record
                   if own.get(output) is not record and own.get(output) != record}
        changed |= (own.keys() | self.present.keys()) - records.keys()
        fresh = folder_times(self.staging, changed)
        gone = _folders(changed) - fresh.keys()  # emptied and removed by :meth:`finish`
        return {folder: time for folder, time in {**self._own_folders, **fresh}.items()
                if folder not in gone}

    def clear_search_folder(self) -> None:
        """No search folder in the staging tree (a build without search)."""
        folder = self.staging / SEARCH_FOLDER
        if folder.is_symlink() or folder.is_file():
            folder.unlink()
        elif folder.exists():
            shutil.rmtree(folder)

    def _claim(self, output: str) -> None:
        if output in self.records:
            raise BuildError(error(output, None, "output-collision",
                                   f"two pages would be written to {output}"))
        if output.split("/", 1)[0] == SEARCH_FOLDER:
            raise BuildError(error(output, None, "output-path",
                                   f"{output} is inside the search index's folder"))
        self.records[output] = _CLAIMED

    def _link(self, output: str, record: FileRecord) -> bool:
        """Hard-link the current site's file, if it is still the one ``record`` describes."""
        source = self.site_dir.joinpath(*output.split("/"))
        try:
            if stamp(os.lstat(source)) != record.stat:
                return False
        except OSError:
            return False
        os.link(source, self._fresh_target(output))
        return True

    def _fresh_target(self, output: str) -> Path:
        """Where ``output`` goes, its old file removed (never written through: it may be linked
        from ``site/``) and its folder made."""
        target = safe_target(self.staging, output, self._real_folders)
        if output in self.present:
            target.unlink(missing_ok=True)
        if target.parent not in self._folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(target.parent)
        return target


KEPT, LINKED, WRITTEN = "kept", "linked", "written"


@dataclass(frozen=True)
class Placed:
    """How one file got into the next site: ``KEPT`` (the staged file), ``LINKED`` (from
    ``site/``) or ``WRITTEN``."""

    output: str
    record: FileRecord
    how: str


_CLAIMED = FileRecord("", "", (0, 0, 0))
"""Placeholder while a claimed output is being produced."""


def as_recorded(root: Path, records: Manifest | None, folders: Folders | None) -> bool:
    """Whether the tree at ``root`` holds every file of ``records`` as recorded and nothing
    more (False without records): a file changed, removed or added by hand is noticed."""
    if not records or not folders:
        return False
    prefix = f"{root}{os.sep}"  # plain strings: pathlib costs more than the lstat
    try:
        return (all(stamp(os.lstat(prefix + output)) == record.stat
                    for output, record in records.items())
                and all(os.lstat(prefix + folder if folder else root).st_ctime_ns == time
                        for folder, time in folders.items()))
    except OSError:
        return False


def folder_times(root: Path, records: Iterable[str]) -> dict[str, int]:
    """The :data:`Folders` of the tree at ``root`` now: the times of the folders that hold
    ``records`` (recorded paths; one that is gone, or is a link, has none)."""
    times: dict[str, int] = {}
    prefix = f"{root}{os.sep}"
    for folder in _folders(records):
        try:
            stat = os.lstat(prefix + folder if folder else root)
        except OSError:
            continue
        if stat_module.S_ISDIR(stat.st_mode):
            times[folder] = stat.st_ctime_ns
    return times


def _folders(records: Iterable[str]) -> set[str]:
    """Every folder that holds one of ``records``, and every folder between it and the tree's
    own (""): the search folder's own too (its time tells a file planted at its top), but none
    inside it, whose files are Pagefind's, unrecorded."""
    folders = {""}
    for path in records:
        folder = path.rpartition("/")[0]
        while folder not in folders:
            folders.add(folder)
            folder = folder.rpartition("/")[0]
    return folders


def _added(root: Path, records: Manifest, times: Folders) -> dict[str, Stamp | None]:
    """What the tree at ``root`` holds that ``records`` do not name, by relative path, with its
    stat (None for a link: a folder of the records replaced by a link is one). Looked for only in
    the folders whose time is not the one recorded: an entry added to a folder moves its time."""
    folders = _folders(records)
    added: dict[str, Stamp | None] = {}
    prefix, links = f"{root}{os.sep}", ()
    for folder in sorted(folders):  # a folder before those in it
        path = prefix + folder if folder else str(root)
        if folder.startswith(links) or folder == SEARCH_FOLDER:  # the search stage clears that
            continue  # in a folder that is a link: never listed
        try:
            stat = os.lstat(path)
            if stat.st_ctime_ns == times.get(folder):
                continue
            if stat_module.S_ISLNK(stat.st_mode):
                added[folder], links = None, (*links, folder + "/")
                continue
            with os.scandir(path) as listing:
                entries = list(listing)
        except (FileNotFoundError, NotADirectoryError):
            continue
        for entry in entries:
            rel = f"{folder}/{entry.name}" if folder else entry.name
            if rel in records or rel in folders or rel == SEARCH_FOLDER:
                continue
            if entry.is_dir(follow_symlinks=False):
                added.update((f"{rel}/{inner}", key)
                             for inner, key in files_under(Path(entry.path)).items())
            else:
                added[rel] = None if entry.is_symlink() else stamp(entry.stat(follow_symlinks=False))
    return added


def settled(marker: Path) -> None:
    """Say that the staging folder is as recorded again (the build's records are saved)."""
    marker.unlink(missing_ok=True)


def _stamps_now(root: Path, records: Manifest) -> dict[str, Stamp | None]:
    """The recorded files of a tree only this builder writes, with their stamp now: a file
    changed or removed by hand is noticed; one added by hand is not looked for."""
    found: dict[str, Stamp | None] = {}
    prefix, search = f"{root}{os.sep}", SEARCH_FOLDER + "/"
    for path in records:
        if path.startswith(search):
            continue
        try:
            stat = os.lstat(prefix + path)  # plain strings: pathlib costs more than the lstat
        except FileNotFoundError:
            continue
        found[path] = None if stat_module.S_ISLNK(stat.st_mode) else stamp(stat)
    return found


def _as_recorded(records: Manifest) -> dict[str, Stamp | None]:
    """What :func:`_stamps_now` finds in a tree known to be as it was recorded."""
    search = SEARCH_FOLDER + "/"
    return {path: record.stat for path, record in records.items() if not path.startswith(search)}


def files_under(root: Path, skip: str = "") -> dict[str, Stamp | None]:
    """Every non-folder entry under ``root`` (but in its top folder ``skip``), by relative POSIX
    path; symbolic links have no stamp (None). Nothing when ``root`` does not exist."""
    return {rel: None if entry.is_symlink() else stamp(entry.stat(follow_symlinks=False))
            for rel, entry in walk(root, noise=True, prune=(skip,))}
