"""Throwaway projects for build tests: a content dir and seeds in a temp dir,
built with the real ``pelican`` command, the real settings and the real theme."""

from __future__ import annotations

import hashlib
import json
import runpy
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SITE_OPTIONS: dict[str, object] = runpy.run_path(str(ROOT / "pelicanconf.py"))["EXPLAINER"]

# Two short synthetic reports of one invented event.
SEED_A = """Council approves new river bridge after long debate
The city council on Tuesday approved a new bridge across the river, ending a year of argument over its cost.
Councillors voted 9 to 4 for the plan, which the mayor said would cut traffic in the old town.
The bridge will cost about 80 million dollars and should open in 2027, officials said.
Opponents said the money would be better spent on buses and repairs to existing roads.
"""
SEED_B = """River bridge plan wins council vote
Dateline City: The council backed the river bridge on Tuesday by 9 votes to 4.
The project is expected to cost 85 million dollars, according to a council report.
Work is due to begin next spring and the bridge should open in 2027.
A residents' group said it was considering a legal challenge to the decision.
"""


def explainer_md(
    *,
    slug: str = "tiny",
    title: str = "A tiny explainer",
    published: str = "2025-03-04",
    sources: list[str] | None = None,
    summary: str = "A short summary.",
    body: str = "An editor's introduction.",
) -> str:
    """An explainer content file; ``sources`` are seed paths (default: both seeds)."""
    paths = ["seeds/a.txt", "seeds/b.txt"] if sources is None else sources
    listed = "".join(f"  - path: {p}\n    label: Source {n}\n" for n, p in enumerate(paths, 1))
    return (
        f"---\ntitle: {json.dumps(title)}\nslug: {slug}\npublished: {published}\n"
        f"summary: {json.dumps(summary)}\nsources:{' []' if not paths else ''}\n{listed}---\n{body}\n"
    )


def write_project(
    root: Path,
    *,
    seeds: dict[str, str | bytes] | None = None,
    explainers: dict[str, str] | None = None,
    glossary: dict[str, str] | None = None,
) -> Path:
    """Write ``content/explainers``, ``content/glossary`` and ``seeds`` under ``root``."""
    seeds = {"a.txt": SEED_A, "b.txt": SEED_B} if seeds is None else seeds
    explainers = {"tiny.md": explainer_md()} if explainers is None else explainers
    for folder, files in (
        ("seeds", seeds),
        ("content/explainers", explainers),
        ("content/glossary", glossary or {}),
    ):
        (root / folder).mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            data = text if isinstance(text, bytes) else text.encode("utf-8")
            (root / folder / name).write_bytes(data)
    return root


def command(root: Path, output: Path | None = None, **settings: object) -> list[str]:
    """The ``pelican`` command that builds ``root``'s content with the real settings
    into ``output`` (default root/output); run it with ``cwd=ROOT``."""
    options = {**SITE_OPTIONS, "root": str(root), **settings.pop("EXPLAINER", {})}  # type: ignore[dict-item]
    overrides = {**settings, "EXPLAINER": options}
    return [
        sys.executable, "-m", "pelican", str(root / "content"),
        "-s", str(ROOT / "pelicanconf.py"), "-o", str(output or root / "output"),
        "-e", *(f"{key}={json.dumps(value)}" for key, value in overrides.items()),
    ]  # fmt: skip


def build(
    root: Path, output: Path | None = None, **settings: object
) -> subprocess.CompletedProcess[str]:
    """Build ``root``'s content with the real settings into ``output`` (default root/output)."""
    cmd = command(root, output, **settings)
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)


def error_line(result: subprocess.CompletedProcess[str]) -> str:
    """The build's one error line, checking it failed cleanly: non-zero exit,
    no traceback, exactly one line starting with ``error: ``."""
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    errors = [line for line in output.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1, output
    assert "CRITICAL" not in output and "Exception" not in output, output
    return errors[0]


def tree_hashes(path: Path) -> dict[str, str]:
    """Relative path → sha256 of every file under ``path`` (symlinks by target)."""
    return {
        p.relative_to(path).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(path.rglob("*"))
        if p.is_file()
    }


# --- `invoke serve` in a test: a free port, a command that builds outside the checkout,
# and a wait until it listens.


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve_command(port: int | str, folder: Path) -> list[str]:
    """``invoke serve`` building into ``folder``/output with its cache in ``folder``/cache."""
    out = ["--output", str(folder / "output"), "--cache-dir", str(folder / "cache")]
    return [sys.executable, "-m", "invoke", "serve", "--port", str(port), *out]


def wait_listening(proc: subprocess.Popen[str], port: int, output: Callable[[], str]) -> None:
    """Until the server answers on ``port`` (up to 120 s for its first build); fails with
    ``output()`` if it exits first or never listens."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert proc.poll() is None, output()
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"invoke serve did not start listening: {output()}")
