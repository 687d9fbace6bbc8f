"""``digest topics`` and ``digest outlets``: every topic (outlet) the configuration defines,
how many items use it in each language, and what is missing.

The build names a topic or outlet it does not know page by page, and never says that a label
is untranslated (readers of that language silently see another language's). An editor tidying
the lists, or adding a language, needs the whole picture on one screen, and CI a status code.

Pure: rows from the configuration and the read articles; the CLI reads and prints.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from builder.config import SiteConfig
from builder.model import Article
from builder.util.files import shown


@dataclass(frozen=True)
class Row:
    """One topic or outlet."""

    key: str
    counts: Mapping[str, int]
    """Items that use it, per language, in the site's language order."""
    missing: tuple[str, ...] = ()
    """Languages it has no label (topic) or name (outlet) in."""
    known: bool = True
    """False for a key that pages use but the configuration does not define."""


@dataclass(frozen=True)
class Inventory:
    """The rows of one list, and the words to print them with."""

    rows: tuple[Row, ...]
    file: str
    """The configuration file that defines the list (``content/topics.yaml``)."""
    label: str
    """What the file gives each key per language: ``label`` (topics) or ``name`` (outlets)."""

    @property
    def complete(self) -> bool:
        """True when every key pages use is defined, with its label in every language: exit
        code 0, else 1."""
        return not any(row.missing or not row.known for row in self.rows)

    def lines(self) -> list[str]:
        """One aligned line per row: ``covid-19  en 12  ru 10``, then what is wrong, if any."""
        if not self.rows:
            return []
        keys = [shown(row.key) for row in self.rows]  # a page may name a topic with a line break
        key_width = max(len(key) for key in keys)
        count_width = max(len(str(n)) for row in self.rows for n in row.counts.values())
        lines = []
        for key, row in zip(keys, self.rows):
            counts = "  ".join(f"{lang} {n:>{count_width}}" for lang, n in row.counts.items())
            line = f"{key:<{key_width}}  {counts}"
            if not row.known:
                line += f"  not in {self.file}"
            elif row.missing:
                line += f"  missing {self.label}: {', '.join(row.missing)}"
            lines.append(line)
        return lines


def topics(config: SiteConfig, articles: Sequence[Article],
           named: Mapping[str, Sequence[str]]) -> Inventory:
    """Every topic of ``content/topics.yaml``, then those pages name that it lacks.

    The read stage keeps only known topics in :attr:`Article.topics`; ``named`` (article path
    -> the topics its front matter names, :func:`named_topics`) brings back the others.
    """
    uses = [(article.lang, {*article.topics, *named.get(article.path, ())})
            for article in articles]
    labels = {key: topic.labels for key, topic in config.topics.items()}
    return Inventory(_rows(labels, uses, config.languages), "content/topics.yaml", "label")


def outlets(config: SiteConfig, articles: Sequence[Article]) -> Inventory:
    """Every outlet of ``content/outlets.yaml``, then those pages name that it lacks (a page
    without ``outlet:`` counts as ``unknown``, as the read stage has it)."""
    uses = [(article.lang, {article.outlet}) for article in articles]
    names = {key: outlet.names for key, outlet in config.outlets.items()}
    return Inventory(_rows(names, uses, config.languages), "content/outlets.yaml", "name")


def named_topics(front_matter: Mapping[str, Any]) -> tuple[str, ...]:
    """The topics a page's raw front matter names, in ``topics`` and ``section_topics``,
    known or not."""
    names: list[Any] = []
    listed = front_matter.get("topics")
    names += [listed] if isinstance(listed, str) else listed if isinstance(listed, list) else []
    sections = front_matter.get("section_topics")
    for own in sections.values() if isinstance(sections, dict) else ():
        names += own if isinstance(own, list) else []
    return tuple(name for name in names if isinstance(name, str))


def _rows(defined: Mapping[str, Mapping[str, str]], uses: Iterable[tuple[str, set[str]]],
          languages: Sequence[str]) -> tuple[Row, ...]:
    """Defined keys in the configuration's (key) order, then the undefined ones pages use."""
    counts: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for lang, keys in uses:
        for key in keys:
            counts[key][lang] += 1
    rows = [Row(key, {lang: counts[key][lang] for lang in languages},
                tuple(lang for lang in languages if not labels.get(lang, "").strip()))
            for key, labels in defined.items()]
    rows += [Row(key, {lang: counts[key][lang] for lang in languages}, known=False)
             for key in sorted(set(counts) - set(defined))]
    return tuple(rows)


def outlet_suggestions(config: SiteConfig, articles: Sequence[Article], keys: Sequence[str]
                       ) -> list[str]:
    """The lines to add to content/outlets.yaml for each outlet of ``keys``, with the address
    and the name its pages' sources printed, where they give one."""
    from builder.ingest.outlets import suggestion

    urls = {article.outlet: article.source_url for article in articles}
    printed = _printed_outlet_names(config, articles, set(keys))
    return [suggestion(key, urls.get(key), printed=printed.get(key, "")) for key in keys]


def _printed_outlet_names(config: SiteConfig, articles: Iterable[Article], keys: set[str]
                          ) -> dict[str, str]:
    """The name a page's source printed for each outlet of ``keys`` (``outlet_name``, which
    ingest writes while content/outlets.yaml lacks the outlet), from the first page that has
    one: the name the lines to add suggest. The read stage keeps no such field, so the pages
    are asked."""
    from builder.formats.frontmatter import FrontMatterError, parse
    from builder.formats.pages import page_text

    printed: dict[str, str] = {}
    for article in articles:
        if article.outlet not in keys or article.outlet in printed:
            continue
        try:
            front = parse(page_text((config.root / article.path).read_bytes())).data
        except (OSError, UnicodeDecodeError, FrontMatterError):
            continue  # changed since it was read: the key title-cased will do
        if isinstance(name := front.get("outlet_name"), str) and name.strip():
            printed[article.outlet] = name.strip()
    return printed
