"""No page scrolls sideways on a 390 px phone, whatever the labels.

A site whose explainer, sources, publisher, byline and glossary term carry
long labels and unbreakable words is built with the real settings and theme;
every page is opened in real Chromium at 390 px and its document may be no
wider than the viewport. The real site is checked the same way.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tinysite import build, write_project

from checks.browser import chromium, serve

pytestmark = pytest.mark.browser
WIDTH = 390
LONG = "Supercalifragilisticexpialidocious" * 3  # one 102-letter word
EXPLAINER = f"""---
title: "The {LONG} bridge vote and what the councillors of the river city decided"
slug: long
published: 2025-03-04
summary: "A summary with a {LONG} word."
sources:
  - path: seeds/a.txt
    label: "The Metropolitan Evening Chronicle and Advertiser's {LONG} wire service report"
    publisher: "{LONG} Publishing Group International"
    byline: "By {LONG}, Senior Correspondent for Regional Infrastructure"
    dateline: "{LONG.upper()}, March 4"
    url: https://example.org/{LONG}/{LONG}/{LONG}
  - path: seeds/b.txt
    label: "Second {LONG}"
    kind: "{LONG}"
---
An introduction naming {LONG} once.
"""
TERM = f'---\nterm: river bridge\naliases: [bridge]\nshort: "A {LONG} bridge."\n---\n'


@pytest.fixture(scope="module")
def long_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_project(
        tmp_path_factory.mktemp("narrow"),
        explainers={"long.md": EXPLAINER},
        glossary={"bridge.md": TERM},
    )
    result = build(root, EXPLAINER={"search": False, "workers": 1})
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "output"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


def _too_wide(browser: Any, site: Path) -> list[str]:
    pages = sorted(p for p in site.rglob("*.html") if "pagefind" not in p.parts)
    assert len(pages) >= 8
    context = browser.new_context(viewport={"width": WIDTH, "height": 844})
    page = context.new_page()
    wide = []
    with serve(site) as base:
        for path in pages:
            page.goto(base + path.relative_to(site).as_posix(), wait_until="load")
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > WIDTH:
                wide.append(f"{path.relative_to(site)}: {width} px")
    context.close()
    return wide


def test_no_page_of_a_site_with_long_labels_scrolls_sideways(long_site: Path, browser: Any) -> None:
    assert _too_wide(browser, long_site) == []


def test_no_page_of_the_real_site_scrolls_sideways(site: Path, browser: Any) -> None:
    assert _too_wide(browser, site) == []
