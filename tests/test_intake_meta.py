"""Source metadata from the content file and the seed: what wins, what the source
page links to and what the JSON export carries, on one real build."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup
from tinysite import ROOT, SITE_OPTIONS, build, write_project

from checks.html import validate
from pelican.plugins.explainer import urls
from pelican.plugins.explainer.model import SourceMeta
from pelican.plugins.explainer.parse.seed import parse_seed

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "intake"
WIRE_URL = "https://northline.example/world/mine-rescue-reaches-trapped-workers-idA1B2C3"
BLOG_URL = "https://valleycourier.example/2026/02/17/bridge-toll-higher/"
STATED_URL = "https://example.org/flood/barrier"
EXPLAINER = """---
title: Four reports
slug: meta
published: 2026-03-01
sources:
  - path: seeds/detected.txt
    id: detected
  - path: seeds/stated.txt
    id: stated
    byline: By Ana Sousa, Stated Times
    dateline: RIVERTON, April 9
    url: {url}
  - path: seeds/wire.html
    id: wire
  - path: seeds/hostile.html
    id: hostile
---
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("meta")
    layout = (FIXTURES / "newcomer-dek-byline.txt").read_text(encoding="utf-8")
    # A saved page whose canonical, Open Graph and JSON-LD addresses are scripts.
    hostile = (FIXTURES / "page-blog.html").read_text(encoding="utf-8")
    write_project(
        root,
        seeds={
            "detected.txt": layout,
            "stated.txt": layout,
            "wire.html": (FIXTURES / "page-wire.html").read_text(encoding="utf-8"),
            "hostile.html": hostile.replace(BLOG_URL, "javascript:alert(1)"),
        },
        explainers={"meta.md": EXPLAINER.format(url=STATED_URL)},
    )
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "output"


def export(site: Path) -> dict[str, dict[str, object]]:
    data = json.loads((site / "data" / "meta.json").read_text(encoding="utf-8"))
    return {s["id"]: s for s in data["sources"]}


def original_links(site: Path, source_id: str) -> list[tuple[str, str]]:
    html = (site / urls.source("meta", source_id) / "index.html").read_text(encoding="utf-8")
    meta = BeautifulSoup(html, "html.parser").select_one("dl.source-meta")
    assert meta is not None
    return [(str(a["href"]), a.get_text()) for a in meta.select("a")]


def test_the_content_files_byline_and_dateline_win_over_detected_ones(site: Path) -> None:
    seed = FIXTURES / "newcomer-dek-byline.txt"
    detected = parse_seed(seed, SourceMeta(path="x.txt", id="x", label="x")).meta
    assert detected.byline and detected.dateline  # the layout states both
    sources = export(site)
    assert (sources["detected"]["byline"], sources["detected"]["dateline"]) == (
        detected.byline,
        detected.dateline,
    )
    assert (sources["stated"]["byline"], sources["stated"]["dateline"]) == (
        "By Ana Sousa, Stated Times",
        "RIVERTON, April 9",
    )


def test_the_export_carries_time_dateline_byline_and_the_original_address(site: Path) -> None:
    wire = export(site)["wire"]
    assert wire["published"] == "2025-08-22" and wire["published_time"] == "05:41 UTC"
    assert wire["byline"] == "Grete Hallan"
    assert wire["dateline"] == "KARVA, Estmark, Aug 22 (Northline)"
    assert wire["original_url"] == WIRE_URL
    # still this site's page, at the URL the site's settings give it
    site_urls = urls.Urls({k: v for k, v in SITE_OPTIONS.items() if k.endswith("_url")})
    assert wire["url"] == site_urls.source("meta", "wire")
    assert export(site)["stated"]["original_url"] == STATED_URL
    assert export(site)["detected"]["original_url"] is None


def test_the_export_with_the_new_fields_matches_the_schema(site: Path) -> None:
    schema = json.loads((ROOT / "schema" / "explainer.schema.json").read_text(encoding="utf-8"))
    data = json.loads((site / "data" / "meta.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    data["sources"][0]["original_url"] = "javascript:alert(1)"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_the_source_page_links_to_the_original(site: Path) -> None:
    assert original_links(site, "wire") == [(WIRE_URL, "northline.example")]
    assert original_links(site, "stated") == [(STATED_URL, "example.org")]


def test_no_link_without_a_web_address(site: Path) -> None:
    assert original_links(site, "detected") == []
    assert original_links(site, "hostile") == []
    assert export(site)["hostile"]["original_url"] is None
    page = (site / urls.source("meta", "hostile") / "index.html").read_text(encoding="utf-8")
    assert "javascript:" not in page


def test_source_pages_with_an_original_link_are_valid_html(site: Path) -> None:
    pages = site / urls.explainer("meta") / "sources"
    assert validate(pages) == []


def _meta_rows(node: BeautifulSoup) -> dict[str, str]:
    return {
        row.dt.get_text(strip=True): row.dd.get_text(" ", strip=True)
        for row in node.select("dl.meta > div")
    }


def test_bylines_datelines_and_times_show_on_reader_pages_and_source_cards(site: Path) -> None:
    site_urls = urls.Urls({k: v for k, v in SITE_OPTIONS.items() if k.endswith("_url")})
    reader = BeautifulSoup(
        (site / site_urls.source("meta", "wire")).read_text(encoding="utf-8"), "html.parser"
    )
    compare = BeautifulSoup(
        (site / site_urls.comparison("meta")).read_text(encoding="utf-8"), "html.parser"
    )
    card = compare.select_one("#compare-card-wire").find_parent("article")
    for node in (reader.select_one(".source-reader"), card):
        rows = _meta_rows(node)
        assert rows["Byline"] == "Grete Hallan"
        assert rows["Dateline"] == "KARVA, Estmark, Aug 22 (Northline)"
        assert rows["Published"] == "22 August 2025 , 05:41 UTC"
    # A detected dateline shows even where no date could be read from it.
    stated = compare.select_one("#compare-card-stated").find_parent("article")
    assert _meta_rows(stated)["Dateline"] == "RIVERTON, April 9"
    assert _meta_rows(stated)["Byline"] == "By Ana Sousa, Stated Times"
