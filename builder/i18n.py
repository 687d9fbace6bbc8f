"""Gettext catalogs: UI strings (``messages.po``) and i18n fragments (``fragments.po``).

Catalogs are the translators' files, edited with Poedit or Weblate; the build compiles them in
memory (no ``.mo`` files in the tree) into Babel ``Translations`` for Jinja2's i18n extension.
Fragments are recurring foreign-language passages: msgctxt is the fragment id, msgid the
original text, msgstr its translation into the catalog's language, and an extracted comment
``lang: xx`` records the original's language. Fuzzy or empty translations fall back to the
original, shown with its ``lang``.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po
from babel.support import Translations

from builder.config import SiteConfig
from builder.diagnostics import BuildError, Diagnostic, error, warning
from builder.formats.catalog import CatalogError, parse_catalog
from builder.formats.markdown import FragmentText
from builder.model import SiteModel
from builder.util.files import OUTSIDE_PROJECT, resolves_outside, write_atomically

MESSAGES = "messages"
SOURCE_LANGUAGE = "en"
"""The language UI strings are written in (msgids): its catalog needs no translation."""
FRAGMENTS = "fragments"


@dataclass(frozen=True)
class Fragment:
    id: str
    original: str
    lang: str
    """Language of the original text."""


@dataclass(frozen=True)
class LocaleCatalogs:
    """Everything translated into one language."""

    lang: str
    translations: Translations
    """UI strings, ready for ``Environment.install_gettext_translations``."""
    fragment_translations: Mapping[str, str]
    """Fragment id -> translation into this language (only usable, non-fuzzy ones)."""


@dataclass(frozen=True)
class Catalogs:
    """All languages' catalogs, and the fragments known to any of them."""

    locales: Mapping[str, LocaleCatalogs]
    fragments: Mapping[str, Fragment]
    diagnostics: tuple[Diagnostic, ...]

    @property
    def fragment_languages(self) -> dict[str, str]:
        """Fragment id -> the language of its original: what reading a page checks its
        fragments against (the translations do not matter there)."""
        return {key: fragment.lang for key, fragment in self.fragments.items()}

    def resolve_fragment(self, fragment_id: str, page_lang: str) -> FragmentText | None:
        fragment = self.fragments.get(fragment_id)
        if fragment is None:
            return None
        translation = None
        if fragment.lang != page_lang and page_lang in self.locales:
            translation = self.locales[page_lang].fragment_translations.get(fragment_id)
        return FragmentText(fragment.original, fragment.lang, translation)


def catalog_path(config: SiteConfig, lang: str, domain: str) -> Path:
    return config.locales_dir / lang / "LC_MESSAGES" / f"{domain}.po"


def read_catalog(config: SiteConfig, path: Path, lang: str) -> Catalog:
    """Read a PO file of the project; a syntax error, a plural rule no language has, or a link
    that leads out of the project stops the build, because every page uses the catalogs."""
    rel = config.relative(path)
    if resolves_outside(path, config.root):
        raise BuildError(error(rel, None, "file-outside-project", OUTSIDE_PROJECT))
    try:
        return parse_catalog(path.read_bytes(), lang)
    except CatalogError as exc:
        raise BuildError(error(rel, exc.line, "catalog-syntax",
                               f"cannot read catalog: {exc}")) from None


def compile_translations(catalog: Catalog) -> Translations:
    """Compile in memory what ``pybabel compile`` would write as a .mo file."""
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(fp=buffer, domain=MESSAGES)


