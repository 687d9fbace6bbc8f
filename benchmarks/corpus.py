"""Generate a bilingual benchmark corpus: a complete digest project with N article pages.

In: a destination folder, the number of article pages N and a seed. The destination must be a
temporary or user-chosen folder outside this repository (the text is real news licensed for
testing only: it must never be published or committed, nor land in ``content/``).

Out, in the destination:

- ``digest.toml``, ``content/topics.yaml``, ``content/outlets.yaml``, ``templates/`` and
  ``locales/`` copied from this repository, so the build under test is the real one;
- ``content/articles/<lang>/<yyyy>/<mm>/<slug>.md``: N pages with valid front matter, bodies of
  300-900 words of real English and Russian news sentences in safe Markdown (escaped paragraphs,
  some ``## `` headings); dates spread over 2016-2021; topics from ``content/topics.yaml``,
  with ``section_topics`` on multi-section briefings; about 60% of items exist in both
  languages (shared ``translation_key``, ``translated_from`` on the translated side), the rest
  in one language; some pages carry related headlines or an i18n fragment reference;
- ``.digest-bench-corpus.json``: what was generated (also printed by the command line).

Why: build time and memory must be measured on content shaped like the real thing (length,
Cyrillic, translation pairs, sections), not guessed from the three sample pages.

Text: sentences of ``../shared/corpus/wmt-newstest2021/`` next to the repository (107 Russian
news articles with professional English translations, aligned line by line, so a paired item
is a true translation); without it, the repository's own ``content/articles`` pages.

Deterministic: every item draws from its own ``random.Random`` seeded with (seed, item number),
so the same N and seed give byte-identical files, and a smaller corpus is a prefix of a larger.
N counts pages (what the build reads); a pair is two pages.

    .venv/bin/python benchmarks/corpus.py /tmp/corpus --articles 1000 [--seed 1] [--text DIR]
        [--repository-text]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import shutil
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml
from babel.dates import format_date
from babel.messages.pofile import read_po

from builder.formats.frontmatter import parse as parse_page
from builder.formats.markdown import escape_markdown
from builder.formats.slugs import slugify, unique

REPO = Path(__file__).resolve().parent.parent
WMT_DIR = REPO.parent / "shared" / "corpus" / "wmt-newstest2021"
MARKER = ".digest-bench-corpus.json"
COPIED_FILES = ("digest.toml", "content/topics.yaml", "content/outlets.yaml")
UNKNOWN_OUTLET = "unknown"
"""The sample's key of an outlet nobody could name: a page written ``outlet: unknown`` is one
ingest could not find the outlet of, and said in every build until the editor writes it or
deletes the line; after a year of use, every such line has been dealt with."""
COPIED_DIRS = ("templates", "locales")

LANGUAGES = ("en", "ru")
PAIRED_SHARE = 0.6
"""Share of items that exist in both languages; the rest split evenly between en and ru."""
BRIEFING_SHARE = 0.15
"""Share of items that are multi-section briefings with topics per section."""
HEADED_SHARE = 0.35
"""Share of the other items whose body has some ``## `` headings."""
FRAGMENT_SHARE = 0.04
RELATED_SHARE = 0.5
"""Share of TASS pages with a sidebar of related headlines."""
MIN_WORDS, MAX_WORDS = 300, 900
FIRST_DAY = dt.date(2016, 1, 1)
SPAN_DAYS = (dt.date(2021, 12, 31) - FIRST_DAY).days + 1
MOSCOW_TIME = dt.timezone(dt.timedelta(hours=3))
PLACES = (("MOSCOW", "МОСКВА"), ("TASHKENT", "ТАШКЕНТ"), ("YEREVAN", "ЕРЕВАН"),
          ("MINSK", "МИНСК"), ("ASTANA", "АСТАНА"))
BRIEFING_TITLE = MappingProxyType({
    "en": "Briefing by Foreign Ministry Spokesperson, {date}",
    "ru": "Брифинг официального представителя МИД России, {date} года",
})
BRIEFING_DATE = MappingProxyType({"en": "MMMM d, y", "ru": "d MMMM y"})
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"«“(]?[A-ZА-ЯЁ0-9])")


