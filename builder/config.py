"""SiteConfig: ``digest.toml`` plus ``content/topics.yaml`` and ``content/outlets.yaml``.

Loaded and validated once, then passed explicitly to every stage: there is no global
configuration. A mistake in any of these files stops the build with a located diagnostic,
because every page depends on them.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tomllib
import zoneinfo
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from builder.diagnostics import BuildError, error
from builder.model import Outlet, Topic
from builder.util.files import resolves_outside
from builder.util.yamlcore import YamlError, load, quote_hint

CONFIG_FILE = "digest.toml"
ARTICLES_DIR = "articles"
"""The editor's pages, in ``content/``."""
SOURCES_DIR = "sources"
"""The raw sources ingest makes pages of, in ``content/``."""
CACHE_DIR = ".digest-cache"
"""The cache folder, in the project (never published, ignored by git)."""
PREVIEW_DIR = "preview"
"""The live preview's own folder in the cache: its site and what its builds remember. The
preview shows drafts and items before their day, so it never writes ``site/``, and a
``digest build`` never changes what it serves (``hugo server`` renders apart from ``public/``
too)."""

KEY_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANGUAGE_PATTERN = re.compile(r"^[a-z]{2,3}$")


@dataclass(frozen=True)
class SiteConfig:
    """Everything a build needs to know besides the content itself."""

    root: Path
    """The project folder: every other path is inside it."""
    base_url: str
    """Absolute URL the site is published at, without a trailing slash."""
    languages: tuple[str, ...]
    """Language codes of the site, in the order the language switch shows them."""
    default_language: str
    """Where ``/`` leads when the reader's language is unknown."""
    home_items: int = 20
    """How many latest items the home page lists."""
    page_size: int = 20
    """How many items one page of a topic list holds before it is paginated."""
    topics: Mapping[str, Topic] = field(default_factory=dict)
    outlets: Mapping[str, Outlet] = field(default_factory=dict)
    output_dir: Path | None = None
    """Where the site is written; ``<root>/site`` unless overridden (tests, previews)."""
    preview: bool = False
    """Whether this is the live preview's: its site and cache are in :data:`PREVIEW_DIR`."""
    search: bool = True
    """Whether to run Pagefind after writing."""
    drafts: bool = False
    """Whether drafts are in the site: the live preview's, marked as drafts; never a build's."""
    future: bool = False
    """Whether items dated after the build's day are in the site, marked as scheduled: the live
    preview's, and ``digest build --future``'s; otherwise they are held until that day."""
    last_good_pages: bool = False
    """Whether a page that no longer reads (its front matter broken in mid-edit) is shown as
    it last read: the live preview's, so that the page being edited stays on screen under the
    overlay that names the error; never a build's, whose site is its inputs' alone."""
    timezone: str = "UTC"
    """The IANA zone whose calendar says what day a build runs on (``[site] timezone``)."""
    min_translated: int = 0
    """Percent of interface strings and fragments each language must have translated, or the
    build fails (exit code 1); 0 turns the check off."""

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def project_cache_dir(self) -> Path:
        """The project's cache folder, where the lock every build of the project takes is."""
        return self.root / CACHE_DIR

    @property
    def cache_dir(self) -> Path:
        """What builds remember for the next (the live preview's builds apart)."""
        return self.project_cache_dir / PREVIEW_DIR if self.preview else self.project_cache_dir

    @property
    def preview_site_dir(self) -> Path:
        """Where the live preview writes its site (in the cache, never published)."""
        return self.project_cache_dir / PREVIEW_DIR / "site"

    @property
    def scratch_dir(self) -> Path:
        """Where files the editor owns are written before they are renamed into place."""
        return self.cache_dir / "tmp"

    @property
    def sources_dir(self) -> Path:
        return self.content_dir / SOURCES_DIR

    @property
    def articles_dir(self) -> Path:
        return self.content_dir / ARTICLES_DIR

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def locales_dir(self) -> Path:
        return self.root / "locales"

    @property
    def site_dir(self) -> Path:
        return self.output_dir or self.root / "site"

    def relative(self, path: Path) -> str:
        """``path`` relative to the project, with POSIX separators, for diagnostics: by the
        name it was given (a link's, not where it leads) when that is in the project."""
        for named in (Path(os.path.abspath(path)), path.resolve()):
            try:
                return named.relative_to(self.root).as_posix()
            except ValueError:
                continue
        return path.as_posix()

    def today(self) -> dt.date:
        """The day it is now in the site's time zone: a build holds the items dated after it.
        The same on every machine (a Netlify builder runs in UTC, an editor's laptop in their
        own zone), so that where a site is built never changes what it publishes."""
        return dt.datetime.now(zoneinfo.ZoneInfo(self.timezone)).date()

    def with_output(self, output_dir: Path, search: bool | None = None) -> SiteConfig:
        return replace(self, output_dir=output_dir, search=self.search if search is None else search)

    def previewed(self) -> SiteConfig:
        """This configuration as the live preview builds it: drafts and items dated later in
        the site, marked as such, and a page broken in mid-edit shown as it last read; written
        to its own folder with its own cache (see :data:`PREVIEW_DIR`) unless told where."""
        return replace(self, drafts=True, future=True, last_good_pages=True, preview=True,
                       output_dir=self.output_dir or self.preview_site_dir)


