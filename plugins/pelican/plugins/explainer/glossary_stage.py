"""The glossary stage of the pipeline, after the analysis. No Pelican here.

Loads the glossary entries, finds each explainer's mentions of them, and the
authoring warnings (frequent names with no entry, entries nothing mentions),
which reuse those mentions instead of finding them again.
Mentions are kept apart from the analysis, so a glossary edit never
re-analyses an explainer; with a cache, each result is stored under a key
made of its inputs' keys.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from .batch import blame
from .cache import Cache
from .errors import shown_path
from .glossary import GlossaryEntry, find_mentions, load_glossary
from .glossary_warnings import glossary_warnings
from .pipeline import Explainer


def load_entries(
    directory: Path, files: list[Path], root: Path, cache: Cache | None
) -> tuple[list[GlossaryEntry], str | None]:
    """The glossary entries and their cache key; from the cache when no entry file changed."""
    with blame(shown_path(directory, root)):
        if cache is None:
            return load_glossary(directory, root), None
        where = shown_path(directory, root).encode()
        parts = (p.name.encode() + b"\0" + p.read_bytes() for p in files)
        key = cache.key("glossary", where, *parts)
        entries = cache.get(key)
        if entries is None:
            entries = load_glossary(directory, root)  # raises on a bad entry: nothing stored
            cache.put(key, entries)
        return entries, key


def _cached(
    cache: Cache | None, kind: str, parts: list[str | None], compute: Callable[[], Any]
) -> Any:
    """``compute()``, stored under a key made of other keys (not cached if one is unknown)."""
    if cache is None or any(part is None for part in parts):
        return compute()
    key = cache.key(kind, *(str(part).encode() for part in parts))
    value = cache.get(key, count=False)
    if value is None:
        value = compute()
        cache.put(key, value)
    return value


def add_mentions(
    explainers: list[Explainer],
    entries: list[GlossaryEntry],
    entries_key: str | None,
    cache: Cache | None,
) -> list[str]:
    """Set each explainer's ``glossary_mentions``; return the glossary's warning lines."""
    for ex in explainers:
        with blame(ex.spec.path):
            ex.glossary_mentions = _cached(
                cache,
                "mentions",
                [entries_key, ex.input_key],
                lambda ex=ex: find_mentions(entries, ex.documents),
            )
    docs = {ex.slug: ex.documents for ex in explainers}
    mentions = {ex.slug: ex.glossary_mentions for ex in explainers}
    warnings: list[str] = _cached(
        cache,
        "warnings",
        [entries_key, *(ex.input_key for ex in explainers)],
        lambda: glossary_warnings(entries, docs, mentions=mentions),
    )
    return warnings
