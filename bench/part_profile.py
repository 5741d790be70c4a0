"""Part ``profile``: cProfile of one cold, serial build of the N=20 corpus."""

from __future__ import annotations

import argparse

from . import corpus
from .common import _ours
from .measure import ROOT, checked, run
from .report import OUT, Report


def part_profile(args: argparse.Namespace, report: Report) -> None:
    """cProfile of one cold, serial build of the N=20 corpus (in a child, with --project's code)."""
    import pstats

    root = OUT / "profile" / "project"
    corpus.write_corpus(root, 20, seed=args.seed)
    profile_path = OUT / "profile" / "build.prof"
    command = _ours(args.project, root, OUT / "profile" / "output", None, 1)
    command[1:3] = ["-m", "cProfile", "-o", str(profile_path), "-m", "pelican"]
    checked(run(command), "profiled build", OUT / "profile" / "output")
    stats = pstats.Stats(str(profile_path))
    table = stats.stats  # type: ignore[attr-defined]
    total = max(v[3] for v in table.values())
    ranked = sorted(table.items(), key=lambda kv: kv[1][3], reverse=True)
    rows = []
    for (path, line, func), (_, calls, own, cum, _) in ranked:
        if "explainer" not in path and "jinja2" not in path and "pelican" not in path:
            continue
        where = path.split("site-packages/")[-1].split("plugins/")[-1]
        share = f"{cum / total:.0%}"
        rows.append([f"`{where}:{line} {func}`", str(calls), f"{own:.2f}", f"{cum:.2f}", share])
        if len(rows) >= args.profile_rows:
            break
    report.say(f"### Profile: cold serial build of 20 × 5 seeds (cProfile, {total:.1f} s total)\n")
    report.table(["function", "calls", "own s", "cumulative s", "of build"], rows)
    report.say(
        f"profile saved to {profile_path.relative_to(ROOT)} (`python -m pstats` or snakeviz)\n"
    )
