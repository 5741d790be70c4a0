"""``invoke add-source``: copies a seed in, lists it, keeps the content file's layout."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pelican.plugins.explainer.errors import InputError
from pelican.plugins.explainer.parse.add_source import add_source
from pelican.plugins.explainer.parse.content import parse_spec

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "intake"

CONTENT = """---
title: "Harbour works"
slug: harbour-works
published: 2025-11-04
# Sources below are in the order the desk received them.
sources:
  - path: seeds/first.txt   # the wire copy
    label: Wire
  # a second one is expected from the regional paper
curation:
  key_points:
    max: 5
---
An intro that stays as written.
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "content" / "explainers").mkdir(parents=True)
    (tmp_path / "seeds").mkdir()
    (tmp_path / "content" / "explainers" / "harbour.md").write_text(CONTENT, encoding="utf-8")
    shutil.copy(FIXTURES / "wire-agency-dateline.txt", tmp_path / "seeds" / "first.txt")
    return tmp_path


def _content(project: Path) -> str:
    return (project / "content" / "explainers" / "harbour.md").read_text(encoding="utf-8")


def test_adds_an_html_page_keeping_comments_and_layout(project: Path) -> None:
    added = add_source(FIXTURES / "page-newsroom.html", "harbour-works", project)
    assert (project / "seeds" / "page-newsroom.html").read_bytes() == (
        FIXTURES / "page-newsroom.html"
    ).read_bytes()
    after = _content(project)
    before_lines = CONTENT.split("\n")
    new = [line for line in after.split("\n") if line not in before_lines]
    assert new == [
        "  - path: seeds/page-newsroom.html",
        '    label: "Ferry operator cuts winter timetable after fuel costs rise"',
    ]
    assert after.replace("\n".join(new) + "\n", "") == CONTENT  # nothing else moved
    spec = parse_spec(after, "harbour.md", project)
    assert [s.path for s in spec.sources] == ["seeds/first.txt", "seeds/page-newsroom.html"]
    report = "\n".join(added.report(project))
    assert "publisher  Eastbay Herald" in report and "byline     Mirela Dunn" in report
    assert "date       2025-11-04 08:15 UTC" in report and "sentences  8" in report


def test_a_text_seed_reports_its_dateline(project: Path) -> None:
    added = add_source(FIXTURES / "newcomer-dek-byline.txt", "harbour-works", project)
    report = "\n".join(added.report(project))
    assert "dateline   BRENNICK, April 9 (Meridian Press)" in report
    assert "dek        Residents of two riverside districts" in report
    assert "publisher  not detected" in report


@pytest.mark.parametrize(
    ("file", "slug", "message"),
    [
        ("page-newsroom.html", "no-such-story", "no explainer with slug 'no-such-story'"),
        ("pages.yaml", "harbour-works", "unknown file type '.yaml'"),
        ("empty.html", "harbour-works", "HTML page is empty"),
    ],
)
def test_bad_requests_change_nothing(project: Path, file: str, slug: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        add_source(FIXTURES / file, slug, project)
    assert _content(project) == CONTENT
    assert sorted(p.name for p in (project / "seeds").iterdir()) == ["first.txt"]


def test_a_duplicate_source_changes_nothing(project: Path) -> None:
    with pytest.raises(InputError, match=re.escape("already lists a source 'seeds/first.txt'")):
        add_source(project / "seeds" / "first.txt", "harbour-works", project)
    add_source(FIXTURES / "page-wire.html", "harbour-works", project)
    once = _content(project)
    with pytest.raises(InputError, match="already lists"):
        add_source(FIXTURES / "page-wire.html", "harbour-works", project)
    assert _content(project) == once


def test_the_task_prints_one_line_on_error() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "invoke",
            "add-source",
            "tests/fixtures/intake/page-wire.html",
            "--explainer",
            "no-such-explainer",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "error: content/explainers: no explainer with slug 'no-such-explainer'"
    ]
