"""Rebuilds with the analysis cache on: an edit always shows, nothing stale survives."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, SITE_OPTIONS, run_pelican

from pelican.plugins.explainer import TEMPLATES


def test_glossary_and_content_edits_show_after_a_cached_rebuild(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    settings = {"EXPLAINER": {"root": str(ROOT), "cache_dir": str(tmp_path / "cache")}}
    first = run_pelican(tmp_path / "out1", content=content, extra=settings)
    assert first.returncode == 0, first.stderr
    assert any((tmp_path / "cache").rglob("*.pickle"))

    entry = content / "glossary" / "comac.md"
    lines = entry.read_text(encoding="utf-8").split("\n")
    lines = ["short: Edited definition." if x.startswith("short:") else x for x in lines]
    entry.write_text("\n".join(lines), encoding="utf-8")
    explainer = content / "explainers" / "xi-jinping-hanoi-2025.md"
    explainer.write_text(
        explainer.read_text(encoding="utf-8").replace(
            "what the April 2025 visit produced", "edited"
        ),
        encoding="utf-8",
    )
    second = run_pelican(tmp_path / "out2", content=content, extra=settings)
    assert second.returncode == 0, second.stderr
    glossary = (tmp_path / "out2" / "glossary" / "index.html").read_text(encoding="utf-8")
    assert "Edited definition." in glossary
    page = tmp_path / "out2" / "explainers" / "xi-jinping-hanoi-april-2025" / "index.html"
    assert "Xi Jinping in Hanoi: edited" in page.read_text(encoding="utf-8")


def _tree(directory: Path) -> dict[str, bytes]:
    return {
        p.relative_to(directory).as_posix(): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def _project(tmp_path: Path) -> tuple[Path, dict[str, object]]:
    """A copy of the project's inputs (content, seeds) and of its theme, which also
    overrides the plugin's base template with an identical copy; a test may edit
    either layout."""
    for name in ("content", "seeds", "theme"):
        shutil.copytree(ROOT / name, tmp_path / name)
    override = tmp_path / "theme" / "templates" / "explainer" / "base.html"
    override.parent.mkdir(parents=True)
    shutil.copy(TEMPLATES / "explainer" / "base.html", override)
    settings = {
        "EXPLAINER": {"root": str(tmp_path), "cache_dir": str(tmp_path / "cache")},
        "THEME": str(tmp_path / "theme"),
    }
    return tmp_path, settings


def _build(root: Path, settings: dict[str, object], **more: object) -> str:
    result = run_pelican(root / "output", content=root / "content", extra={**settings, **more})
    assert result.returncode == 0, result.stderr
    return result.stdout + result.stderr


def test_a_no_change_rebuild_reuses_every_page_and_the_search_index(tmp_path: Path) -> None:
    root, settings = _project(tmp_path)
    first = _build(root, settings)
    assert "0 unchanged" in first
    assert "search index: built" in first
    before = _tree(root / "output")
    second = _build(root, settings)
    assert "pages: 0 rendered" in second
    assert "search index: reused" in second
    assert _tree(root / "output") == before  # byte for byte, search index included


def test_theme_settings_and_hand_edits_are_never_served_stale(tmp_path: Path) -> None:
    root, settings = _project(tmp_path)
    _build(root, settings)
    page = root / "output" / "explainers" / "xi-jinping-hanoi-april-2025" / "index.html"
    original = page.read_bytes()

    # The theme's layout, which the plugin's pages extend, and its override of
    # the plugin's own base template: an edit to either renders the pages again.
    layout = root / "theme" / "templates" / "base.html"
    layout.write_text(
        layout.read_text(encoding="utf-8").replace("</footer>", "<p>theme-marker</p></footer>"),
        encoding="utf-8",
    )
    assert "pages: 0 rendered" not in _build(root, settings)
    assert "theme-marker" in page.read_text(encoding="utf-8")
    base = root / "theme" / "templates" / "explainer" / "base.html"  # the theme's override
    marked = base.read_text(encoding="utf-8").replace(
        '<div class="xpl"', '<p>override-marker</p><div class="xpl"'
    )
    assert "override-marker" in marked
    base.write_text(marked, encoding="utf-8")
    assert "pages: 0 rendered" not in _build(root, settings)
    assert "override-marker" in page.read_text(encoding="utf-8")

    _build(root, settings, SITENAME="Renamed Site")
    assert "Renamed Site" in page.read_text(encoding="utf-8")

    _build(root, settings, SITENAME="Renamed Site")
    rendered = page.read_bytes()
    page.write_text("hand edited", encoding="utf-8")
    _build(root, settings, SITENAME="Renamed Site")
    assert page.read_bytes() == rendered  # the damaged page was rendered again
    assert page.read_bytes() != original


def test_a_seed_edit_reindexes_search(tmp_path: Path) -> None:
    root, settings = _project(tmp_path)
    _build(root, settings)
    entry = root / "output" / "pagefind" / "pagefind-entry.json"
    before = entry.read_bytes()
    seed = next((root / "seeds").glob("wire-*.txt"))
    seed.write_bytes(seed.read_bytes() + b"\nA zephyrquill sentence closes the report.\n")
    assert "search index: built" in _build(root, settings)
    assert entry.read_bytes() != before
    source = root / "output" / "explainers" / "xi-jinping-hanoi-april-2025" / "sources" / "wire"
    assert "zephyrquill" in (source / "index.html").read_text(encoding="utf-8")


def test_a_cached_build_loads_no_parsing_or_rendering_library(tmp_path: Path) -> None:
    """Start-up is most of a warm build: the heavy libraries load only when needed."""
    root, settings = _project(tmp_path)
    _build(root, settings)
    extra = {**settings, "EXPLAINER": {**SITE_OPTIONS, **settings["EXPLAINER"]}}  # type: ignore[dict-item]
    probe = (
        "import sys, json, runpy\n"
        "sys.argv = ['pelican', sys.argv[1], '-s', sys.argv[2], '-o', sys.argv[3], '-q',"
        " '-e', *sys.argv[4:]]\n"
        "try:\n"
        "    runpy.run_module('pelican', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    args = [f"{key}={json.dumps(value)}" for key, value in extra.items()]
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            probe,
            str(root / "content"),
            str(ROOT / "pelicanconf.py"),
            str(root / "output"),
            *args,
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    loaded = set(json.loads(result.stdout.strip().splitlines()[-1]))
    assert "pelican.plugins.explainer.pelican_glue" in loaded  # the probe really ran the plugin
    assert not loaded & {
        "bs4",
        "soupsieve",
        "yaml",
        "pysbd",
        "markdown_it",
        "pelican.plugins.explainer.analyse",
    }
