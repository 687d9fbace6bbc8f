"""Dates in English and Russian text, with month names from Babel's CLDR data.

Outlets write "April 17, 2020", "17 April 2020", "17 апреля 2020 года", "15 октября",
"1 дек", "30 ноя", "Nov. 30", "Sept 4", or glue a date to a time ("21 April 202014:27"); a
page's date line may give the time's zone ("14:35 GMT", "+03:00", "МСК"; read by
:mod:`~builder.ingest.zones`), kept with the time, which ingest keeps as when the outlet
published the story (:func:`publication_stamp`). A date line may glue a byline, the paper's
name or a page's number to its date ("Elena Teslova |26.07.2020", "Sunday, July 26, 2020   THE
MOSCOW TIMES   3"), or print a weekly's range of days ("July 27 - August 2, 2020": its first).
Month names in every form CLDR knows (wide and abbreviated; Russian genitive "апреля" and
nominative "апрель") come from Babel, so no month table is typed by hand and another language
needs no code here. Agencies cut month names where they like ("ноя", "нояб.", "Sept", "Sep"),
not where CLDR does, so every prefix of three letters or more that names one month only is a
month too.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from babel.dates import get_day_names, get_month_names

from builder.ingest.zones import stated_zone


@dataclass(frozen=True)
class FoundDate:
    """A date found in text; ``year`` is None when the text leaves it out ("October 15")."""

    day: int
    month: int
    year: int | None
    time: dt.time | None
    start: int
    end: int
    """Where it stands in the text searched, as a slice."""
    zone: dt.tzinfo | None = None
    """The time zone a date line gives with its time ("14:35 GMT", "+03:00", "МСК"), if any."""
    unread_zone: str = ""
    """An abbreviation printed after the time as a zone is ("14:35 IST") that names no one zone
    ingest knows: the time's instant stays unknown, and the warning says which was not read."""

    def on(self, year: int | None = None) -> dt.date:
        """The calendar date, taking ``year`` when the text gave none."""
        chosen = self.year if self.year is not None else year
        if chosen is None:
            raise ValueError("the text gives no year")
        return dt.date(chosen, self.month, self.day)


SHORTEST_ABBREVIATION = 3
"""Letters a cut month name keeps at least: "ма" could be март or май, "мар" only март."""
ENGLISH_WORDS = frozenset({"may", "mar", "march", "august"})
"""Month names that are also English words: in lower case ("may 5") they are not months."""


@functools.cache
def month_numbers(languages: tuple[str, ...]) -> dict[str, int]:
    """Every month name of ``languages``, lower-cased and without a final dot -> 1..12: CLDR's
    names, and every prefix of a wide name (three letters or more) that fits one month only."""
    names: dict[str, int] = {}
    prefixes: dict[str, set[int]] = {}
    for lang in languages:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale=lang).items():
                    name = name.lower().rstrip(".")
                    names[name] = number
                    if width == "wide":
                        for end in range(SHORTEST_ABBREVIATION, len(name)):
                            prefixes.setdefault(name[:end], set()).add(number)
    unambiguous = {prefix: numbers.pop() for prefix, numbers in prefixes.items()
                   if len(numbers) == 1}
    return {**unambiguous, **names}


_CLOCK = r"(?:,?\s*(?P<hour>\d{1,2}):(?P<minute>\d{2})(?!\d))?"
"""The time a numeric date may have after it ("26.07.2020 14:30")."""


