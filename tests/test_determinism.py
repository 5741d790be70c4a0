"""Two builds from the same input give byte-identical output trees.

Nothing is excluded: pages, feed, sitemap, JSON exports, theme files and the
search index (Pagefind) are all compared. The second build runs with a
different hash seed, time zone and locale, so set ordering or a clock cannot
leak into the output unnoticed.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from conftest import run_pelican
from tinysite import tree_hashes


@pytest.fixture(scope="module")
def second_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("again") / "elsewhere-output"
    env = {**os.environ, "PYTHONHASHSEED": "4321", "TZ": "Pacific/Kiritimati", "LC_ALL": "C"}
    result = run_pelican(out, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_two_builds_are_byte_identical(site: Path, second_build: Path) -> None:
    first, second = tree_hashes(site), tree_hashes(second_build)
    assert len(first) > 10
    assert sorted(first) == sorted(second), "the two builds wrote different files"
    differing = [name for name in first if first[name] != second[name]]
    assert differing == []


def test_no_build_date_in_the_output(site: Path) -> None:
    # The seeds are older than the build, so today's date can only come from a clock.
    today = dt.datetime.now(dt.UTC).date()
    stamps = {today.isoformat(), today.strftime("%-d %B %Y"), today.strftime("%B %-d, %Y")}
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".txt", ".js"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not [s for s in stamps if s in text], path
