"""Fact boxes: the quantities a reader needs, each with the claim it belongs to.

Quantities come from :func:`.quantities.find_quantities` (percentages,
money, counts, durations, years, dates). Each becomes a fact whose
``value`` is the quantity exactly as written and whose ``label`` is the
clause around it. Facts are then matched across sources:

* the same *role* (kind plus unit or counted noun, e.g. count/"agreement")
  with the same value and shared context words is one fact, citing every
  sentence that gives it;
* the same role with *different* values and clearly overlapping context
  ("two workers were injured" / "three workers were injured") is one fact
  with status ``sources-differ`` and each source's value in ``values``.

Status counts distinct sources: all of them, some, or one. Facts are grouped
by the topic of their first sentence (:mod:`.topics`), topics in order of
first appearance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..items import Fact
from ..model import Document, Sentence
from .clauses import clause_around
from .quantities import Quantity, find_quantities
from .tokens import content_words, stem
from .topics import assign_topics

# A count after these words refers back to things already named ("the two countries").
_ANAPHORIC = re.compile(
    r"\b(?:the|these|those|both|its|their|his|her|our|my|your|all|other)\s+$", re.IGNORECASE
)
# Values closer than this (relative) are the same number written differently.
_SAME = 0.005
MAX_FACTS_PER_SOURCE = 200


@dataclass
class _Found:
    sentence: Sentence
    q: Quantity
    label: str
    context: frozenset[str]  # stems of the label, numbers and unit left out
    sentence_context: frozenset[str]
    topic: str


@dataclass
class _Group:
    members: list[_Found] = field(default_factory=list)
    differ: bool = False

    @property
    def first(self) -> _Found:
        return self.members[0]

    @property
    def sources(self) -> list[str]:
        seen: list[str] = []
        for m in self.members:
            if m.sentence.source_id not in seen:
                seen.append(m.sentence.source_id)
        return seen


def _role(q: Quantity) -> tuple[str, str]:
    if q.kind == "count" and q.unit:
        return (q.kind, stem(q.unit))
    return (q.kind, (q.unit or "").lower())


def _same_value(a: Quantity, b: Quantity) -> bool:
    if a.value is None or b.value is None:
        if a.value is None and b.value is None:
            return a.text.lower() == b.text.lower() or a.kind == "count"
        return False
    if a.kind == "date":
        return " ".join(a.text.lower().split()) == " ".join(b.text.lower().split())
    if (a.high or a.value) != (b.high or b.value):
        return False
    scale = max(abs(a.value), abs(b.value), 1e-9)
    return abs(a.value - b.value) / scale <= _SAME


def _wanted(s: Sentence, q: Quantity) -> bool:
    if q.kind in ("count", "number") and _ANAPHORIC.search(s.text[: q.start]):
        return False
    if q.kind == "duration" and q.value is None:
        return False  # "several weeks": too vague for a fact box
    return not (q.kind == "number" and q.value is not None and q.value < 10 and not q.high)


def _collect(documents: list[Document], topics: dict[str, str]) -> list[_Found]:
    found: list[_Found] = []
    for d in documents:
        n = 0
        for s in d.body_sentences:
            sentence_context = frozenset(content_words(s.text))
            for q in find_quantities(s.text):
                if not _wanted(s, q) or n >= MAX_FACTS_PER_SOURCE:
                    continue
                n += 1
                label = clause_around(s.text, q.start, q.end)
                noise = set(content_words(q.text)) | ({stem(q.unit)} if q.unit else set())
                context = frozenset(w for w in content_words(label) if w not in noise)
                found.append(_Found(s, q, label, context, sentence_context, topics.get(s.id, "")))
    return found


def _related(a: _Found, b: _Found, strict: bool) -> bool:
    """Do two mentions speak of the same thing? Stricter when their values differ."""
    shared_label = len(a.context & b.context)
    if strict:
        return shared_label >= 2 or (shared_label >= 1 and a.topic == b.topic)
    shared_sentence = len((a.sentence_context & b.sentence_context) - {_role(a.q)[1]})
    return shared_label >= 1 or shared_sentence >= 2


def _group(found: list[_Found]) -> list[_Group]:
    groups: list[_Group] = []
    for f in found:
        for g in groups:
            if _role(g.first.q) != _role(f.q) or not _same_value(g.first.q, f.q):
                continue
            same_source = f.sentence.source_id in g.sources
            if same_source or any(_related(m, f, strict=False) for m in g.members):
                g.members.append(f)
                break
        else:
            groups.append(_Group([f]))
    # Same role, different numbers, disjoint sources, clearly the same claim: sources differ.
    merged: list[_Group] = []
    for g in groups:
        target = None
        if g.first.q.value is not None and g.first.q.kind not in ("date", "year"):
            for h in merged:
                if (
                    _role(h.first.q) == _role(g.first.q)
                    and _role(g.first.q)[1]  # a bare number has no role to compare
                    and h.first.q.value is not None
                    and not set(h.sources) & set(g.sources)
                    and _related(h.first, g.first, strict=True)
                ):
                    target = h
                    break
        if target is None:
            merged.append(g)
        else:
            target.members.extend(g.members)
            target.differ = True
    return merged


def _status(g: _Group, total: int) -> str:
    if g.differ:
        return "sources-differ"
    n = len(g.sources)
    if n <= 1 or total <= 1:
        return "one-source"
    return "all-sources" if n >= total else "some-sources"


def facts(documents: list[Document], topics: dict[str, str] | None = None) -> list[Fact]:
    """Every quantity worth a fact box, matched across sources and grouped by topic."""
    topics = assign_topics(documents) if topics is None else topics
    groups = _group(_collect(documents, topics))
    out: list[Fact] = []
    for g in groups:
        first = g.first
        values: dict[str, str] = {}
        if g.differ:
            for m in g.members:
                values.setdefault(m.sentence.source_id, m.q.text)
        cites: list[str] = []
        for m in g.members:
            if m.sentence.id not in cites:
                cites.append(m.sentence.id)
        out.append(
            Fact(
                topic=first.topic or "Other details",
                label=first.label,
                value=first.q.text,
                status=_status(g, len(documents)),  # type: ignore[arg-type]
                cites=cites,
                kind=first.q.kind,
                values=values,
            )
        )
    topic_order: dict[str, int] = {}
    for f in out:
        topic_order.setdefault(f.topic, len(topic_order))
    return sorted(out, key=lambda f: topic_order[f.topic])  # stable: reading order within topic
