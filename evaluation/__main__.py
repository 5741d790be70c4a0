"""``python -m evaluation [eval/] [--verbose]``: score every labelled story, per story and pooled.

Exits 1 when the pooled development or holdout scores fall below the targets in
:data:`.score.TARGETS`, and 2 with one line when a story or gold file is malformed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from pelican.plugins.explainer.analyse import conflicts
from pelican.plugins.explainer.analyse.publish import RULE_NAMES
from pelican.plugins.explainer.errors import InputError

from .gold import load_story, story_folders
from .score import COLUMNS, EXTRA, TYPES, Scores, failures, run, score


def _cell(sc: Scores, key: str) -> str:
    total = sc.counts[key + ".total"]
    return f"{sc.counts[key + '.hits']}/{total}" if total else "-"


def _row(name: str, sc: Scores) -> str:
    cells = [f"{_cell(sc, key):>8}" for _, key in COLUMNS]
    extra = [sc.counts[k] for k in ("support_other_side", "repeats", "held_back")]
    return f"{name:32}" + "".join(cells) + "".join(f"{n:>6}" for n in extra)


def _table(title: str, rows: list[tuple[str, Scores]], pooled: Scores) -> None:
    print(f"\n{title}")
    head = "".join(f"{h:>8}" for h, _ in COLUMNS) + "".join(f"{h:>6}" for h in EXTRA)
    print(f"{'story':32}" + head)
    for name, sc in rows:
        print(_row(name, sc))
    print(_row("pooled", pooled))
    ratios = "  ".join(
        f"{h.strip()} {pooled.ratio(k):.2f}" for h, k in COLUMNS if pooled.ratio(k) is not None
    )
    print(f"{'':32}{ratios}")
    by_type = "  ".join(
        f"{t} {_cell(pooled, 'discrepancy_recall.' + t)}"
        for t in TYPES
        if pooled.counts[f"discrepancy_recall.{t}.total"]
    )
    print(f"{'':32}discrepancies found by type: {by_type}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation", description=__doc__)
    parser.add_argument("root", nargs="?", default="eval", type=Path)
    parser.add_argument("--verbose", "-v", action="store_true", help="list misses and false items")
    parser.add_argument(
        "--blind",
        nargs="*",
        default=[],
        type=Path,
        metavar="DIR",
        help="stories seen for the first time: scored and shown first",
    )
    parser.add_argument(
        "--without", action="append", default=[], metavar="RULE", help="switch a rule off"
    )
    args = parser.parse_args(argv)
    unknown = [name for name in args.without if name not in RULE_NAMES]
    if unknown:
        print(f"error: --without: unknown rule {unknown[0]!r} (known: {', '.join(RULE_NAMES)})",
              file=sys.stderr)  # fmt: skip
        return 2
    conflicts.DISABLED.update(args.without)
    started = time.perf_counter()
    try:
        if not args.root.is_dir():
            raise InputError(str(args.root), "no such evaluation folder")
        stories = [load_story(folder) for folder in story_folders(args.root)]
        first_sight = [load_story(f) for root in args.blind for f in story_folders(root)]
        stories += first_sight
        if not stories:
            raise InputError(str(args.root), "no stories to evaluate")
        results = [(s, score(s, run(s))) for s in stories]
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    status = 0
    blind = {s.name for s in first_sight}
    groups = (
        ("first-sight stories (--blind)", lambda s: s.name in blind),
        ("holdout stories (the rules were never tuned on them)", lambda s: s.holdout),
        ("development stories", lambda s: not s.holdout and s.name not in blind),
    )
    for title, member in groups:
        rows = [(s.name, sc) for s, sc in results if member(s)]
        if not rows:
            continue
        pooled = Scores()
        for _, sc in rows:
            pooled += sc
        _table(title, rows, pooled)
        if args.verbose:
            for name, sc in rows:
                for line in sc.missed:
                    print(f"  {name}: missed {line}")
                for line in sc.false:
                    print(f"  {name}: false {line}")
        failed = failures(pooled)
        if failed:
            status = 1
            print(f"below target ({title}): " + "; ".join(failed))
    print(f"\n{len(stories)} stories scored in {time.perf_counter() - started:.1f}s")
    return status


if __name__ == "__main__":
    sys.exit(main())
