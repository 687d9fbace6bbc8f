"""A Markdown source's front matter -> the facts ingest takes, what the page keeps, what is left out.

Markdown collected by editors often comes from another site generator, with its front matter:
Jekyll's and Hugo's keys (``layout``, ``author``, ``tags``, ``url``, ``draft``), in YAML between
``---`` lines or in TOML between ``+++`` lines (Hugo's and Zola's other form; its dates are
read as the text YAML gives them). In: the decoded
file. Out: a :class:`MarkdownSource`: the facts under the sidecar's keys and types
(:data:`~builder.ingest.sidecar.FACT_TYPES`; ``source_url`` becomes ``url``), the keys the
page keeps, the keys left out (each said at its line), and the body with the line it starts
on. Broken YAML raises :class:`~builder.formats.frontmatter.FrontMatterError` with its line.

Nothing is lost that a page could hold: a key no page field names is kept in the page for
templates, as a page keeps its own; a draft stays a draft (Hugo's and Zola's ``draft: true``,
Jekyll's ``published: false``), so a source its site never published is not published here.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from builder.formats import frontmatter
from builder.formats.fields import FIELD_BY_KEY, iso_date, iso_datetime
from builder.ingest.sidecar import FACT_TYPES

TOML_DELIMITER = "+++"
_TOML_KEY = re.compile(r"\s*(?P<key>[A-Za-z0-9_-]+)\s*=")
_TOML_TABLE = re.compile(r"\s*\[")
_TOML_ERROR_LINE = re.compile(r"at line (\d+)")
URL_ALIASES = ("source_url", "url", "source")
"""Front-matter keys that give the source's URL (``url`` in meta); the first usable one wins
(``source`` is a web clipper's, Obsidian's: the address of the page it clipped)."""


@dataclass(frozen=True)
class MarkdownSource:
    """A Markdown source split into what ingest can use."""

    meta: Mapping[str, Any]
    """Front-matter facts under the sidecar's keys, each of the sidecar's type."""
    kept: tuple[tuple[str, Any], ...]
    """Keys no page field nor fact names, with their values: the page keeps them."""
    ignored: tuple[str, ...]
    """Keys left out: a field ingest does not take, or of a type it cannot (``url: /x/``)."""
    body: str
    """The Markdown after the front matter (the whole text when there is none)."""
    body_line: int
    """1-based line of the body's first line in the file."""
    key_lines: Mapping[str, int] = field(default_factory=dict)
    """Front-matter key -> 1-based line in the file, to locate a warning about an ignored key."""


def split(text: str) -> MarkdownSource:
    """Front matter and body of a Markdown source; raises FrontMatterError for broken YAML."""
    page = _toml(text) if text.lstrip("\ufeff").startswith(TOML_DELIMITER) else \
        frontmatter.parse(text)
    meta: dict[str, Any] = {}
    kept: list[tuple[str, Any]] = []
    ignored: list[str] = []
    for key, value in page.data.items():
        name = "url" if key in URL_ALIASES else key
        fact = _fact(name, value) if isinstance(name, str) and name not in meta else None
        if fact is not None:
            meta[name] = fact
        elif (draft := _draft(key, value)) is not None:
            kept.append(("draft", draft))
        elif isinstance(key, str) and key not in FACT_TYPES and key not in FIELD_BY_KEY:
            kept.append((key, value))
        else:
            ignored.append(str(key))
    return MarkdownSource(meta, (*kept,), (*ignored,), page.body, page.body_line, page.key_lines)


def _fact(name: str, value: Any) -> Any | None:
    """``value`` as the sidecar would hold it under ``name``, or None when it cannot be."""
    kind = FACT_TYPES.get(name)
    if kind is None or value is None or isinstance(value, bool):
        return None
    if name == "date":
        return _as_date(value)
    if name == "published":
        return iso_datetime(value) if isinstance(value, str) else None
    if name == "topics":
        topics = [value] if isinstance(value, str) else value
        usable = isinstance(topics, list) and all(isinstance(t, str) for t in topics)
        return topics if usable else None
    if name == "url":  # Hugo's and Jekyll's ``url`` is the page's own path, not a source
        usable = isinstance(value, str) and value.lower().startswith(("http://", "https://"))
        return value if usable else None
    return value if isinstance(value, kind) else None


def _as_date(value: Any) -> dt.date | None:
    """The day an ISO date, or date and time, gives (Jekyll: ``date: 2020-04-17 10:00:00``)."""
    if not isinstance(value, str):
        return None
    moment = iso_datetime(value)
    return moment.date() if moment is not None else iso_date(value)


def _draft(key: object, value: Any) -> bool | None:
    """Whether the source is a draft, if ``key`` says so (None: it does not say)."""
    if key == "draft" and isinstance(value, bool):
        return value
    return True if key == "published" and value is False else None  # Jekyll's unpublished


def _toml(text: str) -> frontmatter.ParsedPage:
    """TOML front matter between ``+++`` lines, its values as YAML front matter gives them (a
    date as its ISO text), each top-level key with its line."""
    lines = text.splitlines(keepends=True)
    end = next((number for number in range(1, len(lines))
                if lines[number].rstrip() == TOML_DELIMITER), None)
    if end is None:
        raise frontmatter.FrontMatterError(
            f"front matter opened with '{TOML_DELIMITER}' on line 1 is never closed", 1)
    try:
        data = tomllib.loads("".join(lines[1:end]))
    except tomllib.TOMLDecodeError as exc:
        at = _TOML_ERROR_LINE.search(str(exc))
        raise frontmatter.FrontMatterError(f"front matter is not valid TOML: {exc}",
                                           int(at[1]) + 1 if at else 1) from None
    key_lines: dict[str, int] = {}
    for number, line in enumerate(lines[1:end], start=2):
        if _TOML_TABLE.match(line):
            break  # the keys after a table's header are the table's
        if key := _TOML_KEY.match(line):
            key_lines.setdefault(key["key"], number)
    return frontmatter.ParsedPage(_as_text(data), key_lines, "".join(lines[end + 1:]), end + 2)


def _as_text(value: Any) -> Any:
    """``value`` with TOML's dates and times as ISO text, as YAML 1.2 reads them."""
    if isinstance(value, (dt.date, dt.time)):  # a datetime is a date
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _as_text(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_text(item) for item in value]
    return value
