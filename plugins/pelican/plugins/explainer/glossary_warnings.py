"""Authoring help for the glossary: names the sources use often that have no entry.

Kept apart from :mod:`.glossary`, which loads entries and finds their
mentions: these warnings only advise authors and never change the site.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from .glossary import (
    SHORT_TARGET_WORDS,
    GlossaryEntry,
    Mention,
    TermMatcher,
    find_mentions,
    fold,
    separator,
    word_tokens,
)
from .model import Document

# Function words: a capital on one of these marks a sentence start, not a name.
_STOPWORD_TEXT = """
    a an the and or but nor of in on at to for from by with as is are was were be been
    this that these those it its he she they we you i his her their our your after before
    during while when where which who whom whose what why how if then than so not no yes
    despite however under over into onto about above below between among through since until
    also both each every all any some most more many much such there here"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_CONNECTORS = frozenset({"of", "and", "for", "de", "la", "du", "van", "von"})
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*$")


def _candidate_runs(text: str, covered: list[Mention], lower_words: set[str]) -> Iterator[str]:
    """Acronyms and runs of two or more capitalised words outside known mentions."""
    every = word_tokens(text)
    first = every[0].start() if every else 0
    toks = [t for t in every if not any(m.start <= t.start() < m.end for m in covered)]
    run: list[re.Match[str]] = []

    def close() -> Iterator[str]:
        while run and fold(run[-1].group()) in _STOPWORDS:
            run.pop()  # "Bank of" -> "Bank"
        if len(run) >= 2:
            yield text[run[0].start() : run[-1].end()]
        run.clear()

    for tok in toks:
        word = tok.group()
        if _ACRONYM.match(word):
            yield word
        if run and separator(text[run[-1].end() : tok.start()]) != " ":
            yield from close()
        # A capital that only marks the start of the sentence is no evidence.
        starts = tok.start() == first and (fold(word) in _STOPWORDS or fold(word) in lower_words)
        proper = word[:1].isupper() and not starts
        if proper or (run and fold(word) in _CONNECTORS):
            run.append(tok)
        else:
            yield from close()
    yield from close()


def _phrase_count(phrase: str, texts: list[str]) -> int:
    pattern = re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)")
    return sum(len(pattern.findall(text)) for text in texts)


def _split_lists(name: str, texts: list[str]) -> list[str]:
    """ "Alpha and Beta" is two names when each also occurs on its own more often
    than together; "Bosnia and Herzegovina" stays one."""
    sides = [side.strip() for side in name.split(" and ")]
    if len(sides) < 2 or not all(sides):
        return [name]
    together = _phrase_count(name, texts)
    if all(_phrase_count(side, texts) > together for side in sides):
        return [side for side in sides if len(side.split()) >= 2]
    return [name]


def candidate_terms(
    entries: list[GlossaryEntry], documents: list[Document], min_count: int = 2
) -> list[tuple[str, int]]:
    """Acronyms and multi-word proper names the documents use often, with no entry."""
    matcher = TermMatcher(entries)
    sentences = [s for d in documents for s in d.sentences if s.role != "headline"]
    texts = [s.text for s in sentences]
    lower_words = {
        fold(t.group()) for text in texts for t in word_tokens(text) if t.group().islower()
    }
    counts: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    for text in texts:
        covered = matcher.find(text)
        for run in _candidate_runs(text, covered, lower_words):
            for name in _split_lists(run, texts):
                key = fold(name)
                counts[key] += 1
                spelling.setdefault(key, name)
    found = [(spelling[k], n) for k, n in counts.items() if n >= min_count]
    return sorted(found, key=lambda item: (-item[1], fold(item[0])))


# Names an author might define: a suggestion, logged as information, not a warning (a
# site's sources always name places and titles no glossary needs).
SUGGESTION = "frequent terms without a glossary entry"


def glossary_warnings(
    entries: list[GlossaryEntry],
    documents_by_explainer: dict[str, list[Document]],
    min_count: int = 2,
    mentions: dict[str, dict[str, list[str]]] | None = None,
) -> list[str]:
    """One-line build warnings that help an author keep the glossary useful.

    * candidate terms (acronyms, multi-word proper names) used at least
      ``min_count`` times in one explainer's sources with no entry;
    * entries no explainer's sources mention;
    * short definitions longer than the popover target.

    ``mentions``: each explainer's mentions (``find_mentions``), when the
    caller has them already; otherwise they are found here.
    """
    warnings: list[str] = []
    for entry in entries:
        if entry.short_words > SHORT_TARGET_WORDS:
            warnings.append(
                f"{entry.path}: short definition of '{entry.term}' is {entry.short_words} "
                f"words; aim for about {SHORT_TARGET_WORDS}"
            )
    mentioned: set[str] = set()
    for slug in sorted(documents_by_explainer):
        documents = documents_by_explainer[slug]
        found = mentions.get(slug) if mentions is not None else None
        mentioned.update(find_mentions(entries, documents) if found is None else found)
        candidates = candidate_terms(entries, documents, min_count)
        if candidates:
            listed = ", ".join(f"{name} ({count})" for name, count in candidates)
            warnings.append(f"explainer {slug}: {SUGGESTION}: {listed}")
    for entry in entries:
        if entry.slug not in mentioned:
            warnings.append(f"{entry.path}: no explainer's sources mention '{entry.term}'")
    return warnings
