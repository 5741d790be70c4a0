"""Every internal link and ``#anchor`` of a built site resolves.

Links are resolved the way a browser resolves them from the page's own URL,
so relative links (development builds) and root-relative ones both work.
Citations (``sources/<id>/#<sentence>``) and glossary links
(``glossary/#<term>``) are ordinary links and are checked the same way.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

from . import CheckResult, html_pages

BASE = "http://site.invalid/"
# Attributes that hold one URL, and the ones that hold a list of them.
URL_ATTRS = ("href", "src", "action", "poster", "data")
SRCSET_ATTRS = ("srcset", "imagesrcset")
SKIP_SCHEMES = ("mailto:", "tel:", "data:", "javascript:")

pages = html_pages


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def ids_of(path: Path, cache: dict[Path, set[str]]) -> set[str]:
    """Every id (and legacy ``<a name>``) a fragment may point at."""
    if path not in cache:
        cache[path] = _ids(soup_of(path))
    return cache[path]


def _ids(soup: BeautifulSoup) -> set[str]:
    found = {str(tag["id"]) for tag in soup.find_all(id=True)}
    return found | {str(tag["name"]) for tag in soup.find_all("a", attrs={"name": True})}


def resolve(root: Path, page: Path, href: str) -> tuple[Path | None, str]:
    """Map a link on ``page`` to a file in ``root`` and a fragment, or None if external."""
    page_url = urljoin(BASE, page.relative_to(root).as_posix())
    return resolve_url(root, urljoin(page_url, href))


def resolve_url(root: Path, url: str) -> tuple[Path | None, str]:
    """Map an absolute ``BASE``-relative URL to a file and fragment (None if external)."""
    target = urlsplit(url)
    if f"{target.scheme}://{target.netloc}/" != BASE:
        return None, ""
    rel = unquote(target.path.lstrip("/"))
    path = root / rel
    if rel == "" or rel.endswith("/") or path.is_dir():
        path = path / "index.html"
    return path, unquote(target.fragment)


def site_url_problem(root: Path, url: str, cache: dict[Path, set[str]]) -> str | None:
    """Why a site-relative URL (as in the JSON export) does not resolve, or None."""
    path, fragment = resolve_url(root, urljoin(BASE, url))
    if path is None:
        return "not a site URL"
    return _target_problem(root, path, fragment, cache)


def _target_problem(
    root: Path, path: Path, fragment: str, cache: dict[Path, set[str]]
) -> str | None:
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return "points outside the site"
    if not path.is_file():
        return "missing file"
    if fragment and path.suffix == ".html" and fragment not in ids_of(path, cache):
        return "missing anchor"
    return None


def page_links(soup: BeautifulSoup) -> list[str]:
    """Every URL a page refers to, in document order."""
    found: list[str] = []
    for tag in soup.find_all(True):
        for attr in URL_ATTRS:
            value = tag.get(attr)
            if isinstance(value, str) and value.strip():
                found.append(value.strip())
        for attr in SRCSET_ATTRS:
            value = tag.get(attr)
            if isinstance(value, str):
                found += [part.split()[0] for part in value.split(",") if part.strip()]
    return found


# Served at any depth, so its links are root-relative on purpose.
ANY_DEPTH_PAGES = {"404.html"}


def relative_build(root: Path) -> bool:
    """Whether pages link relatively (development builds): judged by the home
    page's stylesheet link, which every build writes the way it writes all links."""
    home = root / "index.html"
    if not home.is_file():
        return False
    sheet = soup_of(home).find("link", rel="stylesheet", href=True)
    return sheet is not None and not str(sheet["href"]).startswith(("/", "http:", "https:"))


def scan(root: Path, site_url: str = "") -> tuple[int, list[str]]:
    """(links checked, problems as 'page: href (why)').

    ``site_url`` is a publish build's absolute URL: links under it are internal.
    """
    site_url = site_url.rstrip("/") + "/" if site_url else ""
    problems: list[str] = []
    cache: dict[Path, set[str]] = {}
    checked = 0
    portable = relative_build(root)
    for page in pages(root):
        soup = soup_of(page)
        cache.setdefault(page, _ids(soup))
        for href in page_links(soup):
            if href.startswith(SKIP_SCHEMES):
                continue
            if site_url and href.startswith(site_url):
                href = "/" + href[len(site_url) :]
            path, fragment = resolve(root, page, href)
            if path is None:
                continue
            checked += 1
            why = _target_problem(root, path, fragment, cache)
            if (
                not why
                and portable
                and href.startswith("/")
                and not href.startswith("//")
                and page.relative_to(root).as_posix() not in ANY_DEPTH_PAGES
            ):
                why = "root-relative in a relative-URL build: breaks file:// and subpaths"
            if why:
                problems.append(f"{page.relative_to(root)}: {href} ({why})")
    return checked, problems


def broken_links(root: Path, site_url: str = "") -> list[str]:
    """Every internal link that does not resolve, as 'page: href (why)'."""
    return scan(root, site_url)[1]


def check(site: Path, site_url: str = "") -> CheckResult:
    checked, problems = scan(site, site_url)
    result = CheckResult("links", checked, "internal links and anchors", problems)
    result.counts["links"] = checked
    result.counts["pages"] = len(pages(site))
    return result
