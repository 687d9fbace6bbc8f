"""Real news text dressed as the sources an editor really collects, with what ingest should make
of each: for tests of ingest on the *kinds* of source, not on the two seeds.

The stories are the shared corpus's (real Russian news and their English translations, with no
furniture, dates or outlets, but for the other stories' headlines two pages listed under theirs:
:data:`HEADLINES_UNDER`). Each is dressed as one kind of source, the kinds taken in turn so
that every combination of these comes up across the corpus:

- an agency's dateline (TASS, RIA Novosti, Interfax, Reuters, AP, AFP, in their own forms in
  each language), or a date on its own line, in full or abbreviated month names, with or
  without a period, in capitals or lower case;
- with or without a lede line under the headline; the whole story or only its first paragraph;
- laid out with a blank line between paragraphs, one paragraph per line with no blank line, a
  sentence per line, or hard-wrapped at 72 columns;
- followed by no sidebar, or one of other stories' headlines: alone, with short teasers, with
  teasers a sentence long, with some teasers missing, under a "Read also" title, with stamps;
- a site's name after the headline, as saved pages have it.

The headlines and teasers of sidebars are other stories of the corpus, so nothing about them is
made up either.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
import textwrap
from dataclasses import dataclass
from pathlib import Path

from builder.ingest.layout import ends_sentence

TODAY = dt.date(2021, 12, 20)
"""The day of ingest: a dateline without a year is dated in the year up to it."""

EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]
RU_MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
             "сентября", "октября", "ноября", "декабря"]
RU_SHORT = ["янв", "фев", "мар", "апр", "мая", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"]

PLACES = {"en": ["MOSCOW", "NEW YORK", "ST. PETERSBURG", "KHABAROVSK", "NUR-SULTAN", "LONDON"],
          "ru": ["МОСКВА", "НЬЮ-ЙОРК", "САНКТ-ПЕТЕРБУРГ", "ХАБАРОВСК", "РОСТОВ-НА-ДОНУ", "МИНСК"]}


def month(lang: str, number: int, form: str) -> str:
    """A month's name as agencies write it: full, abbreviated (with a period or not), in
    capitals or lower case."""
    name = (EN_MONTHS if lang == "en" else RU_MONTHS)[number - 1]
    if form.startswith("short"):
        name = name[:3] if lang == "en" else RU_SHORT[number - 1]
        if form == "short.":
            name += "."
    if form == "upper":
        name = name.upper()
    if form == "lower" and lang == "ru":  # "москва, 1 дек — риа новости."; never in English
        name = name.lower()
    return name


def en_date(lang: str, day: int, number: int, form: str) -> str:
    return f"{month(lang, number, form)} {day}" if lang == "en" else f"{day} {month(lang, number, form)}"


DATELINES = {
    # agency -> language -> the dateline before the story's first words
    "tass": {"en": "{place}, {date}. /TASS/. ", "ru": "{place}, {date}. /ТАСС/. "},
    "ria": {"en": "{place}, {date} (RIA Novosti) - ", "ru": "{place}, {date} — РИА Новости. "},
    "interfax": {"en": "{place}. {date} (Interfax) - ", "ru": "{place}. {date}. INTERFAX.RU - "},
    "reuters": {"en": "{place}, {date} (Reuters) - ", "ru": "{place}, {date} (Рейтер) - "},
    "ap": {"en": "{place} (AP) — ", "ru": "{place}, {date} (AP) — "},
    "afp": {"en": "{place}, {date} (AFP) - ", "ru": "{place}, {date} (AFP) - "},
}
AGENCIES = (*DATELINES, "date-line")
DATE_FORMS = ("full", "short", "short.", "upper", "lower")
LAYOUTS = ("blank", "per-line", "sentences", "wrapped")
SIDEBARS = ("none", "headlines", "short-teasers", "sentence-teasers", "some-teasers", "titled",
            "stamps")
SUFFIXES = {"en": ("", " | Reuters", " - Hi-Tech Mail.ru", " — RT in Russian"),
            "ru": ("", " — RT на русском", " - Российская газета", " | Лента.ру")}


@dataclass(frozen=True)
class Story:
    lang: str
    name: str
    title: str
    paragraphs: tuple[tuple[str, ...], ...]
    """Each paragraph's sentences."""


