"""Time zones as news pages print them after a time ("11:35 GMT", "2:35 PM (UTC+3)", "14:35 МСК",
"10:00 BST", "2020-10-15T14:35:00+03:00"), and a day's time on a zone's clock as front matter
writes it (``+03:00``). Split from :mod:`~builder.ingest.dates`, which reads the dates and times
these zones follow.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from types import MappingProxyType
from zoneinfo import ZoneInfo

_TIME_ZONE = re.compile(
    r"(?:(?P<iso>T)|(?<![\d.]))\d{1,2}[:.]\d{2}(?P<seconds>:\d{2}(?:\.\d+)?)?"
    r"(?:\s*[AaPp]\.?[Mm]\.?)?\s*\(?\s*"
    r"(?:(?P<utc>(?<=\d)Z|(?:GMT|UTC)(?!\s*[+-]\s*\d))"
    r"|(?:GMT|UTC)\s*(?P<sign>[+-])\s*(?P<hours>\d{1,2})(?::?(?P<minutes>\d{2}))?"
    r"|(?P<bare_sign>[+-])(?P<bare_hours>\d{2}):?(?P<bare_minutes>\d{2})"
    r"|(?P<moscow>MSK|МСК|мск)"
    r"|(?P<named>(?-i:[A-Z]{2,5})))(?![^\W\d_])")
"""A time, and the zone printed right after it: "11:35 GMT", "2:35 PM (UTC+3)", "14:35 МСК",
"10:00 BST", "2020-10-15T14:35:00+03:00", "14:35:00 +0300". An offset with a sign alone needs a
time of ISO 8601 or RFC 2822 before it (with its seconds, or after the "T"): "10:00-12:00" is
hours."""
LONGEST_OFFSET = dt.timedelta(hours=14)
"""The farthest from UTC a clock is anywhere (Kiribati): a longer "offset" is something else."""
ZONE_ABBREVIATIONS: Mapping[str, float] = MappingProxyType({
    "BST": 1, "IST": 5.5, "WET": 0, "WEST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3,
    "TRT": 3, "EAT": 3, "WAT": 1, "CAT": 2, "SAST": 2, "GST": 4, "PKT": 5, "ICT": 7, "WIB": 7,
    "HKT": 8, "SGT": 8, "PHT": 8, "AWST": 8, "JST": 9, "KST": 9, "AEST": 10, "AEDT": 11,
    "NZST": 12, "NZDT": 13, "EST": -5, "EDT": -4, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8,
    "PDT": -7, "AKST": -9, "AKDT": -8, "HST": -10, "BRT": -3, "ART": -3,
})
"""Hours from UTC of the zone abbreviations news pages print after a time, each read as the
wires and the outlets of its region use it: BST British Summer Time, IST India's, CST left out
(China's and the American Central zone's), as are AST and the rest that name two clocks."""


def stated_zone(text: str) -> tuple[dt.tzinfo | None, str]:
    """The zone ``text`` prints after a time, if any; and, when it prints an abbreviation
    :data:`ZONE_ABBREVIATIONS` does not hold, that abbreviation, unread."""
    found = _TIME_ZONE.search(text)
    if found is None:
        return None, ""
    if found["utc"]:
        return dt.UTC, ""
    if found["moscow"]:
        return ZoneInfo("Europe/Moscow"), ""
    if found["named"]:
        hours = ZONE_ABBREVIATIONS.get(found["named"])
        if hours is None:
            return None, found["named"] if found["named"] not in _NO_ZONE else ""
        return dt.timezone(dt.timedelta(hours=hours)), ""
    if found["bare_sign"]:
        if not (found["iso"] or found["seconds"]):
            return None, ""
        sign, hours, minutes = found["bare_sign"], found["bare_hours"], found["bare_minutes"]
    else:
        sign, hours, minutes = found["sign"], found["hours"], found["minutes"] or "0"
    offset = dt.timedelta(hours=int(hours), minutes=int(minutes))
    if offset > LONGEST_OFFSET or int(minutes) >= 60:
        return None, ""
    return dt.timezone(-offset if sign == "-" else offset), ""


_NO_ZONE = frozenset({"AM", "PM", "ET", "PT", "CT", "MT"})
"""Capitals after a time that are a half of the day, or a zone that names no offset (America's
"ET" is EST in winter and EDT in summer): not an abbreviation to report as unread (the time
stays without a zone all the same)."""


def at_offset(day: dt.date, time: dt.time, zone: dt.tzinfo | str | None) -> dt.datetime:
    """``day`` at ``time`` on the clock of ``zone`` (a zone, or an IANA name such as an outlet's
    ``timezone``), with the UTC offset that zone had then, as a page's front matter writes it
    (``+03:00``); without an offset when no zone is known, for the editor to give one."""
    local = dt.datetime.combine(day, time)
    if zone is None:
        return local
    offset = local.replace(tzinfo=ZoneInfo(zone) if isinstance(zone, str) else zone).utcoffset()
    return local.replace(tzinfo=dt.timezone(offset)) if offset is not None else local
