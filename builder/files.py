"""Which files in the project are the editor's, and which are their editor's noise.

One rule for everything that looks at the project's files (the read stage, ingest, the no-op
check, the live preview's watcher): a file that is hidden, or one of the temporary, backup and
lock files editors write beside the real one, is never read as content, never starts a build
and never makes a build differ. Without one rule, the watcher ignored an Emacs lock file
(``.#page.md``) that the read stage then took for a page.
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
