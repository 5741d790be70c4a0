"""Hostile author input: YAML alias bombs, control characters in names and
keys, files outside the project. Each gives one safe error line, fast."""

from __future__ import annotations

import json
import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from tinysite import ROOT, SITE_OPTIONS, build, error_line, explainer_md, write_project

# 9 levels of 9 aliases: 9**9 (387 million) strings once expanded.
BOMB = "".join(
    f"{n}: &{n} [{', '.join(['*' + p] * 9)}]\n" if p else f"{n}: &{n} [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    for n, p in zip("abcdefghi", ["", *"abcdefgh"], strict=True)
)  # fmt: skip
MEMORY_CAP = 3 << 30  # a bomb that got through would fail here, not exhaust the machine


def capped_build(root: Path) -> subprocess.CompletedProcess[str]:
    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))

    cmd = [
        sys.executable, "-m", "pelican", str(root / "content"), "-s", str(ROOT / "pelicanconf.py"),
        "-o", str(root / "output"), "-e",
        "EXPLAINER=" + json.dumps({**SITE_OPTIONS, "root": str(root), "cache_dir": None}),
    ]  # fmt: skip
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=60, preexec_fn=cap)


def with_front(extra: str, **md: str) -> str:
    """An explainer whose front matter starts with ``extra`` (later keys win)."""
    return explainer_md(**md).replace("---\n", "---\n" + extra, 1)


@pytest.mark.parametrize(
    "use", ["title: *i\n", "summary: *i\n", "curation:\n  key_points:\n    pin: *i\n"]
)
def test_alias_bomb_in_front_matter_is_one_line(tmp_path: Path, use: str) -> None:
    text = explainer_md().replace("---\n", "---\n" + BOMB, 1)
    key = use.split(":")[0]
    text = text.replace(f"\n{key}: ", f"\nold_{key}: ", 1).replace("\n---\n", f"\n{use}---\n", 1)
    write_project(tmp_path, explainers={"bomb.md": text})
    line = error_line(capped_build(tmp_path))
    assert line.startswith("error: content/explainers/bomb.md:"), line
    assert "too large" in line and len(line) < 400, line
    assert not (tmp_path / "output").exists()


def test_alias_bomb_in_a_glossary_entry_names_the_file(tmp_path: Path) -> None:
    entry = "---\n" + BOMB + "term: Bridge\nshort: *i\n---\nBody.\n"
    write_project(tmp_path, glossary={"bridge.md": entry})
    line = error_line(capped_build(tmp_path))
    assert line.startswith("error: content/glossary/bridge.md:"), line
    assert "too large" in line


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    deep = "x: " + "[" * 5000 + "]" * 5000 + "\n"
    write_project(tmp_path, explainers={"deep.md": with_front(deep)})
    line = error_line(capped_build(tmp_path))
    assert line.startswith("error: content/explainers/deep.md:"), line


def test_anchors_of_modest_size_still_work(tmp_path: Path) -> None:
    text = with_front("x-common: &c An aliased summary.\n").replace(
        'summary: "A short summary."', "summary: *c"
    )
    assert "summary: *c" in text
    write_project(tmp_path, explainers={"ok.md": text})
    result = build(tmp_path)
    assert result.returncode == 0, result.stderr


NAMES = ["new\nline.md", "esc\x1b[31mred.md", "bell\x07.md", "back\rspace.md"]


@pytest.mark.parametrize("name", NAMES)
def test_control_characters_in_file_names_stay_one_escaped_line(tmp_path: Path, name: str) -> None:
    write_project(tmp_path, explainers={name: "---\ntitle: [unclosed\n---\n"})
    result = build(tmp_path)
    line = error_line(result)
    output = result.stdout + result.stderr
    assert not any(c in output for c in "\x1b\x07\r"), repr(output)
    tail = re.split("[\x00-\x1f]", name)[-1]  # after the control character: same line
    assert [ln for ln in output.splitlines() if tail in ln] == [line], repr(output)
    assert repr(name)[1:-1].replace("\\\\", "\\") in line or "\\x" in line, line


def test_control_characters_in_yaml_keys_are_escaped(tmp_path: Path) -> None:
    entry = '---\nterm: Bridge\nshort: A crossing.\n"evil\\e[2J\\a": 1\n---\n'
    write_project(tmp_path, glossary={"bridge.md": entry})
    result = build(tmp_path)
    line = error_line(result)
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr, repr(result.stderr)
    assert "\\x1b" in line, line


def test_a_huge_value_in_a_message_is_cut_short(tmp_path: Path) -> None:
    text = explainer_md().replace("slug: tiny", "slug: " + "X" * 200_000)
    write_project(tmp_path, explainers={"long.md": text})
    line = error_line(build(tmp_path))
    assert len(line) < 1000, len(line)