class CorpusError(Exception):
    """The corpus cannot be generated here (unsafe destination, no text); the message says why."""


@dataclass(frozen=True)
class Document:
    """One source text: its headline and sentences, per language it exists in."""

    titles: Mapping[str, str]
    sentences: Mapping[str, tuple[str, ...]]

    def aligned(self, langs: Sequence[str]) -> bool:
        """True when the text exists in every one of ``langs`` with sentences that correspond."""
        counts = {len(self.sentences.get(lang, ())) for lang in langs}
        return len(counts) == 1 and counts != {0}


@dataclass(frozen=True)
class TextSource:
    name: str
    """``wmt-newstest2021`` or ``repository pages``: goes into the summary."""
    documents: tuple[Document, ...]


@dataclass(frozen=True)
class Site:
    """What the generator needs to know about the project it writes pages for."""

    topics: tuple[str, ...]
    outlets: tuple[str, ...]
    fragments: tuple[tuple[str, str], ...]
    """(fragment id, original language) from ``locales/*/LC_MESSAGES/fragments.po``."""


@dataclass(frozen=True)
class Paragraph:
    """Sentences ``start`` to ``start + count`` of a document: renders in each of its languages."""

    doc: int
    start: int
    count: int


@dataclass(frozen=True)
class Section:
    heading: int | None
    """Index of the document whose headline is the ``## `` heading; None for no heading."""
    paragraphs: tuple[Paragraph, ...]
    topics: tuple[str, ...]
    """The section's topics (briefings only): become ``section_topics`` under its anchor."""


@dataclass(frozen=True)
class Item:
    """One news item: one page, or two pages that translate each other."""

    number: int
    langs: tuple[str, ...]
    """Its languages, the original first."""
    date: dt.date
    outlet: str
    briefing: bool
    topics: tuple[str, ...]
    bodies: Mapping[str, tuple[Section, ...]]
    """Body plan per language (the same plan for both when the text is aligned)."""
    published: dt.timedelta | None
    """When the outlet published it, counted from midnight (Moscow time) of the news date."""
    place: int | None
    fragment: tuple[str, str] | None
    related: int
    """How many related headlines a TASS page shows (0: none)."""


@dataclass(frozen=True)
class Summary:
    articles: int
    items: int
    paired_items: int
    briefings: int
    words: Mapping[str, int]
    markdown_bytes: int
    seed: int
    text: str


# ---------------------------------------------------------------- text sources


def load_text(text_dir: Path | None = None, repository: bool = False) -> TextSource:
    """The WMT sentences if their folder exists (or ``text_dir``), else the repository's pages
    (also when ``repository`` asks for them)."""
    if repository:
        return _repository_text(REPO / "content" / "articles")
    folder = text_dir or WMT_DIR
    if (folder / "en").is_dir() and (folder / "ru").is_dir():
        return _wmt_text(folder)
    if text_dir is not None:
        raise CorpusError(f"{text_dir} has no en/ and ru/ folders of sentences")
    return _repository_text(REPO / "content" / "articles")


def _wmt_text(folder: Path) -> TextSource:
    documents = []
    for name in sorted(path.name for path in (folder / "en").glob("*.txt")):
        lines = {lang: _lines(folder / lang / name) for lang in LANGUAGES}
        if all(len(lines[lang]) > 1 for lang in LANGUAGES):
            documents.append(Document({lang: lines[lang][0] for lang in LANGUAGES},
                                      {lang: tuple(lines[lang][1:]) for lang in LANGUAGES}))
    if not documents:
        raise CorpusError(f"no usable en/ru text pairs in {folder}")
    return TextSource(folder.name, tuple(documents))


