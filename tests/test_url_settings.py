"""URL and save-as patterns are settings: a custom pattern moves the pages, and
every internal link, the JSON export and the feed follow."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tinysite import build, error_line, write_project

from checks.links import broken_links

TERM = '---\nterm: river bridge\naliases: [bridge]\nshort: "A bridge over a river."\n---\n'
PATTERNS = {
    "explainer_url": "stories/{slug}.html",
    "explainer_save_as": "stories/{slug}.html",
    "compare_url": "stories/{slug}/compared/",
    "compare_save_as": "stories/{slug}/compared/index.html",
    "source_url": "stories/{slug}/read/{source}.html",
    "source_save_as": "stories/{slug}/read/{source}.html",
    "glossary_url": "terms/",
    "glossary_save_as": "terms/index.html",
    "data_url": "api/{slug}.json",
    "data_save_as": "api/{slug}.json",
}


def test_custom_patterns_move_every_page_and_every_link_follows(tmp_path: Path) -> None:
    write_project(tmp_path, glossary={"bridge.md": TERM})
    result = build(tmp_path, EXPLAINER={**PATTERNS, "workers": 1})
    assert result.returncode == 0, result.stdout + result.stderr
    out = tmp_path / "output"
    for path in (
        "stories/tiny.html",
        "stories/tiny/compared/index.html",
        "stories/tiny/read/a.html",
        "stories/tiny/read/b.html",
        "terms/index.html",
        "api/tiny.json",
    ):
        assert (out / path).is_file(), sorted(p.as_posix() for p in out.rglob("*"))
    assert not (out / "explainers").exists() and not (out / "glossary").exists()
    assert not (out / "data").exists()
    assert broken_links(out) == []
    home = (out / "index.html").read_text("utf-8")
    assert 'href="./stories/tiny.html"' in home or 'href="stories/tiny.html"' in home, home
    data = json.loads((out / "api" / "tiny.json").read_text("utf-8"))
    assert data["url"] == "stories/tiny.html"
    assert data["comparison_url"] == "stories/tiny/compared/"
    assert data["sources"][0]["url"] == "stories/tiny/read/a.html"
    assert data["sources"][0]["sentences"][0]["url"].startswith("stories/tiny/read/a.html#")
    assert all(g["url"].startswith("terms/#") for g in data["glossary"])
    feed = (out / "feeds" / "explainers.atom.xml").read_text("utf-8")
    assert "stories/tiny.html" in feed
    sitemap = (out / "sitemap.xml").read_text("utf-8")
    assert "stories/tiny/read/b.html" in sitemap and "explainers/" not in sitemap


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"explainer_url": "stories/"}, 'EXPLAINER["explainer_url"]: needs {slug}'),
        (
            {"source_save_as": "s/{slug}/{id}.html"},
            'EXPLAINER["source_save_as"]: unknown field {id}',
        ),
        ({"glossary_url": "/terms/"}, 'EXPLAINER["glossary_url"]: expected a path inside'),
        ({"data_save_as": "../{slug}.json"}, 'EXPLAINER["data_save_as"]: expected a path inside'),
        ({"compare_save_as": "c/{slug}/"}, 'EXPLAINER["compare_save_as"]: expected a file name'),
        ({"explainer_url": "s/{slug"}, 'EXPLAINER["explainer_url"]: not a valid pattern'),
        ({"data_url": 3}, 'EXPLAINER["data_url"]: expected a string, got 3'),
    ],
)
def test_a_bad_pattern_stops_the_build_with_one_line(
    tmp_path: Path, options: dict[str, object], expected: str
) -> None:
    write_project(tmp_path)
    line = error_line(build(tmp_path, EXPLAINER=options))
    assert line.startswith(f"error: {expected}"), line
    assert not (tmp_path / "output").exists()
