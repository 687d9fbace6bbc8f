"""A note's properties, as note-taking apps export a page clipped into them: under the title,
a line each, "Created: July 27, 2020 10:02 AM", "Date: July 26, 2020", "Source: https://…",
"Status: To translate", "Tags: Brexit, Russia" (Notion's export, Evernote's, Joplin's). They
are the editor's notebook's, not the story's: left out, but for the news date a date's label
gives (never the note's own time, "Created" or "Last edited") and the address of the page
clipped, which names the outlet.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from builder.ingest.dates import FoundDate, labelled_date
from builder.ingest.imprint import page_address

_PROPERTY = re.compile(r"^(?P<label>[^\W\d_][\w'’ -]{0,30}?)\s*:\s+(?P<value>\S.*)$")
"""A property's line: a label of a few words, a colon, a value."""
_NOTE_LABELS = re.compile(
    r"^(?:created(?: time| at)?|last edited(?: time)?|updated|date|published|clipped|saved|"
    r"source|url|link|status|tags?|author|type|category|property|"
    r"создано|изменено|дата|опубликовано|источник|ссылка|статус|теги|тег|автор|тип|"
    r"категория)$", re.IGNORECASE)
"""Labels notes give their properties: one of them at least tells a note's properties from a
story's lines that open with a word and a colon ("Moscow: the mayor said …")."""
MOST_LABEL_WORDS = 3
MOST_VALUE_WORDS = 15


@dataclass(frozen=True)
class Properties:
    """What a note's properties tell: the news date its date's label gives, the address of
    the page clipped."""

    date: FoundDate | None
    url: str | None


def properties(lines: Sequence[str]) -> Properties | None:
    """The properties ``lines`` are, when they are two or more, each a label of a few words
    and a short value, one label at least a note's; None for any other lines."""
    found = [_PROPERTY.match(line.strip()) for line in lines if line.strip()]
    if len(found) < 2 or not all(
            match and len(match["label"].split()) <= MOST_LABEL_WORDS
            and len(match["value"].split()) <= MOST_VALUE_WORDS for match in found):
        return None
    labels = [match["label"].strip() for match in found if match]
    if not any(_NOTE_LABELS.match(label) for label in labels):
        return None
    dates = [date for match in found if match and (date := labelled_date(match[0]))]
    urls = [address for match in found if match and (address := page_address(match["value"]))]
    return Properties(dates[0] if dates else None, urls[0] if urls else None)
