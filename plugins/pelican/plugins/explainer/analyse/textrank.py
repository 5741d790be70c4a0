"""TextRank: PageRank over a weighted sentence-similarity graph.

A sentence is central when it resembles many sentences that are themselves
central. Sentences from different sources that say the same thing support
each other, so cross-source agreement raises centrality on its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import mul

from .tfidf import Vector, pairwise

DAMPING = 0.85
ITERATIONS = 60
TOLERANCE = 1e-9


# Row i of a similarity graph: (j, weight) for every j != i with weight > 0, j ascending.
Edges = list[list[tuple[int, float]]]


def similarity_matrix(vectors: Sequence[Vector]) -> Edges:
    """The symmetric cosine graph, as sparse rows (pairs sharing no word are absent).

    Sparse because long sources make a dense n×n matrix the dominant cost,
    while most sentence pairs share nothing.
    """
    table = pairwise({str(i): v for i, v in enumerate(vectors)})
    return [
        sorted((int(j), value) for j, value in table[str(i)].items() if value)
        for i in range(len(vectors))
    ]


def pagerank(graph: Edges, prior: Sequence[float] | None = None) -> list[float]:
    """Weighted PageRank; ``prior`` is the teleport distribution (uniform by default)."""
    n = len(graph)
    if n == 0:
        return []
    if prior is None:
        prior = [1.0 / n] * n
    else:
        total = sum(prior) or 1.0
        prior = [p / total for p in prior]
    # Incoming edges, normalised by each sender's total weight, senders ascending;
    # kept as two parallel lists so each iteration is a map() over them.
    senders: list[list[int]] = [[] for _ in range(n)]
    weights: list[list[float]] = [[] for _ in range(n)]
    for i, row in enumerate(graph):
        out_weight = sum(w for _, w in row)
        if out_weight:
            for j, w in row:
                senders[j].append(i)
                weights[j].append(w / out_weight)
    rank = list(prior)
    for _ in range(ITERATIONS):
        get = rank.__getitem__
        new = [
            (1 - DAMPING) * prior[j] + DAMPING * sum(map(mul, map(get, senders[j]), weights[j]))
            for j in range(n)
        ]
        # Rank held by isolated sentences flows back through the prior.
        lost = 1.0 - sum(new)
        new = [v + lost * p for v, p in zip(new, prior, strict=True)]
        done = max(abs(a - b) for a, b in zip(new, rank, strict=True)) < TOLERANCE
        rank = new
        if done:
            break
    return rank
