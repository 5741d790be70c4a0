"""Pages the previous build wrote, reused when nothing they depend on changed.

Rendering (templates, glossary linking) is most of a build once the analysis
is cached. A build is described by one *site key*: a hash the caller makes of
everything a page can depend on (code, theme, settings, content files, seeds).
When the key equals the previous build's, each page is read back from the
output directory instead of rendered, after checking its bytes against the
SHA-256 recorded when it was written, so a hand-edited or damaged output file
is rendered afresh. A different key renders everything, as a build without
this would. No Pelican import here: the glue hands in a ``render`` callable
per page, and :func:`reuse_key` reads only the settings dict.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import TEMPLATES
from ..cache import Cache


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class PageReuse:
    """One build's pages: reuse what the previous build with the same key wrote."""

    def __init__(self, store: Cache | None, output: Path, site_key: str | None):
        # Without a store or a key nothing is reused or recorded: every page renders.
        self.store = store if site_key else None
        self.output = output
        self.site_key = site_key
        self.written: dict[str, str] = {}  # page path -> SHA-256 of its bytes
        self.reused = 0
        self.rendered = 0
        self._manifest = ""
        self._previous: dict[str, str] = {}
        if self.store is not None:
            self._manifest = self.store.key("pages", str(output).encode())
            previous = self.store.get(self._manifest, count=False)
            if isinstance(previous, dict) and previous.get("site") == site_key:
                self._previous = previous.get("pages") or {}

    def page(self, path: str, render: Callable[[], str]) -> str:
        """The text of the page at ``path`` (relative to the output directory)."""
        expected = self._previous.get(path)
        if expected is not None:
            try:
                data = (self.output / path).read_bytes()
            except OSError:
                data = b""
            if _digest(data) == expected:
                self.written[path] = expected
                self.reused += 1
                return data.decode("utf-8")
        text = render()
        self.written[path] = _digest(text.encode("utf-8"))
        self.rendered += 1
        return text

    def save(self) -> None:
        """Record this build's pages; call once its output is in place."""
        if self.store is not None:
            self.store.put(self._manifest, {"site": self.site_key, "pages": self.written})


def fingerprint(value: Any) -> Any:
    """A stable, printable stand-in for a settings value (no memory addresses)."""
    if value is None or isinstance(value, bool | int | float | str | bytes):
        return value
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, dict):
        items = [(repr(fingerprint(k)), fingerprint(v)) for k, v in value.items()]
        return sorted(items, key=lambda item: item[0])
    if isinstance(value, list | tuple):
        return [fingerprint(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted(repr(fingerprint(v)) for v in value)
    if callable(value) and hasattr(value, "__qualname__"):
        return f"{getattr(value, '__module__', '')}.{value.__qualname__}"
    text = repr(value)
    return type(value).__qualname__ if " at 0x" in text else text


def _tree(directory: Path) -> list[bytes]:
    """Every file's relative path and bytes, in a fixed order."""
    if not directory.is_dir():
        return []
    files = sorted(p for p in directory.rglob("*") if p.is_file())
    return [
        part
        for p in files
        for part in (p.relative_to(directory).as_posix().encode(), p.read_bytes())
    ]


def reuse_key(
    store: Cache | None, settings: dict[str, Any], input_keys: list[str | None], versions: str
) -> str | None:
    """The site key of a Pelican build; None when some input is not keyed.

    Covers the code (the cache's version), ``versions`` (of the site generator
    and template engine), every setting, every template and content file
    (the plugin's own templates, ``THEME``, ``THEME_TEMPLATES_OVERRIDES``, ``PATH``) and each explainer's
    input key, which covers its seeds.
    """
    if store is None or any(key is None for key in input_keys):
        return None
    themes = [
        TEMPLATES,
        Path(settings["THEME"]),
        *map(Path, settings.get("THEME_TEMPLATES_OVERRIDES") or []),
    ]
    parts = [
        versions.encode(),
        repr(fingerprint(settings)).encode(),
        *(str(key).encode() for key in input_keys),
        *(part for theme in themes for part in _tree(theme)),
        *_tree(Path(settings["PATH"])),
    ]
    return store.key("site", *parts)
