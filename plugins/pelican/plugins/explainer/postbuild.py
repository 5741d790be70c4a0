"""Steps that run on the finished (staged) output before it is swapped in."""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.request import pathname2url

from .cache import Cache
from .search_verify import (
    CHECKSUMS,
    check_bundle,
    digests,
    reference_bundles,
    verify_copy,
    write_checksums,
)

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

    one_line = True


def run(output: Path, settings: dict[str, Any], store: Cache | None = None) -> str:
    """Write files that depend on the whole site: robots.txt and the search index.

    ``store``: the build cache, which keeps the last search index to reuse
    while the pages it indexes are unchanged (None: always index). Returns what
    happened to the index: "built", "reused" or "off".
    """
    write_robots(output, settings)
    if not settings.get("EXPLAINER", {}).get("search", True):
        return "off"
    return index_search(output, settings.get("DEFAULT_LANG") or "en", store)


def note_undated(undated: set[str], path: str, context: dict[str, Any]) -> None:
    """Note the URL of a page written with no date of its own (``path`` relative to
    the output), as the sitemap plugin names it: a page's or article's ``url``, else
    the path, without a trailing ``index.html``. The home page of a theme (a direct
    template) and a page without a ``:date:`` are such pages."""
    obj = context.get("article") or context.get("page")
    if getattr(obj, "modified", None) or getattr(obj, "date", None):
        return
    url = getattr(obj, "url", None) if obj is not None else None
    undated.add(re.sub(r"(^|/)index\.html$", r"\1", url or pathname2url(path)))


def undated_sitemap(output: Path, settings: dict[str, Any], undated: set[str]) -> None:
    """Take the ``<lastmod>`` out of the sitemap entries of pages that have no date.

    The sitemap plugin dates them by the build's clock, so two builds of the same
    input would differ and every build would claim every such page changed. A
    sitemap entry may have no ``lastmod`` (sitemaps.org), which is the truth here."""
    sitemap = output / "sitemap.xml"
    if not undated or not sitemap.is_file():
        return
    siteurl = str(settings.get("SITEURL") or "")
    locs = {f"{siteurl}/{url}" for url in undated}

    def entry(match: re.Match[str]) -> str:
        loc = re.search(r"<loc>([^<]*)</loc>", match.group(0))
        if loc is None or loc.group(1) not in locs:
            return match.group(0)
        return re.sub(r"<lastmod>[^<]*</lastmod>\n?", "", match.group(0))

    text = sitemap.read_text(encoding="utf-8")
    sitemap.write_text(re.sub(r"<url>.*?</url>", entry, text, flags=re.S), encoding="utf-8")


