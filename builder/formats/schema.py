"""The JSON Schema of a page's front matter, made from the fields the build validates with.

In: the field table (:mod:`builder.formats.fields`) and the project's configuration (its languages,
topics and outlets). Out: a JSON Schema (draft 2020-12) as data and as the bytes of
``content/front-matter.schema.json`` (kept up to date by every build), which pages name in a ``# yaml-language-server:
$schema=…`` comment so that editors using VS Code, Neovim or JetBrains (through the YAML
language server) complete keys, topics and outlets and flag mistakes as the editor types.

Why one table: a schema written by hand beside the build's own checks would drift from them.
Every kind of field maps to one schema fragment here, which accepts exactly what the read stage
accepts; what the build only warns about (an unknown topic or outlet) the schema offers as a
completion instead of forbidding. Values are checked as a YAML 1.2 editor sees them, where an
unquoted date is a string: the patterns accept what the build's date parsing accepts.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from typing import Any

from builder.config import ARTICLES_DIR, SiteConfig
from builder.formats.aliases import schema_patterns
from builder.formats.fields import FIELDS, Field, Kind
from builder.util.files import write_atomically

SCHEMA_FILE = "front-matter.schema.json"
"""In ``content/``: beside the topics and outlets it offers."""
COMMENT_PREFIX = "# yaml-language-server: $schema="

_DATE = r"\d{4}-\d{2}-\d{2}"
_TIME = r"([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*([Zz]|[+-]\d{2}(:?\d{2})?)?)?"


def schema_path(config: SiteConfig) -> Path:
    return config.content_dir / SCHEMA_FILE


def front_matter_schema(config: SiteConfig) -> dict[str, Any]:
    """The schema of one page's front matter in this project."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Front matter of a digest page",
        "description": "Made by every 'digest build' from the fields it validates pages with;"
                       " keys it does not know are kept for templates.",
        "type": "object",
        "required": [field.key for field in FIELDS if field.required],
        "properties": {field.key: _property(field, config) for field in FIELDS},
        "additionalProperties": True,
    }


def schema_bytes(config: SiteConfig) -> bytes:
    """The schema file's bytes: sorted nowhere but stable (fields in page order), one trailing
    newline, so regenerating it changes nothing unless the configuration did."""
    return (json.dumps(front_matter_schema(config), ensure_ascii=False, indent=2) + "\n").encode()


def refresh_schema(config: SiteConfig) -> bool:
    """Write the schema file if it is missing or no longer what the configuration makes (a
    topic added, a language renamed); whether it was written. Every build calls this before it
    looks at its inputs, so the file pages name is always the build's own rules."""
    wanted, path = schema_bytes(config), schema_path(config)
    try:
        if path.read_bytes() == wanted:
            return False
    except OSError:
        pass
    try:
        write_atomically(path, wanted, config.scratch_dir)
    except OSError:  # a read-only checkout builds all the same: the schema is for editors
        return False
    return True


def schema_comment(page: str) -> str:
    """The comment line that points the YAML language server to the schema from ``page``, a
    page's path under ``content/articles/`` (``en/2020/04/x.md``)."""
    folder = posixpath.dirname(f"{ARTICLES_DIR}/{page}")
    return COMMENT_PREFIX + posixpath.relpath(SCHEMA_FILE, folder)


def _property(field: Field, config: SiteConfig) -> dict[str, Any]:
    """The schema of one field: what :class:`builder.read.validate._Fields` accepts for its kind."""
    suggestions = sorted({"topics": config.topics, "outlets": config.outlets}
                         .get(field.suggest, ()))
    name: dict[str, Any] = {"type": "string", **({"examples": suggestions} if suggestions else {})}
    match field.kind:
        case Kind.TEXT if field.required:
            kind = {"type": ["string", "number"], "minLength": 1}
        case Kind.TEXT:
            kind = {"type": ["string", "number", "null"]}
            if suggestions:
                kind["examples"] = suggestions
        case Kind.DATE:
            kind = {"type": "string", "pattern": f"^{_DATE}{_TIME}$"}
        case Kind.DATETIME:
            kind = {"type": ["string", "null"], "pattern": f"^{_DATE}{_TIME}$"}
        case Kind.LANGUAGE:
            kind = {"enum": [*config.languages, *([] if field.required else ["", None])]}
        case Kind.NAMES:
            kind = {"anyOf": [name, {"type": "array", "items": name}, {"type": "null"}]}
        case Kind.NAMES_BY_SECTION:
            kind = {"type": ["object", "null"],
                    "additionalProperties": {"type": "array", "items": name}}
        case Kind.FLAG:
            kind = {"type": ["boolean", "null"]}
        case Kind.HEADLINES:
            kind = {"type": ["array", "null"],
                    "items": {"anyOf": [{"type": "string"},
                                        {"type": "object", "required": ["title"],
                                         "properties": {"title": {"type": "string"}}}]}}
        case Kind.ADDRESSES:
            address = schema_patterns(config.languages)
            kind = {"anyOf": [address, {"type": "array", "items": address}, {"type": "null"}]}
    return {"description": field.description, **kind}