def _lines(path: Path) -> list[str]:
    if not path.is_file():
        return []
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _repository_text(articles: Path) -> TextSource:
    documents = []
    for path in sorted(articles.rglob("*.md")):
        page = parse_page(path.read_text(encoding="utf-8"))
        lang, title = page.data.get("lang"), page.data.get("title")
        sentences = _sentences(page.body)
        if lang in LANGUAGES and title and sentences:
            documents.append(Document({lang: str(title)}, {lang: sentences}))
    missing = [lang for lang in LANGUAGES if not any(lang in d.titles for d in documents)]
    if missing:
        raise CorpusError(f"no text in {', '.join(missing)}: {articles} has no such pages")
    return TextSource("repository pages", tuple(documents))


def _sentences(body: str) -> tuple[str, ...]:
    """Plain sentences of a Markdown body: paragraphs only, escapes undone."""
    sentences: list[str] = []
    for block in re.split(r"\n\s*\n", body):
        text = " ".join(block.split())
        if not text or text.startswith(("#", "{{<", "-", "*", ">")):
            continue
        sentences += SENTENCE_END.split(re.sub(r"\\(.)", r"\1", text))
    return tuple(sentences)


# ---------------------------------------------------------------- the project around the pages


def read_site(root: Path) -> Site:
    """Topic and outlet keys and fragment ids of the project at ``root``."""
    topics = yaml.safe_load((root / "content" / "topics.yaml").read_text(encoding="utf-8")) or {}
    outlets = yaml.safe_load((root / "content" / "outlets.yaml").read_text(encoding="utf-8")) or {}
    return Site(tuple(sorted(topics)), tuple(sorted(outlets)), _fragments(root / "locales"))


def _fragments(locales: Path) -> tuple[tuple[str, str], ...]:
    found: dict[str, str] = {}
    for path in sorted(locales.glob("*/LC_MESSAGES/fragments.po")):
        with path.open("rb") as file:
            for message in read_po(file):
                lang = next((c.split(":", 1)[1].strip() for c in message.auto_comments
                             if c.startswith("lang:")), None)
                if message.context and lang in LANGUAGES:
                    found.setdefault(message.context, lang)
    return tuple(sorted(found.items()))


def prepare_destination(dest: Path) -> Path:
    """An empty folder at ``dest`` outside the repository; an earlier corpus there is replaced."""
    dest = dest.resolve()
    if dest.is_relative_to(REPO) or REPO.is_relative_to(dest):
        raise CorpusError(f"{dest} overlaps the repository {REPO}: the corpus text must never be "
                          "committed or published; generate it in a temporary folder")
    if dest.exists() and any(dest.iterdir()):
        if not (dest / MARKER).is_file():
            raise CorpusError(f"{dest} is not empty and holds no corpus made by this script; "
                              "choose an empty or new folder")
        shutil.rmtree(dest)
    dest.mkdir(parents=True, exist_ok=True)
    return dest


def copy_project(dest: Path) -> None:
    """Configuration, templates and catalogs of this repository, unchanged."""
    for rel in COPIED_FILES:
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(REPO / rel, dest / rel)
    for rel in COPIED_DIRS:
        shutil.copytree(REPO / rel, dest / rel, copy_function=shutil.copyfile,
                        ignore=shutil.ignore_patterns("*.mo", "__pycache__"))


# ---------------------------------------------------------------- items


def plan_item(number: int, seed: int, text: TextSource, site: Site) -> Item:
    """Everything random about item ``number``, drawn from its own generator."""
    rng = random.Random(f"digest-bench:{seed}:{number}")
    langs = _languages(rng)
    briefing = rng.random() < BRIEFING_SHARE
    layout = _layout(rng, site.topics, briefing)
    outlet = "mfa" if briefing and "mfa" in site.outlets else rng.choice(site.outlets)
    return Item(
        number=number,
        langs=langs,
        date=FIRST_DAY + dt.timedelta(days=rng.randrange(SPAN_DAYS)),
        outlet=outlet,
        briefing=briefing,
        topics=_item_topics(rng, site.topics, layout),
        bodies=_bodies(rng, text, langs, layout),
        published=_published(rng),
        place=rng.randrange(len(PLACES)) if outlet == "tass" else None,
        fragment=rng.choice(site.fragments) if site.fragments and rng.random() < FRAGMENT_SHARE
        else None,
        related=rng.randint(3, 8) if outlet == "tass" and rng.random() < RELATED_SHARE else 0,
    )


