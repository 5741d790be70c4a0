"""Checks that a search index is whole before it is published.

Pagefind exits 0 even when its writes fail: on a full disk (or past a file
size limit) it leaves empty or truncated files, which a build would publish as
a search that silently finds nothing. So a fresh index is checked here: every
file is non-empty, every compressed file (``.pf_*``, ``.pagefind``) inflates
completely (gzip checks length and CRC), the entry file parses and names files
that exist, and the JavaScript bundles the site loads are the bytes that Pagefind
version ships: known digests for the versions in :data:`KNOWN_BUNDLES`, else
(or when they differ) the bytes Pagefind's service hands out over a pipe, which
the disk cannot cut short. The service costs a few tenths of a second, so it is
asked only then; ``python -m pelican.plugins.explainer.search_verify`` prints
the entry to add for the installed Pagefind.

A stored copy of an index (the build cache's ``search`` entries) carries the
SHA-256 of each of its files (:data:`CHECKSUMS`); a copy is published only when
every file matches.
"""

from __future__ import annotations

import asyncio
import gzip
import hashlib
import json
import logging
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

CHECKSUMS = ".explainer-checksums.json"
_COMPRESSED = (".pf_meta", ".pf_index", ".pf_fragment", ".pf_filter", ".pagefind")
_REFERENCE_TIMEOUT = 60  # seconds for Pagefind's service to hand out its bundles
# The scripts the search page loads; the WebAssembly is checked as gzip.
BUNDLES = ("pagefind.js", "pagefind-worker.js")
# Pagefind version -> SHA-256 of each bundle (the same on every platform and language).
KNOWN_BUNDLES: dict[str, dict[str, str]] = {
    "1.5.2": {
        "pagefind.js": "252d272bd34d483d19a752060f6a065114d15ab12c42d8f905ca565e2768a009",
        "pagefind-worker.js": "4ca50d25bcab9e1c3afbc00ab5f7761114e83c8fc1b83d38655af1558b650c2a",
    },
}


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def digests(folder: Path) -> dict[str, str]:
    """Relative path -> SHA-256 of every file under ``folder`` (the checksums file aside)."""
    return {
        path.relative_to(folder).as_posix(): _sha256(path)
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != CHECKSUMS
    }


def write_checksums(folder: Path, sums: dict[str, str]) -> None:
    (folder / CHECKSUMS).write_text(json.dumps(sums, indent=0) + "\n", encoding="utf-8")


def verify_copy(stored: Path, copy: Path) -> str | None:
    """Why ``copy`` (of the stored index ``stored``) may not be published; None when it
    holds exactly the files the stored checksums list, byte for byte."""
    try:
        expected = json.loads((stored / CHECKSUMS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "its checksums are missing or unreadable"
    if not isinstance(expected, dict) or not expected:
        return "its checksums are missing or unreadable"
    found = digests(copy)
    for name in sorted(set(expected) | set(found)):
        if found.get(name) != expected.get(name):
            return f"{name} does not match its checksum"
    return None


def check_bundle(
    bundle: Path, reference: Callable[[], dict[str, str] | None] = lambda: None
) -> str | None:
    """Why a fresh Pagefind output is not whole; None when it is.

    ``reference`` gives the SHA-256 of the bundles as Pagefind's service hands
    them out (file name -> digest), or None when they cannot be had; it is
    called only for a bundle that is not one of :data:`KNOWN_BUNDLES`."""
    files = sorted(p for p in bundle.rglob("*") if p.is_file())
    for path in files:
        name = path.relative_to(bundle).as_posix()
        data = path.read_bytes()
        if not data:
            return f"pagefind wrote an empty {name}"
        if name.endswith(_COMPRESSED):
            try:
                gzip.decompress(data)
            except (OSError, EOFError, zlib.error):
                return f"pagefind wrote a truncated or damaged {name}"
    entry, problem = _check_entry(bundle)
    if problem is not None:
        return problem
    known = KNOWN_BUNDLES.get(str(entry.get("version")), {})
    for name in BUNDLES:
        path = bundle / name
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None
        if digest is None:
            return f"pagefind wrote no {name}"
        if known.get(name) == digest:
            continue
        # Not the known bytes (or an unknown version): Pagefind's own copy decides;
        # without one, a known digest still does, and an unknown version passes.
        expected = (reference() or {}).get(name) or known.get(name)
        if expected is not None and expected != digest:
            return f"pagefind wrote a truncated or damaged {name}"
    return None


def _check_entry(bundle: Path) -> tuple[dict[str, Any], str | None]:
    """The entry file, and whether it parses and every language's metadata and
    WebAssembly exist."""
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        wanted = [
            name
            for language in entry["languages"].values()
            for name in (
                f"pagefind.{language['hash']}.pf_meta",
                f"wasm.{language['wasm']}.pagefind",
            )
        ]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}, "pagefind wrote a truncated or damaged pagefind-entry.json"
    missing = [name for name in wanted if not (bundle / name).is_file()]
    return entry, (f"pagefind wrote no {missing[0]}" if missing else None)


def reference_bundles(language: str = "en") -> dict[str, str] | None:
    """SHA-256 of the JavaScript and WebAssembly bundles as Pagefind's service hands them
    out for a one-page index; None when the service cannot be run."""
    try:
        files = asyncio.run(asyncio.wait_for(_service_files(language), _REFERENCE_TIMEOUT))
    except Exception as exc:  # no service in this Pagefind, a timeout, a crash: skip the check
        log.info("search index: no reference bundles from pagefind's service (%s)", exc)
        return None
    return {
        str(item["path"]): hashlib.sha256(item["content"]).hexdigest()
        for item in files
        if str(item["path"]).endswith((".js", ".pagefind"))
    }


async def _service_files(language: str) -> list[dict[str, object]]:
    # The service is driven directly, not through PagefindIndex's context manager,
    # which writes the index to disk when it closes.
    from pagefind.service import PagefindService

    page = "<html><body><main data-pagefind-body><p>reference</p></main></body></html>"
    service = await PagefindService().launch()
    try:
        index = await service.create_index({"force_language": language})
        await index.add_html_file(content=page, url="/reference/")
        files = await index.get_files()
    finally:
        await service.close()
    return list(files)  # type: ignore[arg-type]


if __name__ == "__main__":  # the KNOWN_BUNDLES entry for the installed Pagefind
    from importlib.metadata import version

    found = reference_bundles() or {}
    print(repr({version("pagefind"): {name: found.get(name) for name in BUNDLES}}))
