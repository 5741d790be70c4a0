"""Part ``serve``: edit-to-refresh with a live-reload server."""

from __future__ import annotations

import argparse
import os
import sys
import time

from .common import _copy_site, _edit, _fresh
from .measure import ROOT, median, spread
from .report import OUT, Report


def _serve_once(args: argparse.Namespace, mode: str, edits: int) -> list[float]:
    import signal
    import socket
    import subprocess

    base = _fresh(OUT / f"serve-{mode}")
    root = _copy_site(args.project, base)
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
