"""Facts a source's text lacks, given by the editor: sidecars and folder files -> one mapping.

    content/sources/<folder>/folder.meta.yaml   facts for every source in the folder and below:
        defaults: {date: 2021-07-25, outlet: tass}
        sources:                                   # per file name, in this folder
          a.txt: {translation_key: visit-1, translated_from: ru}
    content/sources/<folder>/<name>.meta.yaml   facts for one source

The nearer file wins: a source's own sidecar, then its entry under ``sources:``, then the
``defaults:`` of its folder, then those of the folders above it. Every file is validated
against :data:`FACT_TYPES`, and a mistake is an error located in that file (the source it
would have applied to is not ingested; the others are).
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from builder.config import SiteConfig
from builder.diagnostics import Diagnostic, error, warning
from builder.formats.fields import FIRST_YEAR, iso_date, iso_datetime
from builder.ingest.assemble import IngestError
from builder.util.files import OUTSIDE_PROJECT, links_outside
from builder.util.yamlcore import YamlError, key_lines, load, quote_hint

SIDECAR_SUFFIX = ".meta.yaml"
FOLDER_FILE = "folder" + SIDECAR_SUFFIX
FACT_TYPES: Mapping[str, type] = {
    "year": int, "date": dt.date, "published": dt.datetime, "title": str, "lang": str,
    "outlet": str, "place": str, "url": str, "translation_key": str, "translated_from": str,
    "summary": str, "topics": list, "news": bool,
}
"""Every fact a sidecar may give, with its YAML type."""


def facts_for(path: Path, config: SiteConfig, sidecar: Path | None = None) -> Mapping[str, Any]:
    """The merged facts for the source at ``path`` (inside ``content/``).

    ``sidecar`` is the source's own sidecar when it is not beside ``path`` yet: that of a file
    from outside the project, which its copy into ``content/sources/`` brings along (a dry run
    takes the facts the copy would have without making it).
    """
    facts: dict[str, Any] = {}
    top = config.sources_dir if path.is_relative_to(config.sources_dir) else path.parent
    folders = [top, *(top / part for part in _cumulative(path.parent.relative_to(top).parts))]
    for folder in folders:
        folder_file = folder / FOLDER_FILE
        if not folder_file.is_file():
            continue
        data, text = _read(folder_file, config)
        rel = config.relative(folder_file)
        _check_keys(data, {"defaults", "sources"}, rel, _located(text))
        facts.update(validate(data.get("defaults") or {}, rel, config,
                              _located(text, ("defaults",))))
        if folder == path.parent:
            entries = data.get("sources") or {}
            if not isinstance(entries, dict):
                raise IngestError(error(rel, _located(text)("sources"), "sidecar-type",
                                        "'sources' must map file names to their facts"))
            facts.update(validate(entries.get(path.name) or {}, rel, config,
                                  _located(text, ("sources", path.name))))
    sidecar = sidecar or path.with_name(path.name + SIDECAR_SUFFIX)
    if os.path.isfile(sidecar):  # False, not an error, when the name would be too long
        data, text = _read(sidecar, config)
        facts.update(validate(data, config.relative(sidecar), config, _located(text)))
    return facts


def unmatched_entries(folder: Path, config: SiteConfig) -> list[Diagnostic]:
    """A warning for each entry under ``sources:`` in ``folder``'s folder file that names no
    file of the folder: a misspelt name ("a.tx") gives its facts to nothing, and the source it
    meant goes without them (no date: skipped; no key: unpaired) with no word of why. A folder
    file that cannot be read is said by the sources that use it, not here."""
    folder_file = folder / FOLDER_FILE
    if not folder_file.is_file():
        return []
    try:
        data, text = _read(folder_file, config)
    except IngestError:
        return []
    entries = data.get("sources") if isinstance(data, dict) else None
    if not isinstance(entries, dict):
        return []
    names = sorted(entry.name for entry in os.scandir(folder) if entry.is_file()
                   and not entry.name.endswith(SIDECAR_SUFFIX))
    line_of = _located(text, ("sources",))
    problems = []
    for name in map(str, entries):
        if name in names:
            continue
        near = difflib.get_close_matches(name, names, n=1, cutoff=0.8)
        problems.append(warning(config.relative(folder_file), line_of(name), "sidecar-unmatched", (
            f"'{name}' under 'sources' names no file in {config.relative(folder)}"
            + (f": did you mean '{near[0]}'?" if near else "; its facts apply to nothing"))))
    return problems


LineOf = Callable[[str], "int | None"]
"""The line of a key in the file being validated (None: not known)."""


def validate(data: Any, rel: str, config: SiteConfig,
             line_of: LineOf = lambda key: None) -> Mapping[str, Any]:
    """``data`` if every key is a known fact of the right type; IngestError, located at the
    key's line, otherwise."""
    if not isinstance(data, dict):
        raise IngestError(error(rel, None, "sidecar-type",
                                "facts must be a mapping of keys to values"))
    _check_keys(data, set(FACT_TYPES), rel, line_of)
    data = {key: _fact(key, value, rel, line_of(key)) for key, value in data.items()}
    if key_error := next((k for k in ("lang", "translated_from")
                          if k in data and data[k] not in config.languages), None):
        raise IngestError(error(rel, line_of(key_error), "sidecar-value",
                                f"{key_error} '{data[key_error]}' is not one of "
                                f"{', '.join(config.languages)}"))
    if not all(isinstance(topic, str) for topic in data.get("topics", ())):
        raise IngestError(error(rel, line_of("topics"), "sidecar-type",
                                "'topics' must be a list of topic keys"))
    return data


