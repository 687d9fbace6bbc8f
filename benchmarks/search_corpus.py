"""The real news corpus as the pages of a digest project, for the search benchmark.

In: ``../shared/corpus/wmt-newstest2021/`` beside the repository (107 Russian news texts with
their English translations; ``pairs.jsonl`` lists the pairs; in each text the headline is line
1, then one sentence per line, a blank line between paragraphs).

Out: :func:`load_articles` gives one :class:`Article` per text and language, with everything its
page needs: a date spread evenly over 2019-2021 (so each language has a search shard per year),
a ``translation_key`` made from the pair's document id, an outlet and one or two topics of this
repository's ``content/topics.yaml``, and the page's address. :func:`write_project` writes them
as ``content/articles/<lang>/<yyyy>/<mm>/<slug>.md`` into a project with this repository's
configuration, templates and catalogs (the same files ``benchmarks/corpus.py`` copies).

Everything is deterministic (pairs in the order of their ids, no randomness), so the pages, their
addresses and the expected articles of ``search_queries.json`` agree from run to run.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # this checkout's builder, as the builds it runs use
    sys.path.insert(0, str(REPO))

from builder.formats.markdown import escape_markdown
from builder.formats.slugs import slugify, unique

WMT_DIR = REPO.parent / "shared" / "corpus" / "wmt-newstest2021"
LANGUAGES = ("en", "ru")
FIRST_DAY = dt.date(2019, 1, 1)
LAST_DAY = dt.date(2021, 12, 31)
OUTLETS = ("tass", "mfa")
"""Outlets of ``content/outlets.yaml`` the pages are attributed to, in turn."""
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
"""A word as the benchmark counts them: letters, possibly joined by hyphens."""


class CorpusMissing(Exception):
    """The shared corpus is not beside the repository (or is not what this module expects)."""


@dataclass(frozen=True)
class Article:
    """One text of the corpus in one language, as a page of the benchmark's project."""

    key: str
    """``translation_key``: the same for the two languages of a pair (``wmt-<docid>``)."""
    lang: str
    title: str
    paragraphs: tuple[str, ...]
    """The body's paragraphs, plain text (sentences joined by spaces)."""
    date: dt.date
    outlet: str
    topics: tuple[str, ...]
    slug: str

    @property
    def url(self) -> str:
        """Where the builder publishes the page."""
        return f"/{self.lang}/{self.date:%Y}/{self.date:%m}/{self.slug}/"

    @property
    def rel(self) -> str:
        """The page's path under ``content/articles/``."""
        return f"{self.lang}/{self.date:%Y}/{self.date:%m}/{self.slug}.md"

    @property
    def text(self) -> str:
        """Everything of the page that is searchable content: headline and body."""
        return "\n".join((self.title, *self.paragraphs))


def words(text: str) -> list[str]:
    """The words of ``text``, lower-cased, as written (ё kept)."""
    return [word.lower() for word in WORD.findall(text)]


def load_articles(folder: Path = WMT_DIR) -> list[Article]:
    """Every text of the corpus in both languages, pairs in the order of their ids."""
    pairs_file = folder / "pairs.jsonl"
    if not pairs_file.is_file():
        raise CorpusMissing(f"{folder} is missing (no pairs.jsonl): the search benchmark needs "
                            "the shared news corpus beside the repository")
    pairs = sorted((json.loads(line) for line in pairs_file.read_text(encoding="utf-8")
                    .splitlines() if line.strip()), key=lambda pair: pair["pair_id"])
    with (REPO / "content" / "topics.yaml").open(encoding="utf-8") as file:
        topics = sorted(yaml.safe_load(file))
    span = (LAST_DAY - FIRST_DAY).days
    taken: dict[str, set[str]] = {lang: set() for lang in LANGUAGES}
    articles = []
    for number, pair in enumerate(pairs):
        date = FIRST_DAY + dt.timedelta(days=round(number * span / max(len(pairs) - 1, 1)))
        chosen = [topics[number % len(topics)]]
        if number % 2:
            second = topics[(number * 3 + 1) % len(topics)]
            chosen += [second] if second not in chosen else []
        for lang in LANGUAGES:
            title, paragraphs = read_text(folder / pair[f"{lang}_file"])
            slug = unique(slugify(title, max_length=60) or "item", taken[lang])
            taken[lang].add(slug)
            articles.append(Article(f"wmt-{slugify(pair['docid'])}", lang, title, paragraphs,
                                    date, OUTLETS[number % len(OUTLETS)], tuple(chosen), slug))
    return articles


def read_text(path: Path) -> tuple[str, tuple[str, ...]]:
    """(headline, paragraphs) of one corpus text."""
    lines = path.read_text(encoding="utf-8").splitlines()
    paragraphs, current = [], []
    for line in lines[1:] + [""]:
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    return lines[0].strip(), tuple(paragraphs)


def page_text(article: Article, original: str) -> str:
    """The Markdown page of ``article`` (``original``: the language it was translated from)."""
    front = {"title": article.title, "date": article.date, "lang": article.lang,
             "outlet": article.outlet, "translation_key": article.key}
    if article.lang != original:
        front["translated_from"] = original
    front["topics"] = list(article.topics)
    front["summary"] = article.paragraphs[0].split(". ")[0] if article.paragraphs else article.title
    head = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=10_000,
                          default_flow_style=None)
    body = "\n\n".join(escape_markdown(paragraph) for paragraph in article.paragraphs)
    return f"---\n{head}---\n\n{body}\n"


def write_project(root: Path, articles: Sequence[Article]) -> None:
    """A digest project at ``root`` (an empty or new folder) with one page per article."""
    from corpus import copy_project  # the benchmark corpus's copy of the real configuration

    root.mkdir(parents=True, exist_ok=True)
    copy_project(root)
    (root / "content" / "sources").mkdir(parents=True, exist_ok=True)
    for article in articles:
        path = root / "content" / "articles" / article.rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page_text(article, original="ru"), encoding="utf-8")
