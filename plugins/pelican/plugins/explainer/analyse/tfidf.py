"""TF-IDF sentence vectors and cosine similarity over stemmed content words.

Small and dependency-free: a sentence becomes a sparse ``{stem: weight}``
mapping. IDF is computed over the sentences given, so words every sentence
shares (the story's subject) weigh little and distinctive words weigh a lot.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from .tokens import content_words


class Vector(dict[str, float]):
    """A sparse ``{stem: weight}`` vector whose length is computed once.

    Ranking compares every sentence with many others; recomputing both norms
    in each comparison was most of the cost. Treat vectors as read-only.
    """

    __slots__ = ("norm",)

    def __init__(self, weights: Mapping[str, float]) -> None:
        super().__init__(weights)
        self.norm = math.sqrt(sum(v * v for v in self.values()))


def _norm(v: Mapping[str, float]) -> float:
    return v.norm if isinstance(v, Vector) else math.sqrt(sum(x * x for x in v.values()))


def idf(bags: Iterable[Iterable[str]]) -> dict[str, float]:
    """Smoothed inverse document frequency of each word over ``bags``."""
    df: Counter[str] = Counter()
    n = 0
    for bag in bags:
        n += 1
        df.update(set(bag))
    return {w: math.log((1 + n) / (1 + c)) + 1.0 for w, c in df.items()}


def vector(words: Iterable[str], weights: Mapping[str, float]) -> Vector:
    counts = Counter(words)
    return Vector({w: c * weights.get(w, 1.0) for w, c in counts.items()})


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    get = b.get
    dot = sum(v * get(w, 0.0) for w, v in a.items())
    if not dot:
        return 0.0
    return dot / (_norm(a) * _norm(b))


def sentence_vectors(texts: Mapping[str, str]) -> dict[str, Vector]:
    """TF-IDF vector for each ``{id: text}``, IDF taken over all of them."""
    bags = {key: content_words(text) for key, text in texts.items()}
    weights = idf(bags.values())
    return {key: vector(bag, weights) for key, bag in bags.items()}


# A word found in more sentences than this adds no pairs. It changes nothing for an
# explainer of ordinary length and keeps the pair count bounded on very long sources.
MAX_POSTINGS = 300


def pairwise(vectors: Mapping[str, Mapping[str, float]]) -> dict[str, dict[str, float]]:
    """Cosine of every pair of vectors that share a word; pairs sharing none score 0.

    Walking each word's postings touches only pairs with something in common,
    which on real text is a small share of all pairs.
    """
    postings: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for key, vec in vectors.items():
        norm = _norm(vec)
        if norm:
            for word, weight in vec.items():
                postings[word].append((key, weight / norm))
    # Postings list keys in one fixed order, so each pair accumulates in one row.
    upper: dict[str, dict[str, float]] = {key: {} for key in vectors}
    for plist in postings.values():
        if len(plist) > MAX_POSTINGS:
            continue  # a word in this many sentences links everything and tells nothing
        for i, (a, wa) in enumerate(plist):
            row = upper[a]
            for b, wb in plist[i + 1 :]:
                row[b] = row.get(b, 0.0) + wa * wb
    sims = {key: dict(row) for key, row in upper.items()}
    for a, row in upper.items():
        for b, value in row.items():
            sims[b][a] = value
    return sims
