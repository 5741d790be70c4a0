"""Figures that tell two "agreeing" sentences apart.

An agreement row tells the reader that two sources say the same thing. When the two
sentences give figures of one kind (two sums of money, two counts, two durations) and no
figure of one fits any of the other, they may well be two claims, or one claim the sources
disagree on; the page does not show them as agreeing. A figure fits another when their
ranges meet: "more than 80" fits 87, "about 400" reaches 360 to 440, and "1.4 million"
stands for anything that rounds to it.
"""

from __future__ import annotations

import re
from functools import cache

from .lexicon import lexicon
from .quantities import Quantity, find_quantities

EN = lexicon("en")
# Kinds whose values must fit each other for two sentences to agree; years and dates are
# the timeline's, and a bare number is too often incidental ("No. 3", "two of them").
_COMPARED = ("money", "percent", "count", "duration")
_DAYS = {"day": 1, "week": 7, "month": 30.4, "year": 365.25, "hour": 1 / 24, "minute": 1 / 1440}
# How far an approximate figure reaches either side ("about 400" fits 380 to 420).
_APPROX = 0.1


def _days(q: Quantity) -> float | None:
    unit = (q.unit or "").lower().rstrip("s")
    factor = _DAYS.get(unit)
    return None if factor is None or q.value is None else q.value * factor


def _rounding(q: Quantity, value: float) -> float:
    """Half a unit of the last decimal written: "1.4 million" stands for 1.35 to 1.45 million."""
    m = re.search(r"(\d+)[.,](\d+)", q.text)
    if not m or q.value is None or q.value == 0:
        return 0.0
    written = float(f"{m.group(1)}.{m.group(2)}")
    scale = value / written if written else 1.0
    return 0.5 * 10 ** -len(m.group(2)) * scale


def _bounds(q: Quantity, value: float | None = None) -> tuple[float, float] | None:
    value = value if value is not None else (_days(q) if q.kind == "duration" else q.value)
    if value is None:
        return None
    high = value if q.high is None or q.kind == "duration" else q.high
    slack = _rounding(q, value)
    value, high = value - slack, high + slack
    qualifier = q.qualifier or ""
    if qualifier in EN.AT_LEAST:
        return value, float("inf")
    if qualifier in EN.AT_MOST or qualifier in EN.UP_TO:
        return 0.0, high
    if q.approx or qualifier in EN.APPROXIMATE:
        return value * (1 - _APPROX), high * (1 + _APPROX)
    return value, high


def _key(q: Quantity) -> tuple[str, str] | None:
    if q.kind not in _COMPARED:
        return None
    # Counts of different nouns are compared too: "1.2 million customers" and "nearly three
    # million people" may be one toll told two ways, and a row that says they agree must
    # not hide that their figures differ.
    return q.kind, ""


def _joined_durations(text: str, found: list[Quantity]) -> list[tuple[Quantity, float | None]]:
    """Durations with the value in days; "six years and four months" is one duration."""
    out: list[tuple[Quantity, float | None]] = []
    for q in found:
        days = _days(q) if q.kind == "duration" else None
        if out and q.kind == "duration" and out[-1][0].kind == "duration":
            prev, prev_days = out[-1]
            if re.fullmatch(r",?\s+and\s+", text[prev.end : q.start]) and days and prev_days:
                out[-1] = (prev, prev_days + days)
                continue
        out.append((q, days))
    return out


@cache
def _figures(text: str) -> dict[tuple[str, str], list[tuple[float, float]]]:
    out: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for q, days in _joined_durations(text, find_quantities(text)):
        key, bounds = _key(q), _bounds(q, days)
        if key is not None and bounds is not None and not q.ago:
            out.setdefault(key, []).append(bounds)
    return out


def _fits(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def figures_clash(a: str, b: str) -> bool:
    """Both sentences give figures of one kind and no figure of one fits one of the other."""
    fa, fb = _figures(a), _figures(b)
    for key in fa.keys() & fb.keys():
        if not any(_fits(x, y) for x in fa[key] for y in fb[key]):
            return True
    return False
