"""What a benchmark run measured, and the Markdown report made of it.

In: :class:`Sample` values (one measured process: a digest build, a Hugo build, a Pagefind run),
:class:`PreviewRun` values (one live preview, from start to stop, and its edits), the corpora's summaries
and the peers' versions, all gathered by ``benchmarks/run.py``. Out: :func:`report`, the text
``run.py`` prints: the machine, the corpora, one table of builds (medians, min-max), the stage
timings, the live-preview latencies, and the targets: digest's figures against Hugo's from the
same run, each marked met or missed.

Why a module of its own: measuring (``run.py``) and presenting are separate concerns, and the
table code is easier to read without process handling around it.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent


# ---------------------------------------------------------------- what was measured


class Step(Enum):
    """What a digest build is asked to do."""

    CLEAN = "clean"
    """Every output of earlier builds deleted first (site, staging folder, caches)."""
    NOOP = "no-op"
    """The same build again, nothing changed."""
    EDIT = "one edit"
    """The same build again after one article's text was changed."""
    DEPLOY = "one edit, fresh clone"
    """A deploy's build in CI: one article changed in a fresh copy of the corpus's inputs (new
    files, as a clone makes them), with the last build's site and build cache copied beside
    them (as Netlify's build cache and ``actions/cache`` restore them), no staging folder."""


@dataclass(frozen=True)
class BuildKind:
    step: Step
    search: bool

    @property
    def label(self) -> str:
        return f"{self.step.value}, {'search' if self.search else 'no search'}"


def build_kinds(search: bool) -> tuple[BuildKind, ...]:
    """Every kind of digest build of a run, in the order they run."""
    settings = (False, True) if search else (False,)
    return tuple(BuildKind(step, on) for on in settings for step in Step)


HUGO_CLEAN, HUGO_REBUILD = "Hugo, clean", "Hugo, rebuild"
PAGEFIND_ON_HUGO, HUGO_PAGEFIND = "Pagefind on Hugo's site", "Hugo + Pagefind"
PREVIEW = "live preview"


def preview_label(search: bool) -> str:
    return f"{PREVIEW}, {'search' if search else 'no search'}"


@dataclass(frozen=True)
class Sample:
    """One measured process."""

    size: int
    kind: str
    """A :class:`BuildKind` label, or one of the peers' (``Hugo, clean`` …)."""
    run: int
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
    rendered: int | None = None
    """Pages rendered, when an incremental build's report says (0: it found nothing changed)."""
    problem: str | None = None
    """What the benchmark itself found wrong (an edit not published); None: nothing."""
    tree_pss_kib: int | None = None
    """Peak PSS of the process tree (shared pages split among their sharers, so the build's
    forked workers do not count the pages they share with it once each); None where it was not
    measured (no ``/proc``, or JSON from before it was)."""

    @property
    def failed(self) -> bool:
        return self.returncode != 0 or self.errors > 0 or self.problem is not None

    @property
    def peak_kib(self) -> int:
        """Peak RSS of the process tree (at least that of its largest process)."""
        return self.tree_rss_kib if self.tree_rss_kib is not None else self.max_rss_kib

    @classmethod
    def unmeasured(cls, size: int, kind: str, run: int, returncode: int) -> Sample:
        """A process the helper could not measure (it failed to start or to report)."""
        return cls(size, kind, run, returncode or 1, 0.0, 0.0, 0, None, None, (), 0, 0, 0, 0)


@dataclass(frozen=True)
class PreviewRun:
    """One ``digest serve``, from start to stop: its first build and the edits saved meanwhile."""

    size: int
    kind: str
    run: int
    first_build_s: float | None
    event_s: tuple[float, ...]
    """Per edit: seconds from just before the save to the ``reload`` event."""
    page_s: tuple[float, ...]
    """Per edit: seconds from just before the save to the new page, read in full."""
    problem: str | None = None

    @property
    def failed(self) -> bool:
        return self.problem is not None


