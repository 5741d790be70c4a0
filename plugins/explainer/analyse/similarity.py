"""Sentence similarity across sources: TF-IDF cosine with numbers and names weighted up.

Why a hand-written TF-IDF rather than a library or BM25: the units are single
sentences of similar length, so BM25's length normalisation buys little, and
its scores are asymmetric (query → document) while alignment needs one
symmetric score per pair. Cosine over TF-IDF vectors is symmetric, bounded in
[0, 1] and fits in a page; the libraries that provide it (scikit-learn,
gensim) would pull in numpy/scipy for a few dozen sentences.

Shared numbers and shared named entities enter the same vector as extra
terms with a boost, so one score combines the three kinds of evidence and the
idf still discounts a name that every sentence mentions.

Cost is bounded: candidate pairs come from an inverted index over terms,
terms found in too many sentences propose no candidates (they still count in
the score), and each sentence keeps at most ``max_candidates`` candidates per
other source. The work grows with sentences × terms per sentence × the
posting cap, never as a full N×M matrix.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from .tokens import content_words, entities, number_tokens, stem, words

# Extra weight for terms that are numbers or words of a capitalised name:
# sharing "12.5%" or "Acme Corp" says more than sharing "growth".
NUMBER_BOOST = 2.0
NAME_BOOST = 1.5
NUMBER_PREFIX = "#"
NAME_PREFIX = "@"
# A term in more sentences than this proposes no candidates (it still scores).
MAX_POSTINGS = 60
# Aligned sentences must share at least this many distinct pieces of evidence.
MIN_EVIDENCE = 2
MAX_POSTINGS_SHARE = 0.25


@dataclass(frozen=True)
class Unit:
    """One sentence prepared for comparison."""

    id: str
    source_id: str
    text: str
    terms: Counter[str]  # stemmed content words, "#"-numbers and "@"-names
    numbers: frozenset[str]
    names: frozenset[str]  # capitalised names, lower-cased
    boosts: dict[str, float] = field(default_factory=dict, compare=False, hash=False)
    name_stems: frozenset[str] = frozenset()  # content stems that are words of a name


def make_unit(sentence_id: str, source_id: str, text: str) -> Unit:
    # Digits only: "the two sides" is common phrasing, "two" is weak evidence.
    numbers = number_tokens(text, spelled=False)
    names = [words(name) for name in entities(text)]
    terms = Counter(w for w in content_words(text) if not w[:1].isdigit())
    terms.update(NUMBER_PREFIX + n for n in numbers)
    # Each word of a name is a name term, so "Acme" still meets "Acme Airlines";
    # a long name's boost is spread over its words so it does not count twice.
    boosts: dict[str, float] = {}
    for parts in names:
        for w in parts:
            term = NAME_PREFIX + w
            terms[term] += 1
            boosts[term] = max(boosts.get(term, 0.0), NAME_BOOST / math.sqrt(len(parts)))
    return Unit(
        id=sentence_id,
        source_id=source_id,
        text=text,
        terms=terms,
        numbers=frozenset(numbers),
        names=frozenset(" ".join(p) for p in names),
        boosts=boosts,
        name_stems=frozenset(stem(w) for p in names for w in p),
    )


@dataclass(frozen=True)
class Score:
    value: float  # cosine of the boosted TF-IDF vectors, in [0, 1]
    shared_numbers: frozenset[str]
    shared_names: frozenset[str]
    shared_terms: frozenset[str]
    shared_words: frozenset[str]  # shared content stems, less names both sides write


def _boost(term: str, unit: Unit) -> float:
    if term.startswith(NUMBER_PREFIX):
        return NUMBER_BOOST
    return unit.boosts.get(term, 1.0)


@dataclass
class SentenceIndex:
    """Boosted TF-IDF vectors and an inverted index over a fixed set of sentences."""

    units: list[Unit]
    idf: dict[str, float] = field(init=False)
    vectors: dict[str, dict[str, float]] = field(init=False)
    postings: dict[str, list[Unit]] = field(init=False)

    def __post_init__(self) -> None:
        n = len(self.units)
        df: Counter[str] = Counter()
        for u in self.units:
            df.update(u.terms.keys())
        # Smoothed idf: a term in every sentence still weighs a little.
        self.idf = {t: math.log((1 + n) / (1 + c)) + 1.0 for t, c in df.items()}
        self.vectors = {u.id: self._vector(u) for u in self.units}
        cap = min(MAX_POSTINGS, max(4, int(MAX_POSTINGS_SHARE * n)))
        postings: dict[str, list[Unit]] = defaultdict(list)
        for u in self.units:
            for t in sorted(u.terms):
                postings[t].append(u)
        self.postings = {t: us for t, us in postings.items() if len(us) <= cap}

    def _vector(self, unit: Unit) -> dict[str, float]:
        # Sublinear tf: a word repeated in one sentence is not twice the evidence.
        weights = {
            t: (1 + math.log(c)) * self.idf[t] * _boost(t, unit) for t, c in unit.terms.items()
        }
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {t: w / norm for t, w in weights.items()}

    def score(self, a: Unit, b: Unit) -> Score:
        va, vb = self.vectors[a.id], self.vectors[b.id]
        shared = frozenset(va.keys() & vb.keys())
        value = sum(va[t] * vb[t] for t in shared)
        plain = {
            t
            for t in shared
            if t[:1] not in (NUMBER_PREFIX, NAME_PREFIX)
            and not (t in a.name_stems and t in b.name_stems)
        }
        return Score(value, a.numbers & b.numbers, a.names & b.names, shared, frozenset(plain))

    def candidates(
        self, unit: Unit, source_id: str, max_candidates: int = 8
    ) -> list[tuple[Unit, Score]]:
        """Sentences of ``source_id`` sharing a selective term with ``unit``, best first."""
        partial: dict[str, float] = defaultdict(float)
        by_id: dict[str, Unit] = {}
        va = self.vectors[unit.id]
        for t in unit.terms:
            for other in self.postings.get(t, ()):
                if other.source_id != source_id:
                    continue
                partial[other.id] += va[t] * self.vectors[other.id][t]
                by_id[other.id] = other
        best = sorted(partial, key=lambda i: (-partial[i], i))[:max_candidates]
        scored = [(by_id[i], self.score(unit, by_id[i])) for i in best]
        scored.sort(key=lambda pair: (-pair[1].value, pair[0].id))
        return scored


def evidence(a: Unit, b: Unit, score: Score) -> int:
    """Distinct pieces of shared evidence: content words, numbers and names.

    A multi-word name counts once, so two sentences that merely mention the
    same country ("the United States") have one piece, not two.
    """
    shared_name_words = {t[1:] for t in score.shared_terms if t.startswith(NAME_PREFIX)}
    names = {n for n in a.names if shared_name_words & set(n.split())}
    return len(score.shared_words) + len(score.shared_numbers) + len(names)


@dataclass(frozen=True)
class Match:
    a: Unit
    b: Unit
    score: Score


def aligned_pairs(
    index: SentenceIndex,
    sources: Iterable[str],
    *,
    threshold: float,
    per_source: int = 2,
    max_candidates: int = 8,
) -> list[Match]:
    """Cross-source sentence pairs that report the same thing.

    For each sentence and each other source, up to ``per_source`` best
    matches scoring at least ``threshold`` are kept, so one long sentence may
    align with two shorter ones that split its content. Pairs come out in a
    stable order (by source, then sentence order in the index).
    """
    order = {u.id: i for i, u in enumerate(index.units)}
    source_list = sorted(set(sources))
    chosen: dict[tuple[str, str], Match] = {}
    for unit in index.units:
        for source_id in source_list:
            if source_id == unit.source_id:
                continue
            found = index.candidates(unit, source_id, max_candidates)
            for other, score in found[:per_source]:
                if score.value < threshold:
                    break
                if evidence(unit, other, score) < MIN_EVIDENCE:
                    continue
                a, b = sorted((unit, other), key=lambda u: (u.source_id, order[u.id]))
                chosen.setdefault((a.id, b.id), Match(a, b, score))
    return sorted(
        chosen.values(),
        key=lambda m: (m.a.source_id, m.b.source_id, order[m.a.id], order[m.b.id]),
    )
