"""Part ``stress``: one seed of a single repeated sentence; one explainer of many sources.

Both are parse + analysis in a fresh process that first warms up on other text
(``bench.analysis_time``), serial and without a cache. Targets (issue 24): the
repeated sentence at the 2 MB seed limit in 60 s and 2 GB; 300 short reports in 10 s.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from . import corpus, stress
from .report import OUT, Report

# name -> (what to write, its size, seconds target, MB target)
CASES = {
    "repeated sentence, 2 MB": ("repeated", 1_990_000, 60, 2048),
    "300 short reports": ("many", 300, 10, 2048),
}
QUICK = {
    "repeated sentence, 200 KB": ("repeated", 200_000, 10, 1024),
    "100 short reports": ("many", 100, 10, 1024),
}


def _timed(project: Path, root: Path, warmup: Path) -> dict[str, float]:
    child = [sys.executable, "-m", "bench.analysis_time", str(project), str(root), str(warmup)]
    done = subprocess.run(child, cwd=corpus.ROOT, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.splitlines()[-1])


def part_stress(args: argparse.Namespace, report: Report) -> None:
    pool = corpus.load_pool()
    warmup = OUT / "stress-warmup"
    corpus.write_corpus(warmup, 1, seed=args.seed + 1, pool=pool)
    rows, data = [], {}
    for name, (kind, size, seconds_target, mb_target) in (QUICK if args.quick else CASES).items():
        root = OUT / f"stress-{kind}-{size}"
        if kind == "repeated":
            written = stress.write_repeated_seed(root, size, seed=args.seed, pool=pool)
            scale = f"{written:,} bytes"
        else:
            written = stress.write_many_sources(root, size, seed=args.seed, pool=pool)
            scale = f"{size} sources"
        run = _timed(args.project, root, warmup)
        data[name] = {"size": written, **run}
        rows.append(
            [
                name,
                scale,
                str(run["sentences"]),
                f"{run['seconds']:.1f} (≤ {seconds_target})",
                f"{run['cpu_seconds']:.1f}",
                f"{run['max_rss_mb']:.0f} (≤ {mb_target})",
            ]
        )
    report.say("### Hard inputs: a repeated sentence, many sources (parse + analysis, serial)\n")
    report.table(["case", "size", "sentences", "wall s", "CPU s", "peak MB"], rows)
    report.data["stress"] = data
