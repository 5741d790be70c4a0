"""Grouping: typed conflicts become discrepancies, agreeing pairs become agreements.

Conflicts of one kind that share a span merge into one discrepancy, so three
sources give one item with three values; agreeing pairs that share a sentence
merge into one agreement row, at most one sentence per source.
"""

from __future__ import annotations

from collections import defaultdict

from ..items import Agreement, Discrepancy
from ..model import Sentence
from .conflicts import Conflict, Side
from .quantities import find_quantities

KINDS = ("number", "name", "status", "date", "time", "duration", "negation", "wording")


def _quote(text: str) -> str:
    return f"“{' '.join(text.split())}”"


_SUMMARY = {
    "number": "Sources differ on {what}",  # what: the measured noun as written
    "duration": "Sources differ on how long",
    "time": "Sources differ on the time of day",
    "date": "Sources differ on when",
    "name": "Sources name different parties",
    "status": "Sources differ on how far this has gone",
    "negation": "One source says this happened, another says it did not",
    "wording": "Sources give the same number for different things",
}


def summary(diff_kind: str, what: str, values: dict[str, str], labels: dict[str, str]) -> str:
    said = "; ".join(f"{labels[src]} says {_quote(v)}" for src, v in values.items())
    head = _SUMMARY.get(diff_kind, "Sources differ").format(what=what or "a figure")
    return f"{head}: {said}."


