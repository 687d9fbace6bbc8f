"""How a pasted or saved text is laid out, whoever published it: where its paragraphs are, and
where the article ends and the page's sidebar of other headlines begins.

Texts reach the editor in every layout: a blank line between paragraphs (most pages copied from
a browser); one paragraph per line with no blank line at all (pasted from apps and many saved
pages); one sentence per line with blank lines between paragraphs; hard-wrapped at a fixed width
(wires and e-mails). :func:`paragraphs` makes one block of each paragraph whatever the layout,
keeping every line's number for the report.

Agency pages copied whole end with a sidebar: headlines of unrelated stories, each often with
a one-sentence teaser, with no blank lines between them and no final full stop on a headline.
Whatever its length, and whatever the article above it looks like, :func:`split_sidebar` cuts it
off the article by its shape: a run of lines at the end of the text in which a headline comes
at least every third line and no line is a paragraph. It is kept as ``related`` headlines,
never as the article's text: never published, indexed or read for its topics as the article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from builder.ingest import dateline as datelines
from builder.ingest.dates import date_line
from builder.ingest.draft import TextBlock
from builder.model import RelatedHeadline

LONGEST_SIDEBAR_LINE = 400
"""Characters; a longer line is a paragraph of the article, never a headline or teaser."""
SIDEBAR_HEADLINE_WORDS = 20
"""Words of a sidebar's headline at most: a longer line without a full stop is a paragraph."""
LINES_BETWEEN_HEADLINES = 2
"""A headline's teaser, and perhaps a time stamp or a rubric, before the next headline."""
SIDEBAR_HEADLINES = 3
"""The fewest headlines that make a sidebar (a list of two is too like an article's end)."""
SIDEBAR_TITLES = re.compile(
    r"^(?:read (?:also|more)|see also|related(?: news| stories| articles| content| coverage)?|more "
    r"news|recommended(?: for you| by \S+| articles| stories| reading| videos)?|you may also like|"
    r"trending(?: now)?|around the web|editor'?s'? picks|promoted by \S+|from (?:our|the) partners|"
    r"partner (?:content|news)|(?:more (?:from|on)|also on) (?-i:[A-Z])[\w.&'’-]*(?: "
    r"(?-i:[A-Z])[\w.&'’-]*)?|more on (?:this|the) (?:topic|story)|top (?:stories|news)|main news|"
    r"latest(?: news)?|(?:what to )?read next|up next|most (?:read|viewed|popular|shared)|popular|"
    r"(?:главные|последние|другие|похожие) новости|самое важное|more stories|(?:ссылки|материалы|"
    r"новости) по теме|рекомендуем|в тему|новости|(?:ещё|еще|больше) новост(?:ей|и)|чита(?:йте|ть) "
    r"также|смотрите также|см\. также|главное|(?:ещё |еще )?по теме|подробнее об? (?:ситуации|"
    r"событи\w+|теме|этом|случившемся)|популярное|сам(?:ое|ые|ый|ая) (?:читаем|интересн|популярн|"
    r"обсуждаем)\w*|лента новостей|(?:новости|материалы) (?:партн[её]ров|сми2|из сети)|выбор "
    r"(?:редакции|читателей)|(?:главное|лучшее) за (?:день|неделю|сутки|месяц)|сейчас читают|"
    r"лучшие материалы|(?:in )?other news|popular on \S+(?: \S+)?)\s*:?$", re.IGNORECASE)
"""Titles some pages give their sidebar; the sidebar starts there."""
_CLOSING_QUOTES = "\"'»”’)]"
_SENTENCE_END = tuple(".!?…;:")
_LIST_ITEM = re.compile(r"^(?:[-–—•*·▪]\s|\d{1,3}[.)]\s)")
_CLOCK = re.compile(r"^\d{1,2}:\d{2}$")
_TIME = re.compile(r"^[\d\s:.,/\-–]+$")
"""A time stamp or a date in figures, as sidebars show above or under a headline."""


@dataclass(frozen=True)
class Line:
    text: str
    number: int
    blanks_after: int


