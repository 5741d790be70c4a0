"""Figures that tell two "agreeing" sentences apart.

An agreement row tells the reader that two sources say the same thing. When the two
sentences give figures of one kind (two sums of money, two counts, two durations) and no
figure of one fits any of the other, they may well be two claims, or one claim the sources
disagree on; the page does not show them as agreeing. Figures fit when the ranges their
wording allows meet (:func:`.slots.compatible`: "more than 80" fits 87), widened by the
rounding a written decimal implies ("1.4 million" stands for 1.35 to 1.45 million).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from .claims import Statement, concept, same_actor
from .slots import Amount, amounts, compatible

# Kinds whose values must fit each other for two sentences to agree; a bare number is too
# often incidental ("No. 3", "one of the two"), and dates are the timeline's.
_COMPARED = ("money", "percent", "count", "duration")
_AND = re.compile(r",?\s+and\s+")


def _rounding(a: Amount) -> float:
    """Half a unit of the last decimal written, in the amount's own scale."""
    m = re.search(r"(\d+)[.,](\d+)", a.text)
    if not m or not a.exact:
        return 0.0
    written = float(f"{m.group(1)}.{m.group(2)}")
    return 0.5 * 10 ** -len(m.group(2)) * (a.exact / written if written else 1.0)


def _joined(text: str, found: list[Amount]) -> list[Amount]:
    """ "Two years and three weeks" is one duration, not two."""
    out: list[Amount] = []
    for a in found:
        prev = out[-1] if out else None
        if (
            prev is not None
            and a.kind == prev.kind == "duration"
            and _AND.fullmatch(text[prev.end : a.start])
        ):
            out[-1] = replace(
                prev, end=a.end, text=text[prev.start : a.end], low=prev.low + a.low,
                high=prev.high + a.high, exact=(prev.exact or 0) + (a.exact or 0),
            )  # fmt: skip
        else:
            out.append(a)
    return out


@cache
def _figures(text: str) -> dict[str, list[Amount]]:
    out: dict[str, list[Amount]] = {}
    for a in _joined(text, amounts(text)):
        if a.kind in _COMPARED:
            slack = _rounding(a)
            out.setdefault(a.kind, []).append(replace(a, low=a.low - slack, high=a.high + slack))
    return out


def figures_clash(a: str, b: str) -> bool:
    """Both sentences give figures of one kind, and no figure of one fits one of the other.

    Counts of different nouns are compared too: "1.2 million customers" and "nearly three
    million people" may be one toll told two ways, and a row saying that they agree must
    not hide that their figures differ."""
    fa, fb = _figures(a), _figures(b)
    for kind in fa.keys() & fb.keys():
        if not any(compatible(x, y) for x in fa[kind] for y in fb[kind]):
            return True
    return False


def names_clash(a: Statement, b: Statement) -> bool:
    """Two sentences name different actors in one role: "the inquiry, led by X" and "the
    inquiry will be led by Y", "Judge X" and "presiding judge Y". Saying is no role: two
    people may say one thing."""
    for x in a.actors:
        for y in b.actors:
            if x.place or y.place or same_actor(x.name, y.name):
                continue
            by_x, by_y = _done_by(a, x.start), _done_by(b, y.start)
            if x.descriptor & y.descriptor or (by_x and by_x == by_y):
                return True
    return False


_BY = re.compile(r"\b([a-z]+)\s+by\s+$")


def _done_by(st: Statement, start: int) -> str | None:
    """The act a name is the agent of when written "led by X": its concept."""
    m = _BY.search(st.sentence.text[max(0, start - 30) : start])
    return concept(m.group(1)) if m else None
