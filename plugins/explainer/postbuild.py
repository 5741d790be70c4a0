"""Steps that run on the finished (staged) output before it is swapped in."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

SEARCH_DIR = "pagefind"
# Repeated furniture that would crowd search excerpts: citation tags and the
# glossary popovers (their text is indexed once, on the glossary page).
NOT_INDEXED = (".cite", ".term-pop", ".term-toggle")
# The search page talks to Pagefind's JavaScript API directly; the prebuilt UI
# bundles Pagefind also writes are several hundred KB the site never loads.
UNUSED_BUNDLES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-highlight.js",
)


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site; the build fails and output/ is kept."""


def run(output: Path, settings: dict[str, Any]) -> None:
    """Write files that depend on the whole site: robots.txt and the search index."""
    write_robots(output, settings)
    if settings.get("EXPLAINER_SEARCH", True):
        index_search(output, settings.get("DEFAULT_LANG") or "en")


def write_robots(output: Path, settings: dict[str, Any]) -> None:
    siteurl = str(settings.get("SITEURL") or "").rstrip("/")
    lines = ["User-agent: *", "Allow: /"]
    if siteurl.startswith(("http://", "https://")):
        lines.append(f"Sitemap: {siteurl}/sitemap.xml")
    (output / "robots.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def index_search(output: Path, language: str) -> None:
    """Build the Pagefind index into ``output/pagefind/`` with the bundled binary.

    Only elements marked ``data-pagefind-body`` are indexed. The binary comes
    from the ``pagefind_bin`` wheel, so nothing is downloaded.
    """
    try:  # the wheel's binary itself: no second Python start-up
        from pagefind_bin import get_executable

        binary = [str(get_executable())]
    except (ImportError, OSError, FileNotFoundError):
        binary = [sys.executable, "-m", "pagefind"]
    cmd = [
        *binary,
        "--site",
        str(output),
        "--output-subdir",
        SEARCH_DIR,
        "--exclude-selectors",
        ", ".join(NOT_INDEXED),
        "--force-language",
        language,
        "--silent",
    ]
    try:
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexError(f"search index: could not run pagefind ({exc})") from exc
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise SearchIndexError(
            "search index: pagefind failed" + (f": {detail[-1]}" if detail else "")
        )
    bundle = output / SEARCH_DIR
    if not (bundle / "pagefind.js").is_file():
        raise SearchIndexError(f"search index: pagefind wrote no {SEARCH_DIR}/pagefind.js")
    for name in UNUSED_BUNDLES:
        (bundle / name).unlink(missing_ok=True)
    log.info("search index written to %s", bundle)
