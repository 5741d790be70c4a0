"""Run a command as a child process; report wall time and peak memory.

Peak memory is sampled from ``/proc`` every few milliseconds over the whole
process tree (Pelican plus any analysis workers): the sum of resident sizes
(RSS, which counts pages a forked worker shares with its parent twice, so it
is an upper bound) and the sum of proportional sizes (PSS, shared pages split
between the processes that share them). ``os.wait4`` adds the kernel's exact
peak RSS of the largest single process.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
MB = 1024 * 1024


@dataclass
class Run:
    seconds: float
    rss_mb: float  # peak of the tree's summed RSS (sampled)
    pss_mb: float  # peak of the tree's summed PSS (sampled; 0 where unavailable)
    max_rss_mb: float  # kernel's peak RSS of the largest single process
    cpu_seconds: float  # user + system time of the whole tree (less load-sensitive than wall)
    returncode: int
    output: str


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        # The command name may hold spaces: fields start after its closing paren.
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _tree(pid: int) -> list[int]:
    tree, out, todo = _children(), [], [pid]
    while todo:
        current = todo.pop()
        out.append(current)
        todo += tree.get(current, [])
    return out


def _memory(pids: list[int]) -> tuple[int, int]:
    rss = pss = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/statm", "rb") as handle:
                rss += int(handle.read().split()[1]) * PAGE
            with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
                for line in handle:
                    if line.startswith(b"Pss:"):
                        pss += int(line.split()[1]) * 1024
                        break
        except (OSError, ValueError, IndexError):
            continue
    return rss, pss


def run(
    cmd: list[str], cwd: Path = ROOT, env: dict[str, str] | None = None, interval: float = 0.02
) -> Run:
    """Run ``cmd`` to completion, sampling the memory of its process tree."""
    sampling = Path("/proc/self/stat").exists()
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        peak_rss = peak_pss = 0
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if sampling:
                rss, pss = _memory(_tree(proc.pid))
                peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
            time.sleep(interval)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    # ru_maxrss is in KiB on Linux.
    max_rss = usage.ru_maxrss * 1024 if sys.platform != "darwin" else usage.ru_maxrss
    cpu = usage.ru_utime + usage.ru_stime  # includes the workers Pelican reaped
    return Run(seconds, peak_rss / MB, peak_pss / MB, max_rss / MB, cpu, proc.returncode, output)


def pelican_cmd(
    content: Path, settings: Path, output: Path, extra: dict[str, object] | None = None
) -> list[str]:
    import json

    cmd = [sys.executable, "-m", "pelican", str(content), "-s", str(settings), "-o", str(output)]
    cmd.append("-q")
    if extra:
        # One -e for all pairs: Pelican keeps only the last -e it is given.
        cmd += ["-e", *(f"{key}={json.dumps(value)}" for key, value in extra.items())]
    return cmd


def checked(result: Run, what: str, explainers_in: Path | None = None) -> Run:
    """Stop on a failed build; with ``explainers_in`` (an output directory), also on
    a build that wrote no explainer. Pelican skips a plugin it cannot import and
    still exits 0, so a broken plugin would otherwise time as a very fast build."""
    if result.returncode != 0:
        raise SystemExit(f"{what} failed ({result.returncode}):\n{result.output[-3000:]}")
    if explainers_in is not None and not any((explainers_in / "data").glob("*.json")):
        raise SystemExit(f"{what} wrote no explainer to {explainers_in} (plugin not loaded?)")
    return result


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def spread(values: list[float]) -> str:
    """min–max, to show how noisy a median is."""
    return f"{min(values):.2f}–{max(values):.2f}" if values else "-"
