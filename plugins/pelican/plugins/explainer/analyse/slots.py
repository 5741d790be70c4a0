"""Typed values inside one sentence: amounts with the range they allow, times of day,
and implied dates ("first visit since 2017").

Each value keeps its span (offsets into the sentence), so a discrepancy can
show exactly the words that differ. Ranges make compatible readings agree:
"more than 30" allows 31, "about 40" allows "dozens", while "up to 145%"
does not allow 4%.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from .lexicon import lexicon
from .quantities import MONTH_NUMBERS, Quantity, find_quantities, word_value

EN = lexicon("en")
INF = float("inf")
# Relative slack for an exact figure (rounding), and for an approximate one.
EXACT_SLACK = 0.01
APPROX_SLACK = 0.15
# "up to X" reads as a figure near its ceiling: well below it is a different figure.
UP_TO_FLOOR = 0.6


@dataclass(frozen=True)
class Amount:
    """A quantity and the interval of true values its wording allows."""

    start: int
    end: int
    text: str
    kind: str  # count | money | percent | duration | number
    unit: str | None  # currency, "%", a duration unit, or the counted noun
    low: float
    high: float
    exact: float | None  # the stated figure, when one is stated


def _qualified(q: Quantity) -> tuple[float, float]:
    assert q.value is not None
    value = q.value
    top = q.high if q.high is not None else value
    qual = q.qualifier or ""
    if qual in EN.AT_LEAST:
        # "At least 24 dead" reports a confirmed count of about 24: a much higher
        # figure is a different count, while "more than 30" still allows 31.
        return value, value * (1 + APPROX_SLACK) + 1
    if qual in EN.AT_MOST:
        return 0.0, top
    if qual in EN.UP_TO:
        return top * UP_TO_FLOOR, top
    if qual in ("nearly", "almost", "close to", "just under"):
        return value * (1 - APPROX_SLACK), value
    slack = APPROX_SLACK if q.approx else EXACT_SLACK
    return value * (1 - slack), top * (1 + slack)


def _vague(q: Quantity) -> tuple[float, float] | None:
    head = " ".join(q.text.lower().split())
    for word, (low, high) in sorted(EN.VAGUE_RANGES.items(), key=lambda kv: -len(kv[0])):
        if word in head:
            return low, high
    return None


_DAY = 1 / 30.4
_DURATION_MONTHS = {
    "seconds": _DAY / 86400,
    "minutes": _DAY / 1440,
    "hours": _DAY / 24,
    "days": _DAY,
    "weeks": 7 * _DAY,
    "fortnights": 14 * _DAY,
    "months": 1,
    "years": 12,
    "decades": 120,
    "centuries": 1200,
}


def _amount(q: Quantity) -> Amount | None:
    if q.kind in ("date", "year") or q.ago:
        return None
    if q.value is None:
        bounds = _vague(q)
        if bounds is None:
            return None
        low, high = bounds
    else:
        low, high = _qualified(q)
    unit = q.unit
    if q.kind == "duration" and unit in _DURATION_MONTHS:
        scale = _DURATION_MONTHS[unit]  # durations compare in months
        low, high, unit = low * scale, high * scale, "months"
    exact = (
        q.value * _DURATION_MONTHS.get(q.unit or "", 1)
        if q.kind == "duration" and q.value
        else q.value
    )
    return Amount(q.start, q.end, q.text, q.kind, unit, low, high, exact)


_FRACTION = re.compile(
    r"\b(?P<q>more than|over|less than|nearly|almost|about|around|just over|just under)?\s*"
    r"(?P<f>" + "|".join(sorted((re.escape(f) for f in EN.FRACTIONS), key=len, reverse=True)) + r")"
    r"\b(?=\s+(?:of|the)\b)",
    re.IGNORECASE,
)


def _fractions(text: str, taken: list[tuple[int, int]]) -> list[Amount]:
    out = []
    for m in _FRACTION.finditer(text):
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        value = EN.FRACTIONS[m.group("f").lower()]
        qual = (m.group("q") or "").lower()
        low, high = value * (1 - EXACT_SLACK), value * (1 + EXACT_SLACK)
        if qual in EN.AT_LEAST:
            high = value * (1 + APPROX_SLACK) + 1
        elif qual in EN.AT_MOST:
            low = 0.0
        elif qual:
            low, high = value * (1 - APPROX_SLACK), value * (1 + APPROX_SLACK)
        start = m.start("q") if m.group("q") else m.start("f")
        out.append(Amount(start, m.end(), text[start : m.end()], "percent", "%", low, high, value))
    return out


_FROM = re.compile(r"\bfrom\s+$", re.IGNORECASE)


_TO = re.compile(r"\s+(?:to|until)\s+")


def _change(text: str, q: Quantity) -> list[Quantity]:
    """ "Rises from 10% to 25%": two figures, the earlier 10% and the new 25%, not a range."""
    to = _TO.search(q.text)
    if q.high is None or to is None or not _FROM.search(text[max(0, q.start - 8) : q.start]):
        return [q]
    old = replace(q, end=q.start + to.start(), text=q.text[: to.start()], high=None)
    new = replace(q, start=q.start + to.end(), text=q.text[to.end() :], value=q.high, high=None)
    return [old, new]


def amounts(text: str) -> list[Amount]:
    """Every comparable amount in a sentence, in reading order (times of day are not amounts)."""
    clocks = [(c.start, c.end) for c in clock_times(text)]
    found = [
        a
        for found_q in find_quantities(text)
        for q in _change(text, found_q)
        if (a := _amount(q)) is not None and not any(a.start < e and s < a.end for s, e in clocks)
    ]
    found += _fractions(text, [(a.start, a.end) for a in found])
    return sorted(found, key=lambda a: a.start)


def compatible(a: Amount, b: Amount) -> bool:
    """Whether one true value could make both wordings right."""
    return a.low <= b.high and b.low <= a.high


# -- times of day -------------------------------------------------------------------

_ZONE = (
    r"(?:(?:\s+hours?)?(?:\s+by)?\s*\(?\s*"
    r"(?P<zone>GMT|UTC|Z\b|Greenwich|local(?:\s+time)?|[A-Z]{2,4}T)(?P<offset>\s*[+-]\s*\d{1,2})?)?"
)
_CLOCK = re.compile(
    r"(?<![\d:.])(?:"
    r"(?P<h12>1[0-2]|0?[1-9])(?:[:.](?P<m12>[0-5]\d))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?)(?![a-z])"
    r"|(?P<h24>[01]?\d|2[0-3])[:h](?P<m24>[0-5]\d)(?![\d])"
    r"|(?P<hhmm>(?:[01]\d|2[0-3])[0-5]\d)(?=\s*(?:GMT|UTC|local|hours|hrs|[A-Z]{2,4}T)\b)"
    r"|(?P<hdot>[01]?\d|2[0-3])\.(?P<mdot>[0-5]\d)(?=\s*(?:GMT|UTC|local|hours|hrs|h|[A-Z]{2,4}T)\b)"
    r"|(?P<hdot3>[01]?\d|2[0-3])\.(?P<mdot3>[0-5]\d)(?=\s+of\s+[A-Z])"
    # "at 15.00 by the local hour"; not "stood at 7.42 metres" or "closed at 18.39".
    r"|(?<=\bat )(?P<hdot2>[01]?\d|2[0-3])\.(?P<mdot2>[0-5]\d)"
    r"(?=\s*(?:\(|(?:by\s+the\s+local|local|hours?|hrs|o'clock)\b))"
    r")" + _ZONE,
)


_HOUR_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
# "three in the afternoon", "nine o'clock at night", with "local time" after it.
# "three in the afternoon", "6 hours of the morning", "at 23 hours", "midnight", with
# "local time" after it.
_WORD_CLOCK = re.compile(
    r"(?:\b(?P<wh>" + _HOUR_WORDS + r"|1[0-2]|0?[1-9])(?:\s+o'clock|\s+hours?)?"
    r"(?:\s+(?:in|of)\s+the\s+(?P<part>morning|afternoon|evening|night)"
    r"|\s+(?P<night>at\s+night))"
    r"|\bat\s+(?P<h24>[01]?\d|2[0-3])\s+hours\b"
    r"|\b(?P<named>midnight|noon|midday))"
    r"(?P<local>\s+local\s+time)?",
    re.IGNORECASE,
)
_NAMED_HOURS = {"midnight": 0, "noon": 12, "midday": 12}


@dataclass(frozen=True)
class ClockTime:
    start: int
    end: int
    text: str
    minutes: int  # minutes after midnight, as written
    offset: int | None  # the zone's offset from UTC in minutes; None when unknown
    zoned: bool  # whether the text names any zone ("local time" counts, offset unknown)
    approx: bool = False  # "shortly before four", "about 2:15"

    @property
    def local_or_unzoned(self) -> bool:
        return not self.zoned or (self.offset is None and "local" in self.text.lower())

    @property
    def utc(self) -> int | None:
        return None if self.offset is None else (self.minutes - self.offset) % 1440


_APPROX_TIME = re.compile(
    r"(?:about|around|roughly|approximately|shortly\s+(?:before|after)|just\s+(?:before|after)"
    r"|soon\s+after|some\s+time\s+before)\s+(?:at\s+)?$",
    re.IGNORECASE,
)
# "Shortly before four" allows half an hour either way.
APPROX_MINUTES = 30


def clock_times(text: str) -> list[ClockTime]:
    """Times of day with their zones; "about" and "shortly before" make them approximate."""
    return [
        replace(c, approx=bool(_APPROX_TIME.search(text[max(0, c.start - 24) : c.start])))
        for c in _clock_times(text)
    ]


def _clock_times(text: str) -> list[ClockTime]:
    out = []
    for m in _CLOCK.finditer(text):
        if m.group("h12"):
            hour = int(m.group("h12")) % 12 + (12 if m.group("ampm").lower().startswith("p") else 0)
            minute = int(m.group("m12") or 0)
        elif m.group("h24"):
            hour, minute = int(m.group("h24")), int(m.group("m24"))
        elif m.group("hdot") or m.group("hdot2") or m.group("hdot3"):
            hour = int(m.group("hdot") or m.group("hdot2") or m.group("hdot3"))
            minute = int(m.group("mdot") or m.group("mdot2") or m.group("mdot3"))
        else:
            hour, minute = int(m.group("hhmm")[:2]), int(m.group("hhmm")[2:])
        zone = (m.group("zone") or "").lower().split()[0] if m.group("zone") else ""
        offset = EN.TIME_ZONES.get(zone) if zone else None
        if offset is not None and m.group("offset"):
            offset += 60 * int(m.group("offset").replace(" ", ""))
        elif zone == "local" or zone not in EN.TIME_ZONES:
            offset = None
        end = (
            m.end()
            if zone
            else m.end("ampm")
            if m.group("ampm")
            else m.end("m24")
            if m.group("h24")
            else m.end("mdot")
            if m.group("hdot")
            else m.end("mdot2")
            if m.group("hdot2")
            else m.end("mdot3")
            if m.group("hdot3")
            else m.end("hhmm")
        )
        out.append(
            ClockTime(m.start(), end, text[m.start() : end], hour * 60 + minute, offset, bool(zone))
        )
    for m in _WORD_CLOCK.finditer(text):
        if any(c.start <= m.start() < c.end for c in out):
            continue
        if m.group("named"):
            hour = _NAMED_HOURS[m.group("named").lower()]
        elif m.group("h24"):
            hour = int(m.group("h24"))
        else:
            wh = m.group("wh")
            hour = int(wh if wh.isdigit() else word_value(wh) or 0) % 12
            part = (m.group("part") or "").lower()
            hour += 12 if part in ("afternoon", "evening") or m.group("night") else 0
        zone = bool(m.group("local"))
        out.append(ClockTime(m.start(), m.end(), m.group(0), hour * 60, None, zone))
    return sorted(out, key=lambda c: c.start)


def same_moment(a: ClockTime, b: ClockTime) -> bool | None:
    """True or False when the two times can be compared; None when the zones make it unknowable."""
    slack = APPROX_MINUTES if a.approx or b.approx else 0

    def near(x: int, y: int) -> bool:
        gap = abs(x - y) % 1440
        return min(gap, 1440 - gap) <= slack

    if a.utc is not None and b.utc is not None:
        return near(a.utc, b.utc)
    if (not a.zoned and not b.zoned) or (a.local_or_unzoned and b.local_or_unzoned):
        return near(a.minutes, b.minutes)  # a report's time with no zone is local time
    if slack:
        return None
    # Zones differ by whole hours: the minutes past the hour must still match.
    if a.minutes % 60 != b.minutes % 60:
        return False
    return None


# -- implied dates ------------------------------------------------------------------

_NUM = r"(?P<n>\d+|[a-z]+(?:-[a-z]+)?)"
_PRIOR = re.compile(
    r"\b(?P<ord>" + "|".join(EN.ORDINALS) + r")\s+(?:(?:[\w’'-]+\s+){0,4}?)"
    r"(?:since\s+(?P<year>(?:19|20)\d\d)"
    r"|in\s+(?P<bound>more than|less than|under|nearly|almost|over|about)?\s*"
    + _NUM
    + r"\s+(?P<unit>years?|months?|decades?))",
    re.IGNORECASE,
)
_AGO = re.compile(
    r"\blast\s+(?P<noun>[a-z]+)\s+(?:[\w’'-]+\s+){0,4}?"
    r"(?P<n>\d+|[a-z]+(?:-[a-z]+)?)\s+(?P<unit>years?|months?)\s+ago\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PriorOccurrence:
    """When the previous occurrence of something happened, as implied by the wording.

    "first visit since 2017" puts the previous visit in 2017; "second in less
    than 18 months" puts it within the 18 months before publication. The
    bounds are month numbers (year * 12 + month - 1).
    """

    start: int
    end: int
    text: str
    noun: str  # the words between the ordinal and the period ("state visit to the capital")
    low: int
    high: int


def _months(n: str, unit: str) -> int | None:
    value = float(n) if n.isdigit() else word_value(n)
    if value is None:
        return None
    return int(value * (12 if unit.startswith("year") else 120 if unit.startswith("decade") else 1))


def prior_occurrences(text: str, published: date | None) -> list[PriorOccurrence]:
    if published is None:
        return []
    now = published.year * 12 + published.month - 1
    out = []
    for m in _PRIOR.finditer(text):
        ordinal = EN.ORDINALS[m.group("ord").lower()]
        noun = text[
            m.end("ord") : m.start("year")
            if m.group("year")
            else m.start("bound")
            if m.group("bound")
            else m.start("n")
        ]
        noun = re.sub(r"\b(?:since|in)\s*$", "", noun.strip()).strip()
        if not noun:  # "the trip is his second in...": the subject names what recurs
            noun = " ".join(text[: m.start()].split()[-6:])
        if m.group("year"):
            if ordinal != 1:
                continue
            year = int(m.group("year"))
            low, high = year * 12, year * 12 + 11
        else:
            span = _months(m.group("n"), m.group("unit").lower())
            if span is None:
                continue
            bound = (m.group("bound") or "").lower()
            if ordinal == 1:  # the first in N years: the previous one about N years back
                slack = 12 if m.group("unit").lower().startswith("year") else 1
                low, high = now - span - slack, now - span + slack
                if bound in ("more than", "over"):
                    low, high = 0, now - span
            else:  # the second in N: the previous one within N
                low, high = now - span, now
        out.append(PriorOccurrence(m.start(), m.end(), m.group(0), noun, low, high))
    for m in _AGO.finditer(text):
        span = _months(m.group("n"), m.group("unit").lower())
        if span is not None:
            out.append(
                PriorOccurrence(
                    m.start(), m.end(), m.group(0), m.group("noun"), now - span - 6, now - span + 6
                )
            )
    return out


# -- calendar days -----------------------------------------------------------------

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# "may" is a month only when capitalised and followed by a day ("May 24", "24 May").
_MONTH_NAMES = "|".join(k for k in MONTH_NUMBERS if len(k) > 3 and k != "may") + "|(?-i:May)"
_DAY = re.compile(
    r"\b(?P<wd>" + "|".join(WEEKDAYS) + r")\b"
    r"|\b(?P<m1>" + _MONTH_NAMES + r")\s+(?P<d1>\d{1,2})\b(?!,?\s*\d{4}\s*-)"
    r"|\b(?P<d2>\d{1,2})\s+(?P<m2>" + _MONTH_NAMES + r")\b",
    re.IGNORECASE,
)


def days(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """Weekdays ("tuesday") and days of a month ("5-24" for May 24 or 24 May) with spans."""
    out = []
    for m in _DAY.finditer(text, start, len(text) if end is None else end):
        if m.group("wd"):
            key = m.group("wd").lower()
        else:
            month = MONTH_NUMBERS[(m.group("m1") or m.group("m2")).lower()]
            key = f"{month}-{int(m.group('d1') or m.group('d2'))}"
        out.append((m.start(), m.end(), key))
    return out
