"""Benchmark ``digest build`` on generated corpora: wall time, peak memory, stage timings.

In (command line): ``--sizes`` (article pages per corpus, default 1000 10000), ``--runs``
(repetitions, default 3), ``--search`` (also measure builds with the Pagefind index), ``--seed``,
``--keep DIR`` (generate the corpora into DIR and leave them there), ``--timeout`` (seconds
per build), ``--json FILE`` (every sample, for later comparison).

For each size, ``benchmarks/corpus.py`` writes a corpus into a temporary folder (or DIR). Then,
``--runs`` times, for each search setting (off, and on with ``--search``):

- **clean build**: everything in the corpus folder but its inputs is deleted (``site/``, the
  staging folder, any cache), then ``python -m builder --project ROOT build [--no-search]``;
- **no-op rebuild**: the same command again, with nothing changed.

Every build is a fresh process run under ``benchmarks/measure.py`` (wall time, peak resident
memory of the largest process and of the whole process tree); the per-stage timings come from
the ``time:`` line of the build's report. Runs are interleaved, so drift in the machine's speed
spreads over every kind of build instead of favouring one.

Out: Markdown tables on stdout, ready to paste into the README (medians, with min-max), with the
machine and corpus they were measured on; progress on stderr. Exit status 1 if any build failed
(non-zero exit or errors in its report), 2 if a corpus could not be generated.

    .venv/bin/python benchmarks/run.py --sizes 1000 10000 --runs 3 [--search] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CORPUS_SCRIPT = HERE / "corpus.py"
MEASURE_SCRIPT = HERE / "measure.py"
CORPUS_INPUTS = frozenset({"digest.toml", "content", "templates", "locales",
                           ".digest-bench-corpus.json"})
"""What a corpus folder holds before any build; a clean build starts with everything else gone."""
TIME_LINE = re.compile(r"^time: (?P<stages>.*)$", re.MULTILINE)
COUNTS_LINE = re.compile(r"pages written: (?P<pages>\d+); search: (?P<indexed>\d+) pages indexed; "
                         r"(?P<errors>\d+) errors, (?P<warnings>\d+) warnings")


@dataclass(frozen=True)
class BuildKind:
    label: str
    search: bool
    clean: bool


@dataclass(frozen=True)
class Sample:
    """One measured build."""

    size: int
    kind: str
    returncode: int
    wall_s: float
    cpu_s: float
    """User + system CPU seconds of the build's processes."""
    max_rss_kib: int
    tree_rss_kib: int | None
    load: float | None
    """1-minute load average when the build started."""
    stages: tuple[tuple[str, float], ...]
    """(stage, seconds) from the report's ``time:`` line, in pipeline order."""
    files_written: int
    indexed: int
    errors: int
    warnings: int

    @property
    def failed(self) -> bool:
        return self.returncode != 0 or self.errors > 0


def build_kinds(search: bool) -> tuple[BuildKind, ...]:
    settings = (False, True) if search else (False,)
    return tuple(BuildKind(f"{'clean' if clean else 'no-op'}, {'search' if on else 'no search'}",
                           on, clean)
                 for on in settings for clean in (True, False))


# ---------------------------------------------------------------- corpus


@contextmanager
def corpus_folder(size: int, seed: int, keep: Path | None, scratch: Path) -> Iterator[Path]:
    """Where the corpus of ``size`` pages goes: under ``keep`` (left there) or in ``scratch``."""
    if keep is not None:
        yield keep.resolve() / f"corpus-{size}-seed-{seed}"
        return
    root = scratch / f"corpus-{size}"
    try:
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


