"""Topics of a text, from the keywords of ``content/topics.yaml``, matched on word stems.

Keywords and text are both cut into words and reduced to Snowball stems in the text's
language, so "Узбекистан" in topics.yaml also finds "Узбекистану" and "Узбекистаном", and
"pandemic" finds "pandemics". A keyword of several words matches the same words in a row.
A text word matches a keyword word when its stem begins with the keyword's stem (of at least
``MIN_PREFIX`` letters): Snowball cuts the nominative "Узбекистан" to "узбекиста" but keeps
"узбекистан" in "Узбекистану", and the prefix rule makes the two meet.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import snowballstemmer

from builder.model import Topic

STEMMER_NAMES = {"en": "english", "ru": "russian"}
MIN_PREFIX = 4
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def words(text: str) -> list[str]:
    return [word.casefold().replace("ё", "е") for word in _WORD.findall(text)]


@dataclass(frozen=True)
class TopicMatcher:
    """Stemmed keyword phrases per language, prepared once for a whole ingest run."""

    phrases: Mapping[str, tuple[tuple[str, tuple[str, ...]], ...]]
    """Language -> (topic key, stemmed keyword words) pairs."""
    known_stems: dict[tuple[str, str], str] = field(default_factory=dict, compare=False,
                                                   repr=False)
    """(language, word) -> stem, for every word stemmed in this run: a text is matched block
    by block, and most words recur from block to block and from source to source."""

    @classmethod
    def from_topics(cls, topics: Mapping[str, Topic]) -> TopicMatcher:
        phrases: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for topic in topics.values():
            for lang, keywords in topic.keywords.items():
                for keyword in keywords:
                    stemmed = tuple(stems(keyword, lang))
                    if stemmed:
                        phrases.setdefault(lang, []).append((topic.key, stemmed))
        return cls({lang: tuple(items) for lang, items in phrases.items()})

    def topics_of(self, text: str, lang: str) -> set[str]:
        """Keys of the topics whose keywords (in ``lang``) occur in ``text``.

        Where each distinct stem occurs is found once; a phrase is then tried only where its
        first word matches, so the work grows with the text's vocabulary times the keywords,
        not with its length times the keywords (a 50 MB source has few distinct words).
        """
        text_stems = stems(text, lang, self.known_stems)
        if not text_stems:
            return set()
        where: dict[str, list[int]] = {}
        for position, stem in enumerate(text_stems):
            where.setdefault(stem, []).append(position)
        found = set()
        for key, phrase in self.phrases.get(lang, ()):
            if key not in found and _contains(text_stems, where, phrase):
                found.add(key)
        return found


def stems(text: str, lang: str, known: dict[tuple[str, str], str] | None = None) -> list[str]:
    """The Snowball stems of the words of ``text``; each distinct word is stemmed once, and
    words in ``known`` (which gathers every word stemmed) not at all."""
    name = STEMMER_NAMES.get(lang)
    tokens = words(text)
    if name is None:
        return tokens
    known = {} if known is None else known
    new = [token for token in dict.fromkeys(tokens) if (lang, token) not in known]
    if new:
        stemmed = snowballstemmer.stemmer(name).stemWords(new)
        known.update(((lang, token), stem) for token, stem in zip(new, stemmed, strict=True))
    return [known[(lang, token)] for token in tokens]


def _contains(haystack: list[str], where: Mapping[str, list[int]], phrase: tuple[str, ...]) -> bool:
    """Whether ``phrase`` occurs in ``haystack`` (whose stems occur at ``where``)."""
    size, last = len(phrase), len(haystack) - len(phrase)
    starts = (position for stem, positions in where.items() if _word_matches(stem, phrase[0])
              for position in positions if position <= last)
    return any(all(_word_matches(word, wanted)
                   for word, wanted in zip(haystack[start + 1:start + size], phrase[1:]))
               for start in starts)


def _word_matches(word: str, keyword: str) -> bool:
    return word == keyword or (len(keyword) >= MIN_PREFIX and word.startswith(keyword))
