"""Unpaired articles -> scored, one-to-one translation suggestions (:func:`suggest`).

In: the site's articles and :class:`PairingSettings`. Out:
:class:`~builder.pairing.model.Suggestion` values, best first, no page in two of them.

How: each unpaired article becomes a :class:`Profile` (its numbers, names and mentions, from
:mod:`~builder.pairing.evidence`); every number and name key is weighted by rarity; the
candidates of an English page are the Russian pages within the date window that share the most
rare evidence, found through an inverted index, so the cost grows with the pages that share
rare evidence, not with the square of the site. A candidate's score is the weighted Dice
coefficient of the shared evidence times the date, length, topic and order factors; pages are
then chosen one-to-one, greedily by score. Deterministic: no result depends on hash seeds.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from builder.model import Article
from builder.pairing.evidence import Name, WordCache, names_match, names_of, numbers_of
from builder.pairing.model import ENGLISH, RUSSIAN, NameMatch, NumberMatch, PageRef, Suggestion


@dataclass(frozen=True)
class PairingSettings:
    """The knobs of the scorer; the defaults are tuned on the WMT newstest2021 corpus
    (``benchmarks/pairing_quality.py``)."""

    threshold: float = 0.25
    """Suggestions scoring below this are not made."""
    min_shared: int = 2
    """At least this many shared numbers and names: one shared "Moscow" proves nothing."""
    window_days: int = 3
    """Versions of one story have news dates at most this many days apart."""
    candidates: int = 8
    """Russian pages per English page scored in full: the best by the inverted index."""
    max_postings: int = 200
    """Evidence shared by more pages than this within the date window is too common to find
    candidates by (it still counts in the score)."""
    name_tolerance: float = 0.3
    """Edits per letter (of the longer skeleton, less one) at which two names still match."""


@dataclass(frozen=True)
class Profile:
    """What the scorer knows of one unpaired article."""

    article: Article
    numbers: Mapping[str, str]
    """Canonical value -> how the text first writes it ("7,2 млрд")."""
    names: tuple[Name, ...]
    mentions: tuple[str, ...]
    """Index keys (``#`` + a number, ``@`` + a name key) of every mention, in text order."""
    keys: frozenset[str]
    length: int
    """Characters of title and body, white space folded."""


def profile(article: Article, body: str, cache: WordCache | None = None) -> Profile:
    """The evidence of ``article``: its title, its summary when the body does not hold it (an
    agency's lede, which ingest keeps there: often the story's richest sentence), its body."""
    words = " ".join(body.replace("\\", "").split())
    lede = article.summary if article.summary.rstrip("…") not in words else ""
    text = "\n\n".join(part for part in (article.title, lede, body) if part)
    numbers = numbers_of(text, article.lang)
    names = names_of(text, article.lang, cache)
    mentions = sorted([(offset, f"#{value}") for offset, value, _ in numbers]
                      + [(offset, f"@{name.key}") for name in names for offset in name.offsets])
    keys = [key for _, key in mentions]
    written: dict[str, str] = {}
    for _, value, text_form in numbers:
        written.setdefault(value, text_form)
    return Profile(article, written, names, tuple(keys), frozenset(keys),
                   len(" ".join(text.split())))


def suggest(articles: Iterable[Article], bodies: Mapping[str, str],
            settings: PairingSettings = PairingSettings()) -> tuple[Suggestion, ...]:
    """One-to-one suggestions among the unpaired English and Russian articles, best first;
    ``bodies`` holds each article's body by path (:func:`builder.formats.pages.page_bodies`).

    Deterministic: the same articles give the same suggestions in the same order.
    """
    english, russian = unpaired(articles)
    if not english or not russian:
        return ()
    cache = WordCache()
    english_profiles = [profile(article, bodies[article.path], cache) for article in english]
    russian_profiles = [profile(article, bodies[article.path], cache) for article in russian]
    weights = _rarity([*english_profiles, *russian_profiles])
    index = _index(russian_profiles)
    scored = []
    for page in english_profiles:
        for position in _candidates(page, index, weights, settings):
            suggestion = score(page, russian_profiles[position], weights, settings, cache)
            if suggestion is not None:
                scored.append(suggestion)
    return _one_to_one(scored)


def unpaired(articles: Iterable[Article]) -> tuple[list[Article], list[Article]]:
    """English and Russian articles that are alone in their translation group, in path order.

    A group holding two pages of one language is left alone too: it is already a muddle for
    the editor to sort out, and a third page would not help.
    """
    groups: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        groups[article.translation_key].append(article)
    alone = sorted((group[0] for group in groups.values() if len(group) == 1),
                   key=lambda article: article.path)
    return [a for a in alone if a.lang == ENGLISH], [a for a in alone if a.lang == RUSSIAN]


def _rarity(profiles: Sequence[Profile]) -> dict[str, float]:
    """Index key -> weight, ln(1 + pages / pages with the key): rare evidence counts most."""
    frequency: dict[str, int] = defaultdict(int)
    for item in profiles:
        for key in item.keys:
            frequency[key] += 1
    return {key: math.log(1 + len(profiles) / count) for key, count in frequency.items()}


_Index = Mapping[str, Mapping[dt.date, Sequence[int]]]


def _index(profiles: Sequence[Profile]) -> _Index:
    """Index key -> news date -> the positions in ``profiles`` of the pages that have it."""
    index: dict[str, dict[dt.date, list[int]]] = defaultdict(lambda: defaultdict(list))
    for position, item in enumerate(profiles):
        for key in item.keys:
            index[key][item.article.date].append(position)
    return index


def _candidates(english: Profile, index: _Index, weights: Mapping[str, float],
                settings: PairingSettings) -> list[int]:
    """Positions of the Russian pages within the date window that share the most rare
    evidence with ``english`` (ties: the earlier position, i.e. path, first)."""
    dates = [english.article.date + dt.timedelta(days=offset)
             for offset in range(-settings.window_days, settings.window_days + 1)]
    rough: dict[int, float] = defaultdict(float)
    for key in sorted(english.keys):  # a fixed order of float additions: same sums every run
        by_date = index.get(key, {})
        postings = [by_date[date] for date in dates if date in by_date]
        if sum(map(len, postings)) > settings.max_postings:
            continue
        weight = weights[key]
        for positions in postings:
            for position in positions:
                rough[position] += weight
    best = heapq.nsmallest(settings.candidates, rough.items(),
                           key=lambda item: (-item[1], item[0]))
    return [position for position, _ in best]


def score(english: Profile, russian: Profile, weights: Mapping[str, float],
          settings: PairingSettings = PairingSettings(),
          cache: WordCache | None = None) -> Suggestion | None:
    """The suggestion for one English and one Russian page, or None when they share fewer than
    ``settings.min_shared`` numbers and names, are dated too far apart, or score below the
    threshold."""
    days = abs((english.article.date - russian.article.date).days)
    numbers = english.numbers.keys() & russian.numbers.keys()
    names = _matched_names(english.names, russian.names, settings.name_tolerance, cache)
    if days > settings.window_days or len(numbers) + len(names) < max(settings.min_shared, 1):
        return None
    shared = {f"#{n}" for n in numbers} | {f"@{english_name.key}" for english_name, _ in names}
    # fsum: exact whatever the order of the sets, so scores never depend on hash seeds
    dice = 2 * math.fsum(weights[key] for key in shared) / math.fsum(
        [*(weights[key] for key in english.keys), *(weights[key] for key in russian.keys)])
    ratio = english.length / max(russian.length, 1)
    topics = tuple(sorted(set(english.article.topics) & set(russian.article.topics)))
    value = (dice * max(0.5, 1 - 0.05 * days) * _length_factor(ratio)
             * _topic_factor(english.article, russian.article, topics))
    if value < settings.threshold:
        return None  # the order factor is at most 1: spare computing it
    order = order_agreement(english.mentions, russian.mentions, shared)
    value = round(min(1.0, value * _order_factor(order)), 4)
    if value < settings.threshold:
        return None
    rarest = lambda key: (-weights[key], key)
    return Suggestion(
        PageRef.of(english.article), PageRef.of(russian.article), value,
        tuple(NumberMatch(n, english.numbers[n], russian.numbers[n])
              for n in sorted(numbers, key=lambda n: rarest(f"#{n}"))),
        tuple(NameMatch(e.surface, r.surface)
              for e, r in sorted(names, key=lambda pair: rarest(f"@{pair[0].key}"))),
        round(order, 2), days, round(ratio, 2), topics)


def _matched_names(english: Sequence[Name], russian: Sequence[Name], tolerance: float,
                   cache: WordCache | None) -> list[tuple[Name, Name]]:
    """Each English name with the first Russian name it matches, one per name key."""
    same = cache.names_match if cache is not None else names_match
    by_key: dict[str, list[Name]] = defaultdict(list)
    for name in russian:
        by_key[name.key].append(name)
    matched, keys = [], set()
    for name in english:
        if name.key in keys:
            continue
        other = next((r for r in by_key.get(name.key, ())
                      if same(name.skeleton, r.skeleton, tolerance)), None)
        if other is not None:
            matched.append((name, other))
            keys.add(name.key)
    return matched


MAX_MENTIONS = 300
"""Mentions compared for order, from the start of each text (the comparison is quadratic)."""


def order_agreement(english: Sequence[str], russian: Sequence[str], shared: set[str]) -> float:
    """2 × the longest common subsequence of the mentions of ``shared`` keys in both texts,
    over the number of those mentions: 1 when both mention them equally often, in one order."""
    a = [key for key in english if key in shared][:MAX_MENTIONS]
    b = [key for key in russian if key in shared][:MAX_MENTIONS]
    if not a or not b:
        return 0.0
    previous = [0] * (len(b) + 1)
    for item in a:
        current = [0]
        for j, other in enumerate(b, start=1):
            current.append(previous[j - 1] + 1 if item == other
                           else max(previous[j], current[j - 1]))
        previous = current
    return 2 * previous[-1] / (len(a) + len(b))


def _order_factor(order: float) -> float:
    """1 from 0.85 up (translations: median 0.93), falling to 0.3 at 0.4 (other outlets'
    reports of the same event run 0.4 to 0.8)."""
    return min(1.0, max(0.3, 1 - (0.85 - order) * 1.55))


def _length_factor(ratio: float) -> float:
    """1 while the English text is 0.7 to 1.6 times as long as the Russian one (translations
    run 0.9 to 1.3), falling off quadratically beyond."""
    if ratio < 0.7:
        return max(0.2, (ratio / 0.7) ** 2)
    if ratio > 1.6:
        return max(0.2, (1.6 / ratio) ** 2)
    return 1.0


def _topic_factor(english: Article, russian: Article, shared: Sequence[str]) -> float:
    if not english.topics or not russian.topics:
        return 1.0
    return 1.1 if shared else 0.8


def _one_to_one(scored: Iterable[Suggestion]) -> tuple[Suggestion, ...]:
    """Greedy by score: the best pair first, then the best among the pages left."""
    taken: set[str] = set()
    chosen = []
    for item in sorted(scored, key=lambda s: (-s.score, s.english.path, s.russian.path)):
        if item.english.path not in taken and item.russian.path not in taken:
            chosen.append(item)
            taken.update((item.english.path, item.russian.path))
    return tuple(chosen)