def _located(text: str, at: tuple[str, ...] = ()) -> LineOf:
    """The line of a key under ``at`` in ``text``, found only when an error asks."""
    lines = functools.cache(lambda: key_lines(text))
    return lambda key: lines().get((*at, key))


def _fact(key: str, value: Any, rel: str, line: int | None) -> Any:
    """``value`` as the fact ``key`` is: dates and times are written as ISO 8601 text (YAML 1.2,
    as editors' tools read it, has no date type)."""
    kind = FACT_TYPES[key]
    if isinstance(value, str) and kind in (dt.date, dt.datetime):
        parsed = (iso_date if kind is dt.date else iso_datetime)(value)
        if parsed is not None:
            _check_year(key, parsed.year, rel, line)
            return parsed
    elif isinstance(value, kind) and (kind is bool or not isinstance(value, bool)):
        if key == "year":
            _check_year(key, value, rel, line)
        return value
    raise IngestError(error(rel, line, "sidecar-type",
                            f"'{key}' must be {_describe(kind)}, not {_shown(value)}"))


def _check_year(key: str, year: int, rel: str, line: int | None) -> None:
    """A year a page can have (as its front matter is checked): else a located error, not a
    page that no build could read."""
    if not FIRST_YEAR <= year <= dt.MAXYEAR:
        raise IngestError(error(rel, line, "sidecar-value",
                                f"'{key}' must be in a year from {FIRST_YEAR} to {dt.MAXYEAR}, "
                                f"not {_shown(year)}"))


def _shown(value: Any, longest: int = 60) -> str:
    """``value`` as a message quotes it: cut short, as a value can be long."""
    text = repr(value)
    return text if len(text) <= longest else text[:longest] + "…"


def _read(path: Path, config: SiteConfig) -> tuple[Any, str]:
    """The file's facts (a mapping when it is well made), and its text."""
    rel = config.relative(path)
    if links_outside(path, config.root):  # its facts would reach a page
        raise IngestError(error(rel, None, "file-outside-project", OUTSIDE_PROJECT))
    try:
        text = path.read_text(encoding="utf-8-sig")
        return load(text)[0] or {}, text
    except YamlError as exc:
        raise IngestError(error(rel, exc.line, "sidecar-syntax",
                                f"not valid YAML: {exc}{quote_hint(text, exc)}")) from None
    except UnicodeDecodeError as exc:
        raise IngestError(error(rel, None, "sidecar-encoding", "not UTF-8")) from exc


def _check_keys(data: Any, known: set[str], rel: str, line_of: LineOf) -> None:
    if not isinstance(data, dict):
        raise IngestError(error(rel, 1, "sidecar-type", "must be a mapping of keys to values"))
    for key in data:
        if key not in known:
            raise IngestError(error(rel, line_of(str(key)), "sidecar-key",
                                    f"unknown key '{key}' (known: {', '.join(sorted(known))})"))


def _cumulative(parts: tuple[str, ...]) -> list[Path]:
    return [Path(*parts[:index]) for index in range(1, len(parts) + 1)]


def _describe(kind: type) -> str:
    return {dt.date: "a date like 2020-04-17", dt.datetime: "a date-time like "
            "2020-04-21 14:27:00+03:00", int: "a whole number", str: "text",
            list: "a list", bool: "true or false"}[kind]
