"""Which files in the project are the editor's, which are their editor's noise, how a file's
name is shown and checked, and how the files the editor owns are written (whole or not at all).

One rule for everything that looks at the project's files (the read stage, ingest, the no-op
check, the live preview's watcher): a file that is hidden, or one of the temporary, backup and
lock files editors write beside the real one, is never read as content, never starts a build
and never makes a build differ. Without one rule, the watcher ignored an Emacs lock file
(``.#page.md``) that the read stage then took for a page.

A name on a POSIX file system is any bytes but ``/`` and NUL. Python hands over the bytes that
are not UTF-8 as lone surrogates, which no report, page or cache can encode; such a file is
refused by name (:func:`name_not_utf8`), and every name a report prints goes through
:func:`shown`. Names Windows keeps for devices (``con``, ``nul``, ``com1``…) are never made
by the builder, so that the project can be checked out on any editor's machine. A symbolic
link in ``content/`` to a file outside the project is refused (:func:`links_outside`).

Every walk over a tree of files is :func:`walk`: one order (that of the path's segments), one
rule for links to folders (never entered: they could lead out of the project) and for editors'
noise. A leaf: imports nothing of the builder.
"""

from __future__ import annotations

import errno
import os
import shutil
import threading
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path

EDITOR_TEMP_SUFFIXES = (".swp", ".swx", ".swo", ".tmp", "~", ".kate-swp",
                        "___jb_tmp___", "___jb_old___")


def is_editor_noise(name: str) -> bool:
    """True for hidden files and the temporary files editors write beside the real one."""
    return (name.startswith(".")                      # hidden, Emacs lock files (.#name)
            or name.endswith(EDITOR_TEMP_SUFFIXES)    # Vim swap, backups, JetBrains, *.tmp
            or (name.startswith("#") and name.endswith("#"))  # Emacs auto-save
            or _is_vim_probe(name))


def _is_vim_probe(name: str) -> bool:
    # Vim checks that it may write a folder by creating "4913" (then 5036, 5159, ... if taken).
    return name.isdigit() and int(name) >= 4913 and (int(name) - 4913) % 123 == 0


WINDOWS_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)),
                              *(f"lpt{n}" for n in range(1, 10))})
"""Device names Windows will not have as a file or folder, whatever the extension."""


def shown(name: str) -> str:
    """``name`` as one printable line: bytes that are not UTF-8 as ``\\xNN``, line breaks,
    control, invisible and direction-changing characters as their escapes (a name with a
    right-to-left override would print reversed)."""
    text = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else char.encode("unicode_escape").decode("ascii")
                   for char in text)


def write_new(path: str | os.PathLike[str], data: bytes, *, exclusive: bool = False) -> None:
    """``data`` into the file at ``path`` (which must not exist, with ``exclusive``). A failure
    names the file, even one in the middle of writing (a full disk), so that the report can."""
    try:
        with open(path, "xb" if exclusive else "wb") as file:
            file.write(data)
    except OSError as exc:
        if exc.filename is not None:
            raise
        raise OSError(exc.errno, exc.strerror, os.fspath(path)) from exc


def write_atomically(target: Path, data: bytes, scratch: Path, *, replace: bool = True) -> None:
    """``data`` into ``target``, whole or not at all; an existing file is replaced only when
    ``replace`` says so, and keeps its permissions.

    The bytes go to a temporary file in ``scratch`` (a folder of the cache, on the same disk as
    the project) that is renamed into place, so a process killed half-way leaves nothing in the
    editor's folders; when ``scratch`` is on another disk, the rename is made from beside the
    target instead.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    if not replace and target.exists():
        raise FileExistsError(f"{target} exists")
    scratch.mkdir(parents=True, exist_ok=True)
    temporary = scratch / f"{os.getpid()}-{threading.get_ident()}.tmp"
    beside = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        write_new(temporary, data)
        if target.exists():
            shutil.copymode(target, temporary)
        try:
            os.replace(temporary, target)
        except OSError as exc:
            if exc.errno != errno.EXDEV:
                raise
            shutil.move(temporary, beside)
            os.replace(beside, target)
    except OSError as exc:  # named by the file meant (a full disk), not the temporary one
        if exc.filename not in (str(temporary), str(beside)):
            raise
        raise OSError(exc.errno, exc.strerror, str(target)) from exc
    finally:
        temporary.unlink(missing_ok=True)
        beside.unlink(missing_ok=True)


OUTSIDE_PROJECT = "a symbolic link to a file outside the project; copy the file in instead"


def links_outside(path: str | os.PathLike[str], root: Path) -> bool:
    """True when ``path`` is a symbolic link to a file outside ``root`` (the project): content
    is read from the project only, or a link to ``/etc/passwd`` would be published. For a file
    a walk found, whose folders are real ones (:func:`walk` enters no link); a file named by its
    path asks :func:`resolves_outside`."""
    return os.path.islink(path) and resolves_outside(path, root)


def resolves_outside(path: str | os.PathLike[str], root: Path) -> bool:
    """True when ``path``, or a folder on its way from ``root``, is a link that leads out of
    ``root`` (the project)."""
    return not Path(os.path.realpath(path)).is_relative_to(os.path.realpath(root))


def name_not_utf8(name: str) -> bool:
    """True when the file system gave bytes that are not UTF-8 in ``name``."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def is_windows_reserved(name: str) -> bool:
    """True for ``con``, ``NUL.md``, ``com1.txt``…: names Windows refuses to check out."""
    return name.split(".", 1)[0].lower() in WINDOWS_RESERVED


def walk(root: Path, *, noise: bool = False, prune: Collection[str] = ()
         ) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """Every entry under ``root`` that is not a folder (files, links to anything), as (its path
    relative to ``root``, POSIX; its ``DirEntry``), in the order of their path segments
    (``a/b`` before ``a-c``). Folders that are symbolic links are not entered, nor the folders
    named in ``prune`` (relative paths); editors' noise is left out unless ``noise``. Nothing
    when ``root`` is not a folder; a folder that disappears while it is walked is passed over.
    """
    stack: list[tuple[Iterator[os.DirEntry[str]], str]] = []
    _enter(stack, root, "")
    while stack:
        entries, prefix = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            continue
        if not noise and is_editor_noise(entry.name):
            continue
        rel = prefix + entry.name
        if entry.is_dir(follow_symlinks=False):
            if rel not in prune:
                _enter(stack, entry.path, rel + "/")
            continue
        yield rel, entry


def _enter(stack: list[tuple[Iterator[os.DirEntry[str]], str]], folder: str | os.PathLike[str],
           prefix: str) -> None:
    try:
        with os.scandir(folder) as entries:
            stack.append((iter(sorted(entries, key=_name)), prefix))
    except (FileNotFoundError, NotADirectoryError):
        pass


def _name(entry: os.DirEntry[str]) -> str:
    return entry.name


def link_files(source: Path, target: Path, files: Iterable[str]) -> None:
    """Hard-link each of ``files`` (relative POSIX paths) from ``source`` into ``target``, or
    copy it where the file system cannot link.

    With paths as text, not :class:`~pathlib.Path` objects, whose making took as long as the
    links themselves: a first build mirrors every file of the site after everything else is
    done, and at 10,000 pages with search (23,164 files) that took 0.58 s, now 0.35 s."""
    source_root, target_root = os.fspath(source), os.fspath(target)
    made: set[str] = set()
    for rel in files:
        destination = os.path.join(target_root, rel)
        folder = os.path.dirname(destination)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        origin = os.path.join(source_root, rel)
        try:
            os.link(origin, destination)
        except OSError:
            shutil.copy2(origin, destination)
