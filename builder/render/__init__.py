"""Page jobs -> bytes, with Jinja2 templates and Babel catalogs.

One Jinja2 environment per language, each with that language's compiled catalog installed
through ``jinja2.ext.i18n`` (newstyle gettext, so ``ngettext`` gives Russian its one/few/many
forms; ``plural_examples()`` gives a number of each plural category, for counts made in the
browser) and Babel formatters bound to the language: templates never call ``setlocale`` or know
which language they render. Autoescaping is on for every template, the XML feeds and the
sitemap included; the only HTML that enters a page unescaped is what :mod:`builder.formats.markdown`
produced from escaped Markdown, and JSON is only ever written by ``json.dumps`` (``tojson``).
A part that many pages show alike (a topic's archive by month) is rendered once per language with
``partial_cached`` (Hugo's ``partialCached``).
An article's Markdown is read again from its page file as its page, or a feed that shows it, is
rendered (:func:`builder.formats.pages.page_body`): the build keeps articles without their
bodies. Feeds are rendered with :mod:`builder.render.feeds`, which renders the bodies too.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from babel.core import get_global
from babel.dates import format_date, format_time
from jinja2.loaders import split_template_path
from markupsafe import Markup

from builder.config import SiteConfig
from builder.diagnostics import BuildError, Diagnostic, error, warning
from builder.formats.markdown import RenderEnv, create_parser
from builder.i18n import (
    Catalogs,
    capitalised,
    day_heading,
    in_language,
    language_name,
    month_heading,
    plural_examples,
)
from builder.model import Article, SiteModel, search_sort_value
from builder.plan import PageJob
from builder.plan.feeds import Feed, shown_in_feeds
from builder.render.feeds import Bodies, feed_title, json_feed, rfc3339
from builder.util.files import OUTSIDE_PROJECT, links_outside, resolves_outside, walk
from builder.util.fingerprints import code_fingerprint, digest, fast_pickle


@dataclass(frozen=True)
class RenderedFile:
    output: str
    content: bytes


class Renderer:
    """Holds the per-language Jinja2 environments for one build."""

    def __init__(self, config: SiteConfig, model: SiteModel, catalogs: Catalogs):
        self.config, self.model, self.catalogs = config, model, catalogs
        self.markdown = create_parser()
        self.bodies = Bodies(config, self.markdown, {lang: self._render_env(lang)
                                                     for lang in config.languages},
                             shown_in_feeds(model, config))
        loader = _ProjectLoader(config)
        self.bytecode_cache = _bytecode_cache(config)
        self._formatted_texts: dict[tuple[Any, ...], str] = {}
        self.environments = {
            lang: self._environment(loader, lang) for lang in config.languages
        }

    def _environment(self, loader: jinja2.BaseLoader, lang: str) -> jinja2.Environment:
        env = jinja2.Environment(
            loader=loader,
            bytecode_cache=self.bytecode_cache,
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            extensions=["jinja2.ext.i18n"],
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,  # one build, one set of templates: no stat per include
        )
        translations = self.catalogs.locales[lang].translations
        env.install_gettext_translations(translations, newstyle=True)
        env.globals.update(remembered_gettext(translations))
        env.globals["partial_cached"] = cached_partials(env)
        env.globals.update(
            lang=lang,
            site=self.config,
            languages=self.config.languages,
            topics=self.model.topics,
            outlets=self.model.outlets,
            language_name=lambda code: language_name(code, lang),
            in_language=lambda code: in_language(code, lang, translations),
            native_name=lambda code: capitalised(language_name(code, code)),
            plural_examples=lambda: plural_examples(lang),
            translate=self._translate,
            og_locale=og_locale,
            news_article=lambda article, url: self._news_article(article, url, lang),
            feed_title=lambda feed: self._feed_title(feed, lang),
            json_feed=lambda feed: self._json_feed(feed, lang),
            feed_content=self.bodies.entry,
        )
        env.filters.update(
            date=lambda value, fmt="long": self._formatted(format_date, value, fmt, lang),
            datetime=lambda value: _date_and_time(value, lang),
            month=lambda value: self._formatted(month_heading, value, lang),
            day=lambda value: self._formatted(day_heading, value, lang),
            outlet=lambda key: self.model.outlets[key].name(lang) if key in self.model.outlets
            else key,
            isodate=lambda value: value.isoformat(),
            search_sort=search_sort_value,
            rfc3339=rfc3339,
            json_document=json_document,
        )
        return env

    def _formatted(self, formatter: Callable[..., str], *arguments: Any) -> str:
        """``formatter(*arguments)``, remembered: Babel takes 30 µs to format a date, and a
        site shows the same few thousand dates on page after page (a fifth of rendering)."""
        key = (formatter, *arguments)
        text = self._formatted_texts.get(key)
        if text is None:
            text = self._formatted_texts[key] = formatter(*arguments)
        return text

    def _news_article(self, article: Article, url: str, lang: str) -> dict[str, object]:
        """schema.org NewsArticle data for ``article`` (serialised by ``tojson``, so escaped)."""
        outlet = self.model.outlets.get(article.outlet)
        data: dict[str, object] = {
            "@context": "https://schema.org", "@type": "NewsArticle",
            "headline": article.title, "url": self.config.base_url + url,
            "inLanguage": article.lang,
            "datePublished": (article.published or article.date).isoformat(),
        }
        if article.summary:
            data["description"] = article.summary
        if outlet is not None:
            data["publisher"] = {"@type": "Organization", "name": outlet.name(lang),
                                 **({"url": outlet.url} if outlet.url else {})}
        if article.source_url:
            data["isBasedOn"] = article.source_url
        return data

    def _json_feed(self, feed: Feed, lang: str) -> dict[str, object]:
        """JSON Feed 1.1 for ``feed``, with the Atom feed's title and content."""
        return json_feed(feed, lang, self.config.base_url, self._feed_title(feed, lang),
                         self.bodies.entry)

    def _feed_title(self, feed: Feed, lang: str) -> str:
        return feed_title(feed, self.catalogs.locales[lang].translations.gettext("Digest"))

    def _render_env(self, lang: str) -> RenderEnv:
        """What the Markdown of a page in ``lang`` is rendered with."""
        return RenderEnv(lang=lang, resolve_fragment=self.catalogs.resolve_fragment,
                         gettext=self.catalogs.locales[lang].translations.gettext,
                         language_name=lambda code: language_name(code, lang))

    def _translate(self, lang: str, message: str) -> str:
        """A UI string in another language than the page's (language-neutral pages)."""
        return self.catalogs.locales[lang].translations.gettext(message)

    def render(self, job: PageJob) -> RenderedFile:
        env = self.environments[job.lang or self.config.default_language]
        context = dict(job.context, page_url=job.url, page_lang=job.lang)
        if job.body_of is not None:
            context["body_html"] = Markup(self.bodies.page(job.body_of))
        try:
            text = env.get_template(job.template).render(context)
        except jinja2.TemplateSyntaxError as exc:
            raise BuildError(error(f"templates/{exc.name or job.template}", exc.lineno,
                                   "template-syntax", exc.message or str(exc))) from exc
        except jinja2.TemplateNotFound as exc:
            raise BuildError(error(f"templates/{exc.name}", None, "template-missing",
                                   f"template '{exc.name}' not found (needed by {job.url})")) from exc
        except jinja2.UndefinedError as exc:
            where, line = self._template_location(exc, job.template)
            raise BuildError(error(where, line, "template-undefined",
                                   f"{exc} (rendering {job.url})")) from exc
        return RenderedFile(job.output, text.encode("utf-8"))

    def _template_location(self, exc: BaseException, template: str) -> tuple[str, int | None]:
        """The template file and line an error was raised at: the innermost frame of a template
        (an included or cached partial, say), else ``template`` with no line. Jinja2 gives each
        template's frames the template's file name and its own line numbers."""
        folder = os.path.join(os.path.normpath(self.config.templates_dir), "")
        where: tuple[str, int | None] = (f"templates/{template}", None)
        traceback = exc.__traceback__
        while traceback is not None:
            filename = traceback.tb_frame.f_code.co_filename
            if filename.startswith(folder):
                where = (self.config.relative(Path(filename)), traceback.tb_lineno)
            traceback = traceback.tb_next
        return where

    def render_all(self, jobs: Sequence[PageJob]) -> Iterator[RenderedFile]:
        for job in jobs:
            yield self.render(job)


