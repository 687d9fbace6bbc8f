"""One page's bytes -> its validated :class:`~builder.model.Article`, or the error that leaves
it out, with every warning located at its line.

Pure: the bytes, the page's place and the configuration in, an article and diagnostics out.
The file's place decides the article's identity (``articles/<lang>/<yyyy>/<mm>/<slug>.md``);
front matter decides everything else, each field read as its kind says
(:mod:`builder.formats.fields`, which the editors' JSON Schema is made from too). Unknown keys
are kept for templates.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

from builder.config import SiteConfig, is_web_address
from builder.diagnostics import Diagnostic, error, warning
from builder.formats.aliases import read_aliases
from builder.formats.binary import not_text
from builder.formats.fields import (
    FIELD_BY_KEY,
    FIRST_YEAR,
    KEY_ORDER,
    Kind,
    iso_date,
    iso_datetime,
)
from builder.formats.frontmatter import FrontMatterError, parse
from builder.formats.markdown import outline
from builder.formats.pages import NOT_IN_XML, page_text, without_xml_forbidden
from builder.formats.slugs import slugify
from builder.ingest.outlets import NOT_FOUND, UNKNOWN, outlet_advice
from builder.model import Article, RelatedHeadline, Section
from builder.util.files import OUTSIDE_PROJECT, is_windows_reserved, links_outside, name_not_utf8

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class InvalidPage(Exception):
    """Raised inside this module to abandon one page with a located diagnostic."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic


def validate_page(data: bytes, data_digest: str, path: Path, rel: str, config: SiteConfig,
                  md: MarkdownIt, known_fragments: Mapping[str, str]
                  ) -> tuple[Article | None, tuple[Diagnostic, ...]]:
    """One page's bytes -> its article (None when an error leaves it out) and everything reading
    it reported, the error last. Whatever the bytes, a page is never more than its own error:
    a failure this module did not foresee is ``read-crash`` for the page (a bug to report; the
    property test of tests/test_hostile_pages.py holds it never happens), not a failed build."""
    page_diagnostics: list[Diagnostic] = []
    try:
        article = _read_page(data, data_digest, path, rel, config, md, known_fragments,
                             page_diagnostics.append)
    except InvalidPage as exc:
        return None, (*page_diagnostics, exc.diagnostic)
    except Exception as exc:  # noqa: BLE001 - one page must not stop the others
        return None, (*page_diagnostics, error(
            rel, None, "read-crash", f"reading this page failed ({type(exc).__name__}: {exc}); "
                                     f"the other pages were read. Please report it with the page"))
    return article, tuple(page_diagnostics)


