"""One source's text -> its :class:`~builder.ingest.draft.Draft`: by its format first (Markdown,
a saved HTML page, plain text), then by its outlet's adapter, then the outlet itself.

Facts found in the file itself (front matter, page metadata) are defaults under the editor's
sidecars, which always win. The outlet is, first to last: the sidecar's; the one whose site the
source's address is on; the adapter's that recognises the text (the ministry's pages); the
agency its dateline names; the site a saved page names; else ``unknown``. A title loses the
site's name its page appended to it.
"""

from __future__ import annotations

from dataclasses import replace
from types import ModuleType

from builder.config import SiteConfig
from builder.diagnostics import error, warning
from builder.formats import frontmatter
from builder.ingest import (
    generic,
    html,
    letter,
    mail,
    markdown_source,
    mfa,
    printed,
    source_front_matter,
    syndication,
    telegram,
)
from builder.ingest import outlets as known_outlets
from builder.ingest.assemble import IngestError, not_news
from builder.ingest.draft import Draft, Dropped, Source
from builder.ingest.sidecar import validate
from builder.ingest.site_pages import list_label, site_page
from builder.ingest.sites import names_site
from builder.model import RelatedHeadline

ADAPTERS: tuple[ModuleType, ...] = (mfa, letter, telegram, printed, generic)
"""Outlet adapters, most specific first (a newsletter's ``letter`` by its header block, a
channel's post copied from Telegram by its header line, text copied out of a printed page by
its running header); ``generic`` recognises everything."""
MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
MAIL_SUFFIXES = (".eml",)


def extract(source: Source, suffix: str, config: SiteConfig) -> tuple[Draft, Source]:
    """The Draft of ``source`` (named with ``suffix``), and the source as the adapter read it."""
    source = replace(source, outlets=config.outlets)
    if suffix in MARKDOWN_SUFFIXES:
        return _news(*_markdown(source, config))
    if suffix in MAIL_SUFFIXES or mail.is_message(source.text):
        source = replace(source, text=mail.as_letter(source.text))  # then read as a letter
    elif syndication.is_feed(source.text):  # a feed's one item, then read as its page
        source = replace(source, text=syndication.as_page(source.text, source.path))
    left_out: tuple[Dropped, ...] = ()
    site_name, sidebar, published_day = "", (), None
    if suffix in HTML_SUFFIXES or html.is_html(source.text):
        page = html.to_text(source.text)
        site_name, sidebar, published_day = page.site_name, page.related, page.published_day
        found = dict(page.meta)
        if "title" in found:
            found["title"], _ = known_outlets.without_site_name(found["title"], config.outlets,
                                                                site_name)
        meta = {**validate(found, source.path, config), **source.meta}
        source = replace(source, text=page.text, meta=meta)
        left_out = tuple(Dropped(1, note, "left out of the saved page") for note in page.dropped)
    url = source.meta.get("url") if isinstance(source.meta.get("url"), str) else None
    outlet = source.meta.get("outlet") or known_outlets.by_address(url, config.outlets)
    adapter = next((a for a in ADAPTERS if outlet and a.OUTLET == outlet), None) or next(
        a for a in ADAPTERS if a.recognise(source.text))
    source = _with_outlet(source, outlet or adapter.OUTLET, config)
    draft = adapter.extract(source)
    title, named = known_outlets.without_site_name(draft.title, config.outlets, site_name)
    if not outlet and draft.outlet == generic.OUTLET and (url or site_name or named):
        outlet = known_outlets.key_for_site(url, site_name or named, config.outlets)
        draft = replace(draft, outlet_name=known_outlets.printed_name(
            outlet or "", [site_name, named], config.outlets))
    related = draft.related or tuple(RelatedHeadline(headline, "") for headline in sidebar)
    return _news(replace(draft, outlet=outlet or draft.outlet, title=title, related=related,
                         published_day=published_day, dropped=left_out + draft.dropped), source)


def _news(draft: Draft, source: Source) -> tuple[Draft, Source]:
    """``draft`` and ``source``, unless the draft's title, or a label over it («Тег: День ВМФ»
    over a tag's list, whose first headline was taken for the title), names a site's page that
    is no story (:mod:`~builder.ingest.site_pages`) and the editor has not said it is news."""
    named = [(draft.title, draft.title_line, site_page(draft.title)),
             *((line.text, line.line, list_label(line.text)) for line in draft.dropped
               if line.reason == "above the headline")]
    for title, line, kind in named:
        if kind is not None and source.meta.get("news") is not True:
            raise not_news(source.path, line, f"{kind} ({title})")
    return draft, source


def _markdown(source: Source, config: SiteConfig) -> tuple[Draft, Source]:
    """Markdown keeps its markup, and its front matter is facts under the sidecar's."""
    try:
        markdown = source_front_matter.split(source.text)
    except frontmatter.FrontMatterError as exc:
        raise IngestError(error(source.path, exc.line, "source-front-matter", str(exc))) from exc
    sidecar = source.meta  # the editor's facts, over the front matter's
    meta = {**validate(markdown.meta, source.path, config, markdown.key_lines.get), **sidecar}
    url = meta.get("url") if isinstance(meta.get("url"), str) else None
    # the address the front matter gives names the outlet, as a saved page's does, and so
    # does the name a clipped page's title ends with ("… | The Independent")
    outlet = meta.get("outlet") or (known_outlets.key_for_site(url, None, config.outlets)
                                    if url else None) or markdown_source.OUTLET
    source = replace(source, text=markdown.body, meta=meta)
    draft = markdown_source.extract(_with_outlet(source, outlet, config), markdown.body_line)
    outlet = draft.outlet if outlet == markdown_source.OUTLET else outlet  # a note's "Source:"
    title, named = known_outlets.without_site_name(draft.title, config.outlets, url=url)
    if named and not meta.get("outlet"):
        by_name = known_outlets.key_for_site(url, named, config.outlets) or outlet
        if by_name != outlet:  # its clock, for the times the text gives
            outlet = by_name
            draft = markdown_source.extract(_with_outlet(source, outlet, config),
                                            markdown.body_line)
        draft = replace(draft, outlet_name=named if names_site(named, url) else
                        known_outlets.printed_name(outlet, [named], config.outlets))
    if named and "title" in markdown.meta and "title" not in sidecar:  # the clipper's title
        source = replace(source, meta={**meta, "title": title})
    source = _with_outlet(source, outlet, config)
    draft = replace(draft, outlet=outlet, title=title or draft.title, kept=markdown.kept)
    unused = tuple(warning(source.path, markdown.key_lines.get(key), "source-front-matter-key",
                           f"front-matter key '{key}' is a field ingest does not take from "
                           f"a source, or its value is not of the kind the field needs; left "
                           f"out of the page")
                   for key in markdown.ignored)
    return replace(draft, diagnostics=draft.diagnostics + unused), source


def _with_outlet(source: Source, outlet: str, config: SiteConfig) -> Source:
    """``source`` with the time zone of its outlet, for the times its text gives."""
    return replace(source, timezone=known_outlets.clock_of(outlet, config.outlets))
