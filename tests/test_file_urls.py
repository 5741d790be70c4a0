"""``output/`` opened from disk: every link of the development build works over file://.

Over ``file://`` a browser shows a folder link (``explainers/x/``) as a directory
listing, and there is no server to add ``index.html``. The development
settings (``pelicanconf.py``) therefore link files. Every ``href``, ``src`` and
form ``action`` of every page is resolved as a browser resolves it from the
page's own file, and must name a file that exists. Search is the one thing that
needs a web server, and its page says so.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

ATTRS = {"a": "href", "link": "href", "script": "src", "img": "src", "form": "action"}


def _targets(site: Path, page: Path) -> list[tuple[str, Path]]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    found = []
    for name, attr in ATTRS.items():
        for tag in soup.find_all(name):
            url = tag.get(attr)
            if not url or url.startswith("#"):
                continue
            parts = urlsplit(url)
            if parts.scheme or parts.netloc:
                continue  # another site (the original article), not output/
            if url.startswith("/"):
                # livereload's script exists only under `invoke serve`
                assert "livereload" in url, (
                    f"{page}: {url} is absolute, which file:// cannot resolve"
                )
                continue
            found.append((url, (page.parent / unquote(parts.path)).resolve()))
    return found


def test_every_link_names_a_file_that_exists(site: Path) -> None:
    pages = sorted(p for p in site.rglob("*.html") if "pagefind" not in p.parts)
    # 404.html is served by a web server at any depth: its links are absolute on purpose.
    pages = [p for p in pages if p.name != "404.html"]
    assert len(pages) >= 9
    problems = []
    for page in pages:
        for url, target in _targets(site, page):
            if not target.is_file():
                why = "a folder (a directory listing)" if target.is_dir() else "missing"
                problems.append(f"{page.relative_to(site)}: {url} is {why}")
    assert problems == []


@pytest.mark.parametrize("path", ["index.html", "explainers/index.html"])
def test_the_home_and_index_pages_link_every_explainer_as_a_file(site: Path, path: str) -> None:
    soup = BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")
    links = [a["href"] for a in soup.select(".explainer-list h2 a")]
    assert links and all(link.endswith("/index.html") for link in links)


def test_the_search_page_says_it_needs_a_web_server(site: Path) -> None:
    text = BeautifulSoup(
        (site / "search" / "index.html").read_text(encoding="utf-8"), "html.parser"
    ).get_text(" ", strip=True)
    assert "needs the site to come from a web server" in text and "file://" in text