def _read_page(data: bytes, data_digest: str, path: Path, rel: str, config: SiteConfig,
               md: MarkdownIt, known_fragments: Mapping[str, str],
               report: Callable[[Diagnostic], None]) -> Article:
    if name_not_utf8(rel):
        raise InvalidPage(error(rel, None, "file-name-encoding",
                                "the file name is not UTF-8 (shown with \\x escapes); rename it"))
    if links_outside(path, config.root):
        raise InvalidPage(error(rel, None, "file-outside-project", OUTSIDE_PROJECT))
    try:
        text = page_text(data)
    except UnicodeDecodeError as exc:
        if binary := not_text(data):
            raise InvalidPage(error(rel, binary.line, "binary", f"{binary.what}, not text: a "
                                    f"page is Markdown text in UTF-8")) from None
        raise InvalidPage(error(rel, data.count(b"\n", 0, exc.start) + 1, "encoding",
                                f"not UTF-8 ({exc.reason} at byte {exc.start}); save the page "
                                f"as UTF-8")) from None
    control = NOT_IN_XML.search(text)
    if control:
        report(_control_warning(rel, text.count("\n", 0, control.start()) + 1, control.group()))
    try:
        page = parse(without_xml_forbidden(text))
    except FrontMatterError as exc:
        raise InvalidPage(error(rel, exc.line, "front-matter-syntax", str(exc)))
    if not page.data:
        raise InvalidPage(error(rel, 1, "front-matter-missing",
                                "no front matter: a page starts with '---', its metadata, and '---'"))
    values = {key: _without_control_characters(
        value, lambda char, key=key: report(_control_warning(rel, page.key_lines.get(key), char)))
        for key, value in page.data.items()}
    fields = _Fields(values, page.key_lines, rel, report, config.languages)
    if is_windows_reserved(path.name):
        report(warning(rel, None, "file-name-portable",
                       f"'{path.stem}' is a device name on Windows: the project cannot be checked "
                       f"out there; rename the file"))

    parts = path.relative_to(config.articles_dir).parts
    folder_lang = parts[0] if len(parts) > 1 else None
    lang = fields.value("lang") or folder_lang or ""
    if lang not in config.languages:  # from the folder
        raise fields.invalid("lang", "front-matter-value",
                             f"lang '{lang}' is not one of the site's languages "
                             f"({', '.join(config.languages)})")
    if folder_lang is not None and folder_lang != lang:
        report(warning(rel, fields.line("lang"), "lang-folder",
                       f"lang is '{lang}' but the page is in the '{folder_lang}' folder"))
    slug = path.stem
    if not SLUG_PATTERN.match(slug):
        slug = slugify(slug)
        if not slug:
            raise InvalidPage(error(rel, None, "slug-invalid",
                                    "the file name gives no usable URL slug; rename it to "
                                    "lower-case ASCII words joined by '-'"))
        report(warning(rel, None, "slug-normalised",
                       f"file name is not a clean slug; published as '{slug}'"))

    date = fields.value("date")
    if len(parts) == 4 and parts[1:3] != (f"{date:%Y}", f"{date:%m}"):
        report(warning(rel, fields.line("date"), "date-folder",
                       f"date {date.isoformat()} does not match the folder {parts[1]}/{parts[2]} "
                       f"it is in; move the page to content/articles/{parts[0]}/{date:%Y}/"
                       f"{date:%m}/, or correct date"))
    if inferred := fields.value("date_inferred"):  # until the editor has checked the date
        report(warning(rel, fields.line("date_inferred"), "date-inferred",
                       f"{inferred.rstrip('.')}. Check the date, then delete 'date_inferred'"))
    outlet = fields.value("outlet") or UNKNOWN
    printed = fields.value("outlet_name") or ""  # as the source named it
    if outlet == UNKNOWN and fields.line("outlet"):  # as ingest writes it: still to be found
        report(warning(rel, fields.line("outlet"), "outlet-not-found", NOT_FOUND))
    elif (advice := outlet_advice(outlet, fields.value("source_url"), printed,
                                  config.outlets)) is not None:
        report(warning(rel, fields.line("outlet"), "outlet-unknown", advice))
    published = fields.value("published")  # a time without an offset is the outlet's clock
    day_only = published and len(fields.data["published"].strip()) == len("2020-04-21")
    clock = getattr(config.outlets.get(outlet), "timezone", None)
    if published and not (published.tzinfo or clock or day_only):
        report(warning(rel, fields.line("published"), "published-no-offset",
                       f"'published' has no UTC offset, and outlet '{outlet}' no 'timezone' in "
                       f"content/outlets.yaml: add the offset ({published.isoformat()}+03:00 "
                       f"for Moscow's clock), or the outlet's timezone"))
    topics = _known_topics(fields, "topics", fields.value("topics"), config)

    headings, references = outline(md, page.body)
    section_topics = fields.value("section_topics")
    sections = []
    for token, anchor, heading in headings:
        if token.tag == "h2" and token.level == 0:  # not one quoted or in a list
            own = _known_topics(fields, "section_topics", section_topics.pop(anchor, []), config)
            sections.append(Section(anchor, heading, own))
    for anchor in section_topics:
        report(warning(rel, fields.line("section_topics"), "section-unknown",
                       f"section_topics names '#{anchor}', but no '## ' heading has that anchor"))
    for fragment_id, declared, body_line in references:
        line = page.body_line + body_line
        if fragment_id not in known_fragments:
            report(warning(rel, line, "fragment-unknown",
                           f"fragment '{fragment_id}' is in no locales/*/LC_MESSAGES/fragments.po"))
        elif declared and declared != known_fragments[fragment_id]:
            report(warning(rel, line, "fragment-lang",
                           f"fragment '{fragment_id}' is declared lang=\"{declared}\" but its "
                           f"catalog says '{known_fragments[fragment_id]}'"))

    translated_from = fields.value("translated_from")
    summary = fields.value("summary") or ""
    aliases, problems = read_aliases(fields.value("aliases"), lang, config.languages, rel,
                                     fields.line("aliases"))
    for problem in problems:
        report(problem)
    return Article(
        path=rel,
        lang=lang,
        slug=slug,
        title=fields.value("title"),
        draft=fields.value("draft"),
        own_topics=fields.value("own_topics"),
        date=date,
        outlet=outlet,
        translation_key=fields.value("translation_key") or f"{lang}-{slug}",
        aliases=aliases,
        digest=data_digest,
        body_sha256=hashlib.sha256(" ".join(page.body.split()).encode("utf-8")).hexdigest(),
        body_line=page.body_line,
        published=published,
        translated_from=translated_from,
        original_sha256=fields.value("original_sha256"),
        topics=tuple(sorted(set(topics) | {t for s in sections for t in s.topics})),
        sections=tuple(sections),
        summary=summary,
        lede=_lede(summary, page.body),
        place=fields.value("place") or "",
        source=fields.value("source"),
        source_sha256=fields.value("source_sha256"),
        source_url=_web_address(fields, "source_url"),
        related=fields.value("related"),
        fragments=tuple(dict.fromkeys(fragment_id for fragment_id, _, _ in references)),
        extra={key: value for key, value in values.items() if key not in KNOWN_KEYS},
        key_lines=page.key_lines,
    )