def load_catalogs(config: SiteConfig) -> Catalogs:
    diagnostics: list[Diagnostic] = []
    locales: dict[str, LocaleCatalogs] = {}
    fragments: dict[str, Fragment] = {}
    for lang in config.languages:
        messages_path = catalog_path(config, lang, MESSAGES)
        if messages_path.is_file():
            catalog = read_catalog(config, messages_path, lang)
        else:
            if lang != "en":
                diagnostics.append(warning(config.relative(messages_path), None, "catalog-missing",
                                           f"no UI catalog for '{lang}': interface shown in English"))
            catalog = Catalog(locale=lang)
        fragment_translations: dict[str, str] = {}
        fragments_path = catalog_path(config, lang, FRAGMENTS)
        if fragments_path.is_file():
            for message in read_catalog(config, fragments_path, lang):
                if not message.id or not message.context:
                    continue
                original_lang = _declared_lang(message.auto_comments) or lang
                fragments.setdefault(message.context,
                                     Fragment(message.context, str(message.id), original_lang))
                if message.string and not message.fuzzy and original_lang != lang:
                    fragment_translations[message.context] = str(message.string)
        locales[lang] = LocaleCatalogs(lang, compile_translations(catalog), fragment_translations)
    return Catalogs(locales, fragments, tuple(diagnostics))


def _declared_lang(comments: list[str]) -> str | None:
    for comment in comments:
        key, _, value = comment.partition(":")
        if key.strip() == "lang" and value.strip():
            return value.strip()
    return None


@functools.lru_cache(maxsize=256)
def language_name(code: str, in_lang: str) -> str:
    """``ru`` -> "Russian" on English pages, "русский" on Russian ones (CLDR via Babel);
    remembered, as pages ask a dozen times each and Babel parses both locales every time."""
    try:
        return Locale.parse(code).get_display_name(in_lang) or code
    except (ValueError, LookupError):
        return code


def N_(message: str) -> str:
    """Marks ``message`` for extraction where it is translated later (gettext's convention)."""
    return message


IN_LANGUAGE = {"en": N_("in English"), "ru": N_("in Russian")}
""""In <language>" for the languages the digest is written in, a message each, so that each
language says it in its own grammar: Russian «на английском», which no template around a
language's name gives («на языке «английский»»)."""


def in_language(code: str, lang: str, translations: Translations) -> str:
    """"in English" for ``code`` ``en``, in ``lang`` (``translations`` are its UI strings):
    :data:`IN_LANGUAGE`'s message, or "in <the language's name>" for a language it lacks."""
    if (message := IN_LANGUAGE.get(code)) is not None:
        return translations.gettext(message)
    return translations.gettext("in %(language)s") % {"language": language_name(code, lang)}


def month_heading(value: dt.date, lang: str) -> str:
    """Month headings in the nominative ("Апрель 2020"), not the genitive of dates."""
    return capitalised(format_date(value, "LLLL y", locale=lang))


def day_heading(value: dt.date, lang: str) -> str:
    """A day under its month's heading, without the year: "Thursday, October 15", "Четверг,
    15 октября": CLDR's own order and cases for the language (its "MMMMEd" pattern), with the
    weekday spelt out, which CLDR patterns abbreviate."""
    pattern = Locale.parse(lang).datetime_skeletons["MMMMEd"].pattern
    return capitalised(format_date(value, re.sub(r"E+|c+", "EEEE", pattern), locale=lang))


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


PLURAL_CANDIDATES = (*range(200), 1_000_000)
"""Whole numbers tried for :func:`plural_examples`: every integer category of the languages
CLDR knows shows up below 200, but for the "many" of French, Spanish or Italian (a million)."""


@functools.lru_cache(maxsize=64)
def plural_examples(lang: str) -> dict[str, int]:
    """CLDR plural category of a whole number -> the smallest such number, in ``lang``:
    ``ru`` -> ``{"many": 0, "one": 1, "few": 2}``, ``en`` -> ``{"other": 0, "one": 1}``.

    ``ngettext(singular, plural, example)`` is then the catalog's form for every count of that
    category, which a browser finds with ``Intl.PluralRules`` (the search page's counts,
    which Pagefind writes in the browser). Categories no whole number has (Russian "other", for
    fractions) are left out."""
    rule = Locale.parse(lang).plural_form
    examples: dict[str, int] = {}
    for number in PLURAL_CANDIDATES:
        examples.setdefault(rule(number), number)
    return examples


