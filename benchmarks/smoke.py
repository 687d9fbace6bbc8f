"""A quick check that the benchmark corpus is sound: deterministic, and builds with no diagnostics.

In: a scratch folder outside the repository (pytest's ``tmp_path`` will do), a page count and
a seed. It generates the corpus twice with ``benchmarks/corpus.py`` (run as the command line
does), compares the two trees byte for byte, then builds one of them in this process without
search. Out: the build's :class:`~builder.diagnostics.Report`; an ``AssertionError`` naming
the first problem otherwise.

Why: a benchmark over a corpus that fails to build, or that changes between runs, measures
nothing; this catches both in about a second, without Pagefind.

    .venv/bin/python benchmarks/smoke.py [--articles 30] [--repository-text]
"""

from __future__ import annotations

import argparse
import filecmp
import subprocess
import sys
import tempfile
from pathlib import Path

from builder.build import build
from builder.config import load_config
from builder.diagnostics import Fate, Report

CORPUS_SCRIPT = Path(__file__).resolve().with_name("corpus.py")


def generate(dest: Path, articles: int, seed: int, repository_text: bool) -> None:
    command = [sys.executable, str(CORPUS_SCRIPT), str(dest), "--articles", str(articles),
               "--seed", str(seed), *(("--repository-text",) if repository_text else ())]
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == 0, f"corpus.py failed: {done.stderr.strip()}"


def differences(a: Path, b: Path) -> list[str]:
    """Paths (relative to ``a``) that exist on one side only or differ in content."""
    comparison = filecmp.dircmp(a, b)
    found = [*comparison.left_only, *comparison.right_only]
    _, mismatch, errors = filecmp.cmpfiles(a, b, comparison.common_files, shallow=False)
    found += mismatch + errors
    for name in comparison.common_dirs:
        found += [f"{name}/{path}" for path in differences(a / name, b / name)]
    return found


def smoke_check(workdir: Path, articles: int = 30, seed: int = 7,
                repository_text: bool = False) -> Report:
    """Generate twice, compare, build once; return the report or raise AssertionError."""
    first, second = workdir / "corpus-a", workdir / "corpus-b"
    generate(first, articles, seed, repository_text)
    generate(second, articles, seed, repository_text)
    changed = differences(first, second)
    assert not changed, f"same articles and seed, different files: {changed[:5]}"
    pages = sorted((first / "content" / "articles").rglob("*.md"))
    assert len(pages) == articles, f"{len(pages)} pages generated, {articles} asked for"

    report = build(load_config(first).with_output(first / "site", search=False))
    problems = [str(d) for d in report.diagnostics]
    assert report.published and not problems, "\n".join(problems) or "the site was not published"
    published = sum(1 for outcome in report.outcomes if outcome.fate is Fate.PUBLISHED)
    assert published == articles, report.render_text()  # the corpus has no sources: all pages
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repository-text", action="store_true",
                        help="generate from this repository's pages instead of the WMT text")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="digest-smoke-") as scratch:
        report = smoke_check(Path(scratch), args.articles, args.seed, args.repository_text)
    print(report.render_text())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
