"""Convert a benchmark corpus into a Hugo site that does the same work as ``digest build``.

In: a corpus folder written by ``benchmarks/corpus.py`` (``digest.toml``,
``content/topics.yaml``, ``content/articles/<lang>/<yyyy>/<mm>/<slug>.md``) and an empty
destination. Out, in the destination, a multilingual Hugo project:

- ``hugo.toml``: the corpus's base URL and languages, each language under its own subfolder
  (``/en/…``, ``/ru/…``, as digest publishes them) with its own ``contentDir``; ``topics`` as a
  taxonomy; the corpus's list page size as Hugo's pager size;
- ``content/<lang>/<yyyy>/<mm>/<slug>.md``: every page, at the same place and so the same URL,
  with front matter Hugo understands (``title``, ``date``, ``summary``, ``topics``, ``outlet``
  and ``translationKey`` from ``translation_key``, so paired pages link to each other) and the
  Markdown body unchanged;
- ``_index.md`` per year and month (sections, so each gets a list page, as in digest), per
  topic and language (the topic's label as its title) and per language home;
- ``layouts/``: small but real templates for Hugo 0.158 and later: a base frame with
  ``hreflang`` alternates and the language switch; article pages with the body, meta, topic
  links, neighbours and digest's Pagefind attributes (``data-pagefind-body``, filters, sort);
  paginated year, month and topic lists; the topic index; a home page with the latest items;
  and the ``fragment`` shortcode that some pages use.

Hugo's own outputs (RSS per list, the sitemaps, the language redirect) stay on, since digest
writes feeds and a sitemap too.

Why: the targets compare digest with Hugo built from the same corpus; a peer given less to do
(no translations, no topic pages, no Markdown) would flatter it, and one given more would
flatter digest. Only the conversion happens here, without Hugo or a network, so
``benchmarks/smoke.py`` can check it anywhere.

    .venv/bin/python benchmarks/hugo_site.py CORPUS DEST
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
ARTICLES = Path("content") / "articles"
HUGO_REQUIREMENT = "hugo>=0.158"
"""What ``--peers`` installs: the layouts below use the template folders of Hugo 0.146
(``_partials``, ``_shortcodes``) and the language ``locale`` and ``label`` of Hugo 0.158."""
LANGUAGE_LABELS: Mapping[str, str] = {"en": "English", "ru": "Русский"}
"""What the language switch shows; a language not listed shows its code."""
KEPT_FIELDS = ("title", "date", "summary", "topics", "outlet")
"""Front matter copied as it is; ``translation_key`` becomes ``translationKey``."""


@dataclass(frozen=True)
class HugoSite:
    """What :func:`convert` wrote."""

    pages: int
    """Article pages."""
    languages: tuple[str, ...]
    sections: int
    """Year and month sections (``_index.md`` files), over all languages."""
    topics: int
    """Topic term pages (``_index.md`` files), over all languages."""


@dataclass(frozen=True)
class Settings:
    """What the Hugo configuration takes from the corpus's ``digest.toml``."""

    base_url: str
    languages: tuple[str, ...]
    default_language: str
    page_size: int
    home_items: int

    @classmethod
    def read(cls, corpus: Path) -> Settings:
        config = tomllib.loads((corpus / "digest.toml").read_text(encoding="utf-8"))
        site, build = config.get("site", {}), config.get("build", {})
        languages = tuple(site.get("languages", ("en", "ru")))
        return cls(base_url=str(site.get("base_url", "https://example.org")).rstrip("/") + "/",
                   languages=languages,
                   default_language=str(site.get("default_language", languages[0])),
                   page_size=int(build.get("page_size", 20)),
                   home_items=int(build.get("home_items", 20)))


# ---------------------------------------------------------------- the site


def convert(corpus: Path, dest: Path) -> HugoSite:
    """Write the Hugo project for ``corpus`` into ``dest`` (replaced if it exists)."""
    settings = Settings.read(corpus)
    prepare_destination(dest)
    (dest / "hugo.toml").write_text(hugo_config(settings), encoding="utf-8")
    for rel, text in LAYOUTS.items():
        _write(dest / "layouts" / rel, text)
    pages, sections = convert_pages(corpus, dest)
    labels = topic_labels(corpus, settings.languages)
    for lang in settings.languages:
        _write(dest / "content" / lang / "_index.md", front_matter({"title": "Digest"}))
    for lang, year, month in sorted(sections):
        title = f"{year}-{month}" if month else year
        folder = dest / "content" / lang / year / month
        _write(folder / "_index.md", front_matter({"title": title}))
    for (lang, topic), label in sorted(labels.items()):
        _write(dest / "content" / lang / "topics" / topic / "_index.md",
               front_matter({"title": label}))
    return HugoSite(pages, settings.languages, len(sections), len(labels))