# --- Maintaining the UI catalogs (`digest i18n extract | update | status`) -------------------

EXTRACT_KEYWORDS = {**DEFAULT_KEYWORDS, "translate": (2,)}
"""gettext's usual names, plus ``translate(lang, message)`` used by language-neutral pages."""
FIXED_DATE = dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)
"""Header dates of generated catalogs: fixed, so that re-running a command changes nothing."""


MAPPING_FILE = "babel.cfg"


def template_path(config: SiteConfig) -> Path:
    return config.locales_dir / f"{MESSAGES}.pot"


def extract_messages(config: SiteConfig) -> Catalog:
    """Every UI string of ``builder/`` and ``templates/``, as ``babel.cfg`` maps them."""
    mapping = config.root / MAPPING_FILE
    if not mapping.is_file() or resolves_outside(mapping, config.root):
        raise BuildError(error(MAPPING_FILE, None, "config-missing", (
            "not in the project: it tells extract where the UI strings are; copy it from "
            "the digest repository")))
    with mapping.open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    catalog = _new_catalog(None)
    for filename, lineno, message, comments, context in extract_from_dir(
            config.root, method_map, options_map, keywords=EXTRACT_KEYWORDS):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


CATALOG_HEADERS = {
    MESSAGES: "# Interface strings of the digest site{language}.\n"
              "# Translate with any PO editor; refresh with `digest i18n update`.",
    FRAGMENTS: "# Foreign-language passages of articles{language}.\n"
               "# msgctxt: the fragment id pages refer to; msgid: the original\n"
               "# (its language in the `lang:` comment); msgstr: its translation\n"
               "# into this catalog's language. Ingest adds new passages here.",
}


def _new_catalog(lang: str | None, domain: str = MESSAGES) -> Catalog:
    language = f" ({lang})" if lang else ""
    return Catalog(
        locale=lang, project="digest", version="1", copyright_holder="the digest authors",
        msgid_bugs_address="", language_team=lang or "", last_translator="",
        creation_date=FIXED_DATE, revision_date=FIXED_DATE, fuzzy=False,
        header_comment=CATALOG_HEADERS[domain].format(language=language))


def write_catalog(path: Path, catalog: Catalog, scratch: Path) -> None:
    """Write a PO/POT file atomically (through ``scratch``), sorted and without line numbers,
    for quiet diffs."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, sort_output=True, include_lineno=False, ignore_obsolete=True,
             width=76)
    write_atomically(path, buffer.getvalue(), scratch)


def update_catalogs(config: SiteConfig) -> list[Path]:
    """Extract the template, then merge it into every language's ``messages.po``. Every catalog
    is read before any is written, so that one that cannot be read leaves all as they were."""
    template = extract_messages(config)
    paths = {lang: catalog_path(config, lang, MESSAGES) for lang in config.languages}
    catalogs = {lang: read_catalog(config, path, lang) if path.is_file() else _new_catalog(lang)
                for lang, path in paths.items()}
    for lang in config.languages:  # not rewritten here, but a build cannot read one it refuses
        if (fragments := catalog_path(config, lang, FRAGMENTS)).is_file():
            read_catalog(config, fragments, lang)
    write_catalog(template_path(config), template, config.scratch_dir)
    for lang, catalog in catalogs.items():
        catalog.update(template, no_fuzzy_matching=True)
        write_catalog(paths[lang], catalog, config.scratch_dir)
    return [template_path(config), *paths.values()]


def add_fragments(config: SiteConfig, fragments: Iterable[Fragment]) -> list[Path]:
    """Add new fragments, untranslated, to every language's ``fragments.po``.

    Each catalog gets every fragment (with an empty msgstr) so that translators see in Poedit
    or Weblate what is left to translate into their language; entries already there are kept.
    """
    fragments = list(fragments)
    written = []
    for lang in config.languages if fragments else ():
        path = catalog_path(config, lang, FRAGMENTS)
        catalog = (read_catalog(config, path, lang) if path.is_file()
                   else _new_catalog(lang, FRAGMENTS))
        for fragment in fragments:
            if catalog.get(fragment.original, context=fragment.id) is None:
                catalog.add(fragment.original, "", context=fragment.id,
                            auto_comments=[f"lang: {fragment.lang}"])
        write_catalog(path, catalog, config.scratch_dir)
        written.append(path)
    return written


@dataclass(frozen=True)
class Coverage:
    """How much of what a language's readers see is translated into it."""

    lang: str
    ui_total: int
    ui_untranslated: int
    ui_fuzzy: int
    fragments_total: int
    """Fragments whose original is in another language (those this language needs translated)."""
    fragments_untranslated: int
    """Fragments with no usable (non-fuzzy) translation into this language."""

    @property
    def percent_translated(self) -> float:
        """Interface strings and fragments usable in this language, in percent (100 if none)."""
        total = self.ui_total + self.fragments_total
        missing = self.ui_untranslated + self.ui_fuzzy + self.fragments_untranslated
        return 100.0 if total == 0 else 100.0 * (total - missing) / total