def _lede(summary: str, body: str) -> str:
    """The summary, shown under the title unless the body already opens with its words."""
    words = " ".join(summary.split()).rstrip("…")
    paragraphs = (p for p in body.strip().split("\n\n") if p and not p.startswith("#"))
    opening = " ".join(next(paragraphs, "").split())
    return "" if words and opening.startswith(words) else summary


def _control_warning(rel: str, line: int | None, char: str) -> Diagnostic:
    return warning(rel, line, "control-character",
                   f"control character U+{ord(char):04X} replaced by U+FFFD (no page or feed may "
                   f"hold it); delete it")


def _without_control_characters(value: Any, found: Callable[[str], None]) -> Any:
    """A front-matter value with the characters of :data:`NOT_IN_XML` (which YAML lets in as
    escapes such as ``"\\0"``) replaced by U+FFFD; ``found`` hears of each string that held one."""
    if isinstance(value, str):
        control = NOT_IN_XML.search(value)
        if control:
            found(control.group())
            return NOT_IN_XML.sub("\ufffd", value)
        return value
    if isinstance(value, list):
        return [_without_control_characters(item, found) for item in value]
    if isinstance(value, dict):
        return {_without_control_characters(k, found): _without_control_characters(v, found)
                for k, v in value.items()}
    return value


KNOWN_KEYS = frozenset(KEY_ORDER)


def _web_address(fields: _Fields, key: str) -> str | None:
    """An http(s) address, or None with a warning: a page links to it, and a ``javascript:``
    or ``data:`` address in a link runs in the reader's browser."""
    value = fields.value(key)
    if value is None:
        return None
    if not is_web_address(value):
        fields.report(warning(fields.rel, fields.line(key), "front-matter-url",
                              f"'{key}' must be an http(s) address, not {value[:60]!r}; ignored"))
        return None
    return value


def _known_topics(fields: _Fields, key: str, topics: list[str], config: SiteConfig) -> tuple[str, ...]:
    known = []
    for topic in topics:
        if topic in config.topics:
            known.append(topic)
        else:
            fields.report(warning(fields.rel, fields.line(key), "topic-unknown",
                                  f"topic '{topic}' is not in content/topics.yaml; ignored"))
    return tuple(sorted(set(known)))


