"""Search quality: the site's search against one plain Pagefind index, on real news text.

In (command line): ``--site DIR``, ``--baseline DIR`` and ``--whole DIR`` (evaluate sites
already built instead of building the corpus), ``--keep DIR`` (build the project and the sites
into DIR and leave them there), ``--queries FILE`` (default ``benchmarks/search_queries.json``),
``--json FILE`` (every query's outcome), ``--misses`` (list what each site missed, and the
searches where the merged shards and the whole index differ).

Unless all three sites are given, the 107 texts of ``../shared/corpus/wmt-newstest2021/`` become
a digest project of 214 pages (:mod:`search_corpus`: dated over 2019-2021, so each language has
three search shards), built and indexed three ways:

- **site**: ``python -m builder build``, search on: the index in shards, one per language and
  year, merged in the browser by the site's engine module ``/assets/search-engine/pagefind.js``;
- **baseline**: the same HTML pages without ``pagefind/``, indexed by Pagefind alone
  (``python -m pagefind --site DIR``): one index per language, ``/pagefind/pagefind.js``;
- **whole**: the same HTML pages indexed by the builder's search stage as one index per language
  (``index_site(..., sharded=False)``: the same sealed words, no shards), searched through the
  same engine module as the site (:mod:`shard_equivalence`).

Each site is served over HTTP on 127.0.0.1; headless Chromium (Playwright, Debian's
``/usr/bin/chromium``, every request elsewhere refused) opens ``/<lang>/search/``, imports the
engine module, and runs every query of that language (:mod:`search_queries`) with
``createInstance({}).search(query)``, taking each result's URL from ``await result.data()``.

Out: a Markdown table on stdout: per language and site, recall@5 (share of the queries with an
expected article that have it among the first five results), MRR (mean of 1/rank of the
expected article, 0 when absent), mean results per query, the share of ``absent`` queries that
return anything, and recall@5 per kind (site and baseline); then a second table, merged shards
vs one whole index (:mod:`shard_equivalence`): per language and order (relevance, newest
first), over every query without a filter and with a topic and a year filter, the share of
searches with the same result set, the same top five in order, the same results in order, the
mean Kendall tau over the results both found, and the same filter counts. Progress on stderr.
Exit status 2 when the benchmark cannot be set up (no corpus, a failed build, no Chromium), 1 if
a query file problem is found.

    .venv/bin/python benchmarks/search_quality.py [--misses] [--json FILE] [--keep DIR]
    .venv/bin/python benchmarks/search_quality.py --site DIR --baseline DIR --whole DIR
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from search_corpus import LANGUAGES, Article, CorpusMissing, load_articles, write_project
from search_queries import KINDS, QUERIES_FILE, load, problems
from shard_equivalence import RUN_CASES, cases, compare, differences
from shard_equivalence import table as equivalence_table

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ENGINES = {"site": "/assets/search-engine/pagefind.js", "baseline": "/pagefind/pagefind.js",
           "whole": "/assets/search-engine/pagefind.js"}
"""The engine module each site's search page uses."""
QUALITY = ("site", "baseline")
"""The sites whose search quality the first table compares."""
TOP = 5
RUN_QUERIES = """async ({engine, cases}) => {
  const module = await import(engine);
  const instance = module.createInstance({});
  const answers = [];
  for (const {query} of cases) {
    const started = performance.now();
    const response = await instance.search(`${query} `);
    const ms = performance.now() - started;
    const pages = await Promise.all((response?.results ?? []).map((result) => result.data()));
    answers.push({urls: pages.map((page) => page.url), ms});
  }
  return answers;
}"""
"""Every query of one language, as complete (followed by a space, as a link's ?q= is read: no
word is taken as one still being typed), with the time its search took."""


class SetupError(Exception):
    """The benchmark cannot run (the message says why, in one line)."""


# ---------------------------------------------------------------- the three sites


def build_sites(articles: Sequence[Article], work: Path) -> dict[str, Path]:
    """The project at ``work/project``, its site, the baseline at ``work/baseline`` and the
    whole index at ``work/whole``."""
    project = work / "project"
    if project.exists():
        shutil.rmtree(project)
    write_project(project, articles)
    print(f"building {len(articles)} pages in {project}", file=sys.stderr)
    _run([sys.executable, "-m", "builder", "--project", str(project), "build"], "digest build")
    site = project / "site"
    baseline = work / "baseline"
    if baseline.exists():
        shutil.rmtree(baseline)
    shutil.copytree(site, baseline, ignore=shutil.ignore_patterns("pagefind"))
    print(f"indexing {baseline} with Pagefind alone", file=sys.stderr)
    _run([sys.executable, "-m", "pagefind", "--site", str(baseline), "--quiet"], "pagefind")
    whole = work / "whole"
    index_whole(project, site, whole)
    return {"site": site, "baseline": baseline, "whole": whole}


