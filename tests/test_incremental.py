"""Rebuilds with the analysis cache on: an edit always shows, nothing stale survives."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT, run_pelican


def test_glossary_and_content_edits_show_after_a_cached_rebuild(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    settings = {"EXPLAINER_ROOT": str(ROOT), "EXPLAINER_CACHE_DIR": str(tmp_path / "cache")}
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