@dataclass(frozen=True)
class Dressed:
    """A source and what ingest should make of it."""

    name: str
    text: str
    lang: str
    title: str
    date: dt.date | None
    outlet: str
    place: str
    lede: str
    paragraphs: tuple[str, ...]
    """The story's paragraphs, the first with its dateline, white space collapsed."""
    related: tuple[tuple[str, str], ...]
    """The sidebar's (headline, teaser) pairs."""
    summary_start: str
    """The first words the summary must open with (the lede's, or the story's after the
    dateline)."""
    kind: str
    """How it was dressed, for failure messages."""


HEADLINES_UNDER = {("en", "newstest2021__gazeta.ru.151340"): 2,
                   ("ru", "newstest2021__gazeta.ru.151340"): 2,
                   ("ru", "newstest2021__mk.224316"): 2}
"""The corpus's stories that end with other stories' headlines, as many lines as the page they
were taken from listed under them ("Боевика из Чечни приговорили к 10 годам тюрьмы…" under a
story of an infant stolen in Salsk): no story's, and no body's. Where the corpus kept one such
line alone ("Жители Тюменского района отмечают Год памяти…"), ingest cannot tell it from a
post's last sentence printed with no full stop, and it stays the story's here too."""


def stories(corpus: Path, lang: str) -> list[Story]:
    """The corpus's stories in ``lang``: the headline, then paragraphs (a blank line apart in
    the file; a file with no blank line has a paragraph per sentence, as it has a sentence per
    line), without the headlines of other stories some end with (:data:`HEADLINES_UNDER`)."""
    found = []
    for path in sorted((corpus / lang).glob("*.txt")):
        lines = path.read_text(encoding="utf-8").strip().split("\n")
        lines = lines[:len(lines) - HEADLINES_UNDER.get((lang, path.stem), 0)]
        title, rest = lines[0].strip(), "\n".join(lines[1:]).strip()
        blocks = [b for b in rest.split("\n\n") if b.strip()]
        if len(blocks) == 1:
            blocks = rest.split("\n")
        paragraphs = tuple(tuple(s.strip() for s in block.split("\n") if s.strip())
                           for block in blocks)
        found.append(Story(lang, path.stem, title, tuple(p for p in paragraphs if p)))
    return found


def dress_all(corpus: Path, seed: int = 2021) -> list[Dressed]:
    """Every story of the corpus in both languages, each dressed as one kind of source."""
    chance = random.Random(seed)
    dressed = []
    for lang in ("en", "ru"):
        told = stories(corpus, lang)
        kinds = itertools.cycle(itertools.product(AGENCIES, SIDEBARS, LAYOUTS))
        for index, story in enumerate(told):
            agency, sidebar, layout = next(kinds)
            # A sidebar shows headlines and teasers: a few corpus lines are a sentence cut in two
            others = [s for s in told if s is not story and _headline_shaped(s)]
            dressed.append(dress(story, agency, sidebar, layout, chance.choice(DATE_FORMS),
                                 chance.choice(SUFFIXES[lang]) if agency == "date-line" else "",
                                 lede=(index % 3 != 0 and len(story.paragraphs) > 2
                                       and len(" ".join(story.paragraphs[0])) <= 300),
                                 whole=index % 4 != 1,
                                 sidebar_stories=chance.sample(others, 12), chance=chance))
    return dressed


def _headline_shaped(story: Story) -> bool:
    title, teaser = story.title, story.paragraphs[0][0]
    return title[:1].isupper() and not ends_sentence(title) and teaser[:1].isupper()


