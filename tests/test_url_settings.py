"""URL and save-as patterns are settings: a custom pattern moves the pages, and
every internal link, the JSON export and the feed follow."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tinysite import build, error_line, explainer_md, write_project

from checks.links import broken_links
from pelican.plugins.explainer.settings import SettingError, explainer_settings

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
    "index_url": "stories/",
    "index_save_as": "stories/index.html",
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
        "stories/index.html",
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


# --- patterns are checked as what they format to ---------------------------------------

BAD_PATTERNS = [
    # Format specs and conversions: they pad, cut or nest the slug into any path.
    ({"data_save_as": "{slug:/>60}.json"}, 'EXPLAINER["data_save_as"]: write {slug} without'),
    ({"data_save_as": "data/{slug:{slug}}.json"}, 'EXPLAINER["data_save_as"]: write {slug}'),
    ({"explainer_url": "s/{slug!r}/"}, 'EXPLAINER["explainer_url"]: write {slug} without'),
    ({"explainer_save_as": "s/{slug.upper}.html"}, 'EXPLAINER["explainer_save_as"]: unknown'),
    ({"data_save_as": "data/\x00{slug}.json"}, 'EXPLAINER["data_save_as"]: contains a control'),
    ({"data_save_as": "data//{slug}.json"}, 'EXPLAINER["data_save_as"]: expected a path inside'),
    # The feed is a path too.
    ({"feed_atom": "/tmp/feed.xml"}, 'EXPLAINER["feed_atom"]: expected a path inside'),
    ({"feed_atom": "../feed.xml"}, 'EXPLAINER["feed_atom"]: expected a path inside'),
    ({"feed_atom": "feeds/{slug}.xml"}, 'EXPLAINER["feed_atom"]: unknown field {slug}'),
    # Two page types, or a page and a file the site writes anyway, on one file.
    (
        {"compare_save_as": "explainers/{slug}/index.html"},
        'EXPLAINER["compare_save_as"]: writes explainers/sample-one/index.html (for a sample'
        ' slug), but the explainer page (EXPLAINER["explainer_save_as"]) is there too',
    ),
    ({"data_save_as": "explainers/{slug}/index.html"}, 'EXPLAINER["data_save_as"]: writes'),
    (
        {"glossary_save_as": "sitemap.xml"},
        'EXPLAINER["glossary_save_as"]: writes sitemap.xml, but the sitemap is there too',
    ),
    (
        {"glossary_save_as": "pagefind/pagefind.js"},
        'EXPLAINER["glossary_save_as"]: writes pagefind/pagefind.js, but that is inside the'
        " folder of the search index",
    ),
    (
        {"glossary_save_as": "search/index.html"},
        'but the glossary page (EXPLAINER["glossary_save_as"]) is there too',
    ),
    ({"glossary_save_as": "theme/x.html"}, "the folder of the theme's static files"),
    ({"feed_atom": "robots.txt"}, 'EXPLAINER["feed_atom"]: writes robots.txt, but robots.txt'),
    (
        {"feed_atom": "glossary/index.html/feed.xml"},
        'EXPLAINER["feed_atom"]: writes glossary/index.html/feed.xml, but that needs a folder'
        ' where the glossary page (EXPLAINER["glossary_save_as"]) is (glossary/index.html)',
    ),
    ({"feed_atom": "glossary/index.html"}, 'EXPLAINER["feed_atom"]: writes glossary/index.html'),
    # A file where another page needs a folder.
    (
        {"explainer_save_as": "explainers/{slug}"},
        'EXPLAINER["compare_save_as"]: writes explainers/sample-one/compare/index.html',
    ),
    ({"compare_url": "explainers/{slug}/"}, 'EXPLAINER["compare_url"]: links to'),
]


@pytest.mark.parametrize(("options", "expected"), BAD_PATTERNS)
def test_a_pattern_is_checked_after_formatting(options: dict[str, object], expected: str) -> None:
    with pytest.raises(SettingError) as caught:
        explainer_settings({"EXPLAINER": options})
    message = str(caught.value)
    assert message.startswith('EXPLAINER["') and expected in message, message


def test_the_theme_static_folder_follows_the_setting() -> None:
    options = {"glossary_save_as": "assets/x.html"}
    explainer_settings({"EXPLAINER": options})  # fine with the default "theme"
    with pytest.raises(SettingError, match="theme's static files"):
        explainer_settings({"EXPLAINER": options, "THEME_STATIC_DIR": "assets"})


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"data_save_as": "{slug:/>60}.json"}, 'error: EXPLAINER["data_save_as"]: write {slug}'),
        ({"feed_atom": "sitemap.xml"}, 'error: EXPLAINER["feed_atom"]: writes sitemap.xml'),
    ],
)
def test_a_clashing_pattern_stops_the_build_with_one_line(
    tmp_path: Path, options: dict[str, object], expected: str
) -> None:
    write_project(tmp_path)
    line = error_line(build(tmp_path, EXPLAINER=options))
    assert line.startswith(expected), line
    assert not (tmp_path / "output").exists()
    assert not Path("/tiny.json").exists()  # where "{slug:/>60}.json" used to write


@pytest.mark.parametrize(
    ("slug", "other"),
    [
        ("search", 'the search page (EXPLAINER["search_save_as"]) is there too'),
        ("glossary", 'the glossary page (EXPLAINER["glossary_save_as"]) is there too'),
        ("pagefind", "that is inside the folder of the search index"),
    ],
)
def test_a_slug_landing_on_another_page_names_the_content_file(
    tmp_path: Path, slug: str, other: str
) -> None:
    write_project(tmp_path, explainers={"x.md": explainer_md(slug=slug)})
    result = build(
        tmp_path, EXPLAINER={"explainer_save_as": "{slug}/index.html", "explainer_url": "{slug}/"}
    )
    line = error_line(result)
    assert line.startswith(
        f"error: content/explainers/x.md:3: the explainer page of {slug!r} would be written to"
        f" {slug}/index.html, but {other}"
    ), line
    assert not (tmp_path / "output").exists()


def test_the_same_patterns_build_with_a_plain_slug(tmp_path: Path) -> None:
    write_project(tmp_path)
    options = {"explainer_save_as": "{slug}/index.html", "explainer_url": "{slug}/"}
    result = build(tmp_path, EXPLAINER={**options, "search": False})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "output" / "tiny" / "index.html").is_file()


@pytest.mark.parametrize(
    ("link", "web"),
    [
        ("explainers/x/index.html", "explainers/x/"),
        ("glossary/index.html#comac", "glossary/#comac"),
        ("index.html", ""),
        ("explainers/x/", "explainers/x/"),
        ("stories/x.html", "stories/x.html"),
        ("stories/myindex.html", "stories/myindex.html"),
    ],
)
def test_web_addresses_name_folders_not_index_files(link: str, web: str) -> None:
    from pelican.plugins.explainer.urls import web_url

    assert web_url(link) == web
