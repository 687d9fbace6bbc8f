"""Markdown -> safe HTML with markdown-it-py, plus the three things a news page needs.

1. **No raw HTML**: sources are untrusted text, so HTML in Markdown is escaped, never passed
   through, and links may only point to http(s), mailto, tel or site-relative URLs.
2. **Heading ids**: every heading gets an id from :func:`builder.formats.slugs.slugify`, so topic pages
   can link to one section of a briefing. :func:`heading_anchors` is the single place that
   computes them, for the reader (section topics) and the renderer alike.
3. **Fragments and phone numbers**: a line ``{{< fragment id="…" lang="ru" >}}`` stands for an
   i18n fragment kept in ``locales/*/LC_MESSAGES/fragments.po``; it renders through the
   ``FragmentResolver`` passed in the render environment. International phone numbers in text
   become ``tel:`` links.

A body is rendered whole for its page, and by section too for a feed entry of one section
(:func:`render_sections`), with relative links made absolute for reading elsewhere
(:func:`absolute_links`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urljoin

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from builder.formats.slugs import UniqueSlugs, slugify

FRAGMENT_LINE = re.compile(
    r'^\{\{<\s*fragment\s+id="(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)"'
    r'(?:\s+lang="(?P<lang>[a-z]{2,3})")?\s*>\}\}\s*$'
)
PHONE = re.compile(r"(?<![\w+])\+\d{1,3}(?:[ \u00a0-]?\(\d{1,5}\))?(?:[ \u00a0-]?\d{2,4}){2,5}(?!\w)")
ALLOWED_SCHEMES = ("http:", "https:", "mailto:", "tel:")


@dataclass(frozen=True)
class FragmentText:
    """What a fragment reference shows on a page of one language."""

    original: str
    original_lang: str
    translation: str | None
    """The text in the page's language, or None when untranslated (or the page's own language)."""


class FragmentResolver(Protocol):
    def __call__(self, fragment_id: str, page_lang: str) -> FragmentText | None: ...


@dataclass(frozen=True)
class RenderEnv:
    """Per-page inputs of the Markdown renderer (markdown-it passes it to every rule)."""

    lang: str
    resolve_fragment: FragmentResolver
    gettext: Callable[[str], str]
    language_name: Callable[[str], str]
    """Display name of a language code in the page's language ("русский" for ru on ru pages)."""


