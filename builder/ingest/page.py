"""A :class:`~builder.ingest.assemble.NewPage` -> a Markdown file, whole or not at all.

The page is written to a temporary file beside its target and renamed into place, so a killed
ingest never leaves half a page. An existing page belongs to the editor: it is replaced only
when the caller says so (``digest ingest --force``).
"""

from __future__ import annotations

import os
from pathlib import Path

from builder import frontmatter
from builder.ingest.assemble import NewPage


def page_text(page: NewPage) -> str:
    return frontmatter.dump(page.front_matter, page.body)


def write_text_atomically(target: Path, text: str, *, replace: bool = False) -> None:
    """Write ``text`` to ``target`` in one rename; refuse to replace a file unless ``replace``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists() and not replace:
        raise FileExistsError(f"{target} exists")
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text(text, encoding="utf-8", newline="\n")
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
