"""``python -m evaluation.fit_align [eval/]``: fit the weights that decide "one claim".

Every candidate pair the aligner scores (``align.candidates``) becomes one row of
``align.pair_features``, labelled 1 when the gold lists the two sentences as one
claim (a same-claim pair, a cross-source discrepancy or a trap) and 0 otherwise.
A logistic regression (Newton's method, L2 penalty, no third-party code) is fitted
on the development stories only; holdout stories are never read.

It prints leave-one-story-out precision and recall at a few thresholds, which is
the honest estimate for stories the weights were not fitted on, then the weights
to paste into ``align.WEIGHTS`` and ``align.BIAS``.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

from pelican.plugins.explainer.analyse.align import FEATURES, Scorer, featured_pairs, one_claim
from pelican.plugins.explainer.analyse.compare import statements

from .gold import Story, load_story, story_folders

L2 = 1.0
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.85, 0.9)
Row = tuple[tuple[float, ...], int]


def story_rows(story: Story) -> list[Row]:
    """One row per candidate pair scoring at least RELATED (the pairs align() decides on)."""
    by_id = statements(story.documents, story.published)
    source = {sid: st.source_id for sid, st in by_id.items()}
    gold = set(story.same_claim)
    gold |= {p for d in story.discrepancies for p in d.pairs if len({source[x] for x in p}) == 2}
    gold |= {p for p in story.traps if len({source[x] for x in p}) == 2}
    sts = list(by_id.values())
    return [
        (features, int(frozenset((a.id, b.id)) in gold))
        for a, b, _, features in featured_pairs(sts, Scorer(sts))
    ]


def _solve(h: list[list[float]], g: list[float]) -> list[float]:
    """Solve h·x = g by Gaussian elimination (h is small and positive definite)."""
    n = len(g)
    m = [[*row, g[i]] for i, row in enumerate(h)]
    for c in range(n):
        pivot = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[pivot] = m[pivot], m[c]
        for r in range(n):
            if r != c and m[r][c]:
                f = m[r][c] / m[c][c]
                m[r] = [vr - f * vc for vr, vc in zip(m[r], m[c], strict=True)]
    return [m[i][n] / m[i][i] for i in range(n)]


def fit(rows: list[Row], iterations: int = 25) -> list[float]:
    """Logistic weights (the last is the bias) by Newton's method with an L2 penalty."""
    n = len(rows[0][0]) + 1 if rows else len(FEATURES) + 1
    w = [0.0] * n
    for _ in range(iterations):
        g = [0.0] * n
        h = [[0.0] * n for _ in range(n)]
        for features, label in rows:
            x = (*features, 1.0)
            p = 1 / (1 + math.exp(-sum(wi * xi for wi, xi in zip(w, x, strict=True))))
            q = p * (1 - p)
            for i in range(n):
                g[i] += (p - label) * x[i]
                for j in range(i, n):
                    h[i][j] += q * x[i] * x[j]
        for i in range(n - 1):
            g[i] += L2 * w[i]
            h[i][i] += L2
        for i in range(n):
            for j in range(i):
                h[i][j] = h[j][i]
        step = _solve(h, g)
        w = [wi - si for wi, si in zip(w, step, strict=True)]
    return w


def probability(w: list[float], features: tuple[float, ...]) -> float:
    """``one_claim`` with fitted weights ``w`` (the bias last)."""
    return one_claim(features, tuple(w[:-1]), w[-1])


def main(argv: list[str]) -> int:
    root = Path(argv[0]) if argv else Path("eval")
    by_story = {}
    for folder in story_folders(root):
        story = load_story(folder)
        if not story.holdout:
            by_story[story.name] = story_rows(story)
    # Leave one story out: each story is scored by weights fitted on the others.
    held: list[tuple[float, int]] = []
    for name, rows in by_story.items():
        w = fit([r for other, rs in by_story.items() if other != name for r in rs])
        held += [(probability(w, f), label) for f, label in rows]
    positives = sum(label for _, label in held)
    print(
        f"{len(by_story)} development stories, {len(held)} candidate pairs, {positives} one claim"
    )
    print("leave-one-story-out:")
    for t in THRESHOLDS:
        tp = sum(1 for p, label in held if p >= t and label)
        fp = sum(1 for p, label in held if p >= t and not label)
        print(f"  p >= {t:.2f}: recall {tp / positives:.2f}  precision {tp / max(tp + fp, 1):.2f}")
    w = fit([r for rs in by_story.values() for r in rs])
    print("WEIGHTS = (" + ", ".join(f"{x:.2f}" for x in w[:-1]) + ")")
    print(f"BIAS = {w[-1]:.2f}")
    for name, x in zip(FEATURES, w, strict=False):
        print(f"  {name:16} {x:+.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