def load_config(root: Path) -> SiteConfig:
    """Read and validate the project's configuration; raise BuildError on the first mistake."""
    root = root.resolve()
    config_path = root / CONFIG_FILE
    if not config_path.is_file():
        raise BuildError(error(CONFIG_FILE, None, "config-missing",
                               f"no {CONFIG_FILE} in {root}: is this a digest project?"))
    _inside(root, CONFIG_FILE, *FOLDERS_READ)
    try:  # utf-8-sig: Windows editors may start the file with a byte-order mark
        raw = tomllib.loads(config_path.read_text(encoding="utf-8-sig"))
    except tomllib.TOMLDecodeError as exc:
        line = _toml_error_line(exc)
        raise BuildError(error(CONFIG_FILE, line, "config-syntax", str(exc))) from exc
    except UnicodeDecodeError:
        raise BuildError(error(CONFIG_FILE, None, "config-syntax",
                               "not UTF-8; save it as UTF-8")) from None
    except OSError as exc:
        raise BuildError(error(CONFIG_FILE, None, "config-missing",
                               f"cannot be read: {exc.strerror or exc}")) from None

    site = _table(raw, "site")
    languages = tuple(site.get("languages", ("en", "ru")))
    for lang in languages:
        if not isinstance(lang, str) or not LANGUAGE_PATTERN.match(lang):
            raise BuildError(error(CONFIG_FILE, None, "config-value",
                                   f"[site] languages: {lang!r} is not a language code like 'en'"))
    default_language = site.get("default_language", languages[0] if languages else "en")
    if default_language not in languages:
        raise BuildError(error(CONFIG_FILE, None, "config-value",
                               f"[site] default_language {default_language!r} is not in languages"))
    base_url = str(site.get("base_url", "http://127.0.0.1:8000")).rstrip("/")
    timezone = _zone_name(site.get("timezone", "UTC"))
    if timezone is None:
        raise BuildError(error(CONFIG_FILE, None, "config-value",
                               f"[site] timezone {site.get('timezone')!r} is not an IANA time "
                               f"zone like 'UTC' or 'Europe/Moscow'"))
    build = _table(raw, "build")
    config = SiteConfig(
        root=root,
        base_url=base_url,
        languages=languages,
        default_language=default_language,
        home_items=_positive_int(build, "home_items", 20),
        page_size=_positive_int(build, "page_size", 20),
        search=bool(build.get("search", True)),
        min_translated=_percent(_table(raw, "i18n"), "min_translated"),
        timezone=timezone,
    )
    return replace(
        config,
        topics=_load_topics(config, languages),
        outlets=_load_outlets(config, languages),
    )


FOLDERS_READ = ("content", f"content/{ARTICLES_DIR}", "content/sources", "templates",
                "templates/assets", "locales")
"""The folders the build walks from: none may lead out of the project, so that nothing found
under them does (a walk enters no link below them)."""


def _inside(root: Path, *names: str) -> None:
    """Stop with ``file-outside-project`` when one of ``names`` (paths in the project, which
    need not exist) is, or lies in, a link that leads out of the project."""
    for name in names:
        if resolves_outside(root / name, root):
            raise BuildError(error(name, None, "file-outside-project",
                                   "a symbolic link (or in a folder that is one) that leads out "
                                   "of the project; nothing is read through it: copy the files "
                                   "in instead"))


def _toml_error_line(exc: tomllib.TOMLDecodeError) -> int | None:
    match = re.search(r"line (\d+)", str(exc))
    return int(match.group(1)) if match else None


