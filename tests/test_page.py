"""The one-minute explainer page: the story first, the evidence one tap away.

The real site's explainer and compare pages in real Chromium (JavaScript off
where the reader may have it off), the reading gate and proof that it fails,
and the small helpers the templates use.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from tinysite import build, explainer_md, write_project

from checks import reading
from checks.browser import chromium, page_types, serve
from pelican.plugins.explainer.items import Fact, KeyPoint
from pelican.plugins.explainer.render.citations import source_initials
from pelican.plugins.explainer.render.page import auto_lede, excerpt, shorten, split_facts


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


# --- the helpers -------------------------------------------------------------


def test_source_initials_are_one_distinct_character_each() -> None:
    assert source_initials(["Wire report", "Rewritten explainer"]) == ["W", "R"]
    # Two labels with one initial: the second takes its next word's, then any free letter.
    assert source_initials(["Wire", "Web wire", "W"]) == ["W", "E", "A"]
    assert source_initials(["(1) local paper"]) == ["1"]


def test_auto_lede_takes_two_or_three_points_within_its_length() -> None:
    short = [KeyPoint(f"Point {n} is short.", [f"a-s{n}"]) for n in range(5)]
    assert auto_lede(short) == short[:3]
    long = [KeyPoint(" ".join(["word"] * 40), [f"a-s{n}"]) for n in range(3)]
    assert auto_lede(long) == long[:2]  # a third would pass the length limit
    assert auto_lede(short[:1]) == short[:1]
    assert auto_lede([]) == []


def test_split_facts_shows_differing_figures_first_in_topic_order() -> None:
    facts = [Fact("A", f"label {n}", str(n), "one-source", [f"a-s{n}"]) for n in range(10)] + [
        Fact("B", "disputed", "7", "sources-differ", ["a-s20"])
    ]
    shown, rest = split_facts(facts, shown=3)
    assert [f.label for f in shown] == ["label 0", "label 1", "disputed"]
    assert len(rest) == 8 and all(f not in shown for f in rest)


def test_excerpt_keeps_a_few_words_either_side_of_the_span() -> None:
    text = "one two three four five six seven MARK eight nine ten eleven twelve"
    start = text.index("MARK")
    cut = excerpt(text, (start, start + 4), context=2)
    assert (cut.before, cut.marked, cut.after) == ("…six seven ", "MARK", " eight nine…")
    whole = excerpt(text, (start, start + 4), context=50)
    assert whole.before + whole.marked + whole.after == text
    assert excerpt(text, None).after == text


def test_shorten_cuts_at_a_word_with_an_ellipsis() -> None:
    assert shorten("a b c", 5) == "a b c"
    assert shorten("one, two, three, four", 2) == "one, two…"


# --- the built pages -----------------------------------------------------------


@pytest.fixture(scope="module")
def pages(site: Path) -> dict[str, Path]:
    found = page_types(site)
    return {name: site / found[name] / "index.html" for name in ("explainer", "compare")}


@pytest.mark.parametrize("kind", ["explainer", "compare"])
def test_every_marker_opens_one_preview_of_its_sentence(
    site: Path, pages: dict[str, Path], kind: str
) -> None:
    page = soup(pages[kind])
    data = json.loads(next((site / "data").glob("*.json")).read_text(encoding="utf-8"))
    sentences = {s["id"]: s["text"] for src in data["sources"] for s in src["sentences"]}
    labels = {src["id"]: src["label"] for src in data["sources"]}
    markers = page.select("main button.cite")
    previews = {p["id"]: p for p in page.select(".refs [popover]")}
    assert markers and not page.select("main a.cite[title]")
    assert len(previews) == len({m["popovertarget"] for m in markers}), "one preview per sentence"
    for marker in markers:
        text = marker.get_text()
        assert 1 <= len(text) <= 3, text
        preview = previews[marker["popovertarget"]]
        sentence_id = preview.select_one("a")["href"].rsplit("#", 1)[1]
        source = sentence_id.rsplit("-s", 1)[0]
        # The accessible name says which source; the preview quotes the exact sentence.
        assert marker["aria-label"] == f"{text}, {labels[source]}"
        assert preview.select_one("blockquote").get_text() == sentences[sentence_id]
        assert labels[source] in preview.get_text()


def test_the_first_screen_holds_the_story(pages: dict[str, Path]) -> None:
    page = soup(pages["explainer"])
    article = page.select_one("article.explainer")
    order = [el.get("id") or el.get("class", [""])[0] for el in article.find_all(recursive=False)]
    assert order.index("lede") < order.index("differ-link") < order.index("key-points")
    assert order.index("method") > order.index("facts")
    link = page.select_one(".differ-link a")
    assert page.find(id=link["href"][1:]) is not None
    # The sources are named in the byline; every difference shows both sides' words marked.
    assert len(page.select(".byline a")) == len(page.select(".source-list li"))
    for item in page.select(".differences .difference"):
        assert len(item.select(".side mark")) >= 2
    assert page.select(".extras > details")


def test_reading_gate_passes_on_the_real_site(site: Path) -> None:
    result = reading.check(site)
    assert result.checked >= 1
    assert result.problems == [], "\n".join([result.summary(), *result.problems])


@pytest.fixture(scope="module")
def broken(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site with citations back to long link labels and no previews."""
    out = tmp_path_factory.mktemp("broken") / "output"
    shutil.copytree(site, out)
    for path in (out / "explainers").glob("*/index.html"):
        page = soup(path)
        for marker in page.select("button.cite"):
            link = page.new_tag("a", href="sources/x/#x-s1", attrs={"class": "cite"})
            link.string = f"[{marker['aria-label']}]"
            marker.replace_with(link)
        for preview in page.select(".refs"):
            preview.decompose()
        path.write_text(str(page), encoding="utf-8")
    return out


