"""Source comparison: which claims the sources share, where they differ, what only one has.

1. **Claims**: every sentence becomes a :class:`~.claims.Statement`, its
   clauses with typed slots (actors, amounts, times, implied dates, status).
2. **Align** (:mod:`.align`): statements of different sources that report
   the same claim, from shared concepts, actors and measures.
3. **Conflicts** (:mod:`.conflicts`): the ordered rule table finds typed
   discrepancies on aligned pairs; pairs that only share a topic are checked
   for times of day and implied dates. A headline or dek is also checked
   against its own source's body.
4. **Group**: aligned pairs with no conflict merge into agreements; conflicts
   of one kind that share a span merge into one discrepancy, so three
   sources give one item with three values.
5. **Coverage**: a body sentence aligned with nothing is found in its source only.
6. **Curation** from the content file: editor's notes, dismissals and
   additions (see :func:`apply_curation`).

Works for any number of sources; with one there is nothing to align.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from typing import Any

from ..items import Cited, Comparison, SourceStats
from ..model import Document, Sentence
from .align import ALIGN, Scorer, align
from .claims import Statement, concept, statement
from .conflicts import DISABLED, WITHIN_SOURCE_RULES, Conflict, Side, conflicts
from .curation import apply_curation
from .grouping import KINDS, group_agreements, merge_differences, merge_repeats
from .values import Value, disagree, match_values, statement_values

__all__ = ["KINDS", "compare", "source_stats", "statements"]

# Rules for pairs that share a topic but not clearly one claim: slots specific enough
# that two of them in one story are about the same event. Aligned pairs get every rule
# of conflicts.RULES; amounts, durations and days are paired value by value (.values).
HEADLINE_AGREES = 0.4
_SUMS_UP = ("headline", "dek")
RELATED_RULES = ("time", "implied date", "role", "title", "same act")


def statements(documents: list[Document], published: date | None = None) -> dict[str, Statement]:
    """Every sentence of every document as a statement with its claims."""
    return {
        s.id: statement(s, d.meta.published or published) for d in documents for s in d.sentences
    }


def _values(
    by_id: dict[str, Statement], documents: list[Document], published: date | None
) -> dict[str, list[Value]]:
    """Every statement's typed values, each read against its own source's year."""
    dates = {d.id: d.meta.published or published for d in documents}
    years = {sid: when.year if when else None for sid, when in dates.items()}
    return {sid: statement_values(st, years[st.source_id]) for sid, st in by_id.items()}


def _distinct(found: list[Conflict]) -> list[Conflict]:
    """One conflict per kind and pair of spans, whichever step found it first."""
    seen: set[tuple] = set()
    out = []
    for c in found:
        key = (c.kind, *sorted(((c.a.sentence_id, c.a.start), (c.b.sentence_id, c.b.start))))
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def _one_count(values: list[Value]) -> bool:
    """Whether a sentence's counts each name a different noun ("180 prisoners", not
    "three died and two are missing"): then a count cannot be taken for another."""
    nouns = [v.noun for v in values if v.family[0] == "count"]
    return None not in nouns and len(nouns) == len(set(nouns))


_VALUE_KIND = {"day": "date", "duration": "duration"}


def _value_side(v: Value) -> Side:
    return Side(v.statement.id, v.start, v.end, v.text)


def _what(v: Value) -> str:
    """What a differing figure measures, in the sentence's own words: the noun it counts
    as written ("the number of passengers"), else its kind; never a stem."""
    if v.noun:
        text = v.statement.sentence.text
        for word in re.findall(r"[A-Za-z][a-z-]+", text[v.end : v.end + 40]):
            if concept(word) == v.noun:
                return f"the number of {word.lower()}"
    return _WHAT_KIND.get(v.family[0], "a figure")


_WHAT_KIND = {"money": "an amount", "percent": "a percentage", "count": "a count"}
# The value comparisons, named like the conflict rules so an ablation can switch them off.
# Clock times are compared by the "time" rule of the registry (conflicts.RULES); a value
# rule for them added nothing on development or first-sight stories and was removed.
VALUE_RULES = {"number": "number values", "date": "date values", "duration": "duration values"}


def _value_conflicts(matched: list[tuple[Value, Value, float]]) -> list[Conflict]:
    """Matched values no single reading satisfies, one conflict each.

    "Same measure" carries over agreeing pairs: when a dek says 6.4, its body
    6.1 and another source 6.1, the other source differs from the dek too.
    """
    agreeing: dict[tuple[str, int], list[tuple[Value, float]]] = defaultdict(list)
    differing = []
    for x, y, score in matched:
        if disagree(x, y):
            differing.append((x, y, score))
        else:
            agreeing[x.ref].append((y, score))
            agreeing[y.ref].append((x, score))
    out = []
    for x, y, score in differing:
        extended = [(x, y, score)]
        extended += [
            (x, z, min(score, s)) for z, s in agreeing[y.ref] if z.source_id != x.source_id
        ]
        extended += [
            (z, y, min(score, s)) for z, s in agreeing[x.ref] if z.source_id != y.source_id
        ]
        for a, b, sure in extended:
            if disagree(a, b):
                kind = _VALUE_KIND.get(a.family[0], "number")
                rule = VALUE_RULES[kind]
                if rule in DISABLED:
                    continue
                side_a, side_b = _value_side(a), _value_side(b)
                out.append(Conflict(kind, _what(a), side_a, side_b, min(1.0, sure), rule))
    return out


def _within_source(
    documents: list[Document], by_id: dict[str, Statement], values_of: dict[str, list[Value]]
) -> tuple[list[Conflict], list[tuple[Value, Value, float]]]:
    """A headline or dek against its own source's body: typed values only."""
    found: list[Conflict] = []
    pairs: list[tuple[Value, Value, float]] = []
    for d in documents:
        heads = [by_id[s.id] for s in (d.headline, d.dek) if s is not None]
        if not heads:
            continue
        body = [by_id[s.id] for s in d.body_sentences]
        scorer = Scorer(heads + body)
        for head in heads:
            for st in body:
                if scorer(head, st) >= ALIGN:
                    found.extend(conflicts(head, st, WITHIN_SOURCE_RULES))
        head_ids = frozenset(st.id for st in heads)
        values = [v for st in heads + body for v in values_of[st.id]]
        matched = match_values(
            values,
            scorer.idf,
            scorer,
            side=lambda v, heads=head_ids: "head" if v.statement.id in heads else "body",
        )
        pairs.extend(matched)
    return found, pairs