def with_peer_totals(samples: Sequence[Sample]) -> list[Sample]:
    """``samples`` and, per size and run, "Hugo + Pagefind": a clean Hugo build followed by
    Pagefind indexing its output (times added, memory the larger of the two)."""
    by_run = {(s.size, s.run, s.kind): s for s in samples}
    totals = []
    for (size, run, kind), hugo in by_run.items():
        pagefind = by_run.get((size, run, PAGEFIND_ON_HUGO))
        if kind != HUGO_CLEAN or pagefind is None:
            continue
        pss = (max(hugo.tree_pss_kib, pagefind.tree_pss_kib)
               if hugo.tree_pss_kib is not None and pagefind.tree_pss_kib is not None else None)
        totals.append(Sample(
            size, HUGO_PAGEFIND, run, 1 if hugo.failed or pagefind.failed else 0,
            hugo.wall_s + pagefind.wall_s, hugo.cpu_s + pagefind.cpu_s,
            max(hugo.max_rss_kib, pagefind.max_rss_kib), max(hugo.peak_kib, pagefind.peak_kib),
            hugo.load, (), hugo.files_written, 0, 0, 0, tree_pss_kib=pss))
    return [*samples, *totals]


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
    lines = [("| pages | build | wall time, s | CPU time, s | peak RSS, MiB: largest process | "
              "peak RSS, MiB: process tree | peak PSS, MiB: process tree | files written | "
              "pages rendered |"),
             "|---:|---|---:|---:|---:|---:|---:|---:|---:|"]
    for (size, kind), group in groups(samples).items():
        good = [s for s in group if not s.failed]
        if not good:
            lines.append(f"| {size:,} | {kind} | failed | | | | | | |")
            continue
        trees = [s.tree_rss_kib / 1024 for s in good if s.tree_rss_kib is not None]
        shares = [s.tree_pss_kib / 1024 for s in good if s.tree_pss_kib is not None]
        written = f"{good[0].files_written:,}" if good[0].files_written else "–"
        rendered = [s.rendered for s in good if s.rendered is not None]
        lines.append(f"| {size:,} | {kind} | {spread([s.wall_s for s in good], 2)} | "
                     f"{spread([s.cpu_s for s in good], 2)} | "
                     f"{spread([s.max_rss_kib / 1024 for s in good], 0)} | "
                     f"{spread(trees, 0) if trees else 'n/a'} | "
                     f"{spread(shares, 0) if shares else 'n/a'} | {written} | "
                     f"{spread(rendered, 0) if rendered else '–'} |")
    return lines


def stage_names(samples: Sequence[Sample]) -> list[str]:
    """Every stage seen, in pipeline order (builds with the most stages first set the order)."""
    names: list[str] = []
    for sample in sorted(samples, key=lambda s: -len(s.stages)):
        for name, _ in sample.stages:
            if name not in names:  # a report may name a stage twice (it ran in two parts)
                names.append(name)
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
    """The median over ``samples`` of the seconds a stage took (its parts added up)."""
    values = [sum(t for n, t in s.stages if n == name) for s in samples
              if any(n == name for n, _ in s.stages)]
    return f"{statistics.median(values):.2f}" if values else "–"


def preview_groups(previews: Sequence[PreviewRun]) -> dict[tuple[int, str], list[PreviewRun]]:
    grouped: dict[tuple[int, str], list[PreviewRun]] = {}
    for preview in previews:
        grouped.setdefault((preview.size, preview.kind), []).append(preview)
    return grouped


def preview_table(previews: Sequence[PreviewRun]) -> list[str]:
    """Save-to-event and save-to-page latencies over every edit of every run, in ms."""
    lines = [("| pages | preview | first build, s | save → reload event, ms | "
              "save → new page, ms | edits |"), "|---:|---|---:|---:|---:|---:|"]
    for (size, kind), group in preview_groups(previews).items():
        events = [1000 * s for run in group for s in run.event_s]
        pages = [1000 * s for run in group for s in run.page_s]
        starts = [run.first_build_s for run in group if run.first_build_s is not None]
        failed = sum(run.failed for run in group)
        count = f"{len(pages)}" + (f" ({failed} of {len(group)} previews failed)" if failed
                                   else "")
        lines.append(f"| {size:,} | {kind} | {spread(starts, 2) if starts else 'failed'} | "
                     f"{spread(events, 0) if events else 'failed'} | "
                     f"{spread(pages, 0) if pages else 'failed'} | {count} |")
    return lines


