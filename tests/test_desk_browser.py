"""The review desk in real headless Chromium (Debian's, via Playwright), served as
``invoke serve`` serves it, on a copy of the project in a temp dir.

Drop, add, label and undo by clicking, with JavaScript on and off; the keyboard;
forged POSTs; axe-core in light and dark; 390 px. The rebuild after the edits is
the real ``pelican`` command.
"""

from __future__ import annotations

import asyncio
import http.client
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from tinysite import ROOT, build

from checks.a11y import _RUN_AXE, AXE, TAGS
from checks.browser import chromium
from pelican.plugins.explainer.desk import review
from pelican.plugins.explainer.desk.server import Settings, application

pytestmark = pytest.mark.browser
SLUG = "xi-jinping-hanoi-april-2025"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    return tmp_path


@pytest.fixture
def desk(project: Path) -> Iterator[Settings]:
    """The desk's handlers on a free loopback port, in a thread of their own."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings = Settings(project, port)
    loop = asyncio.new_event_loop()
    started = threading.Event()

    def run() -> None:
        asyncio.set_event_loop(loop)
        server = application(settings).listen(port, "127.0.0.1")
        started.set()
        loop.run_forever()
        server.stop()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    started.wait(10)
    yield settings
    loop.call_soon_threadsafe(loop.stop)
    thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


def _url(desk: Settings, path: str = f"/_review/{SLUG}/") -> str:
    return f"http://127.0.0.1:{desk.port}{path}"


def _content(project: Path) -> Path:
    return project / "content" / "explainers" / "xi-jinping-hanoi-2025.md"


def _open(browser: Any, desk: Settings, js: bool = True, **context: Any) -> Any:
    page = browser.new_context(java_script_enabled=js, **context).new_page()
    page.goto(_url(desk), wait_until="load")
    return page


def _item(page: Any, section: str, nth: int = 0) -> Any:
    return page.locator(f"section:has(h2#{section}) article.item").nth(nth)


@pytest.mark.parametrize("js", [True, False], ids=["javascript", "no-javascript"])
def test_drop_add_and_label_then_the_rebuilt_page_shows_them(
    browser: Any, desk: Settings, project: Path, js: bool
) -> None:
    path = _content(project)
    original = path.read_bytes()
    page = _open(browser, desk, js=js)

    # Drop a false difference: the file gains exactly that entry.
    first = _item(page, "discrepancies")
    cites = first.locator("input[name=cites]").first.get_attribute("value").split(",")
    first.locator("button", has_text="Drop").click()
    page.wait_for_load_state("load")
    assert "Saved: drop." in page.locator(".flash").inner_text()
    entry = f"    drop:\n      - cites: [{', '.join(cites)}]\n".encode()
    at = original.index(b"---\n", 4)
    assert path.read_bytes() == original[:at] + entry + original[at:]

    # Add a difference by picking one sentence from each of two sources.
    page.select_option("#pick-a", "wire-s3")
    page.select_option("#pick-b", "rewrite-s4")
    page.select_option("#add-kind", "wording")
    page.fill("#add-summary", "The sources tell the opening differently.")
    page.locator("#add-form button[type=submit]").click()
    page.wait_for_load_state("load")
    assert "Saved: add." in page.locator(".flash").inner_text()

    # Edit a fact's label (a held-back one: the label edit also shows it).
    fact = _item(page, "facts", 2)
    value = fact.locator("input[name=value]").first.get_attribute("value")
    fact.locator("input[name=label]").fill("Figure label by the editor")
    fact.locator("button", has_text="Save the label").click()
    page.wait_for_load_state("load")
    assert "Saved: label." in page.locator(".flash").inner_text()
    page.context.close()

    out = project / "output"
    result = build(project, out, EXPLAINER={"cache_dir": None, "search": False})
    assert result.returncode == 0, result.stdout + result.stderr
    html = (out / "explainers" / SLUG / "index.html").read_text()
    soup = BeautifulSoup(html, "html.parser")
    differences = soup.select(".difference")

    def cited(d: Any) -> set[str]:
        return {str(b.get("popovertarget", "")).removeprefix("ref-") for b in d.select(".cite")}

    assert differences and not any(set(cites) <= cited(d) for d in differences)
    added = next(d for d in differences if "curated" in d["class"])  # "Added by the editor"
    assert {"wire-s3", "rewrite-s4"} <= cited(added)
    assert "Figure label by the editor" in html and value in html
    assert "Reviewed by the editor: 7 items confirmed, 2 dropped" in html


def test_undo_restores_the_file_byte_for_byte(browser: Any, desk: Settings, project: Path) -> None:
    path = _content(project)
    original = path.read_bytes()
    page = _open(browser, desk)
    _item(page, "only_in").locator("button", has_text="Keep").click()
    page.wait_for_load_state("load")
    assert path.read_bytes() != original
    page.locator("button", has_text="Undo the last action").click()
    page.wait_for_load_state("load")
    assert "Undone." in page.locator(".flash").inner_text()
    assert path.read_bytes() == original
    page.context.close()


def test_keyboard_j_k_and_one_key_per_action(browser: Any, desk: Settings, project: Path) -> None:
    path = _content(project)
    original = path.read_bytes()
    page = _open(browser, desk)
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("k")
    focused = page.evaluate("document.activeElement.id")
    assert focused == "item-1"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"  # visible focus
    with page.expect_navigation():
        page.keyboard.press("d")
    assert "Saved: drop." in page.locator(".flash").inner_text()
    assert path.read_bytes() != original
    with page.expect_navigation():
        page.keyboard.press("u")
    assert path.read_bytes() == original
    page.context.close()


def test_a_file_changed_since_the_page_loaded_is_not_overwritten(
    browser: Any, desk: Settings, project: Path
) -> None:
    path = _content(project)
    page = _open(browser, desk)
    edited = path.read_bytes() + b"\nA line the editor saved meanwhile.\n"
    path.write_bytes(edited)
    _item(page, "discrepancies").locator("button", has_text="Drop").click()
    page.wait_for_load_state("load")
    assert "changed on disk since this page was loaded" in page.locator(".flash").inner_text()
    assert path.read_bytes() == edited
    # The desk reloaded the file as it is: the same click now works.
    _item(page, "discrepancies").locator("button", has_text="Drop").click()
    page.wait_for_load_state("load")
    assert "Saved: drop." in page.locator(".flash").inner_text()
    assert path.read_bytes().endswith(b"A line the editor saved meanwhile.\n")
    page.context.close()


def _post(desk: Settings, fields: dict[str, str], headers: dict[str, str]) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", desk.port, timeout=30)
    body = urlencode(fields)
    base = {"Content-Type": "application/x-www-form-urlencoded"}
    conn.request("POST", f"/_review/{SLUG}/act", body, {**base, **headers})
    status = conn.getresponse().status
    conn.close()
    return status


def test_forged_posts_get_403_and_change_nothing(desk: Settings, project: Path) -> None:
    path = _content(project)
    before = path.read_bytes()
    r = review.find(project, SLUG)
    assert isinstance(r, review.Review)
    item = r.section("discrepancies")[0]
    good = {
        "token": desk.token,
        "file": "explainers/xi-jinping-hanoi-2025.md",
        "version": r.version,
        "action": "drop",
        "section": "discrepancies",
        "cites": ",".join(item.cites),
    }
    host = f"127.0.0.1:{desk.port}"
    origin = {"Host": host, "Origin": f"http://{host}"}
    forged = [
        ({**good, "token": ""}, origin),
        ({**good, "token": "x" * 43}, origin),
        (good, {"Host": host, "Origin": "http://attacker.example"}),
        (good, {"Host": host}),  # no Origin at all
        (good, {"Host": "attacker.example", "Origin": "http://attacker.example"}),
        (good, {"Host": f"attacker.example:{desk.port}", "Origin": f"http://{host}"}),
        ({**good, "file": "../pelicanconf.py"}, origin),
        ({**good, "file": "/etc/passwd"}, origin),
        ({**good, "file": "../../content/explainers/xi-jinping-hanoi-2025.md"}, origin),
    ]
    for fields, headers in forged:
        assert _post(desk, fields, headers) == 403, (fields, headers)
        assert path.read_bytes() == before
    assert _post(desk, good, origin) == 303  # the same request, honest, is accepted
    assert path.read_bytes() != before


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_and_it_fits_390px(browser: Any, desk: Settings, scheme: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    for path in ("/_review/", f"/_review/{SLUG}/"):
        page.goto(_url(desk, path), wait_until="load")
        out = page.evaluate(_RUN_AXE, TAGS)
        assert out["violations"] == [], (path, out["violations"])
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= 390, (path, wide)
    context.close()
