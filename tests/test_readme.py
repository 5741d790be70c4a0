"""The README documents what exists: every ``python -m`` module it names can be
imported, its task table lists every ``invoke`` task, and ``invoke --list``
shows each task's first docstring line as a whole sentence."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys

from tinysite import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _tasks() -> list[dict[str, str]]:
    listing = subprocess.run(
        [sys.executable, "-m", "invoke", "--list", "--list-format=json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    tasks: list[dict[str, str]] = json.loads(listing)["tasks"]
    return tasks


def test_every_documented_module_exists() -> None:
    modules = sorted(set(re.findall(r"python -m ([A-Za-z_][\w.]*)", README)))
    assert "pelican.plugins.explainer.parse.page_measure" in modules
    missing = [name for name in modules if importlib.util.find_spec(name) is None]
    assert missing == []


def test_the_task_table_lists_every_task() -> None:
    table = [line for line in README.splitlines() if line.startswith("| `invoke ")]
    listed = {re.match(r"\| `invoke ([\w-]+)", line).group(1) for line in table}  # type: ignore[union-attr]
    assert {task["name"] for task in _tasks()} <= listed


def test_invoke_list_shows_whole_sentences() -> None:
    # invoke --list shows a docstring's first line only: it must not stop mid-phrase.
    cut = [task["name"] for task in _tasks() if not task["help"].rstrip().endswith((".", ")"))]
    assert cut == []
