"""Interrupts and kills in the middle of the analysis, in every worker mode.

Each build is the real ``pelican`` command with one analysis step put in front
that records the analysing process's id and then waits: the signal is sent at a
known moment, while that process (the build itself with ``workers: 1``, a forked
worker otherwise) is inside the analysis.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tinysite import ROOT, SITE_OPTIONS, build, error_line, explainer_md, tree_hashes, write_project

# Run pelican with a first analysis step that writes its pid to MARK and waits.
HOLD = """
import os, sys, time
from pelican.plugins.explainer import pipeline
mark = sys.argv.pop(1)
def hold(explainer):
    with open(mark, "a") as handle:
        handle.write(f"{os.getpid()}\\n")
    time.sleep(120)
pipeline.ANALYSES = (("hold", hold), *pipeline.ANALYSES)
from pelican import main
sys.argv[0] = "pelican"
main()
"""

# (workers, explainers): the build alone; one explainer analysed in a worker while the
# build compiles templates; a pool of workers for many explainers.
MODES = {"serial": (1, 1), "one worker": (2, 1), "pool": (2, 8)}


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.glob(".output.*"))


def project(root: Path, explainers: int) -> Path:
    write_project(
        root,
        explainers={f"e{n}.md": explainer_md(slug=f"e{n}") for n in range(explainers)},
    )
    result = build(root)
    assert result.returncode == 0, result.stderr
    return root


def start(root: Path, workers: int, mark: Path) -> subprocess.Popen[str]:
    options = {**SITE_OPTIONS, "root": str(root), "cache_dir": None, "workers": workers}
    cmd = [
        sys.executable, "-c", HOLD, str(mark), str(root / "content"),
        "-s", str(ROOT / "pelicanconf.py"), "-o", str(root / "output"),
        "-e", "EXPLAINER=" + json.dumps(options),
    ]  # fmt: skip
    # A session of its own, so Ctrl-C can be sent to the group, as a terminal does.
    return subprocess.Popen(
        cmd,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def analysing(mark: Path, proc: subprocess.Popen[str]) -> list[int]:
    """The ids of the processes that have entered the analysis (waiting there)."""
    for _ in range(3000):
        if (mark.is_file() and mark.read_text().endswith("\n")) or proc.poll() is not None:
            break
        time.sleep(0.01)
    assert proc.poll() is None, proc.communicate()
    return [int(line) for line in mark.read_text().split()]


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie waiting for a reaper counts as gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


def gone(pids: list[int], seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while any(alive(pid) for pid in pids):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupt_during_the_analysis_exits_128_plus_the_signal(
    tmp_path: Path, mode: str, signum: int
) -> None:
    workers, explainers = MODES[mode]
    root = project(tmp_path, explainers)
    before = tree_hashes(root / "output")
    proc = start(root, workers, tmp_path / "mark")
    pids = analysing(tmp_path / "mark", proc)
    assert (pids == [proc.pid]) == (workers == 1)
    if signum == signal.SIGINT:
        os.killpg(proc.pid, signum)  # Ctrl-C reaches the build and its workers
    else:
        proc.send_signal(signum)  # kill PID: the build alone
    stdout, stderr = proc.communicate(timeout=60)
    line = error_line(subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr))
    assert proc.returncode == 128 + signum
    assert line == f"error: interrupted by {signal.Signals(signum).name}; output is unchanged"
    assert tree_hashes(root / "output") == before
    assert leftovers(root) == []
    assert gone(pids)


@pytest.mark.parametrize("mode", ["one worker", "pool"])
def test_workers_of_a_killed_build_die_and_its_staging_goes_next_time(
    tmp_path: Path, mode: str
) -> None:
    workers, explainers = MODES[mode]
    root = project(tmp_path, explainers)
    proc = start(root, workers, tmp_path / "mark")
    pids = analysing(tmp_path / "mark", proc)
    proc.kill()  # SIGKILL: the build cannot stop its workers itself
    proc.communicate(timeout=30)
    assert gone(pids), "a worker outlived the build that forked it"
    assert leftovers(root)
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert leftovers(root) == []  # no orphan holds the staging lock