def generate_corpus(root: Path, size: int, seed: int) -> dict[str, Any]:
    """Run benchmarks/corpus.py; its summary, with the seconds it took."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, str(CORPUS_SCRIPT), str(root), "--articles", str(size),
                           "--seed", str(seed)], capture_output=True, text=True, cwd=REPO)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip() or f"corpus.py exited with {done.returncode}")
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    return {**summary, "seconds": time.perf_counter() - start}


def clean(root: Path) -> None:
    """Delete every output of earlier builds: whatever is not a corpus input."""
    for entry in root.iterdir():
        if entry.name in CORPUS_INPUTS:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


# ---------------------------------------------------------------- one build


def measure(root: Path, size: int, kind: BuildKind, scratch: Path,
            timeout: float | None) -> tuple[Sample, str]:
    """Build once in a fresh process; the sample and the build's output (for failures)."""
    result = scratch / "measure.json"
    result.unlink(missing_ok=True)
    build = [sys.executable, "-m", "builder", "--project", str(root), "build",
             *(() if kind.search else ("--no-search",))]
    helper = [sys.executable, str(MEASURE_SCRIPT), "--result", str(result), "--cwd", str(REPO),
              *(("--timeout", str(timeout)) if timeout else ()), "--", *build]
    done = subprocess.run(helper, capture_output=True, text=True, cwd=REPO)
    output = f"{done.stdout}\n{done.stderr}".strip()
    if done.returncode != 0 or not result.is_file():
        return Sample(size, kind.label, done.returncode or 1, 0.0, 0.0, 0, None, None, (),
                      0, 0, 0, 0), output
    measured = json.loads(result.read_text(encoding="utf-8"))
    counts = COUNTS_LINE.search(done.stdout)
    return Sample(
        size=size, kind=kind.label, returncode=measured["returncode"],
        wall_s=measured["wall_s"], cpu_s=measured["cpu_s"], max_rss_kib=measured["max_rss_kib"],
        tree_rss_kib=measured["tree_rss_kib"], load=measured["load"],
        stages=parse_stages(done.stdout),
        files_written=int(counts["pages"]) if counts else 0,
        indexed=int(counts["indexed"]) if counts else 0,
        errors=int(counts["errors"]) if counts else 0,
        warnings=int(counts["warnings"]) if counts else 0,
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


def progress(sample: Sample, run: int, runs: int) -> str:
    status = ("FAILED" if sample.failed
              else f"{sample.wall_s:.2f} s (CPU {sample.cpu_s:.2f} s), "
                   f"{sample.max_rss_kib / 1024:.0f} MiB, load {sample.load or 0:.1f}")
    warnings = f", {sample.warnings} warnings" if sample.warnings else ""
    return f"[{sample.size} pages, run {run}/{runs}] {sample.kind}: {status}{warnings}"


# ---------------------------------------------------------------- tables


def spread(values: Sequence[float], digits: int) -> str:
    """``median (min–max)``."""
    return (f"{statistics.median(values):,.{digits}f} "
            f"({min(values):,.{digits}f}–{max(values):,.{digits}f})")


def groups(samples: Sequence[Sample]) -> dict[tuple[int, str], list[Sample]]:
    grouped: dict[tuple[int, str], list[Sample]] = {}
    for sample in samples:
        grouped.setdefault((sample.size, sample.kind), []).append(sample)
    return grouped


def results_table(samples: Sequence[Sample]) -> list[str]:
    lines = ["| pages | build | wall time, s | CPU time, s | peak RSS, MiB: largest process | "
             "peak RSS, MiB: process tree | files written |",
             "|---:|---|---:|---:|---:|---:|---:|"]
    for (size, kind), group in groups(samples).items():
        good = [s for s in group if not s.failed]
        if not good:
            lines.append(f"| {size:,} | {kind} | failed | | | | |")
            continue
        trees = [s.tree_rss_kib / 1024 for s in good if s.tree_rss_kib is not None]
        lines.append(f"| {size:,} | {kind} | {spread([s.wall_s for s in good], 2)} | "
                     f"{spread([s.cpu_s for s in good], 2)} | "
                     f"{spread([s.max_rss_kib / 1024 for s in good], 0)} | "
                     f"{spread(trees, 0) if trees else 'n/a'} | {good[0].files_written:,} |")
    return lines


def stage_names(samples: Sequence[Sample]) -> list[str]:
    """Every stage seen, in pipeline order (builds with the most stages first set the order)."""
    names: list[str] = []
    for sample in sorted(samples, key=lambda s: -len(s.stages)):
        names += [name for name, _ in sample.stages if name not in names]
    return names


def stages_table(samples: Sequence[Sample]) -> list[str]:
    """Median seconds per stage, and outside them (process start, imports, config, report)."""
    names = stage_names(samples)
    if not names:
        return ["(no build reported its stage timings)"]
    lines = ["| pages | build | " + " | ".join(names) + " | outside stages |",
             "|---:|---|" + "---:|" * (len(names) + 1)]
    for (size, kind), group in groups(samples).items():
        good = [s for s in group if not s.failed and s.stages]
        if not good:
            continue
        cells = [_median_stage(good, name) for name in names]
        outside = statistics.median(s.wall_s - sum(t for _, t in s.stages) for s in good)
        lines.append(f"| {size:,} | {kind} | " + " | ".join(cells) + f" | {outside:.2f} |")
    return lines


def _median_stage(samples: Sequence[Sample], name: str) -> str:
    values = [dict(s.stages)[name] for s in samples if name in dict(s.stages)]
    return f"{statistics.median(values):.2f}" if values else "–"


def machine_line() -> str:
    cores = os.cpu_count() or 0
    memory = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") / 2**30
    return (f"{cores} cores ({cpu_model()}), {memory:.0f} GiB RAM, {platform.system()} "
            f"{platform.release()}, Python {platform.python_version()}, {revision()}")


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def revision() -> str:
    """The commit measured, and whether the working tree differs from it."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, cwd=REPO, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, cwd=REPO, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "commit unknown"
    return f"commit {head}" + (" with uncommitted changes" if dirty else "")


def corpus_line(summary: dict[str, Any]) -> str:
    words = sum(summary["words"].values())
    return (f"- {summary['articles']:,} pages: {summary['items']:,} items "
            f"({summary['paired_items']:,} in both languages, {summary['briefings']:,} "
            f"multi-section briefings), {words / summary['articles']:.0f} words a page, "
            f"{summary['markdown_bytes'] / 2**20:.1f} MiB of Markdown; "
            f"text: {summary['text']}, seed {summary['seed']}; "
            f"generated in {summary['seconds']:.1f} s")


def load_line(samples: Sequence[Sample]) -> str:
    """How busy the machine was: other work on it slows wall time, not the build's CPU time."""
    loads = [s.load for s in samples if s.load is not None]
    if not loads:
        return "Load average unknown."
    busy = max(loads) > (os.cpu_count() or 1)  # one build alone adds about 1
    return (f"1-minute load average at the start of each build: {min(loads):.1f}–{max(loads):.1f}"
            + (" (the machine was busy with other work: trust CPU time more than wall time)."
               if busy else "."))


def report(samples: Sequence[Sample], corpora: Sequence[dict[str, Any]], runs: int) -> str:
    plural = "s" if runs != 1 else ""
    lines = [f"Measured on {machine_line()}. Each build is a fresh process; "
             f"median of {runs} run{plural} (min–max). {load_line(samples)}", "", "Corpora:",
             *(corpus_line(summary) for summary in corpora), "",
             *results_table(samples), "",
             "Median seconds per build stage (the report's `time:` line):", "",
             *stages_table(samples)]
    return "\n".join(lines)


# ---------------------------------------------------------------- main


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000],
                        help="article pages per corpus (default 1000 10000)")
    parser.add_argument("--runs", type=int, default=3, help="repetitions (default 3)")
    parser.add_argument("--search", action="store_true",
                        help="also measure builds with the Pagefind index")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--keep", type=Path, default=None,
                        help="generate corpora into this folder (outside the repository) "
                             "and keep them")
    parser.add_argument("--timeout", type=float, default=3600,
                        help="seconds before a build is killed and counted failed (default 3600)")
    parser.add_argument("--json", type=Path, default=None, help="also write every sample here")
    args = parser.parse_args(argv)
    if min(args.sizes) < 1 or args.runs < 1:
        parser.error("sizes and runs must be at least 1")
    return args


