"""Live preview under steady editing: saves a fixed interval apart, each timed until it is served.

In: a corpus folder written by ``benchmarks/corpus.py``. The command starts ``python -m builder
--project ROOT serve`` on a free port of 127.0.0.1 (as :mod:`preview` does, with ``[build]
search`` set as asked, on by default), waits for its first build and for search to have caught
up, then saves the corpus's edited article (:class:`edit.ArticleEditor`) ``--saves`` times, a
new sentence each time, one save every ``--interval`` seconds. After each save it asks for the
article's page every 10 ms until the page holds the new sentence: **save → served**. The next
save comes ``--interval`` seconds after the one before, or at once if this one took longer to be
served. After the last save it waits until the preview's status says no search shard is pending
any more: **last save → search caught up**. Then it stops the server as Ctrl-C would, and checks
that it stopped cleanly and left no process behind.

An editor's project has a raw source beside every page: run ``benchmarks/sources.py`` on the
corpus first to measure that (every build then asks the ingest stage whether any source is new,
though none is).

Why: :mod:`preview` measures a save made once the preview is idle, search caught up. An editor
saves every few seconds, and a save that arrives while the preview is still indexing the search
shards of the one before is the case this measures: the time is from the write to the page a
browser gets, polled as a reloading browser would ask for it (the event stream is not needed
for that). Out: one JSON line (every latency) and a summary with the median and the worst.

    python benchmarks/cadence.py CORPUS [--saves 12] [--interval 1.5] [--no-search]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from edit import ArticleEditor
from preview import (
    HOST,
    REPO,
    PreviewError,
    free_port,
    get,
    get_status,
    stop,
    wait_until_served,
)
from run import search_setting

POLL_SECONDS = 0.01
"""Between two requests for the saved page: the resolution of every figure."""
READ_TIMEOUT = 60.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="a folder written by benchmarks/corpus.py")
    parser.add_argument("--saves", type=int, default=12, help="saves to time (default 12)")
    parser.add_argument("--interval", type=float, default=1.5,
                        help="seconds from one save to the next (default 1.5)")
    parser.add_argument("--no-search", action="store_true", help="the preview without search")
    parser.add_argument("--timeout", type=float, default=600.0,
                        help="seconds any one wait may take (default 600)")
    parser.add_argument("--log", type=Path, default=None,
                        help="where the server's output goes (default: serve.log in the corpus)")
    args = parser.parse_args(argv)
    root = args.corpus.resolve()
    editor = ArticleEditor(root)
    log = args.log or root / "serve.log"
    with search_setting(root, not args.no_search):
        outcome = measure(root, editor, args.saves, args.interval, not args.no_search,
                          args.timeout, log)
    print(json.dumps(outcome))
    served = outcome["served_s"]
    if served:
        print(f"save -> served, {len(served)} saves {args.interval} s apart: median "
              f"{1000 * statistics.median(served):.0f} ms, worst {1000 * max(served):.0f} ms"
              + (f"; last save -> search caught up: {outcome['caught_up_s']:.2f} s"
                 if outcome["caught_up_s"] is not None else ""), file=sys.stderr)
    if outcome["problem"]:
        print(f"cadence: {outcome['problem']}", file=sys.stderr)
        return 1
    return 0


def measure(root: Path, editor: ArticleEditor, saves: int, interval: float, search: bool,
            timeout: float, log: Path) -> dict[str, object]:
    """Serve ``root``, save ``saves`` times ``interval`` apart, stop; what was measured."""
    port = free_port()
    command = [sys.executable, "-m", "builder", "--project", str(root), "serve",
               "--host", HOST, "--port", str(port)]
    served: list[float] = []
    caught_up = first_build = None
    problem: str | None = None
    with log.open("w", encoding="utf-8") as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=REPO, stdout=output, stderr=subprocess.STDOUT,
                                   text=True, start_new_session=True)
        try:
            wait_until_served(port, process, timeout)
            first_build = time.perf_counter() - start
            search_caught_up(port, 0, time.monotonic() + timeout)
            next_save = time.monotonic()
            for number in range(1, saves + 1):
                time.sleep(max(0.0, next_save - time.monotonic()))
                builds = get_status(port, READ_TIMEOUT)["builds"]
                saved = time.monotonic()
                added = editor.apply(f"cadence-{number}")
                served.append(until_served(port, editor.url_path, added, saved + timeout) - saved)
                next_save = saved + interval
            if search:
                caught_up = search_caught_up(port, builds + 2, saved + timeout) - saved
        except PreviewError as exc:
            problem = str(exc)
        except (OSError, http.client.HTTPException) as exc:  # the server went away mid-request
            problem = f"{type(exc).__name__}: {exc}"
        finally:
            stopped = stop(process, output)
            editor.restore()
    return {"pages": sum(1 for _ in (root / "content" / "articles").rglob("*.md")),
            "load": os.getloadavg()[0], "first_build_s": first_build, "served_s": served,
            "caught_up_s": caught_up, "problem": problem or stopped}


def until_served(port: int, path: str, added: str, deadline: float) -> float:
    """When ``path`` was first served with ``added`` in it (``time.monotonic``)."""
    while time.monotonic() < deadline:
        if added.encode() in get(port, path, READ_TIMEOUT):
            return time.monotonic()
        time.sleep(POLL_SECONDS)
    raise PreviewError(f"{path} was not served with the saved text in time")


def search_caught_up(port: int, builds: int, deadline: float) -> float:
    """When the status first said no search shard was pending after ``builds`` builds
    (``time.monotonic``): a save's page build and the search build after it make two."""
    while time.monotonic() < deadline:
        status = get_status(port, READ_TIMEOUT)
        if status["builds"] >= builds and not status.get("search_pending"):
            return time.monotonic()
        time.sleep(POLL_SECONDS)
    raise PreviewError("search did not catch up in time")


if __name__ == "__main__":
    raise SystemExit(main())