def lines_of(blocks: Sequence[TextBlock]) -> list[Line]:
    found = []
    for block in blocks:
        for offset, text in enumerate(block.lines):
            last = offset == len(block.lines) - 1
            found.append(Line(text, block.line + offset, block.blanks_after if last else 0))
    return found


def blocks_of(lines: Sequence[Line], blanks_before: int = 1) -> list[TextBlock]:
    """``lines`` as blocks again, split where they had blank lines, and where a line was taken
    out between two (a block numbers its lines from its first, so they must follow on)."""
    blocks: list[TextBlock] = []
    run: list[Line] = []
    for line, following in zip(lines, [*lines[1:], None]):
        run.append(line)
        if line.blanks_after or following is None or following.number != line.number + 1:
            before = blanks_before if not blocks else blocks[-1].blanks_after
            blocks.append(TextBlock(tuple(l.text for l in run), run[0].number, before,
                                    line.blanks_after))
            run = []
    return blocks


def opens_item(text: str) -> bool:
    """Whether ``text`` opens as a headline or a sentence does: with a capital or a figure,
    after a quote or a bracket perhaps (a wrapped paragraph's next line opens in lower case)."""
    opening = text.lstrip("\"'«“„‘‚‹([")[:1]
    return opening.isupper() or opening.isdigit()


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends like a sentence (a closing quote after a full stop counts)."""
    return text.rstrip(_CLOSING_QUOTES).endswith(_SENTENCE_END)


QUESTION_HEADLINE_WORDS = 12
"""Words of a headline that asks ("Who are the Taliban?") at most; a longer question is a
teaser's or the story's."""


def is_headline(text: str) -> bool:
    """A line shaped like a headline: a few words, opening with a capital, no final stop (a
    short question mark allowed)."""
    words = len(text.split())
    asks = text.rstrip(_CLOSING_QUOTES).endswith("?") and words <= QUESTION_HEADLINE_WORDS
    return (3 <= words <= 30 and len(text) <= 250 and opens_item(text)
            and (asks or not ends_sentence(text)) and not text.endswith(",")
            and not _LIST_ITEM.match(text))


def opens_story(text: str) -> bool:
    """Whether ``text`` opens with a dateline ("МОСКВА, 27 июл — РИА Новости."): the story's
    first paragraph, which no sidebar holds, however short the story's paragraphs are."""
    return datelines.parse(text, {}) is not None


def split_sidebar(blocks: Sequence[TextBlock]) -> tuple[list[TextBlock], list[Line]]:
    """The article's blocks and the sidebar's lines (none when the text ends with no sidebar).

    Read back from the last line: a sidebar line is short, opens like a headline or a sentence
    (a wrapped paragraph's lines open in lower case), and a headline comes every
    :data:`LINES_BETWEEN_HEADLINES` + 1 lines at most; a paragraph or a section heading (two
    blank lines after it, see :func:`~builder.ingest.draft.body_blocks`) ends the run. The
    sidebar starts at the run's first headline, or at a title such as "Read also" just above.
    """
    lines = lines_of(blocks)
    if (titled := _titled_sidebar(lines)) is not None:
        return blocks_of(lines[:titled], blocks[0].blanks_before), lines[titled:]
    width = wrap_width(blocks)
    start, headlines, since = None, 0, 0
    for index in range(len(lines) - 1, 0, -1):  # the first line always stays with the article
        line = lines[index]
        text = line.text
        if SIDEBAR_TITLES.match(text):
            start = index if headlines else start
            break
        if (len(text) > LONGEST_SIDEBAR_LINE or _LIST_ITEM.match(text) or opens_story(text)
                or (line.blanks_after >= 2 and index < len(lines) - 1)):
            break
        if is_headline(text) and not (width and _wrapped(line, lines[index + 1:], width)):
            start, headlines, since = index, headlines + 1, 0
        elif (opens_item(text) or _is_stamp(text)) and since < LINES_BETWEEN_HEADLINES:
            since += 1
        else:
            break
    while start is not None and start > 1 and _CLOCK.match(lines[start - 1].text):
        start -= 1  # the first headline's time stamp (never a wrapped paragraph's "2005.")
    titled = start is not None and SIDEBAR_TITLES.match(lines[start].text)
    if start is None or not (titled or headlines >= SIDEBAR_HEADLINES):
        return list(blocks), []
    return blocks_of(lines[:start], blocks[0].blanks_before if blocks else 0), lines[start:]


