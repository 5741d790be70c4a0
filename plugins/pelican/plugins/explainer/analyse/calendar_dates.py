"""Calendar dates as written: a day, a month or a year, each to the precision stated.

"24 May 2026", "May 24", "March 2023", "the end of June", "in 1979" and "since
January 2014" become one :class:`CalendarDate` each, with the parts the words
give and ``None`` for the rest. Two dates disagree when a part both state
differs ("March 2023" / "May 2023", "1979" / "March 1987", "by July 24" / "by the
end of August"); a month without a year fits that month of any year.

Weekdays are not here: "Friday" names a day only once resolved against the
report's date (see :mod:`.timeline`), and is too common a word to tie one event to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .quantities import MONTH_NUMBERS

# Full month names, capitalised as dates are ("may" the verb is not a month).
_MONTH = "|".join(m.capitalize() for m in MONTH_NUMBERS if len(m) > 3 or m == "may")
_YEAR = r"(?:19|20)\d\d"
# Words after which a bare month or year is a date: "in March", "since 2011", "the end of June".
_LEAD = r"(?:in|since|until|till|by|from|before|after|of|during|early|late|mid-?|year)"
_PATTERNS = (
    re.compile(rf"\b(?P<d>\d{{1,2}})\s+(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?\b"),
    re.compile(
        rf"\b(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>{_YEAR})\b)?"
    ),
    re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<y>{_YEAR})\b"),
    re.compile(
        rf"\b(?:{_LEAD})\s+(?:the\s+)?(?:(?:end|start|beginning|middle)\s+of\s+)?(?P<m>{_MONTH})\b"
    ),
    re.compile(rf"\b(?:{_LEAD})\s+(?:the\s+year\s+)?(?P<y>{_YEAR})\b(?![-/.]\d)"),
)


@dataclass(frozen=True)
class CalendarDate:
    year: int | None
    month: int | None
    day: int | None

    def __str__(self) -> str:
        return "-".join("?" if p is None else str(p) for p in (self.year, self.month, self.day))

    def fits(self, other: CalendarDate) -> bool:
        """Whether one day can be both: every part stated on both sides is the same."""
        pairs = ((self.year, other.year), (self.month, other.month), (self.day, other.day))
        return all(a is None or b is None or a == b for a, b in pairs)


def calendar_dates(
    text: str, start: int = 0, end: int | None = None
) -> list[tuple[int, int, CalendarDate]]:
    """Every calendar date in ``text[start:end]`` with its span, the most precise reading
    of each stretch of text first."""
    end = len(text) if end is None else end
    taken: list[tuple[int, int]] = []
    out = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text, start, end):
            groups = m.groupdict()
            # The span is the date's own words, not the "in" or "since" before it.
            lo = min(m.start(g) for g, v in groups.items() if v)
            hi = m.end()
            if any(lo < e and s < hi for s, e in taken):
                continue
            month = MONTH_NUMBERS[groups["m"].lower()] if groups.get("m") else None
            day = int(groups["d"]) if groups.get("d") else None
            year = int(groups["y"]) if groups.get("y") else None
            if day is not None and not 1 <= day <= 31:
                continue
            taken.append((lo, hi))
            out.append((lo, hi, CalendarDate(year, month, day)))
    return sorted(out, key=lambda t: t[0])