def merge_differences(
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
    rules: list[list[str]] = []
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
            rules[joined].append(d.rule)
        else:
            groups.append((d.kind, d.what, []))
            group_sources.append(set())
            confidence.append(d.confidence)
            rules.append([d.rule])
            add(len(groups) - 1, d.a)
            add(len(groups) - 1, d.b)
    out: list[Discrepancy] = []
    for (kind, what, spans), sure, found_by in zip(groups, confidence, rules, strict=True):
        ordered = sorted(spans, key=lambda s: (order[s.sentence_id], s.start))
        values: dict[str, str] = {}
        for span in ordered:
            src = sentences[span.sentence_id].source_id
            values[src] = f"{values[src]} / {span.text}" if src in values else span.text
        out.append(
            Discrepancy(
                kind=kind,  # type: ignore[arg-type]
                summary=summary(kind, what, values, labels),
                cites=list(dict.fromkeys(s.sentence_id for s in ordered)),
                values=values,
                marks={s.sentence_id: (s.start, s.end) for s in reversed(ordered)},
                confidence=round(sure, 2),
                prior=round(sure, 2),
                within_source=len({sentences[c].source_id for c in cites_of(ordered)}) == 1,
                rules=list(dict.fromkeys(r for r in found_by if r)),
            )
        )
    out.sort(key=lambda d: (-d.confidence, min(order[c] for c in d.cites), KINDS.index(d.kind)))
    return out


_VALUE_KINDS = ("number", "duration", "date", "time")


def _figures(d: Discrepancy) -> set[object]:
    """The distinct values an item compares, as numbers where they read as one."""
    out: set[object] = set()
    for text in d.values.values():
        for part in text.split(" / "):
            found = find_quantities(part)
            value = found[0].value if found else None
            out.add(round(value, 6) if value is not None else " ".join(part.lower().split()))
    return out


def _one_disagreement(x: Discrepancy, y: Discrepancy) -> bool:
    """Two items of one kind tell one disagreement when they compare the same span of a
    sentence, or two of the same figures ("$2 billion" against "$4.5 billion" in a
    headline and again in the body)."""
    if x.kind != y.kind:
        return False
    shared = set(x.marks) & set(y.marks)
    if any(x.marks[s][0] < y.marks[s][1] and y.marks[s][0] < x.marks[s][1] for s in shared):
        return True
    return x.kind in _VALUE_KINDS and len(_figures(x) & _figures(y)) >= 2


def merge_repeats(found: list[Discrepancy], labels: dict[str, str]) -> list[Discrepancy]:
    """One disagreement, one item: every source's value and every citing sentence."""
    out: list[Discrepancy] = []
    for d in found:  # strongest first
        into = next((o for o in out if _one_disagreement(o, d)), None)
        if into is None:
            out.append(d)
            continue
        into.cites = list(dict.fromkeys([*into.cites, *d.cites]))
        for sid, span in d.marks.items():
            into.marks.setdefault(sid, span)
        for src, text in d.values.items():
            have = into.values.get(src, "").split(" / ") if src in into.values else []
            new = [t for t in text.split(" / ") if t not in have]
            into.values[src] = " / ".join([*have, *new])
        into.rules = list(dict.fromkeys([*into.rules, *d.rules]))
        into.within_source = into.within_source and d.within_source
        into.alignment = max(into.alignment, d.alignment)
        head = into.summary.split(": ", 1)[0]
        said = "; ".join(f"{labels[src]} says {_quote(v)}" for src, v in into.values.items())
        into.summary = f"{head}: {said}."
    return out


def cites_of(spans: list[Side]) -> list[str]:
    return list(dict.fromkeys(s.sentence_id for s in spans))


def _partners(agree: set[frozenset[str]]) -> dict[str, set[str]]:
    """Each sentence id -> the ids it was found to agree with (both ways)."""
    out: dict[str, set[str]] = defaultdict(set)
    for pair in agree:
        if len(pair) == 2:
            x, y = pair
            out[x].add(y)
            out[y].add(x)
    return out


def group_agreements(
    pairs: list[tuple[Sentence, Sentence]], order: dict[str, int]
) -> list[Agreement]:
    """Agreeing pairs as agreements; pairs sharing a sentence merge into one row.

    A group holds at most one sentence per source, so three sources that agree
    give one agreement with three cites, while a chain of loose matches
    within two sources does not snowball into one big group. Groups quoting
    the same sentence are then shown as one row.

    With hundreds of sources a claim has thousands of agreeing pairs: each group
    keeps the set of its sentence ids and of its sources, and each sentence the set
    of ids it agrees with, so a pair is placed by set lookups, not by comparing it
    with every member of every group it touches.
    """
    groups: list[list[Sentence]] = []
    members: list[set[str]] = []  # the ids in each group
    sources: list[set[str]] = []  # the source of each member
    where: dict[str, list[int]] = defaultdict(list)
    agree = {frozenset((a.id, b.id)) for a, b in pairs}
    partners = _partners(agree)
    for a, b in pairs:  # strongest first
        joined = False
        for s, other in ((a, b), (b, a)):
            for gi in where[s.id]:
                if other.id in members[gi]:
                    joined = True
                elif other.source_id not in sources[gi] and members[gi] <= partners[other.id]:
                    groups[gi].append(other)
                    members[gi].add(other.id)
                    sources[gi].add(other.source_id)
                    where[other.id].append(gi)
                    joined = True
                if joined:
                    break
            if joined:
                break
        if not joined:
            groups.append([a, b])
            members.append({a.id, b.id})
            sources.append({a.source_id, b.source_id})
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
    return merge_rows(rows, order, agree, partners)


def merge_rows(
    rows: list[Agreement],
    order: dict[str, int],
    agree: set[frozenset[str]] | None = None,
    partners: dict[str, set[str]] | None = None,
) -> list[Agreement]:
    """Rows quoting the same sentence state one claim: merge their cites, sort.

    With ``agree`` (the pairs found to agree), rows merge only when every new pair
    of sentences from different sources is one of them. ``partners`` is ``agree``
    as each id's set of partners, when the caller has it.
    """
    if agree is not None and partners is None:
        partners = _partners(agree)
    merged: dict[str, list[tuple[Agreement, set[str]]]] = defaultdict(list)
    for row in rows:
        for into, held in merged[row.summary]:
            # Every pair (x, y), x != y, of this row's and that row's cites agrees.
            if partners is None or all(held - {x} <= partners[x] for x in row.cites):
                into.cites.extend(row.cites)
                held.update(row.cites)
                into.alignment = min(into.alignment, row.alignment)
                break
        else:
            merged[row.summary].append(
                (
                    Agreement(row.summary, list(row.cites), row.topic, alignment=row.alignment),
                    set(row.cites),
                )
            )
    out = [row for same in merged.values() for row, _ in same]
    for row in out:
        row.cites = sorted(set(row.cites), key=order.__getitem__)
    out.sort(key=lambda a: (order[a.cites[0]], a.cites))
    return out
