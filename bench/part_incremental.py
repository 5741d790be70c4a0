"""Part ``incremental``: cold, no-change and one-seed-edit rebuilds, per process and warm."""

from __future__ import annotations

import argparse
import sys
import time

from . import corpus
from .common import _copy_inputs, _copy_site, _edit, _fresh, _ours
from .measure import checked, median, run, spread
from .report import OUT, Report


def part_incremental(args: argparse.Namespace, report: Report) -> None:
    rows, data = [], {}
    cases = [("real site", None), *((f"corpus N={n}", n) for n in args.incremental_sizes)]
    for name, n in cases:
        base = OUT / f"incremental-{n or 'real'}"
        if n is None:
            root = _copy_inputs(args.project, base / "project")
        else:
            root = base / "project"
            corpus.write_corpus(root, n, seed=args.seed)
        cache, output = base / "cache", base / "output"
        cmd = _ours(args.project, root, output, cache, args.workers)
        cold, warm, edit = [], [], []
        seed = sorted((root / "seeds").glob("*.txt"))[0]
        for r in range(args.repeats):
            _fresh(cache)
            cold.append(checked(run(cmd), f"{name} cold", output).seconds)
            warm.append(checked(run(cmd), f"{name} no-change", output).seconds)
            _edit(seed, r)
            edit.append(checked(run(cmd), f"{name} edit", output).seconds)
        c, w, e = median(cold), median(warm), median(edit)
        data[name] = {"cold_s": cold, "no_change_s": warm, "edit_s": edit}
        rows.append([name, f"{c:.2f}", f"{w:.2f}", f"**{w / c:.0%}**", f"{e:.2f}"])
    report.say("### Incremental rebuilds (one `python -m pelican` per build)\n")
    report.table(["site", "cold s", "no-change s", "no-change ÷ cold", "one seed edited s"], rows)
    report.data["incremental"] = data
    _incremental_warm(args, report)


def _incremental_warm(args: argparse.Namespace, report: Report) -> None:
    """The same on the real site inside one long-lived build process, as `invoke serve` runs it."""
    base = OUT / "incremental-warm"
    root = _copy_site(args.project, base / "project")
    sys.path.insert(0, str(root))
    import tasks  # the copy's own tasks.py: its warm builder builds the copy

    builder = tasks._WarmBuilder()
    seed = sorted((root / "seeds").glob("*.txt"))[0]

    def timed() -> float:
        started = time.perf_counter()
        if not builder.build():
            raise SystemExit("warm build failed")
        return time.perf_counter() - started

    try:
        first = timed()  # process start, imports and an empty analysis cache
        no_change = [timed() for _ in range(args.repeats)]
        edited = []
        for number in range(args.repeats):
            _edit(seed, 100 + number)
            edited.append(timed())
    finally:
        builder.stop()
    report.say("### Rebuilds in one long-lived build process (real site, as `invoke serve`)\n")
    report.table(
        ["first build s", "no-change s", "no-change ÷ first", "one seed edited s"],
        [
            [
                f"{first:.2f}",
                f"{median(no_change):.2f} ({spread(no_change)})",
                f"**{median(no_change) / first:.0%}**",
                f"{median(edited):.2f} ({spread(edited)})",
            ]
        ],
    )
    report.data["incremental_warm"] = {"first_s": first, "no_change_s": no_change, "edit_s": edited}
