"""The site works from any path on any static host.

A publish build (``publishconf.py``, absolute ``SITEURL`` with a subpath) is
served under that subpath on 127.0.0.1, with a server that answers nothing
outside it; a crawl from the home page must reach every page and every link,
anchor, stylesheet, script, feed and sitemap URL must resolve inside the
subpath. The development build (relative URLs) must work under any path too.
"""

from __future__ import annotations

import os
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, run_pelican
from sitecheck import as_folder

from checks.browser import chromium, serve

PREFIX = "/news/explainers"


def fetch(url: str) -> tuple[int, bytes, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read(), response.headers.get_content_type()
    except urllib.error.HTTPError as err:
        return err.code, b"", ""


def crawl(base: str, feeds: tuple[str, ...] = ()) -> tuple[set[str], list[str]]:
    """Follow every same-host URL from ``base`` (and the URLs listed in the XML files
    ``feeds``); return the HTML pages seen and every problem found."""
    host = urlsplit(base).netloc
    seen: dict[str, tuple[int, bytes, str]] = {}
    ids: dict[str, set[str]] = {}
    problems: list[str] = []
    queue = [base, *feeds]
    anchors: list[tuple[str, str, str]] = []  # (from page, target page, fragment)
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen[url] = status, body, kind = fetch(url)
        if status != 200:
            problems.append(f"{url}: HTTP {status}")
            continue
        if kind == "text/html":
            soup = BeautifulSoup(body, "html.parser")
            ids[url] = {tag["id"] for tag in soup.find_all(id=True)}
            refs = [
                t.get("href") or t.get("src") or t.get("action")
                for t in soup.find_all(["a", "link", "script", "img", "form"])
            ]
        elif url in feeds:
            refs = re.findall(rb"<loc>([^<]+)</loc>|href=\"([^\"]+)\"", body)
            refs = [(a or b).decode() for a, b in refs]
        else:
            continue
        for ref in filter(None, refs):
            target, fragment = urldefrag(urljoin(url, ref))
            if urlsplit(target).netloc != host:
                continue  # a link to another site, not a request
            if not target.startswith(base):
                problems.append(f"{url}: {ref} leaves {base}")
                continue
            queue.append(target)
            if fragment:
                anchors.append((url, target, fragment))
    for page, target, fragment in anchors:
        if target in ids and fragment not in ids[target]:
            problems.append(f"{page}: #{fragment} missing on {target}")
    pages = {u for u, (s, _, kind) in seen.items() if s == 200 and kind == "text/html"}
    return pages, problems


def html_urls(output: Path, base: str) -> set[str]:
    """The clean URL of every HTML page in the build (the 404 page is never linked)."""
    found = set()
    for path in output.rglob("*.html"):
        rel = path.relative_to(output).as_posix()
        if rel != "404.html":
            found.add(base + re.sub(r"(^|/)index\.html$", r"\1", rel))
    return found


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """A publish build for http://127.0.0.1:<port>/news/explainers, served there."""
    output = tmp_path_factory.mktemp("published") / "output"
    output.mkdir()
    with serve(output, prefix=PREFIX) as base:
        env = {**os.environ, "EXPLAINER_SITEURL": base.rstrip("/")}
        result = run_pelican(output, settings=ROOT / "publishconf.py", env=env)
        assert result.returncode == 0, result.stdout + result.stderr
        yield output, base


def test_published_site_resolves_inside_its_subpath(published: tuple[Path, str]) -> None:
    output, base = published
    pages, problems = crawl(base, (base + "sitemap.xml", base + "feeds/explainers.atom.xml"))
    assert problems == [], f"{len(problems)} problems:\n" + "\n".join(problems[:12])
    assert pages >= html_urls(output, base)


def test_published_pages_use_absolute_urls(published: tuple[Path, str]) -> None:
    output, base = published
    home = BeautifulSoup((output / "index.html").read_bytes(), "html.parser")
    stylesheet = home.find("link", rel="stylesheet")["href"]
    assert stylesheet.startswith(base)
    # The 404 page is served at any depth, so its links must be absolute.
    missing = BeautifulSoup((output / "404.html").read_bytes(), "html.parser")
    links = [a["href"] for a in missing.find_all("a", href=True) if a["href"] != "#main"]
    assert links and all(href.startswith(base) for href in links), links
    assert (output / "robots.txt").read_text().splitlines()[-1] == f"Sitemap: {base}sitemap.xml"


def test_missing_page_gets_the_styled_404(published: tuple[Path, str]) -> None:
    _, base = published
    status, _, _ = fetch(base + "no/such/page/")
    assert status == 404
    try:
        urllib.request.urlopen(base + "no/such/page/", timeout=10)
    except urllib.error.HTTPError as err:
        page = BeautifulSoup(err.read(), "html.parser")
    assert page.h1.get_text() == "Page not found"
    css = page.find("link", rel="stylesheet")["href"]
    assert fetch(css)[0] == 200


def test_development_build_works_under_any_path(site: Path) -> None:
    """Relative links: the same output works at the root or deep under a subpath."""
    for prefix in ("", "/a/b/c"):
        with serve(site, prefix=prefix) as base:
            pages, problems = crawl(base)
            assert problems == [], f"{len(problems)} problems:\n" + "\n".join(problems[:12])
            # Its links name index.html files (for file://): the same pages, by their files.
            assert {as_folder(page) for page in pages} >= html_urls(site, base)


@pytest.mark.browser
def test_search_works_under_the_subpath(published: tuple[Path, str]) -> None:
    _, base = published
    term = _first_glossary_term(published[0])
    with chromium() as browser:
        page: Any = browser.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(base + "search/?q=" + term)
        link = page.locator("#results li a").first
        link.wait_for(timeout=10_000)
        href = link.get_attribute("href")
        assert href.startswith(PREFIX + "/"), href
        link.click()
        page.wait_for_load_state("load")
        assert page.url.startswith(base)
        assert "Page not found" not in page.locator("h1").inner_text()
        assert errors == []


def _first_glossary_term(output: Path) -> str:
    glossary = BeautifulSoup((output / "glossary" / "index.html").read_bytes(), "html.parser")
    return glossary.find("dfn").get_text()
