"""Strict, one-to-one matching of reported items to gold items.

A reported discrepancy counts only when its type is the gold type and the
spans it compares fall on the gold values of two sides. Gold entries that
share a side and its value are one disagreement (a cluster): "one
disagreement, one item", so a second item for a cluster already matched is
a *repeat*, not a second hit. Facts match on the value as a number with its
unit and on what is measured, never by substring.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from snowballstemmer import stemmer

from pelican.plugins.explainer.analyse.tokens import STOP_WORDS

from .gold import Story, value_span

_STEM = stemmer("english")
Span = tuple[int, int]


@dataclass
class Cluster:
    """One real disagreement: its type and, per side sentence, where its values stand."""

    type: str
    sides: dict[str, list[Span | None]] = field(default_factory=dict)
    values: list[str] = field(default_factory=list)
    update: bool = False

    def describe(self) -> str:
        return f"{self.type}: {' <> '.join(dict.fromkeys(self.values)) or 'no values'}"


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def clusters(story: Story) -> list[Cluster]:
    """Gold discrepancies merged into disagreements: entries of one type that share a
    side sentence with overlapping values are one disagreement told several times."""
    text = {sid: s.text for sid, s in story.sentences.items()}
    located = []
    for g in story.discrepancies:
        sides: dict[str, list[Span | None]] = {}
        for i, sid in enumerate(g.sides):
            span = value_span(g.values[i], text[sid]) if g.values else None
            sides.setdefault(sid, []).append(span)
        located.append(Cluster(g.type, sides, list(g.values), g.update))
    parent = list(range(len(located)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, x in enumerate(located):
        for j in range(i):
            y = located[j]
            if x.type != y.type:
                continue
            shared = set(x.sides) & set(y.sides)
            if any(
                a is None or b is None or _overlaps(a, b)
                for sid in shared
                for a in x.sides[sid]
                for b in y.sides[sid]
            ):
                parent[root(i)] = root(j)
    merged: dict[int, Cluster] = {}
    for i, c in enumerate(located):
        into = merged.setdefault(root(i), Cluster(c.type))
        for sid, spans in c.sides.items():
            into.sides.setdefault(sid, []).extend(spans)
        into.values += c.values
        into.update = into.update or c.update
    return list(merged.values())


def covers(kind: str, marks: dict[str, tuple[int, int]], cluster: Cluster) -> bool:
    """Whether an item of ``kind`` comparing ``marks`` reports this disagreement: the
    right type, and two of its compared spans on the gold values of two sides."""
    if kind != cluster.type:
        return False
    on_side = 0
    for sid, mark in marks.items():
        spans = cluster.sides.get(sid)
        if spans and any(s is None or _overlaps(tuple(mark), s) for s in spans):
            on_side += 1
    return on_side >= 2


def one_to_one(edges: dict[int, list[int]]) -> dict[int, int]:
    """Maximum bipartite matching (Kuhn's augmenting paths): item -> gold index."""
    owner: dict[int, int] = {}

    def augment(item: int, seen: set[int]) -> bool:
        for g in edges.get(item, ()):
            if g in seen:
                continue
            seen.add(g)
            if g not in owner or augment(owner[g], seen):
                owner[g] = item
                return True
        return False

    for item in sorted(edges):
        augment(item, set())
    return {item: g for g, item in owner.items()}


# Words that hedge a figure without changing what it is ("about 12", "up to $4").
_HEDGES = {
    "about", "around", "approximately", "roughly", "some", "nearly", "almost", "over",
    "more", "than", "less", "fewer", "at", "least", "most", "up", "to", "just", "under",
    "an", "estimated", "a", "the", "of", "only", "below", "above",
}  # fmt: skip
_SCALE = {"thousand": 1e3, "million": 1e6, "mln": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9,
          "b": 1e9, "trillion": 1e12, "tn": 1e12}  # fmt: skip
_CURRENCY = {"$": "$", "dollar": "$", "dollars": "$", "usd": "$", "€": "€", "euro": "€",
             "euros": "€", "eur": "€", "£": "£", "pound": "£", "pounds": "£"}  # fmt: skip
_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
}  # fmt: skip


def value_key(text: str) -> tuple[str, ...]:
    """A figure as a comparable key: numbers scaled, currencies and per cent folded,
    hedges dropped; "$4.2bn" and "4.2 billion dollars" give one key, "12" and
    "12 in the evening" do not."""
    low = text.lower().replace("per cent", "%").replace("percent", "%").replace("percents", "%")
    tokens = re.findall(r"\d[\d,]*(?:\.\d+)?|[a-z]+|[$€£%]", low)
    numbers: list[float] = []
    rest: list[str] = []
    currency = ""
    for tok in tokens:
        if tok[0].isdigit():
            numbers.append(float(tok.replace(",", "")))
        elif tok in _SCALE and numbers:
            numbers[-1] *= _SCALE[tok]
        elif tok in _WORDS and not numbers:
            numbers.append(float(_WORDS[tok]))
        elif tok in _CURRENCY:
            currency = _CURRENCY[tok]
        elif tok not in _HEDGES:
            rest.append(_STEM.stemWord(tok))
    return (currency, *(f"{n:g}" for n in numbers), *rest)


_GENERIC = {"number", "total", "figur", "amount", "valu", "level", "count", "share"}


def measure_words(text: str) -> set[str]:
    words = re.findall(r"[a-z]+", text.lower())
    return {_STEM.stemWord(w) for w in words if w not in STOP_WORDS and len(w) > 2} - _GENERIC


def same_measure(label: str, measures: str) -> bool:
    """A fact label names what the gold says is measured: a content word in common."""
    if not measures.strip():
        return True
    return bool(measure_words(label) & measure_words(measures))
