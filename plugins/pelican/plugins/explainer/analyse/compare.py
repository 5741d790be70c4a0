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

from collections import defaultdict
from datetime import date
from typing import Any

from ..errors import InputError
from ..items import Agreement, Cited, Comparison, Discrepancy, SourceStats
from ..model import Document, Sentence
from ..parse.markdown import render_inline
from .align import ALIGN, Scorer, align
from .claims import Statement, statement
from .conflicts import WITHIN_SOURCE_RULES, Conflict, Side, conflicts
from .values import Value, disagree, match_values, statement_values

KINDS = ("number", "name", "status", "date", "time", "duration", "negation", "wording")
# Rules for pairs that share a topic but not clearly one claim: slots specific enough
# that two of them in one story are about the same event. Aligned pairs get every rule
# of conflicts.RULES; amounts, durations and days are paired value by value (.values).
HEADLINE_AGREES = 0.4
RELATED_RULES = ("time", "implied date", "role", "agent", "title", "same act", "negated act")


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _quote(text: str) -> str:
    return f"“{' '.join(text.split())}”"


_SUMMARY = {
    "number": "Sources differ on {what}",
    "duration": "Sources differ on how long",
    "time": "Sources differ on the time of day",
    "date": "Sources differ on when",
    "name": "Sources name different parties",
    "status": "Sources differ on how far this has gone",
    "negation": "One source says this happened, another says it did not",
    "wording": "Sources give the same number for different things",
}


def _summary(diff_kind: str, what: str, values: dict[str, str], labels: dict[str, str]) -> str:
    said = "; ".join(f"{labels[src]} says {_quote(v)}" for src, v in values.items())
    head = _SUMMARY.get(diff_kind, "Sources differ").format(
        what=what if what != "figure" else "a figure"
    )
    return f"{head}: {said}."


def _merge_differences(
    found: list[Conflict], sentences: dict[str, Sentence], labels: dict[str, str]
) -> list[Discrepancy]:
    """One discrepancy per kind and differing span, across any number of sources.

    A difference joins an earlier one of the same kind when they share a
    span and it brings a source that group does not have yet; so with three
    sources, "A says 12, B says 12, C says 15" becomes one discrepancy.
    """
    order = {sid: i for i, sid in enumerate(sentences)}
    groups: list[tuple[str, str, list[Side]]] = []  # (kind, what, spans)
    confidence: list[float] = []
    group_sources: list[set[str]] = []
    # (kind, sentence id, span start) -> groups holding that span, oldest first:
    # each difference looks only at groups it could join, not at all of them.
    holding: dict[tuple[str, str, int], list[int]] = defaultdict(list)

    def add(gi: int, span: Side) -> None:
        groups[gi][2].append(span)
        group_sources[gi].add(sentences[span.sentence_id].source_id)
        holding[(groups[gi][0], span.sentence_id, span.start)].append(gi)

    def join(gi: int, d: Conflict) -> bool:
        """Add d's other span to group gi if gi holds one side and lacks the other's source."""
        for have, new in ((d.a, d.b), (d.b, d.a)):
            held = gi in holding[(d.kind, have.sentence_id, have.start)]
            if held and sentences[new.sentence_id].source_id not in group_sources[gi]:
                add(gi, new)
                return True
        return False

    for d in found:
        near = {*holding[(d.kind, d.a.sentence_id, d.a.start)]}
        near.update(holding[(d.kind, d.b.sentence_id, d.b.start)])
        joined = next((gi for gi in sorted(near) if join(gi, d)), None)
        if joined is not None:
            confidence[joined] = max(confidence[joined], d.confidence)
        else:
            groups.append((d.kind, d.what, []))
            group_sources.append(set())
            confidence.append(d.confidence)
            add(len(groups) - 1, d.a)
            add(len(groups) - 1, d.b)
    out: list[Discrepancy] = []
    for (kind, what, spans), sure in zip(groups, confidence, strict=True):
        ordered = sorted(spans, key=lambda s: (order[s.sentence_id], s.start))
        values: dict[str, str] = {}
        for span in ordered:
            src = sentences[span.sentence_id].source_id
            values[src] = f"{values[src]} / {span.text}" if src in values else span.text
        out.append(
            Discrepancy(
                kind=kind,  # type: ignore[arg-type]
                summary=_summary(kind, what, values, labels),
                cites=list(dict.fromkeys(s.sentence_id for s in ordered)),
                values=values,
                marks={s.sentence_id: (s.start, s.end) for s in reversed(ordered)},
                confidence=round(sure, 2),
                within_source=len({sentences[c].source_id for c in cites_of(ordered)}) == 1,
            )
        )
    out.sort(key=lambda d: (-d.confidence, min(order[c] for c in d.cites), KINDS.index(d.kind)))
    return out


