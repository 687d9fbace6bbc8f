"""A :class:`~builder.ingest.assemble.NewPage` -> the text of its Markdown file, and the writing
of it: the file, and the page's new fragments in the catalogs.

The text is made here once, for writing and for showing (``digest ingest --dry-run`` prints what
:func:`page_text` gives, cut by :func:`page_parts`), so what a dry run shows is what is written.
The file is written whole or not at all (:func:`builder.util.files.write_atomically`), so a killed
ingest never leaves half a page; an existing page belongs to the editor, and is replaced only
when the caller says so (``digest ingest --force``).
"""

from __future__ import annotations

from builder.config import SiteConfig
from builder.formats import frontmatter
from builder.formats.schema import schema_comment
from builder.i18n import add_fragments
from builder.ingest.assemble import NewPage
from builder.util.files import write_atomically


def page_text(page: NewPage) -> str:
    """The file: front matter (naming the schema editors' tools check it with), then body."""
    return frontmatter.dump(page.front_matter, page.body, schema_comment(page.path))


def page_parts(page: NewPage) -> tuple[str, str]:
    """:func:`page_text` cut in two: the front matter with its ``---`` lines, and the body.

    Cut from the written text rather than made again, so the front matter a dry run shows is the
    one a real run writes, byte for byte.
    """
    text = page_text(page)
    closing = f"\n{frontmatter.DELIMITER}\n"
    end = text.index(closing, len(frontmatter.DELIMITER)) + len(closing)
    return text[:end], text[end:].removeprefix("\n")


def write_page(config: SiteConfig, page: NewPage, replaces: str | None) -> None:
    """Store ``page``'s new fragments in every catalog, then write the page.

    ``replaces`` is the project path of the page a forced ingest makes again; it is overwritten,
    or removed when the new version goes elsewhere (its date or title changed). Without it, an
    existing file at the page's path is never overwritten.
    """
    add_fragments(config, page.new_fragments)
    target = config.articles_dir / page.path
    write_atomically(target, page_text(page).encode("utf-8"), config.scratch_dir,
                     replace=replaces is not None)
    if replaces is not None and config.root / replaces != target:
        (config.root / replaces).unlink(missing_ok=True)
