"""builder/ imports one way, and its modules stay readable whole.

Every module of the package is parsed (nothing is imported), every import found, those under
``if TYPE_CHECKING:`` and inside functions included. A module may import the modules of its
own part of the builder (its package, or itself) and those of the layers below its own; a
layer is a step of the layering docs/ARCHITECTURE.md lists (and this test holds it to the
same list), the stages among them in the order they may use each other. No two modules may
import each other, however far round. A failure names both files.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "builder"
LAYERS: tuple[tuple[str, ...], ...] = (
    ("util",),
    ("diagnostics",),
    ("model",),
    ("config",),
    ("formats",),
    ("incremental",),
    ("i18n",), ("ingest",), ("read",), ("index",), ("addresses",), ("plan",), ("render",),
    ("write",),
    ("search",),
    ("state",),
    ("build",),
    ("session",),
    ("check", "inventory", "pairing", "scaffold"),
    ("serve",),
    ("cli",),
    ("__main__",),
)
"""Parts of the builder (its top-level modules and packages), lowest first."""
LONG = 400
"""Lines past which a module is hard to read whole: it must say in its docstring why it is
long ("… is long because …")."""


def modules() -> dict[str, Path]:
    """Every module of the package, by dotted name."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imports(name: str, path: Path, known: dict[str, Path]) -> Iterator[tuple[str, int]]:
    """(module of the package imported, line) for every import in the module ``name``."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                       for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target.startswith("builder.") or target == "builder":
                yield target, node.lineno


def part(name: str) -> str:
    return name.split(".")[1] if name.count(".") else ""


def layer(name: str) -> int:
    return next(number for number, parts in enumerate(LAYERS) if part(name) in parts)


def graph() -> dict[str, dict[str, int]]:
    known = modules()
    return {name: {target: line for target, line in imports(name, path, known) if target != name}
            for name, path in known.items()}


def test_the_architecture_document_names_the_layers_the_test_holds():
    text = (PACKAGE.parent / "docs/ARCHITECTURE.md").read_text(encoding="utf-8")
    block = text.split("Lowest layer first", 1)[1].split("```", 2)[1]
    named = re.sub(r"\([^)]*\)", "", block).replace("\n", " ")
    layers = tuple(tuple(part.strip() for part in step.split(",")) for step in named.split("<"))
    assert layers == LAYERS


def test_every_part_of_the_builder_has_its_layer():
    parts = {part(name) for name in modules()} - {""}
    assert parts == {name for names in LAYERS for name in names}


def test_imports_go_down_the_layers_or_stay_in_their_own_part():
    known = modules()
    wrong = []
    for name, targets in graph().items():
        for target, line in sorted(targets.items()):
            if target == "builder" or part(target) == part(name):
                continue
            if layer(target) >= layer(name):
                wrong.append(f"{known[name].relative_to(PACKAGE.parent)}:{line} imports "
                             f"{known[target].relative_to(PACKAGE.parent)}, which is not below it")
    assert not wrong, "\n".join(wrong)


def test_no_modules_import_each_other_however_far_round():
    edges = graph()
    known = modules()
    cycles = [component for component in _components(edges) if len(component) > 1]
    named = ["; ".join(str(known[name].relative_to(PACKAGE.parent)) for name in sorted(cycle))
             for cycle in cycles]
    assert not named, "modules that import each other: " + " | ".join(named)


def test_every_module_can_be_read_whole_or_says_why_not():
    long = []
    for name, path in modules().items():
        text = path.read_text(encoding="utf-8")
        lines = text.count("\n")
        docstring = ast.get_docstring(ast.parse(text)) or ""
        if lines > LONG and "is long because" not in docstring:
            long.append(f"{path.relative_to(PACKAGE.parent)}: {lines} lines")
    assert not long, "\n".join(long)


def test_the_test_finds_a_cycle_and_an_upward_import_where_there_is_one():
    """The checks above on a made-up graph: the test itself must be able to fail."""
    edges = {"builder.read": {"builder.plan": 1}, "builder.plan": {"builder.read": 2},
             "builder.util.files": {}}
    assert [sorted(c) for c in _components(edges) if len(c) > 1] == [
        ["builder.plan", "builder.read"]]
    assert layer("builder.util.files") < layer("builder.read") < layer("builder.plan")


def _components(edges: dict[str, dict[str, int]]) -> list[set[str]]:
    """The strongly connected components of ``edges`` (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []
    for start in edges:
        if start in index:
            continue
        work = [(start, iter(edges.get(start, {})))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, targets = work[-1]
            target = next(targets, None)
            if target is not None:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(edges.get(target, {}))))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                found.append(component)
    return found
