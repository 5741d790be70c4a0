"""TF-IDF sentence vectors and cosine similarity over stemmed content words.

Small and dependency-free: a sentence becomes a sparse ``{stem: weight}``
mapping. IDF is computed over the sentences given, so words every sentence
shares (the story's subject) weigh little and distinctive words weigh a lot.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping

from .tokens import content_words

Vector = dict[str, float]


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
    return {w: c * weights.get(w, 1.0) for w, c in counts.items()}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b.get(w, 0.0) for w, v in a.items())
    if not dot:
        return 0.0
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb)


def sentence_vectors(texts: Mapping[str, str]) -> dict[str, Vector]:
    """TF-IDF vector for each ``{id: text}``, IDF taken over all of them."""
    bags = {key: content_words(text) for key, text in texts.items()}
    weights = idf(bags.values())
    return {key: vector(bag, weights) for key, bag in bags.items()}
