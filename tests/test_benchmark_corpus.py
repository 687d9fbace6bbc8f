"""The benchmark corpus (benchmarks/corpus.py) is deterministic and builds with no diagnostics."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import REPO, SHARED


def load_smoke() -> ModuleType:
    """benchmarks/ is not a package: load its smoke check from the file."""
    path = REPO / "benchmarks" / "smoke.py"
    spec = importlib.util.spec_from_file_location("benchmarks_smoke", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_corpus_from_the_real_news_text_is_deterministic_and_builds_with_no_diagnostics(
        tmp_path: Path) -> None:
    if not (SHARED / "corpus" / "wmt-newstest2021").is_dir():
        pytest.skip("the shared news corpus (../shared/corpus/wmt-newstest2021) is not beside "
                    "this clone; the test below covers the fallback text")
    report = load_smoke().smoke_check(tmp_path, articles=30, seed=7)
    assert report.published and not report.diagnostics


def test_without_the_real_news_text_the_corpus_is_made_from_the_repository_pages(
        tmp_path: Path) -> None:
    report = load_smoke().smoke_check(tmp_path, articles=30, seed=7, repository_text=True)
    assert report.published and not report.diagnostics
