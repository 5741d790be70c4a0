"""The Atom feed parses (feedparser) and has one entry per explainer.

Explainers are known from their JSON exports (``data/<slug>.json``), which
every explainer has. Entry links must lead to the explainer's page. Pelican
writes site-relative entry links when ``SITEURL`` is empty (development) and
absolute ones on publish; both are mapped back onto the output directory.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser

from pelican.plugins.explainer import urls

from . import CheckResult
from .links import BASE, resolve_url

FEED = "feeds/explainers.atom.xml"


def explainer_slugs(site: Path) -> list[str]:
    slugs = []
    for path in sorted((site / "data").glob("*.json")):
        try:
            slugs.append(str(json.loads(path.read_text(encoding="utf-8"))["slug"]))
        except (ValueError, KeyError, TypeError):
            slugs.append(path.stem)  # the exports check reports the broken file
    return slugs


def _site_relative(link: str, home: str) -> str:
    """An entry link as a path under the site root."""
    if home and link.startswith(home):
        return link[len(home) :]
    parts = urlsplit(link)
    return link if not parts.scheme else parts.path.lstrip("/")


def check(site: Path, feed: str = FEED) -> CheckResult:
    path = site / feed
    slugs = explainer_slugs(site)
    result = CheckResult("feeds", 0, "feed entries")
    if not path.is_file():
        if slugs:
            result.problems.append(f"{feed}: missing, but the site has {len(slugs)} explainers")
        return result
    parsed = feedparser.parse(path.read_bytes())
    if parsed.bozo:
        result.problems.append(f"{feed}: does not parse: {parsed.bozo_exception}")
    if parsed.version != "atom10":
        result.problems.append(f"{feed}: is {parsed.version or 'unknown'}, not Atom 1.0")
    result.checked = len(parsed.entries)
    home = str(parsed.feed.get("link") or "")
    home = home if home.startswith(("http://", "https://")) else ""
    linked: set[str] = set()
    for number, entry in enumerate(parsed.entries, start=1):
        for key in ("title", "id", "link", "updated"):
            if not entry.get(key):
                result.problems.append(f"{feed}: entry {number} has no {key}")
        link = str(entry.get("link") or "")
        rel = _site_relative(link, home)
        target, _ = resolve_url(site, urljoin(BASE, rel))
        if target is None or not target.is_file():
            result.problems.append(f"{feed}: entry {number} links to {link!r}, which is no page")
        linked.add(rel)
    for slug in slugs:
        clean = urls.explainer(slug)
        # A build for file:// (the development settings) links folders' index.html.
        if clean not in linked and clean + "index.html" not in linked:
            result.problems.append(f"{feed}: no entry for explainer {slug!r}")
    if len(parsed.entries) != len(slugs):
        result.problems.append(f"{feed}: {len(parsed.entries)} entries for {len(slugs)} explainers")
    result.counts["entries"] = len(parsed.entries)
    return result