@dataclass(frozen=True)
class ItemCoverage:
    """How many items a language has in its own words."""

    lang: str
    items: int
    """Items on the site (a group of versions sharing a translation key counts once)."""
    own: int
    """Items with a version in this language."""
    paired: int
    """Items with a version in every language of the site."""
    outdated: int
    """Versions in this language that are translations of an original changed since."""


def item_coverage(model: SiteModel, languages: Sequence[str]) -> list[ItemCoverage]:
    groups = model.translations.values()
    return [ItemCoverage(
        lang,
        items=len(groups),
        own=sum(1 for group in groups if lang in group),
        paired=sum(1 for group in groups if all(code in group for code in languages)),
        outdated=sum(1 for key in model.outdated if key[0] == lang),
    ) for lang in languages]


def coverage_diagnostics(config: SiteConfig) -> list[Diagnostic]:
    """An error for each language translated below ``config.min_translated`` percent."""
    if not config.min_translated:
        return []
    return [error(config.relative(catalog_path(config, row.lang, MESSAGES if ui else FRAGMENTS)),
                  None, "i18n-coverage",
                  f"'{row.lang}' has {row.percent_translated:.0f}% of its interface strings and "
                  f"fragments translated ({ui} interface strings and "
                  f"{row.fragments_untranslated} fragments to translate), under the "
                  f"{config.min_translated}% that digest.toml asks for ([i18n] min_translated); "
                  f"see 'digest i18n status'")
            for row in catalog_coverage(config) if row.percent_translated < config.min_translated
            for ui in [row.ui_untranslated + row.ui_fuzzy]]


def catalog_coverage(config: SiteConfig) -> list[Coverage]:
    """Untranslated and fuzzy UI strings and fragments, per language."""
    result = []
    for lang in config.languages:
        ui = _entries(config, lang, MESSAGES)
        fragments = [m for m in _entries(config, lang, FRAGMENTS)
                     if (_declared_lang(m.auto_comments) or lang) != lang]
        result.append(Coverage(
            lang,
            ui_total=len(ui),
            ui_untranslated=sum(1 for m in ui if not _translated(m) and lang != SOURCE_LANGUAGE),
            ui_fuzzy=sum(1 for m in ui if m.fuzzy),
            fragments_total=len(fragments),
            fragments_untranslated=sum(1 for m in fragments if not _translated(m) or m.fuzzy),
        ))
    return result


def _entries(config: SiteConfig, lang: str, domain: str) -> list[Message]:
    path = catalog_path(config, lang, domain)
    if not path.is_file():
        return []
    return [m for m in read_catalog(config, path, lang) if m.id]


def _translated(message: Message) -> bool:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(strings)
