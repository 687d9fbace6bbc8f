"""A :class:`~builder.ingest.assemble.NewPage` -> the text of its Markdown file.

The file is written whole or not at all (:func:`builder.files.write_atomically`), so a killed
ingest never leaves half a page; an existing page belongs to the editor, and is replaced only
when the caller says so (``digest ingest --force``).
"""

from __future__ import annotations

from builder import frontmatter
from builder.ingest.assemble import NewPage


def page_text(page: NewPage) -> str:
    return frontmatter.dump(page.front_matter, page.body)
