"""Every file a build reads, with its stamp: the scan that what changed is decided from.

The inputs are ``digest.toml`` and every file under ``content/``, ``templates/`` and
``locales/``, but editors' noise (:func:`builder.util.files.is_editor_noise`, the one rule the
watcher follows too), ``content/front-matter.schema.json``, which the build itself writes
from the configuration, and ``content/addresses.txt``, which the build writes too, and which
changes no page (:mod:`builder.addresses`: a build that finds nothing else changed compares
its digest instead, so that a stamp of its own writing never makes the next build work). A
link to a file is stamped as the file it leads to (its bytes are what is read); a link to a
folder is not entered.

A scan names each input by its project-relative POSIX path, as diagnostics and the watcher do.
:func:`scan_inputs` walks everything; :func:`rescan` looks again only at what a watcher named
(the live preview's save: ten thousand pages are not stat'ed to find the one that was saved),
and gives the same scan a walk would.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from builder.config import CONFIG_FILE, SiteConfig
from builder.formats.schema import schema_path
from builder.util.files import is_editor_noise, walk
from builder.util.fingerprints import Stamp, stamp

INPUT_FOLDERS = ("content", "templates", "locales")
ADDRESS_RECORD = "addresses.txt"
"""In ``content/``: the address each page was last published at (:mod:`builder.addresses`)."""


@dataclass(frozen=True)
class Scan:
    """The inputs as one look at the project found them."""

    stamps: Mapping[str, Stamp]
    """Project-relative POSIX path -> stamp, for every input."""
    newest: int
    """The newest modification time among them (ns; 0 when there is none)."""
    links: frozenset[str] = frozenset()
    """The inputs that are symbolic links: the only ones that can lead to a folder, so that a
    build looks for those (:func:`builder.formats.pages.folder_links`) among these alone, not
    among its 20,000 inputs."""


def scan_inputs(config: SiteConfig) -> Scan:
    """Every input's stamp, by a walk of the project's input folders."""
    stamps = dict(_config_file(config))
    links = {CONFIG_FILE} if os.path.islink(config.root / CONFIG_FILE) else set()
    for folder in INPUT_FOLDERS:
        stamps.update(_stamps_under(config, folder, links))
    return _scan(config, stamps, links)


def rescan(previous: Scan, config: SiteConfig, told: Iterable[str]
           ) -> tuple[Scan, frozenset[str]]:
    """``previous`` with each path of ``told`` looked at again; and the paths looked at.

    ``told`` are the project-relative paths a watcher saw change since ``previous`` was made:
    files or folders, created, modified, deleted or moved. A path that was a folder, or is one
    now, stands for everything under it. Every path looked at is named, whether or not its
    stamp changed: a file written twice within one tick of the file system's clock, at the same
    size, keeps its stamp, and only the watcher's word says that it changed.
    """
    stamps = dict(previous.stamps)
    links = set(previous.links)
    looked: set[str] = set()
    for rel in told:
        rel = rel.strip("/")
        looked.add(rel)
        links.discard(rel)
        if stamps.pop(rel, None) is None:  # a folder, or nothing known: forget what was under it
            inside = [path for path in stamps if path.startswith(rel + "/")]
            for path in inside:
                del stamps[path]
            links.difference_update(inside)
            looked.update(inside)
        if is_editor_noise(rel.rsplit("/", 1)[-1]):
            continue
        full = config.root / rel
        if full.is_dir() and not full.is_symlink():  # a walk does not follow links either
            found = dict(_stamps_under(config, rel, links))
            stamps.update(found)
            looked.update(found)
        elif (found_stamp := _stamp_of(full)) is not None:
            stamps[rel] = found_stamp
            if full.is_symlink():
                links.add(rel)
    return _scan(config, stamps, links), frozenset(looked)


def _scan(config: SiteConfig, stamps: dict[str, Stamp], links: set[str]) -> Scan:
    stamps.pop(config.relative(schema_path(config)), None)  # the build writes these two
    stamps.pop(config.relative(config.content_dir / ADDRESS_RECORD), None)
    return Scan(stamps, max((mtime for _, _, mtime in stamps.values()), default=0),
                frozenset(link for link in links if link in stamps))


def _config_file(config: SiteConfig) -> Iterator[tuple[str, Stamp]]:
    found = _stamp_of(config.root / CONFIG_FILE)
    if found is not None:
        yield CONFIG_FILE, found


def _stamps_under(config: SiteConfig, folder: str, links: set[str]
                  ) -> Iterator[tuple[str, Stamp]]:
    """(project-relative path, stamp) of every input under ``folder``; those that are links
    are added to ``links``."""
    for rel, entry in walk(config.root / folder):
        try:
            found = stamp(entry.stat(follow_symlinks=True))
        except OSError:  # gone since the folder was listed, or a link to nothing
            continue
        if entry.is_symlink():
            links.add(f"{folder}/{rel}")
        yield f"{folder}/{rel}", found


def _stamp_of(path: os.PathLike[str]) -> Stamp | None:
    try:
        return stamp(os.stat(path))
    except OSError:  # deleted, moved away, or a link to nothing
        return None
