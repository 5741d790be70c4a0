"""The sitemap lists only pages that exist (and lists each once)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from . import CheckResult
from .links import BASE, resolve_url

SITEMAP = "sitemap.xml"
NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _base(locs: list[str]) -> str:
    """The site's own URL: the shortest loc, when it prefixes every other one.

    Development builds list root-relative locs ("/", "/a/"); a publish build
    lists absolute ones, possibly under a subpath ("https://h/sub/a/").
    """
    if not locs:
        return ""
    home = min(locs, key=len)
    if home.endswith("/") and all(loc.startswith(home) for loc in locs):
        return home
    parts = urlsplit(home)
    return f"{parts.scheme}://{parts.netloc}/" if parts.scheme else "/"


def check(site: Path, name: str = SITEMAP) -> CheckResult:
    path = site / name
    result = CheckResult("sitemap", 0, "sitemap URLs")
    if not path.is_file():
        result.problems.append(f"{name}: missing")
        return result
    try:
        tree = ET.parse(path)
    except ET.ParseError as exc:
        result.problems.append(f"{name}: not well-formed XML ({exc})")
        return result
    root = tree.getroot()
    if root.tag != f"{NS}urlset":
        result.problems.append(f"{name}: root element is {root.tag}, not urlset")
    locs = [(el.text or "").strip() for el in root.iter(f"{NS}loc")]
    result.checked = len(locs)
    base = _base(locs)
    seen: set[str] = set()
    for loc in locs:
        if loc in seen:
            result.problems.append(f"{name}: {loc} is listed twice")
        seen.add(loc)
        rel = loc[len(base) :] if base and loc.startswith(base) else None
        target, _ = resolve_url(site, urljoin(BASE, rel)) if rel is not None else (None, "")
        if target is None or not target.is_file():
            result.problems.append(f"{name}: {loc} is no page of the site")
        elif target.name == "404.html":
            result.problems.append(f"{name}: lists the error page {loc}")
    return result
