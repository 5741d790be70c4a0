"""Serve a built site on 127.0.0.1 and drive Debian's Chromium with Playwright.

Used by the browser tests and by ``invoke screenshots``. Never downloads a
browser: Chromium comes from the system (``/usr/bin/chromium``).
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

CHROMIUM = os.environ.get("EXPLAINER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietHandler(SimpleHTTPRequestHandler):
    """Static files with the MIME types a browser needs for wasm and modules."""

    extensions_map = {  # noqa: RUF012 - class attribute read by the base class
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
        ".xml": "application/xml",
    }
    prefix = ""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def translate_path(self, path: str) -> str:
        # Serve the site under ``prefix`` (e.g. "/sub"), as a host with a subpath does.
        if self.prefix:
            if (
                path == self.prefix
                or path.startswith(self.prefix + "/")
                or path.startswith(self.prefix + "?")
            ):
                path = path[len(self.prefix) :] or "/"
            else:
                path = "/.no-such-path"
        return super().translate_path(path)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # Like a static host configured with an error page: serve 404.html.
        page = Path(self.directory) / "404.html"
        if code == 404 and page.is_file():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


@contextmanager
def serve(root: Path, prefix: str = "") -> Iterator[str]:
    """Serve ``root`` at ``http://127.0.0.1:<free port><prefix>/``; yields that base URL."""
    prefix = prefix.rstrip("/")
    handler = type("Handler", (_QuietHandler,), {"prefix": prefix})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium with a fresh profile; yields a Playwright ``Browser``."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def page_types(root: Path) -> dict[str, str]:
    """One site-relative URL per page type, found in the built site."""
    found: dict[str, str] = {"home": "", "search": "search/", "404": "no-such-page/"}
    explainers = sorted(p for p in (root / "explainers").glob("*/index.html"))
    if explainers:
        base = explainers[0].parent.relative_to(root).as_posix() + "/"
        found["explainer"] = base
        if (root / base / "compare" / "index.html").is_file():
            found["compare"] = base + "compare/"
        sources = sorted((root / base / "sources").glob("*/index.html"))
        if sources:
            found["source"] = sources[-1].parent.relative_to(root).as_posix() + "/"
    if (root / "glossary" / "index.html").is_file():
        found["glossary"] = "glossary/"
    return found


def search_payload(browser: Any, search_url: str, query: str) -> dict[str, int]:
    """Bytes each request made for one search from a freshly loaded search page.

    The page is loaded first and left idle, so the figure is what the query
    itself costs: Pagefind's script, its WebAssembly, the index chunks and the
    result fragments (all from the same host; a local server sends them as is).
    """
    context = browser.new_context()
    page = context.new_page()
    page.goto(search_url, wait_until="networkidle")
    sizes: dict[str, int] = {}

    def record(request: Any) -> None:
        response = request.response()
        # The favicon may arrive late; only the search bundle counts.
        if response is not None and "/pagefind/" in request.url:
            sizes[request.url] = len(response.body())

    page.on("requestfinished", record)
    page.locator("#q").fill(query)
    page.locator("#q").press("Enter")
    page.locator("#results li").first.wait_for(timeout=10_000)
    page.wait_for_load_state("networkidle")
    context.close()
    return sizes


def _report(site: Path, query: str) -> None:
    """Print per-page gzip sizes and the cost of one search: ``python -m checks.browser output/ word``."""
    import gzip
    import re

    def gz(path: Path) -> int:
        return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))

    css = site / "theme" / "css" / "site.css"
    print(f"{'page type':10} {'html':>7} {'html.gz':>8} {'+css.gz':>8}  path")
    for name, url in page_types(site).items():
        path = site / "404.html" if name == "404" else site / url / "index.html"
        html = path.stat().st_size
        print(
            f"{name:10} {html:7d} {gz(path):8d} {gz(path) + gz(css):8d}  {path.relative_to(site)}"
        )
    print(f"css: {css.stat().st_size} bytes, {gz(css)} gzip")
    with serve(site) as base, chromium() as browser:
        sizes = search_payload(browser, base + "search/", query)
    wire = 0
    print(f"{'bytes':>8} {'gzip':>8}  search request")
    for url, size in sorted(sizes.items()):
        rel = re.sub(r"^https?://[^/]+/", "", url).split("?")[0]
        # Pagefind's index files are compressed already; a host gzips only the scripts.
        packed = min(size, gz(site / rel)) if (site / rel).is_file() else size
        wire += packed
        print(f"{size:8d} {packed:8d}  {rel}")
    total = sum(sizes.values())
    print(f"search for {query!r}: {len(sizes)} requests, {total} bytes ({wire} with gzip)")


if __name__ == "__main__":
    import sys

    _report(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "the")
