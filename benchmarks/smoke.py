"""A quick check that the benchmark corpus is sound: deterministic, and builds with no diagnostics.

In: a scratch folder outside the repository (pytest's ``tmp_path`` will do), a page count and
a seed. It generates the corpus twice with ``benchmarks/corpus.py`` (run as the command line
does), compares the two trees byte for byte, then builds one of them in this process without
search. Then it checks the two helpers the benchmark's other measurements rest on: the
one-edit rebuild's edit (``benchmarks/edit.py``: saved, rebuilt, found in the built page) and
the conversion into a Hugo site (``benchmarks/hugo_site.py``: every page, with its front
matter mapped and its body unchanged, and the configuration and layouts; Hugo itself is not
needed). Out: the first build's :class:`~builder.diagnostics.Report`; an ``AssertionError``
naming the first problem otherwise.

Why: a benchmark over a corpus that fails to build, or that changes between runs, measures
nothing, and so does a one-edit rebuild whose edit never reaches the page, or a peer given a
different site; this catches all of them in about a second, without Pagefind or Hugo.

    .venv/bin/python benchmarks/smoke.py [--articles 30] [--repository-text]
"""

from __future__ import annotations

import argparse
import filecmp
import importlib.util
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path
from types import ModuleType

from builder.config import load_config
from builder.diagnostics import Fate, Report
from builder.session import build

HERE = Path(__file__).resolve().parent
CORPUS_SCRIPT = HERE / "corpus.py"


def sibling(name: str) -> ModuleType:
    """``benchmarks/<name>.py``, loaded by path: benchmarks/ is not a package, and this file is
    itself loaded by path from the tests. A prefixed name keeps it apart from other modules."""
    key = f"benchmarks_{name}"
    if key not in sys.modules:
        spec = importlib.util.spec_from_file_location(key, HERE / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[key] = module  # dataclasses look their module up while it loads
        spec.loader.exec_module(module)
    return sys.modules[key]


def generate(dest: Path, articles: int, seed: int, repository_text: bool) -> None:
    command = [sys.executable, str(CORPUS_SCRIPT), str(dest), "--articles", str(articles),
               "--seed", str(seed), *(("--repository-text",) if repository_text else ())]
    done = subprocess.run(command, check=False, capture_output=True, text=True)
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

    config = load_config(first).with_output(first / "site", search=False)
    report = build(config)
    problems = [str(d) for d in report.diagnostics]
    assert report.published and not problems, "\n".join(problems) or "the site was not published"
    published = sum(1 for outcome in report.outcomes if outcome.fate is Fate.PUBLISHED)
    assert published == articles, report.render_text()  # the corpus has no sources: all pages
    edit_check(first, config.site_dir)
    hugo_site_check(second, workdir / "hugo-site", articles)
    return report


def edit_check(corpus: Path, site_dir: Path) -> None:
    """The one-edit rebuild's edit, saved and rebuilt, is in the page where the benchmark looks."""
    editor = sibling("edit").ArticleEditor(corpus)
    assert not editor.published(site_dir, "Benchmark edit"), "the page has an edit already"
    added = editor.apply("smoke-check")
    try:
        report = build(load_config(corpus).with_output(site_dir, search=False))
        assert report.published and not report.errors, report.render_text()
        assert editor.published(site_dir, added), (
            f"edited {editor.rel}, but {editor.html_path(site_dir)} does not show it")
    finally:
        editor.restore()
    assert editor.path.read_bytes() == editor.original, "the edited page was not put back"


def hugo_site_check(corpus: Path, dest: Path, articles: int) -> None:
    """The corpus as a Hugo site: every page at its place, front matter mapped, body unchanged,
    each language with its content folder, every layout written."""
    hugo_site = sibling("hugo_site")
    written = hugo_site.convert(corpus, dest)
    assert written.pages == articles, f"{written.pages} Hugo pages for {articles} articles"
    config = tomllib.loads((dest / "hugo.toml").read_text(encoding="utf-8"))
    assert config["taxonomies"] == {"topic": "topics"}, config
    for lang, language in config["languages"].items():
        assert language["contentDir"] == f"content/{lang}", language
    for rel in hugo_site.LAYOUTS:
        assert (dest / "layouts" / rel).is_file(), f"layouts/{rel} was not written"
    for page in sorted((corpus / hugo_site.ARTICLES).rglob("*.md")):
        rel = page.relative_to(corpus / hugo_site.ARTICLES)
        assert rel.parts[0] in config["languages"], f"{rel}: no Hugo language for it"
        ours, body = hugo_site.split_page(page.read_text(encoding="utf-8"))
        theirs, hugo_body = hugo_site.split_page((dest / "content" / rel).read_text("utf-8"))
        assert hugo_body == body, f"{rel}: the body changed on the way to Hugo"
        assert theirs["translationKey"] == ours["translation_key"], f"{rel}: {theirs}"
        assert {k: theirs[k] for k in ("title", "date", "topics")} == {
            k: ours[k] for k in ("title", "date", "topics")}, f"{rel}: {theirs}"


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