def story_paragraphs(texts: Iterable[str]) -> int:
    """How many of ``texts`` are a story's paragraphs: a sentence of more than
    :data:`SIDEBAR_HEADLINE_WORDS` words, as a sidebar's item is once at most."""
    return sum(ends_sentence(text) and len(text.split()) > SIDEBAR_HEADLINE_WORDS
               for text in texts)


def _titled_sidebar(lines: Sequence[Line]) -> int | None:
    """Where a sidebar under a title such as "Read also" starts: whatever its items look like
    (a headline with a full stop, a headline and its teaser on one line), every line after the
    title is an item when none is a paragraph's length and two are not the story's paragraphs
    (under a stray "Read more"). The title must follow some text (a title with its links between
    the story's paragraphs is :func:`~builder.ingest.inserts.link_inserts`')."""
    for index in range(len(lines) - 1, 0, -1):
        if SIDEBAR_TITLES.match(lines[index].text):
            rest = lines[index + 1:]  # none: the title alone ends the page ("Popular on Variety")
            if story_paragraphs(line.text for line in rest) < 2 and all(
                    len(line.text) <= LONGEST_SIDEBAR_LINE for line in rest):
                return index
            return None
    return None


TEASER_OPENING = re.compile(
    r"^(?:The|A|An|In|On|At|According|Earlier|Last|Currently|During|These|This|It|He|She|They|"
    r"Top stories|Besides|However|Meanwhile|По словам|По данным|Согласно|Как сообщает|Ранее|"
    r"Кроме того|При этом|Также|Как|Об этом|В|На|Это|Он|Она|Они)\b")
"""How teasers, not headlines, usually open: headlines drop articles and lead with a name."""
_NO_TEASER = 1.0
"""What a headline without a teaser costs: most sidebars give every headline one."""
_SIGNED_TEASER = 0.2
_UNSIGNED_TEASER = 0.5
"""What taking a line for a teaser costs when it shows a teaser's signs (it opens like a
sentence, is long, or speaks of what the line above it names), and when it shows none; in a
list of bare headlines, a line with no sign costs more as a teaser than two lone headlines."""
PAIRED_SHARE = 0.38
_STEM = 5
"""Letters two words share at the start to be one word's forms ("Kremlin's", «Путина»)."""


def _shares_words(text: str, before: str) -> bool:
    """Whether ``text`` names something ``before`` does: a teaser tells its headline's story."""
    def stems(line: str) -> set[str]:
        return {word[:_STEM].casefold() for word in re.findall(r"[^\W\d_]{4,}", line)}
    mine, theirs = stems(text), stems(before)
    return any(a.startswith(b) or b.startswith(a) for a in mine for b in theirs)


def wrap_width(blocks: Sequence[TextBlock]) -> int | None:
    """The width the text is hard-wrapped at, if it is.

    Told by paragraphs whose lines break off inside a sentence at one width (a sidebar's
    headlines are of every length, and a headline over its teaser is two lines that may happen
    to look so: see :data:`WRAP_PROOF`), or by lines that break off and go on in lower case on the
    next. A line nearly that wide that does not end a sentence is a wrapped one, however much it
    looks like a headline.
    """
    widths, weight = [], 0.0
    for block in blocks:
        inner, widest = block.lines[:-1], max(len(line) for line in block.lines)
        if inner and widest <= WRAP_WIDTH and all(
                not ends_sentence(line) and len(line) >= widest * FULL_LINE for line in inner):
            widths.append(widest)
            weight += min(len(inner), 3) / 2  # a paragraph of two lines is half a proof
    if widths and weight >= WRAP_PROOF:
        width = max(widths)
        if sum(w >= width * FULL_LINE for w in widths) * 2 > len(widths):
            return width
    lines = lines_of(blocks)
    going_on = [len(line.text) for line, following in zip(lines, lines[1:])
                if not line.blanks_after and not ends_sentence(line.text)
                and following.text[:1].islower()]
    return max(going_on) if len(going_on) >= 2 and NARROWEST_WRAP <= max(going_on) <= WRAP_WIDTH \
        else None


