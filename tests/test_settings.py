"""``EXPLAINER = {...}``: one validated settings dict; a bad one stops the build with one line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from tinysite import build, error_line, write_project

from pelican.plugins.explainer.settings import OPTIONS, SettingError, explainer_settings


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"workers": "two"}, 'error: EXPLAINER["workers"]: expected a whole number above 0'),
        ({"workers": 0}, 'error: EXPLAINER["workers"]: expected a whole number above 0'),
        ({"search": "yes"}, 'error: EXPLAINER["search"]: expected True or False'),
        ({"max_seed_bytes": True}, 'error: EXPLAINER["max_seed_bytes"]: expected a whole'),
        ({"cache_dir": 3}, 'error: EXPLAINER["cache_dir"]: expected a string or None'),
        ({"wrokers": 2}, 'error: EXPLAINER["wrokers"]: unknown option (known: root,'),
        (
            {"publish_threshold": 1.5},
            'error: EXPLAINER["publish_threshold"]: expected a number from 0 to 1',
        ),
        (
            {"publish_threshold": float("nan")},
            'error: EXPLAINER["publish_threshold"]: expected a number',
        ),
    ],
)
def test_a_bad_option_stops_the_build_with_one_line_naming_it(
    tmp_path: Path, options: dict[str, object], expected: str
) -> None:
    write_project(tmp_path)
    line = error_line(build(tmp_path, EXPLAINER=options))
    assert line.startswith(expected), line
    assert not (tmp_path / "output").exists()
    assert list(tmp_path.glob(".output.*")) == []


def test_the_old_flat_settings_name_their_replacement(tmp_path: Path) -> None:
    write_project(tmp_path)
    line = error_line(build(tmp_path, EXPLAINER_WORKERS="2"))
    assert (
        line == 'error: EXPLAINER_WORKERS: replaced by EXPLAINER["workers"]; move the value there'
    )


def test_a_setting_that_is_not_a_dict_is_one_line(tmp_path: Path) -> None:
    site = write_project(tmp_path)
    conf = site / "conf.py"
    conf.write_text('PLUGINS = ["pelican.plugins.explainer"]\nEXPLAINER = ["workers", 2]\n')
    cmd = [sys.executable, "-m", "pelican", "content", "-s", str(conf), "-o", "output"]
    result = subprocess.run(cmd, cwd=site, capture_output=True, text=True, timeout=120)
    assert error_line(result) == "error: EXPLAINER: expected a dict of options, got ['workers', 2]"


def test_defaults_fill_what_a_site_leaves_out() -> None:
    options = explainer_settings({"EXPLAINER": {"workers": 2, "max_seconds": 1.5}})
    assert list(options) == list(OPTIONS)
    assert options["workers"] == 2 and options["max_seconds"] == 1.5
    assert options["cache_dir"] == ".cache/explainer" and options["search"] is True
    assert explainer_settings({})["feed_atom"] == "feeds/explainers.atom.xml"
    with pytest.raises(SettingError):
        explainer_settings({"EXPLAINER": {"feed_atom": b"feed.xml"}})


def test_a_site_can_turn_the_feed_and_search_off(tmp_path: Path) -> None:
    write_project(tmp_path)
    result = build(tmp_path, EXPLAINER={"feed_atom": None, "search": False, "workers": 1})
    assert result.returncode == 0, result.stderr
    out = tmp_path / "output"
    assert (out / "explainers" / "tiny" / "index.html").is_file()
    assert not (out / "feeds").exists() and not (out / "pagefind").exists()
    assert "Atom feed" not in (out / "explainers" / "tiny" / "index.html").read_text("utf-8")


# --- numbers: finite and within sane bounds ------------------------------------------

BAD_NUMBERS = [
    ("max_seconds", float("nan")),
    ("max_seconds", float("inf")),
    ("max_seconds", -float("inf")),
    ("max_seconds", 10**30),
    ("max_seconds", 1e-9),  # below what a timer can measure
    ("max_memory_mb", 10**30),
    ("max_memory_mb", 2**20 + 1),
    ("max_seed_bytes", 10**30),
    ("max_line_chars", 10**12),
    ("workers", 10**9),
    ("livereload_port", 70_000),
    ("publish_threshold", float("inf")),
]


@pytest.mark.parametrize(("key", "value"), BAD_NUMBERS)
def test_a_number_out_of_bounds_names_its_key(key: str, value: float) -> None:
    with pytest.raises(SettingError) as caught:
        explainer_settings({"EXPLAINER": {key: value}})
    message = str(caught.value)
    assert message.startswith(f'EXPLAINER["{key}"]: expected ') and "\n" not in message, message


@pytest.mark.parametrize(
    ("key", "value"),
    [("max_seconds", 0.001), ("max_seconds", 7 * 86_400), ("max_memory_mb", 1), ("workers", 64)],
)
def test_numbers_at_the_bounds_are_accepted(key: str, value: float) -> None:
    assert explainer_settings({"EXPLAINER": {key: value}})[key] == value


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"max_seconds": float("nan")}, 'error: EXPLAINER["max_seconds"]: expected'),
        ({"max_seconds": 1e-9}, 'error: EXPLAINER["max_seconds"]: expected'),
        ({"max_memory_mb": 10**30}, 'error: EXPLAINER["max_memory_mb"]: expected'),
    ],
)
def test_a_bad_number_stops_the_build_before_any_analysis(
    tmp_path: Path, options: dict[str, object], expected: str
) -> None:
    write_project(tmp_path)
    line = error_line(build(tmp_path, EXPLAINER=options))
    assert line.startswith(expected) and "content/" not in line, line
    assert not (tmp_path / "output").exists()
