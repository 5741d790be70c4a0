"""The built site in real headless Chromium (Debian's, via Playwright).

One browser per module, the session's built site served on 127.0.0.1.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
import yaml

from checks.browser import chromium, page_types, search_payload, serve

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def base(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def urls(site: Path) -> dict[str, str]:
    found = page_types(site)
    assert {"home", "explainer", "source", "compare", "glossary", "search", "404"} <= set(found)
    return found


class Tab:
    """One browser tab that records console errors and requested URLs per visit."""

    def __init__(self, browser: Any, base: str, **context: Any) -> None:
        self.base = base
        self.context = browser.new_context(**context)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requested: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requested.append(r.url))

    def open(self, path: str) -> Any:
        self.errors.clear()
        self.requested.clear()
        self.page.goto(self.base + path, wait_until="load")
        return self.page

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="module")
def shared_tab(browser: Any, base: str) -> Iterator[Tab]:
    t = Tab(browser, base)
    yield t
    t.close()


@pytest.fixture
def tab(shared_tab: Tab) -> Tab:
    """The module's tab, back to screen media and the light scheme."""
    shared_tab.page.emulate_media(media="screen", color_scheme="light")
    return shared_tab


def visit(browser: Any, base: str, path: str, **context: Any) -> tuple[Any, list[str], list[str]]:
    """Open ``path`` in a fresh context; return the page, its console errors and requests."""
    t = Tab(browser, base, **context)
    t.open(path)
    return t.page, t.errors, t.requested


def test_every_page_type_loads_cleanly(tab: Tab, base: str, urls: dict[str, str]) -> None:
    host = urlsplit(base).netloc
    for name, path in urls.items():
        page = tab.open(path)
        errors = tab.errors
        if name == "404":
            # The missing document itself is the one expected failure.
            errors = [e for e in errors if "404" not in e]
        assert errors == [], f"{name}: {errors}"
        assert {urlsplit(u).netloc for u in tab.requested} == {host}, f"{name}: {tab.requested}"
        assert page.locator("h1").count() == 1, name
        assert page.locator("main#main").count() == 1, name


def test_pages_work_without_javascript(browser: Any, base: str, urls: dict[str, str]) -> None:
    tab = Tab(browser, base, java_script_enabled=False)
    for name, path in urls.items():
        page = tab.open(path)
        errors = [e for e in tab.errors if name != "404" or "404" not in e]
        assert errors == [], f"{name}: {errors}"
        assert page.locator("h1").is_visible(), name
        assert len(page.locator("main").inner_text()) > 40, name
    # Without JavaScript the search page says so and points elsewhere.
    page = tab.open(urls["search"])
    assert "needs JavaScript" in page.locator("#search-status").inner_text()
    tab.close()


def background(page: Any) -> str:
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