def create_parser() -> MarkdownIt:
    """A CommonMark parser with raw HTML disabled and the digest's rules installed."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.validateLink = _is_safe_link
    md.block.ruler.before("paragraph", "fragment", _fragment_block)
    md.core.ruler.push("heading_ids", _heading_ids)
    md.core.ruler.push("phone_links", _phone_links)
    md.add_render_rule("fragment", _render_fragment)
    return md


def create_structure_parser() -> MarkdownIt:
    """The same parser without its inline pass: headings (with their source text), fragment
    references and line numbers, which is all a page's reading needs, at a fraction of the cost
    (the inline pass is most of markdown-it's work, and it is done once more at rendering).
    Nor does it set heading ids or link phone numbers: the reader asks :func:`heading_anchors`
    itself, and there is no inline text to link."""
    return create_parser().disable(["inline", "heading_ids", "phone_links"])


def _is_safe_link(url: str) -> bool:
    lowered = url.strip().lower()
    if ":" not in lowered.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]:
        return True  # relative URL, fragment or path: no scheme to abuse
    return lowered.startswith(ALLOWED_SCHEMES)


def heading_anchors(tokens: Sequence[Token]) -> list[tuple[Token, str, str]]:
    """(heading_open token, anchor, heading text) for every heading, anchors unique in the page."""
    anchors = UniqueSlugs()
    result = []
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        text = tokens[index + 1].content if index + 1 < len(tokens) else ""
        result.append((token, anchors.take(slugify(text) or "section"), text))
    return result


def _heading_ids(state: StateCore) -> None:
    for token, anchor, _ in heading_anchors(state.tokens):
        token.attrSet("id", anchor)


def _fragment_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    line = state.src[state.bMarks[start] + state.tShift[start]: state.eMarks[start]]
    match = FRAGMENT_LINE.match(line)
    if not match or state.sCount[start] - state.blkIndent >= 4:
        return False
    if silent:
        return True
    token = state.push("fragment", "", 0)
    token.meta = {"id": match["id"], "lang": match["lang"]}
    token.map = [start, start + 1]
    state.line = start + 1
    return True


def _phone_links(state: StateCore) -> None:
    """International numbers in text (not in a link already) -> ``tel:`` links.

    Only blocks whose source has a ``+`` or a ``&`` are looked at: the ``+`` a number starts
    with is written as itself, escaped (``\\+``) or as a character reference (``&#43;``), and
    most paragraphs have none, while searching every piece of text of every paragraph took a
    tenth of rendering a page.
    """
    for block in state.tokens:
        if (block.type != "inline" or not block.children
                or ("+" not in block.content and "&" not in block.content)):
            continue
        children: list[Token] = []
        inside_link = 0
        for child in block.children:
            if child.type == "link_open":
                inside_link += 1
            elif child.type == "link_close":
                inside_link -= 1
            if child.type == "text" and not inside_link and PHONE.search(child.content):
                children.extend(_split_phones(child.content))
            else:
                children.append(child)
        block.children = children


def _split_phones(text: str) -> list[Token]:
    tokens: list[Token] = []
    position = 0
    for match in PHONE.finditer(text):
        if match.start() > position:
            tokens.append(_text(text[position:match.start()]))
        link = Token("link_open", "a", 1)
        link.attrSet("href", "tel:+" + re.sub(r"\D", "", match.group()))
        tokens.extend([link, _text(match.group()), Token("link_close", "a", -1)])
        position = match.end()
    if position < len(text):
        tokens.append(_text(text[position:]))
    return tokens


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def _render_fragment(renderer: Any, tokens: Sequence[Token], idx: int, options: Any,
                     env: Any) -> str:
    """An aside with the fragment in the page's language and, if foreign, its original too."""
    render_env: RenderEnv = env["digest"]
    fragment_id = tokens[idx].meta["id"]
    fragment = render_env.resolve_fragment(fragment_id, render_env.lang)
    if fragment is None:
        # read.py reports unknown fragment ids; the page still renders without the passage.
        return ""
    md = create_parser()
    original_html = md.render(fragment.original)
    if fragment.original_lang == render_env.lang:  # native text: ordinary paragraphs
        return f'<div class="fragment-native" id="fragment-{fragment_id}">\n{original_html}</div>\n'
    parts = [f'<aside class="fragment" id="fragment-{fragment_id}">\n']
    if fragment.translation:
        parts.append(f'<div class="fragment-translation">\n{md.render(fragment.translation)}'
                     "</div>\n")
    label = render_env.gettext("Original (%(language)s):") % {
        "language": render_env.language_name(fragment.original_lang)}
    parts.append(f'<div class="fragment-original" lang="{fragment.original_lang}">\n'
                 f'<p class="fragment-label" lang="{render_env.lang}">{_escape(label)}</p>\n'
                 f"{original_html}</div>\n")
    parts.append("</aside>\n")
    return "".join(parts)


def _escape(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def fragment_references(tokens: Sequence[Token]) -> list[tuple[str, str | None, int]]:
    """(fragment id, declared lang, 0-based body line) of every fragment reference."""
    return [(t.meta["id"], t.meta["lang"], t.map[0] if t.map else 0)
            for t in tokens if t.type == "fragment"]


LINE_ENDING_IN = {marker: re.compile(rf"{marker}[ \t]*(?:\r|$)", re.MULTILINE) for marker in "=-"}
"""A line ending in ``=`` or ``-`` (and spaces), as a setext heading's underline does. Lines end
as markdown-it ends them: at ``\n``, ``\r\n`` or ``\r``."""
BEFORE_ATX_HEADING = " \t>*+0123456789.)-"
"""What may come before the ``#`` of an ATX heading on its line: indentation, blockquote and
list markers."""


def may_hold_heading_or_fragment(body: str) -> bool:
    """False only when ``body`` has no heading and no fragment reference; true for most bodies
    that have one and for few others.

    A heading needs a line whose first character past any indentation and blockquote or list
    markers is ``#``, or a line ending in ``=`` or ``-`` under it; a fragment reference, ``{{<``.
    Looked for with ``str.find`` from each ``#`` back to its line's start, and with a regular
    expression for each underline character: one pattern with the three alternatives took
    longer than the block parse it was to save.
    """
    if "{{<" in body:
        return True
    position = body.find("#")
    while position != -1:
        line_start = max(body.rfind("\n", 0, position), body.rfind("\r", 0, position)) + 1
        if not body[line_start:position].strip(BEFORE_ATX_HEADING):
            return True
        position = body.find("#", position + 1)
    return any(marker in body and LINE_ENDING_IN[marker].search(body) for marker in "=-")


def outline(md: MarkdownIt, body: str) -> tuple[list[tuple[Token, str, str]],
                                                list[tuple[str, str | None, int]]]:
    """(:func:`heading_anchors`, :func:`fragment_references`) of a page's body.

    A body that :func:`may_hold_heading_or_fragment` rules out has neither, and is not parsed:
    many news items are paragraphs only, and the block parse that finds a page's headings was
    half the time of reading it (rendering parses the body again anyway).
    """
    if not may_hold_heading_or_fragment(body):
        return [], []
    tokens = md.parse(body)
    return heading_anchors(tokens), fragment_references(tokens)


def render_markdown(md: MarkdownIt, body: str, env: RenderEnv) -> str:
    return md.render(body, {"digest": env})


@dataclass(frozen=True)
class RenderedBody:
    """A page's body as HTML, whole and by section."""

    html: str
    """The whole body, exactly as :func:`render_markdown` renders it."""
    sections: Mapping[str, str]
    """The HTML of each section asked for, by anchor: its ``##`` heading and what follows, up
    to the next heading of its level or above (outside quotes and lists, as
    :attr:`builder.model.Article.sections` counts them)."""


def render_sections(md: MarkdownIt, body: str, env: RenderEnv,
                    anchors: Collection[str] = ()) -> RenderedBody:
    """``body`` rendered once, with the HTML of its sections ``anchors`` cut from the same
    parse: a section costs its share of the output, not another parse of the body."""
    state = {"digest": env}
    tokens = md.parse(body, state)
    sections = {}
    for anchor in anchors:
        start = next((n for n, token in enumerate(tokens) if _section_start(token)
                      and token.attrGet("id") == anchor), None)
        if start is None:
            continue
        end = next((n for n in range(start + 1, len(tokens)) if _section_start(tokens[n])
                    or tokens[n].type == "heading_open" and tokens[n].tag == "h1"
                    and tokens[n].level == 0), len(tokens))
        sections[anchor] = md.renderer.render(tokens[start:end], md.options, state)
    return RenderedBody(md.renderer.render(tokens, md.options, state), sections)


def _section_start(token: Token) -> bool:
    return token.type == "heading_open" and token.tag == "h2" and token.level == 0


_LINK_ATTRIBUTE = re.compile(r'(?<= )(href|src)="([^"]*)"')
"""A link's or an image's address in HTML this module rendered: there, text never holds a
``"`` (it is written ``&quot;``), so the pattern meets attributes only."""


def absolute_links(html: str, base: str) -> str:
    """``html`` (rendered here) with every relative address made absolute against ``base``,
    the address of the page it is shown on (``/en/2020/04/x/``, ``../y/``, ``#part``): for a
    copy of a page's body read elsewhere, in a feed reader, which may resolve a relative address
    against the feed's or not at all. Addresses with a scheme (``https:``, ``mailto:``) are
    left as they are; the attribute's escaping is kept (``base`` is escaped to join it)."""
    escaped_base = _escape(base)

    def joined(match: re.Match[str]) -> str:
        if _HAS_SCHEME.match(match[2]):
            return match[0]
        return f'{match[1]}="{urljoin(escaped_base, match[2])}"'

    return _LINK_ATTRIBUTE.sub(joined, html)


_HAS_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")


_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>{}|~]|&(?=#?\w+;))")
_LINE_START_SPECIAL = re.compile(
    r"^(\s*)(#|>|[-+](?=\s|$)|[-=](?=[-=\s]*$)|\d+(?=[.)](?:\s|$)))", re.MULTILINE)


def escape_markdown(text: str) -> str:
    """Plain text -> Markdown that renders as exactly that text.

    Ingest writes sources' words into Markdown pages; a source line starting with "1." or "#",
    or holding ``*``, ``<`` or ``{{<``, must stay text, not become a list, a heading, emphasis
    or a fragment reference. Backslash escapes are CommonMark's own way to say so.
    """
    text = "\n".join(line.lstrip() for line in text.split("\n"))  # indentation makes code blocks
    escaped = _INLINE_SPECIAL.sub(r"\\\1", text)
    return _LINE_START_SPECIAL.sub(lambda m: m[1] + (m[2] + "\\" if m[2][0].isdigit()
                                                     else "\\" + m[2]), escaped)
