"""An accepted suggestion -> the two pages linked by one ``translation_key``, and nothing else.

In: the site's config and a :class:`~builder.pairing.model.Suggestion` (optionally which
version is the original). Out: the Markdown files changed, each rewritten with only its
``translation_key`` (and ``translated_from``) front-matter line changed or inserted, every
other byte, line endings and comments included, as the editor left it.

Why so careful: these are the editor's own files. Both pages are checked against the
suggestion before either is written (:class:`StaleSuggestion` when one changed since), and
each is replaced atomically, so a page is always either the old one or the new one.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from builder.config import SiteConfig
from builder.formats.frontmatter import FrontMatterError, parse
from builder.pairing.model import ENGLISH, RUSSIAN, PageRef, Suggestion
from builder.util.files import write_atomically
from builder.util.yamlcore import YamlError, load


class StaleSuggestion(ValueError):
    """A page changed since the suggestion was made (its key or language), or is unreadable."""


def accept(config: SiteConfig, suggestion: Suggestion, original: str | None = None) -> list[Path]:
    """Link the two pages of ``suggestion``; return the files changed.

    The English page keeps its ``translation_key`` (written into it too when it had none and
    used the default); the Russian page gets the same. ``original`` (``"en"`` or ``"ru"``), when
    the editor knows which version is the original, also sets ``translated_from`` on the other
    one; by default it is not set. Only those lines of the front matter change: every other
    byte of both files stays as the editor left it. Both files are checked before either is
    written, and each is replaced atomically.
    """
    if original not in (None, ENGLISH, RUSSIAN):
        raise ValueError(f"original must be '{ENGLISH}' or '{RUSSIAN}', not {original!r}")
    key = suggestion.english.translation_key
    edits = []
    for ref, lang in ((suggestion.english, ENGLISH), (suggestion.russian, RUSSIAN)):
        path = config.root / ref.path
        mark, text = _read_page(path)
        data = _front_matter(text, path)
        _check_unchanged(data, ref, key, lang, path)
        new = text
        if str(data.get("translation_key") or "").strip() != key:
            new = set_front_matter_line(new, "translation_key", key, after=("outlet", "lang"))
        if original is not None and original != lang and data.get("translated_from") != original:
            new = set_front_matter_line(new, "translated_from", original,
                                        after=("translation_key",))
        if new != text:
            edits.append((path, mark + new.encode("utf-8")))
    for path, data in edits:
        write_atomically(path, data, config.scratch_dir)
    return [path for path, _ in edits]


def _read_page(path: Path) -> tuple[bytes, str]:
    """The page's byte-order mark (kept as it was: empty for most pages) and its text."""
    try:
        data = path.read_bytes()
        mark = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
        return mark, data[len(mark):].decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise StaleSuggestion(f"{path}: cannot read the page ({exc})") from exc


def _front_matter(text: str, path: Path) -> Mapping[str, object]:
    try:
        data = parse(text).data
    except FrontMatterError as exc:
        raise StaleSuggestion(f"{path}:{exc.line}: {exc}") from exc
    if not data:
        raise StaleSuggestion(f"{path}: the page has no front matter")
    return data


def _check_unchanged(data: Mapping[str, object], ref: PageRef, key: str, lang: str,
                     path: Path) -> None:
    """Raise StaleSuggestion unless the page still has the key it was suggested with (or the
    shared key: accepting twice is harmless) and its language."""
    declared = data.get("translation_key")
    if declared is not None and str(declared).strip() not in (ref.translation_key, key):
        raise StaleSuggestion(f"{path}: translation_key is now '{declared}', not "
                              f"'{ref.translation_key}'; run the suggestions again")
    if data.get("lang") not in (None, lang):
        raise StaleSuggestion(f"{path}: lang is now '{data.get('lang')}', not '{lang}'")


def set_front_matter_line(text: str, key: str, value: str, after: Sequence[str] = ()) -> str:
    """``text`` with the value of the top-level ``key`` of its front matter replaced (with any
    indented continuation lines; the spacing after the colon and a comment ending the line are
    kept), or a ``key: value`` line inserted after the entry of the first key of ``after``
    present (else just before the closing ``---``). Nothing else changes, line endings
    included."""
    lines = text.splitlines(keepends=True)
    key_lines = parse(text).key_lines
    close = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    scalar = _yaml_scalar(value)
    if key in key_lines:
        start = key_lines[key] - 1
        end = _entry_end(lines, start, key_lines.values(), close)
        old = lines[start].rstrip("\r\n")
        match = _ONE_LINE_ENTRY.match(old) if end == start + 1 else None
        line = (f"{match['head']}{scalar}{match['comment'] or ''}" if match
                else f"{key}: {scalar}")
        return "".join([*lines[:start], line + _ending(lines[start]), *lines[end:]])
    line = f"{key}: {scalar}"
    anchor = next((name for name in after if name in key_lines), None)
    at = _entry_end(lines, key_lines[anchor] - 1, key_lines.values(), close) if anchor else close
    ending = _ending(lines[at - 1])
    return "".join([*lines[:at], line + ending, *lines[at:]])


_ONE_LINE_ENTRY = re.compile(
    r"(?P<head>[^:#]+:[ \t]*)"
    r"""(?P<value>"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^#'"\s](?:[^#]*[^#\s])?)?"""
    r"(?P<comment>[ \t]+#.*|[ \t]*)$")
"""``key: value  # comment``, the value plain or quoted, the comment optional."""


def _entry_end(lines: Sequence[str], start: int, key_lines: Iterable[int], close: int) -> int:
    """The index after the last line of the top-level entry starting at ``start``: up to the
    next key (or the closing ``---``), less the blank lines and top-level comments before it,
    which belong to what follows."""
    end = min((line - 1 for line in key_lines if line - 1 > start), default=close)
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
        end -= 1
    return end


def _ending(line: str) -> str:
    stripped = line.rstrip("\r\n")
    return line[len(stripped):] or "\n"


def _yaml_scalar(value: str) -> str:
    """``value`` written so YAML reads it back as that very string (quoted only if needed)."""
    try:
        if load(f"k: {value}")[0] == {"k": value} and "#" not in value:
            return value
    except YamlError:
        pass
    return json.dumps(value, ensure_ascii=False)