def cites_of(spans: list[Side]) -> list[str]:
    return list(dict.fromkeys(s.sentence_id for s in spans))


def _agreements(pairs: list[tuple[Sentence, Sentence]], order: dict[str, int]) -> list[Agreement]:
    """Agreeing pairs as agreements; pairs sharing a sentence merge into one row.

    A group holds at most one sentence per source, so three sources that agree
    give one agreement with three cites, while a chain of loose matches
    within two sources does not snowball into one big group. Groups quoting
    the same sentence are then shown as one row.
    """
    groups: list[list[Sentence]] = []
    where: dict[str, list[int]] = defaultdict(list)
    for a, b in pairs:  # strongest first
        joined = False
        for s, other in ((a, b), (b, a)):
            for gi in where[s.id]:
                group = groups[gi]
                if other in group:
                    joined = True
                elif all(m.source_id != other.source_id for m in group):
                    group.append(other)
                    where[other.id].append(gi)
                    joined = True
                if joined:
                    break
            if joined:
                break
        if not joined:
            groups.append([a, b])
            where[a.id].append(len(groups) - 1)
            where[b.id].append(len(groups) - 1)
    # The shortest sentence states the shared claim with the least extra.
    rows = [
        Agreement(
            summary=min(group, key=lambda s: (len(s.text), order[s.id])).text,
            cites=[s.id for s in group],
        )
        for group in groups
    ]
    return _merge_rows(rows, order)


def _merge_rows(rows: list[Agreement], order: dict[str, int]) -> list[Agreement]:
    """Rows quoting the same sentence state one claim: merge their cites, sort."""
    merged: dict[str, Agreement] = {}
    for row in rows:
        if row.summary in merged:
            merged[row.summary].cites.extend(row.cites)
        else:
            merged[row.summary] = Agreement(row.summary, list(row.cites), row.topic)
    out = list(merged.values())
    for row in out:
        row.cites = sorted(set(row.cites), key=order.__getitem__)
    out.sort(key=lambda a: (order[a.cites[0]], a.cites))
    return out


def statements(documents: list[Document], published: date | None = None) -> dict[str, Statement]:
    """Every sentence of every document as a statement with its claims."""
    return {
        s.id: statement(s, d.meta.published or published) for d in documents for s in d.sentences
    }


def _year(st: Statement, documents: list[Document], published: date | None) -> int | None:
    meta = next(d.meta for d in documents if d.id == st.source_id)
    when = meta.published or published
    return when.year if when else None


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


_VALUE_KIND = {"day": "date", "duration": "duration"}


def _value_side(v: Value) -> Side:
    return Side(v.statement.id, v.start, v.end, v.text)


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
                what = " ".join(sorted(a.key & b.key)[:3]) or "figure"
                out.append(Conflict(kind, what, _value_side(a), _value_side(b), min(1.0, sure)))
    return out


def _within_source(
    documents: list[Document], by_id: dict[str, Statement]
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
        year = d.meta.published.year if d.meta.published else None
        values = [v for st in heads + body for v in statement_values(st, year)]
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
) -> Comparison:
    """Align, classify and cover the explainer's sources; then apply curation."""
    sentences = {s.id: s for d in documents for s in d.sentences}
    order = {sid: i for i, sid in enumerate(sentences)}
    labels = {d.id: d.meta.label for d in documents}
    comparison = Comparison(only_in={d.id: [] for d in documents})
    topics = topics or {}

    aligned: set[str] = set()
    if len(documents) >= 2:
        by_id = statements(documents, published)
        found: list[Conflict] = []
        agreeing: list[tuple[Sentence, Sentence]] = []
        scorer = Scorer(list(by_id.values()))
        pairs = align(list(by_id.values()), scorer)
        values = [
            v
            for st in by_id.values()
            for v in statement_values(st, _year(st, documents, published))
        ]
        within, within_pairs = _within_source(documents, by_id)
        found = _value_conflicts(match_values(values, scorer.idf, scorer) + within_pairs)
        found.extend(within)
        differing = {frozenset((c.a.sentence_id, c.b.sentence_id)) for c in found}
        agreeing: list[tuple[Sentence, Sentence]] = []
        for pair in sorted(pairs, key=lambda p: (-p.score, order[p.a.id], order[p.b.id])):
            a, b = sentences[pair.a.id], sentences[pair.b.id]
            diffs = conflicts(pair.a, pair.b, None if pair.aligned else RELATED_RULES)
            found.extend(diffs)
            # A headline sums up a story: it agrees with a body sentence only when the
            # two say much the same thing.
            loose = (a.role == "headline") != (
                b.role == "headline"
            ) and pair.score < HEADLINE_AGREES
            if pair.aligned and not loose:
                aligned.update((a.id, b.id))
                if not diffs and frozenset((a.id, b.id)) not in differing:
                    agreeing.append((a, b))
        comparison.discrepancies = _merge_differences(_distinct(found), sentences, labels)
        comparison.agreements = _agreements(agreeing, order)

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


