"""The output folder a build may replace: never the project, content, the settings
file or a seed, never through a symlink, never one holding files no build wrote;
files kept with OUTPUT_RETENTION survive the swap, as plain Pelican keeps them."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tinysite import ROOT, SITE_OPTIONS, build, error_line, tree_hashes, write_project


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    write_project(root)
    (root / "notes").mkdir()
    (root / "notes" / "todo.txt").write_text("the user's own file")
    return root


def refused(result: subprocess.CompletedProcess[str], *needles: str) -> str:
    line = error_line(result)
    for needle in needles:
        assert needle in line, line
    return line


def files(root: Path) -> dict[str, str]:
    """The project's files and their hashes; the build cache may come and go."""
    return {
        path: digest for path, digest in tree_hashes(root).items() if not path.startswith(".cache/")
    }


def untouched(root: Path, before: dict[str, str]) -> None:
    """Every file of the project as it was, and no staging folder left anywhere near."""
    assert files(root) == before
    assert list(root.parent.glob(".*.staging-*")) == list(root.glob(".*.staging-*")) == []


@pytest.mark.parametrize(
    ("where", "says"),
    [
        (".", "is the project root"),
        ("..", "contains the project root"),
        ("content", "is the content folder"),
        ("seeds", "holds files no build of this site wrote (a.txt, b.txt)"),
    ],
)
def test_an_output_over_the_project_is_refused(project: Path, where: str, says: str) -> None:
    before = files(project)
    refused(build(project, output=(project / where)), says)
    untouched(project, before)


def test_an_output_holding_the_settings_file_is_refused(project: Path) -> None:
    conf = project.parent / "conf"
    conf.mkdir()
    shutil.copy(ROOT / "pelicanconf.py", conf / "pelicanconf.py")
    shutil.copytree(ROOT / "theme", conf / "theme")  # the settings name the theme beside them
    before = tree_hashes(conf)
    options = {**SITE_OPTIONS, "root": str(project)}
    cmd = [
        sys.executable, "-m", "pelican", str(project / "content"), "-s", str(conf / "pelicanconf.py"),
        "-o", str(conf), "-e", f"EXPLAINER={json.dumps(options)}",
    ]  # fmt: skip
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
    refused(result, "contains the settings file")
    assert tree_hashes(conf) == before


def test_a_symlinked_output_is_refused_and_its_target_kept(project: Path) -> None:
    elsewhere = project.parent / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("keep")
    (project / "output").symlink_to(elsewhere)
    before = files(project)
    refused(build(project), "is a symbolic link")
    assert (project / "output").is_symlink()
    assert (elsewhere / "keep.txt").read_text() == "keep"
    assert sorted(p.name for p in elsewhere.iterdir()) == ["keep.txt"]
    untouched(project, before)


def test_a_previous_build_is_replaced_but_a_file_it_did_not_write_is_refused(
    project: Path,
) -> None:
    assert build(project).returncode == 0
    again = build(project)  # the marker left by the first build lets the second replace it
    assert again.returncode == 0, again.stderr
    (project / "output" / "explainers" / "mine.html").write_text("hand-made")
    (project / "output" / "empty-folder").mkdir()
    before = files(project)
    line = refused(build(project), "no build of this site wrote", "explainers/mine.html")
    assert "empty-folder" in line
    untouched(project, before)
    assert (project / "output" / "empty-folder").is_dir()


def test_a_folder_that_was_never_an_output_is_refused(project: Path) -> None:
    before = files(project)
    refused(build(project, output=project / "notes"), "(todo.txt)")
    untouched(project, before)


def test_output_retention_keeps_the_users_files_through_the_swap(project: Path) -> None:
    assert build(project).returncode == 0
    output = project / "output"
    (output / "CNAME").write_text("example.org\n")
    (output / ".git").mkdir()
    (output / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    keep = ["CNAME", ".git"]
    for _ in range(2):  # kept by one build, and by the next
        result = build(project, OUTPUT_RETENTION=keep)
        assert result.returncode == 0, result.stderr
        assert (output / "CNAME").read_text() == "example.org\n"
        assert (output / ".git" / "HEAD").read_text() == "ref: refs/heads/gh-pages\n"
        assert (output / "explainers" / "tiny" / "index.html").is_file()
    # Without the setting they are someone else's files again: the build stops.
    refused(build(project), "no build of this site wrote", "CNAME")


def test_a_retained_name_the_build_also_writes_is_refused(project: Path) -> None:
    (project / "output").mkdir()
    (project / "output" / "robots.txt").write_text("the user's robots.txt")
    before = files(project)
    refused(build(project, OUTPUT_RETENTION=["robots.txt"]), "robots.txt", "OUTPUT_RETENTION")
    untouched(project, before)


def test_an_empty_output_folder_is_fine(project: Path) -> None:
    (project / "output").mkdir()
    result = build(project)
    assert result.returncode == 0, result.stderr
    assert (project / "output" / "explainers" / "tiny" / "index.html").is_file()
