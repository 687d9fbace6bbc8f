"""What a complete build leaves for the next: its :class:`State`, in memory and on disk.

Each stage's records are its own type (page reads are :mod:`builder.read`'s, file records
:mod:`builder.write`'s, shard fingerprints :mod:`builder.search`'s); a state holds them side by
side with the record of the inputs they were made from (:class:`~builder.incremental.changes.
InputRecord`), so that the next build can ask :mod:`builder.incremental.changes` what changed
and take the rest. Nothing here decides anything.

On disk, in ``.digest-cache/`` (:mod:`builder.incremental.store`): the state in one file
(``cache.pickle``), and the page reads apart, one file per folder of pages (``reads/``), the
largest part, loaded only when a build reads pages and written only where a page changed. A
state written by another version of the builder is passed over silently; one that cannot be
read is discarded with the reason, for the report; an unreadable file of page reads only means
those pages are read again. The live preview keeps the state in memory between builds, with
what is never saved (:class:`Held`: its last model, read, search plan and moved pages). Deleting
``.digest-cache/`` is always safe.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from builder.config import SiteConfig
from builder.diagnostics import Diagnostic, Report
from builder.incremental import store
from builder.incremental.changes import Changes, InputRecord
from builder.model import ArticleKey, SiteModel
from builder.util.fingerprints import digest

if TYPE_CHECKING:  # not imported to load a state: a build that finds nothing changed does without
    from builder.addresses import Followed
    from builder.i18n import Catalogs
    from builder.ingest.memo import IngestMemo
    from builder.read import PageRead, ReadResult
    from builder.search import Fingerprinted
    from builder.write import Folders, Manifest, TreeId

STATE_FILE = "cache.pickle"
READS_FOLDER = "reads"


@dataclass(frozen=True)
class Held:
    """What the live preview keeps of the last build in memory, and never saves."""

    model: SiteModel
    """The model: when every article is listed as before, its lists are taken as they are."""
    read: ReadResult
    """The whole read: a build told which pages changed reads only those again."""
    search_plan: Fingerprinted | None
    """The search shards as planned, and their fingerprints (None without search): taken as
    they are, like the lists."""
    followed: Followed | None = None
    """What the build said of moved pages: taken as it is, like the lists, while the record of
    addresses is the same file."""
    catalogs: Catalogs | None = None
    """The catalogs as loaded, with what was said of their coverage: taken as they are while
    the environment (code, configuration, templates, catalogs) is the same. Reading and
    compiling them costs a save a fiftieth of a second."""
    coverage: tuple[Diagnostic, ...] = ()


@dataclass(frozen=True)
class State:
    """What a complete build leaves for the next one."""

    inputs: InputRecord | None = None
    """The inputs the build read, as it scanned them, and its environment (None: no build)."""
    read_key: str = ""
    """What the page reads were made under (:func:`~builder.incremental.environment.read_key`)."""
    reads: Mapping[str, PageRead] | None = field(default_factory=dict)
    """Every page's read, by project-relative path; None while still on disk (:func:`reads`)."""
    outdated: frozenset[ArticleKey] = frozenset()
    """The translations the build found outdated (their own pages say so)."""
    pages: tuple[str, ...] = ()
    """Output paths of the build's pages (static files and the search index apart)."""
    trees: Mapping[TreeId, Manifest] = field(default_factory=dict)
    """(device, inode) of a site tree's folder -> what was written into it. Folders keep their
    inode when swapped by rename, so each tree finds its own."""
    folders: Mapping[TreeId, Folders] = field(default_factory=dict)
    """The folder times of each of ``trees`` when its records were made: a file added by hand
    moves its folder's."""
    published: TreeId | None = None
    """Which of ``trees`` the build published (the site folder's): the one a copy of the site,
    restored from a CI cache, is adopted as (:mod:`builder.write.adopt`)."""
    written: tuple[TreeId, ...] = ()
    """Every site tree builds of this project wrote, ``trees`` or not (newest last, at most
    :data:`WRITTEN_KEPT`): an output folder built before another one was may be built into
    again, while a copy of a site, a tree of its own, may not (:func:`builder.write.unsafe_output`)."""
    shards: Mapping[str, str] = field(default_factory=dict)
    """Search bundle name -> fingerprint, as the build wrote them."""
    report: Report | None = None
    """The build's report, repeated as it was when nothing changed."""
    addresses: str = ""
    """The digest of ``content/addresses.txt`` as the build left it (:mod:`builder.addresses`):
    not an input, so a build that finds nothing else changed compares it to build again when it
    was edited by hand (a line deleted, to let a page's old address go)."""
    ingest: IngestMemo | None = None
    """What the build's ingest found, and what that rests on (:mod:`builder.ingest.memo`):
    taken as it is by the next build while none of it changed (None: no sources)."""
    held: Held | None = None
    """In memory only (the live preview)."""


