"""YAML as the editors' tools read it: the 1.2 core schema, one document, no aliases, no key
given twice; every mistake a :class:`YamlError` with its line.

Why not PyYAML's own loaders: they read YAML 1.1, where ``10:30`` is 630, ``010`` is 8, ``yes``
is True and ``2020-04-17`` a date, while the front matter's JSON Schema and every editor's YAML
language server read 1.2, where they are text, 10, text and text. They let a key be given
twice, the last silently winning. And they expand aliases: a 400-byte document of nested
aliases grows until memory runs out, and ``&a [1, *a]`` recurses without end. A page, a sidecar
or a list of topics has no use for aliases, so the first one is refused where it is.

libyaml (through PyYAML, or PyYAML's own parser where it was built without it) still scans,
parses and composes the document, in C, and limits its nesting; only the tags of plain values
(:func:`_resolve`) and the values themselves (:func:`_value`) are made here. Values are plain
Python: dict, list, str, int, float, bool, None. Dates stay text: the fields that hold one read
it as ISO 8601 (:mod:`builder.formats.fields`).
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

import yaml

try:
    from yaml.cyaml import CParser as _Parser  # libyaml's scanner, parser and composer
except ImportError:  # PyYAML built without libyaml: its own, ten times slower
    class _Parser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser,  # type: ignore
                  yaml.composer.Composer):
        def __init__(self, stream: str):
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)


class _Composer(_Parser):  # type: ignore[misc, valid-type]
    """Nodes of one document, each tagged by the 1.2 core schema (:func:`_resolve`, which the
    composer asks for every value without an explicit tag)."""

    def resolve(self, kind: type, value: str | None, implicit: tuple[bool, bool]) -> str:
        return _resolve(kind, value or "", implicit)

    def descend_resolver(self, *_: object) -> None:  # no path-dependent tags here
        pass

    def ascend_resolver(self, *_: object) -> None:
        pass


TAG = "tag:yaml.org,2002:"
NULL, BOOL, INT, FLOAT, STR, SEQ, MAP = (TAG + name for name in (
    "null", "bool", "int", "float", "str", "seq", "map"))
_CORE = (  # the 1.2 core schema's plain scalars, in its order
    (NULL, re.compile(r"~|null|Null|NULL|")),
    (BOOL, re.compile(r"true|True|TRUE|false|False|FALSE")),
    (INT, re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")),
    (FLOAT, re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?"
                       r"|[-+]?\.(inf|Inf|INF)|\.nan|\.NaN|\.NAN")),
)
MAX_DEPTH = 50
"""Nesting no front matter or list of topics needs (a page has three levels at most)."""
MAX_INT_BITS = 1024
"""A bound no number of a page or a list needs (a 309-digit number): Python cannot even print
one of more than 4,300 digits, which ``0x`` and ``0o`` numbers reach without that limit."""


LONGEST_QUOTED = 120
"""The longest value a message writes out quoted as the fix (a title is shorter)."""


class YamlError(ValueError):
    """The document is not YAML this builder reads; ``line`` is 1-based in the YAML text."""

    def __init__(self, message: str, line: int | None, quotable: bool = True):
        super().__init__(message)
        self.line = line
        self.quotable = quotable
        """Whether quoting the value on ``line`` may be the fix (not for a list left open)."""


def load(text: str) -> tuple[Any, dict[str, int]]:
    """The value of the one YAML document in ``text`` (None when it is empty), and the line
    (1-based) of each key of its top mapping."""
    composer = _Composer(text)
    try:
        node = composer.get_single_node()
    except yaml.MarkedYAMLError as exc:
        if exc.context_mark is not None and re.search(r"flow (?:sequence|mapping)",
                                                       exc.context or ""):
            # "[covid-19, csto" is found unclosed only on a later line: name the one it opens on
            raise YamlError("a list ('[') or mapping ('{') opened on this line is not closed "
                            "with ']' or '}'", exc.context_mark.line + 1, False) from None
        if exc.context_mark is not None and "simple key" in (exc.context or "") and \
                "expected ':'" in (exc.problem or ""):
            # "lang ru" is found keyless only on the next line: name the one that lacks it
            raise YamlError("this line has no ':' after its key: write it as 'key: value'",
                            exc.context_mark.line + 1, False) from None
        mark = exc.problem_mark or exc.context_mark
        if mark is not None and (opened := _unclosed_quote(text, mark.line + 1)) is not None:
            # 'title: "В пекарне…' closed by the next quote, lines later: the fault is here
            raise YamlError("a quote opened on this line is not closed: end the value with the "
                            "same quote", opened, False) from None
        raise YamlError(_problem(exc), mark.line + 1 if mark else None) from None
    except (yaml.YAMLError, RecursionError) as exc:
        raise YamlError(_problem(exc), None) from None
    finally:
        if hasattr(composer, "dispose"):
            composer.dispose()
    if node is None:
        return None, {}
    value = _value(node, set(), 0)
    if not isinstance(node, yaml.MappingNode):
        return value, {}
    # Each key as written (`1_000`) and as read (`None` for `null`): the keys are unique.
    lines = {str(key.value): key.start_mark.line + 1 for key, _ in node.value}
    for key, (written, _) in zip(value, node.value):
        lines.setdefault(str(key), written.start_mark.line + 1)
    return value, lines


_QUOTED_VALUE = re.compile(r"""^\s*(?:-\s+)?[^\s:#'"][^:#]*:\s+(?P<quote>["'])(?P<rest>.*)$""")


def _unclosed_quote(text: str, last: int) -> int | None:
    """The first line up to ``last`` (1-based) whose value opens a quote its line does not
    close, if any: where YAML goes wrong, however far on it notices."""
    for number, line in enumerate(text.split("\n")[:last], 1):
        if (value := _QUOTED_VALUE.match(line)) is None:
            continue
        rest = value["rest"].rstrip()
        if value["quote"] == '"':
            closed = re.search(r'(?<!\\)(?:\\\\)*"(?:\s+#.*)?$', rest) is not None
        else:
            closed = re.search(r"(?<!')(?:'')*'(?:\s+#.*)?$", rest) is not None
        if not closed:
            return number
    return None


def key_lines(text: str) -> dict[tuple[str, ...], int]:
    """The line of every key of the mappings in ``text``, at any depth, by its path of keys
    (``("defaults", "date")``), for a problem found in a value after :func:`load` read it; {}
    when ``text`` is not YAML :func:`load` reads."""
    try:
        load(text)
    except YamlError:
        return {}
    composer = _Composer(text)
    try:
        node = composer.get_single_node()
    finally:
        if hasattr(composer, "dispose"):
            composer.dispose()
    found: dict[tuple[str, ...], int] = {}
    pending: list[tuple[tuple[str, ...], Any]] = [((), node)]
    while pending:
        path, node = pending.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                found[(*path, str(key.value))] = key.start_mark.line + 1
                pending.append(((*path, str(key.value)), value))
    return found


_PLAIN_ENTRY = re.compile(r"\s*([A-Za-z_][\w-]*):[ \t]+([^\s\"'].*?)\s*")


def quote_hint(text: str, problem: YamlError) -> str:
    """The usual fix for ``problem`` in ``text``, when its line is ``key: value`` with the value
    unquoted: a value holding ": " or " #", or starting with a character YAML reads as syntax
    (``[Draft]``, ``*``, ``@``, ``%``), must be quoted; "" for any other."""
    line = problem.line if problem.quotable else None
    lines = text.split("\n")
    entry = _PLAIN_ENTRY.fullmatch(lines[line - 1]) if line and line <= len(lines) else None
    if entry is None:
        return ""
    key, value = entry.groups()
    if len(value) > LONGEST_QUOTED:  # the line itself is the place to see it
        return f"; if the value of '{key}' is text, put it in double quotes"
    return f"; if the value is text, quote it: {key}: {json.dumps(value, ensure_ascii=False)}"


def plain_is_text(text: str) -> bool:
    """Whether ``text``, written as a plain (unquoted) value, reads back as this text: what the
    front matter's writer asks before leaving it unquoted (PyYAML's writer knows 1.1 only,
    where ``0o17`` and ``1e3`` are text)."""
    return _resolve(yaml.ScalarNode, text, (True, False)) == STR


def _resolve(kind: type, value: str, implicit: tuple[bool, bool]) -> str:
    if kind is yaml.ScalarNode:
        if implicit[0]:  # plain: its form decides
            return next((tag for tag, pattern in _CORE if pattern.fullmatch(value)), STR)
        return STR  # quoted, literal or folded: text
    return SEQ if kind is yaml.SequenceNode else MAP


def _value(node: yaml.Node, seen: set[int], depth: int) -> Any:
    """The value of ``node``: an alias (a node met again, here or above) or a key given twice
    is refused where it is."""
    line = node.start_mark.line + 1
    if id(node) in seen:
        raise YamlError("an alias (*) repeats the value anchored (&) here; write the value "
                        "itself where it is needed", line)
    if depth > MAX_DEPTH:
        raise YamlError(f"nested more than {MAX_DEPTH} levels deep", line)
    seen.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node.tag, node.value, line)
    if isinstance(node, yaml.SequenceNode) and node.tag == SEQ:
        return [_value(item, seen, depth + 1) for item in node.value]
    if isinstance(node, yaml.MappingNode) and node.tag == MAP:
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _value(key_node, seen, depth + 1)
            if isinstance(key, (dict, list)):
                raise YamlError("a key must be a plain value, not a list or mapping",
                                key_node.start_mark.line + 1)
            if key in mapping:
                raise YamlError(f"the key {key!r} is given twice",
                                key_node.start_mark.line + 1, quotable=False)
            mapping[key] = _value(value_node, seen, depth + 1)
        return mapping
    raise YamlError(f"the tag {node.tag} is not one this builder reads", line)


