"""`invoke serve` rebuilds on filesystem events, whatever the file times: a seed
moved away and back with its old modification time, a content file renamed away
and back, and a deleted content file all change the site it serves.

A real `invoke serve` process on a temporary copy of the project (tasks.py, the
settings, the theme, and a tiny content folder and seeds), never the checkout.
"""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from tinysite import (
    ROOT,
    SEED_A,
    explainer_md,
    free_port,
    serve_command,
    wait_listening,
    write_project,
)

OLD = 1_000_000_000  # 2001: older than any build


def _get(port: int, path: str) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read().decode("utf-8", "replace")
    conn.close()
    return response.status, body


def _until(check: Callable[[], bool], what: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.3)
    pytest.fail(f"within {timeout:.0f} s: {what}")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, int, subprocess.Popen[str]]]:
    project = tmp_path / "project"
    project.mkdir()
    for name in ("tasks.py", "pelicanconf.py", "publishconf.py"):
        shutil.copy2(ROOT / name, project / name)
    shutil.copytree(ROOT / "theme", project / "theme")
    explainers = {
        "tiny.md": explainer_md(),
        "other.md": explainer_md(slug="other", title="Another tiny explainer"),
    }
    write_project(project, explainers=explainers)
    for path in project.rglob("*"):
        os.utime(path, (OLD, OLD))
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as sink:
        proc = subprocess.Popen(
            serve_command(port, tmp_path),
            cwd=project,
            stdout=sink,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
    try:
        wait_listening(proc, port, log.read_text)
        time.sleep(1)  # the watch starts as the server does
        yield project, port, proc
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGINT)
        proc.wait(timeout=30)
        output = log.read_text()
        print(output)  # shown when a test fails
    assert proc.returncode == 130, output
    assert "Traceback" not in output, output
    assert list(tmp_path.glob("project/output*")) == []  # nothing built into the project


def test_moves_renames_and_deletions_rebuild_whatever_the_file_times(
    served: tuple[Path, int, subprocess.Popen[str]], tmp_path: Path
) -> None:
    project, port, _proc = served
    page = "/explainers/tiny/index.html"
    other = "/explainers/other/index.html"
    status, body = _get(port, page)
    assert status == 200 and "80 million" in body
    assert _get(port, other)[0] == 200

    # 1. A seed moved away and back with `mv`, changed in between, with its old
    #    time and its old size: only its inode tells it apart.
    seed = project / "seeds" / "a.txt"
    away = tmp_path / "a.txt.away"
    os.rename(seed, away)
    away.write_text(SEED_A.replace("80 million", "95 million"), encoding="utf-8")
    os.utime(away, (OLD, OLD))
    os.rename(away, seed)
    assert seed.stat().st_mtime == OLD
    _until(lambda: "95 million" in _get(port, page)[1], "the moved-back seed is rebuilt")
    assert "80 million" not in _get(port, page)[1]

    # 2. A content file renamed out of Pelican's reach: its page goes; renamed
    #    back with its old time: its page returns.
    content = project / "content" / "explainers" / "other.md"
    parked = content.with_name("other.md.parked")
    os.rename(content, parked)
    _until(lambda: _get(port, other)[0] == 404, "the renamed content file's page is gone")
    os.rename(parked, content)
    assert content.stat().st_mtime == OLD
    _until(lambda: _get(port, other)[0] == 200, "the renamed-back content file's page is back")

    # 3. A content file deleted: its page goes, the rest stays.
    content.unlink()
    _until(lambda: _get(port, other)[0] == 404, "the deleted content file's page is gone")
    assert _get(port, page)[0] == 200


def test_editor_swap_files_do_not_rebuild(
    served: tuple[Path, int, subprocess.Popen[str]],
) -> None:
    project, port, _proc = served
    log = project.parent / "serve.log"
    # Where an editor leaves them while a seed is open (no content folder, which
    # Pelican would read: an Emacs lock file there ends in .md).
    for name in (".a.txt.swp", ".a.txt.swx", "a.txt~", "4913", ".#a.txt", "#a.txt#"):
        (project / "seeds" / name).write_text("scratch\n", encoding="utf-8")
    # A real save afterwards: the only rebuild is the one it causes.
    time.sleep(1.5)
    seed = project / "seeds" / "a.txt"
    seed.write_text(SEED_A.replace("80 million", "95 million"), encoding="utf-8")
    _until(lambda: "95 million" in _get(port, "/explainers/tiny/index.html")[1], "rebuilt")
    time.sleep(1)
    # The first build's line and the save's: the scratch files made no rebuild.
    assert log.read_text().count("rebuilt in") == 2, log.read_text()
