"""How well ``digest i18n pair`` finds translation pairs: precision, recall, F1 and time.

In: the WMT newstest2021 corpus beside the repository (``../shared/corpus/wmt-newstest2021``:
107 Russian news articles in ``ru/``, their English translations in ``en/``, and the true pairs
in ``pairs.jsonl``). It writes every file as a page of a temporary project (title = first line,
body = the rest; every page dated 2021-07-25, since the corpus has no dates, so the date window
blocks nothing; language from the folder; a translation_key of its own per file), runs the
suggester over the pages as ``digest`` reads them, and compares its pairs with the truth.
Out: the figures on stdout (and the :class:`Quality` for a test to check).

Why: pairing is only useful if its suggestions can be trusted (precision first), and the
threshold in :class:`builder.pairing.PairingSettings` is tuned against this measurement.

    .venv/bin/python benchmarks/pairing_quality.py [--corpus DIR] [--threshold 0.25] [--misses]
        [--orphans] [--scale PAGES [--days 365]]

``--orphans`` leaves one version of two pairs in three out, so that a third of the pages in
each language have no counterpart (any suggestion for them is wrong: the threshold's test).
``--scale`` times the suggester alone over PAGES generated pages (half English, half Russian;
each 12 sentences drawn at random, seeded, from the corpus, dated over ``--days`` days).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from builder.config import load_config
from builder.formats.pages import page_bodies
from builder.formats.slugs import slugify
from builder.model import Article
from builder.pairing import PairingSettings, Suggestion, suggest
from builder.read import read_articles

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "wmt-newstest2021"
DATE = "2021-07-25"


@dataclass(frozen=True)
class Quality:
    pairs: int
    """True pairs in pairs.jsonl."""
    suggested: int
    correct: int
    seconds: float
    """Reading the pages and suggesting (not writing the project)."""
    suggestions: tuple[Suggestion, ...]
    wrong: tuple[Suggestion, ...]
    missed: tuple[tuple[str, str], ...]
    """(English path, Russian path) of true pairs not suggested."""

    @property
    def precision(self) -> float:
        return self.correct / self.suggested if self.suggested else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.pairs if self.pairs else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def page_path(lang: str, file_name: str) -> str:
    """The project-relative page path for a corpus file (``en/x.txt``)."""
    return f"content/articles/{lang}/2021/07/{slugify(Path(file_name).stem)}.md"


def make_project(corpus: Path, root: Path, without: frozenset[str] = frozenset()) -> None:
    """A digest project in ``root`` with one page per corpus file but those in ``without``
    (paths relative to the corpus, like ``ru/x.txt``)."""
    for name in ("digest.toml",):
        shutil.copy2(REPO / name, root / name)
    for name in ("topics.yaml", "outlets.yaml"):
        (root / "content").mkdir(exist_ok=True)
        shutil.copy2(REPO / "content" / name, root / "content" / name)
    shutil.copytree(REPO / "templates", root / "templates")
    if (REPO / "locales").is_dir():
        shutil.copytree(REPO / "locales", root / "locales")
    for lang in ("en", "ru"):
        for source in sorted((corpus / lang).glob("*.txt")):
            if f"{lang}/{source.name}" in without:
                continue
            title, _, body = source.read_text(encoding="utf-8").strip().partition("\n")
            front = {"title": title.strip(), "date": DATE, "lang": lang,
                     "translation_key": f"{lang}-{slugify(source.stem)}"}
            page = root / page_path(lang, source.name)
            page.parent.mkdir(parents=True, exist_ok=True)
            front_text = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
            page.write_text(f"---\n{front_text}---\n\n{body.strip()}\n", encoding="utf-8")


def records(corpus: Path) -> list[dict[str, str]]:
    """pairs.jsonl, in file order."""
    with (corpus / "pairs.jsonl").open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def measure(corpus: Path = CORPUS, settings: PairingSettings | None = None,
            orphans: bool = False) -> Quality:
    """Suggest over the corpus and compare with pairs.jsonl. With ``orphans``, the Russian
    version of every third pair and the English version of the next are left out, so a third
    of the pages in each language have no counterpart and any suggestion for them is wrong:
    that is what the threshold is for."""
    truth = records(corpus)
    dropped = frozenset(
        file for number, r in enumerate(truth)
        for file in ((r["ru_file"],) if number % 3 == 1 else (r["en_file"],) if number % 3 == 2
                     else ())) if orphans else frozenset()
    expected = {(page_path("en", r["en_file"]), page_path("ru", r["ru_file"]))
                for r in truth if not {r["en_file"], r["ru_file"]} & dropped}
    with tempfile.TemporaryDirectory(prefix="pairing-") as folder:
        root = Path(folder)
        make_project(corpus, root, dropped)
        started = time.perf_counter()
        config = load_config(root)
        articles = read_articles(config, {}).articles
        suggestions = suggest(articles, page_bodies(config, articles),
                              settings or PairingSettings())
        seconds = time.perf_counter() - started
    found = {(s.english.path, s.russian.path) for s in suggestions}
    wrong = tuple(s for s in suggestions if (s.english.path, s.russian.path) not in expected)
    return Quality(len(expected), len(suggestions), len(found & expected), seconds,
                   suggestions, wrong, tuple(sorted(expected - found)))


def generated(corpus: Path, pages: int, days: int, seed: int = 1
              ) -> tuple[list[Article], dict[str, str]]:
    """``pages`` articles of corpus sentences drawn at random, and their bodies by path: a
    site-sized load, in memory."""
    chance = random.Random(seed)
    sentences = {lang: [line for source in sorted((corpus / lang).glob("*.txt"))
                        for line in source.read_text(encoding="utf-8").splitlines()[1:]
                        if line.strip()] for lang in ("en", "ru")}
    start = dt.date(2021, 1, 1)
    articles, bodies = [], {}
    for number in range(pages // 2):
        for lang in ("en", "ru"):
            path = f"content/articles/{lang}/{number:05d}.md"
            articles.append(Article(
                path=path, lang=lang, slug=f"{number:05d}", title=chance.choice(sentences[lang]),
                date=start + dt.timedelta(days=chance.randrange(days)), outlet="unknown",
                translation_key=f"{lang}-{number}", digest="", body_sha256="", body_line=6))
            bodies[path] = "\n\n".join(chance.sample(sentences[lang], 12))
    return articles, bodies


def time_at_scale(corpus: Path, pages: int, days: int) -> tuple[float, int]:
    """Seconds to suggest over ``pages`` generated pages, and how many suggestions came."""
    articles, bodies = generated(corpus, pages, days)
    started = time.perf_counter()
    suggestions = suggest(articles, bodies)
    return time.perf_counter() - started, len(suggestions)


def report(quality: Quality, misses: bool) -> str:
    lines = [f"pairs {quality.pairs}, suggested {quality.suggested}, correct {quality.correct}",
             (f"precision {quality.precision:.3f}  recall {quality.recall:.3f}  "
              f"F1 {quality.f1:.3f}  time {quality.seconds:.2f} s")]
    for item in quality.wrong:
        lines.append(f"  wrong {item.score:.3f}: {item.english.path} <-> {item.russian.path} "
                     f"numbers {[n.value for n in item.numbers]} names "
                     f"{[(n.english, n.russian) for n in item.names]}")
    if misses:
        lines += [f"  missed: {english} <-> {russian}" for english, russian in quality.missed]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--threshold", type=float, default=PairingSettings().threshold)
    parser.add_argument("--misses", action="store_true", help="list the pairs not found")
    parser.add_argument("--orphans", action="store_true",
                        help="leave out one version of two pairs in three")
    parser.add_argument("--scale", type=int, metavar="PAGES",
                        help="also time the suggester over this many generated pages")
    parser.add_argument("--days", type=int, default=365,
                        help="news dates of the generated pages spread over this many days")
    args = parser.parse_args(argv)
    if not (args.corpus / "pairs.jsonl").is_file():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    settings = replace(PairingSettings(), threshold=args.threshold)
    print(report(measure(args.corpus, settings, args.orphans), args.misses))
    if args.scale:
        seconds, count = time_at_scale(args.corpus, args.scale, args.days)
        print(f"{args.scale} generated pages over {args.days} days: {seconds:.1f} s "
              f"({count} suggestions)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
