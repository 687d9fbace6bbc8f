"""Run one command; write its wall time and peak memory to a JSON file.

In: ``--result FILE`` and the command after ``--`` (with ``--cwd`` and ``--timeout``). The
command's stdout and stderr pass straight through. Out: FILE holds
``{"returncode", "wall_s", "cpu_s", "max_rss_kib", "tree_rss_kib", "tree_pss_kib", "load"}``.

- ``cpu_s``: user plus system CPU seconds of the command and its waited-for descendants. On a
  shared machine wall time grows with other people's load, CPU time much less so.
- ``load``: the 1-minute load average when the command started, to judge how quiet it was.

- ``max_rss_kib``: ``getrusage(RUSAGE_CHILDREN).ru_maxrss``, the kernel's exact peak resident
  size of the largest single process among the command and the descendants it waited for (the
  build's Python process or its Pagefind process). It is a maximum over every child this process
  ever had, which is why each measurement needs a fresh helper process running one command.
- ``tree_rss_kib``: the largest sum of resident sizes of the whole process tree at one moment,
  sampled from ``/proc`` every ``--interval`` seconds (Linux only, else null). It counts what
  runs at the same time (Python holding the model while Pagefind indexes), but can miss a peak
  shorter than the interval (it is reported as at least ``max_rss_kib``), and counts every page
  shared between processes once per process that maps it.
- ``tree_pss_kib``: the largest sum, at one moment, of the tree's proportional set sizes (PSS:
  each resident page divided by the number of processes that map it), from the same samples
  (``/proc/<pid>/smaps_rollup``, or ``smaps`` on kernels without it; a process that ends or
  denies access counts 0). Linux only, else null; null too if no sample caught the command
  running (it ended within the first interval). Not floored like ``tree_rss_kib``: PSS has no
  exact counterpart to ``max_rss_kib``, so a peak shorter than the interval can be missed.

Why both tree figures, and why PSS is the fair one: digest's build forks its render workers
(``builder/util/parallel.py``), which share most of the parent's memory copy-on-write. The RSS sum
counts those shared pages once per worker, so it overstates what the build takes from the
machine (672 MiB summed for a build whose largest process was 279 MiB); the PSS sum counts each
page once, split among the processes sharing it, so it adds up to the memory the tree really
occupies (much as a cgroup's memory limit counts it: each page once). The RSS sum is kept as an
upper bound and to compare with earlier results. Shared library pages are divided with every
process on the machine that maps them, so a tree is charged only its share of those: for Hugo,
one process, PSS is close to its RSS minus its shared libraries.

Reading ``smaps_rollup`` walks the process's page tables, more work per sample than ``statm``,
but at the default interval and with a handful of processes that is small beside a build.

    python benchmarks/measure.py --result out.json -- python -m builder build
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")
PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024 if hasattr(os, "sysconf") else 4


def children_by_parent() -> dict[int, list[int]]:
    """Parent pid -> child pids, for every process visible in /proc."""
    tree: dict[int, list[int]] = {}
    for entry in os.scandir(PROC):
        if not entry.name.isdigit():
            continue
        try:
            stat = (PROC / entry.name / "stat").read_text()
        except OSError:  # the process ended while we looked
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])  # the name in (...) may hold spaces
        tree.setdefault(parent, []).append(int(entry.name))
    return tree


def descendants(root: int, tree: dict[int, list[int]]) -> Iterable[int]:
    pending = [root]
    while pending:
        pid = pending.pop()
        yield pid
        pending += tree.get(pid, [])


def resident_kib(pid: int) -> int:
    try:
        return int((PROC / str(pid) / "statm").read_text().split()[1]) * PAGE_KIB
    except (OSError, IndexError, ValueError):
        return 0


def proportional_kib(pid: int) -> int:
    """The process's PSS in KiB: the ``Pss:`` line of ``smaps_rollup`` (Linux 4.14+), else the
    ``Pss:`` lines of ``smaps`` summed (one per mapping); 0 if it ended or may not be read."""
    folder = PROC / str(pid)
    for name in ("smaps_rollup", "smaps"):
        try:  # bytes: smaps names mapped files, whose paths need not be UTF-8
            text = (folder / name).read_bytes()
        except FileNotFoundError:
            if not folder.is_dir():  # the process itself is gone, not just this file
                return 0
            continue
        except OSError:  # access denied, or it ended mid-read
            return 0
        try:
            return sum(int(line.split()[1]) for line in text.splitlines()
                       if line.startswith(b"Pss:"))
        except (IndexError, ValueError):
            return 0
    return 0


@dataclass(frozen=True)
class TreeMemory:
    """The process tree's memory at one moment, in KiB."""

    rss: int
    """Resident sizes added up: pages shared between processes count once per process."""
    pss: int
    """Proportional set sizes added up: each shared page counts once, split among its sharers."""


def tree_memory(root: int) -> TreeMemory:
    """Both sums over ``root`` and its descendants, from one listing of the tree."""
    pids = list(descendants(root, children_by_parent()))
    return TreeMemory(sum(resident_kib(pid) for pid in pids),
                      sum(proportional_kib(pid) for pid in pids))


def run(command: list[str], cwd: Path | None, timeout: float | None,
        interval: float) -> dict[str, float | int | None]:
    """Run ``command`` to its end (killed after ``timeout``), sampling its tree's memory.

    The end is seen by a thread blocked in ``wait()``, at the moment the command exits: polling
    between samples would add up to an interval to every wall time, a third of a no-op build's.
    """
    sample = PROC.is_dir()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd)
    ended = threading.Event()
    end = [0.0]

    def wait() -> None:
        process.wait()
        end[0] = time.perf_counter()
        ended.set()

    threading.Thread(target=wait, daemon=True).start()
    peak_rss, peak_pss = 0, None
    while not ended.is_set():
        if timeout is not None and time.perf_counter() - start > timeout:
            process.kill()
            ended.wait()
            break
        if sample:
            now = tree_memory(process.pid)
            peak_rss = max(peak_rss, now.rss)
            if now.pss:  # 0: nothing running to measure (an ended process, not yet reaped)
                peak_pss = max(peak_pss or 0, now.pss)
        ended.wait(interval)
    wall = end[0] - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    max_rss = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss
    return {"returncode": process.returncode, "wall_s": wall,
            "cpu_s": usage.ru_utime + usage.ru_stime, "max_rss_kib": max_rss,
            "tree_rss_kib": max(peak_rss, max_rss) if sample else None,
            "tree_pss_kib": peak_pss, "load": load}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--result", type=Path, required=True, help="JSON file to write")
    parser.add_argument("--cwd", type=Path, default=None, help="working folder of the command")
    parser.add_argument("--timeout", type=float, default=None, help="seconds before it is killed")
    parser.add_argument("--interval", type=float, default=0.1,
                        help="seconds between memory samples (default 0.1)")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- command and arguments")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command given after --")
    result = run(command, args.cwd, args.timeout, args.interval)
    args.result.write_text(json.dumps(result) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
