"""Raw sources in ``content/sources/`` -> Markdown pages in ``content/articles/``.

    source bytes --decode--> text --adapter.extract--> Draft --assemble--> NewPage --write--> .md

A source's format (Markdown, a saved page, plain text) and its outlet decide how it is read
(:mod:`~builder.ingest.extract`): one adapter module per outlet whose pages have a shape of
their own (:mod:`~builder.ingest.mfa`), and :mod:`~builder.ingest.generic` for news text of any
other, each with ``recognise(text)`` and ``extract(source) -> Draft``. Which files are
sources is :mod:`~builder.ingest.sources`'s to say, and one run over them is
:mod:`~builder.ingest.run`. A source that already has a page (``content/ingested.txt`` names
it, :mod:`~builder.ingest.record`) is kept as the editor has it, unless forced. Facts a text
lacks come from sidecars (:mod:`~builder.ingest.sidecar`). Every source gets an outcome
(ingested, kept, skipped, failed); skips and failures are located diagnostics, and one bad
source never stops the others.

Deciding and writing are separate steps: every source's page is decided (``_ingest_one``,
which only reads) before it is written (:func:`~builder.ingest.page.write_page`), so a dry run
(``digest ingest --dry-run``) takes every decision a real run takes, in the same order, and
shows them without writing anything.

Here is what a build asks (:func:`ingest_in_build`): what the previous build's ingest found
(:mod:`~builder.ingest.memo`) is usually still true, and the build then opens no source and
loads nothing of the stage's own code (Babel, the adapters, the catalogs), which the package
therefore imports only when a run is needed.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING

from builder.config import SiteConfig
from builder.incremental.changes import Changes
from builder.ingest.memo import IngestMemo, still_holds, unchanged_digests

if TYPE_CHECKING:
    from builder.ingest.report import IngestResult


def has_sources(config: SiteConfig) -> bool:
    """Whether ``content/sources/`` holds anything for ingest to look at."""
    try:
        with os.scandir(config.sources_dir) as entries:
            return any(True for _ in entries)
    except (FileNotFoundError, NotADirectoryError):
        return False


def ingest_in_build(config: SiteConfig, memo: IngestMemo | None, changes: Changes,
                    inputs: Collection[str], say: Callable[[str], None]
                    ) -> tuple[IngestMemo | IngestResult, bool, IngestMemo | None]:
    """Ingest in a build whose previous one left ``memo``, ``changes`` being what changed since
    and ``inputs`` the paths its scan found: what the build reports (the memo itself, when it
    still holds, so that no source is opened), whether it wrote pages or the record (which the
    build must then scan again: the memo describes them as written), and the memo for the next
    build. The stage's code is loaded only when it runs."""
    if still_holds(memo, changes, config.root):
        return memo, False, memo
    from builder.ingest.run import ingest_sources

    say("ingesting new sources")
    ingested = ingest_sources(config, today=changes.today, inputs=inputs,
                              digests=unchanged_digests(memo, changes))
    return ingested.in_build(), bool(ingested.pages) or ingested.record_written, ingested.memo
