"""Page reuse between builds (plain Python, no Pelican): a page is read back
only when the site key matches and the file on disk is what was written."""

from __future__ import annotations

from pathlib import Path

from pelican.plugins.explainer.cache import Cache
from pelican.plugins.explainer.render.reuse import PageReuse, reuse_key


def _build(store: Cache, output: Path, key: str | None, pages: dict[str, str]) -> PageReuse:
    """One build: render (or reuse) every page, write it, record the manifest."""
    reuse = PageReuse(store, output, key)
    calls: list[str] = []
    for path, text in pages.items():

        def render(path: str = path, text: str = text) -> str:
            calls.append(path)
            return text

        (output / path).parent.mkdir(parents=True, exist_ok=True)
        (output / path).write_text(reuse.page(path, render), encoding="utf-8")
    reuse.save()
    reuse.calls = calls  # type: ignore[attr-defined]
    return reuse


PAGES = {"index.html": "<p>home</p>", "a/index.html": "<p>naïve café</p>"}


def test_the_same_key_reuses_every_page(tmp_path: Path) -> None:
    store, out = Cache(tmp_path / "cache", version="v" * 64), tmp_path / "out"
    first = _build(store, out, "k1", PAGES)
    assert (first.rendered, first.reused) == (2, 0)
    second = _build(store, out, "k1", PAGES)
    assert (second.rendered, second.reused) == (0, 2)
    assert second.calls == []  # type: ignore[attr-defined]
    assert (out / "a" / "index.html").read_text(encoding="utf-8") == "<p>naïve café</p>"


def test_another_key_renders_everything(tmp_path: Path) -> None:
    store, out = Cache(tmp_path / "cache", version="v" * 64), tmp_path / "out"
    _build(store, out, "k1", PAGES)
    changed = {**PAGES, "index.html": "<p>new home</p>"}
    again = _build(store, out, "k2", changed)
    assert (again.rendered, again.reused) == (2, 0)
    assert (out / "index.html").read_text(encoding="utf-8") == "<p>new home</p>"


def test_a_changed_or_missing_output_file_is_rendered_again(tmp_path: Path) -> None:
    store, out = Cache(tmp_path / "cache", version="v" * 64), tmp_path / "out"
    _build(store, out, "k1", PAGES)
    (out / "index.html").write_text("edited by hand", encoding="utf-8")
    (out / "a" / "index.html").unlink()
    again = _build(store, out, "k1", PAGES)
    assert sorted(again.calls) == sorted(PAGES)  # type: ignore[attr-defined]
    assert (out / "index.html").read_text(encoding="utf-8") == "<p>home</p>"


def test_no_key_or_no_store_never_reuses(tmp_path: Path) -> None:
    store, out = Cache(tmp_path / "cache", version="v" * 64), tmp_path / "out"
    _build(store, out, None, PAGES)
    assert _build(store, out, None, PAGES).reused == 0
    reuse = PageReuse(None, out, "k1")
    assert reuse.page("index.html", lambda: "fresh") == "fresh"


def test_a_new_code_version_never_reads_old_pages(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _build(Cache(tmp_path / "cache", version="a" * 64), out, "k1", PAGES)
    assert _build(Cache(tmp_path / "cache", version="b" * 64), out, "k1", PAGES).reused == 0


def test_each_output_directory_has_its_own_manifest(tmp_path: Path) -> None:
    store = Cache(tmp_path / "cache", version="v" * 64)
    _build(store, tmp_path / "dev", "k1", PAGES)
    _build(store, tmp_path / "publish", "k2", PAGES)
    assert _build(store, tmp_path / "dev", "k1", PAGES).reused == 2


def _settings(root: Path) -> dict[str, object]:
    return {
        "THEME": str(root / "theme"),
        "PATH": str(root / "content"),
        "SITENAME": "A site",
        "JINJA_FILTERS": {"shout": str.upper},  # callables are named, not addressed
        "JINJA_ENVIRONMENT": {"bytecode_cache": object()},
    }


def test_the_site_key_follows_settings_theme_content_and_inputs(tmp_path: Path) -> None:
    for folder in ("theme/templates", "content"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "theme" / "templates" / "base.html").write_text("<p>{{ x }}</p>")
    (tmp_path / "content" / "page.md").write_text("text")
    store = Cache(tmp_path / "cache", version="v" * 64)

    def key(**changes: object) -> str | None:
        return reuse_key(store, {**_settings(tmp_path), **changes}, ["a", "b"], "tools 1")

    first = key()
    assert first is not None and key() == first  # stable, object addresses ignored
    assert key(SITENAME="Another") != first
    assert reuse_key(store, _settings(tmp_path), ["a", "c"], "tools 1") != first
    assert reuse_key(store, _settings(tmp_path), ["a", "b"], "tools 2") != first
    assert reuse_key(store, _settings(tmp_path), ["a", None], "tools 1") is None
    assert reuse_key(None, _settings(tmp_path), ["a", "b"], "tools 1") is None
    (tmp_path / "theme" / "templates" / "base.html").write_text("<div>{{ x }}</div>")
    themed = key()
    assert themed != first
    (tmp_path / "content" / "new.md").write_text("more")
    assert key() not in (first, themed)
