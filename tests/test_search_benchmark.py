"""The search benchmark's queries (benchmarks/search_queries.json) fit the corpus they were made from."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from types import ModuleType

import pytest

from tests.conftest import REPO, SHARED

BENCHMARKS = REPO / "benchmarks"


def load_queries_module() -> ModuleType:
    """benchmarks/ is not a package: load the module from its file, its siblings importable."""
    if str(BENCHMARKS) not in sys.path:
        sys.path.append(str(BENCHMARKS))
    spec = importlib.util.spec_from_file_location("search_queries", BENCHMARKS / "search_queries.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def queries_and_articles() -> tuple[ModuleType, list, list]:
    if not (SHARED / "corpus" / "wmt-newstest2021" / "pairs.jsonl").is_file():
        pytest.skip("the shared news corpus (../shared/corpus/wmt-newstest2021) is not beside "
                    "this clone: the benchmark's queries cannot be checked against it")
    module = load_queries_module()
    return module, module.load(), module.load_articles()


def test_every_query_has_a_known_kind_and_a_language_with_a_hundred_queries_each(
        queries_and_articles) -> None:
    module, queries, _ = queries_and_articles
    assert all(query["kind"] in module.KINDS for query in queries)
    per_language = Counter(query["lang"] for query in queries)
    assert set(per_language) == {"en", "ru"} and min(per_language.values()) >= 100
    assert {query["kind"] for query in queries if query["lang"] == "ru"} == set(module.KINDS)


def test_every_query_names_an_article_of_the_corpus_holding_its_word_in_another_form(
        queries_and_articles) -> None:
    module, queries, articles = queries_and_articles
    keys = {(article.key, article.lang) for article in articles}
    for query in queries:
        if query["kind"] != "absent":
            assert (query["expect"], query["lang"]) in keys, query
    assert [(q["query"], p) for q in queries for p in module.problems(q, articles)] == []


def test_absent_words_occur_in_no_text_of_either_language(queries_and_articles) -> None:
    module, queries, articles = queries_and_articles
    absent = [query for query in queries if query["kind"] == "absent"]
    assert absent
    texts = [module.fold(article.text) for article in articles]
    for query in absent:
        assert query["expect"] is None
        assert not any(module.fold(query["query"])[:5] in text for text in texts), query