def _languages(rng: random.Random) -> tuple[str, ...]:
    """Both languages (the original first) for a paired item, else one."""
    original = rng.choice(LANGUAGES)
    if rng.random() < PAIRED_SHARE:
        return (original, *(lang for lang in LANGUAGES if lang != original))
    return (original,)


def _layout(rng: random.Random, topics: Sequence[str],
            briefing: bool) -> tuple[tuple[bool, tuple[str, ...]], ...]:
    """(has a heading, section topics) per section."""
    if briefing:
        return tuple((True, tuple(sorted(rng.sample(topics, rng.randint(1, 2)))))
                     for _ in range(rng.randint(2, 4)))
    if rng.random() < HEADED_SHARE:
        return ((False, ()),) + tuple((True, ()) for _ in range(rng.randint(1, 3)))
    return ((False, ()),)


def _item_topics(rng: random.Random, topics: Sequence[str],
                 layout: Sequence[tuple[bool, tuple[str, ...]]]) -> tuple[str, ...]:
    from_sections = {topic for _, own in layout for topic in own}
    if from_sections:
        return tuple(sorted(from_sections))
    return tuple(sorted(rng.sample(topics, rng.randint(1, min(3, len(topics))))))


def _published(rng: random.Random) -> dt.timedelta | None:
    if rng.random() < 0.5:
        return None
    return dt.timedelta(days=rng.randint(0, 3), hours=rng.randint(7, 22),
                        minutes=rng.randint(0, 59))


def _bodies(rng: random.Random, text: TextSource, langs: tuple[str, ...],
            layout: Sequence[tuple[bool, tuple[str, ...]]]) -> dict[str, tuple[Section, ...]]:
    """One plan for all languages when aligned text exists, else one plan per language."""
    target = rng.randint(MIN_WORDS, MAX_WORDS)
    pool = [i for i, doc in enumerate(text.documents) if doc.aligned(langs)]
    if pool:
        plan = _fill(rng, text, pool, langs, layout, target)
        return {lang: plan for lang in langs}
    return {lang: _fill(rng, text, _pool(text, lang), (lang,), layout, target) for lang in langs}


def _pool(text: TextSource, lang: str) -> list[int]:
    return [i for i, doc in enumerate(text.documents) if doc.aligned((lang,))]


def _fill(rng: random.Random, text: TextSource, pool: Sequence[int], langs: Sequence[str],
          layout: Sequence[tuple[bool, tuple[str, ...]]], target: int) -> tuple[Section, ...]:
    """Sections of paragraphs until every language has ``target`` words (never over MAX_WORDS).

    Headings are chosen first and counted in, so that they too stay within the limit.
    """
    words = dict.fromkeys(langs, 0)
    docs = [rng.choice(pool) for _ in layout]
    for doc, (headed, _) in zip(docs, layout):
        if headed:
            _count(words, [_words(text.documents[doc].titles[lang]) for lang in langs], langs)
    sections = []
    for number, (doc, (headed, topics)) in enumerate(zip(docs, layout)):
        heading = doc if headed else None
        goal = target * (number + 1) // len(layout)
        paragraphs = _paragraphs(rng, text, pool, doc, langs, words, goal)
        sections.append(Section(heading, paragraphs, topics))
    return tuple(sections)


def _paragraphs(rng: random.Random, text: TextSource, pool: Sequence[int], doc: int,
                langs: Sequence[str], words: dict[str, int], goal: int) -> tuple[Paragraph, ...]:
    """Paragraphs mostly from ``doc``, added to ``words``, until the smallest count reaches goal."""
    paragraphs: list[Paragraph] = []
    for _ in range(200):  # bounded: a pathological text cannot loop forever
        if paragraphs and min(words.values()) >= goal:
            break
        source = doc if rng.random() < 0.7 else rng.choice(pool)
        paragraph = _paragraph(rng, text.documents[source], source)
        sizes = [_words(_paragraph_text(text, paragraph, lang)) for lang in langs]
        if any(words[lang] + size > MAX_WORDS for lang, size in zip(langs, sizes)):
            if paragraphs and min(words.values()) >= MIN_WORDS:
                break
            continue
        _count(words, sizes, langs)
        paragraphs.append(paragraph)
    return tuple(paragraphs)


