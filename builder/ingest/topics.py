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
from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from itertools import chain, islice, repeat

import snowballstemmer

from builder.model import Topic

STEMMER_NAMES = {"en": "english", "ru": "russian"}
MIN_PREFIX = 4
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def words(text: str) -> list[str]:
    return [_word(word) for word in _WORD.findall(text)]


def _word(word: str) -> str:
    """The form words are compared in: case folded, "ё" written "е" as most Russian texts do."""
    return word.casefold().replace("ё", "е")


@dataclass(frozen=True)
class TopicMatcher:
    """Stemmed keyword phrases per language, prepared once for a whole ingest run."""

    phrases: Mapping[str, tuple[tuple[str, tuple[str, ...]], ...]]
    """Language -> (topic key, stemmed keyword words) pairs."""
    known_stems: dict[tuple[str, str], str] = field(default_factory=dict, compare=False,
                                                   repr=False)
    """(language, word) -> stem, for every word stemmed in this run: most words recur from
    block to block and from source to source."""
    known_starts: dict[tuple[str, str], tuple[tuple[str, tuple[str, ...]], ...]] = field(
        default_factory=dict, compare=False, repr=False)
    """(language, stem) -> the phrases whose first word it matches, for every stem met."""

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

        The text is read word by word through a window as long as the longest keyword, so the
        memory grows with the vocabulary, not with the text (a 50 MB source has few distinct
        words); each distinct word is stemmed, and compared with the keywords' first words,
        once.
        """
        phrases = self.phrases.get(lang, ())
        if not phrases:
            return set()
        longest = max(len(phrase) for _, phrase in phrases)
        window: deque[str] = deque(maxlen=longest)
        found: set[str] = set()
        for stem in chain(self._stems(text, lang), repeat("", longest - 1)):  # "" ends the text
            window.append(stem)
            if len(window) < longest or not window[0]:
                continue
            starts = self.known_starts.get((lang, window[0]))
            if starts is None:
                starts = self.known_starts[(lang, window[0])] = tuple(
                    (key, phrase) for key, phrase in phrases if _word_matches(window[0], phrase[0]))
            for key, phrase in starts:
                if key not in found and all(_word_matches(word, wanted) for word, wanted
                                            in zip(islice(window, 1, None), phrase[1:])):
                    found.add(key)
        return found

    def _stems(self, text: str, lang: str) -> Iterator[str]:
        """The stems of the words of ``text``, one by one (a number is its own stem)."""
        name = STEMMER_NAMES.get(lang)
        stemmer = snowballstemmer.stemmer(name) if name else None
        for match in _WORD.finditer(text):
            word = _word(match.group())
            if stemmer is None or word.isdigit():
                yield word
                continue
            stem = self.known_stems.get((lang, word))
            if stem is None:
                stem = self.known_stems[(lang, word)] = stemmer.stemWord(word)
            yield stem


def stems(text: str, lang: str) -> list[str]:
    """The Snowball stems of the words of ``text`` (a keyword)."""
    name = STEMMER_NAMES.get(lang)
    tokens = words(text)
    return snowballstemmer.stemmer(name).stemWords(tokens) if name else tokens


def _word_matches(word: str, keyword: str) -> bool:
    return word == keyword or (len(keyword) >= MIN_PREFIX and word.startswith(keyword))
