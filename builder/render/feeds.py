"""Article bodies as HTML, for article pages and feed entries alike; the JSON Feed object.

A feed entry carries its item's content, as readers of Hugo's and Pelican's feeds expect: the
body its article page shows, rendered by the same parser in the article's own language.
:class:`Bodies` renders each body for both, and keeps the result for the articles a feed
shows (:func:`builder.plan.feeds.shown_in_feeds`), so that a process that renders an article
page and a feed showing it parses that body once; every other body is rendered, used and
let go, as before (a site's bodies are most of its memory). Forked render workers each have
their own copy: a body is parsed at most once per worker, never twice in one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from markdown_it import MarkdownIt

from builder.config import SiteConfig
from builder.formats.markdown import RenderedBody, RenderEnv, absolute_links, render_sections
from builder.formats.pages import page_body
from builder.model import Article
from builder.plan.feeds import Feed, FeedItem

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


class Bodies:
    """Articles' bodies rendered to HTML, each kept while its page file is unchanged when a
    feed shows it (``shown``: page path -> the sections listed, None for the whole body)."""

    def __init__(self, config: SiteConfig, markdown: MarkdownIt,
                 render_envs: Mapping[str, RenderEnv],
                 shown: Mapping[str, frozenset[str | None]]):
        self.config, self.markdown, self.render_envs, self.shown = (
            config, markdown, render_envs, shown)
        self._kept: dict[tuple[str, str], RenderedBody] = {}
        """By (page path, digest of the page file): the digest stands for the body read."""

    def page(self, article: Article) -> str:
        """The whole body, as the article's page shows it."""
        return self._rendered(article).html

    def entry(self, item: FeedItem) -> str:
        """The content of a feed entry, as HTML text (the template escapes it, as Atom's
        ``type="html"`` wants; JSON Feed's ``content_html`` is that text too).

        An entry for one section of an item (a topic's feed, where the topic is that section's
        alone: one subject of a ministry's briefing) holds that section, from its heading to
        the next: the reader subscribed to the topic, the entry's link leads to the section,
        and the rest of a briefing is about other things. Its section is cut from the same
        parse as the whole body, so it costs no second parse. The entry keeps the item's id, as
        in the language's feed, where the whole body is: one item, so a reader subscribed to
        both shows it once (with the content it read first). Relative addresses are made
        absolute against the article's page, where the body is at home: ``xml:base`` says the
        same to the readers that honour it, and JSON Feed has no such thing.
        """
        rendered = self._rendered(item.body_of)
        html = rendered.html
        if item.anchor:
            if item.anchor not in rendered.sections:  # one ``shown`` did not name: cut it now
                rendered = self._render(item.body_of, [item.anchor])
            html = rendered.sections.get(item.anchor, rendered.html)  # no such heading: all
        return absolute_links(html, self.config.base_url + item.id)

    def _rendered(self, article: Article) -> RenderedBody:
        key = (article.path, article.digest)
        found = self._kept.get(key)
        if found is None:
            wanted = self.shown.get(article.path)
            found = self._render(article, sorted(a for a in wanted or () if a is not None))
            if wanted is not None:
                self._kept[key] = found
        return found

    def _render(self, article: Article, anchors: list[str]) -> RenderedBody:
        return render_sections(self.markdown, page_body(self.config, article),
                               self.render_envs[article.lang], anchors)


def feed_title(feed: Feed, site_name: str) -> str:
    """"Digest" or "CSTO · Digest", in the feed's language (plain text: templates escape)."""
    return f"{feed.links.topic_label} · {site_name}" if feed.links.topic_label else site_name


def json_feed(feed: Feed, lang: str, base: str, title: str,
              content: Callable[[FeedItem], str]) -> dict[str, object]:
    """JSON Feed 1.1 for ``feed`` (serialised by ``tojson``, so escaped and valid JSON).

    Each item's ``content_html`` is its content (``content``, as the Atom feed's), and its
    summary stays ``summary``. JSON Feed has no per-item language, so an item in another
    language than the feed's carries it in the ``_digest`` extension object
    (``{"language": "en"}``), as the spec allows for custom fields; items in the feed's
    language have no extension.
    """
    items = []
    for item in feed.items:
        data: dict[str, object] = {
            "id": base + item.id, "url": base + item.url, "title": item.title,
            "content_html": content(item),
            "date_published": rfc3339(item.published),
            "authors": [{"name": item.author}],
            "tags": [label for _key, label in item.categories],
        }
        if item.summary:
            data["summary"] = item.summary
        if item.lang != lang:
            data["_digest"] = {"language": item.lang}
        items.append(data)
    return {
        "version": JSON_FEED_VERSION, "title": title,
        "home_page_url": base + feed.page_url, "feed_url": base + feed.links.json,
        "language": lang, "items": items,
    }


def rfc3339(value: dt.datetime) -> str:
    """An aware date-time as RFC 3339 (``2020-04-21T14:27:00+03:00``), as Atom and JSON Feed
    require: whole seconds, so the text does not depend on how the time was written."""
    return value.isoformat(timespec="seconds")