def prepare_destination(dest: Path) -> None:
    """An empty ``dest``: a Hugo project written here before is replaced, anything else refused
    (the corpus text must not land in this repository, nor a folder be deleted by mistake)."""
    dest = dest.resolve()
    if dest.is_relative_to(REPO) or REPO.is_relative_to(dest):
        raise ValueError(f"{dest} overlaps the repository: write the Hugo site elsewhere")
    if dest.exists() and any(dest.iterdir()):
        if not (dest / "hugo.toml").is_file():
            raise ValueError(f"{dest} is not empty and holds no Hugo site; choose another folder")
        shutil.rmtree(dest)
    dest.mkdir(parents=True, exist_ok=True)


def hugo_config(settings: Settings) -> str:
    """``hugo.toml``: languages in subfolders with their own content folders, topics, pager."""
    lines = [f"baseURL = {json.dumps(settings.base_url)}", 'title = "Digest"',
             f"defaultContentLanguage = {json.dumps(settings.default_language)}",
             "defaultContentLanguageInSubdir = true", "",
             "[params]", f"homeItems = {settings.home_items}", "",
             "[pagination]", f"pagerSize = {settings.page_size}", "",
             "[taxonomies]", 'topic = "topics"', ""]
    for weight, lang in enumerate(settings.languages, start=1):
        lines += [f"[languages.{lang}]", f'contentDir = "content/{lang}"', f"weight = {weight}",
                  f"locale = {json.dumps(lang)}",
                  f"label = {json.dumps(LANGUAGE_LABELS.get(lang, lang), ensure_ascii=False)}",
                  ""]
    return "\n".join(lines)


def convert_pages(corpus: Path, dest: Path) -> tuple[int, set[tuple[str, str, str]]]:
    """Every corpus page in Hugo's layout; the count and the sections, as (lang, year, month)
    with month ``""`` for a year."""
    count = 0
    sections: set[tuple[str, str, str]] = set()
    for path in sorted((corpus / ARTICLES).rglob("*.md")):
        rel = path.relative_to(corpus / ARTICLES)
        lang, year, month = rel.parts[0], rel.parts[1], rel.parts[2]
        _write(dest / "content" / rel, hugo_page(path.read_text(encoding="utf-8")))
        sections |= {(lang, year, ""), (lang, year, month)}
        count += 1
    return count, sections


def hugo_page(text: str) -> str:
    """A corpus page as Hugo reads it: its front matter mapped, its body unchanged."""
    data, body = split_page(text)
    hugo = {key: data[key] for key in KEPT_FIELDS if key in data}
    if "translation_key" in data:
        hugo["translationKey"] = data["translation_key"]
    return front_matter(hugo) + "\n" + body


def split_page(text: str) -> tuple[dict[str, Any], str]:
    """(front matter, body) of a page in the layout ``corpus.py`` writes."""
    if not text.startswith("---\n"):
        raise ValueError("the page has no front matter")
    end = text.index("\n---\n", 3)
    return yaml.safe_load(text[4:end]) or {}, text[end + 5:].lstrip("\n")


def front_matter(data: Mapping[str, Any]) -> str:
    return "---\n" + yaml.safe_dump(dict(data), allow_unicode=True, sort_keys=False,
                                    width=10_000) + "---\n"


def topic_labels(corpus: Path, languages: Iterable[str]) -> dict[tuple[str, str], str]:
    """(lang, topic key) -> the topic's label in that language, from ``content/topics.yaml``."""
    topics = yaml.safe_load((corpus / "content" / "topics.yaml").read_text(encoding="utf-8"))
    return {(lang, key): str((entry.get("label") or {}).get(lang, key))
            for key, entry in (topics or {}).items() for lang in languages}


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# ---------------------------------------------------------------- layouts

_ENTRIES = """\
<ol class="entries">
{{- range . }}
  <li class="entry">
    <h2 class="entry-title"><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
    <p class="entry-meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date | time.Format ":date_long" }}</time> · {{ .Params.outlet }}</p>
    <p class="entry-summary">{{ .Summary }}</p>
  </li>
{{- end }}
</ol>
"""

_PAGER = """\
{{- if gt .TotalPages 1 }}
<nav class="pagination">
  {{- with .Prev }}<a rel="prev" href="{{ .URL }}">‹</a>{{ end }}
  <span>{{ .PageNumber }} / {{ .TotalPages }}</span>
  {{- with .Next }}<a rel="next" href="{{ .URL }}">›</a>{{ end }}
</nav>
{{- end }}
"""