class _Fields:
    """Typed access to front-matter values, each read as its field's kind says
    (:mod:`builder.formats.fields`, which the JSON Schema is made from too); a wrong type raises
    InvalidPage at the key's line."""

    def __init__(self, data: Mapping[str, Any], lines: Mapping[str, int], rel: str,
                 report: Callable[[Diagnostic], None], languages: tuple[str, ...]):
        self.data, self.lines, self.rel, self.report = data, lines, rel, report
        self.languages = languages

    def value(self, key: str) -> Any:
        """The value of the field ``key``, validated as its kind."""
        field = FIELD_BY_KEY[key]
        match field.kind:
            case Kind.TEXT:
                return self.text(key, required=field.required)
            case Kind.DATE:
                return self.date(key)
            case Kind.DATETIME:
                return self.datetime(key)
            case Kind.LANGUAGE:
                return self.language(key)
            case Kind.NAMES:
                return self.string_list(key)
            case Kind.NAMES_BY_SECTION:
                return self.mapping_of_lists(key)
            case Kind.HEADLINES:
                return self.related(key)
            case Kind.FLAG:
                return self.flag(key)
            case Kind.ADDRESSES:  # read item by item (read_aliases): one bad costs nothing else
                return self.data.get(key)
        raise AssertionError(f"no reader for {field.kind}")

    def flag(self, key: str) -> bool:
        value = self.data.get(key)
        if value is None:
            return False
        if not isinstance(value, bool):
            raise self._type_error(key, "true or false")
        return value

    def language(self, key: str) -> str | None:
        value = self.text(key, required=False)
        if value is not None and value not in self.languages:
            raise self.invalid(key, "front-matter-value",
                               f"{key} '{value}' is not one of the site's languages "
                               f"({', '.join(self.languages)})")
        return value

    def line(self, key: str) -> int | None:
        return self.lines.get(key)

    def invalid(self, key: str, code: str, message: str) -> InvalidPage:
        return InvalidPage(error(self.rel, self.line(key) or 1, code, message))

    def _type_error(self, key: str, expected: str) -> InvalidPage:
        value = self.data[key]
        return self.invalid(key, "front-matter-type",
                            f"'{key}' must be {expected}, not {type(value).__name__} {value!r}")

    def text(self, key: str, *, required: bool = True) -> Any:
        value = self.data.get(key)
        if value is None or value == "":
            if required:
                raise InvalidPage(error(self.rel, 2, "front-matter-missing",
                                        f"'{key}' is required"))
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise self._type_error(key, "text")
        return str(value).strip()

    def date(self, key: str) -> dt.date:
        value = self.data.get(key)
        if value is None:
            raise InvalidPage(error(self.rel, 2, "front-matter-missing",
                                    f"'{key}' is required (the news date, YYYY-MM-DD)"))
        date = iso_date(value) if isinstance(value, str) else None
        if date is None:
            raise self._type_error(key, "a date like 2020-04-17")
        if date.year < FIRST_YEAR:
            raise self.invalid(key, "front-matter-value",
                               f"'{key}' {value.strip()} is before the year {FIRST_YEAR}")
        return date

    def datetime(self, key: str) -> dt.datetime | None:
        value = self.data.get(key)
        if value is None:
            return None
        parsed = iso_datetime(value) if isinstance(value, str) else None
        if parsed is None:
            raise self._type_error(key, "a date-time like 2020-04-21T14:27:00+03:00")
        return parsed

    def string_list(self, key: str) -> list[str]:
        value = self.data.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            return [value]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self._type_error(key, "a list of names")
        return list(value)

    def mapping_of_lists(self, key: str) -> dict[str, list[str]]:
        value = self.data.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict) or not all(
                isinstance(k, str) and isinstance(v, list) and all(isinstance(i, str) for i in v)
                for k, v in value.items()):
            raise self._type_error(key, "a mapping of section anchors to lists of topics")
        return {k: list(v) for k, v in value.items()}

    def related(self, key: str) -> tuple[RelatedHeadline, ...]:
        value = self.data.get(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            raise self._type_error(key, "a list of {title, teaser} entries")
        headlines = []
        for item in value:
            if isinstance(item, str):
                headlines.append(RelatedHeadline(item))
            elif isinstance(item, dict) and isinstance(item.get("title"), str):
                headlines.append(RelatedHeadline(item["title"], str(item.get("teaser") or "")))
            else:
                raise self._type_error(key, "a list of {title, teaser} entries")
        return tuple(headlines)
