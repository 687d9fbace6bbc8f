"""Draft + sidecar + site knowledge -> a new Markdown page (front matter and body), purely.

The decisions ingest takes are all here, where they can be tested without a disk: the news
date (and the warning when part of it is inferred), the page language and the language of
every block, which blocks become i18n fragments, the topics of the article and of each
section, the summary, the slug and the translation key.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Set
from dataclasses import dataclass, field, replace
from typing import Any

from builder.diagnostics import Diagnostic, error, warning
from builder.formats.markdown import (
    create_structure_parser,
    escape_markdown,
    fragment_references,
    heading_anchors,
)
from builder.formats.slugs import slugify, unique
from builder.i18n import Fragment
from builder.ingest import generic, language
from builder.ingest import outlets as known_outlets
from builder.ingest.dateline import without_dateline
from builder.ingest.dates import latest_before
from builder.ingest.draft import Block, Draft, Dropped, Kind, Source
from builder.ingest.topics import TopicMatcher
from builder.ingest.zones import at_offset
from builder.model import Outlet
from builder.util.files import WINDOWS_RESERVED

SHORTEST_FRAGMENT = 5
"""Words a passage in another language needs to be kept as a fragment to translate (a hotline
note is; "Фото: Reuters" or "Share Facebook VK" on a page of the other language is not)."""
SAME_STORY_DAYS = 7
"""A date without a year at most this many days before the page's stated publication is in
the publication's year: the year is known, not guessed (said by no warning)."""
SUMMARY_LENGTH = 300
"""Longest summary taken from the first paragraph, in characters, before it is cut at a word."""
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])\s+(?=[\"«“(]?[A-ZА-ЯЁ0-9])")


class IngestError(Exception):
    """A source that cannot become a page; the diagnostic says where and what to do.

    An error diagnostic means the source failed; a warning means it is skipped until the editor
    supplies what it lacks (a date), which is not a fault in the source itself.
    """

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic


def not_news(path: str, line: int | None, what: str) -> IngestError:
    """The warning that skips a source read as no news (``what`` it is, "a site's policy (…)"),
    saying how to have it anyway."""
    return IngestError(warning(path, line, "source-not-news", (
        f"{what}, not news: no page was made; if it is news, add 'news: true' to "
        f"{path}.meta.yaml")))


@dataclass(frozen=True)
class SiteKnowledge:
    """What assembling a page needs to know about the site, gathered once per ingest run."""

    languages: tuple[str, ...]
    topics: TopicMatcher
    fragments: Mapping[str, str]
    """Normalised original text -> id of every fragment already in the catalogs."""
    taken_slugs: Mapping[str, Set[str]]
    """Language -> slugs of the pages that exist in it."""
    today: dt.date
    """The day ingest runs: the latest a year can be when a text leaves it out."""
    taken_keys: Mapping[str, Set[str]] = field(default_factory=dict)
    """Language -> the ``translation_key`` of each page this ingest run has made in it."""


@dataclass(frozen=True)
class NewPage:
    path: str
    """Where the page goes, relative to ``content/articles/``: ``<lang>/<yyyy>/<mm>/<slug>.md``."""
    lang: str
    slug: str
    front_matter: Mapping[str, Any]
    body: str
    new_fragments: tuple[Fragment, ...]
    fragment_ids: tuple[str, ...]
    """Every fragment the body refers to, new or already in the catalogs, in order."""
    dropped: tuple[Dropped, ...]
    """Page furniture the adapter left out, for the editor's report."""
    diagnostics: tuple[Diagnostic, ...]


def item_key(outlet: str | None, date: dt.date, title: str, fallback: str = "") -> str:
    """The ``translation_key`` an item gets unless it is given one: its outlet, date and the
    start of its title (``mfa-2020-04-17-extract-from-the-briefing-by-foreign``), so that its
    versions in other languages can be started from it (``digest new --translation-of``)."""
    return "-".join(part for part in (outlet, date.isoformat(), slugify(title, 40) or fallback)
                    if part)


def normalised_fragment(text: str) -> str:
    """The form two passages are compared in to decide they are one fragment."""
    return " ".join(text.split()).casefold()


def assemble(draft: Draft, source: Source, source_ref: str, site: SiteKnowledge) -> NewPage:
    """The page for ``draft``; raises IngestError when there is no title or no date at all."""
    meta = source.meta
    diagnostics = list(draft.diagnostics)
    title = str(meta.get("title") or draft.title).strip()
    if not title:
        raise IngestError(error(source.path, None, "ingest-no-title",
                                "found no title (the first line of text); the source may be empty"))
    lang = str(meta.get("lang") or _main_language(draft, title, site.languages))
    date, date_inferred = _news_date(draft, source, diagnostics, site.today)
    outlet, given_name = (known_outlets.as_key(str(meta["outlet"]), source.outlets)
                          if meta.get("outlet") else (draft.outlet, None))
    if outlet == generic.OUTLET and not meta.get("outlet"):  # listed in outlets.yaml or not
        diagnostics.append(warning(source.path, None, "outlet-not-found", known_outlets.NOT_FOUND))

    body = _body(draft.body, lang, outlet, site)
    diagnostics += [warning(source.path, None, "fragment-new",
                            f"a passage in '{f.lang}' is stored as the new fragment '{f.id}' in "
                            f"locales/*/LC_MESSAGES/fragments.po; translate it there")
                    for f in body.new_fragments]
    topics = sorted(body.lead_topics.union(*body.section_topics.values()) | site.topics.topics_of(title, lang)
                    | set(meta.get("topics") or ()))
    wanted = slugify(title) or slugify(source.path.rsplit("/", 1)[-1]) or "item"
    slug = unique(wanted, set(site.taken_slugs.get(lang, ())) | WINDOWS_RESERVED)
    # Two items of one title on one day (two wires) are two items: the slug's number ("-2")
    # goes into the key too, or the second would be taken for a second English version.
    key = item_key(outlet, date, title, slug) + slug.removeprefix(wanted)
    # Two titles alike in their first words ("Meteorologists reported on the weather in
    # Moscow…", "…in the capital…") by one outlet on one day are two items too.
    key = unique(key, set(site.taken_keys.get(lang, ())))
    front: dict[str, Any] = {
        "title": title,
        "date": date,
        "date_inferred": date_inferred,
        "published": _published(draft, source, date, outlet, diagnostics),
        "lang": lang,
        "outlet": outlet,
        "outlet_name": given_name or draft.outlet_name if outlet not in source.outlets
        and not known_outlets.is_known(outlet) else None,
        "place": meta.get("place") or draft.place or None,
        "translation_key": meta.get("translation_key") or key,
        "translated_from": meta.get("translated_from") if meta.get("translated_from") != lang
        else None,
        "topics": topics,
        "section_topics": {anchor: sorted(own) for anchor, own in body.section_topics.items()}
        or None,
        "summary": str(meta.get("summary") or draft.summary
                       or summary_of(draft.body, lang, source.outlets)),
        "source": source_ref,
        "source_sha256": source.sha256,
        "source_url": meta.get("url"),
        "related": [{"title": h.title, **({"teaser": h.teaser} if h.teaser else {})}
                    for h in draft.related] or None,
    }
    front = {key: value for key, value in front.items() if value not in (None, "")}
    front.update(draft.kept)
    if outlet != known_outlets.UNKNOWN and (advice := known_outlets.outlet_advice(
            outlet, front.get("source_url"), front.get("outlet_name", ""), source.outlets)):
        diagnostics.append(warning(source.path, None, "outlet-unknown", advice))
    return NewPage(f"{lang}/{date:%Y}/{date:%m}/{slug}.md", lang, slug, front, body.markdown,
                   body.new_fragments, body.fragment_ids, draft.dropped, tuple(diagnostics))


def _published(draft: Draft, source: Source, date: dt.date, outlet: str,
               diagnostics: list[Diagnostic]) -> dt.datetime | None:
    """When the outlet published it: as stated (a sidecar, a saved page's metadata, an
    adapter), else as the text's own stamp gives it, its date and time (:attr:`Draft.stamp`).

    The stamp's time is in the zone it names ("14:35 GMT"), else the outlet's (``timezone`` in
    ``content/outlets.yaml``); where neither is known, the instant is not, and no zone is
    invented: the time is kept as printed, without an offset (the outlet's clock, once it has a
    ``timezone``), and every build warns at it until the editor gives the offset or the zone
    (``published-no-offset``). A stamp without a year ("15 OCT, 14:35") is in the year that puts
    it nearest the news date ``date``.
    """
    stated = source.meta.get("published") or draft.published
    stamp = draft.stamp
    if stated or stamp is None or stamp.time is None:
        return stated
    days = []
    for year in (date.year - 1, date.year, date.year + 1) if stamp.year is None else (stamp.year,):
        try:
            days.append(stamp.on(year))
        except ValueError:
            continue  # 29 February outside a leap year
    if not days:
        return None
    day = min(days, key=lambda candidate: abs(candidate - date))
    zone = stamp.zone or known_outlets.clock_of(outlet, source.outlets)
    if zone is None:
        printed = dt.datetime.combine(day, stamp.time)
        given = (f"the time {stamp.time:%H:%M} in '{stamp.unread_zone}', an abbreviation "
                 f"not read as a time zone (it names none, or more than one)"
                 if stamp.unread_zone else f"the time {stamp.time:%H:%M} but no time zone")
        diagnostics.append(warning(source.path, draft.date_line, "published-zone-unknown", (
            f"the text gives {given}, and outlet '{outlet}' has no 'timezone' in "
            f"content/outlets.yaml: the page keeps 'published: {printed.isoformat()}' without "
            f"an offset, and every build says so. Add the outlet's UTC offset to it "
            f"({printed.isoformat()}+HH:MM), or give the outlet its 'timezone'")))
        return printed
    return at_offset(day, stamp.time, zone)


def _main_language(draft: Draft, title: str, languages: tuple[str, ...]) -> str:
    """The language most of the letters of the title and body are written in."""
    counts: dict[str, int] = {}
    for text in (title, *(block.text for block in draft.body)):
        lang = language.detect(text)
        if lang is not None:
            counts[lang] = counts.get(lang, 0) + len(text)
    ranked = sorted((lang for lang in counts if lang in languages), key=lambda l: -counts[l])
    return ranked[0] if ranked else languages[0]


def _news_date(draft: Draft, source: Source, diagnostics: list[Diagnostic],
               today: dt.date) -> tuple[dt.date, str]:
    """The news date, and how it was inferred ("" when the source or a sidecar states it):
    the page keeps that, so that every build warns until the editor has checked the date."""
    meta, sidecar = source.meta, f"{source.path}.meta.yaml"
    text_starts = draft.body[0].line if draft.body else draft.title_line  # where a date would be
    if isinstance(meta.get("date"), dt.date):
        return meta["date"], ""
    if isinstance(meta.get("published"), dt.datetime):
        draft = replace(draft, published=meta["published"])
    found = draft.date
    if found is not None and found.year is not None:
        return found.on(), ""
    if found is not None and isinstance(meta.get("year"), int):
        return found.on(meta["year"]), ""
    published = draft.published.date() if draft.published else draft.published_day
    if found is not None:
        served = draft.served_year is not None and draft.served_year < today.year
        basis = published or (dt.date(draft.served_year, 12, 31) if served else today)
        inferred = latest_before(found, basis)
        if published and (published - inferred).days <= SAME_STORY_DAYS:
            return inferred, ""  # "26 июля" on a page published on 26 July 2020: no guess
        after = ("the publication date" if published else
                 "the end of the year the page's copyright line prints" if served else
                 "the day of ingest")
        why = (f"the source gives the date without a year; took {inferred.year}, the latest "
               f"year it is not after {after} ({basis.isoformat()})")
        diagnostics.append(warning(source.path, draft.date_line, "date-year-inferred",
                                   f"{why}. State it with 'year: {inferred.year}' in {sidecar}"))
        return inferred, why[0].upper() + why[1:]
    if published is not None:
        why = f"the source gives no news date; took the publication date {published.isoformat()}"
        diagnostics.append(warning(source.path, text_starts, "date-from-published",
                                   f"{why}. State it with 'date: YYYY-MM-DD' in {sidecar}"))
        return published, why[0].upper() + why[1:]
    raise IngestError(warning(source.path, text_starts, "date-missing",
                              f"no date in the text, so no page yet; add 'date: YYYY-MM-DD' to "
                              f"{sidecar} (or to 'defaults' in a folder.meta.yaml)"))


@dataclass(frozen=True)
class _Body:
    markdown: str
    lead_topics: set[str]
    """Topics of the text before the first heading."""
    section_topics: dict[str, set[str]]
    """``##`` section anchor -> the topics of its text."""
    new_fragments: tuple[Fragment, ...]
    """Passages in another language that the catalogs do not have yet."""
    fragment_ids: tuple[str, ...]


def _body(blocks: tuple[Block, ...], lang: str, outlet: str, site: SiteKnowledge) -> _Body:
    """The page body in Markdown, with its topics and fragments.

    Consecutive blocks in another language than the page's form one fragment, stored in the
    catalogs and referenced by id, so a passage like a hotline note is kept once and can be
    translated; a passage already in the catalogs (same text, normalised) reuses its id.
    """
    parts: list[str] = []
    structure: list[str] = []
    """The parts that may hold a heading or a fragment (all but escaped text): enough to find
    the anchors and fragments, without parsing the whole of a 50 MB body as Markdown."""
    section_texts: list[tuple[str, list[tuple[str, str]]]] = [("", [])]
    known = dict(site.fragments)
    new: list[Fragment] = []
    foreign: list[Block] = []

    def flush_foreign() -> None:
        if not foreign:
            return
        original = "\n\n".join(block.text for block in foreign)
        original_lang = language.detect(original) or lang
        key = normalised_fragment(original)
        if key not in known:
            fragment_id = unique(f"{outlet}-{slugify(original, 40) or 'passage'}",
                                 set(known.values()))
            known[key] = fragment_id
            new.append(Fragment(fragment_id, original, original_lang))
        parts.append(f'{{{{< fragment id="{known[key]}" lang="{original_lang}" >}}}}')
        structure.append(parts[-1])
        section_texts[-1][1].append((original, original_lang))
        foreign.clear()

    for block in blocks:
        block_lang = language.detect(block.text) or lang
        if (block.kind is not Kind.HEADING and block_lang != lang
                and len(block.text.split()) >= SHORTEST_FRAGMENT):
            foreign.append(block)
            continue
        flush_foreign()
        if block.kind is Kind.HEADING:
            parts.append("## " + escape_markdown(" ".join(block.text.split())))
            structure.append(parts[-1])
            section_texts.append((block.text, [(block.text, lang)]))
        elif block.kind is Kind.MARKDOWN:
            parts.append(block.text)
            structure.append(parts[-1])
            section_texts[-1][1].append((block.text, block_lang))
        else:
            parts.append(escape_markdown(block.text))
            section_texts[-1][1].append((block.text, block_lang))
    flush_foreign()

    tokens = create_structure_parser().parse("\n\n".join(structure))
    anchors = [anchor for token, anchor, _ in heading_anchors(tokens)
               if token.tag == "h2" and token.level == 0]
    return _Body(
        markdown="\n\n".join(parts),
        lead_topics=_topics(section_texts[0][1], site.topics),
        section_topics={anchor: _topics(texts, site.topics)
                        for anchor, (_, texts) in zip(anchors, section_texts[1:])},
        new_fragments=tuple(new),
        fragment_ids=tuple(fragment_id for fragment_id, _, _ in fragment_references(tokens)))


def _topics(texts: list[tuple[str, str]], matcher: TopicMatcher) -> set[str]:
    found: set[str] = set()
    for text, lang in texts:
        found |= matcher.topics_of(text, lang)
    return found


def summary_of(blocks: tuple[Block, ...], lang: str, outlets: Mapping[str, Outlet]) -> str:
    """The first sentence or two of the first paragraph in the page's language, without the
    dateline it may open with (a list of stories each opening "MOSCOW, February 16. /TASS/."
    says nothing)."""
    first = next((block.text for block in blocks if block.kind is Kind.PARAGRAPH
                  and (language.detect(block.text) or lang) == lang), "")
    first = without_dateline(first, outlets)
    # The first few hundred characters hold the summary; a 50 MB paragraph is not split whole.
    sentences = _SENTENCE_BREAK.split(" ".join(first[:SUMMARY_LENGTH * 4].split()))
    summary = ""
    for sentence in sentences:
        if summary and len(summary) + len(sentence) >= SUMMARY_LENGTH:
            break
        summary = f"{summary} {sentence}".strip()
        if len(summary) >= SUMMARY_LENGTH // 2:
            break
    if len(summary) > SUMMARY_LENGTH:
        summary = summary[:SUMMARY_LENGTH].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return summary
