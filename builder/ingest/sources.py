"""Which files are sources, and where in ``content/`` each lives.

In: the configuration, and the paths ``digest ingest`` was given (None: every source in
``content/sources/``, as a build ingests). Out: a :class:`SourceFile` for each source, with
the place inside ``content/`` its page records (a file from outside the project gets one in
``content/sources/``, where it is copied before it is read), and the failed outcome of each
path that is no source (:func:`not_sources`).

A build's sources are the files a scan of the inputs finds in ``content/sources/``
(:mod:`builder.incremental.inputs`): editors' noise and hidden folders left out, links to folders
not followed, sidecars no sources. So each is named by the path the scan names it by, and
what changed among them is what :mod:`builder.incremental.changes` says (the build's ingest
rests on that: :mod:`builder.ingest.memo`). Finding them costs the walk and nothing per file,
but for a link, which is held to the rule a path given on the command line is, resolved, and
named by where it leads.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from builder.config import SiteConfig
from builder.diagnostics import Diagnostic, Fate, FileOutcome, InputKind, error
from builder.ingest.report import SourceResult
from builder.ingest.sidecar import SIDECAR_SUFFIX
from builder.util.files import (
    OUTSIDE_PROJECT,
    is_editor_noise,
    is_windows_reserved,
    walk,
    write_atomically,
)


@dataclass(frozen=True)
class SourceFile:
    """A source to ingest, and its place in ``content/``, which its page records."""

    where: str
    """Inside ``content/``: the file itself, or where a file from outside is copied to (a
    path of the file system; :attr:`path` as a ``Path``, made only for the sources read)."""
    rel: str
    """``path`` relative to the project, POSIX (``content/sources/wire.txt``): the name
    diagnostics and the scan of the inputs give it."""
    ref: str
    """``path`` relative to ``content/`` (``sources/wire.txt``): the name the page and the record
    give it."""
    original: Path | None = None
    """The file outside the project that ``path`` is a copy of (in a dry run: would be)."""

    @property
    def path(self) -> Path:
        return Path(self.where)

    @property
    def read_from(self) -> Path:
        """The original, if any: the copy has the same bytes, and a dry run does not make it."""
        return self.original or self.path

    def read_bytes(self) -> bytes:
        """The source's bytes (the original's, if any)."""
        with open(self.original or self.where, "rb") as file:
            return file.read()


def source_files(config: SiteConfig, paths: Iterable[Path] | None
                 ) -> tuple[list[SourceFile], list[SourceResult]]:
    """Source files to ingest, each with its place inside ``content/`` (files from elsewhere
    get one in ``content/sources/``), and the failed outcomes of paths that are no sources."""
    if paths is None:
        return _in_sources_folder(config)
    found: list[Path] = []
    failed: list[SourceResult] = []
    for path in paths:
        if refused := not_sources(config, path):
            failed.append(failure(refused))
        elif path.is_dir():
            for _, entry in walk(path, noise=True):  # a hidden folder's sources too, as ever
                inner = Path(entry.path)
                if not (entry.is_file() and _is_source(inner)):
                    continue
                # A link in it is held to the rule a file named on the command line is: one
                # in content/sources/ to .git/config or digest.toml was copied in as a source.
                if refused := not_sources(config, inner):
                    failed.append(failure(refused))
                else:
                    found.append(inner)
        elif path.is_file():
            found.append(path)
        else:
            failed.append(failure(error(str(path), None, "source-missing",
                                        "no such file or folder")))
    files: list[SourceFile] = []
    placed: dict[Path, Path] = {}
    for path in (path.resolve() for path in found):
        place = _place_in_content(config, path, placed)
        if place != path:
            placed[place] = path
        files.append(_source_file(config, place, path if place != path else None))
    return files, failed


def _in_sources_folder(config: SiteConfig) -> tuple[list[SourceFile], list[SourceResult]]:
    """Every source in ``content/sources/``, as the scan of the inputs finds them."""
    folder = config.sources_dir
    prefix = config.relative(folder) + "/"
    content = config.relative(config.content_dir) + "/"
    linked = os.path.realpath(folder) != os.path.abspath(folder)  # content/ or sources/ is one
    files: list[SourceFile] = []
    failed: list[SourceResult] = []
    for rel, entry in walk(folder):
        if entry.name.endswith(SIDECAR_SUFFIX) or not entry.is_file():
            continue
        if not (linked or entry.is_symlink()):  # the file itself, where the walk found it
            files.append(SourceFile(entry.path, prefix + rel,
                                    (prefix + rel).removeprefix(content)))
        elif refused := not_sources(config, Path(entry.path)):  # as a file given by name
            failed.append(failure(refused))
        else:
            files.append(_source_file(config, Path(entry.path).resolve()))
    return files, failed


def _source_file(config: SiteConfig, path: Path, original: Path | None = None) -> SourceFile:
    return SourceFile(str(path), config.relative(path),
                      path.relative_to(config.content_dir).as_posix(), original)


def not_sources(config: SiteConfig, path: Path) -> Diagnostic | None:
    """Why ``path``, as given to ``digest ingest``, is no file or folder of sources: the project
    itself or a folder holding it (``digest ingest .`` copied the whole project, ``.git`` and
    all, into ``content/sources/``); a place in the project outside ``content/sources/``
    (its pages, templates, site, ``.git``, ``digest.toml``: never sources); or a link in
    ``content/sources/`` that leads out of the project (its target would be copied in and
    published, as a build never does)."""
    given, real, root = Path(os.path.abspath(path)), Path(os.path.realpath(path)), config.root
    shown_path = config.relative(given) if given.is_relative_to(root) else str(path) or "''"
    if root.is_relative_to(real):
        return error(shown_path, None, "source-path",
                     "it is the project folder or holds it; give files or folders of sources")
    for place in (given, real):
        if place.is_relative_to(root) and not place.is_relative_to(config.sources_dir):
            return error(shown_path, None, "source-path", (
                "in the project, sources are in content/sources/; move it there, or give it "
                "from outside the project"))
    if given.is_relative_to(root) and not real.is_relative_to(root):
        return error(config.relative(given), None, "file-outside-project", OUTSIDE_PROJECT)
    return None


def failure(problem: Diagnostic) -> SourceResult:
    """The outcome of a source that failed with ``problem``."""
    return SourceResult(FileOutcome(InputKind.SOURCE, problem.path, Fate.FAILED, problem.message),
                        (problem,))


def _is_source(path: Path) -> bool:
    name = path.name
    return not (is_editor_noise(name) or name.endswith(SIDECAR_SUFFIX))


def _place_in_content(config: SiteConfig, path: Path, placed: Mapping[Path, Path]) -> Path:
    """``path`` itself when it is in ``content/``, else the place of its copy in
    ``content/sources/``: its own name, numbered when that is a Windows device name or holds
    other bytes (or will: ``placed`` maps the places taken so far in this run to their
    originals).

    The page records its source by a path inside the project, so the source must live there:
    nothing is lost when the original folder is cleaned up, and a clone can re-ingest it.
    """
    content = config.content_dir.resolve()
    if path.is_relative_to(content):
        return path
    data = path.read_bytes()
    target, number = config.sources_dir / path.name, 2
    while is_windows_reserved(target.name) or _holds_other(placed.get(target, target), data):
        target, number = config.sources_dir / f"{path.stem}-{number}{path.suffix}", number + 1
    return target


def _holds_other(path: Path, data: bytes) -> bool:
    return path.exists() and path.read_bytes() != data


def own_sidecar(file: SourceFile) -> Path | None:
    """The sidecar of a file from outside, which its copy brings along; None when it has none
    (the copy's place may have its own, from before) or is in the project already."""
    if file.original is None:
        return None
    sidecar = file.original.with_name(file.original.name + SIDECAR_SUFFIX)
    return sidecar if os.path.isfile(sidecar) else None  # False when the name is too long


def copy_in(file: SourceFile, scratch: Path) -> None:
    """Copy a file from outside the project, and its sidecar, to its place in ``content/``,
    each whole or not at all (a full disk once left an empty copy, then "source-empty")."""
    if file.original is None:
        return
    write_atomically(file.path, file.original.read_bytes(), scratch)
    if (sidecar := own_sidecar(file)) is not None:
        write_atomically(file.path.with_name(file.path.name + SIDECAR_SUFFIX),
                         sidecar.read_bytes(), scratch)


