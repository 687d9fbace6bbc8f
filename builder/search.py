"""The staged site -> ``pagefind/`` inside it: Pagefind's search index and its UI bundle.

Pagefind (the ``pagefind[bin]`` package, no download at run time) reads the written HTML, so
what is searchable is decided in the templates: only elements under ``data-pagefind-body`` are
indexed (article pages), furniture carries ``data-pagefind-ignore``, and Pagefind splits the
index by each page's ``<html lang>`` so every language is stemmed as itself and each search page
searches its own language only.

This module is the only place Pagefind is called, through its Python API. Writing the index
also writes the browser side of the bundle that ``templates/search.html`` loads:
``pagefind.js`` (the search API), ``pagefind-worker.js``, the WebAssembly per language and the
Component UI (``pagefind-component-ui.js`` and ``.css``, with its translations built in).

In: the staged site folder. Out: ``<site>/pagefind/`` and the number of pages in the index (read
back from ``pagefind-entry.json``, so it counts what is searchable, not every HTML file
Pagefind looked at). A failure, including the Pagefind process dying mid-way, is a
:class:`BuildError` naming the bundle folder; the build then discards the staging folder, so
a half-written ``pagefind/`` is never published.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Coroutine
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from builder.diagnostics import BuildError, Diagnostic, error

OUTPUT_SUBDIR = "pagefind"
ENTRY_FILE = "pagefind-entry.json"
BODY_MARKER = b"data-pagefind-body"
"""The attribute that marks an indexable page (templates/article.html)."""


@dataclass(frozen=True)
class SearchResult:
    pages_indexed: int
    """Pages in the index, summed over languages (pagefind-entry.json)."""
    diagnostics: tuple[Diagnostic, ...] = ()


def index_site(site: Path) -> SearchResult:
    """Index the article pages of ``site`` and write the bundle to ``site/pagefind/``."""
    where = f"{site.name.removesuffix('.next')}/{OUTPUT_SUBDIR}"
    try:
        asyncio.run(_index(site))
        _canonicalise_entry(site / OUTPUT_SUBDIR)
        return SearchResult(indexed_pages(site / OUTPUT_SUBDIR))
    except Exception as exc:  # the Pagefind service is a subprocess: any failure is reported whole
        raise BuildError(error(where, None, "search-index",
                               f"Pagefind could not index the site: {_describe(exc)}")) from exc


def indexed_pages(bundle: Path) -> int:
    """The number of pages in a written bundle, over every language index."""
    entry = json.loads((bundle / ENTRY_FILE).read_text(encoding="utf-8"))
    return sum(int(language["page_count"]) for language in entry["languages"].values())


def _canonicalise_entry(bundle: Path) -> None:
    """Write ``pagefind-entry.json`` with its languages in a fixed order.

    Pagefind lists the languages in hash-map order, which changes from run to run, so two builds
    of the same site would differ in this one file (Pagefind issue 638: its filter indexes have
    the same trouble, which is why the templates set no filters yet).
    """
    path = bundle / ENTRY_FILE
    entry = json.loads(path.read_text(encoding="utf-8"))
    entry["languages"] = dict(sorted(entry["languages"].items()))
    path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


async def _index(site: Path) -> None:
    from pagefind.index import IndexConfig
    from pagefind.service import PagefindService

    config = IndexConfig(output_path=str(site / OUTPUT_SUBDIR))
    try:
        service = await PagefindService().launch()
    except OSError as exc:  # no binary, or not executable
        raise RuntimeError(f"cannot start Pagefind: {exc} (the 'pagefind[bin]' package provides "
                           "the binary; PAGEFIND_BINARY_PATH points at another one)") from exc
    try:
        await _until_service_stops(service, _write_index(service, config, site))
    finally:
        await _shut_down(service)


async def _write_index(service: Any, config: Any, site: Path) -> None:
    index = await service.create_index(config)
    # Pagefind indexes every page when no page has data-pagefind-body: a site without articles
    # would make its home and search pages searchable. Then the bundle is written empty.
    if _has_article_pages(site):
        await index.add_directory(str(site))
    await index.write_files()


def _has_article_pages(site: Path) -> bool:
    return any(BODY_MARKER in page.read_bytes() for page in site.rglob("*.html"))


# The Python API answers each request through a task that reads the Pagefind process's output
# (``_poll_task``); if the process exits, that task ends and a pending request would wait
# forever. So the work is raced against that task, and a dead process is reported, not awaited.


async def _until_service_stops(service: Any, work: Coroutine[Any, Any, None]) -> None:
    task = asyncio.ensure_future(work)
    listener: asyncio.Task[None] | None = getattr(service, "_poll_task", None)
    if listener is None:  # an API without the listener task: nothing to race against
        await task
        return
    await asyncio.wait({task, listener}, return_when=asyncio.FIRST_COMPLETED)
    if task.done() and not isinstance(task.exception(), ConnectionError):
        task.result()  # done, or Pagefind's own error message
        return
    if not task.done():
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    # The process is gone (or its pipe broke as it went): its exit status is the best report.
    raise RuntimeError(f"the Pagefind process stopped (exit status {await _exit_status(service)})")


async def _exit_status(service: Any) -> int | None:
    backend = getattr(service, "_backend", None)
    if backend is None:
        return None
    try:
        return await asyncio.wait_for(backend.wait(), timeout=10)
    except TimeoutError:
        return None


async def _shut_down(service: Any) -> None:
    listener = getattr(service, "_poll_task", None)
    backend = getattr(service, "_backend", None)
    if backend is not None and backend.returncode is not None:  # already gone: nothing to close
        if listener is not None and listener.done() and not listener.cancelled():
            listener.exception()  # retrieved, so asyncio does not log it as lost
        return
    await service.close()


def _describe(exc: BaseException) -> str:
    # The service reports errors as Exception(message, original_message).
    if exc.args and isinstance(exc.args[0], str):
        return exc.args[0]
    return str(exc) or type(exc).__name__