def measure_size(size: int, args: argparse.Namespace, scratch: Path,
                 samples: list[Sample], corpora: list[dict[str, Any]]) -> None:
    """Generate the corpus of ``size`` pages and measure every kind of build on it."""
    with corpus_folder(size, args.seed, args.keep, scratch) as root:
        print(f"generating {size} pages into {root}", file=sys.stderr)
        corpora.append(generate_corpus(root, size, args.seed))
        for run in range(1, args.runs + 1):
            for kind in build_kinds(args.search):
                if kind.clean:
                    clean(root)
                sample, output = measure(root, size, kind, scratch, args.timeout)
                samples.append(sample)
                print(progress(sample, run, args.runs), file=sys.stderr)
                if sample.failed:
                    print(output[-3000:], file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    samples: list[Sample] = []
    corpora: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="digest-bench-") as scratch:
        for size in args.sizes:
            try:
                measure_size(size, args, Path(scratch), samples, corpora)
            except RuntimeError as exc:
                print(f"cannot generate the corpus of {size} pages: {exc}", file=sys.stderr)
                return 2
    print(report(samples, corpora, args.runs))
    if args.json:
        args.json.write_text(json.dumps({"machine": machine_line(), "corpora": corpora,
                                         "samples": [asdict(s) for s in samples]}, indent=1),
                             encoding="utf-8")
    return 1 if any(sample.failed for sample in samples) else 0


if __name__ == "__main__":
    raise SystemExit(main())
