"""Memoise per-sentence text features.

Alignment and difference rules look at the same sentence many times (once
per candidate pair); tokenising it once keeps the cost linear in sentences.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps
from typing import TypeVar

T = TypeVar("T")


def per_text(fn: Callable[[str], list[T]]) -> Callable[[str], list[T]]:
    """Cache a pure ``text -> list`` function; callers get their own list copy."""
    cached = lru_cache(maxsize=32768)(lambda text: tuple(fn(text)))

    @wraps(fn)
    def wrapper(text: str) -> list[T]:
        return list(cached(text))

    wrapper.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
    return wrapper
