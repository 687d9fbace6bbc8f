"""Split a Markdown page into YAML front matter and body, and write front matter back.

Pages start with ``---``, a YAML mapping, and ``---`` (Jekyll and Hugo's format). The YAML is
read as editors' tools read it (:mod:`builder.util.yamlcore`: 1.2, no aliases, no key given
twice). Parsing keeps the line of every top-level key so that a wrong type is reported at its
own line, and dumping is deterministic (fixed key order, no line wrapping) so that ingest
output is reproducible, and reads back as it was written.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from builder.formats.fields import KEY_ORDER
from builder.util.yamlcore import YamlError, load, plain_is_text, quote_hint

DELIMITER = "---"


class FrontMatterError(ValueError):
    """The page's front matter is not a YAML mapping; ``line`` is 1-based in the file."""

    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class ParsedPage:
    data: Mapping[str, Any]
    key_lines: Mapping[str, int]
    """Top-level key -> 1-based line in the file, for located diagnostics."""
    body: str
    body_line: int


def parse(text: str) -> ParsedPage:
    """Parse a page; a page without front matter is all body (data is empty)."""
    lines, end = _split(text)
    if end is None:
        return ParsedPage({}, {}, text, 1)
    try:
        data, yaml_lines = load("".join(lines[1:end]))
    except YamlError as exc:  # its lines count from the one after the opening ---
        raise FrontMatterError(f"front matter is not valid YAML: {exc}"
                               f"{quote_hint(''.join(lines[1:end]), exc)}",
                               exc.line + 1 if exc.line is not None else 1) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FrontMatterError("front matter must be a mapping of keys to values", 2)
    key_lines = {key: line + 1 for key, line in yaml_lines.items()}
    body = "".join(lines[end + 1:])
    return ParsedPage(data, key_lines, body, end + 2)


def split_body(text: str) -> str:
    """The body :func:`parse` finds in ``text``, without reading the front matter's YAML (for a
    page known to be valid: its body is read again when its page is rendered)."""
    lines, end = _split(text)
    return text if end is None else "".join(lines[end + 1:])


def _split(text: str) -> tuple[list[str], int | None]:
    """The page's lines, and the index of the line closing its front matter (None: it has
    none)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != DELIMITER:
        return lines, None
    for index in range(1, len(lines)):
        if lines[index].rstrip() == DELIMITER:  # at the line's start: an indented one is YAML's
            return lines, index
    raise FrontMatterError("front matter opened with '---' on line 1 is never closed", 1)


def dump(data: Mapping[str, Any], body: str, comment: str = "") -> str:
    """The page text for ``data`` and ``body``: known keys in KEY_ORDER, then the rest sorted;
    ``comment`` (a ``# …`` line, such as the one naming the schema) first."""
    ordered = {key: data[key] for key in KEY_ORDER if key in data}
    ordered.update({key: data[key] for key in sorted(data) if key not in ordered})
    yaml_text = yaml.dump(ordered, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                          width=10_000, default_flow_style=None)
    first = f"{comment}\n" if comment else ""
    return f"{DELIMITER}\n{first}{yaml_text}{DELIMITER}\n\n{body.strip()}\n"


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper, but text holding a line break YAML reads as such (U+0085, U+2028,
    U+2029) is double-quoted, where it is escaped (``\\N``): written bare, a reader folds it into
    a space, and a page would not read back as it was written; and text that YAML 1.2 would read
    as something else (``0o17``, ``1e3``: PyYAML writes 1.1) is quoted."""


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    if any(mark in text for mark in "\x85\u2028\u2029"):
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style='"')
    if not plain_is_text(text):  # YAML 1.2 would read it as a number, a boolean or null
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="'")
    return dumper.represent_str(text)


_Dumper.add_representer(str, _represent_text)
