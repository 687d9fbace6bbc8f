"""``digest i18n update``: the interface catalogs merged with the templates' strings, and the
fragments no page refers to any more taken out of ``fragments.po`` while nobody translated them.

Why: ingest stores a passage in the other language as a fragment in every language's
``fragments.po`` (:func:`builder.i18n.add_fragments`). When it was furniture after all (a
newsletter's postal address) and the editor deletes the ``{{< fragment >}}`` from the page, the
entry stayed in the catalogs, untranslated, and kept a language under ``[i18n]
min_translated``: every build failed on it, and no command took it out.

A fragment is taken out only when no page refers to it and no language has a translation of it
(a translator's work is never lost), and only when every page could be read: a page left out by
a broken front matter still refers to its fragments.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import TextIO

from builder import i18n
from builder.config import SiteConfig
from builder.diagnostics import Fate
from builder.read import read_articles


def update_command(config: SiteConfig, out: TextIO, err: TextIO) -> int:
    """Update the catalogs, printing each written and each fragment taken out; exit code 1
    when a page could not be read (so no fragment was taken out)."""
    written = i18n.update_catalogs(config)
    read = read_articles(config, i18n.load_catalogs(config).fragment_languages)
    unread = sum(1 for outcome in read.outcomes if outcome.fate is Fate.FAILED)
    in_use = {fragment for article in read.articles for fragment in article.fragments}
    rewritten, unused = ([], []) if unread else _without_unused_fragments(config, in_use)
    for path in written + rewritten:
        print(f"updated {config.relative(path)}", file=out)
    for fragment_id in unused:
        print(f"took out fragment '{fragment_id}': no page refers to it, and nobody translated "
              f"it", file=out)
    if unread:
        print(f"{unread} page(s) could not be read, so no fragment was taken out of "
              f"fragments.po; fix them ('digest build' names them), then run this again", file=err)
    return 1 if unread else 0


def _without_unused_fragments(config: SiteConfig, in_use: Collection[str]
                              ) -> tuple[list[Path], list[str]]:
    """Take the fragments no page refers to and no language has a translation of out of every
    ``fragments.po``: (the catalogs rewritten, the fragments taken out)."""
    paths = [i18n.catalog_path(config, lang, i18n.FRAGMENTS) for lang in config.languages]
    catalogs = {path: i18n.read_catalog(config, path, lang)
                for path, lang in zip(paths, config.languages) if path.is_file()}
    entries = [message for catalog in catalogs.values() for message in catalog if message.id]
    translated = {message.context for message in entries if message.string}
    unused = sorted({message.context for message in entries} - set(in_use) - translated)
    for path, catalog in catalogs.items() if unused else ():
        for message in [m for m in catalog if m.id and m.context in unused]:
            catalog.delete(message.id, context=message.context)
        i18n.write_catalog(path, catalog, config.scratch_dir)
    return (list(catalogs) if unused else []), unused