def write_robots(output: Path, settings: dict[str, Any]) -> None:
    siteurl = str(settings.get("SITEURL") or "").rstrip("/")
    lines = ["User-agent: *", "Allow: /"]
    if siteurl.startswith(("http://", "https://")):
        lines.append(f"Sitemap: {siteurl}/sitemap.xml")
    (output / "robots.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _pagefind() -> list[str]:
    # Pagefind's own variable, which its service (search_verify) obeys too.
    if os.environ.get("PAGEFIND_BINARY_PATH"):
        return [os.environ["PAGEFIND_BINARY_PATH"]]
    try:  # the wheel's binary itself: no second Python start-up
        from pagefind_bin import get_executable

        return [str(get_executable())]
    except (ImportError, OSError, FileNotFoundError):
        return [sys.executable, "-m", "pagefind"]


def _index_key(store: Cache, output: Path, cmd: list[str]) -> str:
    """The cache key of what Pagefind reads: its binary, its options and every HTML page."""
    binary = Path(cmd[0])
    stat = binary.stat() if binary.is_file() else None
    # The options without --site's value: the staging directory differs per build.
    options = [part for part in cmd[1:] if part != str(output)]
    parts = [repr((options, stat and (stat.st_size, stat.st_mtime_ns))).encode()]
    for page in sorted(output.rglob("*.html")):
        parts.append(page.relative_to(output).as_posix().encode())
        parts.append(hashlib.sha256(page.read_bytes()).digest())
    return store.key("search", *parts)


def _keep_index(bundle: Path, store: Path, key: str) -> None:
    """Keep a copy of the new (checked) index as the store's only entry, with the
    SHA-256 of each file (never fails the build).

    Builds may run at once: each copies into its own temporary folder and
    renames it into place whole, and a build copying an entry that another
    one removes meanwhile indexes afresh (see :func:`_reuse_index`)."""
    tmp = store / f".tmp-{os.getpid()}"
    try:
        store.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.copytree(bundle, tmp)
        write_checksums(tmp, digests(bundle))
        try:
            tmp.rename(store / key)
        except OSError:  # another build stored the same index first
            shutil.rmtree(tmp, ignore_errors=True)
        for old in store.iterdir():
            if old.name != key and not _copying(old):
                shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        log.warning("search index: cannot keep a copy in %s (%s)", store, exc)


def _copying(path: Path) -> bool:
    """Whether ``path`` is the temporary copy of a build still running."""
    pid = path.name.removeprefix(".tmp-")
    if pid == path.name or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except OSError:  # alive, someone else's
        return True
    return True


def _reuse_index(entry: Path, bundle: Path) -> bool:
    """Copy a stored index; False (nothing copied) if it is incomplete, damaged or
    vanishes meanwhile. The copy is checked against the stored checksums, so a
    truncated or garbled file is never published; a damaged entry is removed."""
    if not (entry / CHECKSUMS).is_file():
        return False
    try:
        shutil.copytree(entry, bundle, ignore=shutil.ignore_patterns(CHECKSUMS))
    except OSError as exc:  # shutil.Error too: another build removed the entry
        log.info("search index: stored copy unusable (%s); indexing afresh", exc)
        shutil.rmtree(bundle, ignore_errors=True)
        return False
    problem = verify_copy(entry, bundle)
    if problem is not None:
        log.info("search index: stored copy damaged (%s); indexing afresh", problem)
        shutil.rmtree(bundle, ignore_errors=True)
        shutil.rmtree(entry, ignore_errors=True)
        return False
    return True


def _reference(store: Cache | None, cmd: list[str]) -> dict[str, str] | None:
    """The bundles' digests from Pagefind's service, kept in the cache per binary."""
    binary = Path(cmd[0])
    stat = binary.stat() if binary.is_file() else None
    identity = repr((cmd[0], stat and (stat.st_size, stat.st_mtime_ns))).encode()
    key = store.key("search-bundles", identity) if store else ""
    found = store.get(key, count=False) if store else None
    if isinstance(found, dict):
        return found
    found = reference_bundles()
    if store and found:
        store.put(key, found)
    return found


def index_search(output: Path, language: str, store: Cache | None = None) -> str:
    """Build the Pagefind index into ``output/pagefind/`` with the bundled binary.

    Only elements marked ``data-pagefind-body`` are indexed. The binary comes
    from the ``pagefind_bin`` wheel, so nothing is downloaded. With a
    ``store``, an index made from byte-identical pages is copied, not rebuilt.
    """
    bundle = output / SEARCH_DIR
    cmd = [
        *_pagefind(),
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
    key = _index_key(store, output, cmd) if store else ""
    stored = store.tree("search") if store else None
    if stored and _reuse_index(stored / key, bundle):
        log.info("search index unchanged, copied to %s", bundle)
        return "reused"
    try:
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexError(f"search index: could not run pagefind ({exc})") from exc
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise SearchIndexError(
            "search index: pagefind failed" + (f": {detail[-1]}" if detail else "")
        )
    if not (bundle / "pagefind.js").is_file():
        raise SearchIndexError(f"search index: pagefind wrote no {SEARCH_DIR}/pagefind.js")
    for name in UNUSED_BUNDLES:
        (bundle / name).unlink(missing_ok=True)
    asked: list[dict[str, str] | None] = []  # the service is asked once at most

    def reference() -> dict[str, str] | None:
        if not asked:
            asked.append(_reference(store, cmd))
        return asked[0]

    problem = check_bundle(bundle, reference)
    if problem is not None:  # e.g. a full disk: Pagefind exits 0 and leaves cut files
        raise SearchIndexError(f"search index: {problem} (is the disk full?); output/ is unchanged")
    if stored:
        _keep_index(bundle, stored, key)
    log.info("search index written to %s", bundle)
    return "built"
