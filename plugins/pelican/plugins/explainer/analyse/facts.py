"""Fact boxes: one fact per quantity claim, labelled by what it measures.

Facts are built on the claim model (:mod:`.claims`, :mod:`.values`):

* every amount of a body clause is a candidate, its ``value`` the amount as
  written (modifiers and units kept) and its ``label`` the words around it
  that say what it measures, cut at phrase boundaries (:mod:`.phrases`);
* times of day, dates, model numbers ("XY-100"), names with a number word
  ("the Three X Trust") and counts of nothing are not facts;
* values the value alignment pairs across sources are one fact: agreeing
  pairs merge, pairs no single reading satisfies make a ``sources-differ``
  fact with each source's value;
* facts are ranked (sources, being disputed, how early the claim comes, what
  kind of figure it is) and the first ``SHOWN`` are ``shown``; the rest are
  the page's "more figures".

Status counts distinct sources; the pipeline then keeps only the cites the
comparison supports. Facts are grouped by topic (:mod:`.topics`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..items import Fact
from ..model import Document, Sentence
from .align import Scorer
from .claims import Statement, statement
from .lexicon.items_en import FURNITURE, NUMBER_WORDS
from .phrases import label_around
from .quantities import find_quantities
from .slots import clock_times
from .topics import assign_topics, fact_heading
from .values import Value, disagree, match_values, statement_values

SHOWN = 8
MAX_FACTS_PER_SOURCE = 200
# How much each signal adds to a fact's rank.
KIND_WEIGHT = {
    "money": 1.0,
    "percent": 1.0,
    "count": 0.6,
    "score": 0.6,
    "duration": 0.4,
    "time": 0.3,
    "date": 0.1,
}
_DATED = re.compile(r"\b(?:from|by|until|in|before|after|since|starting)\s+$", re.IGNORECASE)
_SCORE = re.compile(r"^\d{1,3}[-–]\d{1,3}$")
_CLOCKISH = re.compile(r"^\d{1,2}[.:]\d{2}$|^[0-2]\d[0-5]\d$")


@dataclass
class _Found:
    sentence: Sentence
    value: Value | None  # None for a time of day
    text: str
    kind: str
    label: str
    position: float  # 0 at the top of its source, 1 at the end


def is_furniture(text: str) -> bool:
    """A publish or update stamp, a credit or a share line: never an item."""
    return bool(FURNITURE.match(text))


def _noise(text: str, v: Value) -> bool:
    """A piece of a time, a name or a model number, or a count of nothing."""
    a = v.amount
    assert a is not None
    before, after = text[: a.start], text[a.end :]
    if _CLOCKISH.match(a.text.split()[0]) and not v.noun:
        return True  # "11.30", "9.30 hours": a time of day written with a point
    if a.kind == "duration":
        # "in the first three months of the year" is a period, "tonnes a year" a rate.
        return bool(
            re.search(r"\b(?:first|last|past|next|coming|previous)\s*$", before, re.I)
            or re.match(r"(?:a|an|per)\s", a.text, re.I)
        )
    if a.kind not in ("count", "number"):
        return False
    if _SCORE.match(a.text):
        return False  # a score or a vote tally
    if before[-1:].isalnum() or before[-1:] == "-" or (after[:1] == "-" and after[1:2].isalnum()):
        return True  # letters glued to digits: a model code ("XY-100", "Z900")
    word = a.text.split()[0]
    prev = re.findall(r"[\w’'.-]+", before)[-1:]
    next_word = re.findall(r"[\w’'-]+", after)[:1]
    capital_next = bool(next_word) and next_word[0][:1].isupper()
    if word.lower() in NUMBER_WORDS and word[:1].isupper() and (prev or capital_next):
        return True  # a number word that opens a name ("the Seven X Group")
    after_name = bool(prev) and prev[0][:1].isupper() and len(before.strip()) > len(prev[0])
    lower_next = bool(next_word) and next_word[0][:1].islower()
    if word[:1].isdigit() and after_name and not lower_next:
        return True  # "Boeing 787", "Airbus A320"
    if not v.noun and a.kind == "number":
        return not v.key or (a.exact is not None and a.exact < 10)
    return False


def _collect(
    documents: list[Document], published: date | None, by_id: dict[str, Statement]
) -> list[_Found]:
    found: list[_Found] = []
    for d in documents:
        body = [s for s in d.body_sentences if not is_furniture(s.text)]
        ref = d.meta.published or published
        for i, s in enumerate(body):
            if len(found) >= MAX_FACTS_PER_SOURCE * len(documents):
                break
            st = by_id.get(s.id) or statement(s, ref)
            position = i / max(len(body), 1)
            values = [v for v in statement_values(st, ref.year if ref else None) if v.amount]
            values = [v for v in values if not _noise(s.text, v)]
            spans = [(v.start, v.end) for v in values]
            for v in values:
                assert v.amount is not None
                kind = "score" if _SCORE.match(v.amount.text) else v.amount.kind
                label = label_around(s.text, v.start, v.end, others=spans)
                found.append(_Found(s, v, v.amount.text, kind, label, position))
            for q in find_quantities(s.text):
                # A deadline or a start date: a fact, though never a count.
                if q.kind == "date" or (q.kind == "year" and _DATED.search(s.text[: q.start])):
                    label = label_around(s.text, q.start, q.end, others=spans)
                    found.append(_Found(s, None, q.text, "date", label, position))
            for t in clock_times(s.text):
                label = label_around(s.text, t.start, t.end)
                found.append(_Found(s, None, t.text, "time", label, position))
    return found


class _Groups:
    """Union-find over found values; a group remembers whether its values disagree.

    A group holds one figure per source (repeated words aside): two figures of one
    source are two measures, however the alignment chains them.
    """

    def __init__(self, found: list[_Found]) -> None:
        self.parent = list(range(len(found)))
        self.differ: set[int] = set()
        self.held = {i: {(f.sentence.source_id, f.text.lower())} for i, f in enumerate(found)}

    def can_join(self, i: int, j: int) -> bool:
        a, b = self.held[self.find(i)], self.held[self.find(j)]
        mine = {src: text for src, text in a}
        return all(mine.get(src, text) == text for src, text in b) and len(
            {src for src, _ in a}
        ) == len(a)

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int, differ: bool = False) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)
            self.held[min(a, b)] = self.held[a] | self.held[b]
            if a in self.differ or b in self.differ:
                self.differ.add(min(a, b))
        if differ:
            self.differ.add(self.find(i))


def _same_mention(x: _Found, y: _Found) -> bool:
    """One figure repeated in one source: same words and something measured in common."""
    if x.text.lower() != y.text.lower() or x.value is None or y.value is None:
        return False
    return bool(x.value.key & y.value.key) or (
        x.value.noun is not None and x.value.noun == y.value.noun
    )


def _group(found: list[_Found]) -> _Groups:
    groups = _Groups(found)
    index = {f.value.ref: i for i, f in enumerate(found) if f.value is not None}
    values = [f.value for f in found if f.value is not None]
    if len({v.source_id for v in values}) > 1:
        scorer = Scorer(list({id(v.statement): v.statement for v in values}.values()))
        for x, y, _ in match_values(values, scorer.idf, scorer):
            i, j = index[x.ref], index[y.ref]
            if groups.can_join(i, j):
                groups.union(i, j, differ=disagree(x, y))
    for i, x in enumerate(found):
        for j in range(i):
            y = found[j]
            same_source = x.sentence.source_id == y.sentence.source_id
            if (_same_mention(x, y) if same_source else _same_figure(x, y)) and groups.can_join(
                i, j
            ):
                groups.union(i, j)
    return groups


def _same_figure(x: _Found, y: _Found) -> bool:
    """One stated figure with its unit in two sources ("145%" and "up to 145%").

    The value alignment needs shared words around a figure, which a machine
    translation may not keep; a figure with the same unit and the same stated
    number is one fact when neither has found a partner in the other's source.
    """
    if x.value is None or y.value is None or x.value.amount is None or y.value.amount is None:
        return x.kind == y.kind == "date" and x.text.lower() == y.text.lower()
    a, b = x.value.amount, y.value.amount
    if a.kind != b.kind or a.exact is None or a.exact != b.exact or a.unit != b.unit:
        return False
    return a.kind in ("money", "percent") or (x.value.noun is not None and a.exact >= 10)


def _status(sources: list[str], differ: bool, total: int) -> str:
    if differ:
        return "sources-differ"
    if len(sources) <= 1 or total <= 1:
        return "one-source"
    return "all-sources" if len(sources) >= total else "some-sources"


# A figure only a machine translation gives ranks below one an original gives: its
# wording, and so its label, is the least reliable on the page.
TRANSLATION_ONLY = 1.5


def _rank(members: list[_Found], sources: int, differ: bool, translation: bool) -> float:
    first = members[0]
    centrality = 1.0 - min(m.position for m in members)
    named = first.value is not None and bool(first.value.noun or first.value.key)
    rank = 2.0 * sources + 1.5 * differ + centrality + KIND_WEIGHT.get(first.kind, 0.2) + named
    return rank - TRANSLATION_ONLY * translation


def facts(
    documents: list[Document],
    topics: dict[str, str] | None = None,
    published: date | None = None,
    statements: dict[str, Statement] | None = None,
) -> list[Fact]:
    """Every quantity claim worth a fact box, merged across sources, ranked and grouped.

    ``statements`` is the claim model the pipeline built once for every analysis.
    """
    topics = assign_topics(documents) if topics is None else topics
    kinds = {d.id: d.meta.kind for d in documents}
    found = _collect(documents, published, statements or {})
    groups = _group(found)
    members: dict[int, list[_Found]] = {}
    for i, f in enumerate(found):
        members.setdefault(groups.find(i), []).append(f)
    out: list[tuple[float, Fact]] = []
    for root, group in members.items():
        # An original source's wording comes first; a machine translation's backs it up.
        group.sort(key=lambda m: kinds.get(m.sentence.source_id) == "translation")
        first = group[0]
        sources = list(dict.fromkeys(m.sentence.source_id for m in group))
        differ = root in groups.differ
        values: dict[str, str] = {}
        if differ:
            for m in group:
                values.setdefault(m.sentence.source_id, m.text)
        fact = Fact(
            topic=topics.get(first.sentence.id, ""),
            label=first.label or first.text,
            value=first.text,
            status=_status(sources, differ, len(documents)),  # type: ignore[arg-type]
            cites=list(dict.fromkeys(m.sentence.id for m in group)),
            kind=first.kind,
            values=values,
            translation=all(kinds.get(s) == "translation" for s in sources),
        )
        out.append((_rank(group, len(sources), differ, fact.translation), fact))
    ranked = sorted(range(len(out)), key=lambda i: -out[i][0])
    for place, i in enumerate(ranked):
        out[i][1].shown = place < SHOWN
    result = [f for _, f in out]
    _headings(result)
    _distinct_labels(result, found)
    order: dict[str, int] = {}
    for f in result:
        order.setdefault(f.topic, len(order))
    return sorted(result, key=lambda f: order[f.topic])  # stable: reading order within topic


def _headings(result: list[Fact]) -> None:
    """A topic heading stays only when it describes its facts; else one is taken from them."""
    by_topic: dict[str, list[Fact]] = {}
    for f in result:
        by_topic.setdefault(f.topic, []).append(f)
    for topic, group in by_topic.items():
        heading = fact_heading(topic, [f.label for f in group])
        for f in group:
            f.topic = heading


def _distinct_labels(result: list[Fact], found: list[_Found]) -> None:
    """Two facts of one topic never share a label: the repeated one says more."""
    seen: dict[tuple[str, str], Fact] = {}
    by_cite = {(f.sentence.id, f.text): f for f in found}
    for fact in result:
        key = (fact.topic, fact.label.lower())
        if key in seen:
            src = by_cite.get((fact.cites[0], fact.value))
            if src is not None and src.value is not None:
                text = src.sentence.text
                wider = label_around(text, src.value.start, src.value.end, budget=14)
                if wider.lower() != fact.label.lower():
                    fact.label = wider
            key = (fact.topic, fact.label.lower())
        seen.setdefault(key, fact)
