"""One text -> the numbers and names in it: the evidence that survives translation.

In: a text (title and body) and its language, ``"en"`` or ``"ru"``. Out: its numbers as
canonical values with their offsets (:func:`numbers_of`), and its names as :class:`Name`
values, each reduced to a spelling skeleton and a three-consonant index key (:func:`names_of`);
and whether two skeletons name the same thing (:func:`names_match`).

Why skeletons: Russian names are transliterated to Latin by ``iuliia`` and both spellings are
reduced (``kh``/``h``/``g``, ``y``/``i``, ``x``/``ks``, doubled letters…), so that "Хабаровска"
meets "Khabarovsk" and "Байден" meets "Biden" whichever standard a translator followed.
Analysing a word is the slow part, so one :class:`WordCache` is kept for a run of the scorer
(never for longer, and never at module level).
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import iuliia
import snowballstemmer
from babel import Locale

from builder.pairing.model import ENGLISH, RUSSIAN

_SCALES = {
    ENGLISH: {"thousand": 3, "million": 6, "mln": 6, "billion": 9, "bn": 9, "bln": 9,
              "trillion": 12},
    RUSSIAN: {"тыс": 3, "тысяч": 3, "тысяча": 3, "тысячи": 3, "тысячу": 3, "млн": 6,
              "миллион": 6, "миллиона": 6, "миллионов": 6, "млрд": 9, "миллиард": 9,
              "миллиарда": 9, "миллиардов": 9, "трлн": 12, "триллион": 12, "триллиона": 12,
              "триллионов": 12},
}
"""Words after a number that multiply it by 10 to the given power."""
_GROUP = {ENGLISH: ",", RUSSIAN: r"[ \u00a0\u202f]"}
"""Thousands separators: "10,000" in English, "10 000" in Russian."""
_DECIMAL = {ENGLISH: r"\.", RUSSIAN: r"[.,]"}


def _number_pattern(lang: str) -> re.Pattern[str]:
    scales = "|".join(sorted(_SCALES.get(lang, {}), key=len, reverse=True)) or "(?!)"
    return re.compile(
        r"(?<![\w.,])(?:(?P<day>\d{1,2})\.\d{1,2}\.(?P<year>\d{4})"  # 25.07.2021
        rf"|(?P<int>\d{{1,3}}(?:{_GROUP.get(lang, ',')}\d{{3}})+|\d+)"
        rf"(?:{_DECIMAL.get(lang, '[.]')}(?P<frac>\d+))?(?:\s*(?P<scale>{scales})\b)?)(?!\d)",
        re.IGNORECASE)


_NUMBER_PATTERNS = {lang: _number_pattern(lang) for lang in (ENGLISH, RUSSIAN)}


def numbers_of(text: str, lang: str) -> list[tuple[int, str, str]]:
    """(offset, canonical value, as written) of every number in ``text``, in order.

    "1,5" in Russian and "1.5" in English are both "1.5"; "10 тысяч" and "10,000" are both
    "10000"; a date "25.07.2021" gives its day and year, as "July 25, 2021" does. Whole numbers
    below 10 are left out: they are everywhere, and translations spell them out ("two",
    "двух").
    """
    found = []
    pattern = _NUMBER_PATTERNS.get(lang) or _number_pattern(lang)
    for match in pattern.finditer(text):
        if match["year"]:
            values = [Decimal(match["day"]), Decimal(match["year"])]
        else:
            digits = re.sub(r"\D", "", match["int"])
            value = Decimal(f"{digits}.{match['frac']}" if match["frac"] else digits)
            if match["scale"]:
                value = value.scaleb(_SCALES[lang][match["scale"].lower()])
            values = [value]
        found += [(match.start(), format(value.normalize(), "f"), match.group())
                  for value in values if value >= 10 or value != value.to_integral_value()]
    return found


_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_POSSESSIVE = re.compile(r"['’]s$")
_OPENERS = frozenset(" \t\r\u00a0\"'«»“”„()[]-–—*#>")
_ENDERS = frozenset(".!?…:;")
_DIGRAPHS = (("shch", "S"), ("sch", "S"), ("tch", "C"), ("ch", "C"), ("sh", "S"), ("zh", "Z"),
             ("kh", "h"), ("gh", "h"), ("ph", "f"), ("ck", "k"), ("tz", "ts"))
_LETTERS = (("x", "ks"), ("q", "k"), ("w", "v"), ("j", "i"), ("y", "i"), ("h", "g"))
_C_SOFT = re.compile(r"c(?=[eiy])")
_DOUBLE = re.compile(r"(.)\1+")
_VOWELS = frozenset("aeiou")


def skeleton(latin: str) -> str:
    """A Latin word reduced so that transliteration standards meet: "Khabarovsk" and
    "Habarovsk" -> "gabarovsk", "Zelenskyy" and "Zelensky" -> "zelenski", "Mexico" and
    "Meksika" -> "meksik…". Upper-case ``S``, ``C`` and ``Z`` stand for sh, ch and zh."""
    text = unicodedata.normalize("NFKD", latin).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z]", "", text)
    for old, new in _DIGRAPHS:
        text = text.replace(old, new)
    text = _C_SOFT.sub("s", text).replace("c", "k")
    for old, new in _LETTERS:
        text = text.replace(old, new)
    return _DOUBLE.sub(r"\1", text)


def name_key(skeleton_text: str) -> str:
    """The first three consonants of a skeleton: what a name is indexed under, so that
    "Biden" ("bdn") meets "Байден" ("Bayden", "bdn") whatever vowels a standard writes."""
    return "".join(char for char in skeleton_text if char not in _VOWELS)[:3]


@dataclass(frozen=True)
class Name:
    """A name in one text: its spellings there reduced to one skeleton."""

    surface: str
    """The first spelling seen, as written ("Хабаровска")."""
    skeleton: str
    key: str
    """:func:`name_key` of the skeleton."""
    offsets: tuple[int, ...]
    """Where each mention starts in the text."""


class WordCache:
    """How capitalised words were analysed (lower-case stem, skeleton) and which skeletons
    matched, kept for one run of :func:`suggest`: names recur from page to page."""

    def __init__(self) -> None:
        self._stemmers = {lang: snowballstemmer.stemmer(name)
                          for lang, name in ((ENGLISH, "english"), (RUSSIAN, "russian"))}
        self._seen: dict[tuple[str, str], tuple[str, str]] = {}
        self._matches: dict[tuple[str, str], bool] = {}

    def analyse(self, word: str, lang: str) -> tuple[str, str]:
        """The stem of ``word`` in lower case, and the skeleton of its Latin spelling: the
        English name of a country whose Russian name is no transliteration of it ("Швецию":
        Sweden), else the word transliterated."""
        found = self._seen.get((word, lang))
        if found is None:
            stemmer = self._stemmers.get(lang, self._stemmers[ENGLISH])
            stem = stemmer.stemWord(word.lower())
            latin = (_exonym(stem) if lang == RUSSIAN else None) or (
                iuliia.WIKIPEDIA.translate(word) if _CYRILLIC.search(word) else word)
            found = self._seen[(word, lang)] = (stem, skeleton(latin))
        return found

    def names_match(self, english: str, russian: str, tolerance: float) -> bool:
        found = self._matches.get((english, russian))
        if found is None:
            found = self._matches[(english, russian)] = names_match(english, russian, tolerance)
        return found


SHORTEST_COUNTRY_STEM = 4
"""Letters of a Russian country name's stem that must match ("Кита-й", "Кита-е")."""


