"""Dates and times stated in a time-stamp line or a dateline.

Only unambiguous written forms are read: ISO dates, "April 14, 2025",
"14 April 2025", day/month/year when one number cannot be a month, and an
optional time of day with its zone. Anything else yields no date rather
than a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# The years a date may have, in a content file or a saved page: the timeline
# steps days and years either side of a date, so stay far from the edges
# (0001-01-01 is a common "no date" placeholder).
MIN_YEAR, MAX_YEAR = 1000, 2999

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_DATES = [
    re.compile(rf"\b{_YEAR}-(?P<mon>\d{{1,2}})-{_DAY}\b"),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b"),
    re.compile(rf"\b(?P<a>\d{{1,2}})[/.](?P<b>\d{{1,2}})[/.]{_YEAR}\b"),
]
_TIME = re.compile(
    r"""\b(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*
        (?P<ampm>[ap]\.?\s?m\.?)?(?![\w%])
        (?:\s*(?P<zone>(?:GMT|UTC)(?:\s?[+-]\d{1,2}(?::?\d{2})?)?|[A-Z]{2,4}T|[+-]\d{2}:?\d{2}))?""",
    re.VERBOSE | re.IGNORECASE,
)
_TIME_AFTER = re.compile(r"[\s,|T@-]*(?:at\s+)?" + _TIME.pattern, re.VERBOSE | re.IGNORECASE)


@dataclass(frozen=True)
class Stamp:
    date: date
    time: str | None  # "HH:MM", with the zone when stated: "09:15 GMT"
    span: tuple[int, int]  # where the date and time were found in the line


def _date(m: re.Match[str]) -> date | None:
    groups = m.groupdict()
    year = int(groups["year"])
    if groups.get("mon"):
        month, day = int(groups["mon"]), int(groups["day"])
    elif groups.get("month"):
        month, day = MONTHS.get(groups["month"].lower(), 0), int(groups["day"])
    else:
        a, b = int(groups["a"]), int(groups["b"])
        if a > 12 >= b:
            day, month = a, b
        elif b > 12 >= a:
            month, day = a, b
        else:
            return None  # 03/04/2025 could be either: no guess
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _time(m: re.Match[str]) -> str | None:
    hour, minute = int(m.group("h")), int(m.group("m") or 0)
    if m.group("m") is None and not m.group("ampm"):
        return None  # a bare number is not a time
    ampm = (m.group("ampm") or "").lower().replace(".", "").replace(" ", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    zone = f" {m.group('zone').upper()}" if m.group("zone") else ""
    return f"{hour:02d}:{minute:02d}{zone}"


def find_stamp(text: str) -> Stamp | None:
    """The first full date in ``text``, with the time of day the line states."""
    for pattern in _DATES:
        for m in pattern.finditer(text):
            if (found := _date(m)) is None:
                continue
            end = m.end()
            if (after := _TIME_AFTER.match(text, end)) and (time := _time(after)):
                return Stamp(found, time, (m.start(), after.end()))
            # a time elsewhere on the line: "10:32 AM, April 14, 2025"
            elsewhere = (
                _time(t)
                for t in _TIME.finditer(text[: m.start()] + " " * (end - m.start()) + text[end:])
            )
            return Stamp(found, next((t for t in elsewhere if t), None), (m.start(), end))
    return None
