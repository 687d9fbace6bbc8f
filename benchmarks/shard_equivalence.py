"""Shard equivalence: the merged year shards against one whole index of the same pages.

Issue 23 asks that the year shards return what one index returns: the same pages, in the same
relevance order within a small tolerance, the same filter counts. :mod:`search_quality` builds a
third site for it, **whole**: the built site's pages re-indexed by
``builder.search.index_site(..., sharded=False)`` (the same sealed words, one index per
language), searched through the same engine module, ``/assets/search-engine/pagefind.js``,
which with no shards searches the one index.

In: the queries of :mod:`search_queries` and the corpus articles. :func:`cases` makes the
searches: every query without a filter, again with the ``topic`` filter of its expected article
(its first topic, as labelled in the query's language) where it has one, and again with the
``year`` filter (the expected article's year; an ``absent`` query, which has none, takes the
years in turn); each in relevance order and sorted newest first (the engine's ``setSort``).
:data:`RUN_CASES` runs them in the browser; each answer is the result URLs in order and
``response.filters`` (the engine has removed its own ``digest-shard`` filter).

Out: :func:`compare` gives one record per search, :func:`table` the Markdown table of shares
per language and order, :func:`differences` the searches whose answers differ.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations
from pathlib import Path
from typing import Any

import yaml
from search_corpus import LANGUAGES, REPO, Article

SITES = ("site", "whole")
"""The two sites compared: the merged shards first, the whole index second."""
SORTS = ("relevance", "newest")
FILTERS = ("none", "topic", "year")
FILTER_NAMES = {"none": "no filter", "topic": "topic filter", "year": "year filter"}
TOP = 5
YEARS = ("2019", "2020", "2021")
"""The shards' years: an ``absent`` query's year filter takes them in turn."""
RUN_CASES = """async ({engine, cases}) => {
  const module = await import(engine);
  const instance = module.createInstance({});
  const answers = [];
  for (const {query, filters, sort} of cases) {
    module.setSort(sort);
    const response = await instance.search(query, {filters});
    const pages = await Promise.all((response?.results ?? []).map((result) => result.data()));
    answers.push({urls: pages.map((page) => page.url), filters: response?.filters ?? {}});
  }
  module.setSort("relevance");
  return answers;
}"""
"""Every search of one language, through the engine's own sort; answers in the cases' order."""


def topic_labels(topics_file: Path = REPO / "content" / "topics.yaml",
                 ) -> dict[tuple[str, str], str]:
    """(topic key, language) -> the label the pages show, which is the ``topic`` filter value."""
    with topics_file.open(encoding="utf-8") as file:
        topics = yaml.safe_load(file)
    return {(key, lang): topic["label"][lang] for key, topic in topics.items()
            for lang in topic["label"]}


def cases(queries: Sequence[dict[str, Any]], articles: Sequence[Article]) -> list[dict[str, Any]]:
    """Every search to run on both sites: query, language, filter, filters, sort."""
    by_key = {(a.key, a.lang): a for a in articles}
    labels = topic_labels()
    made = []
    for number, query in enumerate(queries):
        article = by_key.get((query["expect"], query["lang"])) if query["expect"] else None
        variants: list[tuple[str, dict[str, str]]] = [("none", {})]
        if article and article.topics:
            variants.append(("topic", {"topic": labels[(article.topics[0], article.lang)]}))
        year = f"{article.date:%Y}" if article else YEARS[number % len(YEARS)]
        variants.append(("year", {"year": year}))
        for sort in SORTS:
            for name, filters in variants:
                made.append({"lang": query["lang"], "kind": query["kind"], "query": query["query"],
                             "filter": name, "filters": filters, "sort": sort})
    return made


def kendall_tau(first: Sequence[str], second: Sequence[str]) -> float | None:
    """Kendall's tau between two orders over the items both hold (None if fewer than two)."""
    held = set(second)
    common = [item for item in first if item in held]
    if len(common) < 2:
        return None
    place = {item: rank for rank, item in enumerate(second)}
    concordant = sum(1 if place[a] < place[b] else -1 for a, b in combinations(common, 2))
    return concordant / (len(common) * (len(common) - 1) / 2)


