"""``content/addresses.txt``: the address each page was last published at, so that a build can
say when one moves, and how to keep the old address.

In: the record's text, the articles read and the model of the site. Out: a ``url-changed``
warning for each page whose old address now finds nothing, and the record's next text, which
the build writes once the site is published (:func:`keep_record`).

Why: readers, feeds, search engines and other sites link to a page's address, its language,
date and slug. A better slug, a corrected date, a slug translated: each moves the page, and its
old address then finds the not-found page. Hugo leaves it to the editor to remember to add the
old address to ``aliases:``; here the build remembers, and says which line to add.

**Which page is which.** A page is followed by its ``translation_key`` and its language: what
stays the same when its slug, date or file change. (A page without a key is given one made of
its slug, so a new slug is a new page to the record: ``digest ingest`` and ``digest new``
always write a key.) Not the file's path, which a rename changes, nor its ``source:``, which a
page written by hand has not. Two published pages of one language with one key
(``translation-duplicate``) cannot be told apart, and are not followed while they share it.

**The rule.** For each published page: not recorded yet, it is recorded at its address. At an
address of its own, nothing. Recorded at another: when that old address still leads somewhere
(it is one of the site's aliases, or another page's own address), the record takes the new
address; otherwise the build warns at the page (``url-changed``), with the ``aliases:`` line
that keeps the old address, and the record keeps the old address, so that every build warns
until the editor adds the line or, to let the old address go, deletes the page's line here. A
page read but not published (a draft, or an item before its day, which ``--future`` shows
and no reader has had yet) keeps its line; so does every page while a page fails
to read (its key cannot be known); a page gone (deleted, or its key changed) is forgotten. Only
``digest build`` writes the record: the live preview warns as a build does, and records nothing.

**Why a file in content/,** like ``content/ingested.txt``: it travels with the project, so a
Netlify build (from a clone, with no cache) or a colleague's sees a move committed without its
alias, and ``--strict`` there fails. One line a page, sorted, merged line by line
(``.gitattributes``: ``merge=union``): two editors' pages merge without conflict, and a page
both moved, listed twice, is a located error (``address-record``), never a guess; so is a
conflict left in it. The record is then not rewritten until the line is fixed. The build does
not count the file among its inputs (it writes it); the state keeps its digest instead, so that
a line deleted by hand is a reason to build (:func:`record_digest`).

A line is ``translation_key<TAB>address``; the language is the address's first segment. A key
holding a tab, a line break or a backslash, or starting with a quote or ``#``, is written as a
JSON string.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from builder.config import SiteConfig
from builder.diagnostics import Diagnostic, error, warning
from builder.incremental.inputs import ADDRESS_RECORD
from builder.model import Article, SiteModel
from builder.util.files import write_atomically
from builder.util.fingerprints import digest

RECORD_FILE = ADDRESS_RECORD
"""In ``content/``; not an input of the build (:mod:`builder.incremental.inputs`)."""
HEADER = (
    "# The address each page was last published at: digest build writes this file; keep it\n"
    "# in git. When a page's address changes (a new slug, date or language), every build warns\n"
    "# until the old address is in the page's `aliases:` (which keeps it, leading to the page)\n"
    "# or the page's line here is deleted (which lets it go: it then finds the not-found page).\n"
    "# One line a page: its translation_key, a tab, and its address.\n"
)
_ADDRESS = re.compile(r"/[A-Za-z0-9_~-][A-Za-z0-9._~-]*/(?:[A-Za-z0-9_~-][A-Za-z0-9._~-]*/)+")
_NEEDS_QUOTES = re.compile(r'[\t\n\r\\]|^["#]')

Identity = tuple[str, str]
"""(translation_key, language): one page, whatever its slug, date or file."""


@dataclass(frozen=True)
class Record:
    """The record as read."""

    addresses: Mapping[Identity, str]
    """Each page's address as last published."""
    problems: tuple[Diagnostic, ...] = ()
    """A located error for each line that is not an entry; while there is one, the record is
    not written (its lines would be lost)."""
    digest: str = ""
    """Of the file's bytes ("" when there is none)."""
    tidy: bool = True
    """Whether the text is the one :func:`record_text` writes for these addresses (a merge
    leaves lines out of order: the next build sorts them again)."""


@dataclass(frozen=True)
class Followed:
    """What this build says about moved pages, and what it leaves in the record."""

    diagnostics: tuple[Diagnostic, ...]
    text: str | None
    """The record's next text; None when it is the same, or must not be written (a line that is
    no entry)."""
    digest: str
    """Of the record's bytes as the build found them."""


def record_digest(config: SiteConfig) -> str:
    """The digest of the record's bytes ("" when there is none): what the state keeps, and a
    build that finds nothing else changed compares."""
    try:
        return digest((config.content_dir / RECORD_FILE).read_bytes())
    except OSError:
        return ""