# -- curation ----------------------------------------------------------------------


def _cites(entry: Any, what: str, sentences: dict[str, Sentence]) -> list[str]:
    if not isinstance(entry, dict) or not isinstance(entry.get("cites"), list | str):
        raise InputError(None, f"curation comparison: each {what} entry needs a 'cites' list")
    cites = [entry["cites"]] if isinstance(entry["cites"], str) else entry["cites"]
    if not cites:
        raise InputError(None, f"curation comparison: a {what} entry has an empty 'cites' list")
    for cid in cites:
        if str(cid) not in sentences:
            raise InputError(None, f"curation comparison: unknown sentence id '{cid}'")
    return [str(c) for c in cites]


def _find(discrepancies: list[Discrepancy], cites: list[str], what: str) -> Discrepancy:
    for d in discrepancies:
        if set(cites) <= set(d.cites):
            return d
    raise InputError(
        None,
        f"curation comparison: {what} cites {', '.join(cites)}, "
        "but no discrepancy cites all of those sentences",
    )


def apply_curation(
    comparison: Comparison,
    curation: dict[str, Any],
    sentences: dict[str, Sentence],
    labels: dict[str, str],
    order: dict[str, int],
) -> None:
    """Apply the content file's ``curation: comparison:`` mapping in place.

    - ``dismiss: [{cites}]`` removes the discrepancy citing all those
      sentences; an editor judged the sources consistent there, so it becomes
      an agreement citing the same sentences.
    - ``add: [{kind, summary, cites, values, note}]`` adds a discrepancy the
      rules missed (``curated=True``).
    - ``notes: [{cites, note}]`` attaches a Markdown note to the discrepancy
      citing all those sentences (including added ones).
    """
    if not isinstance(curation, dict):
        raise InputError(None, "curation comparison: expected a mapping")
    unknown = sorted(set(curation) - {"notes", "dismiss", "add"})
    if unknown:
        raise InputError(None, f"curation comparison: unknown key '{unknown[0]}'")

    for entry in curation.get("dismiss") or []:
        cites = _cites(entry, "dismiss", sentences)
        d = _find(comparison.discrepancies, cites, "dismiss")
        comparison.discrepancies.remove(d)
        summary = min((sentences[c] for c in d.cites), key=lambda s: len(s.text)).text
        comparison.agreements.append(Agreement(summary=summary, cites=d.cites, topic=d.topic))
    comparison.agreements = _merge_rows(comparison.agreements, order)

    for entry in curation.get("add") or []:
        cites = _cites(entry, "add", sentences)
        kind = entry.get("kind")
        if kind not in KINDS:
            raise InputError(
                None, f"curation comparison: add kind must be one of {', '.join(KINDS)}"
            )
        values = entry.get("values") or {}
        if not isinstance(values, dict) or any(k not in labels for k in values):
            raise InputError(None, "curation comparison: add values must map source ids to text")
        values = {str(k): str(v) for k, v in values.items()}
        summary = entry.get("summary") or _summary(kind, "figure", values, labels)
        comparison.discrepancies.append(
            Discrepancy(
                kind=kind,
                summary=str(summary),
                cites=cites,
                values=values,
                curated=True,
                marks=_marks_for(values, cites, sentences),
            )
        )
        _set_note(comparison.discrepancies[-1], entry.get("note"))
        _drop_agreement(comparison, set(cites))

    for entry in curation.get("notes") or []:
        cites = _cites(entry, "notes", sentences)
        if not entry.get("note"):
            raise InputError(None, "curation comparison: a notes entry needs a 'note'")
        _set_note(_find(comparison.discrepancies, cites, "note"), entry["note"])


def _drop_agreement(comparison: Comparison, cites: set[str]) -> None:
    """An editor's added discrepancy: its sentences no longer agree with each other."""
    kept = []
    for a in comparison.agreements:
        if len(cites & set(a.cites)) >= 2:
            a.cites = [c for c in a.cites if c not in cites] + [c for c in a.cites if c in cites][
                :1
            ]
        if len(a.cites) >= 2:
            kept.append(a)
    comparison.agreements = kept


def _marks_for(
    values: dict[str, str], cites: list[str], sentences: dict[str, Sentence]
) -> dict[str, tuple[int, int]]:
    """Highlight each value where it occurs verbatim in a cited sentence of its source."""
    marks = {}
    for cid in cites:
        s = sentences[cid]
        value = values.get(s.source_id)
        if value and value in s.text:
            start = s.text.index(value)
            marks[cid] = (start, start + len(value))
    return marks


def _set_note(d: Discrepancy, note: Any) -> None:
    if note:
        d.note = str(note)
        d.note_html = render_inline(d.note)


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
