"""Benchmark the site build: ``python -m bench --help``.

Parts (``--parts``, default all):

* ``vanilla``  the real site against plain Pelican over the same seeds, alternating runs;
* ``scale``    synthetic corpora of N explainers x 5 seeds: wall time, peak memory, ms per seed;
* ``long``     one explainer whose sources grow 1x..10x longer (parse + analysis only);
* ``incremental`` cold build, no-change rebuild and one-seed edit, per process and in a
  long-lived build process;
* ``serve``    edit-to-refresh: one process per save (baseline) and ``invoke serve``;
* ``stress``   a seed of one repeated sentence (2 MB) and one explainer of 300 short reports;
* ``profile``  cProfile of one cold, serial build of the N=20 corpus: the top costs.

Every build runs in a child process with the code of ``--project`` (default: this checkout).

Results go to ``bench/out/results.json`` and ``bench/out/results.md``.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from . import (
    part_incremental,
    part_long,
    part_profile,
    part_scale,
    part_serve,
    part_stress,
    part_vanilla,
)
from .measure import ROOT
from .report import Report, _load

PARTS: dict[str, Callable[[argparse.Namespace, Report], None]] = {
    "vanilla": part_vanilla.part_vanilla,
    "scale": part_scale.part_scale,
    "long": part_long.part_long,
    "incremental": part_incremental.part_incremental,
    "serve": part_serve.part_serve,
    "stress": part_stress.part_stress,
    "profile": part_profile.part_profile,
}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--parts", default=",".join(PARTS), help=f"comma list of {list(PARTS)}")
    parser.add_argument("--repeats", type=int, help="timed runs per case, median (default 5)")
    parser.add_argument("--sizes", help="explainer counts for 'scale' (default 20,100,200)")
    parser.add_argument("--lengths", help="source length factors for 'long' (default 1,2,5,10)")
    parser.add_argument("--incremental-sizes", help="corpus sizes for 'incremental' (default 100)")
    parser.add_argument("--edits", type=int, help="saves timed by 'serve' (default 7)")
    parser.add_argument(
        "--workers", type=int, default=None, help='EXPLAINER["workers"] (default: all CPUs)'
    )
    parser.add_argument("--seed", type=int, default=1, help="corpus random seed")
    parser.add_argument("--profile-rows", type=int, default=25)
    parser.add_argument("--project", type=Path, default=ROOT, help="project root to benchmark")
    parser.add_argument(
        "--quick", action="store_true", help="defaults for a smoke run: 2 repeats, small sizes"
    )
    args = parser.parse_args(argv)
    defaults = (
        {"repeats": 2, "edits": 3, "sizes": "20,100", "lengths": "1,10", "incremental_sizes": "20"}
        if args.quick
        else {
            "repeats": 5,
            "edits": 7,
            "sizes": "20,100,200",
            "lengths": "1,2,5,10",
            "incremental_sizes": "100",
        }
    )
    for name, value in defaults.items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    args.project = args.project.resolve()
    args.sizes = [int(n) for n in args.sizes.split(",") if n]
    args.lengths = [int(n) for n in args.lengths.split(",") if n]
    args.incremental_sizes = [int(n) for n in args.incremental_sizes.split(",") if n]
    parts = [p.strip() for p in args.parts.split(",") if p.strip()]
    unknown = set(parts) - set(PARTS)
    if unknown:
        parser.error(f"unknown parts: {', '.join(sorted(unknown))}")

    report = Report()
    report.say(
        f"## Benchmark ({report.data['started']}, Python {report.data['python']}, "
        f"{report.data['cpus']} CPUs, load {report.data['load_before']})\n"
    )
    for part in parts:
        started = time.perf_counter()
        PARTS[part](args, report)
        report.data.setdefault("part_seconds", {})[part] = time.perf_counter() - started
        report.save()
    report.say(f"load average after: {_load()}")
    report.save()


if __name__ == "__main__":
    main()
