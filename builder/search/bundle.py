"""The files of one Pagefind bundle: read, put in a fixed order, listed, emptied.

In: a folder Pagefind wrote. Its data files are ``pagefind-entry.json`` (each language: the name
of its metadata, its WebAssembly, its page count), ``pagefind.<lang>_<hash>.pf_meta`` per
language, and the chunks each metadata names: ``fragment/`` (one per page), ``index/`` (words)
and ``filter/``. Everything else (``pagefind.js``, the worker, the Component UI, the
WebAssembly) is the browser side, the same for every bundle of one Pagefind version.
Out: the same folder, changed in place.

- :func:`settle_bundle`: byte for byte the same bundle from the same pages, wherever it is
  built, with its words sealed; each chunk read and written once.

  - What Pagefind writes in hash-map order, which changes from run to run (Pagefind issue 638),
    is put in order: the languages of ``pagefind-entry.json``, the values of every filter file
    and the filter and sort lists of every language's metadata.
  - Pagefind numbers the pages in the order it met them, which is the order the file system
    lists a folder (two clean builds on tmpfs gave every shard the same pages in another order):
    they are numbered anew by their fragments' names, which are hashes of their content.
  - Every word ends in :data:`WORD_END`, a character no query can hold, so that no word is a
    prefix of a query word. Pagefind matches a query word to the index's words that begin with
    its stem; when there are none, it falls back to the longest word that is a prefix of it
    (Pagefind PR 315; issue 1246 asks to switch that off), so that "Uzbekistan" finds every
    page with "u", and each shard of a merged index does so on its own. Sealed, a word that no
    page of an index holds finds nothing there, as the reader expects; the extensions of a
    query word (what a reader still typing needs) are found as before.

  A file whose bytes change is renamed by a hash of its new content, in Pagefind's naming
  shape, and the names referring to it follow (chunks and filters in the metadata, the metadata
  in the entry); the browser side finds files by these names only and checks no hash
  (tests/test_browser.py). Between the order and the seal, a step of the caller's may add keys
  to a language's index (:mod:`builder.search.forms`).
- :func:`data_files`: every data file the entry names, directly or through a metadata file, or
  None when one is missing: what a shard is, when it is reused from the last build
  (:func:`primary_files`: the bundle at the top of the index, its browser side included).
- :func:`empty_indexes`: each language's index replaced by one without pages, for the bundle that
  holds only the browser side (Pagefind's script needs an index of the page's language to start,
  and loads that language's WebAssembly through it).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from builder.diagnostics import Abandoned
from builder.search import cbor
from builder.util.files import write_new

ENTRY_FILE = "pagefind-entry.json"
SIGNATURE = b"pagefind_dcd"
"""What every Pagefind data file starts with, once un-gzipped."""
DATA_FOLDERS = ("fragment", "index", "filter")
WORD_END = "#"
"""Ends every word of a sealed index. Pagefind's script drops punctuation from a query before it
searches (every character of the Unicode classes Pd, Pe, Pf, Pi, Po and Ps), so no query word
holds it; one byte, since Pagefind ranks a match by its length in bytes against the query's."""

# Pagefind 1.5 writes the metadata of a language as the CBOR array
#   [version, [[fragment, word count], …], [[first word, last word, chunk], …],
#    [[filter name, filter file], …], [[sort name, [page, …]], …], [meta field, …]]
# a word chunk as [[[word, [[page, locations, meta locations], …], [[form, pages], …]], …]]
# (the forms: the words as written, where they differ from the word, accents and all; a word's
# and a form's pages in order, each numbered from the one before it), and a filter file as
# [filter name, [[value, [page, …]], …]]; the filter list, the sort list and the values are in
# hash-map order. Pages are numbered in the order Pagefind met them, and each sort lists them
# sorted by value (a stable sort over that numbering).
META_PAGES, META_CHUNKS, META_FILTERS, META_SORTS = 1, 2, 3, 4
FILTER_HASH_LENGTH, META_HASH_LENGTH = 7, 10  # Pagefind's own: en_b0765d7, en_84de245464
CHUNK_HASH_LENGTH = 7  # en_8260222


def read_entry(bundle: Path) -> dict[str, Any]:
    return json.loads((bundle / ENTRY_FILE).read_text(encoding="utf-8"))


