"""Faults around the output: real signals to real builds, leftovers of killed
builds, a file where output/ should be. output/ is always the old site or the
new one, never missing or half-written, and nothing is left beside it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tinysite import ROOT, SITE_OPTIONS, build, error_line, tree_hashes, write_project


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.glob(".output.*"))


def start(root: Path) -> subprocess.Popen[str]:
    cmd = [
        sys.executable, "-m", "pelican", str(root / "content"), "-s", str(ROOT / "pelicanconf.py"),
        "-o", str(root / "output"), "-e",
        "EXPLAINER=" + json.dumps({**SITE_OPTIONS, "root": str(root), "cache_dir": None, "workers": 1}),
    ]  # fmt: skip
    return subprocess.Popen(
        cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def wait_for_staging(root: Path, proc: subprocess.Popen[str]) -> None:
    """Until the build has made its staging directory (it is then mid-build)."""
    for _ in range(600):
        if leftovers(root) or proc.poll() is not None:
            break
        time.sleep(0.01)
    assert proc.poll() is None, "the build finished before it could be interrupted"
    assert leftovers(root)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write_project(tmp_path)
    result = build(tmp_path)
    assert result.returncode == 0, result.stderr
    return tmp_path


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_build_exits_non_zero_with_one_line(project: Path, signum: int) -> None:
    before = tree_hashes(project / "output")
    proc = start(project)
    wait_for_staging(project, proc)
    proc.send_signal(signum)
    stdout, stderr = proc.communicate(timeout=60)
    result = subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)
    line = error_line(result)
    assert proc.returncode == 128 + signum
    assert line == f"error: interrupted by {signal.Signals(signum).name}; output is unchanged"
    assert tree_hashes(project / "output") == before
    assert leftovers(project) == []


def test_leftovers_of_a_killed_build_go_at_the_next_build(project: Path) -> None:
    proc = start(project)
    wait_for_staging(project, proc)
    proc.kill()
    proc.wait(timeout=30)
    assert leftovers(project)  # SIGKILL: no chance to clean up
    outside = project / "elsewhere"
    outside.mkdir()
    (outside / "keep.txt").write_text("keep")
    (project / ".output.staging-1").symlink_to(outside)  # a name taken by a link
    (project / ".output.old-2").write_text("a file")  # and by a file
    result = build(project)
    assert result.returncode == 0, result.stderr
    assert leftovers(project) == []
    assert (outside / "keep.txt").read_text() == "keep"  # the link was not followed
    assert (project / "output" / "index.html").is_file()


def test_a_concurrent_build_keeps_its_staging(project: Path) -> None:
    proc = start(project)
    wait_for_staging(project, proc)
    other = build(project)  # starts while the first is mid-build
    _, stderr = proc.communicate(timeout=60)
    assert other.returncode == 0, other.stderr
    assert proc.returncode == 0, stderr
    assert leftovers(project) == []
    assert (project / "output" / "index.html").is_file()


def test_an_output_that_is_a_file_is_one_line(tmp_path: Path) -> None:
    write_project(tmp_path)
    (tmp_path / "output").write_text("not a directory")
    line = error_line(build(tmp_path))
    assert line == f"error: {tmp_path / 'output'}: the output path exists and is not a directory"
    assert (tmp_path / "output").read_text() == "not a directory"
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write to a read-only directory")
def test_a_read_only_output_is_one_line(project: Path) -> None:
    before = tree_hashes(project / "output")
    (project / "output").chmod(0o555)
    try:
        line = error_line(build(project))
    finally:
        (project / "output").chmod(0o755)
    assert "not writable" in line
    assert tree_hashes(project / "output") == before
    assert leftovers(project) == []


def test_a_signal_inside_a_callback_python_cannot_raise_from_stays_one_error() -> None:
    """A signal landing in a weakref callback cannot raise there; it must not print
    "Exception ignored" with a traceback, and the next check still stops the build."""
    script = (
        "import os, signal, weakref\n"
        "from pelican.plugins.explainer.errors import Interrupted, check_interrupted, install_interrupts\n"
        "install_interrupts()\n"
        "class Owner: pass\n"
        "owner = Owner()\n"
        "ref = weakref.ref(owner, lambda _: os.kill(os.getpid(), signal.SIGTERM))\n"
        "del owner\n"
        "try:\n"
        "    check_interrupted()\n"
        "except Interrupted as exc:\n"
        "    print(exc.exitcode)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert result.stderr == ""
    assert result.stdout.strip() == str(128 + signal.SIGTERM)
