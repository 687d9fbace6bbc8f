"""What the scorer hands out and accepting takes in: a :class:`Suggestion` and its evidence.

In: nothing but an :class:`~builder.model.Article` (for :meth:`PageRef.of`). Out: frozen values
that name the two pages by project-relative path and say why they were paired, so that
:mod:`~builder.pairing.accepting` can check that a page has not changed since the suggestion
was made, and :mod:`~builder.pairing.command` can show the evidence to the editor.
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.model import Article

ENGLISH, RUSSIAN = "en", "ru"


@dataclass(frozen=True)
class PageRef:
    """One page of a suggestion, as the editor sees it."""

    path: str
    """Project-relative path of the Markdown file."""
    title: str
    translation_key: str
    """Its key when the suggestion was made (the default one when the page sets none)."""

    @classmethod
    def of(cls, article: Article) -> PageRef:
        return cls(article.path, article.title, article.translation_key)


@dataclass(frozen=True)
class NumberMatch:
    value: str
    """Canonical: "1500000" for "1.5 million" and "1,5 млн"."""
    english: str
    russian: str
    """How each text first writes it."""


@dataclass(frozen=True)
class NameMatch:
    english: str
    russian: str
    """The first Russian spelling of the name that matched, as written."""


@dataclass(frozen=True)
class Suggestion:
    """A proposed pair, with the evidence for it."""

    english: PageRef
    russian: PageRef
    score: float
    """0..1: weighted Dice of shared numbers and names, times the order, date, length and
    topic factors."""
    numbers: tuple[NumberMatch, ...]
    """Numbers in both texts, rarest first."""
    names: tuple[NameMatch, ...]
    """Names in both texts, rarest first."""
    order: float
    """0..1: how much of the mentions of those numbers and names come in the same order in both
    texts (twice the longest common subsequence over both lengths)."""
    days_apart: int
    length_ratio: float
    """English characters per Russian character."""
    topics: tuple[str, ...]
    """Topics both pages have."""