def _table(raw: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    value = raw.get(name, {})
    if not isinstance(value, dict):
        raise BuildError(error(CONFIG_FILE, None, "config-type", f"[{name}] must be a table"))
    return value


def _positive_int(table: Mapping[str, Any], key: str, default: int) -> int:
    value = table.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise BuildError(error(CONFIG_FILE, None, "config-type",
                               f"[build] {key} must be a positive whole number, not {value!r}"))
    return value


def _percent(table: Mapping[str, Any], key: str) -> int:
    value = table.get(key, 0)
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 100:
        raise BuildError(error(CONFIG_FILE, None, "config-type",
                               f"[i18n] {key} must be a whole number from 0 to 100, not {value!r}"))
    return value


def _load_yaml_mapping(root: Path, rel: str) -> tuple[dict[Any, Any], dict[str, int]]:
    """The mapping in the YAML file ``rel`` (empty when there is no file), and the line of
    each of its keys."""
    path = root / rel
    if not path.is_file():
        return {}, {}
    _inside(root, rel)
    try:
        text = path.read_text(encoding="utf-8")
        data, lines = load(text)
    except YamlError as exc:
        raise BuildError(error(rel, exc.line, "yaml-syntax",
                               f"not valid YAML: {exc}{quote_hint(text, exc)}")) from None
    except UnicodeDecodeError:
        raise BuildError(error(rel, None, "yaml-syntax", "not UTF-8; save it as UTF-8")) from None
    if data is None:
        return {}, {}
    if not isinstance(data, dict):
        raise BuildError(error(rel, 1, "config-type", "must be a mapping of keys to entries"))
    return data, lines


def _entries(root: Path, rel: str, kind: str) -> Iterator[tuple[str, dict[str, Any], int | None]]:
    """Each (key, entry, line) of ``topics.yaml`` or ``outlets.yaml``, by key, once every key
    is known to be a key and every entry a mapping."""
    data, lines = _load_yaml_mapping(root, rel)
    for key, entry in data.items():
        line = lines.get(str(key))
        if not isinstance(key, str) or not KEY_PATTERN.match(key):
            raise BuildError(error(rel, line, f"{kind}-key", (
                f"{kind} key {key!r} must be lower-case ASCII words joined by '-'")))
        if not isinstance(entry, dict):
            raise BuildError(error(rel, line, "config-type", f"{kind} {key!r} must be a mapping"))
    for key in sorted(data):
        yield key, data[key], lines.get(key)


def _per_language(value: Any, where: tuple[str, int | None], what: str,
                  languages: tuple[str, ...], many: bool = False) -> dict[str, Any]:
    """``value``, a mapping of the site's languages to a text each (a list of texts, with
    ``many``; one text is a list of one), as that mapping of texts."""
    if not isinstance(value, dict) or not set(value) <= set(languages):
        raise BuildError(error(*where, "config-type",
                               f"{what} must map language codes ({', '.join(languages)}) to values"))
    texts: dict[str, Any] = {}
    for lang, given in value.items():
        if given is None or given == "":  # "ru:" with nothing after it is a label not given
            continue
        items = given if isinstance(given, list) else [given]
        if not all(_is_text(item) for item in items) or (isinstance(given, list) and not many):
            kind = "a list of texts" if many else "a text"
            raise BuildError(error(*where, "config-type", f"{what} in '{lang}' must be {kind}, "
                                                          f"not {given!r}"))
        texts[lang] = tuple(str(item) for item in items) if many else str(given)
    return texts


def _is_text(value: Any) -> bool:
    """Whether ``value`` reads as text: a string, or a number YAML took it for (``2020``)."""
    return isinstance(value, (str, int, float)) and not isinstance(value, bool)


def _load_topics(config: SiteConfig, languages: tuple[str, ...]) -> dict[str, Topic]:
    rel = "content/topics.yaml"
    return {key: Topic(
        key=key,
        labels=_per_language(entry.get("label", {}), (rel, line), f"topic {key!r} label",
                             languages),
        keywords=_per_language(entry.get("keywords", {}), (rel, line), f"topic {key!r} keywords",
                               languages, many=True),
    ) for key, entry, line in _entries(config.root, rel, "topic")}


def _load_outlets(config: SiteConfig, languages: tuple[str, ...]) -> dict[str, Outlet]:
    rel = "content/outlets.yaml"
    outlets: dict[str, Outlet] = {}
    for key, entry, line in _entries(config.root, rel, "outlet"):
        url = entry.get("url")
        if url is not None and not is_web_address(url):  # it reaches pages (JSON-LD, links)
            raise BuildError(error(rel, line, "config-value", f"outlet {key!r} url must be an "
                                                              f"http(s) address like "
                                                              f"'https://tass.com/'"))
        outlets[key] = Outlet(
            key=key,
            names=_per_language(entry.get("name", {}), (rel, line), f"outlet {key!r} name",
                                languages),
            url=url,
            timezone=_timezone(entry.get("timezone"), (rel, line), key),
        )
    return outlets


def is_web_address(value: Any) -> bool:
    """Whether ``value`` is an http(s) address: what a page may link to (a ``javascript:`` or
    ``data:`` address runs in the reader's browser), for outlets here and pages' ``source_url``."""
    if not isinstance(value, str) or any(ord(char) < 32 or char == "\x7f" for char in value):
        return False  # urlsplit drops a leading NUL: "\0https://…" would pass for an address
    parts = urlsplit(value.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def _timezone(value: Any, where: tuple[str, int | None], outlet: str) -> str | None:
    """An IANA zone name Python knows, so every later stage can use it without checking."""
    if value is None:
        return None
    if (name := _zone_name(value)) is None:
        raise BuildError(error(*where, "config-value",
                               f"outlet {outlet!r} timezone {value!r} is not an IANA time zone "
                               f"like 'Europe/Moscow'"))
    return name


def _zone_name(value: Any) -> str | None:
    """``value`` when it names an IANA zone Python knows, else None (``localtime`` too: it is
    the machine's zone, whatever that is, not a place)."""
    if not isinstance(value, (str, int, float)) or isinstance(value, bool) or \
            str(value) == "localtime":
        return None
    try:
        zoneinfo.ZoneInfo(str(value))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):  # OSError: "Europe", a folder
        return None
    return str(value)