def compare(searches: Sequence[dict[str, Any]],
            answers: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """One record per search: both answers and how they agree."""
    records = []
    for search, ours, whole in zip(searches, answers["site"], answers["whole"], strict=True):
        mine, theirs = ours["urls"], whole["urls"]
        records.append({
            **search,
            "same set": sorted(mine) == sorted(theirs),
            f"same top {TOP}": mine[:TOP] == theirs[:TOP],
            "same order": mine == theirs,
            "tau": kendall_tau(mine, theirs),
            "same filter counts": ours["filters"] == whole["filters"],
            "site": ours, "whole": whole,
        })
    return records


def figures(records: Sequence[dict[str, Any]]) -> dict[str, float | None]:
    taus = [r["tau"] for r in records if r["tau"] is not None]

    def share(field: str) -> float | None:
        return sum(1 for r in records if r[field]) / len(records) if records else None

    return {
        "searches": len(records),
        "same result set": share("same set"),
        f"same top {TOP}, in order": share(f"same top {TOP}"),
        "same results, in order": share("same order"),
        "Kendall tau over common results (mean)": sum(taus) / len(taus) if taus else None,
        "searches with two or more common results": len(taus),
        "same filter counts": share("same filter counts"),
        **{f"identical answers, {FILTER_NAMES[name]}": identical(records, name)
           for name in FILTERS},
    }


def identical(records: Sequence[dict[str, Any]], filter_name: str) -> float | None:
    """The share of the searches with ``filter_name`` whose answers are identical: the same
    results in the same order, and the same filter counts."""
    mine = [r for r in records if r["filter"] == filter_name]
    return (sum(1 for r in mine if r["same order"] and r["same filter counts"]) / len(mine)
            if mine else None)


def table(records: Sequence[dict[str, Any]]) -> str:
    """Merged shards vs one whole index: a column per language and order."""
    columns = [(lang, sort) for lang in LANGUAGES for sort in SORTS]
    rows = {c: figures([r for r in records if (r["lang"], r["sort"]) == c]) for c in columns}
    lines = ["| merged shards vs one whole index | "
             + " | ".join(f"{lang} {sort}" for lang, sort in columns) + " |",
             "|---|" + "---:|" * len(columns)]
    for figure in rows[columns[0]]:
        cells = ["–" if (value := rows[c][figure]) is None
                 else f"{value:.0f}" if figure.startswith("searches") else f"{value:.3f}"
                 for c in columns]
        lines.append(f"| {figure} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def differences(records: Sequence[dict[str, Any]]) -> str:
    """The searches whose two answers differ, and how (one line each)."""
    lines = ["\n### Merged shards vs whole index: searches that differ\n"]
    for r in records:
        if r["same order"] and r["same filter counts"]:
            continue
        mine, theirs = r["site"]["urls"], r["whole"]["urls"]
        what = []
        if not r["same set"]:
            only_site = len(set(mine) - set(theirs))
            only_whole = len(set(theirs) - set(mine))
            what.append(f"results {len(mine)} vs {len(theirs)} "
                        f"({only_site} only merged, {only_whole} only whole)")
        elif not r["same order"]:
            moved = ", ".join(f"{_short(url)} {mine.index(url) + 1}→{theirs.index(url) + 1}"
                              for url in mine[:TOP] if mine.index(url) != theirs.index(url))
            tau = f"tau {r['tau']:.2f}" if r["tau"] is not None else "tau –"
            what.append(f"order ({tau}; merged rank→whole rank: {moved or 'below the top'})")
        if not r["same filter counts"]:
            what.append("filter counts: " + _counts_differ(r["site"]["filters"],
                                                           r["whole"]["filters"]))
        chosen = ", ".join(f"{k}={v}" for k, v in r["filters"].items()) or "no filter"
        lines.append(f"- {r['lang']} {r['sort']} «{r['query']}» ({r['kind']}, {chosen}): "
                     + "; ".join(what))
    if len(lines) == 1:
        lines.append("none")
    return "\n".join(lines)


def _short(url: str) -> str:
    """The slug of a page's address (and its fragment), enough to tell results apart."""
    page, _, fragment = url.partition("#")
    return page.rstrip("/").rsplit("/", 1)[-1][:24] + (f"#{fragment}" if fragment else "")


def _counts_differ(ours: dict[str, Any], whole: dict[str, Any]) -> str:
    differing = [f"{name}/{value}: {ours.get(name, {}).get(value)} vs "
                 f"{whole.get(name, {}).get(value)}"
                 for name in sorted(set(ours) | set(whole))
                 for value in sorted(set(ours.get(name, {})) | set(whole.get(name, {})))
                 if ours.get(name, {}).get(value) != whole.get(name, {}).get(value)]
    return ", ".join(differing[:4]) + (f" (+{len(differing) - 4} more)"
                                        if len(differing) > 4 else "")
