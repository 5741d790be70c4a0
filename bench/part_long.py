"""Part ``long``: one explainer whose sources grow longer; one long seed of short lines."""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

from . import corpus
from .measure import ROOT, median, spread
from .report import OUT, Report


def part_long(args: argparse.Namespace, report: Report) -> None:
    """Analysis time of one explainer as its five sources grow longer (no cache, serial).

    Each timing is a fresh process that first warms up on a different explainer.
    """
    import subprocess

    pool = corpus.load_pool()
    warmup = OUT / "long-warmup"
    corpus.write_corpus(warmup, 1, seed=args.seed + 1, pool=pool)
    rows, data = [], {}
    for length in args.lengths:
        root = OUT / f"long-{length}"
        corpus.write_corpus(root, 1, seed=args.seed, length=length, pool=pool)
        child = [sys.executable, "-m", "bench.analysis_time", str(args.project), str(root)]
        runs = [
            json.loads(
                subprocess.run(
                    [*child, str(warmup)], cwd=ROOT, capture_output=True, text=True, check=True
                ).stdout.splitlines()[-1]
            )
            for _ in range(args.repeats)
        ]
        secs = [r["seconds"] for r in runs]
        cpu = [r["cpu_seconds"] for r in runs]
        sentences = runs[0]["sentences"]
        data[length] = {"sentences": sentences, "seconds": secs, "cpu_seconds": cpu}
        rows.append(
            [
                f"{length}×",
                str(sentences),
                f"{median(secs):.2f}",
                spread(secs),
                f"{median(cpu):.2f}",
            ]
        )
    lengths = sorted(data)
    report.say("### One explainer, sources growing longer (parse + analysis, no cache, serial)\n")
    report.table(["length", "sentences", "median s", "min–max s", "CPU s"], rows)
    if len(lengths) > 1:
        a, b = data[lengths[0]], data[lengths[-1]]
        exponent = math.log(median(b["cpu_seconds"]) / median(a["cpu_seconds"])) / math.log(
            b["sentences"] / a["sentences"]
        )
        report.say(
            f"growth exponent of CPU time from {lengths[0]}× to {lengths[-1]}×: "
            f"**{exponent:.2f}** (1 = linear, 2 = quadratic)\n"
        )
        report.data["long_exponent"] = exponent
    report.data["long"] = data
    _long_seeds(args, report, pool, warmup)


# One seed of short lines beside an ordinary report: 200 KB, and just under the seed
# size limit (EXPLAINER["max_seed_bytes"]). Targets: 200 KB in 10 s and 1 GB, the limit in
# 60 s and 2 GB.
LONG_SEEDS = {"200 KB": (200_000, 10, 1024), "size limit": (1_990_000, 60, 2048)}


def _long_seeds(args: argparse.Namespace, report: Report, pool, warmup: Path) -> None:
    import subprocess

    rows, data = [], {}
    for name, (size, seconds_target, mb_target) in LONG_SEEDS.items():
        if args.quick and size > 200_000:
            continue
        root = OUT / f"longseed-{size}"
        written = corpus.write_long_seed(root, size, seed=args.seed, pool=pool)
        child = [sys.executable, "-m", "bench.analysis_time", str(args.project), str(root)]
        run = json.loads(
            subprocess.run(
                [*child, str(warmup)], cwd=ROOT, capture_output=True, text=True, check=True
            ).stdout.splitlines()[-1]
        )
        data[name] = {"bytes": written, **run}
        rows.append(
            [
                name,
                f"{written:,}",
                str(run["sentences"]),
                f"{run['seconds']:.1f} (≤ {seconds_target})",
                f"{run['cpu_seconds']:.1f}",
                f"{run['max_rss_mb']:.0f} (≤ {mb_target})",
            ]
        )
    report.say("### One long seed of short lines beside an ordinary report (parse + analysis)\n")
    report.table(["seed", "bytes", "sentences", "wall s", "CPU s", "peak MB"], rows)
    report.data["long_seeds"] = data
