"""Security: escaped text, a strict Content-Security-Policy, no inline
scripts or handlers, and a dev server that stays on 127.0.0.1 inside output/."""

from __future__ import annotations

import http.client
import os
import re
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from tinysite import (
    ROOT,
    SEED_B,
    build,
    explainer_md,
    free_port,
    serve_command,
    wait_listening,
    write_project,
)

from pelican.plugins.explainer import TEMPLATES

THEME = TEMPLATES  # the plugin's own templates

# --- escaping ------------------------------------------------------------------

NASTY = "<i>Tags</i> & \"quotes\" 'apostrophes' </span><script>window.bad = 1</script>"
SEED = f"""A headline with {NASTY}
The council said {NASTY} on Tuesday and approved the bridge.
Officials said the bridge would cost 80 million dollars and open in 2027.
"""


@pytest.fixture(scope="module")
def nasty_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_project(
        tmp_path_factory.mktemp("nasty"),
        seeds={"a.txt": SEED, "b.txt": SEED_B},
        explainers={"tiny.md": explainer_md(title=f"Title {NASTY}", summary=f"Sum {NASTY}")},
    )
    result = build(root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "output"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_seed_text_round_trips_through_escaping(nasty_site: Path) -> None:
    """Parsing the page gives back exactly the seed's characters: escaped, not interpreted."""
    reader = soup(nasty_site / "explainers" / "tiny" / "sources" / "a" / "index.html")
    spans = {s["id"]: s.get_text() for s in reader.select(".sentence[id]")}
    assert spans["a-s1"] == f"A headline with {NASTY}"
    assert spans["a-s2"] == f"The council said {NASTY} on Tuesday and approved the bridge."


def test_text_in_attributes_is_escaped(nasty_site: Path) -> None:
    checked = 0
    for path in sorted(nasty_site.rglob("*.html")):
        page = soup(path)
        for tag in page.find_all(True):
            for name, value in tag.attrs.items():
                assert not name.lower().startswith("on"), (path, tag)
                if isinstance(value, str) and "quotes" in value:
                    assert NASTY in value, (path, name, value)  # whole, not cut at a quote
                    checked += 1
    assert checked  # citation titles and meta descriptions carry sentence text


def test_content_text_is_escaped(nasty_site: Path) -> None:
    page = soup(nasty_site / "explainers" / "tiny" / "index.html")
    assert page.h1.get_text() == f"Title {NASTY}"
    assert page.title.get_text().startswith(f"Title {NASTY}")
    home = soup(nasty_site / "index.html")
    assert f"Sum {NASTY}" in home.get_text()
    for path in sorted(nasty_site.rglob("*.html")):
        for script in soup(path).find_all("script"):
            assert "window.bad" not in (script.string or "") or script.get("type") == (
                "application/ld+json"
            ), path


# --- Content-Security-Policy and no inline code ----------------------------------


def csp_of(page: BeautifulSoup) -> dict[str, list[str]]:
    metas = page.find_all(
        "meta", attrs={"http-equiv": re.compile("^content-security-policy$", re.I)}
    )
    assert len(metas) == 1, "exactly one CSP meta"
    meta = metas[0]
    assert meta.parent is not None and meta.parent.name == "head", "CSP meta must be in <head>"
    # It must come before any script or stylesheet it is meant to govern.
    before = meta.find_all_previous(["script", "link", "style"])
    assert not before, before
    directives: dict[str, list[str]] = {}
    for part in meta["content"].split(";"):
        if part.strip():
            name, *values = part.split()
            directives[name.lower()] = values
    return directives


def test_every_page_has_a_strict_csp(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 6
    for path in pages:
        csp = csp_of(soup(path))
        scripts = csp.get("script-src", csp.get("default-src"))
        assert scripts is not None, path
        assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts, path
        assert "*" not in scripts and "data:" not in scripts and "http:" not in scripts, path
        assert csp.get("object-src") == ["'none'"], path
        assert "base-uri" in csp, path


def test_built_pages_have_no_inline_scripts_styles_or_handlers(site: Path) -> None:
    for path in sorted(site.rglob("*.html")):
        page = soup(path)
        for script in page.find_all("script"):
            if script.get("type") == "application/ld+json":
                continue  # data, not code; CSP does not run it
            assert script.get("src") and not (script.string or "").strip(), (path, script)
        assert not page.find_all("style"), path  # style-src 'self' would block them
        for tag in page.find_all(True):
            assert not [a for a in tag.attrs if a.lower().startswith("on")], (path, tag)
            assert "style" not in tag.attrs, (path, tag)
            for attr in ("href", "src", "action", "formaction"):
                value = str(tag.get(attr) or "")
                assert not value.strip().lower().startswith("javascript:"), (path, tag)


def test_theme_templates_have_no_inline_scripts_or_handlers() -> None:
    templates = sorted(THEME.rglob("*.html"))
    assert templates
    for path in templates:
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"<script\b([^>]*)>", text, re.I):
            attrs = match.group(1)
            assert "src=" in attrs or "application/ld+json" in attrs, (path, match.group(0))
        assert not re.search(r"<[a-z][^>]*\s on[a-z]+\s*=", text, re.I | re.X), path
        assert not re.search(r"javascript:", text, re.I), path


# --- the development server (`invoke serve`) --------------------------------------


def _listening(pid: int) -> list[tuple[str, int]]:
    """(hex local address, port) of every listening TCP socket the process owns."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for row in Path(table).read_text().splitlines()[1:]:
            cols = row.split()
            if cols[3] == "0A" and cols[9] in inodes:  # 0A: LISTEN
                address, port = cols[1].split(":")
                found.append((address, int(port, 16)))
    return found


@pytest.fixture(scope="module")
def dev_server(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[subprocess.Popen[str], int]]:
    port = free_port()
    # Built and served outside the checkout. Beside the served folder, files with
    # the project's own markers: a request escaping output/ would reach them.
    here = tmp_path_factory.mktemp("serve")
    (here / "pelicanconf.py").write_text("EXPLAINER = {}\n", encoding="utf-8")
    (here / "pyproject.toml").write_text("[build-system]\n", encoding="utf-8")
    proc = subprocess.Popen(
        serve_command(port, here),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group, so it can be stopped whole
    )
    try:
        wait_listening(proc, port, lambda: proc.stdout.read() if proc.stdout else "")
        yield proc, port
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        if proc.stdout:
            proc.stdout.close()


def _get(port: int, path: str) -> tuple[int, bytes]:
    """A raw request: the path goes on the wire exactly as written."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.putrequest("GET", path, skip_accept_encoding=True)
        conn.endheaders()
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def test_dev_server_serves_the_site(dev_server: tuple[subprocess.Popen[str], int]) -> None:
    status, body = _get(dev_server[1], "/")
    assert status == 200 and b"<html" in body


def test_dev_server_listens_on_loopback_only(dev_server: tuple[subprocess.Popen[str], int]) -> None:
    proc, port = dev_server
    sockets = _listening(proc.pid)
    assert (f"{0x0100007F:08X}", port) in sockets  # 127.0.0.1, little-endian in /proc
    assert all(address == "0100007F" for address, _ in sockets), sockets


@pytest.mark.parametrize(
    "path",
    [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/..%2f..%2f..%2fetc/passwd",
        "/theme/../../../../etc/passwd",
        "//etc/passwd",
        "/..%5c..%5cetc/passwd",
    ],
)
def test_dev_server_refuses_path_traversal(
    dev_server: tuple[subprocess.Popen[str], int], path: str
) -> None:
    status, body = _get(dev_server[1], path)
    assert status in (400, 403, 404), (status, body[:200])
    assert b"root:" not in body
    # Nor anything else from the project outside output/.
    assert b"EXPLAINER = {" not in body and b"[build-system]" not in body


@pytest.mark.parametrize("path", ["/../pelicanconf.py", "/%2e%2e/pyproject.toml"])
def test_dev_server_does_not_serve_project_files(
    dev_server: tuple[subprocess.Popen[str], int], path: str
) -> None:
    status, body = _get(dev_server[1], path)
    assert status in (400, 403, 404), (status, body[:200])
