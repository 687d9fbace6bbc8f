"""What one build remembers for the next, in ``.digest-cache/``: fingerprints and file records.

An incremental build must equal a clean one byte for byte, so nothing here is trusted on its
word. Every remembered thing is keyed by a fingerprint of everything it was made from:

- a **page read** (:class:`CachedRead`) by the page file's bytes, under a *read key* that
  covers the builder's code, the configuration and the fragment catalog's languages; the file's
  ``stat`` only saves reading it again, and only when the file is older than the cache (a file
  edited within the same clock tick as the last build is always read again, as git does);
- an **output file** (:class:`FileRecord`, in :mod:`builder.write`) by the fingerprint of its
  page job and of the *render environment* (code, configuration, templates, catalogs); the
  file on disk is used only while its inode, size and modification time are still the ones
  recorded, so a file changed or deleted by hand is noticed and rendered again.

The state is one pickle (``cache.pickle``), written atomically after a build, with the parsed
pages apart in one pickle per folder of pages (``reads/``), written only where a page changed.
A state written by another version of the builder, or one that cannot be read (truncated,
corrupt), is discarded whole: the build then starts from nothing, says so in the report, and
writes a good state at its end; an unreadable folder of parsed pages only means those pages are
parsed again. The live preview keeps the state in memory between builds (its last model too)
and saves it after each. Deleting ``.digest-cache/`` is always safe.

The cache is the project's own, beside ``site/``; it is never read from anywhere else (a
pickle runs code when loaded, so a cache from an untrusted place must not be used).
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from builder.config import CONFIG_FILE, SiteConfig
from builder.formats.schema import schema_path
from builder.model import SiteModel
from builder.read import CachedRead
from builder.util.files import is_editor_noise, walk
from builder.util.fingerprints import code_fingerprint, digest, tree_fingerprint
from builder.util.memory import long_lived

if TYPE_CHECKING:
    from builder.read import ReadResult
    from builder.search import Shard

CACHE_FILE = "cache.pickle"
READS_DIR = "reads"
"""The parsed pages, apart: the largest part, loaded only when a build reads pages and written
only where a page changed."""
CACHE_FORMAT = 4
"""Bump when the shape of :class:`BuildCache` changes; older states are then discarded."""
RACY_WINDOW_NS = 2_000_000_000
"""A file modified this close to the cache's own writing is read again, whatever its stat says:
a second edit within one clock tick can leave size and time unchanged."""

@dataclass(frozen=True)
class Environment:
    """Fingerprints of what every page depends on, one per kind, so a report can say which one
    changed (``--explain``)."""

    code: str
    config: str
    templates: str
    catalogs: str

    @property
    def render_key(self) -> str:
        return digest("\n".join((self.code, self.config, self.templates, self.catalogs)).encode())

    def differences(self, other: Environment | None) -> tuple[str, ...]:
        """What changed since ``other``, in words: ("templates", "catalogs")."""
        if other is None:
            return ("no previous build",)
        names = ("builder code or libraries", "configuration", "templates", "catalogs")
        mine = (self.code, self.config, self.templates, self.catalogs)
        theirs = (other.code, other.config, other.templates, other.catalogs)
        return tuple(name for name, a, b in zip(names, mine, theirs, strict=True) if a != b)


@dataclass(frozen=True)
class BuildCache:
    """Everything a build leaves for the next one."""

    read_key: str = ""
    reads: Mapping[str, CachedRead] | None = field(default_factory=dict)
    """Project-relative page path -> its last read; None while still on disk (:func:`load_reads`)."""
    environment: Environment | None = None
    """Of the build that wrote ``trees``."""
    trees: Mapping[tuple[int, int], Mapping[str, object]] = field(default_factory=dict)
    """(device, inode) of a site tree's folder -> what was written into it (:mod:`builder.write`
    records). Folders keep their inode when swapped by rename, so each tree finds its own."""
    inputs: str = ""
    """Fingerprint of every input file's stat and the build options, for the no-op check."""
    started_ns: int = 0
    """When the build that left this cache started (``time.time_ns()``): a file modified
    before then, less :data:`RACY_WINDOW_NS`, is what that build read if its stat is the same."""
    last: object = None
    """The last build's report, repeated as it was when nothing changed."""
    lists: str = ""
    """Digest of what lists are made from (:func:`builder.build.lists_key`)."""
    pages: tuple[str, ...] = ()
    """Output paths of the last build's pages (static files and the search index apart)."""
    shards: Mapping[str, str] = field(default_factory=dict)
    """Search bundle name -> fingerprint, as the last build wrote them (:mod:`builder.search`)."""
    model: SiteModel | None = None
    """The last build's model, kept in memory only (the live preview): never saved."""
    read: ReadResult | None = None
    """The last build's read result, kept in memory only, like :attr:`model`: a build told
    which pages changed since starts from it (:func:`builder.read.reread_articles`)."""
    search_plan: tuple[Shard, ...] | None = None
    """The last build's search shards as planned, kept in memory only, like :attr:`model`: a
    build whose articles are listed the same way takes them as they are."""