# ---------------------------------------------------------------- targets


@dataclass(frozen=True)
class Target:
    """One figure of digest's against a bound: a ratio to a peer's, or seconds."""

    name: str
    digest: str
    """The digest kind measured (a build kind or a preview kind)."""
    peer: str | None
    """The peer kind it is divided by; None for an absolute figure (seconds)."""
    bound: float | None
    """None: shown for information, no target."""
    inclusive: bool = False
    """``≤`` (no slower than) rather than ``<``."""
    memory: bool = False
    """Compare peak memory of the process trees rather than wall time: their PSS where both
    sides have it (:func:`memory_measure`)."""

    def bound_text(self) -> str:
        if self.bound is None:
            return "–"
        sign = "≤" if self.inclusive else "<"
        if self.peer is None:
            return f"{sign} {self.bound * 1000:.0f} ms"
        return f"{sign} {self.bound:.2f}"

    def met(self, value: float) -> bool:
        assert self.bound is not None
        return value <= self.bound if self.inclusive else value < self.bound


TARGETS = (
    Target("clean build, no search", "clean, no search", HUGO_CLEAN, 2.0, inclusive=True),
    Target("clean build, search", "clean, search", HUGO_PAGEFIND, 1.0, inclusive=True),
    Target("no-op rebuild, no search", "no-op, no search", HUGO_CLEAN, 0.05, inclusive=True),
    Target("no-op rebuild, search", "no-op, search", HUGO_PAGEFIND, 0.05, inclusive=True),
    Target("one edit, no search", "one edit, no search", HUGO_CLEAN, 0.20),
    Target("one edit, search", "one edit, search", HUGO_PAGEFIND, 0.20),
    Target("deploy after one edit (fresh clone, cache restored), no search",
           "one edit, fresh clone, no search", HUGO_CLEAN, None),
    Target("deploy after one edit (fresh clone, cache restored), search",
           "one edit, fresh clone, search", HUGO_PAGEFIND, 0.10, inclusive=True),
    Target("peak memory, clean, no search", "clean, no search", HUGO_CLEAN, 0.5, memory=True),
    Target("peak memory, clean, search", "clean, search", HUGO_PAGEFIND, None, memory=True),
    Target("live preview, save → new page, no search", preview_label(False), None, 0.15,
           inclusive=True),
    Target("live preview, save → new page, search", preview_label(True), None, 0.15,
           inclusive=True),
)
"""The targets as issue 25 restated them (the card's libraries bound the clean build without
search), in its order. Ratios are of medians, against the peer's clean build:
Hugo has no incremental build from the command line, so its clean build is what a rebuild
costs there. Peak memory compares the process trees' peak PSS, digest's against the peer's
(:data:`MEMORY_NOTE`). Peak memory with search is shown for information: Pagefind dominates
both sides."""

MEMORY_NOTE = ("Peak memory compares the process trees' peak PSS (each page shared by the "
               "build and its forked workers counted once, split among them), digest's against "
               "the peer's; a row marked RSS compares the trees' peak RSS instead, as PSS was "
               "not measured on both sides.")
"""Said under the targets' heading: which memory figure the ratios are of."""


def memory_measure(samples: Sequence[Sample]) -> tuple[Callable[[Sample], float], str]:
    """How to read peak memory off ``samples`` (in MiB), and its name: the tree's PSS if every
    sample has it, else the tree's RSS (results from before PSS was measured, or without
    ``/proc``). Both sides of a ratio are read the same way, never PSS against RSS."""
    if all(s.tree_pss_kib is not None for s in samples):
        return (lambda s: (s.tree_pss_kib or 0) / 1024), "PSS"
    return (lambda s: s.peak_kib / 1024), "RSS"


