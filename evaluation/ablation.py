"""``python -m evaluation.ablation [eval/] [--blind DIR ...]``: what each comparison rule adds.

For every entry of the rule registry (``conflicts.RULES`` and the value comparisons of
``compare.VALUE_RULES``), the stories are analysed with that one rule switched off and
every proposed discrepancy kept (publishing threshold 0). The table gives, on the
development stories and on the first-sight ones (the holdout and ``--blind`` folders),
the real disagreements the rule alone finds and the false items it alone adds. A rule
that adds nothing true on first-sight stories has not earned its place.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pelican.plugins.explainer.analyse import conflicts
from pelican.plugins.explainer.analyse.publish import RULE_NAMES

from .gold import Story, load_story, story_folders
from .score import Scores, run, score


def _pooled(stories: list[Story]) -> tuple[int, int]:
    """Real disagreements found and false items, over every proposed discrepancy."""
    pooled = Scores()
    for story in stories:
        pooled += score(story, run(story, publish_threshold=0.0))
    c = pooled.counts
    true = c["discrepancy_precision.hits"]
    return true, c["discrepancy_precision.total"] - true


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation.ablation", description=__doc__)
    parser.add_argument("root", nargs="?", default="eval", type=Path)
    parser.add_argument("--blind", nargs="*", default=[], type=Path, help="stories seen first")
    args = parser.parse_args(argv)
    stories = [load_story(f) for f in story_folders(args.root)]
    blind = [load_story(f) for root in args.blind for f in story_folders(root)]
    dev = [s for s in stories if not s.holdout]
    first = [s for s in stories if s.holdout] + blind
    base = {"dev": _pooled(dev), "first": _pooled(first)}
    print(f"all rules: development {base['dev'][0]} true / {base['dev'][1]} false; "
          f"first sight {base['first'][0]} true / {base['first'][1]} false")  # fmt: skip
    print(
        f"\n{'without':20}{'dev +true':>10}{'dev +false':>11}{'first +true':>12}{'first +false':>13}"
    )
    for name in RULE_NAMES:
        conflicts.DISABLED.add(name)
        try:
            dev_t, dev_f = _pooled(dev)
            first_t, first_f = _pooled(first)
        finally:
            conflicts.DISABLED.discard(name)
        print(
            f"{name:20}{base['dev'][0] - dev_t:>10}{base['dev'][1] - dev_f:>11}"
            f"{base['first'][0] - first_t:>12}{base['first'][1] - first_f:>13}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