def test_reading_gate_fails_on_long_markers_without_previews(broken: Path) -> None:
    problems = "\n".join(reading.check(broken).problems)
    assert "median citation marker" in problems
    assert "leaves the page" in problems


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


@pytest.mark.browser
def test_markers_work_by_keyboard_without_javascript(site: Path, browser: Any) -> None:
    url = page_types(site)["explainer"]
    with serve(site) as base:
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(base + url, wait_until="load")
        marker = page.locator("main button.cite").first
        preview = page.locator(f"[id='{marker.get_attribute('popovertarget')}']")
        marker.focus()
        page.keyboard.press("Enter")
        assert preview.is_visible()
        # The preview stays while the pointer moves onto it, and its link is next in tab order.
        preview.hover()
        assert preview.is_visible()
        page.keyboard.press("Tab")
        assert page.evaluate(
            "document.activeElement.closest('[popover]')?.id"
        ) == preview.get_attribute("id")
        page.keyboard.press("Escape")
        assert not preview.is_visible()
        # A tap on any shown marker of the same sentence opens the same preview.
        target = marker.get_attribute("popovertarget")
        page.locator(f"main button.cite[popovertarget='{target}']:visible").last.click()
        assert preview.is_visible()
        page.mouse.click(5, 5)  # light dismiss
        assert not preview.is_visible()
        context.close()


def test_without_an_introduction_the_lede_is_cited_key_points(tmp_path: Path) -> None:
    root = write_project(tmp_path, explainers={"tiny.md": explainer_md(body="")})
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    page = soup(root / "output" / "explainers" / "tiny" / "index.html")
    lede = page.select_one("#lede")
    assert lede is not None and lede.select("button.cite")
    assert "no editor has written an introduction" in lede.get_text()
    data = json.loads((root / "output" / "data" / "tiny.json").read_text(encoding="utf-8"))
    first = data["key_points"][0]["text"]
    assert first in lede.get_text()
    # The points in the lede are not repeated in the key points below it.
    points = page.select_one(".key-points")
    assert points is None or first not in points.get_text()