@functools.cache
def _countries() -> tuple[tuple[str, str], ...]:
    """(Russian stem, English name) of every country and territory CLDR names with one word in
    both languages, from Babel: the names a translator does not transliterate (Швеция,
    Sweden; Германия, Germany; Китай, China)."""
    stemmer = snowballstemmer.stemmer("russian")
    english, russian = Locale.parse("en").territories, Locale.parse("ru").territories
    return tuple(sorted(
        (stemmer.stemWord(russian[code].lower()), english[code]) for code in english
        if code.isalpha() and code in russian and " " not in russian[code]
        and " " not in english[code]))


def _exonym(stem: str) -> str | None:
    """The English name of the country a Russian word's ``stem`` names, if it names one: the
    stems agree as far as the shorter goes, four letters at least ("казахстан", "казахста")."""
    for country, name in _countries():
        shorter = min(len(country), len(stem))
        if shorter >= SHORTEST_COUNTRY_STEM and country[:shorter] == stem[:shorter]:
            return name
    return None


def names_of(text: str, lang: str, cache: WordCache | None = None) -> tuple[Name, ...]:
    """Capitalised words of ``text`` that look like names, one per skeleton, in text order.

    A word that only ever opens sentences is not taken for a name, and neither is one whose
    stem begins a word written in lower case in the text: "Власти" opening a sentence and
    "властей" later. (Only the capitalised words are stemmed: stemming is the slow part.)
    """
    cache = cache or WordCache()
    lower_words = sorted({word for word in _WORD.findall(text) if word.islower()})
    mentions: dict[str, list[int]] = defaultdict(list)
    mid_sentence: set[str] = set()
    for match in _WORD.finditer(text):
        word = _POSSESSIVE.sub("", match.group())
        if word[:1].isupper():
            mentions[word].append(match.start())
            if not _opens_sentence(text, match.start()):
                mid_sentence.add(word)
    names: dict[str, Name] = {}
    for word, offsets in mentions.items():
        if word not in mid_sentence:
            continue
        stem, shape = cache.analyse(word, lang)
        key = name_key(shape)
        if _begins_any(stem, lower_words) or len(shape) < 3 or len(key) < 2:
            continue
        known = names.get(shape)
        names[shape] = Name(known.surface if known else word, shape, key,
                            tuple(sorted((*known.offsets, *offsets))) if known else tuple(offsets))
    return tuple(names.values())


