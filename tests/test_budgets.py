"""Page-weight and loading budgets, checked on every page of the built site.

- HTML plus the stylesheets it links: at most 14 KB gzip-compressed (one TCP
  initial window);
- everything the page loads before any interaction (HTML, CSS, scripts,
  images) at most 50 KB as transferred, text gzip-compressed as any static
  host sends it;
- no render-blocking script: every script is ``defer``, ``async`` or a module;
- nothing is requested from another host;
- the Content-Security-Policy holds: no inline script (JSON-LD data blocks
  aside), no inline event handler, no style attribute or element.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

GZIP_BUDGET = 14_000  # bytes: HTML + CSS, compressed
TOTAL_BUDGET = 50_000  # bytes: HTML + CSS + scripts + images, as transferred
TEXT = {".html", ".css", ".js", ".mjs", ".svg", ".json", ".xml", ".txt"}
BASE = "http://site.invalid/"
DATA_BLOCKS = {"application/ld+json", "application/json"}
# Elements (and attributes) that make the browser fetch something at load time.
FETCHING = {
    "script": ["src"],
    "img": ["src", "srcset"],
    "iframe": ["src"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "source": ["src", "srcset"],
    "embed": ["src"],
    "object": ["data"],
    "track": ["src"],
}
FETCHING_LINKS = {"stylesheet", "preload", "modulepreload", "icon", "manifest", "prefetch"}


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def transferred(path: Path) -> int:
    """Bytes on the wire: text compressed, binary formats (already compact) as stored."""
    return gz(path.read_bytes()) if path.suffix in TEXT else path.stat().st_size


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.parts)


def local_file(site: Path, page: Path, url: str) -> Path | None:
    """The file a same-site URL on ``page`` points at (None for other hosts)."""
    page_url = urljoin(BASE, page.relative_to(site).as_posix())
    target = urlsplit(urljoin(page_url, url))
    if f"{target.scheme}://{target.netloc}/" != BASE:
        return None
    path = site / target.path.lstrip("/")
    return path / "index.html" if target.path.endswith("/") else path


def urls_fetched(soup: BeautifulSoup) -> list[str]:
    """URLs the browser fetches while loading the page (not links the reader may follow)."""
    found: list[str] = []
    for name, attrs in FETCHING.items():
        for tag in soup.find_all(name):
            for attr in attrs:
                value = tag.get(attr)
                if value:
                    found += (
                        [part.split()[0] for part in value.split(",")]
                        if "srcset" in attr
                        else [value]
                    )
    for tag in soup.find_all("link", href=True):
        if FETCHING_LINKS & set(tag.get("rel", [])):
            found.append(tag["href"])
    return found


def stylesheets(soup: BeautifulSoup) -> list[str]:
    return [t["href"] for t in soup.find_all("link", href=True) if "stylesheet" in t.get("rel", [])]


@pytest.fixture(scope="module")
def pages(site: Path) -> list[tuple[Path, BeautifulSoup]]:
    found = html_pages(site)
    assert len(found) >= 7, "expected home, explainer, sources, compare, glossary, search and 404"
    return [(p, BeautifulSoup(p.read_bytes(), "html.parser")) for p in found]


def test_html_and_css_fit_one_round_trip(site: Path, pages: list) -> None:
    over = []
    for path, soup in pages:
        size = gz(path.read_bytes())
        for href in stylesheets(soup):
            css = local_file(site, path, href)
            assert css is not None and css.is_file(), f"{path}: stylesheet {href} missing"
            size += gz(css.read_bytes())
        if size > GZIP_BUDGET:
            over.append(f"{path.relative_to(site)}: {size} bytes gzip")
    assert over == [], f"over the {GZIP_BUDGET}-byte gzip budget: {over}"


def test_everything_a_page_loads_stays_under_50_kb(site: Path, pages: list) -> None:
    over = []
    for path, soup in pages:
        total = transferred(path)
        for url in urls_fetched(soup):
            target = local_file(site, path, url)
            if target is not None:  # other hosts fail their own test
                assert target.is_file(), f"{path}: {url} missing"
                total += transferred(target)
        if total > TOTAL_BUDGET:
            over.append(f"{path.relative_to(site)}: {total} bytes")
    assert over == [], f"over the {TOTAL_BUDGET}-byte page budget: {over}"


def test_no_render_blocking_script(site: Path, pages: list) -> None:
    blocking = []
    for path, soup in pages:
        for tag in soup.find_all("script", src=True):
            deferred = tag.has_attr("defer") or tag.has_attr("async")
            if not deferred and tag.get("type") != "module":
                blocking.append(f"{path.relative_to(site)}: {tag['src']}")
    assert blocking == []


def test_nothing_is_fetched_from_another_host(site: Path, pages: list) -> None:
    foreign = []
    for path, soup in pages:
        for url in urls_fetched(soup):
            if local_file(site, path, url) is None:
                foreign.append(f"{path.relative_to(site)}: {url}")
        for form in soup.find_all("form", action=True):
            if local_file(site, path, form["action"]) is None:
                foreign.append(f"{path.relative_to(site)}: form → {form['action']}")
    for css in sorted(site.rglob("*.css")):
        text = css.read_text(encoding="utf-8")
        assert "@import" not in text, f"{css}: @import adds a blocking request"
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", text):
            if re.match(r"^(https?:)?//", url):
                foreign.append(f"{css.relative_to(site)}: {url}")
    assert foreign == []


def test_pages_keep_to_the_content_security_policy(site: Path, pages: list) -> None:
    problems = []
    for path, soup in pages:
        shown = path.relative_to(site)
        csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        if (
            csp is None
            or "unsafe-inline" in csp["content"]
            or "unsafe-eval'" in csp["content"].replace("wasm-unsafe-eval'", "")
        ):
            problems.append(f"{shown}: missing or loose Content-Security-Policy")
        for tag in soup.find_all("script", src=False):
            if tag.get("type") not in DATA_BLOCKS:
                problems.append(f"{shown}: inline script")
        for tag in soup.find_all(True):
            handlers = [a for a in tag.attrs if a.lower().startswith("on")]
            if handlers:
                problems.append(f"{shown}: <{tag.name} {handlers[0]}>")
            if tag.has_attr("style"):
                problems.append(f"{shown}: style attribute on <{tag.name}>")
        if soup.find("style"):
            problems.append(f"{shown}: <style> element")
    assert problems == []


def test_the_budget_counts_what_it_should(tmp_path: Path) -> None:
    """The helpers above see a stylesheet, a script and an image, and skip reader links."""
    (tmp_path / "a").mkdir()
    page = tmp_path / "a" / "index.html"
    page.write_text(
        '<link rel="stylesheet" href="../s.css"><script src="../j.js" defer></script>'
        '<img src="https://cdn.example/x.png" srcset="../i.png 1x, ../i2.png 2x">'
        '<a href="https://example.org/">elsewhere</a>',
        encoding="utf-8",
    )
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    fetched = urls_fetched(soup)
    assert sorted(fetched) == sorted(
        ["../j.js", "https://cdn.example/x.png", "../i.png", "../i2.png", "../s.css"]
    )
    assert local_file(tmp_path, page, "../s.css") == tmp_path / "s.css"
    assert local_file(tmp_path, page, "https://cdn.example/x.png") is None
    assert stylesheets(soup) == ["../s.css"]
