"""Index keys for the Russian forms the stemmer keeps apart: a noun's fleeting vowel.

In: a language's index of a Pagefind bundle, in memory, in canonical order, before its words are
sealed (:func:`builder.search.bundle.settle_bundle`). Out: the same index, in which, if Russian,
every page holding a word in a form with a fleeting vowel (колец, отец, уровень, гонок, ливень)
also holds that word's stem without the vowel (кольц, отц, уровн, гонк,
ливн), the stem its other forms have (кольца, отца, уровня, гонка, ливня): Snowball stems the
two kinds of form apart, so that neither found the other.

The key without the vowel is enough for both directions, because the search page's engine asks
a query word in such a form without its vowel too (``templates/assets/search-engine/
pagefind.js``, ``fleetingForms``, the same rule as :func:`without_fleeting_vowel`), and keeps
that form when it finds pages the word itself does not. Inserting a vowel would have to guess
which («ливн» with «о» is «ливон», the stem of Ливония); dropping one can be wrong too («город»,
«горд»), so the rule is narrow, and measured on every word form of the news corpus
(``benchmarks/search_quality.py``'s): it applies to the word as written, not to a stem (a stem
«лишен» comes from «лишение», whose key «лишн» would be «лишний»'s), only to a form that is its
own stem (the nominative or genitive plural that ends in the vowel's syllable, with a soft sign
or not), and only to the consonants such syllables end in (-ец, -ок, -ек, -ень, -ер, -ел,
-овь; not «город», «Олег», «Игорь»). On the 6,009 Russian forms of the corpus it adds 174 keys,
63 of them joining two stems of one word and none equal to, or begun by, another word's stem.

Pagefind's index lists words in chunks, each named in the metadata by its first and last word
(the browser fetches the chunk whose range holds a query word), so a new key goes into the chunk
whose range holds it, widening a range where it falls between two. A word lists its pages in
order, each by its distance from the one before it, with the positions of the word on it; a new
key lists the pages of the word it stands for with that word's positions.
"""

from __future__ import annotations

import bisect
import gzip
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import snowballstemmer

from builder.search import bundle

LANGUAGES = ("ru",)
"""The languages whose indexes get the keys (a language of the index, before any region)."""
_CONSONANTS = "бвгджзклмнпрстфхцчшщ"
_VOWELS = "аеиоуыэюя"
_SHAPE = re.compile(rf"^(.*[{_CONSONANTS}{_VOWELS}])([{_CONSONANTS}{_VOWELS}])[ео]"
                    rf"([{_CONSONANTS}])(ь?)$")
"""A word ending in a syllable whose vowel other forms may drop: what comes before the
consonant in front of the vowel (at least a letter), that consonant (or a vowel: боец, бойца),
the consonant after it and a soft sign."""
FINAL = "цкнрлв"
"""The consonants a syllable with a fleeting vowel ends in: -ец, -ок, -ек, -ень, -он (окон),
-ер, -ел, -овь."""
FINAL_SOFT = "нв"
"""Those of them that may be followed by a soft sign (уровень, церковь; not Игорь)."""
SOFTENED = "лнр"
"""Consonants that may keep the vowel's softness as a soft sign (колец, кольца)."""
_WORD = re.compile(r"[^\W\d_]+")


def fold(word: str) -> str:
    """A word as Pagefind reads it before it stems: lower case, ё as е and й as и."""
    return word.lower().replace("ё", "е").replace("й", "и")


def stem(word: str, stemmer: Any) -> str:
    """The key Pagefind's Russian index holds for ``word`` (Snowball, as Pagefind stems), by
    ``stemmer`` (``snowballstemmer.stemmer("russian")``). A Snowball stemmer keeps its state
    while it stems a word, so one is never shared: two callers may be settling bundles in
    threads of one process at the same time."""
    return stemmer.stemWord(fold(word))


