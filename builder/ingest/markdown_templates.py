"""Template tags of other static-site generators left in a Markdown source: Jekyll's and other
Liquid sites' tags and outputs (``{% include newsletter.html %}``, ``{{ site.baseurl }}``) and
Hugo's shortcodes (``{{< tweet 123 >}}``, ``{{% note %}}``). Their site would have run them;
ours cannot, and as text they are code, so they are never published.

In and out: :func:`without_template_tags` takes a Markdown body and gives it with every tag
taken out, each line where it was (so that every block keeps its line in the file), and the
tags, named for the report. A tag alone on its line leaves the line blank; one inside a line
of text ("Read it at {{ site.baseurl }}/about") goes, the words around it stay.

What a tag holds is decided as the generator that wrote it would: a paired shortcode's
content (``{{% note %}}…{{% /note %}}``, ``{% raw %}…{% endraw %}``) is the author's text and
stays, but for a Liquid ``{% comment %}``, which its site never shows. A figure's tag with an
image at an address of the web and a caption (``{{< figure src="https://…" caption="…" >}}``,
``{% include figure.html image="https://…" caption="…" %}``) becomes the Markdown image it
stands for, the caption its alt text, so that it is read as any photo of a Markdown source is
(:mod:`~builder.ingest.markdown_photos`); a figure whose image is a path of the other site
would show nothing here, and goes with its caption, which describes nothing without it.

An HTML comment (``<!--more-->``, the excerpt's divider of WordPress, Hugo and Jekyll;
``<!-- wp:paragraph -->``, a block's marker of WordPress's editor), on one line or over several,
is never shown by any site and goes too, the words around it staying.

The project's own fragment reference (``{{< fragment … >}}``) is not another generator's tag:
:mod:`~builder.ingest.markdown_source` shows it as text. Tags in code (a fenced block, a code
span) are what the code says, and stay.
"""

from __future__ import annotations

import re

from builder.ingest.draft import Dropped

_TAG = re.compile(r"`+[^`]*`+|(?P<tag>\{%-?\s*(?P<liquid>\w+)(?P<liquid_args>.*?)-?%\}|"
                  r"\{\{-?\s*[^<%\s].*?-?\}\}|"
                  r"\{\{[<%]\s*(?P<closing>/)?\s*(?P<shortcode>[\w/.-]+)(?P<args>.*?)[>%]\}\})")
"""A tag of Liquid (``{% … %}``, ``{{ … }}``) or a Hugo shortcode (``{{< … >}}``, ``{{% …
%}}``), or a code span, matched first so that a tag inside it is left alone."""
_HTML_COMMENT = re.compile(r"`+[^`]*`+|(?P<tag><!--.*?(?:-->|$))")
"""An HTML comment, or the start of one that goes on over the next lines; a code span first."""
_HTML_COMMENT_END = re.compile(r"^.*?(?:-->|$)")
"""The rest of a comment opened on a line above: up to its end, or the whole line."""
_FENCE = re.compile(r"^\s{0,3}(?:`{3,}|~{3,})")
_COMMENT_OPEN, _COMMENT_CLOSE = "comment", "endcomment"
_FRAGMENT = "fragment"
_ATTRIBUTE = re.compile(r"(?P<name>[\w-]+)\s*=\s*(?:\"(?P<double>[^\"]*)\"|'(?P<single>[^']*)'|"
                        r"(?P<bare>[^\s\"'>%]+))")
_IMAGE_KEYS = ("src", "image", "url", "path", "file")
_CAPTION_KEYS = ("caption", "alt", "title", "description")
_FIGURES = frozenset({"figure", "figure.html", "image.html", "img", "image", "img.html"})
"""A figure's shortcode, or the include of a figure, in the names the generators' themes use."""
_WEB = re.compile(r"^https?://\S+$")
_REASON = "template tag"
_HTML_REASON = "HTML comment"


