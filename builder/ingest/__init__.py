"""Raw sources in ``content/sources/`` -> Markdown pages in ``content/articles/``.

    source bytes --decode--> text --adapter.extract--> Draft --assemble--> NewPage --write--> .md

A source's format (Markdown, a saved page, plain text) and its outlet decide how it is read
(:mod:`~builder.ingest.extract`): one adapter module per outlet whose pages have a shape of
their own (:mod:`~builder.ingest.mfa`), and :mod:`~builder.ingest.generic` for news text of any
other, each with ``recognise(text)`` and ``extract(source) -> Draft``.
A source that already has a page (its ``source:`` front matter names it) is kept as the editor
has it, unless forced. Facts a text lacks come from sidecars (:mod:`~builder.ingest.sidecar`). Every
source gets an outcome (ingested, kept, skipped, failed); skips and failures are located
diagnostics, and one bad source never stops the others.

Deciding and writing are separate steps: every source's page is decided (:func:`_ingest_one`,
which only reads) before it is written (:func:`~builder.ingest.page.write_page`), so a dry run
(``digest ingest --dry-run``) takes every decision a real run takes, in the same order, and
shows them without writing anything.

The package imports nothing itself, so that a build loads a module of it (:mod:`~builder.ingest.
memo`) without the stage's own: :mod:`~builder.ingest.run` is the run, and its entry point.
"""