def dress(story: Story, agency: str, sidebar: str, layout: str, date_form: str, suffix: str,
          lede: bool, whole: bool, sidebar_stories: list[Story], chance: random.Random
          ) -> Dressed:
    lang = story.lang
    day, number = chance.randint(1, 28), chance.randint(1, 12)
    date = dt.date(TODAY.year if (number, day) <= (TODAY.month, TODAY.day) else TODAY.year - 1,
                   number, day)
    paragraphs = [list(p) for p in story.paragraphs]
    lede_text = ""
    if lede:  # a lede is a sentence of its own above the story
        lede_text = " ".join(paragraphs.pop(0))
    if not whole:
        paragraphs = paragraphs[:1]
    place = chance.choice(PLACES[lang])
    head_lines = [story.title + suffix]
    if lede_text:
        head_lines.append(lede_text)
    year_date = (f"{month(lang, number, 'full')} {day}, {date.year}" if lang == "en"
                 else f"{day} {month(lang, number, 'full')} {date.year} года")
    outlet, shown_place, dateline = agency, "", ""
    if agency == "date-line":
        head_lines.append(year_date)
        outlet = "unknown"
        if lede_text:  # with no dateline, nothing tells a lede from the story's first paragraph
            paragraphs.insert(0, [lede_text])
            lede_text = ""
    else:
        shown_place = place.lower() if date_form == "lower" and lang == "ru" else place
        dateline = DATELINES[agency][lang].format(
            place=shown_place, date=en_date(lang, day, number, date_form)).replace("..", ".")
        if agency == "ap" and lang == "en":  # AP's English dateline has no date: the page has
            head_lines.insert(1, year_date)
    first_words = " ".join(paragraphs[0])
    paragraphs[0][0] = dateline + paragraphs[0][0]

    pairs = _sidebar(sidebar, sidebar_stories)
    text = _laid_out(head_lines, paragraphs, layout) + _sidebar_text(sidebar, pairs, lang)
    return Dressed(
        name=f"{story.name}.txt", text=text, lang=lang, title=story.title, date=date,
        outlet=outlet, place=shown_place, lede=lede_text,
        paragraphs=tuple(" ".join(p) for p in paragraphs),
        related=tuple(pairs), summary_start=" ".join((lede_text or first_words).split()[:4]),
        kind=f"{agency}/{sidebar}/{layout}/{date_form}/lede={lede}/whole={whole}/"
             f"suffix={suffix!r}")


def _sidebar(kind: str, others: list[Story]) -> list[tuple[str, str]]:
    if kind == "none":
        return []
    pairs = []
    for index, other in enumerate(others):
        sentence = other.paragraphs[0][0]
        words = sentence.rstrip(".").split()
        if kind in ("headlines", "stamps") or (kind == "some-teasers" and index % 3 == 2):
            teaser = ""
        elif kind in ("short-teasers", "titled"):
            teaser = " ".join(words[:9]).rstrip(",;:")
        else:
            teaser = sentence
        pairs.append((other.title, teaser))
    return pairs


def _sidebar_text(kind: str, pairs: list[tuple[str, str]], lang: str) -> str:
    if not pairs:
        return ""
    lines = []
    if kind == "titled":
        lines.append("Read also" if lang == "en" else "Читайте также")
    for index, (title, teaser) in enumerate(pairs):
        if kind == "stamps":
            lines.append(f"{10 + index % 12}:{index * 7 % 60:02d}")
        lines.append(title)
        if teaser:
            lines.append(teaser)
    return "\n".join(lines) + "\n"


def _laid_out(head: list[str], paragraphs: list[list[str]], layout: str) -> str:
    if layout == "per-line":  # one paragraph per line, no blank line anywhere
        return "\n".join([*head, *(" ".join(p) for p in paragraphs)]) + "\n"
    blocks = head[:]
    for paragraph in paragraphs:
        if layout == "sentences":
            blocks.append("\n".join(paragraph))
        elif layout == "wrapped":
            blocks.append(textwrap.fill(" ".join(paragraph), 72, break_on_hyphens=False))
        else:
            blocks.append(" ".join(paragraph))
    return "\n\n".join(blocks) + "\n\n"