def cached_partials(env: jinja2.Environment) -> Callable[..., Markup]:
    """``partial_cached(name, **values)`` for one language's templates: the template ``name``
    rendered with ``values`` (and the environment's globals, not the page's variables), each
    result remembered by ``name`` and ``values``, as Hugo's ``partialCached``.

    For a part that many pages show alike: a topic's archive by month is the same on each of
    the topic's pages, and rendering it on every one took a third of the time of rendering the
    lists (at 10,000 pages, 1,400 topic pages with 70 months each). The values are the key, so
    the partial must depend on nothing else; a value that cannot be a key (a list) makes the
    partial render every time. Not worth it for a part rendered few times per value: a call
    from a template costs a few microseconds, about what an item's line in a list costs to
    render, so caching those gained nothing.
    """
    results: dict[tuple[Any, ...], Markup] = {}

    def partial_cached(name: str, **values: Any) -> Markup:
        return _remembered(results, (name, *values.items()),
                           lambda: Markup(env.get_template(name).render(values)))

    return partial_cached


def _remembered(results: dict[tuple[Any, ...], Markup], key: tuple[Any, ...],
                make: Callable[[], Markup]) -> Markup:
    """``results[key]``, made by ``make`` the first time; made every time when ``key`` cannot
    be a key (it holds a list, say)."""
    try:
        return results[key]
    except KeyError:
        result = results[key] = make()
        return result
    except TypeError:
        return make()


