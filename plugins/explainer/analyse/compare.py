"""Source comparison: which claims the sources share, where they differ, what only one has.

1. **Align**: body sentences of different sources are paired by
   :mod:`.similarity` (TF-IDF cosine with numbers and names weighted up).
2. **Classify** each aligned pair with the general rules of
   :mod:`.differences`; a pair with no difference found agrees.
3. **Group**: agreeing pairs that share a sentence merge into one agreement,
   and differences of one kind that share a span merge into one discrepancy,
   so three sources give one item with three values, not three items.
4. **Coverage**: a body sentence aligned with nothing is reported as found in
   its source only, under its topic.
5. **Curation** from the content file: editor's notes, dismissals and
   additions (see :func:`apply_curation`).

Works for any number of sources; with one there is nothing to align.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..errors import InputError
from ..items import Agreement, Cited, Comparison, Discrepancy, SourceStats
from ..model import Document, Sentence
from ..parse.markdown import render_inline
from .differences import Difference, Span, differences
from .similarity import SentenceIndex, aligned_pairs, make_unit
from .topics import assign_topics

# Two sentences scoring at least this (boosted TF-IDF cosine) report the same thing.
ALIGN_THRESHOLD = 0.18
KINDS = ("number", "name", "status", "wording")


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


def _summary(diff_kind: str, what: str, values: dict[str, str], labels: dict[str, str]) -> str:
    said = "; ".join(f"{labels[src]} says {_quote(v)}" for src, v in values.items())
    if diff_kind == "number":
        topic = "how many " + what if what != "figure" else "a figure"
        return f"Sources differ on {topic}: {said}."
    if diff_kind == "wording":
        return f"Sources give the same number for different things: {said}."
    if diff_kind == "name":
        return f"Sources name different parties: {said}."
    return f"Sources differ on how far this has gone: {said}."


def _merge_differences(
    found: list[Difference], sentences: dict[str, Sentence], labels: dict[str, str]
) -> list[Discrepancy]:
    """One discrepancy per kind and differing span, across any number of sources.

    A difference joins an earlier one of the same kind when they share a
    span and it brings a source that group does not have yet; so with three
    sources, "A says 12, B says 12, C says 15" becomes one discrepancy.
    """
    order = {sid: i for i, sid in enumerate(sentences)}
    groups: list[tuple[str, str, list[Span]]] = []  # (kind, what, spans)
    group_sources: list[set[str]] = []
    # (kind, sentence id, span start) -> groups holding that span, oldest first:
    # each difference looks only at groups it could join, not at all of them.
    holding: dict[tuple[str, str, int], list[int]] = defaultdict(list)

    def add(gi: int, span: Span) -> None:
        groups[gi][2].append(span)
        group_sources[gi].add(sentences[span.sentence_id].source_id)
        holding[(groups[gi][0], span.sentence_id, span.start)].append(gi)

    def join(gi: int, d: Difference) -> bool:
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
        if not any(join(gi, d) for gi in sorted(near)):
            groups.append((d.kind, d.what, []))
            group_sources.append(set())
            add(len(groups) - 1, d.a)
            add(len(groups) - 1, d.b)
    out: list[Discrepancy] = []
    for kind, what, spans in groups:
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
            )
        )
    out.sort(key=lambda d: (min(order[c] for c in d.cites), KINDS.index(d.kind), d.cites))
    return out


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


def _topics(documents: list[Document]) -> dict[str, str]:
    return assign_topics(documents)


def compare(documents: list[Document], curation: dict[str, Any]) -> Comparison:
    """Align, classify and cover the explainer's sources; then apply curation."""
    sentences = {s.id: s for d in documents for s in d.sentences}
    body = [s for d in documents for s in d.body_sentences]
    order = {sid: i for i, sid in enumerate(sentences)}
    labels = {d.id: d.meta.label for d in documents}
    comparison = Comparison(only_in={d.id: [] for d in documents})

    aligned: set[str] = set()
    if len(documents) >= 2:
        index = SentenceIndex([make_unit(s.id, s.source_id, s.text) for s in body])
        matches = aligned_pairs(index, labels, threshold=ALIGN_THRESHOLD)
        found: list[Difference] = []
        agreeing: list[tuple[Sentence, Sentence]] = []
        # Strongest first, so the best pairs seed the agreement rows.
        for m in sorted(matches, key=lambda m: (-m.score.value, order[m.a.id], order[m.b.id])):
            a, b = sentences[m.a.id], sentences[m.b.id]
            aligned.update((a.id, b.id))
            diffs = differences(a, b)
            if diffs:
                found.extend(diffs)
            else:
                agreeing.append((a, b))
        comparison.discrepancies = _merge_differences(found, sentences, labels)
        comparison.agreements = _agreements(agreeing, order)

    topics = _topics(documents) if documents else {}
    for d in documents:
        for s in d.body_sentences:
            if s.id not in aligned and len(documents) >= 2:
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

    for entry in curation.get("notes") or []:
        cites = _cites(entry, "notes", sentences)
        if not entry.get("note"):
            raise InputError(None, "curation comparison: a notes entry needs a 'note'")
        _set_note(_find(comparison.discrepancies, cites, "note"), entry["note"])


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