def without_fleeting_vowel(word: str) -> tuple[str, ...]:
    """The forms of ``word`` (folded) without its fleeting vowel, sorted: none when it is not
    in a form that has one. колец: колц, кольц; отец: отц; ливень: ливн; боец: боиц."""
    match = _SHAPE.match(fold(word))
    if not match:
        return ()
    before, first, last, soft = match.groups()
    if last not in (FINAL_SOFT if soft else FINAL):
        return ()
    if first in _VOWELS:  # a vowel before it: боец, бойца (й, which Pagefind reads as и)
        return (before + first + "и" + last,)
    forms = {before + first + last}
    if first in SOFTENED:
        forms.add(before + first + "ь" + last)
    return tuple(sorted(forms))


def keys_to_add(pages: Iterable[str]) -> dict[str, dict[str, list[int]]]:
    """For the texts of an index's pages, in page order: key without the vowel -> the key of
    the word with it -> the pages holding that word in a form with the vowel."""
    added: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    stemmer = snowballstemmer.stemmer("russian")  # this call's own: see :func:`stem`
    known: dict[str, tuple[tuple[str, str], ...]] = {}
    for number, text in enumerate(pages):
        for word in set(_WORD.findall(text.lower())):
            keys = known.get(word)
            if keys is None:  # each word is looked at once, not once a page: a third of the time
                keys = known[word] = _keys_of(word, stemmer)
            for form, key in keys:
                added[form][key].add(number)
    return {form: {key: sorted(numbers) for key, numbers in sorted(by_key.items())}
            for form, by_key in sorted(added.items())}


def _keys_of(word: str, stemmer: Any) -> tuple[tuple[str, str], ...]:
    """(key without the vowel, the word's own key) for each key ``word`` adds: none unless it is
    in a form with a fleeting vowel that is its own stem."""
    forms = without_fleeting_vowel(word)
    if not forms:
        return ()
    key = stem(word, stemmer)
    if fold(word) not in (key, key + "ь"):
        return ()
    return tuple((form, key) for form in forms if form != key)


def add_fleeting_vowel_keys(folder: Path, index: bundle.LanguageIndex,
                            stopped: bundle.Stopped) -> None:
    """Give ``index``, if Russian, the keys :func:`keys_to_add` finds (its pages' texts are the
    fragments in ``folder``, read one by one, ``stopped`` asked before each), each with the
    pages and word positions of the word it stands for (a :data:`builder.search.bundle.
    Extension`)."""
    if index.language.split("-")[0] not in LANGUAGES:
        return
    chunks, words = index.meta[bundle.META_CHUNKS], index.words
    added = keys_to_add(_page_text(folder, fragment, stopped)
                        for fragment, _ in index.meta[bundle.META_PAGES])
    if not chunks or not added:
        return
    held = {word[0]: word for chunk in words for word in chunk}
    for form, by_key in added.items():
        entries = {number: page for key, numbers in by_key.items() if key in held
                   for number, page in bundle.numbered(held[key][1]) if number in numbers}
        if not entries:
            continue
        if form in held:
            held[form][1] = bundle.delta_coded({**entries, **dict(bundle.numbered(held[form][1]))})
            continue
        held[form] = [form, bundle.delta_coded(entries), []]
        place = _chunk_for(chunks, form)
        chunks[place][0] = min(chunks[place][0], form)
        chunks[place][1] = max(chunks[place][1], form)
        bisect.insort(words[place], held[form], key=lambda word: word[0])


def _chunk_for(chunks: list[list[Any]], word: str) -> int:
    """The chunk whose range holds ``word``, or the one before the gap it falls in (the first
    when it comes before every chunk)."""
    place = 0
    for number, (first, _, _) in enumerate(chunks):
        if first <= word:
            place = number
    return place


def _page_text(folder: Path, fragment: str, stopped: bundle.Stopped) -> str:
    """The text of a page as Pagefind keeps it for excerpts, its title included."""
    bundle.given_up(stopped)
    data = (folder / "fragment" / f"{fragment}.pf_fragment").read_bytes()
    if not data.startswith(bundle.SIGNATURE):
        data = gzip.decompress(data)
    page = json.loads(data[len(bundle.SIGNATURE):])
    return " ".join([page.get("content", ""), *map(str, page.get("meta", {}).values())])