@dataclass(frozen=True)
class LoadedCache:
    cache: BuildCache
    problem: str = ""
    """Why a cache on disk was not used ("" when it was, or when there was none)."""


def cache_path(config: SiteConfig) -> Path:
    return config.cache_dir / CACHE_FILE


def load_cache(config: SiteConfig) -> LoadedCache:
    """The state the last build left, or an empty one (saying why when one was unusable)."""
    path = cache_path(config)
    try:
        with path.open("rb") as file, long_lived():
            stored = pickle.load(file)
    except FileNotFoundError:
        return LoadedCache(BuildCache())
    except Exception as exc:  # any unpickling failure means a corrupt file: never trust it
        return LoadedCache(BuildCache(), f"the build cache could not be read ({type(exc).__name__});"
                                         " it was discarded and the site rebuilt from scratch")
    if (not isinstance(stored, tuple) or len(stored) != 3
            or stored[:2] != (CACHE_FORMAT, code_fingerprint())
            or not isinstance(stored[2], BuildCache)):
        return LoadedCache(BuildCache())  # another version of the builder wrote it
    return LoadedCache(stored[2])


def load_reads(config: SiteConfig, key: str) -> dict[str, CachedRead]:
    """The parsed pages the last builds left, if they were read under ``key``; else none.

    They are kept in one file per folder of pages (``reads/``), so that a build saves only the
    folders whose pages changed. A missing or unreadable file only means its pages are read
    again, which is always right.
    """
    reads: dict[str, CachedRead] = {}
    folder = config.cache_dir / READS_DIR
    for path in sorted(folder.glob("*.pickle")) if folder.is_dir() else ():
        try:
            with path.open("rb") as file:
                stored = pickle.load(file)
        except Exception:
            continue
        if (isinstance(stored, tuple) and len(stored) == 4
                and stored[:3] == (CACHE_FORMAT, code_fingerprint(), key)
                and isinstance(stored[3], dict)):
            reads.update(stored[3])
    return reads


def save_cache(config: SiteConfig, state: BuildCache, changed_folders: Iterable[str] | None) -> None:
    """Write ``state`` atomically, and the parsed pages of ``changed_folders`` (None: of every
    folder): a build killed while saving leaves files each of which is still safe to use."""
    if state.reads is not None:
        _save_reads(config.cache_dir / READS_DIR, state, changed_folders)
    _dump(cache_path(config), (CACHE_FORMAT, code_fingerprint(),
                               replace(state, reads=None, model=None, read=None,
                                       search_plan=None)))


def _save_reads(folder: Path, state: BuildCache, changed: Iterable[str] | None) -> None:
    assert state.reads is not None
    by_folder: dict[str, dict[str, CachedRead]] = {}
    for path, read in state.reads.items():
        by_folder.setdefault(page_folder(path), {})[path] = read
    names = {name: f"{digest(name.encode())[:16]}.pickle" for name in by_folder}
    for name in by_folder if changed is None else changed:
        target = folder / (names.get(name) or f"{digest(name.encode())[:16]}.pickle")
        if name in by_folder:
            _dump(target, (CACHE_FORMAT, code_fingerprint(), state.read_key, by_folder[name]))
        else:
            target.unlink(missing_ok=True)
    if changed is None and folder.is_dir():  # files of folders that are gone, or of old keys
        for stale in set(path.name for path in folder.glob("*.pickle")) - set(names.values()):
            (folder / stale).unlink(missing_ok=True)


def page_folder(path: str) -> str:
    """The folder of a page (``content/articles/en/2020/04``): what its read is saved with."""
    return path.rsplit("/", 1)[0]


def _dump(path: Path, value: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + f".{os.getpid()}.tmp")
    with temporary.open("wb") as file:
        pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, path)


