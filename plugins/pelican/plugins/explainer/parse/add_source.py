"""``invoke add-source FILE --explainer SLUG``: copy a seed in and list it.

The content file is edited as text, not re-dumped from YAML, so its comments,
key order and layout stay as the author wrote them: one list item is added at
the end of ``sources:``. Every check runs before anything is written.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, shown_path
from ..model import Document, SourceMeta
from .content import load_front_matter, parse_spec
from .seed import parse_seed, slugify
from .webpage import HTML_SUFFIXES

SEED_SUFFIXES = (".txt", *HTML_SUFFIXES)
_SOURCES = re.compile(r"^(?P<indent>\s*)sources\s*:\s*(?:#.*)?$")
_ITEM = re.compile(r"^(?P<indent>\s*)-\s")


@dataclass
class Added:
    content: Path
    seed: Path
    document: Document

    def report(self, root: Path) -> list[str]:
        doc, meta = self.document, self.document.meta
        rows = [
            ("added", f"{shown_path(self.seed, root)} to {shown_path(self.content, root)}"),
            ("headline", doc.headline.text if doc.headline else None),
            ("dek", doc.dek.text if doc.dek else None),
            ("dateline", doc.dateline),
            ("byline", meta.byline),
            (
                "date",
                " ".join(
                    filter(
                        None, [meta.published and meta.published.isoformat(), meta.published_time]
                    )
                ),
            ),
            ("publisher", meta.publisher),
            ("url", meta.url),
            ("sentences", str(len(doc.sentences))),
        ]
        return [f"{name:<10} {value or 'not detected'}" for name, value in rows]


def _content_file(folder: Path, slug: str) -> Path:
    for path in sorted(folder.glob("*.md")):
        try:
            data, _, _ = load_front_matter(path.read_text(encoding="utf-8"), str(path))
        except (InputError, OSError, UnicodeDecodeError):
            continue
        if str(data.get("slug", "")).strip() == slug:
            return path
    raise InputError(f"{folder.parent.name}/{folder.name}", f"no explainer with slug {slug!r}")


def _insert(text: str, entry: list[str], shown: str) -> str:
    """The content file with ``entry`` appended to its ``sources:`` list."""
    lines = text.split("\n")
    at = next((n for n, line in enumerate(lines) if _SOURCES.match(line)), None)
    if at is None:
        raise InputError(shown, "front matter has no 'sources:' list to add to")
    base = len(_SOURCES.match(lines[at]).group("indent"))  # type: ignore[union-attr]
    end, item_indent = at + 1, None
    for n in range(at + 1, len(lines)):
        line = lines[n]
        if line.strip() == "---":
            break
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = len(line) - len(line.lstrip())
        if indent <= base and not (indent == base and _ITEM.match(line)):
            break  # the next key of the front matter
        if (m := _ITEM.match(line)) and item_indent is None:
            item_indent = len(m.group("indent"))
        end = n + 1
    pad = " " * (item_indent if item_indent is not None else base + 2)
    block = [pad + "- " + entry[0], *(pad + "  " + e for e in entry[1:])]
    return "\n".join(lines[:end] + block + lines[end:])


def add_source(file: Path, slug: str, root: Path) -> Added:
    """Copy ``file`` into ``seeds/`` and list it in the explainer ``slug``; or InputError."""
    content = _content_file(root / "content" / "explainers", slug)
    shown = shown_path(content, root)
    if not file.is_file():
        raise InputError(str(file), "file not found")
    if file.suffix.lower() not in SEED_SUFFIXES:
        raise InputError(
            str(file), f"unknown file type {file.suffix or '(none)'!r}: use .txt or .html"
        )
    seed = root / "seeds" / file.name
    rel = seed.relative_to(root).as_posix()
    text = content.read_text(encoding="utf-8")
    spec = parse_spec(text, shown, root)
    source_id = slugify(file.stem)
    if any(s.path == rel or s.id == source_id for s in spec.sources):
        raise InputError(shown, f"already lists a source {rel!r} (id {source_id!r})")
    if seed.exists() and seed.resolve() != file.resolve():
        raise InputError(rel, "a different seed of that name exists; rename the file")
    document = parse_seed(file, SourceMeta(path=str(file), id=source_id, label=file.stem))
    label = document.headline.text if document.headline else file.stem
    entry = [f"path: {rel}", f"label: {json.dumps(label, ensure_ascii=False)}"]
    updated = _insert(text, entry, shown)

    copied = not seed.exists()
    if copied:
        shutil.copyfile(file, seed)
    try:
        parse_spec(updated, shown, root)  # the edit must still be a valid content file
        tmp = content.with_name(f".{content.name}.tmp")
        tmp.write_text(updated, encoding="utf-8")
        os.replace(tmp, content)
    except BaseException:
        if copied:
            seed.unlink(missing_ok=True)
        raise
    return Added(content, seed, document)