def _wrapped(line: Line, following: Sequence[Line], width: int) -> bool:
    """Whether ``line`` of a text wrapped at ``width`` goes on on the next line: it is nearly
    that wide, and the next opens in lower case or is the short end of a paragraph."""
    if not width * SHORT_LINE <= len(line.text) <= width or line.blanks_after or not following:
        return False
    after = following[0]
    return after.text[:1].islower() or (after.blanks_after > 0 and ends_sentence(after.text))


def related(lines: Sequence[Line]) -> tuple[RelatedHeadline, ...]:
    """The sidebar's headlines, each with the teaser under it, if any (stamps, rubrics and a
    title such as "Read also" left out).

    Headline or teaser is decided for the whole run at once, as the likeliest reading: a line
    ending in a full stop, opening like a sentence ("According to…", "По словам…"), long, or
    speaking of what the line above it names is a teaser's; a headline without a teaser is
    allowed but costs, so that a missing teaser does not shift every later pair by one line.
    """
    infinite = float("inf")
    items = [line for line in lines
             if not SIDEBAR_TITLES.match(line.text) and not _is_stamp(line.text)]
    if not items:
        return ()
    if sum(bool(line.blanks_after) for line in items[:-1]) * 3 >= len(items) - 1 > 0:
        # Blank lines part the items (a third of the gaps at least: a headline has one teaser
        # line at most): each block is one, its first line the headline, the rest its teaser.
        found: list[tuple[str, list[str]]] = []
        for line, before in zip(items, [None, *items]):
            if before is None or before.blanks_after or _is_stamp_between(before, line, lines):
                found.append((line.text, []))
            else:
                found[-1][1].append(line.text)
        return tuple(RelatedHeadline(title, " ".join(teaser)) for title, teaser in found)
    texts = [line.text for line in items]
    # A sidebar that prints a time over its first headline prints one over every headline
    # ("16:40 25 июля" / "Названо число кораблей…"): a line under a stamp opens an item.
    stamped = [False] * len(items)
    if _is_stamp(next(l for l in lines if not SIDEBAR_TITLES.match(l.text)).text):
        stamped = [any(_is_stamp(l.text) for l in lines if before.number < l.number < line.number)
                   for before, line in zip([Line("", -1, 0), *items], items)]
    befores = ["", *texts]
    evidence = [min(1.0, ends_sentence(t) + (len(t) > 100) + _shares_words(t, before)
                    + 0.5 * bool(TEASER_OPENING.match(t)))  # headlines open so too, at times
                for t, before in zip(texts, befores)]
    # In a sidebar of headlines with teasers, half its lines or more show a teaser's signs; in a
    # list of bare headlines, few do. That decides what a line with no sign is likelier to be.
    paired = sum(evidence[1:]) >= PAIRED_SHARE * max(1, len(texts) - 1)
    unsigned = _UNSIGNED_TEASER if paired else 2 * _NO_TEASER + 1.0
    as_headline = [8.0 * ends_sentence(t) + 0.5 * bool(TEASER_OPENING.match(t))
                   + 1.0 * (len(t) > 150) for t in texts]
    as_teaser = [infinite if opens else 0.0 if ends_sentence(t) else
                 _SIGNED_TEASER if signs >= 1 or (paired and signs) else unsigned
                 for t, signs, opens in zip(texts, evidence, stamped)]
    # best[i][label]: the least cost of lines i.. when line i is a headline (0) or a teaser (1)
    best = [[0.0, 0.0] for _ in texts] + [[0.0, infinite]]
    for i in range(len(texts) - 1, -1, -1):
        after_headline = min(best[i + 1][0] + _NO_TEASER, best[i + 1][1])
        best[i][0] = as_headline[i] + after_headline
        best[i][1] = as_teaser[i] + best[i + 1][0] if i + 1 <= len(texts) else infinite
    found: list[tuple[str, str]] = []
    label = 0
    for i, text in enumerate(texts):
        if label == 0:
            found.append((text, ""))
            label = 1 if best[i + 1][1] <= best[i + 1][0] + _NO_TEASER else 0
        else:
            found[-1] = (found[-1][0], text)
            label = 0
    return tuple(RelatedHeadline(title, teaser) for title, teaser in found)