def _paragraph(rng: random.Random, document: Document, doc: int) -> Paragraph:
    total = min(len(sentences) for sentences in document.sentences.values())
    count = min(total, rng.randint(2, 5))
    return Paragraph(doc, rng.randint(0, total - count), count)


def _count(words: dict[str, int], sizes: Sequence[int], langs: Sequence[str]) -> None:
    for lang, size in zip(langs, sizes):
        words[lang] += size


def _words(text: str) -> int:
    return len(text.split())


def _paragraph_text(text: TextSource, paragraph: Paragraph, lang: str) -> str:
    sentences = text.documents[paragraph.doc].sentences[lang]
    return " ".join(sentences[paragraph.start:paragraph.start + paragraph.count])


# ---------------------------------------------------------------- pages


@dataclass(frozen=True)
class Page:
    rel: str
    """Path under ``content/articles/``."""
    text: str
    words: int


def item_pages(item: Item, text: TextSource) -> list[Page]:
    """The Markdown page of each language of ``item``."""
    slugs = {lang: _slug(item, text, lang) for lang in item.langs}
    return [_page(item, text, lang, slugs[lang]) for lang in item.langs]


def _title(item: Item, text: TextSource, lang: str) -> str:
    if item.briefing:
        date = format_date(item.date, BRIEFING_DATE[lang], locale=lang)
        return BRIEFING_TITLE[lang].format(date=date)
    first = item.bodies[lang][0]
    doc = first.heading if first.heading is not None else first.paragraphs[0].doc
    return text.documents[doc].titles[lang]


def _slug(item: Item, text: TextSource, lang: str) -> str:
    return f"{slugify(_title(item, text, lang), max_length=60) or 'item'}-{item.number}"


def _page(item: Item, text: TextSource, lang: str, slug: str) -> Page:
    body, anchors, words = _body(item, text, lang)
    data: dict[str, Any] = {"title": _title(item, text, lang), "date": item.date}
    if item.published is not None:
        midnight = dt.datetime.combine(item.date, dt.time(), tzinfo=MOSCOW_TIME)
        data["published"] = midnight + item.published
    data["lang"] = lang
    if item.outlet != UNKNOWN_OUTLET:  # as an editor leaves it once checked: no outlet line
        data["outlet"] = item.outlet
    if item.place is not None:
        data["place"] = PLACES[item.place][LANGUAGES.index(lang)]
    data["translation_key"] = f"{item.outlet}-{item.date.isoformat()}-bench-{item.number}"
    if lang != item.langs[0]:
        data["translated_from"] = item.langs[0]
    data["topics"] = list(item.topics)
    section_topics = {anchor: list(section.topics)
                      for anchor, section in zip(anchors, _headed(item.bodies[lang]))
                      if section.topics}
    if section_topics:
        data["section_topics"] = section_topics
    data["summary"] = _first_sentence(item, text, lang)
    if item.related:
        data["related"] = _related(item, text, lang)
    rel = f"{lang}/{item.date:%Y}/{item.date:%m}/{slug}.md"
    return Page(rel, _dump(data, body), words)


def _headed(sections: Sequence[Section]) -> list[Section]:
    return [section for section in sections if section.heading is not None]