@functools.cache
def _patterns(languages: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    months = "|".join(sorted(map(re.escape, month_numbers(languages)), key=len, reverse=True))
    month = rf"(?P<month>{months})\.?(?![^\W\d_])"
    year_time = (r"(?:,?\s+(?P<year>\d{4})(?!\d{3})(?:\s*(?:года|г\.))?"
                 r"(?:,?\s*(?P<hour>\d{1,2}):(?P<minute>\d{2})(?!\d))?)?")
    return (
        re.compile(r"(?<![\d.])(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?!\d)"),
        # 26/07/2020: day first where the day says so (over 12); 07/26/2020 likewise month first
        re.compile(r"(?<![\d/])(?P<day>1[3-9]|2\d|3[01])/(?P<month>0?[1-9]|1[0-2])/(?P<year>\d{4})"
                   r"(?![\d/])"),
        re.compile(r"(?<![\d/])(?P<month>0?[1-9]|1[0-2])/(?P<day>1[3-9]|2\d|3[01])/(?P<year>\d{4})"
                   r"(?![\d/])"),
        # 07/25/20, 26/07/20: the short year, where the day says which comes first, as above
        re.compile(rf"(?<![\d/])(?P<day>1[3-9]|2\d|3[01])/(?P<month>0?[1-9]|1[0-2])/(?P<year>\d\d)"
                   rf"(?![\d/]){_CLOCK}"),
        re.compile(rf"(?<![\d/])(?P<month>0?[1-9]|1[0-2])/(?P<day>1[3-9]|2\d|3[01])/(?P<year>\d\d)"
                   rf"(?![\d/]){_CLOCK}"),
        # 26.07.2020, as Russian and European pages write it: day first (never month first);
        # 26.07.20 with two figures each; 2020.07.26 (or 2020/07/26) year first, as Lithuanian,
        # Chinese or Japanese pages write it
        re.compile(rf"(?<![\d.])(?P<day>\d{{1,2}})\.(?P<month>\d{{1,2}})\.(?P<year>\d{{4}})"
                   rf"(?![\d.]\d){_CLOCK}"),
        re.compile(rf"(?<![\d.])(?P<day>\d\d)\.(?P<month>\d\d)\.(?P<year>\d\d)(?![\d.]\d){_CLOCK}"),
        re.compile(rf"(?<![\d./])(?P<year>(?:19|20)\d\d)(?P<sep>[./])(?P<month>0[1-9]|1[0-2])"
                   rf"(?P=sep)(?P<day>[0-2]\d|3[01])(?![\d.]\d){_CLOCK}"),
        re.compile(rf"(?<![\w.])(?P<day>\d{{1,2}})\s+{month}{year_time}", re.IGNORECASE),
        re.compile(rf"(?<![\w]){month}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?!\d){year_time}",
                   re.IGNORECASE),
    )


def find_dates(text: str, languages: Sequence[str] = ("en", "ru")) -> Iterator[FoundDate]:
    """Every valid date in ``text``, in order of position."""
    found = []
    numbers = month_numbers(tuple(languages))
    for pattern in _patterns(tuple(languages)):
        for match in pattern.finditer(text):
            month_text = match["month"]
            if month_text.isdigit():
                month = int(month_text)
            else:
                if month_text.islower() and month_text in ENGLISH_WORDS:
                    continue  # "may 5" is a verb and a number, "May 5" a date
                month = numbers[month_text.lower()]
            year = int(match["year"]) if match["year"] else None
            if year is not None and len(match["year"]) == 2:
                year += 2000  # news of this century: "26.07.20"
            time = None
            if match.groupdict().get("hour"):
                hour, minute = int(match["hour"]), int(match["minute"])
                if hour < 24 and minute < 60:
                    time = dt.time(hour, minute)
            candidate = FoundDate(int(match["day"]), month, year, time, match.start(), match.end())
            try:
                candidate.on(year or 2000)  # 2000 is a leap year: 29 February stays valid
            except ValueError:
                continue
            found.append(candidate)
    found.sort(key=lambda date: (date.start, -date.end))
    previous_end = -1
    for date in found:
        if date.start >= previous_end:
            yield date
            previous_end = date.end


def first_date(text: str, languages: Sequence[str] = ("en", "ru")) -> FoundDate | None:
    return next(find_dates(text, languages), None)


@functools.cache
def _weekdays(languages: tuple[str, ...]) -> frozenset[str]:
    return frozenset(name.lower().rstrip(".") for lang in languages
                     for width in ("wide", "abbreviated")
                     for name in get_day_names(width, "format", locale=lang).values())


def is_weekday(word: str, languages: Sequence[str] = ("en", "ru")) -> bool:
    """Whether ``word`` names a day of the week, in full or cut as CLDR cuts it ("Sun", «Вс»)."""
    return word.lower() in _weekdays(tuple(languages))


_STAMP_WORDS = frozenset({
    "updated", "update", "published", "posted", "edited", "modified", "issued", "last", "ago",
    "a", "an", "day", "days", "hours", "hour", "minutes", "views", "comments", "просмотров",
    "просмотры", "комментариев", "minute", "today", "yesterday", "am", "pm", "a.m", "p.m",
    "on", "at", "date", "time", "обновлено", "обновление", "последнее", "опубликовано",
    "изменено", "назад", "час", "часа", "часов", "минут", "минуты", "сегодня", "вчера", "в",
    "дата", "публикации", "время", "мск", "uploaded", "added", "created", "filmed", "recorded",
    "загружено", "добавлено", "создано", "снято", "записано"})
"""Words a page prints around its date line ("Updated 2 hours ago", "обновлено вчера в"; a
video's "Uploaded: 26 JUL 2020"); a time zone in capitals ("EDT", "MSK", "МСК") counts too."""
_ZONE = re.compile(r"^(?:[A-ZА-ЯЁ]{2,5}|GMT[+-]\d{1,2}|UTC[+-]\d{1,2})$")
MOST_OTHER_WORDS = 4
"""Words besides a date and a time a date line may carry ("Source: Xinhua |", "Общество,")."""


def date_line(text: str, languages: Sequence[str] = ("en", "ru")) -> FoundDate | None:
    """The date of a line that is a page's date line: a date, and around it nothing but times,
    weekdays and the words pages print with them ("Sunday, July 26, 2020",
    "12:37, 26 июля 2020", "July 26, 2020 / 3:14 PM / Updated 2 hours ago", "26.07.2020, 17:48"),
    or a date in a part of its own among a few short ones ("Ahmet Yilmaz | 26.07.2020", "5 min
    read · Jul 26, 2020", "russian.news.cn | 2020-07-27 18:33:12"). None for any other line, a
    dateline opening a story among them."""
    if len(text) > DATE_LINE_LENGTH:
        return None
    text = _POSTED_BY.sub("", text)  # "Posted by marco_b on July 27th, 2020 at 9:30 pm"
    text = _BARS.sub("|", text).strip()
    found = _date_part(_STAMP_PARTS.split(text), languages) or _date_line(text, languages)
    # a printed page's running header parts its date from the paper's name and the page's
    # number by wide spaces only ("Sunday, July 26, 2020   THE MOSCOW TIMES   3")
    return found or _date_part(_WIDE_PARTS.split(text), languages)


def _date_part(parts: Sequence[str], languages: Sequence[str]) -> FoundDate | None:
    """The date of the first of ``parts`` that is a date line, when the others are a few words
    each (a byline, the site's or the paper's name, a reading time, a page's number): "Elena
    Teslova |26.07.2020 - Update : 26.07.2020", «Воскресенье, 26 июля 2020 г. | Коммерсантъ |
    №131». None when there is one part only, or another is longer or a sentence of its own."""
    if len(parts) < 2:
        return None
    dated = [_date_line(part, languages) for part in parts]
    if not any(dated) or not all(
            found is not None or len(_LETTERS.findall(part)) <= MOST_OTHER_WORDS
            and not part.endswith(("!", "?")) for part, found in zip(parts, dated)):
        return None
    return next(found for found in dated if found is not None)


_STAMP_PARTS = re.compile(r"\s*[|·•]\s*")
"""What parts a stamp from the byline, site or reading time printed beside it."""
_WIDE_PARTS = re.compile(r"\s*[|·•]\s*|\s{3,}")
"""And, in a printed page's running header, wide spaces."""
_LETTERS = re.compile(r"[^\W\d_]+")
_POSTED_BY = re.compile(r"^(?:posted|published|written)\s+by\s+\S+(?:\s+\S+)?\s+on\s+",
                        re.IGNORECASE)


def _date_line(text: str, languages: Sequence[str]) -> FoundDate | None:
    found = first_date(text, languages)
    if found is None:
        return None
    found = _range_start(text, found, languages)
    rest = _BARS.sub(" | ", text[:found.start] + " " + text[found.end:])
    rest = _LABELLED.sub(" ", rest)  # "Source: Xinhua | … | Editor: huaxia": the page's credits
    # "… GMT+3 Updated on July 27, 2020, 9:10 AM": a second date is the update's
    for later in sorted(find_dates(rest, languages), key=lambda d: -d.start):
        rest = rest[:later.start] + " " + rest[later.end:]
    time = re.search(r"(?<![\d.])(\d{1,2})[:.](\d{2})(?![\d.])", rest)  # 10:42, 10.42 GMT
    rest = re.sub(r"\d{1,2}:\d{2}(?::\d{2})?|GMT[+-]\d+|UTC[+-]\d+|\d+", " ", rest)
    words = [w for w in re.findall(r"[^\W\d_]+(?:\.[^\W\d_]+)*", rest)
             if not _ZONE.match(w) and w.lower() not in _STAMP_WORDS
             and w.lower() not in _weekdays(tuple(languages))]
    # A stamp with a time may name its source or rubric ("Source: Xinhua |", «…, 13:18 — Новости
    # дня»): capitalised words, a rubric's first; else a date among words is a dateline, a sentence
    rubric = found.time is not None and (_RUBRIC_END.search(text[:found.start]) is not None
                                         or _RUBRIC_AFTER.match(text[found.end:]) is not None)
    # "OneFootball 26/07/2020": a site's name before its whole date (a place has a comma)
    named = found.year is not None and re.fullmatch(r"[^\W\d_][\w.-]*\s+", text[:found.start])
    if words and not ((time or rubric or named) and len(words) <= MOST_OTHER_WORDS
                      and all(w[:1].isupper() for w in words[:1 if rubric else None])
                      and (found.year is not None or len(words) == 1)):
        return None
    if found.time is None and time is not None and int(time[1]) < 24 and int(time[2]) < 60:
        found = replace(found, time=dt.time(int(time[1]), int(time[2])))
    if found.time is not None and found.time.hour <= 12 and (half := _HALF.search(text)):
        hour = found.time.hour % 12 + (12 if half[1].lower() == "p" else 0)  # 4:24 PM, 12:14 AM
        found = replace(found, time=found.time.replace(hour=hour))
    if found.time is not None:
        zone, unread = stated_zone(text)
        found = replace(found, zone=zone, unread_zone=unread)
    return found


def _range_start(text: str, found: FoundDate, languages: Sequence[str]) -> FoundDate:
    """The first day of a weekly's issue when its date line is a range of days ("July 27 -
    August 2, 2020", «31 июля — 6 августа 2020 года», "27-31 July 2020"): the issue is dated
    by the day it came out, as its peers (a library's catalogue, the paper's own archive) cite
    it, and its news are of the days before that; the year printed once, at the end, is the
    first day's too (the year before, when the range runs over New Year). ``found`` as it is
    when it opens no range."""
    if (day := _DAY_BEFORE.search(text[:found.start])) is not None and int(
            day["day"]) < found.day and re.search(r"(?:^|[,|·•(])\s*$", text[:day.start()]):
        start = replace(found, day=int(day["day"]), start=day.start())  # "27-31 July 2020"
        try:
            start.on(found.year or 2000)
        except ValueError:
            return found
        return start
    dash = _RANGE_DASH.match(text, found.end)
    if dash is None or found.year is not None:
        return found
    end = first_date(text[dash.end():], languages)
    if end is None or end.start != 0 or end.year is None:
        return found
    year = end.year - 1 if (found.month, found.day) > (end.month, end.day) else end.year
    try:
        found.on(year)
    except ValueError:
        return found
    return replace(found, year=year)


_DAY_BEFORE = re.compile(r"(?<![\d.:/])(?P<day>\d{1,2})\s*[-–—]\s*$")
"""A day before a dash, right before a date: the first day of a range in one month."""
_RANGE_DASH = re.compile(r"\s*[-–—]\s*")


_RUBRIC_END, _RUBRIC_AFTER = re.compile(r"[^\W\d_](?:\s*[,|·•]|\s+[-–—])\s*$"), re.compile(
    r"^\s+[-–—]\s*(?-i:[^\W\d_a-zа-яё])")
"""What parts a rubric or a byline from the date and time it stands before («Мир, 26.07.2020,
20:30», "By The Hill Staff - 07/25/20 11:32 AM EDT") or after («…, 14:50 — Общество»)."""


_HALF = re.compile(r"\d\s*([AaPp])\.?[Mm]\.?(?![^\W\d_])")


_BARS = re.compile(r"[丨｜│¦]")
"""Bars some pages part their stamp with, letters to a regular expression (丨 is CJK)."""
_LABELLED = re.compile(r"(?:^|(?<=[\s|•·,]))(?:source|editor|editors|источник|редактор)\s*:\s*"
                       r"[^\W\d_][\w.-]*(?:\s+[^\W\d_][\w.-]*){0,2}(?=\s*(?:[|•·,]|$))",
                       re.IGNORECASE)
"""A credit a page prints in its stamp, whatever case its value is in."""
DATE_LINE_LENGTH = 80
"""Characters: a page's date line is short; a longer line is text that mentions a date."""


_STAMP_LABEL = re.compile(r"^(?:date|(?:first )?published(?: on)?|дата(?: публикации)?|"
                          r"опубликовано)\s*:?\s+", re.IGNORECASE)
_AFTER_LABELLED_DATE = re.compile(r"^(?:\s*[,/|]?\s*\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?)?\s*(?:(?:"
                                  r"author|автор)\s*:?\s+\S.*)?$", re.IGNORECASE)


def labelled_date(text: str, languages: Sequence[str] = ("en", "ru")) -> FoundDate | None:
    """The date of a stamp a page prints with its label, which a page may print anywhere,
    under the story too ("Date 04.12.2019 Author Rina Goldenberg (with Reuters, AP, dpa)",
    "Дата публикации: 19.07.2018 16:12"): the label, the date, perhaps a time and an author's
    credit, nothing else. None for any other line."""
    label = _STAMP_LABEL.match(text)
    if label is None or len(text) > DATE_LINE_LENGTH:
        return None
    found = first_date(text[label.end():], languages)
    if found is None or found.start != 0:
        return None
    return found if _AFTER_LABELLED_DATE.match(text[label.end() + found.end:]) else None


def whole_stamp(text: str) -> FoundDate | None:
    """The date of a line that is a whole date with its year and time and nothing else ("26
    июля 2020, 09:45", as Izvestia prints it under the story), which no story's sentence is."""
    found = date_line(text)
    return found if found is not None and found.year is not None and found.time else None


UPDATE_WORDS = r"updated?|edited|modified|обновлено|обновлён|обновлен|изменено|изменён|изменен"
STAMP_WORDS = rf"published|posted|опубликовано|{UPDATE_WORDS}"
"""The labels a page prints on its stamps: the publication's and the update's."""
_UPDATE_LABEL = re.compile(rf"(?<![^\W\d_])(?:{UPDATE_WORDS})(?![^\W\d_])", re.IGNORECASE)


def is_update(text: str) -> bool:
    """Whether a date line is an update's ("Updated: 27/07/2020 - 08:05", "Обновлено 27 июля"):
    its label stands before its date."""
    first = first_date(text)
    return bool(_UPDATE_LABEL.search(text[:first.start if first else len(text)]))


def publication_stamp(text: str) -> FoundDate | None:
    """The date and time of a page's date line, when the line gives a time and is not an
    update's stamp ("Updated: 26/07/2020 - 15:40", "обновлено: 3 марта 2017, 15:01"): when the
    outlet published the story. "July 26, 2020 / 3:14 PM / Updated 2 hours ago" is one: its
    update comes after the date."""
    found = date_line(text)
    if found is None or found.time is None:
        return None
    return None if is_update(text) else found


def latest_before(found: FoundDate, limit: dt.date) -> dt.date:
    """The most recent date with ``found``'s day and month that is not after ``limit``."""
    for year in range(limit.year, limit.year - 8, -1):
        try:
            candidate = dt.date(year, found.month, found.day)
        except ValueError:
            continue  # 29 February outside a leap year
        if candidate <= limit:
            return candidate
    raise ValueError(f"no year fits {found.day}.{found.month} before {limit}")


_OPENING_LABEL = re.compile(r"(?i:published|updated|posted|опубликовано|обновлено)\s*:?\s+")
_AFTER_STAMP_DATE = re.compile(r"(?:,?\s*(?:at\s+|в\s+)?\d{1,2}:\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?"
                               r"(?:\s+(?:[A-ZА-ЯЁ]{2,5}|GMT[+-]\d{1,2}|UTC[+-]\d{1,2})"
                               r"(?![^\W\d_]))?\s*")
MOST_STAMPS = 2
"""Stamps a paragraph may open with, one after another: the publication's and the update's."""


def opening_stamp(text: str, languages: Sequence[str] = ("en", "ru")) -> int | None:
    """Where the text begins after the labelled stamps a paragraph opens with, glued to its
    first sentence as a page copied in one line prints them ("PUBLISHED SUN, JUL 26 2020 10:15
    AM EDT UPDATED SUN, JUL 26 2020 11:30 AM EDT The storm…"): a label, perhaps a weekday,
    a date, perhaps a time and its zone, the whole a date line, and a sentence opening after
    it. None when it opens with none ("Published on July 26, 2020, the report says…")."""
    end = 0
    for _ in range(MOST_STAMPS):
        label = _OPENING_LABEL.match(text, end)
        found = first_date(text[label.end():label.end() + 40], languages) if label else None
        if label is None or found is None or found.start > len("Wednesday, "):
            break
        after = _AFTER_STAMP_DATE.match(text, label.end() + found.end)
        if date_line(text[end:after.end()], languages) is None:
            break
        end = after.end()
    return end if 0 < end < len(text) and re.match(r"[\"«“]?[A-ZА-ЯЁ0-9]", text[end:]) else None
