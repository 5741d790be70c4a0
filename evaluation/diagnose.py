"""``python -m evaluation.diagnose eval/<story> ...``: why each gold discrepancy was found or missed.

For every labelled discrepancy it prints the alignment score of its sides (and whether
the pair was aligned), the amounts each side carries with what they measure, and which
conflict rules fire when the pair is checked with every rule. A development aid: it
separates "never paired" from "paired, but no rule saw the difference".
"""

from __future__ import annotations

import sys
from itertools import combinations
from pathlib import Path

from pelican.plugins.explainer.analyse.align import Scorer, align
from pelican.plugins.explainer.analyse.compare import statements
from pelican.plugins.explainer.analyse.conflicts import conflicts
from pelican.plugins.explainer.errors import InputError

from .gold import load_story


def _describe(st) -> str:
    parts = []
    for c in st.claims:
        for m in c.amounts:
            a = m.amount
            parts.append(f"{a.text!r}[{a.kind} {a.low}-{a.high} {a.unit}] ~{sorted(m.measures)}")
        parts += [f"time {t.text!r}" for t in c.times]
        parts += [f"prior {p.text!r}" for p in c.priors]
        if c.status:
            parts.append(f"status {sorted(c.status)}")
    parts += [
        f"actor {x.name!r} d={sorted(x.descriptor)} ag={sorted(x.agent_of)}" for x in st.actors
    ]
    return "; ".join(parts)


def diagnose(folder: Path) -> None:
    story = load_story(folder)
    by_id = statements(story.documents, story.published)
    scorer = Scorer(list(by_id.values()))
    pairs = {frozenset((p.a.id, p.b.id)): p for p in align(list(by_id.values()))}
    print(f"== {story.name}")
    for g in story.discrepancies:
        print(f"- {g.type}: {' <> '.join(g.values)}")
        for x, y in combinations(g.sides, 2):
            a, b = by_id[x], by_id[y]
            p = pairs.get(frozenset((x, y)))
            state = "unpaired" if p is None else ("aligned" if p.aligned else "related")
            found = [f"{c.kind}:{c.a.text}|{c.b.text}" for c in conflicts(a, b)]
            print(f"    {x} <> {y}: score {scorer(a, b):.2f} {state}; rules {found or 'none'}")
            print(f"      shared {sorted(a.concepts & b.concepts)}")
        for sid in dict.fromkeys(g.sides):
            print(f"    {sid}: {by_id[sid].sentence.text[:110]}")
            print(f"      {_describe(by_id[sid])}")


def main(argv: list[str]) -> int:
    for arg in argv:
        try:
            diagnose(Path(arg))
        except InputError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
