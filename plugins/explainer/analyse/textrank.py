"""TextRank: PageRank over a weighted sentence-similarity graph.

A sentence is central when it resembles many sentences that are themselves
central. Sentences from different sources that say the same thing support
each other, so cross-source agreement raises centrality on its own.
"""

from __future__ import annotations

from collections.abc import Sequence

from .tfidf import Vector, pairwise

DAMPING = 0.85
ITERATIONS = 60
TOLERANCE = 1e-9


def similarity_matrix(vectors: Sequence[Vector]) -> list[list[float]]:
    """Symmetric cosine matrix with a zero diagonal. Callers cap the input size."""
    n = len(vectors)
    table = pairwise({str(i): v for i, v in enumerate(vectors)})
    sim = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j, value in table[str(i)].items():
            sim[i][int(j)] = value
    return sim


def pagerank(sim: Sequence[Sequence[float]], prior: Sequence[float] | None = None) -> list[float]:
    """Weighted PageRank; ``prior`` is the teleport distribution (uniform by default)."""
    n = len(sim)
    if n == 0:
        return []
    if prior is None:
        prior = [1.0 / n] * n
    else:
        total = sum(prior) or 1.0
        prior = [p / total for p in prior]
    # Sparse incoming edges, normalised by each sender's total weight.
    out_weight = [sum(row) for row in sim]
    incoming: list[list[tuple[int, float]]] = [
        [(i, sim[i][j] / out_weight[i]) for i in range(n) if sim[i][j] and out_weight[i]]
        for j in range(n)
    ]
    rank = list(prior)
    for _ in range(ITERATIONS):
        new = [
            (1 - DAMPING) * prior[j] + DAMPING * sum(rank[i] * w for i, w in incoming[j])
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
