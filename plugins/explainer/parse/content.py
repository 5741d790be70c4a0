"""An explainer's content file: YAML front matter plus an editor's intro.

```
---
title: ...
slug: ...
published: 2025-04-14
sources:
  - path: seeds/one.txt
    label: ...
    publisher: ...        # optional; shown as "not stated" when absent
    published: 2025-04-14 # optional
    kind: original        # optional: original | translation | ...
curation: {...}           # optional, see README
---
Optional intro in Markdown.
```
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..errors import InputError
from ..model import SourceMeta
from . import markdown
from .seed import slugify

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,80}$")
REQUIRED = ("title", "slug", "published", "sources")


@dataclass
class ExplainerSpec:
    path: str  # the content file, as shown in messages
    title: str
    slug: str
    published: date
    sources: list[SourceMeta]
    intro_md: str = ""  # may cite sentences as [@source-s3]
    intro_html: str = ""  # rendered without citation links (for the feed)
    summary: str | None = None
    curation: dict[str, Any] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)


@cache
def _loader() -> type:
    """Safe YAML (libyaml when available) that leaves dates as text, so a bad
    date gets our own message. Built on first use: cached builds read no YAML."""
    import yaml

    class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        pass

    Loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return Loader


def _line_of(lines: list[str], needle: str, first: int = 1) -> int | None:
    """Best-effort line number (1-based) of the first line containing needle."""
    for number, line in enumerate(lines, start=1):
        if needle and needle in line:
            return number + first - 1
    return None


def load_front_matter(text: str, shown: str) -> tuple[dict[str, Any], list[str], str]:
    """Parse the YAML block; returns (metadata, front-matter lines, body)."""
    front, _, body = markdown.split_front_matter(text)
    if front is None:
        raise InputError(shown, "no front matter: the file must start with a '---' block", line=1)
    import yaml

    try:
        data = yaml.load(front, Loader=_loader())
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None  # +1 for 1-based, +1 for '---'
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise InputError(shown, f"front matter: {problem}", line=line) from None
    except RecursionError:
        raise InputError(shown, "front matter is nested too deeply", line=2) from None
    if not isinstance(data, dict):
        raise InputError(shown, "front matter must be a mapping of 'key: value' lines", line=2)
    lines = front.split("\n")
    _check_size(data, shown, lines)
    return data, lines, body


# YAML aliases share one object however often they are used, so a few hundred
# bytes can stand for billions of values once anything walks or prints them.
MAX_VALUES = 100_000  # values (and 64-character pieces of text) once expanded
MAX_DEPTH = 50


def _check_size(data: dict[Any, Any], shown: str, lines: list[str]) -> None:
    """Refuse front matter that is too big or too deep once its aliases are expanded."""
    budget = MAX_VALUES
    for key, value in data.items():
        stack: list[tuple[Any, int]] = [(key, 1), (value, 1)]
        while stack:
            node, depth = stack.pop()
            budget -= 1 + (len(node) // 64 if isinstance(node, str) else 0)
            problem = (
                "too large" if budget < 0 else "nested too deeply" if depth > MAX_DEPTH else ""
            )
            if problem:
                raise InputError(
                    shown,
                    f"front matter: '{key}' is {problem} once its aliases are expanded"
                    f" (at most {MAX_VALUES} values, {MAX_DEPTH} levels)",
                    line=_line_of(lines, f"{key}:", 2),
                )
            if isinstance(node, dict):
                stack.extend((item, depth + 1) for pair in node.items() for item in pair)
            elif isinstance(node, list):
                stack.extend((item, depth + 1) for item in node)


def _as_date(value: Any, what: str, shown: str, line: int | None) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(
            shown, f"{what} {str(value)!r} is not a valid date (use YYYY-MM-DD)", line=line
        ) from None


def _source(entry: Any, index: int, root: Path, shown: str, lines: list[str]) -> SourceMeta:
    if isinstance(entry, str):
        entry = {"path": entry}
    if not isinstance(entry, dict) or not entry.get("path"):
        raise InputError(
            shown, f"sources[{index}] needs a 'path'", line=_line_of(lines, "sources", 2)
        )
    rel = str(entry["path"]).strip()
    line = _line_of(lines, rel, 2)
    target = (root / rel).resolve()
    if Path(rel).is_absolute() or not target.is_relative_to(root.resolve()):
        raise InputError(shown, f"seed path {rel!r} points outside the project", line=line)
    if not target.is_file():
        raise InputError(shown, f"seed {rel!r} not found", line=line)
    published = entry.get("published")
    return SourceMeta(
        path=rel,
        id=slugify(str(entry.get("id") or Path(rel).stem)),
        label=str(entry.get("label") or Path(rel).stem.replace("-", " ").replace("_", " ")),
        publisher=(str(entry["publisher"]) if entry.get("publisher") else None),
        published=_as_date(published, "source date", shown, line) if published else None,
        kind=(str(entry["kind"]) if entry.get("kind") else None),
        url=(str(entry["url"]) if entry.get("url") else None),
    )


def parse_spec(text: str, shown: str, root: Path) -> ExplainerSpec:
    """Parse one explainer content file; ``root`` is where seed paths start."""
    data, lines, body = load_front_matter(text, shown)
    for key in REQUIRED:
        if data.get(key) in (None, "", []):
            if key == "sources" and "sources" in data:
                raise InputError(
                    shown, "explainer lists no sources", line=_line_of(lines, "sources", 2)
                )
            raise InputError(shown, f"missing required metadata '{key}'", line=2)
    slug = str(data["slug"]).strip()
    if not _SLUG.match(slug):
        raise InputError(
            shown,
            f"slug {slug!r} must be lower-case letters, digits and hyphens",
            line=_line_of(lines, "slug", 2),
        )
    if not isinstance(data["sources"], list):
        raise InputError(shown, "'sources' must be a list", line=_line_of(lines, "sources", 2))
    sources = [_source(e, i, root, shown, lines) for i, e in enumerate(data["sources"])]
    seen: dict[str, str] = {}
    for src in sources:
        if src.id in seen:
            raise InputError(
                shown,
                f"two sources share the id {src.id!r} ({seen[src.id]} and {src.path}); give one an 'id'",
                line=_line_of(lines, src.path, 2),
            )
        seen[src.id] = src.path
    curation = data.get("curation") or {}
    if not isinstance(curation, dict):
        raise InputError(shown, "'curation' must be a mapping", line=_line_of(lines, "curation", 2))
    return ExplainerSpec(
        path=shown,
        title=str(data["title"]).strip(),
        slug=slug,
        published=_as_date(
            data["published"], "publication date", shown, _line_of(lines, "published", 2)
        ),
        sources=sources,
        intro_md=body.strip(),
        # Markup: rendered (and escaped) HTML that an autoescaping template keeps as is.
        intro_html=Markup(markdown.render(body)) if body.strip() else "",
        summary=str(data["summary"]).strip() if data.get("summary") else None,
        curation=curation,
        meta=data,
    )