def _scalar(tag: str, text: str, line: int) -> Any:
    if tag not in (STR, NULL, BOOL, INT, FLOAT):
        raise YamlError(f"the tag {tag} is not one this builder reads", line)
    if tag == STR:
        return text
    if tag == NULL and _CORE[0][1].fullmatch(text):
        return None
    if tag == BOOL and _CORE[1][1].fullmatch(text):
        return text.lower() == "true"
    if tag == INT and _CORE[2][1].fullmatch(text):
        try:
            number = int(text, 8 if text.startswith("0o") else 16 if text.startswith("0x") else 10)
        except ValueError:  # more digits than Python turns into a number
            number = None
        if number is None or number.bit_length() > MAX_INT_BITS:
            raise YamlError("a number with more digits than any value needs", line)
        return number
    if tag == FLOAT and _CORE[3][1].fullmatch(text):
        lowered = text.lower()
        if lowered.endswith("nan"):
            return math.nan
        if lowered.endswith("inf"):
            return -math.inf if lowered.startswith("-") else math.inf
        number = float(text)
        if math.isinf(number):  # 1e999999: written as a number, read as "inf"
            raise YamlError("a number larger than any value needs", line)
        return number
    raise YamlError(f"{text!r} is not a value of the tag {tag}", line)


def _problem(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    problem = getattr(exc, "problem", None)
    return str(problem) if problem else str(exc).splitlines()[0]
