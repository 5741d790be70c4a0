"""Part ``vanilla``: the real site against plain Pelican over the same seeds."""

from __future__ import annotations

import argparse

from . import corpus
from .common import _ours
from .measure import Run, checked, median, pelican_cmd, run, spread
from .report import OUT, Report


def part_vanilla(args: argparse.Namespace, report: Report) -> None:
    """Real site (cold and warm analysis cache) vs plain Pelican, alternating runs."""
    project = args.project
    base = OUT / "vanilla"
    twin = corpus.write_vanilla(base / "twin", corpus.real_seeds_with_dates(project))
    cache = base / "cache"
    commands = {
        "ours (cold)": lambda: _ours(project, project, base / "ours", None, args.workers),
        "ours (warm cache)": lambda: _ours(project, project, base / "ours", cache, args.workers),
        "vanilla": lambda: pelican_cmd(twin.parent / "content", twin, base / "vanilla"),
    }
    # One untimed run each: fills the cache and the OS file cache.
    outputs = {"ours (cold)": base / "ours", "ours (warm cache)": base / "ours"}
    for name, command in commands.items():
        checked(run(command()), name, outputs.get(name))
    times: dict[str, list[Run]] = {name: [] for name in commands}
    names = list(commands)
    for r in range(args.repeats):
        for name in names[r % len(names) :] + names[: r % len(names)]:  # rotate the order
            times[name].append(checked(run(commands[name]()), name, outputs.get(name)))
    vanilla = median([t.seconds for t in times["vanilla"]])
    rows, data = [], {}
    for name, runs in times.items():
        secs = [t.seconds for t in runs]
        rows.append(
            [
                name,
                f"{median(secs):.2f}",
                spread(secs),
                f"{median(secs) / vanilla:.2f}×",
                f"{median([t.cpu_seconds for t in runs]):.2f}",
                f"{median([t.rss_mb for t in runs]):.0f}",
            ]
        )
        data[name] = {
            "median_s": median(secs),
            "runs_s": secs,
            "cpu_s": [t.cpu_seconds for t in runs],
        }
    report.say(f"### Real site vs plain Pelican 4.12 ({args.repeats} alternating runs each)\n")
    report.table(
        ["build", "median s", "min–max s", "ratio to vanilla", "CPU s", "peak RSS MB"], rows
    )
    report.data["vanilla"] = data
