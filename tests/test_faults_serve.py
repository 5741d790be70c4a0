"""Ctrl-C on `invoke serve`: a real SIGINT to its process group, as a terminal
sends it. It stops with one line and exit code 130, no traceback, and no
staging directory of a dead process left beside output/."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from tinysite import ROOT


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _dead_leftovers(root: Path) -> list[str]:
    left = []
    for path in root.glob(".output.*-*"):
        pid = path.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not Path(f"/proc/{pid}").exists():
            left.append(path.name)
    return left


def test_ctrl_c_stops_serve_cleanly() -> None:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "invoke", "serve", "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        for _ in range(600):  # up to 120 s for the first build
            assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.2)
        os.killpg(proc.pid, signal.SIGINT)
        output, _ = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 130, output
    assert "Traceback" not in output, output
    assert output.strip().splitlines()[-1] == "serve: stopped (interrupted)"
    assert _dead_leftovers(ROOT) == []
