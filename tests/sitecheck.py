"""Walk a built site: every internal link and #anchor must resolve."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

BASE = "http://site.invalid/"


def pages(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


def ids_of(path: Path, cache: dict[Path, set[str]]) -> set[str]:
    if path not in cache:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        cache[path] = {tag["id"] for tag in soup.find_all(id=True)}
    return cache[path]


def resolve(root: Path, page: Path, href: str) -> tuple[Path | None, str]:
    """Map a link on ``page`` to a file in ``root`` and a fragment, or None if external."""
    page_url = urljoin(BASE, page.relative_to(root).as_posix())
    target = urlsplit(urljoin(page_url, href))
    if f"{target.scheme}://{target.netloc}/" != BASE:
        return None, ""
    rel = unquote(target.path.lstrip("/"))
    path = root / rel
    if rel == "" or rel.endswith("/") or path.is_dir():
        path = path / "index.html"
    return path, target.fragment


def broken_links(root: Path) -> list[str]:
    """Every internal href/src that does not resolve, as 'page: href'."""
    problems: list[str] = []
    cache: dict[Path, set[str]] = {}
    for page in pages(root):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(["a", "link", "script", "img"]):
            href = tag.get("href") or tag.get("src")
            if not href or href.startswith(("mailto:", "data:")):
                continue
            path, fragment = resolve(root, page, href)
            if path is None:
                continue
            if not path.is_file():
                problems.append(f"{page.relative_to(root)}: {href} (missing file)")
            elif fragment and path.suffix == ".html" and fragment not in ids_of(path, cache):
                problems.append(f"{page.relative_to(root)}: {href} (missing anchor)")
    return problems