def remembered_gettext(translations: Any) -> dict[str, Callable[..., Markup]]:
    """``gettext`` (and ``_``) and ``ngettext`` for one language's templates, with each result
    remembered.

    They do what ``jinja2.ext.i18n`` makes of them with ``newstyle=True`` in an autoescaping
    environment: a translation is markup, the values put into it are escaped, and ``%`` is always
    applied (so ``%%`` is a percent sign); ``ngettext`` offers its count as ``num`` too. A page
    asks for the same few strings again and again (twenty on an article, a few per item on a
    list page), and Jinja2's own versions cost a sixth of rendering.
    """
    results: dict[tuple[Any, ...], Markup] = {}

    def gettext(message: str, **variables: Any) -> Markup:
        return _remembered(results, (message, *variables.items()),
                           lambda: Markup(translations.gettext(message)) % variables)

    def ngettext(singular: str, plural: str, number: int, **variables: Any) -> Markup:
        variables.setdefault("num", number)
        return _remembered(results, (singular, plural, number, *variables.items()), lambda: Markup(
            translations.ngettext(singular, plural, number)) % variables)

    return {"gettext": gettext, "_": gettext, "ngettext": ngettext}


def _bytecode_cache(config: SiteConfig) -> jinja2.BytecodeCache:
    """Compiled templates kept between builds, so a rebuild does not compile them all again.

    Jinja2 checks each against its template's source; what it compiles to also depends on the
    environment's settings, which are this builder's code, so the folder is per version of the
    code (older ones are removed).
    """
    folder = config.cache_dir / "templates"
    own = folder / code_fingerprint()[:16]
    if folder.is_dir():
        for other in folder.iterdir():
            if other != own:
                shutil.rmtree(other, ignore_errors=True)
    own.mkdir(parents=True, exist_ok=True)
    return _BytecodeCache(str(own))


