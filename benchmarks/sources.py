"""Raw sources beside a corpus's pages, as an editor's project has them after a year of ingest.

In: a corpus folder written by ``benchmarks/corpus.py``. Out, in it:

- ``content/sources/<lang>-<slug>.txt``: one source for every page, the text the page could
  have been ingested from, in the shape of an agency's wire: the headline, a blank line, the
  first paragraph opening with a dateline (``MOSCOW, April 17, 2020. /TASS/. …``, ``МОСКВА,
  17 апреля 2020. /ТАСС/. …``: with the year, so that ingest dates the page as the corpus
  did), then the other paragraphs, a blank line between each (the page's headings as lines of
  their own);
- in each page's front matter, ``source`` and ``source_sha256``, as ingest writes them;
- ``content/ingested.txt``, the record naming each source's page and SHA-256, as ingest
  leaves it (:mod:`builder.ingest.record`).

So every source is done, as it is in a project where each was ingested once: a build has no
new source to ingest, and must find that out. With ``--new N`` the last N sources (in name
order) are left new instead: not in the record, and their pages (which ingest would write
again) removed, so that the next build ingests them.

Why: an editor keeps the raw sources in the repository beside the pages (a clone, as Netlify
builds from, must know which are done), one a page after a year: 10,000 sources with their
10,000 pages. What a build pays for them when nothing is new is measured on that, not on the
corpus's pages alone. Writing the outcome of ingest rather than running it keeps generation to
seconds; the sources are still real text that ingest reads (``digest ingest --dry-run``, or a
forced ingest, turns them into pages).

Deterministic: the same corpus gives the same sources, pages and record, byte for byte.

    .venv/bin/python benchmarks/sources.py /path/to/digest-corpus [--new N]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

import yaml
from babel.dates import format_date

from builder.ingest.record import RECORD_FILE, Entry, record_text

MARKER = ".digest-bench-corpus.json"
"""What ``benchmarks/corpus.py`` leaves in a corpus it wrote (its summary)."""
AGENCY = {"en": "/TASS/", "ru": "/ТАСС/"}
DATE_FORMAT = {"en": "MMMM d, y", "ru": "d MMMM y"}
PLACE = {"en": "MOSCOW", "ru": "МОСКВА"}
_ESCAPE = re.compile(r"\\(.)")
_FRAGMENT = re.compile(r"^\{\{<.*>\}\}$")


class SourcesError(Exception):
    """The sources cannot be added here; the message says why."""


def wire(page_text: str) -> str:
    """The wire a page of the corpus could have been ingested from: its headline, a dateline
    before the first paragraph, the paragraphs and headings as plain text."""
    front, body = _split(page_text)
    data = yaml.safe_load(front)
    lang = data["lang"]
    place = data.get("place") or PLACE[lang]
    date = format_date(data["date"], DATE_FORMAT[lang], locale=lang)
    blocks, first = [], None
    for block in body.split("\n\n"):
        block = block.strip()
        if not block or _FRAGMENT.match(block):
            continue
        if first is None and not block.startswith("## "):
            first = len(blocks)
        blocks.append(_ESCAPE.sub(r"\1", block.removeprefix("## ")))
    if first is None:
        raise SourcesError("a page has no paragraph")
    blocks[first] = f"{place}, {date}. {AGENCY[lang]}. {blocks[first]}"
    return "\n\n".join([data["title"], *blocks]) + "\n"


def with_source(page_text: str, source: str, sha256: str) -> str:
    """The page with ``source`` and ``source_sha256`` in its front matter, where ingest puts
    them (before ``related``, else last)."""
    front, body = _split(page_text)
    lines = front.split("\n")
    at = next((number for number, line in enumerate(lines) if line.startswith("related:")),
              len(lines))
    lines[at:at] = [f"source: {source}", f"source_sha256: {sha256}"]
    return "---\n" + "\n".join(lines) + "\n---\n\n" + body


def _split(page_text: str) -> tuple[str, str]:
    """(front matter without its fences, body) of a corpus page."""
    if not page_text.startswith("---\n"):
        raise SourcesError("a page has no front matter")
    end = page_text.index("\n---\n", 3)
    return page_text[4:end], page_text[end + len("\n---\n"):].lstrip("\n")


def add_sources(root: Path, new: int = 0) -> dict[str, int]:
    """Write a source for every page of the corpus at ``root``, mark the pages and write the
    record; the last ``new`` sources are left new (see the module docstring). Counts of what
    was written."""
    content = root / "content"
    if not (root / MARKER).is_file():
        raise SourcesError(f"{root} holds no corpus made by benchmarks/corpus.py")
    if (content / "sources").exists() or (content / RECORD_FILE).exists():
        raise SourcesError(f"{root} has sources already; generate the corpus again")
    pages = sorted((content / "articles").rglob("*.md"))
    if not 0 <= new <= len(pages):
        raise SourcesError(f"--new must be between 0 and the {len(pages)} pages")
    (content / "sources").mkdir()
    sourced = []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        lang = page.relative_to(content / "articles").parts[0]
        source = f"sources/{lang}-{page.stem}.txt"
        data = wire(text).encode("utf-8")
        (content / source).write_bytes(data)
        sourced.append((source, page, text, hashlib.sha256(data).hexdigest()))
    sourced.sort(key=lambda found: found[0])
    done, left_new = sourced[:len(sourced) - new], sourced[len(sourced) - new:]
    entries = {}
    for source, page, text, sha256 in done:
        page.write_text(with_source(text, source, sha256), encoding="utf-8")
        entries[source] = Entry(page.relative_to(content).as_posix(), sha256)
    for _, page, _, _ in left_new:
        page.unlink()
    (content / RECORD_FILE).write_text(record_text(entries), encoding="utf-8")
    return {"sources": len(sourced), "ingested": len(done), "new": len(left_new)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="a folder benchmarks/corpus.py wrote")
    parser.add_argument("--new", type=int, default=0,
                        help="sources left new, for the next build to ingest (default 0)")
    args = parser.parse_args(argv)
    try:
        counts = add_sources(args.corpus.resolve(), args.new)
    except SourcesError as exc:
        print(f"sources: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(counts))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