def targets_table(samples: Sequence[Sample], previews: Sequence[PreviewRun]) -> list[str]:
    """Each target whose figures were measured, per size: digest, peer, ratio, bound, met."""
    builds = groups(samples)
    previewed = preview_groups(previews)
    lines = ["| pages | figure | digest | peer | ratio | target | met |",
             "|---:|---|---:|---:|---:|---:|---|"]
    for size in sorted({s.size for s in samples} | {p.size for p in previews}):
        for target in TARGETS:
            row = (_preview_row(target, previewed.get((size, target.digest), []))
                   if target.peer is None
                   else _ratio_row(target, builds.get((size, target.digest), []),
                                   builds.get((size, target.peer), [])))
            if row is not None:
                lines.append(f"| {size:,} | {target.name} | " + " | ".join(row) + " |")
    return lines


def _ratio_row(target: Target, digest: Sequence[Sample],
               peer: Sequence[Sample]) -> list[str] | None:
    if not digest or not peer:
        return None
    measure: Callable[[Sample], float] = lambda s: s.wall_s
    unit = "s"
    if target.memory:
        measure, figure = memory_measure([s for s in (*digest, *peer) if not s.failed])
        unit = f"MiB {figure}"
    ours = [measure(s) for s in digest if not s.failed]
    theirs = [measure(s) for s in peer if not s.failed]
    if not ours or not theirs:
        return ["failed" if not ours else "", "failed" if not theirs else "", "", "", ""]
    a, b = statistics.median(ours), statistics.median(theirs)
    ratio = a / b
    digits = 0 if target.memory else 2
    return [f"{a:,.{digits}f} {unit}", f"{peer[0].kind}: {b:,.{digits}f} {unit}",
            f"{ratio:.3f}", target.bound_text(), _verdict(target, ratio)]


def _preview_row(target: Target, runs: Sequence[PreviewRun]) -> list[str] | None:
    pages = [s for run in runs for s in run.page_s]
    if not runs:
        return None
    if not pages:
        return ["failed", "–", "–", target.bound_text(), "miss"]
    median = statistics.median(pages)
    return [f"{median * 1000:,.0f} ms", "–", "–", target.bound_text(), _verdict(target, median)]


def _verdict(target: Target, value: float) -> str:
    if target.bound is None:
        return "(no target)"
    return "**met**" if target.met(value) else "miss"


# ---------------------------------------------------------------- the whole report


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
            + (f"a raw source beside each page ({summary['sources']:,}, ingested already); "
               if summary.get("sources") else "")
            + f"generated in {summary['seconds']:.1f} s")


def load_line(samples: Sequence[Sample]) -> str:
    """How busy the machine was: other work on it slows wall time, not the build's CPU time."""
    loads = [s.load for s in samples if s.load is not None]
    if not loads:
        return "Load average unknown."
    busy = max(loads) > (os.cpu_count() or 1)  # one build alone adds about 1
    return (f"1-minute load average at the start of each build: {min(loads):.1f}–{max(loads):.1f}"
            + (" (the machine was busy with other work: trust CPU time more than wall time)."
               if busy else "."))


def report(samples: Sequence[Sample], previews: Sequence[PreviewRun],
           corpora: Sequence[dict[str, Any]], runs: int, peers: str | None) -> str:
    """The Markdown printed at the end of a run (``peers``: the peers' versions, if measured)."""
    plural = "s" if runs != 1 else ""
    samples = with_peer_totals(samples)
    lines = [(f"Measured on {machine_line()}. Each build is a fresh process; "
              f"median of {runs} run{plural} (min–max). {load_line(samples)}"), "",
             *([f"Peers: {peers}.", ""] if peers else []), "Corpora:",
             *(corpus_line(summary) for summary in corpora), "",
             *results_table(samples), "",
             "Median seconds per build stage (the report's `time:` line):", "",
             *stages_table(samples)]
    if previews:
        lines += ["", "Live preview (`digest serve`), over every edit of every run:", "",
                  *preview_table(previews)]
    lines += ["", "Targets" + ("" if peers else " (ratios to Hugo need `--peers`)") + ":", "",
              *([MEMORY_NOTE, ""] if peers else []), *targets_table(samples, previews)]
    return "\n".join(lines)