# --- pages copied whole from a browser: the site's top, the head glued to the story -----------

SITES = {
    # language -> (the site's name, its slogan or address, outlet key, the agency's dateline)
    "en": [("TASS", "Russian News Agency", "tass", "tass"), ("Reuters", "", "reuters", "reuters"),
           ("RT", "Question more", "rt", ""), ("Interfax", "", "interfax", "interfax"),
           ("The Moscow Times", "Independent News From Russia", "moscowtimes", ""),
           ("Meduza", "The Real Russia. Today.", "meduza", "")],
    "ru": [("ТАСС", "Информационное агентство России", "tass", "tass"),
           ("РИА Новости", "ria.ru", "ria", "ria"), ("Интерфакс", "", "interfax", "interfax"),
           ("ИЗВЕСТИЯ", "iz.ru", "izvestia", ""), ("RT на русском", "", "rt", ""),
           ("Коммерсантъ", "", "kommersant", "")],
}
MENUS = {"en": ["World", "Business", "Markets", "Politics", "Russia", "Sport", "Video", "More",
                "Business & Economy", "Science & Space", "Society & Culture", "Opinion", "Skip to "
                "main content"],
         "ru": ["Главное", "Политика", "Экономика и бизнес", "В мире", "Происшествия", "Общество",
                "Спорт", "Культура", "Наука", "Армия", "Новости"]}
MONTHS_SHORT_EN = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV",
                   "DEC"]


def _stamp(lang: str, date: dt.date, form: int, hour: int, minute: int) -> str:
    """A copied page's date line, in one of the forms news sites print."""
    month_name = (EN_MONTHS if lang == "en" else RU_MONTHS)[date.month - 1]
    if lang == "en":
        return [f"{date.day} {MONTHS_SHORT_EN[date.month - 1]} {date.year}, {hour}:{minute:02d}",
                f"{month_name} {date.day}, {date.year} / {hour % 12 or 12}:{minute:02d} PM / "
                f"Updated 3 hours ago",
                f"{date.day:02d}.{date.month:02d}.{date.year}, {hour}:{minute:02d}",
                f"Published time: {date.day} {month_name[:3]}, {date.year} {hour}:{minute:02d}",
                ][form % 4]
    return [f"{date.day} {month_name} {date.year}, {hour}:{minute:02d}",
            f"{hour}:{minute:02d}, {date.day} {month_name} {date.year}",
            f"{date.day:02d}.{date.month:02d}.{date.year} в {hour}:{minute:02d}",
            f"{date.day} {month_name} {date.year} года {hour}:{minute:02d}"][form % 4]


def dress_copied_all(corpus: Path, seed: int = 2022, *, stamp_below: bool = False,
                     parted: bool = False) -> list[Dressed]:
    """Every story of the corpus as a page copied whole from a browser: the site's name and
    slogan, menu items, a rubric, one a line; the headline; perhaps a standfirst; the date line
    in one of many forms, perhaps an "updated" line and a byline; perhaps a photo's credit and
    caption; then the story, its first paragraph glued to all that with no blank line; and under
    it, perhaps, lines of the page's furniture (a call to follow or support the site, its credits,
    print and feedback links, tags), each a paragraph of its own.

    With ``stamp_below``, every page prints its date under the story, labelled ("Date
    04.12.2019 Author …", as DW does), and nothing but perhaps a byline between the headline and
    the story. With ``parted``, a blank line parts the menus from the rubric, and each line of
    the head from the next, as a browser copies many pages."""
    chance = random.Random(seed)
    return [_copied(story, chance, index, stamp_below, parted) for lang in ("en", "ru")
            for index, story in enumerate(stories(corpus, lang))]