WRITTEN_KEPT = 64
"""Site trees :attr:`State.written` remembers: thirty-two output folders with their staging
folders, which no editor alternates between."""


def written_trees(previous: State, trees: Iterable[TreeId]) -> tuple[TreeId, ...]:
    """:attr:`State.written` after a build that leaves ``trees``: those of ``previous`` (those
    it wrote and those it records), then ``trees``, each once, the newest kept."""
    ordered = dict.fromkeys((*previous.written, *previous.trees))
    for tree in trees:  # moved to the end: the newest
        ordered.pop(tree, None)
        ordered[tree] = None
    return tuple(ordered)[-WRITTEN_KEPT:]


def known_trees(state: State) -> frozenset[TreeId]:
    """The site trees a build of this project wrote, as far as ``state`` remembers."""
    return frozenset((*state.trees, *state.written))


@dataclass(frozen=True)
class LoadedState:
    state: State
    problem: str = ""
    """Why a state on disk was not used ("" when it was, or when there was none)."""


def state_path(config: SiteConfig) -> Path:
    return config.cache_dir / STATE_FILE


def load_state(config: SiteConfig) -> LoadedState:
    """The state the last build left (its page reads still on disk), or an empty one: silently
    when there is none or another builder wrote it, saying why when it could not be read."""
    loaded = store.load(state_path(config))
    if loaded.problem:
        return LoadedState(State(), f"the build cache could not be read ({loaded.problem}); it "
                                    f"was discarded and the site rebuilt from scratch")
    if not isinstance(loaded.value, State):
        return LoadedState(State())
    if stray := _path_outside(loaded.value):
        return LoadedState(State(), f"the build cache records a path outside the site ({stray!r});"
                                    f" it was discarded and the site rebuilt from scratch")
    return LoadedState(loaded.value)


def _path_outside(state: State) -> str | None:
    """A path the state records that is no plain path inside its tree: a crafted cache (its
    records name the files a build deletes, so one naming ``../..`` would delete outside)."""
    from builder.write import plain_path

    paths = [*state.pages, *state.shards,
             *(path for records in state.trees.values() for path in records),
             *(folder for times in state.folders.values() for folder in times if folder)]
    return next((str(path) for path in paths if not plain_path(path)), None)


def page_reads(config: SiteConfig, state: State) -> Mapping[str, PageRead]:
    """The state's page reads: from memory, else from ``reads/``, those made under its key.

    They are kept in one file per folder of pages, so that a build saves only the folders whose
    pages changed. A missing or unreadable file only means its pages are read again, which is
    always right.
    """
    if state.reads is not None:
        return state.reads
    reads: dict[str, PageRead] = {}
    folder = config.cache_dir / READS_FOLDER
    for path in sorted(folder.glob("*.pickle")) if folder.is_dir() else ():
        stored = store.load(path, state.read_key).value
        if isinstance(stored, dict):
            reads.update(stored)
    return reads


def save_state(config: SiteConfig, state: State, changed_folders: Iterable[str] | None) -> None:
    """Write ``state``, and the page reads of ``changed_folders`` (None: of every folder)."""
    if state.reads is not None:
        _save_reads(config, state, changed_folders)
    store.save(state_path(config), replace(state, reads=None, held=None))


def changed_folders(changes: Changes) -> set[str] | None:
    """The folders of pages whose reads changed, whose saved reads must be written again (None:
    every folder's)."""
    if changes.pages is None:
        return None
    return {page_folder(path) for path in changes.pages}


def page_folder(path: str) -> str:
    """The folder of a page (``content/articles/en/2020/04``): what its read is saved with."""
    return path.rsplit("/", 1)[0]


def _save_reads(config: SiteConfig, state: State, changed: Iterable[str] | None) -> None:
    assert state.reads is not None
    folder = config.cache_dir / READS_FOLDER
    by_folder: dict[str, dict[str, PageRead]] = {}
    for path, read in state.reads.items():
        by_folder.setdefault(page_folder(path), {})[path] = read
    names = {name: _file_name(name) for name in by_folder}
    for name in by_folder if changed is None else changed:
        target = folder / names.get(name, _file_name(name))
        if name in by_folder:
            store.save(target, by_folder[name], state.read_key)
        else:
            target.unlink(missing_ok=True)
    if changed is None and folder.is_dir():  # files of folders that are gone, or of old keys
        for stale in {path.name for path in folder.glob("*.pickle")} - set(names.values()):
            (folder / stale).unlink(missing_ok=True)


def _file_name(page_folder_path: str) -> str:
    return f"{digest(page_folder_path.encode())[:16]}.pickle"