_BASEOF = """\
<!doctype html>
<html lang="{{ site.Language.Locale }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ site.Title }}</title>
{{- with .Summary }}
<meta name="description" content="{{ . | plainify }}">
{{- end }}
<link rel="canonical" href="{{ .Permalink }}">
{{- range .AllTranslations }}
<link rel="alternate" hreflang="{{ .Language.Locale }}" href="{{ .Permalink }}">
{{- end }}
{{- with .OutputFormats.Get "rss" }}
<link rel="alternate" type="application/rss+xml" href="{{ .Permalink }}">
{{- end }}
</head>
<body>
<header class="site-header">
  <a class="site-title" href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
  <nav class="site-nav"><a href="{{ site.Home.RelPermalink }}">Latest</a>
    {{- with site.GetPage "/topics" }} <a href="{{ .RelPermalink }}">Topics</a>{{ end }}</nav>
  <nav class="language-switch"><ul>
  {{- range .AllTranslations }}
    <li><a href="{{ .RelPermalink }}" hreflang="{{ .Language.Locale }}">{{ .Language.Label }}</a></li>
  {{- end }}
  </ul></nav>
</header>
<main id="main">
{{ block "main" . }}{{ end }}
</main>
</body>
</html>
"""

_SINGLE = """\
{{ define "main" }}
<nav class="breadcrumbs"><a href="{{ site.Home.RelPermalink }}">Latest</a>
  {{- with .Parent }}{{ with .Parent }} › <a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
  › <a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
<article class="article" data-pagefind-body data-pagefind-sort="date:{{ .Date.Format "2006-01-02" }}">
  <header class="article-header">
    <h1 data-pagefind-meta="title">{{ .Title }}</h1>
    <p class="summary">{{ .Summary }}</p>
    <p class="article-meta" data-pagefind-ignore data-pagefind-filter="year:{{ .Date.Year }}">
      <time datetime="{{ .Date.Format "2006-01-02" }}" data-pagefind-meta="date">{{ .Date | time.Format ":date_long" }}</time>
      · <span data-pagefind-meta="outlet" data-pagefind-filter="outlet">{{ .Params.outlet }}</span></p>
    {{- range .Translations }}
    <p class="translation" data-pagefind-ignore><a href="{{ .RelPermalink }}" hreflang="{{ .Language.Locale }}" lang="{{ .Language.Locale }}">{{ .Title }}</a></p>
    {{- end }}
  </header>
  <div class="article-body">
{{ .Content }}
  </div>
  <footer class="article-footer" data-pagefind-ignore>
    <ul class="tags">
    {{- range .GetTerms "topics" }}
      <li><a href="{{ .RelPermalink }}" data-pagefind-filter="topic">{{ .LinkTitle }}</a></li>
    {{- end }}
    </ul>
  </footer>
</article>
<nav class="neighbours">
  {{- with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
  {{- with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
</nav>
{{ end }}
"""

_LIST = """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{- with .Sections }}
<ul class="sections">
  {{- range . }}
  <li><a href="{{ .RelPermalink }}">{{ .Title }}</a> ({{ len .RegularPagesRecursive }})</li>
  {{- end }}
</ul>
{{- end }}
{{- $pager := .Paginate .RegularPages }}
{{ partial "entries.html" $pager.Pages }}
{{ partial "pager.html" $pager }}
{{ end }}
"""

_TERM = """\
{{ define "main" }}
<nav class="breadcrumbs"><a href="{{ .Parent.RelPermalink }}">{{ .Parent.Title }}</a> ›</nav>
<h1>{{ .Title }}</h1>
<p class="lead">{{ len .Pages }}</p>
{{- $pager := .Paginate .Pages }}
{{ partial "entries.html" $pager.Pages }}
{{ partial "pager.html" $pager }}
{{ end }}
"""

_TAXONOMY = """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul class="topics">
{{- range .Data.Terms.Alphabetical }}
  <li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> ({{ .Count }})</li>
{{- end }}
</ul>
{{ end }}
"""

_HOME = """\
{{ define "main" }}
<h1>{{ site.Title }}</h1>
{{ partial "entries.html" (first site.Params.homeItems site.RegularPages) }}
{{ end }}
"""

_FRAGMENT = """\
<aside class="fragment" id="fragment-{{ .Get "id" }}" lang="{{ .Get "lang" }}">{{ .Get "id" }}</aside>
"""

LAYOUTS: Mapping[str, str] = {
    "baseof.html": _BASEOF, "single.html": _SINGLE, "list.html": _LIST, "term.html": _TERM,
    "taxonomy.html": _TAXONOMY, "home.html": _HOME, "_partials/entries.html": _ENTRIES,
    "_partials/pager.html": _PAGER, "_shortcodes/fragment.html": _FRAGMENT,
}
"""Path under ``layouts/`` -> template (the layout names of Hugo 0.146 and later)."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="a corpus written by benchmarks/corpus.py")
    parser.add_argument("dest", type=Path, help="folder for the Hugo project (replaced)")
    args = parser.parse_args(argv)
    if not (args.corpus / ARTICLES).is_dir():
        print(f"hugo_site: {args.corpus} holds no {ARTICLES.as_posix()}/", file=sys.stderr)
        return 2
    try:
        site = convert(args.corpus, args.dest)
    except ValueError as exc:
        print(f"hugo_site: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(asdict(site)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
