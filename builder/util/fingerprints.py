"""Fingerprints: digests of bytes and of data, file stamps, and the builder's own identity.

Everything the incremental build trusts is a fingerprint made here, so that one kind of digest
names one kind of thing:

- :func:`digest` (BLAKE2b, 160 bits) of bytes: a page file, a rendered file, a fingerprint's
  parts. (Hashes an editor sees, ``body_sha256`` and ``source_sha256``, are SHA-256 by their
  own definition, and Pagefind's shard fingerprints keep theirs: they are written into the
  site.)
- :func:`stamp` of a file: (inode, size, modification time in ns), which changes whenever the
  file does, except for a write within the same tick of the file system's clock (the racy
  window, :mod:`builder.incremental.changes`).
- :func:`fast_pickle`: frozen data as bytes that depend on the data only, for digests of it.
- :func:`code_fingerprint`: every source file of the ``builder`` package and the versions of
  the libraries that shape output; a state left by another builder is another version's.

A leaf: imports nothing of the builder but :mod:`builder.util.files`.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import pickle
import re
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from builder.util.files import walk

PACKAGE = Path(__file__).resolve().parent.parent
"""The ``builder`` package's folder: all of it is the builder's code, whatever module asks."""
PACKAGES = ("jinja2", "markupsafe", "markdown-it-py", "babel", "pyyaml", "iuliia", "pagefind")
"""Libraries whose version changes what a build writes."""

Stamp = tuple[int, int, int]
"""(inode, size, modification time in ns) of a file: changes whenever the file does."""


def stamp(stat: os.stat_result) -> Stamp:
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


def digest(data: bytes) -> str:
    """The digest of ``data`` the builder uses for everything it compares."""
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def fast_pickle(value: object, table: Mapping[type, Any] | None = None) -> memoryview:
    """``value`` as bytes that depend on its data only, not on which objects are shared.

    Pickle in "fast" mode writes every value out in full, never as a reference to an equal one
    written before, so equal frozen data (dataclasses, tuples, mappings, dates, text) gives
    equal bytes in any process. ``table`` maps types to reducers (``copyreg`` style).
    """
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True
    if table is not None:
        pickler.dispatch_table = table
    pickler.dump(value)
    return buffer.getbuffer()


def files_fingerprint(root: Path, paths: Iterable[Path]) -> str:
    """Names (relative to ``root``) and bytes of ``paths``."""
    hasher = hashlib.blake2b(digest_size=20)
    for path in paths:
        data = path.read_bytes()
        hasher.update(f"{path.relative_to(root).as_posix()}\0{len(data)}\0".encode())
        hasher.update(data)
    return hasher.hexdigest()


def tree_fingerprint(root: Path) -> str:
    """Every file under ``root`` (templates, catalogs) by name and content, and every link by
    name and where it leads: a link is never followed to hash what it leads to, which may lie
    outside the project (the stages refuse to read it) or never end (a pipe)."""
    if not root.is_dir():
        return digest(b"absent")
    hasher = hashlib.blake2b(digest_size=20)
    for rel, entry in walk(root, noise=True):
        if entry.is_symlink():
            hasher.update(f"{rel}\0link\0{os.readlink(entry.path)}\0".encode(errors="replace"))
        elif entry.is_file(follow_symlinks=False):
            data = Path(entry.path).read_bytes()
            hasher.update(f"{rel}\0{len(data)}\0".encode(errors="replace"))
            hasher.update(data)
    return hasher.hexdigest()


def code_files() -> list[Path]:
    """The builder's source files: every ``*.py`` of the package, wherever the asking module
    lies in it."""
    return [Path(entry.path) for rel, entry in walk(PACKAGE) if rel.endswith(".py")]


@functools.cache
def code_fingerprint() -> str:
    """The builder's own source files and the versions of the libraries that shape output.

    Computed once per process: the code cannot change under a running build.
    """
    parts = [files_fingerprint(PACKAGE, code_files()), *installed_versions(PACKAGES)]
    return digest("\n".join(parts).encode())


@functools.cache
def installed_versions(names: tuple[str, ...]) -> tuple[str, ...]:
    """``name==version`` for each of ``names`` (``name==absent`` when it is not installed).

    Read off the names of the metadata folders on ``sys.path``
    (``markdown_it_py-4.3.0.dist-info``), the first on the path winning, as
    ``importlib.metadata`` finds them, but without importing it: that import alone took a tenth
    of a no-op build at 10,000 pages. A folder without a version in its name (an old develop
    install) is asked of ``importlib.metadata`` after all.
    """
    wanted = {_distribution_key(name) for name in names}
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            listing = sorted(os.listdir(entry or "."))
        except OSError:  # a zip file, or a folder that is not there
            continue
        for folder in listing:
            stem, _, kind = folder.rpartition(".")
            name, _, version = stem.partition("-")
            key = _distribution_key(name)
            if kind in ("dist-info", "egg-info") and key in wanted and key not in found:
                found[key] = version.split("-", 1)[0]  # egg-info: 1.0-py3.11
    return tuple(f"{name}=={_version(name, found.get(_distribution_key(name)))}"
                 for name in names)


def _distribution_key(name: str) -> str:
    """A distribution's name as packaging compares names (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _version(name: str, found: str | None) -> str:
    if found is None:
        return "absent"
    if found:
        return found
    import importlib.metadata

    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "absent"
