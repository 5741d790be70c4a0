"""`invoke serve` failing cleanly. Ctrl-C: a real SIGINT to its process group, as
a terminal sends it; it stops with one line and exit code 130, no traceback, and
no staging directory of a dead process left beside the output. A busy or invalid
port: one ``error:`` line, a non-zero exit, before any build.

Every server here builds into a temporary folder, never the checkout's output/.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
from pathlib import Path

import pytest
from tinysite import ROOT, free_port, serve_command, wait_listening


def _dead_leftovers(root: Path) -> list[str]:
    left = []
    for path in root.glob(".output.*-*"):
        pid = path.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not Path(f"/proc/{pid}").exists():
            left.append(path.name)
    return left


def test_ctrl_c_stops_serve_cleanly(tmp_path: Path) -> None:
    port = free_port()
    proc = subprocess.Popen(
        serve_command(str(port), tmp_path),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        wait_listening(proc, port, lambda: proc.stdout.read() if proc.stdout else "")
        os.killpg(proc.pid, signal.SIGINT)
        output, _ = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 130, output
    assert "Traceback" not in output, output
    assert output.strip().splitlines()[-1] == "serve: stopped (interrupted)"
    assert (tmp_path / "output" / "index.html").is_file()
    assert _dead_leftovers(tmp_path) == []


def _one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    assert result.stdout == "", output  # nothing built, nothing claimed to be served
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), output
    return lines[0]


def test_a_busy_port_is_one_error_line(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            serve_command(str(port), tmp_path), cwd=ROOT, capture_output=True, text=True, timeout=60
        )
    line = _one_error_line(result)
    assert line == f"error: cannot serve on 127.0.0.1:{port}: Address already in use"
    assert not (tmp_path / "output").exists()


@pytest.mark.parametrize("port", ["99999", "-1", "0", "65536", "http"])
def test_an_invalid_port_is_one_error_line(port: str, tmp_path: Path) -> None:
    result = subprocess.run(
        serve_command(port, tmp_path), cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    line = _one_error_line(result)
    assert line == f"error: invalid port '{port}': use a number from 1 to 65535"
