"""``invoke add-source FILE --explainer SLUG --new``: start an explainer from one seed.

The content file is written from what the seed states: the title from its
headline, ``published`` from its detected date, the source's label from its
outlet ("Example Agency wire"). It is created, never overwritten, and checked with the
build's own reader before the command reports success; on any error neither the
seed nor the content file is left behind.
"""

from __future__ import annotations

import json
import os
import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError, shown_path
from .content import parse_spec
from .text import normalise, visible

if TYPE_CHECKING:
    from .add_source import Added

SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,80}")  # as the content reader checks it


def _quoted(value: str) -> str:
    """A YAML double-quoted scalar: JSON's string syntax is a subset of it."""
    return json.dumps(value, ensure_ascii=False)


def content_text(title: str, slug: str, published: date, rel: str, label: str | None) -> str:
    """The new content file: front matter only, plus a hint for the introduction."""
    lines = [
        "---",
        f"title: {_quoted(title)}",
        f"slug: {slug}",
        f"published: {published.isoformat()}",
        "sources:",
        f"  - path: {_quoted(rel)}",
        *([f"    label: {_quoted(label)}"] if label else []),
        "---",
        "",
    ]
    return "\n".join(lines)


def create(file: Path, slug: str, root: Path) -> Added:
    """Copy ``file`` into ``seeds/`` and write ``content/explainers/SLUG.md`` listing it."""
    # add_source imports this module lazily: import its helpers here, not at the top.
    from .add_source import Added, _content_file, _copy_new, _parse_new

    folder = root / "content" / "explainers"
    content = folder / f"{slug}.md"
    shown = shown_path(content, root)
    if not SLUG.fullmatch(slug):
        raise InputError(shown, f"slug {slug!r}: use lower-case letters, digits and hyphens")
    try:
        existing = _content_file(folder, slug)
    except InputError:
        existing = None  # no explainer has this slug: the one case --new is for
    if existing is not None or content.exists():
        raise InputError(
            shown_path(existing or content, root),
            f"explainer {slug!r} exists already; add the source without --new",
        )
    seed = root / "seeds" / file.name
    rel = seed.relative_to(root).as_posix()
    if seed.exists() and seed.resolve() != file.resolve():
        raise InputError(rel, "a different seed of that name exists; rename the file")
    document, label = _parse_new(file)
    headline = visible(document.headline.text) if document.headline else ""
    title = headline or file.stem.replace("-", " ").replace("_", " ")
    # The detected date resolves "on Monday" in the timeline; without one, today
    # stands in and the report says so.
    published = document.meta.published or date.today()
    text = content_text(title, slug, published, rel, label and visible(label))
    copied = not seed.exists()
    folder.mkdir(parents=True, exist_ok=True)
    if copied:
        seed.parent.mkdir(parents=True, exist_ok=True)
        _copy_new(file, seed, rel)
    try:
        # O_EXCL: a content file that appeared meanwhile is never overwritten.
        fd = os.open(content, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        try:
            parse_spec(normalise(text), shown, root)
        except BaseException:
            content.unlink(missing_ok=True)
            raise
    except FileExistsError:
        raise InputError(
            shown, f"explainer {slug!r} exists already; add the source without --new"
        ) from None
    except BaseException:
        if copied:
            seed.unlink(missing_ok=True)
        raise
    return Added(content, seed, document, created=True, dated=document.meta.published is not None)
