"""The front matter's fields: one table for everything that knows them.

The read stage validates a page field by field through this table (:mod:`builder.read`), the
writer orders keys by it (:mod:`builder.formats.frontmatter`), and the JSON Schema that editors' tools
check pages with as they type is made from it (:mod:`builder.formats.schema`). With one table, the
schema cannot say a page is fine that the build rejects, nor the other way round: a test holds
the two to the same malformed examples.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType


class Kind(enum.Enum):
    """What a field's value may be, as the build reads it."""

    TEXT = "text"
    """A string (a number is read as its text); never a list, a mapping or true/false."""
    DATE = "date"
    """A calendar date, ``2020-04-17``."""
    DATETIME = "date and time"
    """An ISO 8601 date and time, best with its UTC offset: ``2020-04-21T14:27:00+03:00``."""
    LANGUAGE = "language"
    """One of the site's languages (``[site] languages`` in ``digest.toml``)."""
    NAMES = "names"
    """A name, or a list of names (keys of a configuration file)."""
    NAMES_BY_SECTION = "names by section"
    """A mapping of section anchors to lists of names."""
    FLAG = "true or false"
    """``true`` or ``false`` (YAML 1.2: those words only; ``yes`` is text)."""
    HEADLINES = "headlines"
    """A list of headlines, each a title or a ``{title, teaser}`` mapping."""
    ADDRESSES = "addresses"
    """An address of the site, or a list of them (:mod:`builder.formats.aliases`)."""


@dataclass(frozen=True)
class Field:
    key: str
    kind: Kind
    description: str
    """For the editor: shown by their editor's completion and hover."""
    required: bool = False
    suggest: str = ""
    """The configuration whose keys an editor's completion offers: ``topics`` or ``outlets``
    (a name outside it is a warning, not an error, so the schema suggests and does not
    restrict)."""


FIELDS = (
    Field("title", Kind.TEXT, "The headline, in the page's language.", required=True),
    Field("draft", Kind.FLAG, "true keeps the page out of the site, its lists, feeds, sitemap "
                              "and search until you delete the line; the preview shows it, "
                              "marked as a draft."),
    Field("date", Kind.DATE, "The news date, YYYY-MM-DD: the month and year the item is listed "
                             "under.", required=True),
    Field("date_inferred", Kind.TEXT, "How ingest inferred the date, which the source did not "
                                      "state whole: every build warns until you check the "
                                      "date and delete this line."),
    Field("published", Kind.DATETIME, "When the outlet published it, with its UTC offset: "
                                      "2020-04-21T14:27:00+03:00."),
    Field("lang", Kind.LANGUAGE, "The page's language; without it, its folder under "
                                 "content/articles/ says."),
    Field("outlet", Kind.TEXT, "Who published it: a key of content/outlets.yaml.",
          suggest="outlets"),
    Field("outlet_name", Kind.TEXT, "The outlet's name as the source printed it, while "
                                    "content/outlets.yaml lacks the outlet: the name the lines "
                                    "to add there suggest. Delete it once the outlet is added."),
    Field("place", Kind.TEXT, "The dateline's place as the source gives it (MOSCOW)."),
    Field("translation_key", Kind.TEXT, "The same for every language version of one item: "
                                        "it links them as translations."),
    Field("aliases", Kind.ADDRESSES, "Addresses the page had before (its old slug or date): "
                                     "each leads to it, a 301 on Netlify and a page that "
                                     "leads on elsewhere. /en/2020/04/old-slug/, or "
                                     "2020/04/old-slug in the page's language."),
    Field("translated_from", Kind.LANGUAGE, "The language of the version this page was "
                                            "translated from."),
    Field("original_sha256", Kind.TEXT, "The hash of the original's text this translation was "
                                        "made from: when the original changes, the page says "
                                        "the translation may be outdated."),
    Field("topics", Kind.NAMES, "Topics of the whole item: keys of content/topics.yaml. "
                                "The item's versions in other languages share them (each "
                                "shows every topic any of them names).", suggest="topics"),
    Field("own_topics", Kind.FLAG, "true: this version shows its own topics only, and gives "
                                   "none to the item's other versions."),
    Field("section_topics", Kind.NAMES_BY_SECTION, "Topics of single '## ' sections, by the "
                                                   "section's anchor.", suggest="topics"),
    Field("summary", Kind.TEXT, "One or two sentences, shown in lists and feeds."),
    Field("source", Kind.TEXT, "The raw source under content/ this page was ingested from."),
    Field("source_sha256", Kind.TEXT, "The hash of that source when it was ingested."),
    Field("source_url", Kind.TEXT, "The http(s) address the source was copied from."),
    Field("related", Kind.HEADLINES, "Headlines the source page listed as related."),
)
"""Every field the build knows, in the order pages are written with: what an editor looks for
first comes first. Other keys are kept for templates, untouched."""

FIELD_BY_KEY: Mapping[str, Field] = MappingProxyType({field.key: field for field in FIELDS})
KEY_ORDER = tuple(field.key for field in FIELDS)


FIRST_YEAR = 1000
"""The earliest year of a news date: a page's URL has a four-digit year."""


def iso_date(text: str) -> dt.date | None:
    """The calendar date ``text`` writes (``2020-04-17``), or None. YAML 1.2 has no date type,
    so a date is text in the front matter, as in every editor's YAML tools."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


def iso_datetime(text: str) -> dt.datetime | None:
    """The date and time ``text`` writes (``2020-04-21 14:27:00+03:00``; a day alone is its
    start), or None."""
    text = text.strip()
    try:
        if len(text) == len("2020-04-21"):
            return dt.datetime.combine(dt.date.fromisoformat(text), dt.time())
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return None