def read_record(config: SiteConfig) -> Record:
    """The project's record; an empty one when there is none yet."""
    path = config.content_dir / RECORD_FILE
    where = config.relative(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Record({})
    except OSError as exc:
        return Record({}, (error(where, None, "address-record",
                                 f"could not be read ({exc.strerror}); it is not rewritten"),))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return Record({}, (error(where, None, "address-record",
                                 "not UTF-8: restore it from git, or delete it"),), digest(data))
    return parse_record(text, where, digest(data))


def parse_record(text: str, where: str, data_digest: str = "") -> Record:
    """The entries of a record's ``text``; ``where`` names the file in diagnostics."""
    addresses: dict[Identity, str] = {}
    lines: dict[Identity, int] = {}
    problems = []
    tidy = text.startswith(HEADER) and text.endswith("\n")
    header = HEADER.count("\n")
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            tidy = tidy and number <= header
            continue
        key_text, tab, address = line.rpartition("\t")
        key = _key(key_text) if tab else None
        if key is None or not _ADDRESS.fullmatch(address):
            problems.append(error(where, number, "address-record",
                                  "not a translation_key and an address separated by a tab "
                                  "(a merge conflict left in it?): fix the line or delete it"))
            continue
        identity = (key, address.split("/")[1])
        tidy = tidy and (not addresses or identity > next(reversed(addresses)))
        if identity in lines:
            problems.append(error(where, number, "address-record",
                                  f"lists the '{identity[1]}' page of {key!r} again (line "
                                  f"{lines[identity]}; a merge keeps both sides' lines): "
                                  f"keep the one of the address readers know"))
            continue
        addresses[identity], lines[identity] = address, number
    return Record(addresses, tuple(problems), data_digest, tidy)


def follow(record: Record, config: SiteConfig, read: Iterable[Article], model: SiteModel,
           any_failed: bool) -> Followed:
    """The ``url-changed`` warnings of the pages ``model`` publishes, and the record's next text.

    ``read`` are every article read (drafts included), ``any_failed`` whether a page failed to
    read: the record keeps the lines of the pages it cannot tell are gone. Linear, and a few
    milliseconds at 10,000 pages when nothing moved: the live preview runs it on every save.
    """
    recorded = record.addresses
    addresses: dict[Identity, str] = {}
    shared: set[Identity] = set()
    moved: list[tuple[Article, str]] = []
    for key, article in model.articles.items():  # in path order, as read
        if article.draft or key in model.scheduled:  # not published yet: nothing to keep
            continue
        identity = (article.translation_key, article.lang)
        if identity in addresses or identity in shared:  # translation-duplicate: not followed
            shared.add(identity)
            addresses[identity] = recorded.get(identity, "")
            continue
        old = recorded.get(identity)
        addresses[identity] = article.url
        if old is not None and old != article.url:
            moved.append((article, old))
    leads_somewhere = ({a.url for a in model.articles.values()} | set(model.aliases)
                       if moved else set())
    diagnostics = []
    for article, old in moved:
        identity = (article.translation_key, article.lang)
        if identity not in shared and old not in leads_somewhere:
            addresses[identity] = old  # until the editor keeps it or lets it go
            diagnostics.append(_moved(article, old, config))
    unpublished = recorded.keys() - addresses.keys()
    if unpublished:  # a draft keeps its line; a page gone is forgotten once every page read
        known = {(a.translation_key, a.lang) for a in read} if not any_failed else unpublished
        addresses.update((identity, recorded[identity]) for identity in unpublished
                         if identity in known)
    addresses = {identity: address for identity, address in addresses.items() if address}
    unchanged = addresses == recorded and record.tidy
    text = None if record.problems or unchanged else record_text(addresses)
    return Followed((*record.problems, *diagnostics), text, record.digest)


def _moved(article: Article, old: str, config: SiteConfig) -> Diagnostic:
    lines = article.key_lines
    line = lines.get("aliases") or lines.get("translation_key") or 1
    keep = ", ".join([*article.aliases, old])
    return warning(article.path, line, "url-changed",
                   f"the page moved from {old} to {article.url}: links to the old address "
                   f"now find nothing. To keep it, write 'aliases: [{keep}]'; to let it go, "
                   f"delete the line of {_key_text(article.translation_key)} ({old}) in "
                   f"{config.relative(config.content_dir / RECORD_FILE)}")


def record_text(addresses: Mapping[Identity, str]) -> str:
    """The record's text: the header, then one line a page, by key and language."""
    lines = [f"{_key_text(key)}\t{addresses[(key, lang)]}\n"
             for key, lang in sorted(addresses)]
    return HEADER + "".join(lines)


def keep_record(config: SiteConfig, followed: Followed) -> str:
    """Write the record when its text changed (atomically); the digest of its bytes now.

    Never from a site with drafts in it (the live preview's), which is not one to publish: a page
    made and renamed while previewing was never published at its first address, and the
    preview's own writing in ``content/`` would be a save the preview builds for again."""
    if followed.text is None or config.drafts:
        return followed.digest
    data = followed.text.encode("utf-8")
    if digest(data) == followed.digest:
        return followed.digest
    write_atomically(config.content_dir / RECORD_FILE, data, config.scratch_dir)
    return digest(data)


def _key_text(key: str) -> str:
    return json.dumps(key, ensure_ascii=False) if _NEEDS_QUOTES.search(key) else key


def _key(text: str) -> str | None:
    if not text.startswith('"'):
        return text or None
    try:
        key = json.loads(text)
    except ValueError:
        return None
    return key if isinstance(key, str) and key else None
