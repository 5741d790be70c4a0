"""End to end: build the real site into a temp dir and check the output."""

from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup
from sitecheck import as_folder, broken_links

SLUG = "xi-jinping-hanoi-april-2025"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_home_explainer_and_source_pages_exist(site: Path) -> None:
    assert (site / "index.html").is_file()
    assert (site / "explainers" / SLUG / "index.html").is_file()
    for source in ("rewrite", "wire"):
        assert (site / "explainers" / SLUG / "sources" / source / "index.html").is_file()
    home = soup(site / "index.html")
    hrefs = {as_folder(a["href"]) for a in home.find_all("a", href=True)}
    assert any(h.endswith(f"explainers/{SLUG}/") for h in hrefs)


def test_every_source_sentence_has_an_anchor(site: Path) -> None:
    data = json.loads((site / "data" / f"{SLUG}.json").read_text(encoding="utf-8"))
    assert {s["id"] for s in data["sources"]} == {"rewrite", "wire"}
    for source in data["sources"]:
        page = soup(site / "explainers" / SLUG / "sources" / source["id"] / "index.html")
        for extra in page.select(".term-toggle, .term-pop"):  # glossary popovers
            extra.decompose()
        anchored = {tag["id"]: tag.get_text() for tag in page.select(".sentence[id]")}
        assert len(source["sentences"]) >= 15
        for sentence in source["sentences"]:
            assert sentence["id"] in anchored
            assert anchored[sentence["id"]] == sentence["text"]


def test_reader_page_keeps_structure(site: Path) -> None:
    rewrite = soup(site / "explainers" / SLUG / "sources" / "rewrite" / "index.html")
    assert len(rewrite.select(".source-text h3")) == 5
    wire = soup(site / "explainers" / SLUG / "sources" / "wire" / "index.html")
    assert wire.select_one(".dateline").get_text() == "Hanoi"
    assert "Reports by" in wire.select_one(".credits").get_text()


def test_explainer_page_lists_its_sources(site: Path) -> None:
    page = soup(site / "explainers" / SLUG / "index.html")
    assert page.h1 is not None
    hrefs = {as_folder(a["href"]) for a in page.find_all("a", href=True)}
    assert any(h.endswith("sources/rewrite/") for h in hrefs)
    assert any(h.endswith("sources/wire/") for h in hrefs)


def test_all_internal_links_resolve(site: Path) -> None:
    assert broken_links(site) == []
