"""The search index's bytes do not depend on the order the file system lists the pages in.

Pagefind numbers a bundle's pages in the order it meets them, which is the order the file
system lists the site's folders: two file systems holding the same site (or one folder in
memory, from one build to the next) give the same pages other numbers. The build numbers them
anew by their content (:func:`builder.search.bundle.settle_bundle`), and every page and passage
sorts by a value of its own, so that a sort's order does not depend on the numbering either.
Here a real bundle is numbered in another order, as another file system would have it, and
settled again: the bytes must be the settled bundle's.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from builder.diagnostics import Abandoned
from builder.search import bundle
from builder.search.forms import add_fleeting_vowel_keys
from builder.session import build

DAY = "2020-04-17"
ENGLISH = [("talks", "Talks on trade", "Ministers discussed trade and the rings of pipelines."),
           ("vaccines", "Vaccine deliveries", "Deliveries of vaccines continued on the day."),
           ("floods", "Floods in the south", "Rain flooded the towns of the south."),
           ("summit", "Summit postponed", "The summit of the union was postponed again."),
           ("grain", "Grain exports", "Grain exports rose, ministers said on the day.")]
RUSSIAN = [("peregovory", "Переговоры о торговле", "Министры обсудили торговлю и отец делегации."),
           ("vakciny", "Поставки вакцин", "Поставки вакцин продолжились, колец не было."),
           ("navodnenie", "Наводнение на юге", "Ливень затопил города юга, уровень воды рос."),
           ("sammit", "Саммит отложен", "Саммит союза снова отложили на уровень ниже.")]


@pytest.fixture(scope="module")
def site(module_project: Any) -> Path:
    """A small bilingual site, every item on one day, several topics and outlets, indexed."""
    for number, (slug, title, body) in enumerate(ENGLISH):
        module_project.page(f"en/2020/04/{slug}.md", body, title=title, lang="en", date=DAY,
                            translation_key=slug, outlet=("mfa", "tass")[number % 2],
                            topics=[("csto", "covid-19")[number % 2]], summary=title + ".")
    for number, (slug, title, body) in enumerate(RUSSIAN):
        module_project.page(f"ru/2020/04/{slug}.md", body, title=title, lang="ru", date=DAY,
                            translation_key=ENGLISH[number][0],
                            outlet=("mfa", "tass")[number % 2],
                            topics=[("csto", "covid-19")[number % 2]], summary=title + ".")
    report = build(module_project.config(search=True))
    assert report.published and not report.errors, report.render_text()
    return module_project.root / "site"


def _data(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def _decoded(pages: list[list[Any]]) -> dict[int, list[Any]]:
    """A word's pages by number (Pagefind numbers each from the one before it)."""
    found, number = {}, 0
    for page in pages:
        number += page[0]
        found[number] = page
    return found


def _coded(pages: dict[int, list[Any]]) -> list[list[Any]]:
    coded, before = [], 0
    for number in sorted(pages):
        coded.append([number - before, *pages[number][1:]])
        before = number
    return coded


def _numbered_otherwise(folder: Path, seed: int) -> None:
    """Number the pages of every language's index of the bundle in ``folder`` in a shuffled
    order, as Pagefind does for a file system that lists them so: pages, words, forms, filters
    and sorts alike (a sort's order stays, only its numbers change)."""
    shuffle = random.Random(seed)
    entry = bundle.read_entry(folder)
    for info in entry["languages"].values():
        meta = bundle.read_meta(folder, info["hash"])
        count = len(meta[bundle.META_PAGES])
        new = list(range(count))
        while count > 1 and new == sorted(new):
            shuffle.shuffle(new)
        pages = [None] * count
        for old, page in enumerate(meta[bundle.META_PAGES]):
            pages[new[old]] = page
        meta[bundle.META_PAGES] = pages
        for chunk in meta[bundle.META_CHUNKS]:
            (words,) = bundle.read_data(folder / "index" / f"{chunk[2]}.pf_index")
            for word in words:
                word[1] = _coded({new[n]: p for n, p in _decoded(word[1]).items()})
                for form in word[2]:
                    form[1] = _coded({new[n]: p for n, p in _decoded(form[1]).items()})
            chunk[2] = bundle.rewrite(folder / "index", "{}.pf_index", chunk[2], [words],
                                      bundle.CHUNK_HASH_LENGTH)
        for listed in meta[bundle.META_FILTERS]:
            name, values = bundle.read_data(folder / "filter" / f"{listed[1]}.pf_filter")
            shuffle.shuffle(values)
            listed[1] = bundle.rewrite(folder / "filter", "{}.pf_filter", listed[1],
                                       [name, [[value, [new[page] for page in pages]]
                                               for value, pages in values]],
                                       bundle.FILTER_HASH_LENGTH)
        meta[bundle.META_SORTS] = [[name, [new[page] for page in pages]]
                                   for name, pages in meta[bundle.META_SORTS]]
        info["hash"] = bundle.rewrite(folder, "pagefind.{}.pf_meta", info["hash"], meta,
                                      bundle.META_HASH_LENGTH)
    bundle.write_entry(folder, entry)


@pytest.mark.parametrize("shard", ["en-2020", "ru-2020"])
def test_a_bundle_numbered_in_another_order_settles_to_the_same_bytes(site, tmp_path, shard):
    settled = site / "pagefind" / shard
    assert len(bundle.read_meta(settled, next(iter(
        bundle.read_entry(settled)["languages"].values()))["hash"])[bundle.META_PAGES]) >= 4
    again = tmp_path / "again"
    shutil.copytree(settled, again)
    bundle.settle_bundle(again, add_fleeting_vowel_keys)
    assert _data(again) == _data(settled)  # settling a settled bundle changes nothing
    for seed in range(3):
        other = tmp_path / f"other-{seed}"
        shutil.copytree(settled, other)
        _numbered_otherwise(other, seed)
        assert _data(other) != _data(settled)
        bundle.settle_bundle(other, add_fleeting_vowel_keys)
        assert _data(other) == _data(settled), seed


def test_no_two_pages_of_one_day_share_a_sort_value(site):
    values = [re.search(r'data-pagefind-sort="date:([^"]+)"', path.read_text(encoding="utf-8"))
              for path in sorted(site.glob("*/2020/04/*/index.html"))]
    found = [value.group(1) for value in values if value]
    assert len(found) == len(ENGLISH) + len(RUSSIAN)
    assert len(set(found)) == len(found)
    assert all(value.startswith(f"{DAY} /") for value in found)


@pytest.mark.parametrize("shard", ["en-2020", "ru-2020"])
def test_settling_a_bundle_is_given_up_between_two_chunks_or_pages(site, tmp_path, shard):
    """The live preview gives its search build up when a newer save comes; a shard's settling
    takes seconds at 1,000 pages, so it asks between its steps (a chunk read or written, a
    page's text read for the Russian keys), not once for the whole shard."""
    copy = tmp_path / shard
    shutil.copytree(site / "pagefind" / shard, copy)
    asked: list[int] = []

    def stopped() -> bool:
        asked.append(1)
        return len(asked) == 2

    with pytest.raises(Abandoned):
        bundle.settle_bundle(copy, add_fleeting_vowel_keys, stopped)
    assert len(asked) == 2  # asked as it went (after the first chunk read), given up at once
