"""What is left over the story's first paragraph and under its last once every reader of a kind
of furniture has taken its lines, judged by the shape of a line rather than by its words.

The readers of kinds (:mod:`~builder.ingest.furniture`, :mod:`~builder.ingest.page_tail`,
:mod:`~builder.ingest.promos`) know the phrases of the pages they were written from, and stop at
the first line they do not know: a site no one has seen yet keeps its furniture. What a news
story is not, in any site's words, is read here instead:

- **lines that end no sentence, under the story's last one**: a story's paragraphs end with
  their sentence, while what a page prints under it does not ("MOST READ IN NEWS", «Похожие
  материалы», another story's headline, "Author's name Pravda.Ru Editorial Team"). Two such
  lines at least, each on its own (a line ends a sentence or a paragraph over it): one alone
  may be a post's last sentence printed with no full stop, and a line glued under another
  that ends no sentence a story's last heading over its last line, when no such line stands
  under the two; nor does the list a story's last sentence announces (it ends with a colon) go;
- **a line that speaks to the reader**: a news story tells of others, in the third person; the
  page addresses its reader ("Got a story? Email us…", «Хотите получать… Подписывайтесь…»,
  "Open in app") by a pronoun of the second person or a call to act that opens a sentence,
  outside quotation marks (a quoted speaker may say "you");
- **a rights notice** ("All rights reserved", «защищены авторским правом»);
- **an author's box**: "Katya Lebedeva is a contributing writer at The Atlantic.".

Over the story only what speaks to the reader and rights notices are taken: a standfirst or
a subheading over the first paragraph ends no sentence either. The story's first block
always stays.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from builder.ingest import layout
from builder.ingest.draft import Dropped, TextBlock
from builder.ingest.promos import QUOTED

LOOSE_WORDS = 25
"""Words of a line under the story that ends no sentence at most (another story's headline, a
sidebar's title); a longer one is a paragraph that lost its full stop."""
TOP_CALL_WORDS = 25
"""Words of a line over the story that speaks to the reader at most ("You have 1 free article
left this month. Subscribe for full access."): a longer one is the story's own lede."""
PLACEHOLDER_WORDS = 4
"""Words of a form's placeholder ("Написать комментарий...", "Write a comment…") at most: an
ellipsis after so few words ends no sentence."""

_IN_QUOTES = re.compile(r"“[^”]*(?:”|$)|«[^»]*(?:»|$)|\"[^\"]*(?:\"|$)|„[^“”]*(?:[“”]|$)")
"""Quoted words, which a speaker says (to the end of the line when the quote goes on)."""
_ATTRIBUTED = re.compile(QUOTED, re.IGNORECASE)
"""Speech reported without quotation marks (", the mayor urged", «— попросила мать»): a
speaker's words, whoever they address."""
_SECOND_PERSON = re.compile(
    r"(?<![\w'’-])(?:you|your|yours|yourself|you're|you’re|you've|you’ve|you'll|you’ll|"
    r"вы|вас|вам|вами|ваш|ваша|ваше|ваши|вашего|вашей|вашему|вашим|вашими|ваших|вашу|"
    r"ты|тебя|тебе|тобой|твой|твоя|твоё|твое|твои|твоих|твоим|твою)(?![\w'’-])"
    r"|(?:^|[.!?…]\s+)(?-i:[А-ЯЁ])[а-яё]+(?:йте|ите|ьте)(?:сь)?(?![а-яё])",
    re.IGNORECASE)
"""The reader addressed: a pronoun of the second person, or a Russian verb opening a sentence
in the imperative or the second person plural («Подписывайтесь», «Хотите»)."""
_FIRST_PLURAL = re.compile(r"(?<![\w'’-])(?:we|us|our|ours|we're|we’re|мы|нас|нам|нами|наш|"
                           r"наша|наше|наши|нашего|нашей|нашему|нашим|нашими|наших|нашу)"
                           r"(?![\w'’-])", re.IGNORECASE)
"""The page speaking of itself, as a news story does not outside a quote."""
_MEDIUM = re.compile(r"\b(?:newsletter|this (?:issue|article|story|e-?mail)|free articles?|"
                    r"subscri\w*|unsubscri\w*|account|comments?|(?:be |been )?published|"
                    r"whatsapp|viber|telegram|рассылк\w*|подпи[сш]\w*|комментари\w*|"
                    r"стать[июяей]\w*|опубликован\w*|канал\w*)\b", re.IGNORECASE)
"""What a page says of itself to the reader: the newsletter, the article, the subscription,
the comments, the messenger to send news by."""
_CALL = re.compile(
    r"(?:^|[.!?…]\s+)(?:subscribe|sign (?:up|in)|log in|follow (?:us|the|our)|join (?:us|our)|"
    r"listen (?:to|now)|watch\b[^.!?]{0,50}\blive\b|click|tap (?:here|to)|unsubscribe|"
    r"check out|stay (?:up to date|tuned|informed|connected)|support (?:us|our|independent)|"
    r"don't miss|open in|got a (?:story|tip)|have a (?:story|tip)|want more|"
    r"подпишись|поступай|узнай|скачай|жми|переходи|присоединяйся|сохрани)(?![\w-])",
    re.IGNORECASE)
"""A page's call to act opening a sentence ("Subscribe", "Listen to", "Open in", «Поступай»)."""
_RIGHTS = re.compile(r"\ball rights reserved\b|\bmay not be (?:re)?(?:published|reproduced)|"
                     r"все права (?:защищены|охраняются|на материалы)|защищены авторским правом|"
                     r"(?:воспроизведение|использование|перепечатка)[^.]{0,60}(?:запрещ|"
                     r"(?:допускается|разрешается) (?:только|лишь|при)\b)|"
                     r"^©\s*(?:\d{4}|[«\"]?(?-i:[A-ZА-ЯЁ]))|"
                     r"\b(?:reproduction|republication)\b[^.]{0,60}\b(?:prohibited|only with)",
                     re.IGNORECASE)
"""A rights notice, wherever the line puts it ("Copyright The Financial Times Limited 2020. All
rights reserved.", «Обратите внимание: статьи Postimees защищены авторским правом»), or a line
opening with the copyright sign («© 2000-2020 «Украинская правда». Использование…»)."""
_BIO = re.compile(
    r"^(?-i:[A-ZА-ЯЁ])[\w'’.-]+(?:\s+(?-i:[A-ZА-ЯЁ])[\w'’.-]+){1,2}\s+(?:is|was)\s+(?:an?|the)\s+"
    r"(?:[\w-]+\s+){0,3}(?:writer|reporter|correspondent|editor|journalist|columnist|"
    r"contributor|producer|photographer|analyst)\b[^.!?]{0,120}[.!]?$"
    r"|^(?-i:[A-ZА-ЯЁ])[\w-]+(?:\s+(?-i:[A-ZА-ЯЁ])[\w-]+){1,2}\s+[—–-]\s+(?:[\w-]+\s+){0,3}"
    r"(?:корреспондент|обозреватель|журналист|редактор|колумнист|фотограф)\w*\b[^.!?]{0,120}"
    r"[.!]?$",
    re.IGNORECASE)
"""An author's bio in a box under the story: a name, then what the author is at the outlet."""
_SLASHED = (r"(?<=[.!?]\s)/\s*(?-i:[A-ZА-ЯЁ])[\w.&-]{1,20}\)?\.?$|"
            r"^\((?:cover|photo|фото|обложка)\s*:")
"""A caption whose agency follows a slash ("Storm clouds over Moscow. /CFP"), or in brackets
under its label ("(Cover: … /CFP)"): what a page prints under the story too."""
_CREDITED = re.compile(
    rf"{_SLASHED}|(?<=[.!?]\s)\((?-i:[A-ZА-ЯЁ])[\w.&-]{{1,15}}(?:\s(?-i:[A-ZА-ЯЁ])[\w.&-]{{1,15}})?\)$|"
    r"(?:^|\s)(?:(?:photo(?:graph)?|image|picture|credit|фото|снимок)(?:\s+(?:credit|by|"
    r"courtesy(?:\s+of)?))?\s*[:|]\s*[^.!?:]{2,60}|(?:photo(?:graph)?|image|picture)\s+by\s+"
    r"[^.!?:]{2,60}|©\s*[^.!?©]{2,60}|\((?=[^()]*\b(?:photos?|images?|фото|via)\b)"
    r"(?:[^()\s]+\s+){0,3}[^()\s]+\)|(?-i:[A-ZА-ЯЁ])[\w'’.-]+(?:\s+(?-i:[A-ZА-ЯЁ])[\w'’.-]+){1,2}"
    r"\s+[|/]\s+(?-i:[A-ZА-ЯЁ])[\w'’.&-]*(?:\s+[\w'’.&-]+){0,4})\.?$", re.IGNORECASE)
"""A photo's caption that ends with its credit, over the story: "Photo Credit: AP", "Photo by
VnExpress/Hoang Tao.", "©Getty Images", "(REUTERS Photo)", "(AFP via Getty Images)" (a few
words in brackets, not a remark on a photo), "Evan Frost | MPR News", "Kirill Zykov / Moskva
News Agency", "Protesters in Seattle, July 25, 2020. (Reuters)", and :data:`_SLASHED`."""
_CAPTION_UNDER = re.compile(_SLASHED, re.IGNORECASE)
CONTROL_WORDS, TOP_CONTROLS = 6, 3
"""Over the story, three lines or more in a row of six words at most that end no sentence are
a page's controls and labels ("Location: Tikhoretsk, Russia" / "Licence this video" / "Copy
embed code" / "Report" / "Description"): a standfirst or a subheading is one line, a caption
ends with its credit, a kicker is a word or two over a headline."""
_CAPTION = re.compile(r"^(?:кадр из|скриншот|иллюстративное фото|архивное фото|фото из архива|"
                      r"screenshot|file photo|archive photo|still from)\b", re.IGNORECASE)
"""A caption's opening that says what the picture is («Кадр из сериала «Чики»», "File photo")."""
MOST_CAPTION_WORDS = 40
"""Words of a photo's caption with its credit at most; a longer line is the story's lede."""
_LABEL = re.compile(r"^(?=.*\b(?-i:[a-zа-яё])[a-zа-яё]+\b)[^\d:]{3,40}:$")
"""A label alone with nothing under it ("In this article:"); a dateline is in capitals."""
_LOOSE = "no sentence under the story"


def speaks_to_reader(text: str) -> bool:
    """Whether ``text`` addresses the page's reader, outside what it quotes or reports said: a
    call to act, or the page speaking to the reader of itself ("Email us … You can WhatsApp
    us", «Подписывайтесь на нашу рассылку»), of its medium ("You have reached your limit for
    free articles", «Ваш адрес email не будет опубликован») or asking the reader ("Was this
    forwarded to you?")."""
    said = _IN_QUOTES.sub(" ", text).strip()
    if _ATTRIBUTED.match(said):
        return False
    return bool(_CALL.search(said) or _SECOND_PERSON.search(said) and (
        _FIRST_PLURAL.search(said) or _MEDIUM.search(said) or "?" in said))


def notice(text: str) -> str | None:
    """What ``text`` is, if it is a page's notice to its reader wherever it stands: a rights
    notice, a call to the reader; never what it quotes or reports said."""
    said = _IN_QUOTES.sub(" ", text).strip()
    if _ATTRIBUTED.match(said):
        return None
    if _RIGHTS.search(said):
        return "rights notice"
    return "call to the reader" if speaks_to_reader(said) else None


def _tail_kind(line: layout.Line, above: layout.Line | None, over: layout.Line | None,
               last: bool) -> str | None:
    """What ``line``, under the story, is, if it is no line of the story; ``above`` and
    ``over`` are the two lines over it, ``last`` says that no line that ends no sentence stands
    under it: it may be the story's last line, under a heading."""
    text = line.text.strip()
    words = text.split()
    if (kind := notice(text)) is not None:
        return kind
    if _BIO.match(text):
        return "author's bio"
    if len(words) <= MOST_CAPTION_WORDS and _CAPTION_UNDER.search(text):
        return "photo caption"  # the cover's, under the story: "(Cover: … /CFP)"
    if _heading_over(line, above, over, last) or not layout.opens_item(text):
        return None  # the story's last line under its heading, or a wrapped line's end
    if len(words) <= PLACEHOLDER_WORDS and text.endswith(("...", "…")):
        return "form's placeholder"
    if len(words) <= LOOSE_WORDS and not layout.ends_sentence(text):
        return _LOOSE
    return None


def _heading_over(line: layout.Line, above: layout.Line | None, over: layout.Line | None,
                  last: bool) -> bool:
    """Whether ``above`` may be a heading over ``line``, the story's last line: glued over it,
    ending no sentence, and on its own (no such line glued over it in turn, as over a list of
    headlines), with no line that ends no sentence under the two."""
    return (above is not None and last and _glued(above, line)
            and not layout.ends_sentence(above.text)
            and (over is None or not _glued(over, above) or layout.ends_sentence(over.text)))


def _follows(above: layout.Line, line: layout.Line) -> bool:
    """Whether ``line`` comes right after ``above``, blank lines apart: no line taken out
    between (a line alone under the furniture taken under the story is more of it)."""
    return above.number + above.blanks_after + 1 == line.number


def _glued(above: layout.Line, line: layout.Line) -> bool:
    """Whether ``line`` follows ``above`` with no blank line and no line taken out between."""
    return above.number + 1 == line.number and not above.blanks_after


def without_loose_tail(article: Sequence[TextBlock]) -> tuple[list[TextBlock], list[Dropped]]:
    """``article`` without the lines under its story's last sentence that no story prints, read
    from the last line up to the first line of the story; those lines, named.

    A line that ends no sentence goes only with another such line or a notice: one alone may be
    a post's last sentence, which social networks print with no full stop («Расследование
    продолжается»), unless a line was taken out over it. Lines that end no sentence under a
    sentence that ends with a colon are the
    list it announces, and stay; so does a line glued under another that ends no sentence (a
    heading over the story's last line, "What comes next" / "Talks resume on Monday"), unless
    lines that end no sentence stand under it, as under a sidebar's title and its first
    headline («Похожие записи» / another story's headline / a form's fields), or a line was
    taken out between the two (the footer's links, one of them a copyright's)."""
    if len(article) < 2:
        return list(article), []
    lines = layout.lines_of(article)
    end = len(lines)
    kinds: list[str] = []
    while end > len(article[0].lines):
        kind = _tail_kind(lines[end - 1], lines[end - 2], lines[end - 3] if end > 2 else None,
                          _LOOSE not in kinds)
        if kind is None:
            break
        kinds.append(kind)
        end -= 1
    if lines[end - 1].text.rstrip().endswith(":") or kinds == [_LOOSE] and _follows(
            lines[end - 1], lines[end]):
        while kinds and kinds[-1] in (_LOOSE, "form's placeholder"):
            kinds.pop()
            end += 1  # the list the story's last sentence announces, or its last sentence
    dropped = [Dropped(line.number, line.text, kind)
               for line, kind in zip(lines[end:], reversed(kinds))]
    return (layout.blocks_of(lines[:end], article[0].blanks_before) if dropped
            else list(article)), dropped


def without_loose_top(article: Sequence[TextBlock]) -> tuple[list[TextBlock], list[Dropped]]:
    """``article`` without the lines over its story's first paragraph that speak to the reader
    ("You have 1 free article left", "Listen to this story."), print rights, are a label
    alone ("In this article:"), a photo's caption with its credit at its end, or a page's
    controls (:data:`TOP_CONTROLS`); those lines, named. The last block always stays."""
    lines = layout.lines_of(article)
    last_block_start = len(lines) - len(article[-1].lines) if article else 0
    start = 0
    dropped: list[Dropped] = []
    while start < last_block_start:
        text = lines[start].text.strip()
        kind = (notice(text) if len(text.split()) <= TOP_CALL_WORDS else None) or (
            "label" if _LABEL.match(text) else None) or (
            "photo caption" if len(text.split()) <= MOST_CAPTION_WORDS
            and (_CREDITED.search(text) or _CAPTION.match(text)) else None)
        if kind is None:
            break
        dropped.append(Dropped(lines[start].number, lines[start].text, kind))
        start += 1
    controls = next((end for end in range(start, last_block_start + 1) if end == last_block_start
                     or len(lines[end].text.split()) > CONTROL_WORDS
                     or layout.ends_sentence(lines[end].text)), start)
    if controls - start >= TOP_CONTROLS:  # "Licence this video" / "Copy embed code" / "Report"
        dropped += [Dropped(line.number, line.text, "page controls")
                    for line in lines[start:controls]]
        start = controls
    if not dropped:
        return list(article), []
    return layout.blocks_of(lines[start:], article[0].blanks_before), dropped