def _body(item: Item, text: TextSource, lang: str) -> tuple[str, list[str], int]:
    """Markdown body, the anchors of its ``## `` headings (as the builder will compute them)
    and its word count (headings and paragraphs, without Markdown)."""
    blocks: list[str] = []
    anchors: list[str] = []
    plain: list[str] = []
    for section in item.bodies[lang]:
        if section.heading is not None:
            plain.append(text.documents[section.heading].titles[lang])
            heading = escape_markdown(plain[-1])
            anchors.append(unique(slugify(heading) or "section", set(anchors)))
            blocks.append(f"## {heading}")
        for paragraph in section.paragraphs:
            plain.append(_paragraph_text(text, paragraph, lang))
            blocks.append(escape_markdown(plain[-1]))
    if item.fragment is not None:
        fragment_id, original = item.fragment
        blocks.append(f'{{{{< fragment id="{fragment_id}" lang="{original}" >}}}}')
    return "\n\n".join(blocks), anchors, sum(_words(block) for block in plain)


def _first_sentence(item: Item, text: TextSource, lang: str) -> str:
    first = item.bodies[lang][0].paragraphs[0]
    return text.documents[first.doc].sentences[lang][first.start]


def _related(item: Item, text: TextSource, lang: str) -> list[dict[str, str]]:
    """Sidebar headlines: titles and first sentences of documents that follow this item's."""
    candidates = [d for d in text.documents if lang in d.titles]
    start = item.number % len(candidates)
    chosen = [candidates[(start + step) % len(candidates)] for step in range(item.related)]
    return [{"title": doc.titles[lang], "teaser": doc.sentences[lang][0]} for doc in chosen]


def _dump(data: Mapping[str, Any], body: str) -> str:
    """The page text, in the layout ingest writes (see builder/formats/frontmatter.py)."""
    front = yaml.safe_dump(dict(data), allow_unicode=True, sort_keys=False, width=10_000,
                           default_flow_style=None)
    return f"---\n{front}---\n\n{body.strip()}\n"


# ---------------------------------------------------------------- the whole corpus


def generate(dest: Path, articles: int, seed: int = 1, text_dir: Path | None = None,
             repository_text: bool = False) -> Summary:
    """Write a project with ``articles`` pages into ``dest`` (see the module docstring)."""
    if articles < 1:
        raise CorpusError("the corpus needs at least one article")
    text = load_text(text_dir, repository_text)
    dest = prepare_destination(dest)
    copy_project(dest)
    site = read_site(dest)
    counts = {"items": 0, "paired": 0, "briefings": 0, "bytes": 0}
    words = dict.fromkeys(LANGUAGES, 0)
    for item, pages in _pages(articles, seed, text, site):
        counts["items"] += 1
        counts["paired"] += len(pages) > 1
        counts["briefings"] += item.briefing
        for page, lang in zip(pages, item.langs):
            data = page.text.encode("utf-8")
            _write(dest / "content" / "articles" / page.rel, data)
            counts["bytes"] += len(data)
            words[lang] += page.words
    summary = Summary(articles, counts["items"], counts["paired"], counts["briefings"], words,
                      counts["bytes"], seed, text.name)
    _write(dest / MARKER, (json.dumps(asdict(summary), ensure_ascii=False, indent=2) + "\n")
           .encode("utf-8"))
    return summary


def _pages(articles: int, seed: int, text: TextSource,
           site: Site) -> Iterator[tuple[Item, list[Page]]]:
    """Items in order until exactly ``articles`` pages: the last pair may lose its translation."""
    remaining, number = articles, 0
    while remaining > 0:
        item = plan_item(number, seed, text, site)
        if len(item.langs) > remaining:
            item = replace(item, langs=item.langs[:remaining])
        pages = item_pages(item, text)
        remaining -= len(pages)
        number += 1
        yield item, pages


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dest", type=Path, help="folder to create (outside the repository)")
    parser.add_argument("--articles", type=int, default=1000, help="article pages (default 1000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--text", type=Path, default=None,
                        help=f"folder with en/ and ru/ sentence files (default: {WMT_DIR} if it "
                             "exists, else this repository's content/articles pages)")
    parser.add_argument("--repository-text", action="store_true",
                        help="use this repository's content/articles pages even if WMT text exists")
    args = parser.parse_args(argv)
    try:
        summary = generate(args.dest, args.articles, args.seed, args.text, args.repository_text)
    except CorpusError as exc:
        print(f"corpus: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(asdict(summary), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
