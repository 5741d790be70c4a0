"""The glossary on the built site: linked terms, popovers, the page's JSON-LD, the keyboard."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from sitecheck import as_folder

from checks.browser import chromium, serve

SLUG = "xi-jinping-hanoi-april-2025"
REQUIRED = ("belt-and-road-initiative", "comac", "rules-of-origin")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("slug", REQUIRED)
def test_required_terms_are_linked_with_a_popover(site: Path, slug: str) -> None:
    # The development build links glossary/index.html#slug (file://), a publish build glossary/#slug.
    linked = 0
    for page in (
        site / "explainers" / SLUG / "index.html",
        *(site / "explainers" / SLUG / "sources").glob("*/index.html"),
    ):
        html = soup(page)
        links = html.select("a.term-link[href]")
        for link in [a for a in links if as_folder(a["href"]).endswith(f"glossary/#{slug}")]:
            linked += 1
            toggle = link.find_next_sibling("button", class_="term-toggle")
            assert toggle is not None and toggle.get("popovertarget")
            pop = html.find(id=toggle["popovertarget"])
            assert pop is not None and pop.has_attr("popover")
            assert pop.find("a", href=link["href"]) is not None  # the "more" link
    assert linked, slug
    # The explainer lists its key terms as links to their entries (collapsed, so no popovers).
    explainer = soup(site / "explainers" / SLUG / "index.html")
    key_terms = [as_folder(a["href"]) for a in explainer.select(".key-terms a[href]")]
    assert any(href.endswith(f"glossary/#{slug}") for href in key_terms), slug


def test_terms_never_break_sentence_anchors(site: Path) -> None:
    page = soup(site / "explainers" / SLUG / "sources" / "wire" / "index.html")
    for term in page.select(".term"):
        assert term.find_parent(class_="sentence") is not None
        assert term.select(".sentence") == []


def test_glossary_page_jsonld_lists_every_entry(site: Path) -> None:
    page = soup(site / "glossary" / "index.html")
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["@type"] == "DefinedTermSet"
    names = {t["name"] for t in data["hasDefinedTerm"]}
    dfns = {d.get_text() for d in page.find_all("dfn")}
    assert names == dfns and len(names) >= 15
    for slug in REQUIRED:
        assert page.find("dfn", id=slug) is not None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


@pytest.mark.browser
def test_keyboard_opens_and_escape_closes_a_definition(site: Path, browser: Any) -> None:
    with serve(site) as base:
        page = browser.new_page()
        page.goto(f"{base}explainers/{SLUG}/")
        toggle = page.locator("button.term-toggle").first
        target = toggle.get_attribute("popovertarget")
        # Tab until the first definition button has focus, as a keyboard user would.
        for _ in range(200):
            page.keyboard.press("Tab")
            if toggle.evaluate("el => el === document.activeElement"):
                break
        else:
            pytest.fail("the definition button is not reachable with Tab")
        popover = page.locator(f"#{target}")
        assert not popover.evaluate("el => el.matches(':popover-open')")
        page.keyboard.press("Enter")
        assert popover.evaluate("el => el.matches(':popover-open')")
        assert popover.is_visible() and "More on" in popover.inner_text()
        page.keyboard.press("Escape")
        assert not popover.evaluate("el => el.matches(':popover-open')")
        page.close()
