"""Which files in the project are the editor's, which are their editor's noise, and how a
file's name is shown and checked.

One rule for everything that looks at the project's files (the read stage, ingest, the no-op
check, the live preview's watcher): a file that is hidden, or one of the temporary, backup and
lock files editors write beside the real one, is never read as content, never starts a build
and never makes a build differ. Without one rule, the watcher ignored an Emacs lock file
(``.#page.md``) that the read stage then took for a page.

A name on a POSIX file system is any bytes but ``/`` and NUL. Python hands over the bytes that
are not UTF-8 as lone surrogates, which no report, page or cache can encode; such a file is
refused by name (:func:`name_not_utf8`), and every name a report prints goes through
:func:`shown`. Names Windows keeps for devices (``con``, ``nul``, ``com1``…) are never made
by the builder, so that the project can be checked out on any editor's machine.
"""

from __future__ import annotations


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
