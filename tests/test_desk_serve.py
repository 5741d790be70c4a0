"""`invoke serve` mounts the review desk at /_review/ on loopback, and nothing of
the desk reaches the output it builds. Built into a temp folder; only GETs, so the
checkout's content files are never written."""

from __future__ import annotations

import http.client
import os
import signal
import subprocess
from pathlib import Path

from tinysite import ROOT, free_port, serve_command, wait_listening


def _get(port: int, path: str, host: str | None = None) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", path, headers={"Host": host or f"127.0.0.1:{port}"})
    response = conn.getresponse()
    body = response.read().decode("utf-8", "replace")
    conn.close()
    return response.status, body


def test_serve_mounts_the_desk_and_never_builds_it(tmp_path: Path) -> None:
    port = free_port()
    proc = subprocess.Popen(
        serve_command(port, tmp_path),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        wait_listening(proc, port, lambda: proc.stdout.read() if proc.stdout else "")
        status, body = _get(port, "/_review/")
        assert status == 200 and "open item" in body and "Xi Jinping in Hanoi" in body
        assert _get(port, "/_review/desk.js")[0] == 200
        assert _get(port, "/_review/", host="attacker.example")[0] == 403
        assert _get(port, "/")[0] == 200  # the site itself is still served
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        output, _ = proc.communicate(timeout=30)
    assert f"review desk: http://127.0.0.1:{port}/_review/" in output
    built = [
        p.relative_to(tmp_path / "output").as_posix() for p in (tmp_path / "output").rglob("*")
    ]
    assert built and not [p for p in built if "_review" in p or "desk." in p]
