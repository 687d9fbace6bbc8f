"""The staged site -> ``pagefind/`` inside it: Pagefind's search index and its UI bundle.

Pagefind (the ``pagefind[bin]`` package, no download at run time) reads the written HTML, so
what is searchable is decided in the templates: only elements under ``data-pagefind-body`` are
indexed, furniture carries ``data-pagefind-ignore``, and Pagefind splits the index by each
page's ``<html lang>`` so every language is stemmed as itself. Indexing runs through Pagefind's
Python API, which reports how many pages went in; a failure is a located error for the build,
never a half-written ``pagefind/`` folder (the staging folder is discarded).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path

from builder.diagnostics import BuildError, Diagnostic, error

OUTPUT_SUBDIR = "pagefind"


@dataclass(frozen=True)
class SearchResult:
    pages_indexed: int
    diagnostics: tuple[Diagnostic, ...] = ()


def index_site(site: Path) -> SearchResult:
    """Index every HTML page of ``site`` and write the bundle to ``site/pagefind/``."""
    try:
        pages = asyncio.run(_index(site))
    except Exception as exc:  # the Pagefind service is a subprocess: any failure is reported whole
        raise BuildError(error(OUTPUT_SUBDIR, None, "search-index",
                               f"Pagefind could not index the site: {exc}")) from exc
    return SearchResult(pages)


async def _index(site: Path) -> int:
    from pagefind.index import IndexConfig, PagefindIndex

    config = IndexConfig(output_path=str(site / OUTPUT_SUBDIR))
    async with PagefindIndex(config=config) as index:
        response = await index.add_directory(str(site))
        return int(response["page_count"])
