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
    published: 2025-04-14 # optional; "2025-04-14 09:30" gives the time too
    kind: original        # optional: original | translation | ...
    url: https://...      # optional: the original
    byline: ...           # optional; win over what the seed's layout states
    dateline: ...
curation: {...}           # optional, see README
---
Optional intro in Markdown.
```
"""

from __future__ import annotations

import contextlib
import difflib
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..decisions import EXTRA_KEYS, SECTIONS
from ..errors import InputError
from ..model import SourceMeta
from . import markdown
from .dates import MAX_YEAR, MIN_YEAR
from .slug import slugify

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,80}$")
REQUIRED = ("title", "slug", "published", "sources")
KNOWN = (*REQUIRED, "summary", "curation")
# Keys starting "x-" are the author's own (YAML anchors, notes): read by no one.
PRIVATE = "x-"


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


def _node_lines(front: str) -> dict[tuple[Any, ...], int]:
    """File line (1-based) of each key and list item in the front matter, four
    levels deep: ``("sources", 1, "label")`` → 9. Composed only when an error needs it."""
    import yaml

    lines: dict[tuple[Any, ...], int] = {}

    def walk(node: Any, path: tuple[Any, ...]) -> None:
        if len(path) >= 4:
            return
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                here = (*path, getattr(key, "value", None))
                lines.setdefault(here, key.start_mark.line + 2)  # +1 1-based, +1 for '---'
                walk(value, here)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                lines.setdefault((*path, index), item.start_mark.line + 2)
                walk(item, (*path, index))

    # load_front_matter already accepted the text; composing it is only for line numbers.
    with contextlib.suppress(yaml.YAMLError, RecursionError):
        walk(yaml.compose(front, Loader=_loader()), ())
    return lines


class _Checker:
    """One content file's field checks: each failure is ``key: message`` on the key's line."""

    def __init__(self, shown: str, front: str) -> None:
        self.shown = shown
        self.front = front
        self._lines: dict[tuple[Any, ...], int] | None = None

    def line(self, path: tuple[Any, ...]) -> int:
        """The line of ``path``, or of its nearest parent that has one."""
        if self._lines is None:
            self._lines = _node_lines(self.front)
        found = (self._lines.get(path[:n]) for n in range(len(path), 0, -1))
        return next((line for line in found if line is not None), 2)

    def fail(self, path: tuple[Any, ...], message: str) -> InputError:
        key = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")
        return InputError(self.shown, f"{key}: {message}", line=self.line(path))

    def text(self, value: Any, path: tuple[Any, ...]) -> str | None:
        """A text field: a string, or absent/empty (None)."""
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            # YAML reads an unquoted 1984 or yes as a number or a yes/no value.
            hint = ' (quote it: "...")' if isinstance(value, int | float) else ""
            raise self.fail(path, f"must be text, not {_kind(value)}{hint}")
        return value.strip() or None

    def date(self, value: Any, path: tuple[Any, ...], what: str) -> date | None:
        if value is None or value == "":
            return None
        if not isinstance(value, str | date):
            raise self.fail(path, f"must be a date (YYYY-MM-DD), not {_kind(value)}")
        found = _as_date(value, what, self.shown, self.line(path))
        # The timeline steps days and years either side of a date; stay far from the edges.
        if not MIN_YEAR <= found.year <= MAX_YEAR:
            raise self.fail(path, f"{found.isoformat()} is outside the years {MIN_YEAR}-{MAX_YEAR}")
        return found

    def curation(self, value: Any) -> dict[str, Any]:
        """The shape of ``curation``; the ids it cites are checked once sentences exist."""
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise self.fail(("curation",), f"must be a mapping, not {_kind(value)}")
        for key in ("key_points", "comparison"):
            if value.get(key) is not None and not isinstance(value[key], dict):
                raise self.fail(
                    ("curation", key),
                    f"must be a mapping ({_SHAPES[key]}), not {_kind(value[key])}",
                )
        _unknown_key(value, CURATION_KEYS, ("curation",), self)
        self._decisions(value)
        points = value.get("key_points") or {}
        for key, item in points.items():
            path = ("curation", "key_points", key)
            if key not in ("pin", "order", "drop", "max"):
                raise self.fail(path, f"unknown key (use {_SHAPES['key_points']})")
            if key == "max":
                if isinstance(item, bool) or not isinstance(item, int) or item < 1:
                    raise self.fail(path, f"must be a whole number of points, not {_kind(item)}")
            elif isinstance(item, list):
                for index, sid in enumerate(item):
                    if not isinstance(sid, str):
                        raise self.fail(
                            (*path, index),
                            f"must be a sentence id such as wire-s3, not {_kind(sid)}",
                        )
            elif item is not None and not isinstance(item, str):
                raise self.fail(path, f"must be a list of sentence ids, not {_kind(item)}")
        return value

    def _decisions(self, value: dict[str, Any]) -> None:
        """The editor's keep and drop lists (``analyse.editor``): their shape only."""
        lists = [(("curation", s), ("keep", "drop"), EXTRA_KEYS[s]) for s in SECTIONS]
        lists.append((("curation", "comparison"), ("confirm", "drop"), ("note",)))
        for at, actions, extra in lists:
            block = value
            for key in at[1:]:
                block = block.get(key) if isinstance(block, dict) else None
            if block is None:
                continue
            if not isinstance(block, dict):
                raise self.fail(at, f"must be a mapping (keep, drop), not {_kind(block)}")
            if at[-1] != "comparison":
                _unknown_key(block, actions, at, self)
            for action in actions:
                self._entries(block.get(action), (*at, action), extra)

    def _entries(self, items: Any, at: tuple[Any, ...], extra: tuple[str, ...]) -> None:
        if items is None:
            return
        if not isinstance(items, list):
            raise self.fail(at, f"must be a list of '- cites: [...]' entries, not {_kind(items)}")
        for index, entry in enumerate(items):
            path = (*at, index)
            if not isinstance(entry, dict):
                raise self.fail(path, f"must be a mapping with 'cites', not {_kind(entry)}")
            _unknown_key(entry, ("cites", *extra), path, self)
            cites = entry.get("cites")
            cites = [cites] if isinstance(cites, str) else cites
            if (
                not isinstance(cites, list)
                or not cites
                or not all(isinstance(c, str) for c in cites)
            ):
                raise self.fail((*path, "cites"), "must be a list of sentence ids such as wire-s3")
            for key in extra:
                if key in entry and (not isinstance(entry[key], str) or not entry[key].strip()):
                    raise self.fail((*path, key), f"must be text, not {_kind(entry[key])}")


_SHAPES = {"key_points": "pin, order, drop, max", "comparison": "dismiss, notes, add"}
CURATION_KEYS = ("key_points", "comparison", *SECTIONS)


def _kind(value: Any) -> str:
    """How an author would name a YAML value's type."""
    if isinstance(value, bool):
        return "a yes/no value"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, str):
        return "text"
    return type(value).__name__


def _as_date(value: Any, what: str, shown: str, line: int | None) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(
            shown, f"{what} {str(value)!r} is not a valid date (use YYYY-MM-DD)", line=line
        ) from None


# A source's publication time may follow its date: "2026-10-04 11:20".
_STAMP = re.compile(r"(\d{4}-\d{2}-\d{2})[ T]((?:[01]\d|2[0-3]):[0-5]\d)")
_SOURCE_TEXT = ("id", "label", "publisher", "kind", "url", "byline", "dateline")
_SOURCE_KEYS = ("path", "published", *_SOURCE_TEXT)


def _unknown_key(
    mapping: dict[Any, Any], known: tuple[str, ...], at: tuple[Any, ...], check: _Checker
) -> None:
    """Refuse a key the reader would silently ignore, naming the likely intended one.

    Checked before anything else, so a misspelt ``publised:`` is reported as
    itself, not as a missing ``published``.
    """
    for key in mapping:
        name = str(key)
        if key in known or name.startswith(PRIVATE):
            continue
        close = difflib.get_close_matches(name, known, n=1)
        hint = f"did you mean {close[0]!r}?" if close else f"use {', '.join(known)}"
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in at).lstrip(".")
        prefix = f"{where}: " if where else ""
        message = f"{prefix}unknown key {name!r}; {hint}"
        raise InputError(check.shown, message, line=check.line((*at, name)))


def _source(entry: Any, index: int, root: Path, check: _Checker) -> SourceMeta:
    at = ("sources", index)
    if isinstance(entry, str):
        entry = {"path": entry}
    if not isinstance(entry, dict):
        raise check.fail(at, f"must be a seed path or a mapping with a 'path', not {_kind(entry)}")
    _unknown_key(entry, _SOURCE_KEYS, at, check)
    rel = check.text(entry.get("path"), (*at, "path"))
    if rel is None:
        raise InputError(check.shown, f"sources[{index}] needs a 'path'", line=check.line(at))
    shown, line = check.shown, check.line((*at, "path"))
    target = (root / rel).resolve()
    if Path(rel).is_absolute() or not target.is_relative_to(root.resolve()):
        raise InputError(shown, f"seed path {rel!r} points outside the project", line=line)
    if not target.is_file():
        raise InputError(shown, f"seed {rel!r} not found", line=line)
    text = {key: check.text(entry.get(key), (*at, key)) for key in _SOURCE_TEXT}
    url = text["url"]
    if url is not None and not url.startswith(("https://", "http://")):
        raise check.fail(
            (*at, "url"), f"{url!r} must be a web address starting https:// or http://"
        )
    published, time = entry.get("published"), None
    stamp = _STAMP.fullmatch(published.strip()) if isinstance(published, str) else None
    if stamp:  # "2026-10-04 11:20": the report's day and time, for ordering what changed
        published, time = stamp.group(1), stamp.group(2)
    return SourceMeta(
        path=rel,
        id=slugify(text["id"] or Path(rel).stem),
        label=text["label"] or Path(rel).stem.replace("-", " ").replace("_", " "),
        label_given=text["label"] is not None,
        publisher=text["publisher"],
        published=check.date(published, (*at, "published"), "source date"),
        published_time=time,
        kind=text["kind"],
        url=url,
        # Stated here, they win over what the seed's layout or page says.
        byline=text["byline"],
        dateline=text["dateline"],
    )


def parse_spec(text: str, shown: str, root: Path) -> ExplainerSpec:
    """Parse one explainer content file; ``root`` is where seed paths start."""
    data, lines, body = load_front_matter(text, shown)
    check = _Checker(shown, "\n".join(lines))
    _unknown_key(data, KNOWN, (), check)
    for key in REQUIRED:
        if data.get(key) in (None, "", []):
            if key == "sources" and "sources" in data:
                raise InputError(
                    shown, "explainer lists no sources", line=_line_of(lines, "sources", 2)
                )
            raise InputError(shown, f"missing required metadata '{key}'", line=2)
    title = check.text(data["title"], ("title",))
    if title is None:
        raise check.fail(("title",), "is empty")
    slug = check.text(data["slug"], ("slug",)) or ""
    if not _SLUG.match(slug):
        raise InputError(
            shown,
            f"slug {slug!r} must be lower-case letters, digits and hyphens",
            line=check.line(("slug",)),
        )
    published = check.date(data["published"], ("published",), "publication date")
    assert published is not None  # required above
    summary = check.text(data.get("summary"), ("summary",))
    if not isinstance(data["sources"], list):
        raise check.fail(
            ("sources",),
            f"must be a list of seeds ('- path: seeds/...'), not {_kind(data['sources'])}",
        )
    sources = [_source(e, i, root, check) for i, e in enumerate(data["sources"])]
    seen: dict[str, str] = {}
    for index, src in enumerate(sources):
        if src.id in seen:
            raise InputError(
                shown,
                f"two sources share the id {src.id!r} ({seen[src.id]} and {src.path}); give one an 'id'",
                line=check.line(("sources", index)),
            )
        seen[src.id] = src.path
    return ExplainerSpec(
        path=shown,
        title=title,
        slug=slug,
        published=published,
        sources=sources,
        intro_md=body.strip(),
        # Markup: rendered (and escaped) HTML that an autoescaping template keeps as is.
        intro_html=Markup(markdown.render(body)) if body.strip() else "",
        summary=summary,
        curation=check.curation(data.get("curation")),
        meta=data,
    )
