"""The README's "Editor's guide" explains every message the builder can print: a code the editor
meets without an explanation is a defect, found here rather than by the editor."""

from __future__ import annotations

import ast
import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def emitted_codes() -> set[str]:
    """Every constant code passed to ``warning``/``error`` (third argument) or to a page's
    ``invalid`` (second), and every code ``digest check`` returns with its message."""
    codes: set[str] = set()
    for path in (REPO / "builder").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            position = {"warning": 2, "error": 2, "invalid": 1}.get(name)
            if position is not None and len(node.args) > position:
                argument = node.args[position]
                if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                    codes.add(argument.value)
    check = (REPO / "builder/check.py").read_text(encoding="utf-8")
    codes |= set(re.findall(r'"([a-z]+(?:-[a-z0-9]+)+)"', check)) - {"utf-8", "x-default"}
    return codes


def test_every_message_code_is_explained_in_the_editors_guide():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    guide = readme.split("## Editor's guide", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"`([a-z][a-z0-9]*(?:-[a-z0-9]+)*)`", guide))
    codes = emitted_codes()
    assert len(codes) > 60
    assert not codes - documented, f"not in the README's Editor's guide: {sorted(codes - documented)}"
