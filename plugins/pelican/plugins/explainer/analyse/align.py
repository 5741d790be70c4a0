"""Alignment: which statements in different sources report the same claim.

Signals, combined into one score per candidate pair:

* **concepts**: idf-weighted cosine over content words with synonyms folded
  (so "killed" meets "deaths"), names included;
* **actors**: shared named actors, variants and aliases resolved;
* **measures**: amounts of the same kind that measure the same thing;
* **slots**: both give a time of day, or both an implied date.

Candidate pairs come from an inverted index over concepts (a concept found in
too many statements proposes none), so the cost grows with the number of
statements, not with its square. Each statement keeps its best partner per
other source, and a second only when that one is nearly as strong: a claim
aligns with one claim per source unless it sums up several.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from .claims import Statement, concept, same_actor
from .conflicts import pair_amounts
from .tokens import STOP_WORDS

# Calibrated on eval/ (``invoke evaluate``): pairs scoring at least ALIGN report one claim.
ALIGN = 0.30
RELATED = 0.16
# Pairs this close share a topic: enough to compare their typed slots (times, implied dates).
SECOND_BEST = 0.85  # a second partner must score this share of the best one
ACTOR_WEIGHT = 0.12
MEASURE_WEIGHT = 0.12
MAX_POSTINGS = 60
# One shared word ("report") is never enough evidence of one claim.
MIN_SHARED = 2
MAX_CANDIDATES = 12


@dataclass(frozen=True)
class Pair:
    a: Statement
    b: Statement
    score: float
    aligned: bool  # same claim; otherwise only related (same topic)


def _idf(statements: list[Statement]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for st in statements:
        df.update(st.concepts)
    n = len(statements)
    return {w: math.log((1 + n) / (1 + c)) + 1.0 for w, c in df.items()}


def _norm(st: Statement, idf: dict[str, float]) -> float:
    return math.sqrt(sum(idf[w] ** 2 for w in st.concepts)) or 1.0


def shared_actors(a: Statement, b: Statement) -> int:
    names_b = [y.name for y in b.actors if not y.place]
    return sum(1 for x in a.actors if not x.place and any(same_actor(x.name, n) for n in names_b))


def score(a: Statement, b: Statement, idf: dict[str, float], norms: dict[str, float]) -> float:
    shared = a.concepts & b.concepts
    cosine = sum(idf[w] ** 2 for w in shared) / (norms[a.id] * norms[b.id])

    actors = min(shared_actors(a, b), 2)
    measures = min(
        sum(
            1
            for *_, ok, s in pair_amounts(a, b, ("count", "number", "money", "percent", "duration"))
            if s >= 0.34
        ),
        2,
    )
    slots = (
        0.1
        if (
            a.slot_claims()
            and b.slot_claims()
            and (
                (_has(a, "times") and _has(b, "times")) or (_has(a, "priors") and _has(b, "priors"))
            )
        )
        else 0.0
    )
    return cosine + ACTOR_WEIGHT * actors + MEASURE_WEIGHT * measures + slots


class Scorer:
    """The alignment score of any two statements of one set (idf taken over the set)."""

    def __init__(self, statements: list[Statement]) -> None:
        self.idf = _idf(statements)
        self.norms = {st.id: _norm(st, self.idf) for st in statements}

    def __call__(self, a: Statement, b: Statement) -> float:
        return score(a, b, self.idf, self.norms)


_WORD = re.compile(r"[a-z][a-z'-]+")
STOP_CONCEPTS = frozenset(concept(w) for w in STOP_WORDS)
_QUOTED = re.compile(r"[\"“]([^\"“”]{20,})[\"”]")
# A quotation shares at least this share of its words with the other sentence when the
# two report one claim; "X said" around two different quotations is not one claim.
QUOTE_SHARED = 0.3


def _quoted(st: Statement) -> frozenset[str]:
    m = _QUOTED.search(st.sentence.text)
    return frozenset(concept(w) for w in _WORD.findall(m.group(1).lower())) if m else frozenset()


def different_quotes(a: Statement, b: Statement) -> bool:
    """Whether a quotation on either side is mostly absent from the other sentence."""
    for x, y in ((a, b), (b, a)):
        words = _quoted(x) - STOP_CONCEPTS
        if words and len(words & y.concepts) < QUOTE_SHARED * len(words):
            return True
    return False


def _has(st: Statement, slot: str) -> bool:
    return any(getattr(c, slot) for c in st.claims)


def align(statements: list[Statement], scorer: Scorer | None = None) -> list[Pair]:
    """Cross-source pairs that report the same claim (``aligned``) or share a topic."""
    scorer = scorer or Scorer(statements)
    idf = scorer.idf
    order = {st.id: i for i, st in enumerate(statements)}
    postings: dict[str, list[Statement]] = defaultdict(list)
    for st in statements:
        for w in st.concepts:
            postings[w].append(st)
    cap = max(MAX_POSTINGS, len({st.source_id for st in statements}) * 4)
    best: dict[tuple[str, str], list[tuple[float, Statement]]] = defaultdict(list)
    scores: dict[tuple[str, str], float] = {}
    for st in statements:
        partial: Counter[str] = Counter()
        by_id: dict[str, Statement] = {}
        for w in st.concepts:
            plist = postings[w]
            if len(plist) > cap:
                continue
            for other in plist:
                if other.source_id != st.source_id:
                    partial[other.id] += idf[w] ** 2
                    by_id[other.id] = other
        for oid, _ in partial.most_common(MAX_CANDIDATES * 2):
            other = by_id[oid]
            key = tuple(sorted((st.id, oid), key=order.__getitem__))
            if key not in scores:
                scores[key] = scorer(st, other)
            best[(st.id, other.source_id)].append((scores[key], other))
    keep: dict[tuple[str, str], Pair] = {}
    by_id = {st.id: st for st in statements}
    top = {key: max(v for v, _ in found) for key, found in best.items()}
    for (sid, _), found in best.items():
        found.sort(key=lambda t: (-t[0], order[t[1].id]))
        mine = by_id[sid]
        for value, other in found[:MAX_CANDIDATES]:
            if value < RELATED:
                break
            a, b = sorted((mine, other), key=lambda s: order[s.id])
            # Near the best for both statements: one claim per source unless it sums up several.
            aligned = (
                value >= ALIGN
                and not different_quotes(mine, other)
                and len(mine.concepts & other.concepts) >= MIN_SHARED
                and value >= SECOND_BEST * top[(sid, other.source_id)]
                and value >= SECOND_BEST * top.get((other.id, mine.source_id), value)
            )
            current = keep.get((a.id, b.id))
            if current is None or (aligned and not current.aligned):
                keep[(a.id, b.id)] = Pair(a, b, value, aligned)
    return sorted(keep.values(), key=lambda p: (order[p.a.id], order[p.b.id]))
