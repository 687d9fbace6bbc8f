"""The keys a Russian index gets for the forms the stemmer keeps apart (builder/search/forms.py).

What is held: a form with a fleeting vowel gives its word's key without the vowel, on the pages
that hold it, and nothing else does (город, Игорь, лишение, Ливония); a new key goes into the
chunk whose range holds it, or widens the range of the chunk before its gap.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from builder.search import bundle
from builder.search.forms import add_fleeting_vowel_keys, keys_to_add, without_fleeting_vowel


@pytest.mark.parametrize(("word", "forms"), [
    ("колец", ("колц", "кольц")),  # кольца
    ("отец", ("отц",)),
    ("уровень", ("уровн",)),
    ("гонок", ("гонк", "гоньк")),
    ("Певец", ("певц",)),
    ("ребёнок", ("ребенк", "ребеньк")),
    ("боец", ("боиц",)),  # бойца, й read as и
    ("церковь", ("церкв",)),
    ("город", ()),  # not горд (гордый)
    ("Игорь", ()),  # Игоря
    ("Олег", ()),  # not Ольга
    ("ливней", ()),  # its key is ливн already
    ("лев", ()),  # too short to tell
])
def test_a_form_with_a_fleeting_vowel_is_also_asked_without_it(word: str, forms: tuple[str, ...]):
    assert without_fleeting_vowel(word) == forms


def test_only_a_form_that_is_its_own_stem_gives_a_key_and_on_its_pages_only():
    pages = ["Рисунок олимпийских колец.", "Лишение прав.", "В Ливонии.", "Уровень воды, отец."]
    assert keys_to_add(pages) == {
        "колц": {"колец": [0]}, "кольц": {"колец": [0]},
        "рисунк": {"рисунок": [0]}, "рисуньк": {"рисунок": [0]},  # рисунка
        "отц": {"отец": [3]}, "уровн": {"уровен": [3]},
    }  # «лишен» (лишение) and «ливон» (Ливонии) are stems of longer forms: no «лишн», «ливн»


def _write_bundle(folder: Path, chunks: list[tuple[str, str, list[str]]], texts: list[str]) -> None:
    """A Russian bundle as Pagefind 1.5 writes it: a fragment per text, the words of each chunk
    on every page (each page numbered from the one before it), at word position 1."""
    (folder / "index").mkdir(parents=True)
    (folder / "fragment").mkdir()
    fragments = []
    for number, text in enumerate(texts):
        name = f"ru_{number:07d}"
        payload = json.dumps({"url": f"/{number}/", "content": text, "meta": {"title": "T"}})
        (folder / "fragment" / f"{name}.pf_fragment").write_bytes(
            bundle.SIGNATURE + payload.encode())
        fragments.append([name, len(text.split())])
    named = []
    for placeholder in ["index/ru_0.pf_index", "index/ru_1.pf_index", "pagefind.ru_0.pf_meta"]:
        (folder / placeholder).write_bytes(b"")  # renamed by content as it is written
    for number, (first, last, words) in enumerate(chunks):
        data = [[[word, [[1 if page else 0, [1], []] for page in range(len(texts))], []]
                 for word in words]]
        named.append([first, last, bundle.rewrite(folder / "index", "{}.pf_index", f"ru_{number}",
                                                   data, bundle.CHUNK_HASH_LENGTH)])
    meta = ["1.5.2", fragments, named, [], [], []]
    bundle.write_entry(folder, {"version": "1.5.2", "languages": {"ru": {
        "hash": bundle.rewrite(folder, "pagefind.{}.pf_meta", "ru_0", meta,
                               bundle.META_HASH_LENGTH),
        "wasm": "ru", "page_count": len(texts)}}})


def _chunks(folder: Path) -> list[tuple[str, str, list[str]]]:
    info = bundle.read_entry(folder)["languages"]["ru"]
    meta = bundle.read_meta(folder, info["hash"])
    return [(first, last, [word[0] for word in
                           bundle.read_data(folder / "index" / f"{name}.pf_index")[0]])
            for first, last, name in meta[bundle.META_CHUNKS]]


def test_a_new_key_goes_into_the_chunk_whose_range_holds_it_or_widens_the_one_before(tmp_path):
    _write_bundle(tmp_path, [("автор", "колец", ["автор", "колец"]),
                             ("отец", "уровен", ["отец", "уровен"])],
                  ["прочее", "колец", "уровень", "отец и уровень и автор"])
    bundle.settle_bundle(tmp_path, add_fleeting_vowel_keys)
    sealed = [(first, last, [word + bundle.WORD_END for word in words]) for first, last, words in [
        ("автор", "кольц", ["автор", "автр", "колец", "колц", "кольц"]),  # кольц widens it
        ("отец", "уровн", ["отец", "отц", "уровен", "уровн"]),
    ]]
    assert _chunks(tmp_path) == sealed  # the ranges as they were, the words sealed
    words = {word[0].removesuffix(bundle.WORD_END): word
             for chunk in _chunks_data(tmp_path) for word in chunk}
    assert words["кольц"][1] == [[1, [1], []]]  # page 1, where колец is
    assert words["уровн"][1] == [[2, [1], []], [1, [1], []]]  # pages 2 and 3: 2, then 1 more
    assert words["отц"][1] == [[3, [1], []]]


def _chunks_data(folder: Path) -> list[list[list]]:
    info = bundle.read_entry(folder)["languages"]["ru"]
    meta = bundle.read_meta(folder, info["hash"])
    return [bundle.read_data(folder / "index" / f"{name}.pf_index")[0]
            for _, _, name in meta[bundle.META_CHUNKS]]


def test_keys_made_in_threads_at_once_are_the_keys_made_in_one():
    """Keys may be made in several threads at once (bundles were settled in threads before
    they were settled in worker processes, and a process may still hold more than one):
    Snowball's stemmers keep state while they stem a word, so a shared one gave wrong stems,
    or failed a build (``string index out of range``)."""
    import sys
    from concurrent.futures import ThreadPoolExecutor

    pages = ["Рисунок олимпийских колец и уровень воды.", "Отец и ребёнок, бойцы и певец."] * 40
    expected = keys_to_add(pages)
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible, inside a word's stemming
    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            found = list(pool.map(lambda _: keys_to_add(pages), range(16)))
    finally:
        sys.setswitchinterval(interval)
    assert all(keys == expected for keys in found)
