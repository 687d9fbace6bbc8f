"""``digest i18n pair [--accept N ...]``: print numbered suggestions, or accept some by number.

In: the site's config, the numbers to accept (none: only print), and a text stream. Out: the
report on that stream and an exit code. This is the only part of pairing that reads the site
(:func:`builder.read.read_articles`) and prints; the numbering is that of
:func:`~builder.pairing.scoring.suggest`, which is deterministic, so the numbers a listing
printed name the same pairs in the next run over the same pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from builder.config import SiteConfig
from builder.formats.pages import page_bodies
from builder.pairing.accepting import StaleSuggestion, accept
from builder.pairing.model import Suggestion
from builder.pairing.scoring import suggest
from builder.read import read_articles


def pair_command(config: SiteConfig, accept: Sequence[int] | None, out: TextIO) -> int:
    """Print numbered suggestions (``accept`` None or empty: nothing is written), or link the
    pairs with the given numbers, as numbered by a run without ``accept`` over the same pages.

    Returns the exit code: 0, or 1 when a number is not a suggestion's (then nothing is
    written) or a page changed since and could not be linked.
    """
    articles = read_articles(config, {}).articles
    suggestions = suggest(articles, page_bodies(config, articles))
    if not accept:
        _print_suggestions(suggestions, out)
        return 0
    wrong = sorted({n for n in accept if not 1 <= n <= len(suggestions)})
    if wrong:
        print(f"no suggestion numbered {', '.join(map(str, wrong))} (there are "
              f"{len(suggestions)}; run without numbers to see them); nothing written", file=out)
        return 1
    status = 0
    for number in sorted(set(accept)):
        status = max(status, _accept_one(config, number, suggestions[number - 1], out))
    return status


def _accept_one(config: SiteConfig, number: int, suggestion: Suggestion, out: TextIO) -> int:
    try:
        changed = accept(config, suggestion)  # the function (pair_command hides it)
    except StaleSuggestion as exc:
        print(f"{number}. not linked: {exc}", file=out)
        return 1
    written = ", ".join(config.relative(path) for path in changed) or "nothing to change"
    print(f"{number}. linked {suggestion.english.path} and {suggestion.russian.path} as "
          f"translation_key '{suggestion.english.translation_key}' (wrote {written})", file=out)
    return 0


def _print_suggestions(suggestions: Sequence[Suggestion], out: TextIO) -> None:
    if not suggestions:
        print("no translation pairs to suggest among the pages in one language only", file=out)
        return
    for number, item in enumerate(suggestions, start=1):
        print(f"{number}. score {item.score:.2f}", file=out)
        print(f"   en  {item.english.title}  ({item.english.path})", file=out)
        print(f"   ru  {item.russian.title}  ({item.russian.path})", file=out)
        print(f"   {describe(item)}", file=out)
    print(f"{len(suggestions)} suggested; nothing written. Accept some by their numbers to "
          f"give both pages one translation_key.", file=out)


def describe(item: Suggestion) -> str:
    """The evidence of a suggestion in one line."""
    parts = []
    if item.numbers:
        parts.append("numbers " + ", ".join(
            n.english if n.english == n.russian else f"{n.english} = {n.russian}"
            for n in item.numbers))
    if item.names:
        parts.append("names " + ", ".join(f"{n.english} = {n.russian}" for n in item.names))
    parts.append(f"same order {item.order:.0%}")
    parts.append({0: "same date", 1: "1 day apart"}.get(item.days_apart,
                                                        f"{item.days_apart} days apart"))
    parts.append(f"length en/ru {item.length_ratio:.2f}")
    if item.topics:
        parts.append("topics " + ", ".join(item.topics))
    return "; ".join(parts)
