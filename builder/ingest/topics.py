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
from dataclasses import dataclass

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
        """Keys of the topics whose keywords (in ``lang``) occur in ``text``."""
        text_stems = stems(text, lang)
        if not text_stems:
            return set()
        found = set()
        for key, phrase in self.phrases.get(lang, ()):
            if key not in found and _contains(text_stems, phrase):
                found.add(key)
        return found


def stems(text: str, lang: str) -> list[str]:
    name = STEMMER_NAMES.get(lang)
    tokens = words(text)
    if name is None:
        return tokens
    return snowballstemmer.stemmer(name).stemWords(tokens)


def _contains(haystack: list[str], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    return any(all(_word_matches(word, wanted) for word, wanted in zip(haystack[i:i + size], phrase))
               for i in range(len(haystack) - size + 1))


def _word_matches(word: str, keyword: str) -> bool:
    return word == keyword or (len(keyword) >= MIN_PREFIX and word.startswith(keyword))
