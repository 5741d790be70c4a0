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
from collections.abc import Iterator
from dataclasses import dataclass

from .claims import Statement, concept, same_actor
from .conflicts import pair_amounts
from .tokens import STOP_WORDS

# Calibrated on eval/ (``invoke evaluate``): pairs scoring at least ALIGN report one claim.
ALIGN = 0.30
RELATED = 0.16
# Pairs this close share a topic: enough to compare their typed slots (times, implied dates).
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
    p: float = 0.0  # the fitted probability that the two report one claim


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


# A fitted combination of pair features decides "one claim": the base score alone
# cannot tell a paraphrase sharing few words from two claims sharing a topic, but
# where the pair ranks for each side, where the sentences sit in their reports and
# what they share together can. Logistic weights fitted on the development stories
# of eval/ by ``python -m evaluation.fit_align`` (leave-one-story-out figures there).
FEATURES = (
    "score",  # the base score above
    "shared",  # log(1 + concepts in common)
    "mutual",  # score over the best score, for each side, multiplied
    "both_best",  # each is the other's best partner in its source
    "position_gap",  # distance of their places in their reports (0 to 1)
    "one_headline",  # a headline against a body sentence
    "both_headlines",
    "different_quotes",
    "rarest_shared",  # idf of the rarest concept in common over the highest idf
    "same_figure",  # a stated figure in common ("412" and "412 flights")
)
WEIGHTS = (1.67, 1.52, 1.24, 0.78, -4.43, 0.84, 0.34, -0.98, 3.08, 3.15)
BIAS = -5.17
P_ALIGN = 0.7


def pair_features(
    a: Statement, b: Statement, value: float, mutual: tuple[float, float],
    place: dict[str, float], idf: dict[str, float], top_idf: float,
) -> tuple[float, ...]:  # fmt: skip
    """The features of one candidate pair, in the order of FEATURES."""
    shared = a.concepts & b.concepts
    heads = (a.sentence.role == "headline", b.sentence.role == "headline")
    return (
        value,
        math.log1p(len(shared)),
        mutual[0] * mutual[1],
        float(min(mutual) >= 0.999),
        abs(place[a.id] - place[b.id]),
        float(heads[0] != heads[1]),
        float(all(heads)),
        float(different_quotes(a, b)),
        max((idf[w] for w in shared), default=0.0) / top_idf,
        float(bool(_figures(a) & _figures(b))),
    )


def _figures(st: Statement) -> frozenset[float]:
    return frozenset(
        m.amount.exact for c in st.claims for m in c.amounts if m.amount.exact is not None
    )


def one_claim(
    features: tuple[float, ...], weights: tuple[float, ...] = WEIGHTS, bias: float = BIAS
) -> float:
    """The fitted probability that a pair with these features reports one claim."""
    z = bias + sum(w * x for w, x in zip(weights, features, strict=True))
    return 1 / (1 + math.exp(-z))


def places(statements: list[Statement]) -> dict[str, float]:
    """Each statement's place in its own report, from 0 (headline) to 1 (last sentence)."""
    by_source: dict[str, list[str]] = defaultdict(list)
    for st in statements:
        by_source[st.source_id].append(st.id)
    return {
        sid: i / max(len(ids) - 1, 1) for ids in by_source.values() for i, sid in enumerate(ids)
    }


def candidates(statements: list[Statement], scorer: Scorer) -> dict[tuple[str, str], float]:
    """Cross-source pairs worth scoring, from an inverted index over concepts, with their
    base scores; keys are statement ids in reading order."""
    idf = scorer.idf
    order = {st.id: i for i, st in enumerate(statements)}
    by_id = {st.id: st for st in statements}
    # (id, source id) pairs, not statements: with hundreds of sources a posting list
    # holds hundreds of entries and is walked once per statement sharing the concept.
    postings: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for st in statements:
        for w in st.concepts:
            postings[w].append((st.id, st.source_id))
    cap = max(MAX_POSTINGS, len({st.source_id for st in statements}) * 4)
    scores: dict[tuple[str, str], float] = {}
    for st in statements:
        partial: Counter[str] = Counter()
        source = st.source_id
        for w in st.concepts:
            plist = postings[w]
            if len(plist) > cap:
                continue
            weight = idf[w] ** 2
            for oid, osource in plist:
                if osource != source:
                    partial[oid] += weight
        for oid, _ in partial.most_common(MAX_CANDIDATES * 2):
            key = tuple(sorted((st.id, oid), key=order.__getitem__))
            if key not in scores:
                scores[key] = scorer(st, by_id[oid])
    return scores  # type: ignore[return-value]


def featured_pairs(
    statements: list[Statement], scorer: Scorer
) -> Iterator[tuple[Statement, Statement, float, tuple[float, ...]]]:
    """Each candidate pair scoring at least RELATED, with its base score and features."""
    top_idf = max(scorer.idf.values(), default=1.0)
    by_id = {st.id: st for st in statements}
    place = places(statements)
    scores = candidates(statements, scorer)
    ranked: dict[tuple[str, str], list[float]] = defaultdict(list)
    for (x, y), value in scores.items():
        ranked[(x, by_id[y].source_id)].append(value)
        ranked[(y, by_id[x].source_id)].append(value)
    top, floor = {}, {}
    for key, values in ranked.items():
        values.sort(reverse=True)
        top[key] = values[0]
        # A statement keeps its MAX_CANDIDATES strongest partners in each other source.
        floor[key] = values[min(len(values), MAX_CANDIDATES) - 1]
    for (x, y), value in scores.items():
        a, b = by_id[x], by_id[y]
        near = value >= floor[(x, b.source_id)] or value >= floor[(y, a.source_id)]
        if value < RELATED or not near:
            continue
        mutual = (value / top[(x, b.source_id)], value / top[(y, a.source_id)])
        yield a, b, value, pair_features(a, b, value, mutual, place, scorer.idf, top_idf)


def align(statements: list[Statement], scorer: Scorer | None = None) -> list[Pair]:
    """Cross-source pairs that report the same claim (``aligned``) or share a topic."""
    scorer = scorer or Scorer(statements)
    order = {st.id: i for i, st in enumerate(statements)}
    keep = []
    for a, b, value, features in featured_pairs(statements, scorer):
        # Two different quotations are never one claim, however the rest reads.
        p = one_claim(features)
        aligned = (
            p >= P_ALIGN
            and len(a.concepts & b.concepts) >= MIN_SHARED
            and not different_quotes(a, b)
        )
        keep.append(Pair(a, b, value, aligned, p))
    return sorted(keep, key=lambda p: (order[p.a.id], order[p.b.id]))
