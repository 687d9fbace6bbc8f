"""A newsletter's sign-up box, as a copied page prints it over the headline, among the
paragraphs or under the story:

    Sign up for Balkan Insight                      Подпишитесь на рассылку «Медузы»
    Balkan Week                                     Самое важное за неделю
    The week's biggest stories from the region      Раз в неделю — в вашей почте
    Sign up                                         Подписаться
    By signing up, you agree to our Privacy Policy  Нажимая кнопку, вы соглашаетесь…

The call, the e-mail field, the button and the consent line are furniture by their form
(:mod:`~builder.ingest.furniture` leaves each out); the newsletter's name and its pitch have no
form of their own, and a name of a few words over a pitch reads as a headline over its
standfirst, so that the box became a page's title and summary. They are known by where they
stand: a few short lines between the box's call and the button or consent line that closes it;
or, in a box with no call, short lines glued over its e-mail field or consent line that end no
sentence (over a button alone, only when one of them names a newsletter: "Get the Morning
Brief", «Рассылка «Утро»»). A story's sentence never stands between a call to sign up and its
button, and a story's paragraph is no short line without a full stop, so no story text goes
with the box.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from builder.ingest import layout
from builder.ingest.draft import Dropped, TextBlock

_BOX = frozenset({"subscribe call", "subscription consent"})
"""The reasons furniture gives the lines of a sign-up box it knows by their form."""
_BUTTON = re.compile(r"^(?:sign up|sign me up|subscribe(?: now)?|join(?: now)?|register|submit|"
                     r"i'?m in|get the newsletter|подписаться(?: на рассылку)?|подпишитесь|"
                     r"оформить подписку|отправить)\s*[!.]?$", re.IGNORECASE)
_FIELD = re.compile(r"e-?mail|почт", re.IGNORECASE)
"""An e-mail field's placeholder ("Enter your email", «Ваш e-mail»)."""
LINES_BETWEEN = 4
"""Lines of a box between its call and its button at most (the newsletter's name, its pitch,
perhaps its schedule); farther apart, two such lines belong to two things."""
MOST_WORDS = 15
"""Words of a box's line at most: a newsletter's name or pitch is no paragraph."""
LINES_OVER = 2
"""Lines glued over a box with no call that may be its name and pitch."""
_NEWSLETTER = re.compile(r"\b(?:newsletters?|briefings?|brief|digest|inbox|e-?mail)\b|"
                         r"рассылк|дайджест|(?:в )?(?:вашей|ваш) (?:почт|ящик)|письм",
                         re.IGNORECASE)
"""Words that name a newsletter ("Get the Morning Brief", «Рассылка «Утро»», "… in your
inbox"): over a button alone, short lines with one of them are the box's name and pitch."""


def _closes(line: Dropped) -> bool:
    """Whether a furniture line closes a sign-up box: its button, e-mail field or consent."""
    text = line.text.strip()
    return line.reason == "subscription consent" or (
        line.reason in (*_BOX, "page controls") and (bool(_BUTTON.match(text)) or (
            line.reason == "subscribe call" and bool(_FIELD.search(text))
            and len(text.split()) <= 4)))


def _opens(line: Dropped) -> bool:
    """Whether a furniture line may open a sign-up box: a call, or a line that closes one."""
    return line.reason in _BOX or _closes(line)


def _glued_over(kept: dict[int, layout.Line], number: int) -> list[layout.Line]:
    """The short lines glued over the line at ``number`` that end no sentence, nearest first:
    a blank line or a line left out ends them."""
    found: list[layout.Line] = []
    for above in range(number - 1, number - LINES_OVER - 1, -1):
        over = kept.get(above)
        if over is None or len(over.text.split()) > MOST_WORDS or layout.ends_sentence(over.text):
            break
        found.append(over)
    return found


def without_signup_box(blocks: Sequence[TextBlock], furniture: Sequence[Dropped]
                       ) -> tuple[list[TextBlock], list[Dropped]]:
    """``blocks`` without the name and pitch of a newsletter's sign-up box whose call, field,
    button or consent ``furniture`` left out; those lines, named for the report."""
    lines = layout.lines_of(blocks)
    kept = {line.number: line for line in lines}
    box = sorted((line for line in furniture if _opens(line)), key=lambda d: d.line)
    gone: set[int] = set()
    for first, last in zip(box, box[1:]):
        between = [kept[n] for n in range(first.line + 1, last.line) if n in kept]
        if (_closes(last) and 0 < last.line - first.line <= LINES_BETWEEN + 1
                and all(len(line.text.split()) <= MOST_WORDS for line in between)):
            gone.update(line.number for line in between)
    clusters: list[list[Dropped]] = []
    for line in box:  # the box's lines, each near the one before
        if clusters and line.line - clusters[-1][-1].line <= LINES_BETWEEN + 1:
            clusters[-1].append(line)
        else:
            clusters.append([line])
    for cluster in clusters:  # no call over the box: its name and pitch glued over its field
        if not _closes(cluster[0]):
            continue  # a call opens it
        over = _glued_over(kept, cluster[0].line)
        if all(_BUTTON.match(line.text.strip()) for line in cluster) and not any(
                _NEWSLETTER.search(line.text) for line in over):
            continue  # a button alone, which a page prints anywhere, under no newsletter's name
        gone.update(line.number for line in over)
    if not gone:
        return list(blocks), []
    left = [line for line in lines if line.number not in gone]
    dropped = [Dropped(n, kept[n].text, "newsletter sign-up box") for n in sorted(gone)]
    return (layout.blocks_of(left, blocks[0].blanks_before) if left else []), dropped