def _opens_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens the text, a paragraph or a sentence: only quotes,
    brackets, dashes, Markdown marks and spaces stand between it and a full stop (or the like),
    a blank line or the start. A single line break is a wrapped line, not a new sentence."""
    at = _skip_back(text, start - 1)
    if at >= 0 and text[at] == "\n":
        at = _skip_back(text, at - 1)
        if at >= 0 and text[at] == "\n":
            return True
    return at < 0 or text[at] in _ENDERS


def _skip_back(text: str, at: int) -> int:
    while at >= 0 and text[at] in _OPENERS:
        at -= 1
    return at


def _begins_any(stem: str, sorted_words: Sequence[str]) -> bool:
    """Whether a word in ``sorted_words`` begins with ``stem`` (or, for a stem shorter than
    three letters, is it)."""
    at = bisect.bisect_left(sorted_words, stem)
    if at == len(sorted_words):
        return False
    found = sorted_words[at]
    return found == stem or (len(stem) >= 3 and found.startswith(stem))


def _distances(a: str, b: str) -> list[int]:
    """Levenshtein distance from ``a`` to every prefix of ``b`` (index = prefix length)."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance: insertions, deletions and substitutions."""
    return _distances(a, b)[-1]


_ENDING_LETTERS = frozenset("aeioumg")
"""What Russian case and adjective endings are made of, once transliterated and reduced
(-а, -у, -ом, -ым, -ого, -ому, -их → "ig"): only these are trimmed, so that "Путилов" never
shrinks to "Путин"."""


def names_match(english: str, russian: str, tolerance: float) -> bool:
    """Whether two skeletons name the same thing: at most ``tolerance`` edits per letter (a
    four-letter name must match exactly), after trimming up to four letters of a Russian case
    or adjective ending ("gabarovskogo" meets "gabarovsk", Khabarovsk)."""
    if len(russian) - len(english) > 4 + tolerance * len(russian):
        return False
    distances = _distances(english, russian)
    for kept in range(len(russian), max(len(russian) - 4, 3) - 1, -1):
        if kept < len(russian) and russian[kept] not in _ENDING_LETTERS:
            return False
        if distances[kept] <= int(tolerance * (max(len(english), kept) - 1)):
            return True
    return False
