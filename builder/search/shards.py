"""The search index's shards: what each holds, and the fingerprint that says when to index it.

A shard is one Pagefind index: one language's article pages of one year of the news date, and
the passages of that language in other-language articles of that year
(:mod:`builder.search.records`). Its **fingerprint** covers everything its bytes are made from:
its pages' paths and content digests, its passage records, the Pagefind version and binary,
and :data:`FORMAT`. Pure but for the Pagefind binary's digest (remembered per process) and the
pages whose digest the build does not know (read from the staged site).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import operator
import os
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from builder.model import SiteModel
from builder.search.records import ForeignRecord
from builder.util.fingerprints import Stamp, digest, installed_versions, stamp

PRIMARY = "primary"
"""The bundle at the top of ``pagefind/``: the browser side, and the whole index if unsharded."""
FORMAT = 4
"""Of the bundle's layout and canonical form: change it whenever :mod:`builder.search` would
write different bytes from the same input, so that no shard of the old form is reused."""


@dataclass(frozen=True)
class Shard:
    """One Pagefind index of the bundle: one language's pages and passages of one year."""

    name: str
    """``<lang>-<year>``: its folder in ``pagefind/``."""
    lang: str
    period: str
    """The year of the news date of its articles (and of the articles its passages are in)."""
    pages: tuple[str, ...] = ()
    """Output paths of its article pages (``en/2020/04/<slug>/index.html``), sorted."""
    records: tuple[ForeignRecord, ...] = ()
    """Its passage records, sorted."""
    aliases: int = 0
    """Alias pages its glob finds too (an old address of an article is often shaped like one):
    Pagefind finds them and indexes nothing of them, since they have no
    ``data-pagefind-body``. Counted so that what the glob must find stays exact; the index is
    the same bytes with them or without (tests/test_aliases.py), so not in the fingerprint."""

    @property
    def glob(self) -> str:
        """What Pagefind is given to find exactly these pages in the site."""
        return f"{self.lang}/{self.period}/*/*/index.html"


def plan_shards(model: SiteModel, records: Sequence[ForeignRecord]) -> list[Shard]:
    """Every shard with its pages and records, by name."""
    pages: dict[tuple[str, str], list[str]] = {}
    for article in model.articles.values():
        path = article.url.strip("/") + "/index.html"
        pages.setdefault((article.lang, f"{article.date.year:04d}"), []).append(path)
    passages: dict[tuple[str, str], list[ForeignRecord]] = {}
    for record in records:
        passages.setdefault((record.lang, record.date[:4]), []).append(record)
    aliases = Counter(tuple(alias.split("/")[1:3]) for alias in model.aliases
                      if alias.count("/") == 5)  # /<lang>/<year>/<month>/<slug>/, as a glob sees
    shards = [Shard(f"{lang}-{period}", lang, period, tuple(sorted(pages.get((lang, period), ()))),
                    tuple(sorted(passages.get((lang, period), ()))), aliases[(lang, period)])
              for lang, period in sorted(pages.keys() | passages.keys())]
    for shard in shards:  # what the glob finds must be exactly the shard's pages
        prefix = f"{shard.lang}/{shard.period}/"
        for path in shard.pages:
            if not path.startswith(prefix) or path.count("/") != 4:
                raise RuntimeError(f"article page {path} is not at <lang>/<year>/<month>/<slug>/ "
                                   "as builder/search/shards.py expects")
    return shards


def page_digests_of(site: Path, shards: Sequence[Shard], known: Mapping[str, str]
                 ) -> dict[str, str]:
    """The digest of every page of ``shards``: ``known`` (the build's records) where it has it,
    else made from the file in ``site``, the same way."""
    digests = {}
    for shard in shards:
        for path in shard.pages:
            page_digest = known.get(path)
            if page_digest is None:
                try:
                    page_digest = digest(site.joinpath(*path.split("/")).read_bytes())
                except FileNotFoundError:
                    raise RuntimeError(f"the article page {path} is not in the site") from None
            digests[path] = page_digest
    return digests


def fingerprints_of(shards: Sequence[Shard], languages: Sequence[str],
                    digests: Mapping[str, str], sharded: bool,
                    known: Fingerprinted | None = None) -> dict[str, str]:
    """Bundle name -> a digest of everything the bundle's bytes are made from. ``known``: the
    fingerprints of the same ``shards`` (the caller checks it), and the page digests they were
    made from: a shard none of whose pages changed keeps its own. (Making every shard's costs a
    save a fortieth of a second at 10,000 pages; a save changes one.)"""
    engine = _pagefind_identity()

    def contents(shard: Shard) -> list[Any]:
        return [shard.name, [[path, digests[path]] for path in shard.pages],
                [_record_fields(record) for record in shard.records]]

    def fingerprint(*parts: Any) -> str:  # SHA-256, as shards.json has always named them
        text = json.dumps([FORMAT, engine, *parts], ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def shard_fingerprint(shard: Shard) -> str:
        if (known is not None and shard.name in known.fingerprints
                and all(known.digests.get(path) == digests[path] for path in shard.pages)):
            return known.fingerprints[shard.name]
        return fingerprint("shard", contents(shard))

    if not sharded:
        return {PRIMARY: fingerprint("whole", list(languages), [contents(s) for s in shards])}
    found = {PRIMARY: fingerprint("primary", list(languages))}
    found.update((s.name, shard_fingerprint(s)) for s in shards)
    return found


@dataclass(frozen=True)
class Fingerprinted:
    """Shards as planned, with the fingerprints :func:`fingerprints_of` made of them and the
    page digests it made them from: what a next build over articles listed the same way takes
    as it is (``index_site(planned=…)``)."""

    shards: tuple[Shard, ...]
    digests: Mapping[str, str]
    fingerprints: Mapping[str, str]


_record_fields = operator.attrgetter(*(field.name for field in dataclasses.fields(ForeignRecord)))
"""A record's fields in order, as :func:`dataclasses.astuple` gives them (and faster)."""


def _pagefind_identity() -> list[str]:
    """The Pagefind packages' versions and a digest of the binary that will run: the same on
    every machine with the same Pagefind, so the same site gives the same bundle anywhere."""
    from pagefind.service import get_executable

    identity = list(installed_versions(("pagefind", "pagefind_bin", "pagefind_bin_extended")))
    binary = get_executable()
    try:
        identity.append(_file_digest(str(binary), stamp(os.stat(binary))) if binary else "-")
    except OSError:
        identity.append("-")  # no binary: starting Pagefind will say so
    return identity


@functools.lru_cache(maxsize=4)
def _file_digest(path: str, _stat: Stamp) -> str:
    """SHA-256 of the file at ``path``, remembered while its inode, size and time are ``_stat``:
    the Pagefind binary is 10 MB, hashed once per process, not once per build."""
    with open(path, "rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()
