"""Can a reader get each explainer in a minute? Measured in headless Chromium, JavaScript off.

For every explainer page of a built site:

- the page height at 1280 px and 390 px wide, with nothing expanded;
- the words a reader sees in ``<main>`` (closed ``<details>`` and popovers hold
  text the reader does not see until asked);
- the citation markers (``.cite``) on screen: how many, and the median length
  of their visible text;
- whether the lede (``#lede``) and the first key point start on the first
  screen (1280×900 and 390×844);
- whether activating a marker shows the cited sentence, as the source page
  has it, without leaving the page;
- whether both sides of every difference on the page carry a highlight.

``python -m checks.reading output/`` prints the figures (``--json`` for data).
"""

from __future__ import annotations

import gzip
import json
import statistics
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from . import CheckResult
from .browser import chromium, serve

SCREENS = {1280: 900, 390: 844}
MAX_HEIGHT = 4_500  # px at 1280 wide, nothing expanded
MAX_WORDS = 700
MAX_MARKER = 3  # characters, median

# Runs in the page (utility world, so it works with the page's JavaScript off).
_MEASURE = """(screen) => {
  const main = document.querySelector('main');
  const words = main.innerText.split(/\\s+/).filter(w => /\\w/.test(w)).length;
  const markers = [...main.querySelectorAll('.cite')].filter(m => m.checkVisibility())
    .map(m => m.innerText.trim());
  const top = (sel) => {
    const el = document.querySelector(sel);
    if (!el || !el.getClientRects().length) return null;
    return el.getBoundingClientRect().top + window.scrollY;
  };
  const diffs = [...main.querySelectorAll('.difference')].map(d =>
    [...d.querySelectorAll('.side')].filter(s => !s.querySelector('.absent'))
      .map(s => s.querySelector('mark') !== null));
  return {
    height: document.documentElement.scrollHeight,
    words, markers,
    lede: top('#lede'),
    first_point: top('.key-points li'),
    screen,
    differences: diffs.length,
    unmarked: diffs.filter(sides => sides.length < 2 || sides.includes(false)).length,
  };
}"""


# A sentence's own words, without the glossary's buttons and popovers inside it.
_PLAIN = """(el) => {
  const copy = el.cloneNode(true);
  copy.querySelectorAll('.term-toggle, .term-pop').forEach(x => x.remove());
  return copy.textContent;
}"""


def explainer_pages(site: Path) -> list[str]:
    """Site-relative URLs of every explainer page."""
    pages = sorted((site / "explainers").glob("*/index.html"))
    return [p.parent.relative_to(site).as_posix() + "/" for p in pages]


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def _activate(page: Any, base: str) -> str:
    """Activate the first marker; '' if its sentence shows, else what went wrong."""
    marker = page.locator("main .cite").first
    if marker.count() == 0:
        return "no citation marker"
    before = page.url
    marker.click()
    page.wait_for_load_state("load")
    if page.url != before:
        return "the marker leaves the page instead of showing the sentence"
    shown = page.locator(":popover-open")
    if shown.count() != 1 or not shown.first.is_visible():
        return "activating the marker shows no preview"
    link = shown.first.locator("a[href*='#']").first
    if link.count() == 0:
        return "the preview has no link to the sentence"
    target = urljoin(before, link.get_attribute("href") or "")
    fragment = urlsplit(target).fragment
    preview = " ".join(shown.first.inner_text().split())
    page.keyboard.press("Escape")
    if page.locator(":popover-open").count():
        return "Escape does not close the preview"
    page.goto(target, wait_until="load")
    sentence = " ".join(page.locator(f"[id='{fragment}']").evaluate(_PLAIN).split())
    page.goto(before, wait_until="load")
    if not sentence or sentence not in preview:
        return f"the preview does not quote the sentence it links to ({fragment})"
    return ""


def measure(site: Path) -> dict[str, dict[str, Any]]:
    """Figures for every explainer page, keyed by its URL."""
    figures: dict[str, dict[str, Any]] = {}
    with serve(site) as base, chromium() as browser:
        for url in explainer_pages(site):
            found: dict[str, Any] = {"bytes_gzip": gzip_size(site / url / "index.html")}
            for width, height in SCREENS.items():
                context = browser.new_context(
                    viewport={"width": width, "height": height}, java_script_enabled=False
                )
                page = context.new_page()
                page.goto(base + url, wait_until="load")
                got = page.evaluate(_MEASURE, height)
                found[f"height_{width}"] = got["height"]
                found[f"lede_on_screen_{width}"] = got["lede"] is not None and got["lede"] < height
                found[f"point_on_screen_{width}"] = (
                    got["first_point"] is not None and got["first_point"] < height
                )
                if width == 1280:
                    markers = got["markers"]
                    found["words"] = got["words"]
                    found["markers"] = len(markers)
                    found["marker_median"] = (
                        statistics.median(len(m) for m in markers) if markers else 0
                    )
                    found["marker_example"] = markers[0] if markers else ""
                    found["differences"] = got["differences"]
                    found["differences_unmarked"] = got["unmarked"]
                    found["activation"] = _activate(page, base)
                context.close()
            figures[url] = found
    return figures


def problems_of(url: str, f: dict[str, Any]) -> list[str]:
    """Every target an explainer page misses."""
    out = []
    if f["height_1280"] > MAX_HEIGHT:
        out.append(f"{url}: {f['height_1280']} px tall at 1280 (target ≤ {MAX_HEIGHT})")
    if f["words"] > MAX_WORDS:
        out.append(f"{url}: {f['words']} visible words (target ≤ {MAX_WORDS})")
    for width in SCREENS:
        if not f[f"lede_on_screen_{width}"]:
            out.append(f"{url}: the lede does not start on the first screen at {width}")
        if not f[f"point_on_screen_{width}"]:
            out.append(f"{url}: the first key point is not on the first screen at {width}")
    if f["marker_median"] > MAX_MARKER:
        out.append(f"{url}: median citation marker {f['marker_median']} characters")
    if f["activation"]:
        out.append(f"{url}: {f['activation']}")
    if f["differences_unmarked"]:
        out.append(f"{url}: {f['differences_unmarked']} differences without both sides marked")
    return out


def check(site: Path) -> CheckResult:
    figures = measure(site)
    result = CheckResult("reading", len(figures), "explainer pages measured (JavaScript off)")
    for url, f in figures.items():
        result.problems += problems_of(url, f)
        result.notes.append(
            f"{url}: {f['height_1280']}/{f['height_390']} px, {f['words']} words, "
            f"{f['markers']} markers (median {f['marker_median']} chars)"
        )
    return result


def main(argv: list[str]) -> int:
    site = Path(argv[0]) if argv else Path("output")
    figures = measure(site)
    if "--json" in argv:
        print(json.dumps(figures, indent=2))
        return 0
    for url, f in figures.items():
        print(url)
        for key, value in f.items():
            print(f"  {key:24} {value}")
        for problem in problems_of(url, f):
            print(f"  MISS {problem}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