def compare(
    documents: list[Document],
    curation: dict[str, Any],
    topics: dict[str, str] | None = None,
    published: date | None = None,
    by_id: dict[str, Statement] | None = None,
) -> Comparison:
    """Align, classify and cover the explainer's sources; then apply curation.

    ``by_id`` is the claim model of every sentence (:func:`statements`) when the
    caller has already built it.
    """
    sentences = {s.id: s for d in documents for s in d.sentences}
    order = {sid: i for i, sid in enumerate(sentences)}
    labels = {d.id: d.meta.label for d in documents}
    comparison = Comparison(only_in={d.id: [] for d in documents})
    topics = topics or {}

    aligned: set[str] = set()
    if len(documents) >= 2:
        by_id = by_id or statements(documents, published)
        scorer = Scorer(list(by_id.values()))
        pairs = align(list(by_id.values()), scorer)
        values_of = _values(by_id, documents, published)
        values = [v for found_values in values_of.values() for v in found_values]
        within, within_pairs = _within_source(documents, by_id, values_of)
        one_claim = frozenset(
            frozenset((p.a.id, p.b.id))
            for p in pairs
            if p.aligned and _one_count(values_of[p.a.id]) and _one_count(values_of[p.b.id])
        )
        matched = match_values(values, scorer.idf, scorer, aligned=one_claim)
        found = _value_conflicts(matched + within_pairs)
        found.extend(within)
        differing = {frozenset((c.a.sentence_id, c.b.sentence_id)) for c in found}
        agreeing: list[tuple[Sentence, Sentence]] = []
        for pair in sorted(pairs, key=lambda p: (-p.score, order[p.a.id], order[p.b.id])):
            a, b = sentences[pair.a.id], sentences[pair.b.id]
            diffs = conflicts(pair.a, pair.b, None if pair.aligned else RELATED_RULES)
            found.extend(diffs)
            # A headline sums up a story: it agrees with a body sentence only when the
            # two say much the same thing.
            loose = (a.role in _SUMS_UP) != (b.role in _SUMS_UP) and pair.score < HEADLINE_AGREES
            if pair.aligned and not loose:
                aligned.update((a.id, b.id))
                if not diffs and frozenset((a.id, b.id)) not in differing:
                    agreeing.append((a, b))
        comparison.discrepancies = merge_differences(_distinct(found), sentences, labels)
        comparison.agreements = group_agreements(agreeing, order)
        _attach_alignment(comparison, {frozenset((p.a.id, p.b.id)): p.p for p in pairs})
        comparison.discrepancies = merge_repeats(comparison.discrepancies, labels)

    differ = {c for d in comparison.discrepancies for c in d.cites}
    for d in documents:
        for s in d.body_sentences:
            if s.id not in aligned and s.id not in differ and len(documents) >= 2:
                topic = topics.get(s.id) or s.section
                comparison.only_in[d.id].append(Cited(s.text, [s.id], topic))
    for item in [*comparison.agreements, *comparison.discrepancies]:
        item.topic = topics.get(item.cites[0])

    apply_curation(comparison, curation or {}, sentences, labels, order)
    return comparison


def _attach_alignment(comparison: Comparison, p_of: dict[frozenset[str], float]) -> None:
    """How surely the cited sentences report one claim, for the publishing step: an
    agreement is as sure as its weakest pair, a discrepancy as its strongest."""
    for a in comparison.agreements:
        pairs = [frozenset((x, y)) for i, x in enumerate(a.cites) for y in a.cites[i + 1 :]]
        a.alignment = min((p_of.get(p, 0.0) for p in pairs), default=0.0)
    for d in comparison.discrepancies:
        pairs = [frozenset((x, y)) for i, x in enumerate(d.cites) for y in d.cites[i + 1 :]]
        d.alignment = max((p_of.get(p, 0.0) for p in pairs), default=0.0)


def source_stats(comparison: Comparison, documents: list[Document]) -> dict[str, SourceStats]:
    """Per-source counts for the source cards; each body sentence counts once.

    A sentence in a discrepancy counts as "differ" even if it also agrees on
    something else; "only" are the sentences no other source reports.
    """
    differ = {c for d in comparison.discrepancies for c in d.cites}
    shared = {c for a in comparison.agreements for c in a.cites} - differ
    only = {c for items in comparison.only_in.values() for i in items for c in i.cites}
    out = {}
    for d in documents:
        ids = [s.id for s in d.body_sentences]
        out[d.id] = SourceStats(
            sentences=len(ids),
            words=d.word_count,
            sections=len(d.headings),
            shared=sum(1 for i in ids if i in shared),
            differ=sum(1 for i in ids if i in differ),
            only=sum(1 for i in ids if i in only and i not in differ and i not in shared),
        )
    return out