def config_fingerprint(config: SiteConfig) -> str:
    """The configuration as the build sees it; where the project or site folder is does not
    change a page, so a project moved or built with ``--output`` keeps its cache."""
    return digest(repr(replace(config, root=Path("."), output_dir=None)).encode())


def environment(config: SiteConfig) -> Environment:
    return Environment(code_fingerprint(), config_fingerprint(config),
                       tree_fingerprint(config.templates_dir), tree_fingerprint(config.locales_dir))


def read_key(config: SiteConfig, fragment_languages: Mapping[str, str]) -> str:
    """What reading a page depends on besides its bytes."""
    return digest("\n".join((code_fingerprint(), config_fingerprint(config),
                             repr(sorted(fragment_languages.items())))).encode())


@dataclass(frozen=True)
class Inputs:
    """Every file a build reads, as it was when the build began."""

    fingerprint: str
    """Of every file's path and stat, and the build's options: equal fingerprints mean no input
    changed since the build that recorded it (a file's stat changes whenever its bytes do,
    outside the racy window), so that build's site still holds."""
    newest: int
    """The newest file's modification time (ns)."""
    stats: Mapping[str, os.stat_result]
    """Full path -> stat of every file the build reads (the read stage needs no second walk)."""
    changed: frozenset[str] | None = None
    """Full paths of the files looked at again because a watcher said they changed (written,
    created, deleted, moved), when told what changed; None after a walk of everything. Their
    stat may be what it was: a file written twice within a tick of the file system's clock,
    at the same size, keeps it, and only the watcher's word says it changed."""


def inputs(config: SiteConfig, options: str, previous: Inputs | None = None,
           changed: Iterable[str] | None = None) -> Inputs:
    """The stat of every file a build reads (configuration, content, templates, catalogs).

    With ``previous`` and ``changed`` (the project-relative paths a watcher saw change since
    ``previous`` was made: files or folders, created, modified, deleted or moved), only those
    are looked at again: the live preview's rebuild does not stat ten thousand pages to find
    the one that was saved. The result is the same as a walk's.
    """
    looked: set[str] | None = None
    if previous is None or changed is None:
        stats = {path: stat for root in _input_roots(config) for path, stat in _walk(root)}
    else:
        stats = dict(previous.stats)
        looked = set()
        for rel in changed:
            looked |= _look_again(stats, str(config.root / rel))
    stats.pop(str(schema_path(config)), None)  # the build writes it, from the configuration
    hasher = hashlib.blake2b(digest_size=20)
    hasher.update(f"{code_fingerprint()}\0{options}\0".encode())
    for path in sorted(stats):
        stat = stats[path]
        hasher.update(os.fsencode(path))  # any bytes: a name need not be UTF-8
        hasher.update(f"\0{stat.st_ino}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return Inputs(hasher.hexdigest(), max((s.st_mtime_ns for s in stats.values()), default=0),
                  stats, None if looked is None else frozenset(looked))


def _input_roots(config: SiteConfig) -> tuple[Path, ...]:
    return (config.root / CONFIG_FILE, config.content_dir, config.templates_dir,
            config.locales_dir)


def _look_again(stats: dict[str, os.stat_result], path: str) -> set[str]:
    """``stats`` with ``path`` (a file, a folder, or what used to be one) as it is now; the
    paths looked at (those forgotten, and those found)."""
    looked = {path}
    if path in stats:
        del stats[path]
    else:  # a folder, or nothing known: forget what was under it
        inside = path + os.sep
        forgotten = [known for known in stats if known.startswith(inside)]
        for known in forgotten:
            del stats[known]
        looked.update(forgotten)
    if is_editor_noise(os.path.basename(path)):
        return looked
    if os.path.isdir(path) and not os.path.islink(path):  # a walk does not follow links either
        found = dict(_walk(Path(path)))
        stats.update(found)
        return looked | found.keys()
    try:
        stats[path] = os.stat(path)
    except OSError:  # deleted, moved away, or a link to nothing
        pass
    return looked


def _walk(root: Path) -> Iterable[tuple[str, os.stat_result]]:
    """(path, stat) of every file under ``root`` (or of ``root`` itself), in a fixed order."""
    try:
        stat = os.stat(root)
    except FileNotFoundError:
        return
    if not os.path.isdir(root):
        yield str(root), stat
        return
    for _, entry in walk(root):  # editors' noise is never read: its coming and going changes nothing
        try:
            stat = entry.stat(follow_symlinks=True)
        except OSError:  # gone since the folder was listed, or a link to nothing
            continue
        yield entry.path, stat
