"""``python -m evaluation.calibrate [eval/] [--blind DIR ...]``: fit the probability that a
proposed discrepancy is a real disagreement, and show how well it is calibrated.

Each candidate discrepancy (every item the rules propose, before the publishing step
holds any back) is one row of ``publish.discrepancy_features``, labelled 1 when it
reports a gold disagreement with the right type and values (:func:`.matching.covers`).
A logistic regression is fitted on the stories the rules were never tuned on: the
holdout and the ``--blind`` folders of stories scored at first sight.

It prints, for stories the weights were *not* fitted on (each first-sight story left out
in turn; then the development stories), a reliability table (predicted against observed share true, by bin)
and precision and recall at a few thresholds, then the weights to paste into
``publish.WEIGHTS``.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

from pelican.plugins.explainer.analyse import publish

from .fit_align import fit
from .gold import Story, load_story, story_folders
from .matching import clusters, covers
from .score import run

Row = tuple[tuple[float, ...], int]
THRESHOLDS = (0.5, 0.6, 0.7, 0.75, 0.8, 0.82, 0.85, 0.88, 0.9)
BINS = (0.0, 0.2, 0.4, 0.6, 0.8, 0.9, 1.01)


def story_rows(story: Story) -> list[Row]:
    result = run(story, publish_threshold=0.0)
    gold = clusters(story)
    sentences = story.sentences
    if AGREEMENTS:
        source = {sid: s.source_id for sid, s in sentences.items()}
        conflict = {p for d in story.discrepancies for p in d.pairs}
        same = story.same_claim | {p for p in story.traps if len({source[x] for x in p}) == 2}
        rows = []
        for a in result.comparison.agreements:
            pairs = {frozenset((x, y)) for x in a.cites for y in a.cites if source[x] != source[y]}
            right = all(p in same and p not in conflict for p in pairs)
            rows.append((publish.agreement_features(a), int(right)))
        return rows
    return [
        (
            publish.discrepancy_features(d, sentences),
            int(any(covers(d.kind, d.marks, c) for c in gold)),
        )
        for d in result.comparison.discrepancies
        if not d.curated
    ]


def _p(w: list[float], features: tuple[float, ...]) -> float:
    names = publish.AGREEMENT_FEATURES if AGREEMENTS else publish.FEATURES
    weights = dict(zip(names, w[:-1], strict=True)) | {"bias": w[-1]}
    return publish.probability(features, weights, names)


AGREEMENTS = False  # set by --agreements: calibrate agreements instead of discrepancies


def report(title: str, scored: list[tuple[float, int]], gold_total: int | None = None) -> None:
    print(f"\n{title}: {len(scored)} candidates, {sum(lab for _, lab in scored)} true")
    print("  reliability   predicted  observed  n")
    for lo, hi in itertools.pairwise(BINS):
        inside = [(p, lab) for p, lab in scored if lo <= p < hi]
        if inside:
            mean = sum(p for p, _ in inside) / len(inside)
            share = sum(lab for _, lab in inside) / len(inside)
            print(f"  [{lo:.1f}, {min(hi, 1):.1f})    {mean:9.2f} {share:9.2f}  {len(inside)}")
    positives = max(sum(lab for _, lab in scored), 1)
    for t in THRESHOLDS:
        tp = sum(1 for p, lab in scored if p >= t and lab)
        fp = sum(1 for p, lab in scored if p >= t and not lab)
        print(f"  p >= {t:.2f}: shown {tp + fp:3}  precision {tp / max(tp + fp, 1):.2f}  "
              f"true found {tp}/{positives} of the true candidates")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation.calibrate", description=__doc__)
    parser.add_argument("root", nargs="?", default="eval", type=Path)
    parser.add_argument("--blind", nargs="*", default=[], type=Path, help="stories seen first")
    parser.add_argument("--agreements", action="store_true", help="calibrate agreements")
    args = parser.parse_args(argv)
    global AGREEMENTS
    AGREEMENTS = args.agreements
    stories = [load_story(f) for f in story_folders(args.root)]
    stories += [load_story(f) for root in args.blind for f in story_folders(root)]
    blind_names = {f.name for root in args.blind for f in story_folders(root)}
    # Fitted on the stories the rules were never tuned on: the holdout and the stories
    # scored at first sight. The development stories flatter the rules written for them.
    first_sight = {s.name: story_rows(s) for s in stories if s.holdout or s.name in blind_names}
    dev = [r for s in stories if s.name not in first_sight for r in story_rows(s)]
    held: list[tuple[float, int]] = []
    for name, rows in first_sight.items():
        w = fit([r for other, rs in first_sight.items() if other != name for r in rs])
        held += [(_p(w, f), lab) for f, lab in rows]
    report(f"first sight, leave one story out ({len(first_sight)} stories)", held)
    w = fit([r for rs in first_sight.values() for r in rs])
    report(
        "development stories, weights fitted on the first-sight ones",
        [(_p(w, f), lab) for f, lab in dev],
    )
    print("\nWEIGHTS = {")
    names = publish.AGREEMENT_FEATURES if AGREEMENTS else publish.FEATURES
    for name, x in zip(names, w, strict=False):
        print(f'    "{name}": {x:.2f},')
    print(f'    "bias": {w[-1]:.2f},\n}}')
    return 0


if __name__ == "__main__":
    sys.exit(main())