def luminance(css_rgb: str) -> float:
    r, g, b = (int(v) for v in css_rgb[css_rgb.index("(") + 1 : -1].split(",")[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_dark_scheme_and_the_theme_switch(browser: Any, base: str, urls: dict[str, str]) -> None:
    for javascript in (True, False):
        tab = Tab(browser, base, java_script_enabled=javascript)
        for scheme, label in (("light", "Dark theme"), ("dark", "Light theme")):
            tab.page.emulate_media(color_scheme=scheme)
            page = tab.open(urls["explainer"])
            if javascript:  # forget the choice the previous round stored
                page.evaluate("localStorage.clear()")
                page = tab.open(urls["explainer"])
            assert not page.locator("#flip").is_checked()
            shade = luminance(background(page))
            assert (shade > 200) if scheme == "light" else (shade < 60), (scheme, javascript)
            # The header switch flips the scheme to the other, with or without JavaScript.
            assert page.locator(".flip-label").inner_text().strip() == label
            page.locator(".flip-label").click()
            shade = luminance(background(page))
            assert (shade < 60) if scheme == "light" else (shade > 200), (scheme, javascript)
        tab.close()


def test_theme_choice_is_remembered_with_javascript(
    browser: Any, base: str, urls: dict[str, str]
) -> None:
    page, _, _ = visit(browser, base, urls["home"], color_scheme="light")
    page.locator(".flip-label").click()
    page.goto(base + urls["explainer"])
    assert page.locator("#flip").is_checked()
    assert luminance(background(page)) < 60
    page.context.close()


def test_print_hides_navigation_and_prints_citations(tab: Tab, urls: dict[str, str]) -> None:
    page = tab.open(urls["explainer"])
    marker = page.locator("main button.cite").first
    preview = page.locator(f"[id='{marker.get_attribute('popovertarget')}']")
    assert not preview.is_visible()  # on screen, a preview waits to be asked for
    page.emulate_media(media="print", color_scheme="dark")
    assert not page.locator(".site-header nav").is_visible()
    assert luminance(background(page)) > 200  # paper is white even in dark mode
    # On paper the marker is its text and its preview prints as a citation with the sentence.
    label = marker.inner_text().strip()
    assert marker.is_visible() and 1 <= len(label) <= 3
    assert preview.is_visible()
    assert label in preview.inner_text() and len(preview.inner_text()) > 40
    # Collapsed extras print expanded.
    hidden = page.locator("main details:not([open]) li").first
    assert hidden.is_visible()
    page.emulate_media(media="screen")
    assert page.locator(".site-header nav").is_visible()
    assert not preview.is_visible() and not hidden.is_visible()


def test_skip_link_is_first_and_shows_on_focus(tab: Tab, urls: dict[str, str]) -> None:
    page = tab.open(urls["source"])
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip"
    assert page.locator(".skip").is_visible()
    box = page.locator(".skip").bounding_box()
    assert box is not None and box["y"] >= 0


def test_a_cited_sentence_is_highlighted(tab: Tab, urls: dict[str, str]) -> None:
    page = tab.open(urls["explainer"])
    page.locator("main button.cite").first.click()
    link = page.locator(":popover-open a").first
    href = link.get_attribute("href")
    link.click()
    page.wait_for_load_state("load")
    target = href.split("#", 1)[1]
    assert page.evaluate("location.hash") == f"#{target}"
    sentence = page.locator(f"[id='{target}']")
    plain = page.locator(".sentence:not(:target)").first
    assert background_of(sentence) != background_of(plain)


def background_of(locator: Any) -> str:
    return locator.evaluate("e => getComputedStyle(e).backgroundColor")


def search(tab: Tab, urls: dict[str, str], query: str) -> list[str]:
    """Result URLs the search page lists for ``query``."""
    page = tab.open(urls["search"] + "?q=" + quote(query))
    page.locator("#results li a").first.wait_for(timeout=10_000)
    hrefs = [a.get_attribute("href") for a in page.locator("#results li a").all()]
    status = page.locator("#search-status").inner_text()
    assert tab.errors == []
    assert "found" in status
    return hrefs


def glossary_term(slug: str) -> str:
    text = (ROOT / "content" / "glossary" / f"{slug}.md").read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---")[1])["term"]


def test_search_finds_a_glossary_term(tab: Tab, urls: dict[str, str]) -> None:
    term = glossary_term("comac")
    hrefs = search(tab, urls, term)
    assert any(h.rstrip("/").endswith("/glossary") or "/glossary/" in h for h in hrefs), hrefs


def test_search_finds_a_key_fact(tab: Tab, urls: dict[str, str], site: Path) -> None:
    slug = urls["explainer"].rstrip("/").rsplit("/", 1)[-1]
    data = json.loads((site / "data" / f"{slug}.json").read_text(encoding="utf-8"))
    numbers = [
        word.strip("$%,.")
        for fact in data["facts"]
        for word in fact["value"].split()
        if any(ch.isdigit() for ch in word)
    ]
    assert numbers, "the explainer has no numeric facts"
    hrefs = search(tab, urls, numbers[0])
    assert any(h.endswith(urls["explainer"]) for h in hrefs), (numbers[0], hrefs)


def test_search_result_links_open_pages(tab: Tab, urls: dict[str, str]) -> None:
    page = tab.open(urls["search"])
    page.locator("#q").fill(glossary_term("comac"))
    page.locator("#search button").click()
    first = page.locator("#results li a").first
    first.wait_for(timeout=10_000)
    assert "q=" in page.evaluate("location.search")
    first.click()
    page.wait_for_load_state("load")
    assert page.locator("h1").count() == 1
    assert "Page not found" not in page.locator("h1").inner_text()


def test_one_search_downloads_little(browser: Any, base: str, urls: dict[str, str]) -> None:
    sizes = search_payload(browser, base + urls["search"], glossary_term("comac"))
    names = {url.rsplit("/", 1)[-1].split("?")[0] for url in sizes}
    assert "pagefind.js" in names
    assert any(n.endswith(".pf_fragment") for n in names), names
    assert sum(sizes.values()) < 300_000, sizes
