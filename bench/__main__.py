"""Benchmark the site build: ``python -m bench --help``.

Parts (``--parts``, default all):

* ``vanilla``  the real site against plain Pelican over the same seeds, alternating runs;
* ``scale``    synthetic corpora of N explainers x 5 seeds: wall time, peak memory, ms per seed;
* ``long``     one explainer whose sources grow 1x..10x longer (parse + analysis only);
* ``incremental`` cold build, no-change rebuild and one-seed edit, per process and in a
  long-lived build process;
* ``serve``    edit-to-refresh: one process per save (baseline) and ``invoke serve``;
* ``profile``  cProfile of one cold, serial build of the N=20 corpus: the top costs.

Every build runs in a child process with the code of ``--project`` (default: this checkout).

Results go to ``bench/out/results.json`` and ``bench/out/results.md``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import runpy
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from . import corpus
from .measure import ROOT, Run, checked, median, pelican_cmd, run, spread

OUT = ROOT / "bench" / "out"
PARTS = ["vanilla", "scale", "long", "incremental", "serve", "profile"]


def _load() -> str:
    try:
        one, five, _ = os.getloadavg()
        return f"{one:.2f} / {five:.2f}"
    except OSError:
        return "n/a"


class Report:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.data: dict[str, Any] = {
            "started": time.strftime("%Y-%m-%d %H:%M:%S"),
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_before": _load(),
        }

    def say(self, line: str = "") -> None:
        print(line, flush=True)
        self.lines.append(line)

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        self.say("| " + " | ".join(header) + " |")
        self.say("|" + "|".join(" --- " for _ in header) + "|")
        for row in rows:
            self.say("| " + " | ".join(row) + " |")
        self.say()

    def save(self) -> None:
        OUT.mkdir(parents=True, exist_ok=True)
        self.data["load_after"] = _load()
        (OUT / "results.json").write_text(json.dumps(self.data, indent=2) + "\n")
        (OUT / "results.md").write_text("\n".join(self.lines) + "\n")


def _ours(
    project: Path, root: Path, output: Path, cache: Path | None, workers: int | None
) -> list[str]:
    options: dict[str, object] = {
        **runpy.run_path(str(project / "pelicanconf.py")).get("EXPLAINER", {}),
        "root": str(root),
        "cache_dir": str(cache) if cache else None,
    }
    if workers is not None:
        options["workers"] = workers
    extra: dict[str, object] = {"EXPLAINER": options}
    return pelican_cmd(root / "content", project / "pelicanconf.py", output, extra)


def _fresh(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    return path


def _mb(run_: Run) -> str:
    return f"{run_.rss_mb:.0f} / {run_.pss_mb:.0f}"


# --- parts -------------------------------------------------------------------------


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


def _edit(seed: Path, number: int) -> str:
    """Append one new sentence to the seed's last body line; returns the marker word."""
    marker = f"Benchedit{number}"
    lines = seed.read_text(encoding="utf-8").rstrip("\n").split("\n")
    # The last line may be a credits line; edit the line before it then.
    index = len(lines) - 2 if len(lines) > 2 else len(lines) - 1
    lines[index] += f" The {marker} committee met again on Friday."
    seed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return marker


def _copy_inputs(project: Path, target: Path) -> Path:
    _fresh(target)
    for name in ("content", "seeds"):
        shutil.copytree(project / name, target / name)
    return target


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
    root = _copy_inputs(args.project, base / "project")
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for name in ("theme", "plugins"):
        if (args.project / name).is_dir():  # a site theme is optional
            shutil.copytree(args.project / name, root / name, ignore=ignore)
    for name in ("pelicanconf.py", "tasks.py"):
        shutil.copy2(args.project / name, root / name)
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


def _serve_once(args: argparse.Namespace, mode: str, edits: int) -> list[float]:
    import signal
    import socket
    import subprocess

    base = _fresh(OUT / f"serve-{mode}")
    root = _copy_inputs(args.project, base)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for name in ("theme", "plugins"):
        if (args.project / name).is_dir():  # a site theme is optional
            shutil.copytree(args.project / name, root / name, ignore=ignore)
    for name in ("pelicanconf.py", "tasks.py"):
        shutil.copy2(args.project / name, root / name)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    baseline = [sys.executable, str(ROOT / "bench" / "serve_baseline.py"), "--root", str(root)]
    cmd = {
        "tasks": [sys.executable, "-m", "invoke", "serve", f"--port={port}"],
        "baseline": [*baseline, f"--port={port}"],
    }[mode]
    logfile = (base / "serve.log").open("w")
    proc = subprocess.Popen(
        cmd, cwd=root, stdout=logfile, stderr=subprocess.STDOUT, start_new_session=True
    )
    times: list[float] = []
    try:
        deadline = time.monotonic() + 120
        while "serving http" not in (base / "serve.log").read_text():
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(
                    f"serve ({mode}) did not start:\n{(base / 'serve.log').read_text()}"
                )
            time.sleep(0.05)
        data_files = sorted((root / "output" / "data").glob("*.json"))
        seed = sorted((root / "seeds").glob("*.txt"))[0]
        time.sleep(1.5)  # let the watcher record the initial modification times
        for number in range(edits):
            started = time.perf_counter()
            marker = _edit(seed, number)
            while True:
                try:
                    if any(marker in f.read_text(encoding="utf-8") for f in data_files):
                        break
                except OSError:
                    pass  # output/ is being swapped
                if time.perf_counter() - started > 60:
                    raise SystemExit(f"serve ({mode}) never showed edit {number}")
                time.sleep(0.005)
            times.append(time.perf_counter() - started)
            time.sleep(1.2)  # the next save comes a moment later, as an author's would
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
        logfile.close()
    return times


def part_serve(args: argparse.Namespace, report: Report) -> None:
    rows, data = [], {}
    modes = (
        ("baseline", "a `python -m pelican` per save, livereload defaults"),
        ("tasks", "`invoke serve`: warm build process, 100 ms polling"),
    )
    for mode, label in modes:
        times = _serve_once(args, mode, args.edits)
        data[mode] = times
        rows.append([label, f"**{median(times):.2f}**", spread(times), str(len(times))])
    report.say("### Edit-to-refresh on the real site (save a seed → new output/ in place)\n")
    report.table(["server", "median s", "min–max s", "edits"], rows)
    report.say("(both use the analysis cache)\n")
    report.data["serve"] = data


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


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--parts", default=",".join(PARTS), help=f"comma list of {PARTS}")
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
        globals()[f"part_{part}"](args, report)
        report.data.setdefault("part_seconds", {})[part] = time.perf_counter() - started
        report.save()
    report.say(f"load average after: {_load()}")
    report.save()


if __name__ == "__main__":
    main()
