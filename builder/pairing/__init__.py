"""Unpaired English and Russian pages -> suggested translation pairs, and accepting them.

Editors often collect the English and the Russian version of one story separately, so the two
pages arrive with different ``translation_key`` values and the site shows two unrelated items.
In: the site's valid articles (:func:`builder.read.read_articles`). Out: :class:`Suggestion`
values, one-to-one, best first, each with a score and the evidence behind it, so that an
editor can check a suggestion at a glance before accepting it.

Only what survives translation is compared, never the words themselves:

- **numbers** ("1,5" and "1.5", "10 тысяч" and "10,000", years, percentages), as canonical
  values;
- **names**: capitalised words, Russian ones transliterated to Latin by ``iuliia``, both reduced
  to a spelling skeleton (``kh``/``h``/``g``, ``y``/``i``, ``x``/``ks``, doubled letters…) and
  compared tolerantly (edit distance, Russian case endings trimmed), because "Хабаровска" must
  meet "Khabarovsk" and "Байден" must meet "Biden";
- the **order** in which those numbers and names are mentioned: a translation keeps it, another
  outlet's report of the same event does not;
- the **news date** (within :attr:`PairingSettings.window_days`), the **length ratio** and the
  **topics**, as factors on the score.

Numbers and names are weighted by rarity (inverse document frequency) and compared as a
weighted Dice coefficient. Candidates come from an inverted index of numbers and name keys
restricted to the date window, so the cost grows with the pages that share rare evidence, not
with the square of the site. Pages are chosen one-to-one, greedily by score.

:func:`accept` writes an accepted pair: it changes or inserts only the ``translation_key`` line
of the front matter (of the Russian page, and of the English page when it has none), leaving
every other byte of the editor's files as it was; nothing is written without it.
:func:`pair_command` is ``digest i18n pair``.

    articles --evidence--> numbers, names --scoring--> Suggestion, ... --accepting--> 2 pages

The modules, in the order the data flows (each says more):

- :mod:`~builder.pairing.evidence`: one text -> its numbers, as canonical values, and its
  names, as spelling skeletons; the word cache of one run.
- :mod:`~builder.pairing.scoring`: articles -> profiles -> candidates from the inverted index
  -> scores -> the one-to-one choice (:func:`suggest`, tuned by :class:`PairingSettings`).
- :mod:`~builder.pairing.model`: what the scorer hands out and accepting takes in:
  :class:`Suggestion`, its pages and its evidence.
- :mod:`~builder.pairing.accepting`: a suggestion -> the ``translation_key`` line of both
  pages, each file replaced atomically (:func:`accept`, :class:`StaleSuggestion`).
- :mod:`~builder.pairing.command`: ``digest i18n pair [--accept N ...]`` (:func:`pair_command`).
"""

from __future__ import annotations

from builder.pairing.accepting import StaleSuggestion, accept
from builder.pairing.command import pair_command
from builder.pairing.evidence import names_match, numbers_of, skeleton
from builder.pairing.model import Suggestion
from builder.pairing.scoring import PairingSettings, suggest

__all__ = [
    "PairingSettings",
    "StaleSuggestion",
    "Suggestion",
    "accept",
    "names_match",
    "numbers_of",
    "pair_command",
    "skeleton",
    "suggest",
]
