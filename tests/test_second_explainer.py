"""A second explainer on another subject, with three sources, needs no code change."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, run_pelican
from sitecheck import as_folder

from checks.links import broken_links

FIXTURE = ROOT / "tests" / "fixtures" / "other-explainer"
SLUG = "eastbrook-tram-extension"


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content plus the fixture explainer, built together."""
    content = tmp_path_factory.mktemp("content")
    shutil.copytree(ROOT / "content", content, dirs_exist_ok=True)
    shutil.copy(FIXTURE / "explainer.md", content / "explainers" / "eastbrook.md")
    out = content.parent / "output"
    # Every proposed item shown (threshold 0), so every section and the disputed fact
    # boxes render; what the default threshold holds back is tested in test_publish.py.
    options = {"root": str(ROOT), "publish_threshold": 0.0}
    result = run_pelican(out, content=content, extra={"EXPLAINER": options})
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_both_explainers_are_listed_and_built(both: Path) -> None:
    home = BeautifulSoup((both / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = {as_folder(a["href"]) for a in home.find_all("a", href=True)}
    assert any(h.endswith(f"explainers/{SLUG}/") for h in links)
    assert any(h.endswith("explainers/xi-jinping-hanoi-april-2025/") for h in links)
    for source in ("wire", "paper", "radio"):
        assert (both / "explainers" / SLUG / "sources" / source / "index.html").is_file()


def test_three_source_analysis_has_every_section(both: Path) -> None:
    data = json.loads((both / "data" / f"{SLUG}.json").read_text(encoding="utf-8"))
    assert [s["id"] for s in data["sources"]] == ["wire", "paper", "radio"]
    for key in ("key_points", "facts", "open_questions", "timeline"):
        assert data[key], key
    comparison = data["comparison"]
    assert comparison["agreements"] and comparison["discrepancies"]
    assert set(comparison["only_in"]) <= {"wire", "paper", "radio"}
    page = BeautifulSoup(
        (both / "explainers" / SLUG / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert len(page.select(".cite")) >= 10
    # One preview per cited sentence, however many markers open it.
    targets = {m["popovertarget"] for m in page.select("button.cite")}
    assert {p["id"] for p in page.select(".refs [popover]")} == targets


def test_disputed_figures_are_flagged_in_the_fact_boxes(both: Path) -> None:
    data = json.loads((both / "data" / f"{SLUG}.json").read_text(encoding="utf-8"))
    disputed = [f for f in data["facts"] if f["status"] == "sources-differ"]
    assert disputed
    assert {c.split("-s")[0] for f in disputed for c in f["cites"]} >= {"wire", "paper"}


def test_links_resolve_with_two_explainers(both: Path) -> None:
    assert broken_links(both) == []