def without_template_tags(text: str, first_line: int) -> tuple[str, tuple[Dropped, ...]]:
    """``text`` (a Markdown body whose first line is line ``first_line`` of its file) without
    the template tags of other generators, and those tags, named."""
    lines = text.split("\n")
    dropped: list[Dropped] = []
    fenced = in_comment = in_html = False
    for index, line in enumerate(lines):
        if _FENCE.match(line) and not in_html:
            fenced = not fenced
        if fenced or _FENCE.match(line) and not in_html:
            continue
        line, comments, in_html = _line_without_html_comments(line, in_html)
        dropped += [Dropped(first_line + index, c, _HTML_REASON) for c in comments if c.strip()]
        kept, tags, in_comment = _line_without_tags(line, in_comment)
        dropped += [Dropped(first_line + index, tag, _REASON) for tag in tags]
        lines[index] = kept
    return "\n".join(lines), tuple(dropped)


def _line_without_html_comments(line: str, open_: bool) -> tuple[str, list[str], bool]:
    """``line`` without its HTML comments, the comments, and whether one is still open after
    it; ``open_`` when one opened on a line above."""
    comments: list[str] = []
    if open_:  # its end, if on this line, then the rest of the line as any other
        comments.append(_HTML_COMMENT_END.match(line).group())  # type: ignore[union-attr]
        open_ = not comments[-1].endswith("-->")
        line = line[len(comments[-1]):]
    parts: list[str] = []
    at = 0
    for found in [] if open_ else _HTML_COMMENT.finditer(line):
        if found["tag"] is None:
            continue  # a code span: what the code says
        parts.append(line[at:found.start()])
        comments.append(found["tag"])
        open_ = not found["tag"].endswith("-->")
        at = found.end()
    if not comments:
        return line, [], False
    kept = "".join(parts) + line[at:]
    return ("" if not kept.strip() else re.sub(r"[ \t]{2,}", " ", kept).rstrip()), comments, open_


def _line_without_tags(line: str, in_comment: bool) -> tuple[str, list[str], bool]:
    """``line`` without its tags, the tags, and whether a Liquid comment is still open after
    it (what is inside one goes too)."""
    parts: list[str] = []
    tags: list[str] = []
    at = 0
    for found in _TAG.finditer(line):
        if found["tag"] is None or found["shortcode"] == _FRAGMENT:
            continue  # a code span, or the project's own fragment reference
        if not in_comment:
            parts.append(line[at:found.start()])
        tags.append(found["tag"])
        in_comment = (found["liquid"] == _COMMENT_OPEN or in_comment
                      and found["liquid"] != _COMMENT_CLOSE)
        if (image := _figure(found)) is not None:
            parts.append(image)
        at = found.end()
    if in_comment and not tags:
        return "", [line] if line.strip() else [], True
    parts.append("" if in_comment else line[at:])
    kept = "".join(parts)
    if tags and not kept.strip():
        return "", tags, in_comment
    return (re.sub(r"[ \t]{2,}", " ", kept).rstrip() if tags else kept), tags, in_comment


def _figure(found: re.Match[str]) -> str | None:
    """The Markdown image a figure's tag stands for, when its image is at an address of the
    web; None for any other tag."""
    if found["shortcode"] and not found["closing"]:
        name, arguments = found["shortcode"], found["args"]
    elif found["liquid"] == "include":
        name, _, arguments = found["liquid_args"].strip().partition(" ")
    else:
        return None
    if name.rsplit("/", 1)[-1] not in _FIGURES:
        return None
    values = {m["name"].lower(): next(v for v in (m["double"], m["single"], m["bare"], "")
                                      if v is not None)
              for m in _ATTRIBUTE.finditer(arguments)}
    image = next((values[key] for key in _IMAGE_KEYS if values.get(key)), "")
    caption = next((values[key] for key in _CAPTION_KEYS if values.get(key)), "")
    return f"![{caption.replace(']', '')}]({image})" if _WEB.match(image) else None