def index_whole(project: Path, site: Path, whole: Path) -> None:
    """``site``'s pages copied to ``whole`` and indexed by the builder as one index a language."""
    from builder.config import load_config
    from builder.i18n import load_catalogs
    from builder.index import build_model
    from builder.read import read_articles
    from builder.search import index_site

    if whole.exists():
        shutil.rmtree(whole)
    shutil.copytree(site, whole, ignore=shutil.ignore_patterns("pagefind"))
    print(f"indexing {whole} as one index a language", file=sys.stderr)
    config = load_config(project).with_output(site, search=True)
    catalogs = load_catalogs(config)
    model, _ = build_model(read_articles(config, catalogs.fragment_languages).articles, config)
    index_site(whole, model, catalogs, sharded=False)


def _run(command: list[str], name: str) -> None:
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        last = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        raise SetupError(f"{name} failed (exit {done.returncode}): {last[0]}")


@contextmanager
def served(root: Path) -> Iterator[str]:
    """``root`` over HTTP on 127.0.0.1: the base URL."""
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def ask(sites: dict[str, Path], searches: Sequence[dict[str, Any]],
        script: str = RUN_QUERIES) -> dict[str, list[Any]]:
    """Every search (``{"lang", "query", ...}``) on every site, run by ``script``: name -> the
    answer to each search (by default, the URLs it found, in rank order)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as missing:
        raise SetupError(f"Playwright is not installed ({missing})") from None
    if not CHROMIUM.is_file():
        raise SetupError(f"{CHROMIUM} is missing (apt-get install chromium)")
    answers: dict[str, list[Any]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for name, root in sites.items():
                found: list[Any] = [None for _ in searches]
                with served(root) as base:
                    for lang in LANGUAGES:
                        mine = [n for n, q in enumerate(searches) if q["lang"] == lang]
                        page = browser.new_page()
                        page.route("**/*", lambda route: route.continue_()
                                   if route.request.url.startswith(base) else route.abort())
                        page.goto(f"{base}/{lang}/search/")
                        urls = page.evaluate(script, {
                            "engine": ENGINES[name],
                            "cases": [searches[n] for n in mine]})
                        page.close()
                        for n, result in zip(mine, urls, strict=True):
                            found[n] = result
                answers[name] = found
        finally:
            browser.close()
    return answers


# ---------------------------------------------------------------- figures


def outcomes(queries: Sequence[dict[str, Any]], articles: Sequence[Article],
             answers: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """One record per query and site: what it found, where the expected article ranked, and
    how long the search took."""
    urls = {(a.key, a.lang): a.url for a in articles}
    records = []
    for name, found in answers.items():
        for query, answer in zip(queries, found, strict=True):
            results = answer["urls"]
            pages = list(dict.fromkeys(url.split("#")[0] for url in results))
            expected = urls.get((query["expect"], query["lang"])) if query["expect"] else None
            rank = pages.index(expected) + 1 if expected in pages else None
            records.append({"site": name, **query, "expected_url": expected, "rank": rank,
                            "results": len(results), "top": pages[:TOP],
                            "ms": answer["ms"]})
    return records


def figures(records: Sequence[dict[str, Any]], lang: str, name: str) -> dict[str, float | None]:
    mine = [r for r in records if r["lang"] == lang and r["site"] == name]
    expecting = [r for r in mine if r["expect"]]
    absent = [r for r in mine if r["kind"] == "absent"]

    def recall(rows: Sequence[dict[str, Any]]) -> float | None:
        return sum(1 for r in rows if r["rank"] and r["rank"] <= TOP) / len(rows) if rows else None

    row: dict[str, float | None] = {
        "queries": len(mine),
        f"recall@{TOP}": recall(expecting),
        "MRR": sum(1 / r["rank"] for r in expecting if r["rank"]) / len(expecting)
        if expecting else None,
        "results per query": sum(r["results"] for r in mine) / len(mine) if mine else None,
        "absent queries finding anything": sum(1 for r in absent if r["results"]) / len(absent)
        if absent else None,
        "ms per query, median": _quantile([r["ms"] for r in mine], 0.5),
        "ms per query, 90th percentile": _quantile([r["ms"] for r in mine], 0.9),
    }
    for kind in KINDS:
        if kind != "absent":
            row[f"recall@{TOP}, {kind}"] = recall([r for r in expecting if r["kind"] == kind])
    return row


def _quantile(values: Sequence[float], share: float) -> float | None:
    """The value below which ``share`` of ``values`` lie (the nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else None


def table(records: Sequence[dict[str, Any]]) -> str:
    columns = [(lang, name) for lang in LANGUAGES for name in QUALITY]
    rows = {column: figures(records, *column) for column in columns}
    head = "| figure | " + " | ".join(f"{lang} {name}" for lang, name in columns) + " |"
    lines = [head, "|---|" + "---:|" * len(columns)]
    for figure in rows[columns[0]]:
        cells = [_cell(rows[column][figure], figure) for column in columns]
        lines.append(f"| {figure} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _cell(value: float | None, figure: str) -> str:
    if value is None:
        return "–"
    return f"{value:.0f}" if figure == "queries" or figure.startswith("ms") else \
        f"{value:.1f}" if figure == "results per query" else f"{value:.3f}"


def misses(records: Sequence[dict[str, Any]]) -> str:
    lines = []
    for name in QUALITY:
        lines.append(f"\n### Misses: {name}\n")
        for r in records:
            if r["site"] != name:
                continue
            top3 = ", ".join(r["top"][:3]) or "nothing"
            if r["expect"] and not (r["rank"] and r["rank"] <= TOP):
                where = f"rank {r['rank']}" if r["rank"] else "not found"
                lines.append(f"- {r['lang']} {r['kind']} «{r['query']}» (text: {r['text']}; "
                             f"{r['expected_url']}: {where}; {r['results']} results): {top3}")
            elif not r["expect"] and r["results"]:
                lines.append(f"- {r['lang']} absent «{r['query']}»: {r['results']} results: {top3}")
    return "\n".join(lines)


# ---------------------------------------------------------------- command


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a site the builder already built")
    parser.add_argument("--baseline", type=Path, help="the same pages indexed by Pagefind alone")
    parser.add_argument("--whole", type=Path,
                        help="the same pages indexed by the builder as one index a language")
    parser.add_argument("--keep", type=Path, help="build into this folder and leave it there")
    parser.add_argument("--queries", type=Path, default=QUERIES_FILE)
    parser.add_argument("--json", type=Path, help="write every query's outcome to this file")
    parser.add_argument("--misses", action="store_true",
                        help="list the queries each site missed and where shards and whole differ")
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        articles = load_articles()
        queries = load(args.queries)
        bad = [f"{q.get('query')!r}: {p}" for q in queries for p in problems(q, articles)]
        if bad:
            print(f"search_quality: {len(bad)} bad queries, first: {bad[0]}", file=sys.stderr)
            return 1
        with _work_folder(args.keep) as work:
            sites = {"site": args.site, "baseline": args.baseline, "whole": args.whole}
            if not all(sites.values()):
                built = build_sites(articles, work)
                sites = {name: given or built[name] for name, given in sites.items()}
            for root in sites.values():
                if not (Path(root) / "pagefind" / "pagefind.js").is_file():
                    raise SetupError(f"{root} has no pagefind/pagefind.js: not a searchable site")
            roots = {name: Path(root) for name, root in sites.items()}
            print(f"asking {len(queries)} queries of each site in Chromium", file=sys.stderr)
            answers = ask({name: roots[name] for name in QUALITY}, queries)
            searches = cases(queries, articles)
            print(f"asking {len(searches)} searches of the site and the whole index",
                  file=sys.stderr)
            equivalence = compare(searches, ask({"site": roots["site"],
                                                 "whole": roots["whole"]}, searches, RUN_CASES))
    except (CorpusMissing, SetupError) as failure:
        print(f"search_quality: {failure}", file=sys.stderr)
        return 2
    records = outcomes(queries, articles, answers)
    print(f"Search quality on {len(articles)} pages of wmt-newstest2021, "
          f"{len(queries)} queries ({args.queries.name}); site: {sites['site']}, "
          f"baseline: {sites['baseline']}, whole: {sites['whole']}\n")
    print(table(records))
    print(f"\nMerged shards vs one whole index, {len(equivalence)} searches (every query without "
          "a filter, with its article's topic and with its year; by relevance and newest first)"
          "\n")
    print(equivalence_table(equivalence))
    if args.misses:
        print(misses(records))
        print(differences(equivalence))
    if args.json:
        everything = {"quality": records, "equivalence": equivalence}
        args.json.write_text(json.dumps(everything, ensure_ascii=False, indent=1) + "\n",
                             encoding="utf-8")
    print(f"done in {time.monotonic() - started:.0f} s", file=sys.stderr)
    return 0


@contextmanager
def _work_folder(keep: Path | None) -> Iterator[Path]:
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        yield keep.resolve()
        return
    with tempfile.TemporaryDirectory(prefix="digest-search-bench-") as scratch:
        yield Path(scratch)


if __name__ == "__main__":
    sys.exit(main())
