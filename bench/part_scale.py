"""Part ``scale``: synthetic corpora of N explainers x 5 seeds."""

from __future__ import annotations

import argparse

from . import corpus
from .common import _fresh, _mb, _ours
from .measure import Run, checked, median, pelican_cmd, run, spread
from .report import OUT, Report


def part_scale(args: argparse.Namespace, report: Report) -> None:
    rows, data = [], {}
    for n in args.sizes:
        root = OUT / f"corpus-{n}"
        stories = corpus.write_corpus(root, n, seed=args.seed)
        seeds = n * corpus.SOURCES_PER_EXPLAINER
        cache = root / ".cache"
        command = _ours(args.project, root, root / "output", cache, args.workers)
        repeats = args.repeats if n < 100 else max(1, args.repeats // 2)
        cold: list[Run] = []
        warm: list[Run] = []
        for _ in range(repeats):
            _fresh(cache)
            cold.append(checked(run(command), f"N={n}", root / "output"))
            warm.append(checked(run(command), f"N={n} no-change", root / "output"))
        twin = corpus.write_vanilla(root / "twin", corpus.corpus_seeds_with_dates(root, stories))
        twin_cmd = pelican_cmd(twin.parent / "content", twin, root / "twin-output")
        vanilla = [checked(run(twin_cmd), "vanilla") for _ in range(max(1, repeats // 2))]
        c, w, v = (median([r.seconds for r in runs]) for runs in (cold, warm, vanilla))
        cpu = median([r.cpu_seconds for r in cold])
        peak = max(cold, key=lambda r: r.rss_mb)
        data[n] = {
            "seeds": seeds,
            "cold_s": [r.seconds for r in cold],
            "cold_cpu_s": [r.cpu_seconds for r in cold],
            "no_change_s": [r.seconds for r in warm],
            "vanilla_s": [r.seconds for r in vanilla],
            "peak_rss_mb": peak.rss_mb,
            "peak_pss_mb": peak.pss_mb,
            "max_single_rss_mb": max(r.max_rss_mb for r in cold),
            "ms_per_seed": 1000 * c / seeds,
            "cpu_ms_per_seed": 1000 * cpu / seeds,
        }
        rows.append(
            [
                f"{n} × 5 = {seeds}",
                f"{c:.1f} ({spread([r.seconds for r in cold])})",
                f"{1000 * c / seeds:.0f} / {1000 * cpu / seeds:.0f}",
                _mb(peak),
                f"{w:.1f} ({w / c:.0%})",
                f"{v:.1f} ({c / v:.1f}×)",
            ]
        )
    report.say(
        f"### Synthetic corpora (cold = empty analysis cache; workers={args.workers or 'all'})\n"
    )
    report.table(
        [
            "explainers × seeds",
            "cold build s (min–max)",
            "ms per seed: wall / CPU",
            "peak RSS / PSS MB (tree)",
            "no-change rebuild s (of cold)",
            "vanilla s (ours ÷ vanilla)",
        ],
        rows,
    )
    sizes = sorted(data)
    if len(sizes) > 1:
        first, last = data[sizes[0]], data[sizes[-1]]
        wall = last["ms_per_seed"] / first["ms_per_seed"]
        cpu_growth = last["cpu_ms_per_seed"] / first["cpu_ms_per_seed"]
        report.say(
            f"ms per seed at N={sizes[-1]} ÷ at N={sizes[0]}: **{wall:.2f}** wall, "
            f"**{cpu_growth:.2f}** CPU (target ≤ 1.25)\n"
        )
        report.data["ms_per_seed_growth"] = {"wall": wall, "cpu": cpu_growth}
    report.data["scale"] = data