def write_entry(bundle: Path, entry: dict[str, Any]) -> None:
    write_new(bundle / ENTRY_FILE,
              json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def indexed_pages(bundle: Path) -> int:
    """The number of pages (and records) in a written bundle, over every language index."""
    return sum(int(language["page_count"]) for language in read_entry(bundle)["languages"].values())


@dataclass
class LanguageIndex:
    """One language's metadata and its word chunks, decoded: what :func:`settle_bundle`'s steps
    change in memory before each file is written once (a pass over a shard's chunks costs
    about a second at 1,000 pages: decoding, encoding and compressing them)."""

    language: str
    meta: list[Any]
    words: list[list[Any]]
    """Each chunk's entries, in the order of ``meta``'s chunks: ``[word, pages, forms]``."""


Stopped = Callable[[], bool]
"""Whether the work has been given up, asked between two steps of it (:func:`settle_bundle`)."""
Extension = Callable[[Path, LanguageIndex, Stopped], None]
"""A step that adds to a language's index before its words are sealed (given the bundle's
folder, for the pages' fragments), asking ``stopped`` as it goes."""


def never() -> bool:
    """A :data:`Stopped` for work nobody gives up."""
    return False


def settle_bundle(bundle: Path, extend: Extension = lambda _bundle, _index, _stopped: None,
                  stopped: Stopped = never) -> None:
    """Put what Pagefind wrote into a fixed order, let ``extend`` add to each language's index,
    and seal its words: each chunk and metadata file read and written once, renamed by content.

    A shard of 1,000 pages takes a second or two. The build settles each in a worker process,
    which it kills to give the work up (:mod:`builder.search.settling`); a caller that settles
    in its own process gives ``stopped``, which is asked before each chunk is read and written,
    so that giving the work up waits for one chunk, not for the shard
    (:class:`~builder.diagnostics.Abandoned` is raised, the bundle left half settled: its
    caller throws it away, as it does a bundle Pagefind was stopped writing).

    The fixed order: the languages of the entry; the pages numbered in the order of their
    fragments' names (content hashes), not in the order Pagefind met them, which is the order
    the file system lists a folder's files and differs between two file systems holding the
    same site; every word's, form's and filter value's pages in that numbering; the filters and
    the sorts by name (a sort's pages stay in their order, which *is* the sort: every page's
    sort value is unique, so that order does not depend on the numbering either).
    """
    entry = read_entry(bundle)
    languages = dict(sorted(entry["languages"].items()))
    for language, info in languages.items():
        meta = read_meta(bundle, info["hash"])
        index = LanguageIndex(language, meta, [_read_chunk(bundle / "index", name, stopped)
                                               for _, _, name in meta[META_CHUNKS]])
        number = _renumber_pages(index)
        meta[META_FILTERS] = sorted([name, _canonicalise_filter(bundle / "filter", file, number)]
                                    for name, file in meta[META_FILTERS])
        meta[META_SORTS] = sorted(([name, [number[page] for page in pages]]
                                   for name, pages in meta[META_SORTS]), key=lambda sort: sort[0])
        extend(bundle, index, stopped)
        for chunk, words in zip(meta[META_CHUNKS], index.words, strict=True):
            given_up(stopped)
            for word in words:
                if not word[0].endswith(WORD_END):  # sealed once, whoever calls again
                    word[0] += WORD_END
            chunk[2] = rewrite(bundle / "index", "{}.pf_index", chunk[2], [words],
                               CHUNK_HASH_LENGTH)
        info["hash"] = rewrite(bundle, "pagefind.{}.pf_meta", info["hash"], meta,
                                META_HASH_LENGTH)
    entry["languages"] = languages
    write_entry(bundle, entry)


def given_up(stopped: Stopped) -> None:
    """Raise :class:`~builder.diagnostics.Abandoned` if ``stopped`` says the work was given up."""
    if stopped():
        raise Abandoned("the search index was given up for a newer change")


def _read_chunk(folder: Path, name: str, stopped: Stopped) -> list[Any]:
    given_up(stopped)
    data = read_data(folder / f"{name}.pf_index")
    if not (isinstance(data, list) and len(data) == 1 and isinstance(data[0], list)
            and all(isinstance(word, list) and len(word) == 3 and isinstance(word[0], str)
                    for word in data[0])):
        raise RuntimeError(f"index/{name}.pf_index is not laid out as Pagefind 1.5 writes it")
    return data[0]


def _renumber_pages(index: LanguageIndex) -> list[int]:
    """Number ``index``'s pages in the order of their fragments' names, in its metadata and
    words; each old number's new one."""
    pages = index.meta[META_PAGES]
    order = sorted(range(len(pages)), key=lambda old: (pages[old], old))
    number = [0] * len(pages)
    for new, old in enumerate(order):
        number[old] = new
    if order == list(range(len(pages))):
        return number
    index.meta[META_PAGES] = [pages[old] for old in order]
    for words in index.words:
        for word in words:
            word[1] = renumbered(word[1], number)
            for form in word[2]:
                form[1] = renumbered(form[1], number)
    return number


def renumbered(pages: list[list[Any]], number: Sequence[int]) -> list[list[Any]]:
    """A word's pages (as Pagefind lists them: :func:`numbered`) with each page's number
    replaced by ``number[page]``."""
    return delta_coded({number[page]: entry for page, entry in numbered(pages)})


def numbered(pages: list[list[Any]]) -> list[tuple[int, list[Any]]]:
    """A word's pages with their numbers: Pagefind lists them in order, each numbered from the
    one before it, ``[distance, positions, metadata positions]``."""
    found, number = [], 0
    for page in pages:
        number += page[0]
        found.append((number, page))
    return found


def delta_coded(pages: dict[int, list[Any]]) -> list[list[Any]]:
    """A word's pages, by number, as Pagefind lists them (:func:`numbered`); the rest of each
    page's entry, its word positions, as it was."""
    coded, before = [], 0
    for number in sorted(pages):
        coded.append([number - before, *pages[number][1:]])
        before = number
    return coded


def data_files(bundle: Path) -> list[str] | None:
    """The entry, the metadata it names and every chunk they name (paths relative to
    ``bundle``, sorted), or None when any of them is missing or unreadable."""
    try:
        entry = read_entry(bundle)
        files = {ENTRY_FILE}
        for info in entry["languages"].values():
            meta_file = f"pagefind.{info['hash']}.pf_meta"
            meta = read_meta(bundle, info["hash"])
            files.add(meta_file)
            files.update(f"fragment/{fragment}.pf_fragment" for fragment, _ in meta[META_PAGES])
            files.update(f"index/{chunk}.pf_index" for _, _, chunk in meta[META_CHUNKS])
            files.update(f"filter/{name}.pf_filter" for _, name in meta[META_FILTERS])
    except (OSError, ValueError, TypeError, KeyError, RuntimeError):
        return None
    if not all((bundle / name).is_file() for name in files):
        return None
    return sorted(files)


BROWSER_FILES = ("pagefind.js", "pagefind-worker.js", "pagefind-component-ui.js",
                 "pagefind-component-ui.css")
"""Files of the primary bundle the search page cannot do without (besides the WebAssembly)."""
_PAGEFIND_FILE = re.compile(r"^(?:pagefind[\w.-]*\.(?:js|css|json|pf_meta)|wasm\.[\w-]+\.pagefind)$")
"""The names Pagefind gives the files at the top of its bundle."""


def primary_files(bundle: Path) -> list[str] | None:
    """The data files of the bundle at the top of the index and its browser side (each of its
    languages' WebAssembly included), sorted, or None when one is missing."""
    data = data_files(bundle)
    if data is None:
        return None
    top = {path.name for path in bundle.iterdir()
           if path.is_file() and _PAGEFIND_FILE.match(path.name)}  # never a file planted there
    wasm = {f"wasm.{info.get('wasm') or 'unknown'}.pagefind"
            for info in read_entry(bundle)["languages"].values()}
    if not top.issuperset({*BROWSER_FILES, *wasm}):
        return None
    return sorted(top | set(data))


def complete(bundle: Path) -> bool:
    """Whether every file of the bundle is there and whole: the entry and metadata parse, and
    every chunk they name, and every file of the browser side beside them (scripts, styles,
    WebAssembly), is a complete gzip stream (or, uncompressed, not empty).

    A bundle is checked before it is used, not trusted because Pagefind said it was done: when
    Pagefind wrote its files itself, its process could exit before its writer threads had
    finished (seen about once in fifty builds on a busy machine: an empty
    ``pagefind-entry.json``, or an empty ``wasm.unknown.pagefind``). The build now writes the
    files Pagefind hands over (:mod:`builder.search.pagefind`), and still checks them.
    """
    files = data_files(bundle)
    if files is None:
        return False
    browser_side = [path.name for path in bundle.iterdir() if path.is_file()]
    for name in {*files, *browser_side}:
        data = (bundle / name).read_bytes()
        if not data:
            return False
        if data[:2] == b"\x1f\x8b":
            try:
                gzip.decompress(data)
            except (OSError, EOFError):
                return False
    return True


def browser_side(bundle: Path) -> dict[str, int]:
    """The browser side's files at the top of a bundle (scripts, styles, WebAssembly), by name,
    with their sizes: the same files of the same size in every bundle one Pagefind writes,
    whatever its pages. The only data files at the top are the entry and the metadata."""
    return {path.name: path.stat().st_size for path in bundle.iterdir()
            if path.is_file() and path.name != ENTRY_FILE and not path.name.endswith(".pf_meta")}


def empty_indexes(bundle: Path) -> None:
    """Replace every language's index by one with no pages, keeping its WebAssembly."""
    entry = read_entry(bundle)
    for info in entry["languages"].values():
        meta = read_meta(bundle, info["hash"])
        for part in (META_PAGES, META_CHUNKS, META_FILTERS, META_SORTS):
            meta[part] = []
        info["hash"] = rewrite(bundle, "pagefind.{}.pf_meta", info["hash"], meta,
                                META_HASH_LENGTH)
        info["page_count"] = 0
    entry["languages"] = dict(sorted(entry["languages"].items()))
    write_entry(bundle, entry)
    for folder in DATA_FOLDERS:
        shutil.rmtree(bundle / folder, ignore_errors=True)


def read_meta(bundle: Path, name: str) -> list[Any]:
    meta = read_data(bundle / f"pagefind.{name}.pf_meta")
    if not (isinstance(meta, list) and len(meta) > META_SORTS
            and all(isinstance(meta[part], list)
                    for part in (META_PAGES, META_CHUNKS, META_FILTERS, META_SORTS))):
        raise RuntimeError(f"pagefind.{name}.pf_meta is not laid out as Pagefind 1.5 writes it")
    return meta


def _canonicalise_filter(folder: Path, name: str, number: Sequence[int]) -> str:
    """Order one filter file's values (and each value's pages, numbered anew by ``number``);
    the file's name afterwards."""
    data = read_data(folder / f"{name}.pf_filter")
    if not (isinstance(data, list) and len(data) == 2 and isinstance(data[1], list)):
        raise RuntimeError(f"filter/{name}.pf_filter is not laid out as Pagefind 1.5 writes it")
    filter_name, values = data
    ordered = sorted([value, sorted(number[page] for page in pages)] for value, pages in values)
    return rewrite(folder, "{}.pf_filter", name, [filter_name, ordered], FILTER_HASH_LENGTH)


def rewrite(folder: Path, pattern: str, name: str, value: Any, hash_length: int) -> str:
    """Write ``value`` as a Pagefind file named by its content, replacing ``name``'s file."""
    payload = SIGNATURE + cbor.encode(value)
    language = name.rsplit("_", 1)[0]
    new_name = f"{language}_{hashlib.sha256(payload).hexdigest()[:hash_length]}"
    # No timestamp, so equal payloads give equal files. Level 6, not Pagefind's 9: on a shard's
    # chunks 9 took 2.6 times as long (0.46 s of a Russian shard's 1.7 s settling, 825 pages)
    # for files 0.4% smaller.
    write_new(folder / pattern.format(new_name), gzip.compress(payload, 6, mtime=0))
    if new_name != name:
        (folder / pattern.format(name)).unlink()
    return new_name


def read_data(path: Path) -> Any:
    """The CBOR value of a Pagefind data file (gzip, or plain, behind the signature)."""
    data = path.read_bytes()
    if not data.startswith(SIGNATURE):
        data = gzip.decompress(data)
    if not data.startswith(SIGNATURE):
        raise RuntimeError(f"{path.name} is not a Pagefind data file")
    return cbor.decode(data[len(SIGNATURE):])
