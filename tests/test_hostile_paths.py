"""Files a build must not read: pipes, devices and links out of the project,
hidden folders; and analyses that would not finish. Refused with one line,
warm cache or cold, before a byte is read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tinysite import build, error_line, explainer_md, tree_hashes, write_project


def warm(tmp_path: Path) -> Path:
    write_project(tmp_path)
    result = build(tmp_path, EXPLAINER={"cache_dir": ".cache"})
    assert result.returncode == 0, result.stderr
    return tmp_path


def refused(root: Path, expected: str, **settings: object) -> None:
    before = tree_hashes(root / "output") if (root / "output").exists() else None
    line = error_line(build(root, **settings))
    assert line.startswith(expected), line
    after = tree_hashes(root / "output") if (root / "output").exists() else None
    assert after == before
    assert list(root.glob(".output.*")) == []


@pytest.mark.parametrize("cache", [".cache", None])
def test_a_seed_replaced_by_a_pipe_is_refused(tmp_path: Path, cache: str | None) -> None:
    root = warm(tmp_path)
    (root / "seeds" / "a.txt").unlink()
    os.mkfifo(root / "seeds" / "a.txt")  # reading it would wait forever
    refused(root, "error: content/explainers/tiny.md:", EXPLAINER={"cache_dir": cache})


@pytest.mark.parametrize("cache", [".cache", None])
def test_a_seed_linked_to_a_device_is_refused(tmp_path: Path, cache: str | None) -> None:
    root = warm(tmp_path)
    (root / "seeds" / "a.txt").unlink()
    (root / "seeds" / "a.txt").symlink_to("/dev/zero")  # reading it never ends
    refused(root, "error: content/explainers/tiny.md:", EXPLAINER={"cache_dir": cache})


def test_a_seed_in_a_hidden_folder_is_refused(tmp_path: Path) -> None:
    write_project(tmp_path, explainers={"tiny.md": explainer_md(sources=[".git/config"])})
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("[core]\n\tbare = false\nSecret text here.\n")
    line = error_line(build(tmp_path))
    assert line.startswith("error: content/explainers/tiny.md:"), line
    assert "hidden folder" in line


@pytest.mark.parametrize("folder", ["explainers", "glossary"])
def test_a_content_link_to_a_file_outside_is_refused(tmp_path: Path, folder: str) -> None:
    write_project(tmp_path)
    secret = tmp_path.parent / f"{tmp_path.name}-secret.md"
    secret.write_text(explainer_md(slug="secret", title="Private notes"))
    (tmp_path / "content" / folder / "leak.md").symlink_to(secret)
    line = error_line(build(tmp_path))
    assert line.startswith(f"error: content/{folder}/leak.md: links to"), line
    assert not (tmp_path / "output").exists()


def test_a_link_inside_content_still_works(tmp_path: Path) -> None:
    write_project(tmp_path)
    (tmp_path / "content" / "drafts").mkdir()
    (tmp_path / "content" / "explainers" / "tiny.md").rename(
        tmp_path / "content" / "drafts" / "tiny.md"
    )
    (tmp_path / "content" / "explainers" / "tiny.md").symlink_to("../drafts/tiny.md")
    result = build(tmp_path)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize(("setting", "value"), [("max_memory_mb", 1), ("max_seconds", 0.001)])
def test_an_analysis_over_its_budget_is_one_line(
    tmp_path: Path, workers: int, setting: str, value: float
) -> None:
    write_project(tmp_path)
    line = error_line(build(tmp_path, EXPLAINER={"workers": workers, setting: value}))
    assert line.startswith("error: content/explainers/tiny.md: analysis"), line
    assert f'EXPLAINER["{setting}"]' in line
    assert not (tmp_path / "output").exists()
    assert list(tmp_path.glob(".output.*")) == []
