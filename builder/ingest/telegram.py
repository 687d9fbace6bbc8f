"""A Telegram channel's post copied from Telegram Desktop: its header line -> facts, the rest ->
news text.

    Readovka, [26.07.20 14:32]                the channel (the outlet), the date and time
    [26.07.2020 14:32] Readovka:              the same, as other versions copy it
    [ Видео ]                                 the post's media, left out
    ⚡️В Сочи кузов самосвала рухнул…           the post's first line: its headline
    …
    Подписаться на Readovka | @readovka_bot   the channel's footer, left out
    👁 48.2K                                   views, left out

A post saved from its page on the web (``t.me/<channel>/<number>``) is written so first
(:func:`from_page`). A post has no date line of its own: the header gives the date (a two-digit year is this
century's) and the time, on the clock of the machine it was copied on, which the post does not
name (so the time is kept only where the outlet's ``timezone`` is known). The header, the media
placeholders, the channel's footer (its handles and links) and the view count are left out here,
each named; the rest is read by :mod:`~builder.ingest.generic`. A post's first line opens with
an emoji as often as not: the title goes without it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from lxml import html as lxml_html

from builder.formats.slugs import slugify
from builder.ingest import generic
from builder.ingest import outlets as known_outlets
from builder.ingest.dates import FoundDate
from builder.ingest.draft import Draft, Dropped, Source
from builder.ingest.furniture import furniture_of

OUTLET = generic.OUTLET
HEADER_LINES = 3
"""Non-blank lines at the top in which the header is looked for."""
_STAMP = (r"\[\s*(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4}|\d{2})\s+"
          r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::\d{2})?\s*\]")
_HEADERS = (re.compile(rf"^(?P<name>[^\[\]]{{1,80}}?),\s*{_STAMP}\s*:?$"),
            re.compile(rf"^{_STAMP}\s*(?:(?P<name>[^\[\]:]{{1,80}}?)\s*:)?$"))
""""Channel, [26.07.20 14:32]" and "[26.07.20 14:32] Channel:" (or the stamp alone)."""
_MEDIA = re.compile(r"^\[\s*(?:видео|фото|альбом|стикер|файл|аудио|голосовое сообщение|"
                    r"видеосообщение|опрос|video|photo|album|sticker|file|audio|gif|"
                    r"voice message|video message|poll)\s*\]$", re.IGNORECASE)
_FOOTER = re.compile(r"(?:^|\s)@\w{3,}|t\.me/|^(?:подписаться|подписывайтесь|подпишись|"
                     r"subscribe|join)\b", re.IGNORECASE)
MOST_FOOTER_WORDS = 15
"""Words of a channel's footer line at most ("Подписаться на Readovka | Прислать новость:
@readovka_bot"); a longer line with a handle is the post's own sentence."""
FOOTER_LINES = 3
"""Lines at the end in which the channel's footer is looked for."""
_EMOJI = re.compile(r"^[\U0001F000-\U0001FFFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F\u200D\s]+")


def header(line: str) -> tuple[str, FoundDate] | None:
    """The channel's name and the date and time of a post's header line, if ``line`` is one."""
    for pattern in _HEADERS:
        if (found := pattern.match(line.strip())) is not None:
            year = int(found["year"]) + (2000 if len(found["year"]) == 2 else 0)
            try:
                dt.date(year, int(found["month"]), int(found["day"]))
                time = dt.time(int(found["hour"]), int(found["minute"]))
            except ValueError:
                return None
            return (found["name"] or "").strip(), FoundDate(
                int(found["day"]), int(found["month"]), year, time, 0, len(line))
    return None


def recognise(text: str) -> bool:
    """Whether ``text`` opens with a post's header line."""
    lines = [line for line in text.split("\n") if line.strip()][:HEADER_LINES]
    return any(header(line) for line in lines)


def extract(source: Source) -> Draft:
    lines = source.text.split("\n")
    dropped: list[Dropped] = []
    found: tuple[str, FoundDate, int] | None = None
    for index, line in enumerate(lines):
        if (posted := header(line)) is not None:
            found = found or (*posted, index + 1)
            dropped.append(Dropped(index + 1, line, "post's header"))
            lines[index] = ""  # the line numbers stay the source's
        elif _MEDIA.match(line.strip()):  # its views are any page's counter (controls)
            dropped.append(Dropped(index + 1, line, "post's controls"))
            lines[index] = ""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    for index in reversed(filled[-FOOTER_LINES:]):
        text = lines[index].strip()
        if furniture_of(text) is not None:  # the views under it: left for the page's own
            continue
        named = found is not None and found[0] and text.startswith(f"{found[0]} |")
        if not ((_FOOTER.search(text) or named) and len(text.split()) <= MOST_FOOTER_WORDS):
            break  # "Осторожно, новости | Прислать новость": the channel's links, named
        dropped.append(Dropped(index + 1, lines[index], "channel's footer"))
        lines[index] = ""
    draft = generic.extract(replace(source, text="\n".join(lines)))
    title = _EMOJI.sub("", draft.title).strip() or draft.title
    dropped = sorted([*dropped, *draft.dropped], key=lambda d: d.line)
    if found is None:
        return replace(draft, title=title, dropped=tuple(dropped))
    name, date, line = found
    outlet = (known_outlets.by_name(name, source.outlets) or slugify(name)) if name else ""
    return replace(draft, outlet=outlet or draft.outlet, title=title, date=date, date_line=line,
                   stamp=date, dropped=tuple(dropped),
                   outlet_name=name if outlet else draft.outlet_name)


_WIDGET = "//*[contains(concat(' ', @class, ' '), ' tgme_widget_message{}')]"
"""The post's parts on its page on the web (its text, its channel's name), by their classes."""


def from_page(tree: lxml_html.HtmlElement) -> tuple[str, str] | None:
    """A channel's post as its page on the web shows it (``t.me/<channel>/<number>``, its
    widget), written as Telegram Desktop copies it, its header line first, for :func:`extract`
    to read; and the post's address. None for any other page (:mod:`~builder.ingest.html`)."""
    texts, owners = tree.xpath(_WIDGET.format("_text")), tree.xpath(_WIDGET.format("_owner_name"))
    stamps = tree.xpath("//time/@datetime | //meta[@property='article:published_time']/@content")
    try:
        posted = dt.datetime.fromisoformat(stamps[0]) if texts and owners and stamps else None
    except ValueError:
        return None
    if posted is None:
        return None
    for br in texts[0].iter("br"):
        br.tail = "\n" + (br.tail or "")
    post = "\n".join(" ".join(line.split()) for line in texts[0].text_content().split("\n"))
    number = tree.xpath("//*[@data-post]/@data-post")
    channel = " ".join(owners[0].text_content().split())
    return (f"{channel}, [{posted:%d.%m.%Y %H:%M}]\n{post.strip()}\n",
            f"https://t.me/{number[0]}" if number else "")