class _BytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja2's cache of compiled templates, which a build does without when it cannot write
    it (a full disk): the templates are compiled all the same, and the pages' files, which the
    build must write, say what is wrong with the disk."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


class JobFingerprints:
    """Fingerprints of page jobs: everything one page is made from, as a digest.

    A job is frozen data, serialised by :func:`~builder.util.fingerprints.fast_pickle` (equal
    jobs, equal bytes), with the render environment's key (code, configuration, templates,
    catalogs). An article, which jobs hold whole, is written as the digest of the page file it
    was read from, with its path and slug (the only field set after reading): an article is a
    function of those and of the configuration, which the key covers, and so is its body, read
    from that file when the page is rendered.
    """

    def __init__(self, render_key: str):
        self.render_key = render_key.encode()
        self._table = {Article: lambda article: (
            str, (f"article {article.path} {article.slug} {article.digest}",))}

    def __call__(self, job: PageJob) -> str:
        return digest(self.render_key + fast_pickle(job, self._table))


class _ProjectLoader(jinja2.FileSystemLoader):
    """Jinja2's loader of ``templates/``, which reads no template through a link that leads out
    of the project (a theme from a pull request must not include ``/etc/passwd``)."""

    def __init__(self, config: SiteConfig):
        super().__init__(config.templates_dir, encoding="utf-8-sig")  # a BOM is not output
        self.config = config

    def get_source(self, environment: jinja2.Environment, template: str
                   ) -> tuple[str, str, Callable[[], bool]]:
        path = os.path.join(self.searchpath[0], *split_template_path(template))
        if os.path.lexists(path) and resolves_outside(path, self.config.root):
            raise BuildError(error(self.config.relative(Path(path)), None,
                                   "file-outside-project", OUTSIDE_PROJECT))
        return super().get_source(environment, template)


def og_locale(lang: str) -> str:
    """Open Graph's language_TERRITORY for a language code, from CLDR's likely subtags."""
    likely = get_global("likely_subtags").get(lang, lang)
    parts = likely.split("_")
    return f"{parts[0]}_{parts[-1]}" if len(parts) > 1 else parts[0]


def json_document(value: object) -> Markup:
    """``value`` as the whole text of a ``.json`` file: readable UTF-8, keys in the order built.

    For ``.json`` templates only: json.dumps makes it valid JSON, but nothing here makes it safe
    inside HTML, where ``tojson`` (which escapes ``<``, ``>``, ``&`` and ``'``) is the one to use.
    """
    return Markup(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def _date_and_time(value: dt.datetime, lang: str) -> str:
    """"April 21, 2020, 2:27 PM" / "21 апреля 2020 г., 14:27": the outlet's own clock time."""
    return f"{format_date(value, 'long', locale=lang)}, {format_time(value, 'short', locale=lang)}"


def static_files(config: SiteConfig) -> tuple[list[RenderedFile], list[Diagnostic]]:
    """Files under ``templates/assets/`` copied to ``/assets/`` as they are (hidden ones too,
    ``.well-known/``), and what was left out: a link that leads out of the project (it could
    publish ``/proc/self/environ``), or anything but a regular file (a pipe would never end)."""
    assets = config.templates_dir / "assets"
    files, left_out = [], []
    for rel, entry in walk(assets, noise=True):
        where = f"{config.relative(assets)}/{rel}"
        if links_outside(entry.path, config.root):
            left_out.append(error(where, None, "file-outside-project", OUTSIDE_PROJECT))
        elif not entry.is_file():
            left_out.append(warning(where, None, "asset-not-file",
                                    "not a regular file (a pipe, a device, a link to a folder "
                                    "or to nothing); not copied"))
        else:
            files.append(RenderedFile(f"assets/{rel}", Path(entry.path).read_bytes()))
    return files, left_out