TAILS = {  # what pages print under the story, one a line; {name}: the site's
    "en": ["Follow {name} on Twitter", "Follow {name}:", "Support {name}! Contribute today",
           "Source: {name} and news agencies", "Feedback: Send us your feedback.",
           "Print this page", "Reuse this content", "Topics World Russia Politics",
           "More {name} coverage: https://example.com/hub/world", "Share this article"],
    "ru": ["Поддержите «{name}»", "Следите за новостями в Telegram", "Источник: {name}",
           "Обратная связь", "Версия для печати", "Нашли ошибку? Выделите её и нажмите Ctrl+Enter",
           "Теги: Россия, политика", "Подписывайтесь на {name} в Дзене", "Поделиться"],
}


def _copied(story: Story, chance: random.Random, index: int, stamp_below: bool,
            parted: bool) -> Dressed:
    lang = story.lang
    name, slogan, outlet, agency = SITES[lang][index % len(SITES[lang])]
    date = dt.date(chance.randint(2014, 2021), chance.randint(1, 12), chance.randint(1, 28))
    hour, minute = chance.randint(6, 22), chance.randint(0, 59)
    paragraphs = [" ".join(p) for p in story.paragraphs]
    lede = paragraphs.pop(0) if (index % 2 and len(paragraphs) > 2 and len(paragraphs[0]) <= 300
                                 and not stamp_below) else ""
    menu = chance.sample(MENUS[lang], chance.randint(3, 9))
    top = [name, *([slogan] if slogan else []), *menu, chance.choice(MENUS[lang][:8])]
    below = [f"Date {date:%d.%m.%Y} Author Ivan Petrov" if lang == "en"
             else f"Дата публикации: {date:%d.%m.%Y} {hour:02d}:{minute:02d}"] if stamp_below else []
    head = [*([lede] if lede else []),
            *([] if stamp_below else [_stamp(lang, date, index // 2, hour, minute)])]
    if index % 3 == 0 and not stamp_below:
        head.append(("Updated: " if lang == "en" else "обновлено: ")
                    + _stamp(lang, date, 0, hour + 1, minute))
    if index % 4 == 1:
        head.append("By Ivan Petrov" if lang == "en" else "Текст: Виталий Петров")
    if index % 5 == 2 and not stamp_below:
        head += ["Фото: ТАСС/Сергей Бобылев" if lang == "ru" else "Photo: Sergei Bobylev/TASS",
                 "Президент во время церемонии" if lang == "ru" else "The president at the ceremony"]
    place = ""
    if agency:
        place = PLACES[lang][index % len(PLACES[lang])]
        paragraphs[0] = DATELINES[agency][lang].format(
            place=place, date=en_date(lang, date.day, date.month, "full")) + paragraphs[0]
    tail = [*below, *(line.format(name=name)
                      for line in chance.sample(TAILS[lang], chance.randint(0, 3)))]
    if parted:  # the menus; the rubric; the headline, each line of the head, the story
        text = "\n\n".join(["\n".join(top[:-1]), top[-1], story.title, *head, *paragraphs,
                             *tail]) + "\n"
    else:
        text = "\n".join([*top, story.title, *head, paragraphs[0]]) + "\n\n" + "\n\n".join(
            [*paragraphs[1:], *tail]) + "\n"
    return Dressed(
        name=f"{story.name}.page.txt", text=text, lang=lang, title=story.title, date=date,
        outlet=outlet, place=place, lede=lede, paragraphs=tuple(paragraphs),
        related=(),
        summary_start=" ".join((lede or story.paragraphs[0][0]).split()[:4]),
        kind=f"copied/{name}/menu={len(menu)}/lede={bool(lede)}/"
             f"stamp={'below' if stamp_below else index // 2 % 4}")


def write(dressed: list[Dressed], folder: Path) -> None:
    """The sources into ``folder`` (``en/`` and ``ru/``), and what is expected of them as
    ``expected.json``, to try them by hand."""
    for source in dressed:
        target = folder / source.lang / source.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(source.text, encoding="utf-8")
    (folder / "expected.json").write_text(json.dumps(
        [{**source.__dict__, "date": source.date.isoformat() if source.date else None}
         for source in dressed], ensure_ascii=False, indent=1, default=list), encoding="utf-8")