def _is_stamp_between(before: Line, line: Line, lines: Sequence[Line]) -> bool:
    """Whether a left-out line (a stamp, a title) with a blank line stood between the two."""
    between = [l for l in lines if before.number < l.number < line.number]
    return any(l.blanks_after for l in between)


def _is_stamp(text: str) -> bool:
    """A time stamp or a date ("16:40 25 июля"), or a rubric of a word or two ("Politics", "В
    мире")."""
    return _TIME.match(text) is not None or date_line(text) is not None or (
        len(text.split()) <= 2 and opens_item(text) and not ends_sentence(text))


def paragraphs(blocks: Sequence[TextBlock]) -> list[TextBlock]:
    """One block per paragraph, whatever the layout (see the module docstring).

    Hard-wrapped text (most lines ending inside a sentence, none longer than a typewriter's
    width) is joined line to line; a paragraph ends at a blank line or, with no blank lines, at
    a line well short of the width that ends a sentence. Text with no blank lines in its body
    (one block holding most of its lines, or blocks parted only where furniture was taken out:
    "Реклама" between two paragraphs) has one paragraph per line. Anything else keeps its
    blocks: a blank line between paragraphs, a sentence per line within them.
    """
    lines = [line for block in blocks for line in block.lines]
    inner = [line for block in blocks for line in block.lines[:-1]]
    width = wrap_width(blocks)
    if width and sum(not ends_sentence(line) for line in inner) * 2 > len(inner):
        return [joined for block in blocks for joined in _unwrapped(block, width)]
    biggest = max(blocks, key=lambda block: len(block.lines), default=None)
    unbroken = all(not block.blanks_after for block in blocks[:-1])  # parted by furniture only
    if biggest is not None and (len(biggest.lines) >= 2 and unbroken or (
            len(biggest.lines) >= 3 and (len(blocks) <= 2
                                         or len(biggest.lines) * 3 >= len(lines) * 2))):
        return [part for block in blocks for part in _one_per_line(block)]
    return list(blocks)


WRAP_WIDTH = 100
"""The widest line a hard-wrapped text has (wires wrap at 64 to 80 characters)."""
NARROWEST_WRAP = 40
"""The narrowest: lines shorter than that going on in lower case are a page's stamps
("19:22, 9 июня 2017" over "обновлено: …"), not a wrapped paragraph."""
SHORT_LINE = 0.7
"""A wrapped line shorter than this share of the width, ending a sentence, ends a paragraph."""
FULL_LINE = 0.75
"""A wrapped line inside a paragraph fills at least this share of the width."""
WRAP_PROOF = 2
"""Paragraphs of three lines or more (two of two lines count as one) that break off inside a
sentence at one width, needed to call a text hard-wrapped."""


def _unwrapped(block: TextBlock, width: int) -> list[TextBlock]:
    paragraphs_found: list[tuple[int, list[str]]] = []
    for offset, line in enumerate(block.lines):
        if not paragraphs_found or _ends_paragraph(paragraphs_found[-1][1][-1], width):
            paragraphs_found.append((block.line + offset, [line]))
        else:
            paragraphs_found[-1][1].append(line)
    result = []
    for index, (number, parts) in enumerate(paragraphs_found):
        last = index == len(paragraphs_found) - 1
        text = parts[0]
        for part in parts[1:]:
            text = text + part if re.search(r"[^\W\d_]-$", text) else f"{text} {part}"
        result.append(TextBlock((text,), number, block.blanks_before if index == 0 else 0,
                                block.blanks_after if last else 0))
    return result


def _ends_paragraph(line: str, width: int) -> bool:
    return ends_sentence(line) and len(line) < width * SHORT_LINE


def _one_per_line(block: TextBlock) -> list[TextBlock]:
    last = len(block.lines) - 1
    return [TextBlock((text,), block.line + offset,
                      block.blanks_before if offset == 0 else 0,
                      block.blanks_after if offset == last else 0)
            for offset, text in enumerate(block.lines)]
