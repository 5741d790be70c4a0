"""Load one labelled story from ``eval/<story>/``: its sources and its gold file.

Gold labels name sentences by text ("<source id>: <words of the sentence>"), not by
sentence id, so they survive changes to the sentence splitter. Every problem with a
gold file is one :class:`~pelican.plugins.explainer.errors.InputError` naming the file and the key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from pelican.plugins.explainer.errors import InputError
from pelican.plugins.explainer.model import Document, Sentence, SourceMeta
from pelican.plugins.explainer.parse.seed import parse_seed

DISCREPANCY_TYPES = ("number", "name", "status", "date", "time", "duration", "negation")
GOLD_NAMES = ("gold.yaml", "gold.yml", "gold.json")


@dataclass(frozen=True)
class GoldDiscrepancy:
    type: str
    sides: tuple[str, ...]  # sentence ids, one per side
    values: tuple[str, ...]
    # A running figure that rose between reports published at different times.
    update: bool = False

    @property
    def pairs(self) -> set[frozenset[str]]:
        return {frozenset((a, b)) for a in self.sides for b in self.sides if a != b}


@dataclass
class Story:
    name: str
    folder: Path
    title: str
    domain: str
    published: date
    holdout: bool
    documents: list[Document]
    same_claim: set[frozenset[str]] = field(default_factory=set)
    discrepancies: list[GoldDiscrepancy] = field(default_factory=list)
    traps: set[frozenset[str]] = field(default_factory=set)
    facts: list[tuple[str, str, str]] = field(default_factory=list)  # (sentence id, value, measure)
    open_questions: list[str] = field(default_factory=list)
    # (sentence id, date, end date or None): YYYY, YYYY-MM or YYYY-MM-DD
    timeline: list[tuple[str, str, str | None]] = field(default_factory=list)

    @property
    def sentences(self) -> dict[str, Sentence]:
        return {s.id: s for d in self.documents for s in d.sentences}

    def source_of(self, sentence_id: str) -> str:
        return self.sentences[sentence_id].source_id


class _Gold:
    """Key-by-key reading of one gold file, with errors that name file and key."""

    def __init__(self, path: Path, shown: str):
        self.path, self.shown = path, shown
        self.lines = path.read_text(encoding="utf-8").splitlines()

    def fail(self, key: str, message: str) -> InputError:
        line = next((i for i, t in enumerate(self.lines, 1) if t.lstrip().startswith(key)), None)
        return InputError(self.shown, f"{key}: {message}", line)


def _load_yaml(gold: _Gold) -> dict[str, Any]:
    try:
        data = yaml.safe_load("\n".join(gold.lines))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise InputError(
            gold.shown, f"not valid YAML: {getattr(exc, 'problem', exc)}", line
        ) from None
    if not isinstance(data, dict):
        raise InputError(gold.shown, "expected a mapping of gold labels")
    return data


def _sources(gold: _Gold, data: dict[str, Any], folder: Path) -> list[Document]:
    entries = data.get("sources")
    if not isinstance(entries, list) or not entries:
        raise gold.fail("sources", "a story needs a list of 2 to 5 sources")
    docs = []
    for entry in entries:
        if not isinstance(entry, dict) or not entry.get("id") or not entry.get("path"):
            raise gold.fail("sources", "each source needs an 'id' and a 'path'")
        path = folder / str(entry["path"])
        if not path.is_file():
            raise gold.fail("sources", f"source file '{entry['path']}' does not exist")
        meta = SourceMeta(
            path=str(path),
            id=str(entry["id"]),
            label=str(entry.get("label") or entry["id"]),
            kind=str(entry.get("kind") or "original"),
        )
        if entry.get("published"):
            meta.published, meta.published_time = _when(gold, entry["published"])
        docs.append(parse_seed(path, meta))
    if not 2 <= len(docs) <= 5:
        raise gold.fail("sources", f"a story needs 2 to 5 sources, not {len(docs)}")
    return docs


def value_span(value: str, sentence: str) -> tuple[int, int] | None:
    """Where a gold value stands in its sentence: its words as written, in order, with
    ``...`` for words left out ("Two men ... were arrested"); None if they are not there."""
    text, at, start = sentence.lower(), 0, None
    for piece in (p.strip() for p in value.lower().split("...")):
        if not piece:
            continue
        found = text.find(piece, at)
        if found < 0:
            return None
        start = found if start is None else start
        at = found + len(piece)
    return None if start is None else (start, at)


def _when(gold: _Gold, value: Any) -> tuple[date, str | None]:
    """A source's publication: ``YYYY-MM-DD`` or ``YYYY-MM-DD HH:MM``."""
    if isinstance(value, date):
        return value, None
    match = re.fullmatch(r"(\d{4}-\d\d-\d\d)(?:[ T](\d\d:\d\d))?", str(value).strip())
    try:
        day = date.fromisoformat(match.group(1)) if match else None
    except ValueError:
        day = None
    if day is None:
        raise gold.fail("published", f"'{value}' is not YYYY-MM-DD or YYYY-MM-DD HH:MM")
    return day, match.group(2) if match else None


def _resolver(gold: _Gold, documents: list[Document]):
    by_source = {d.id: d for d in documents}

    def resolve(ref: Any, key: str) -> str:
        if not isinstance(ref, str) or ":" not in ref:
            raise gold.fail(key, f"a ref is '<source id>: <words>', not {ref!r}")
        source, words = (part.strip() for part in ref.split(":", 1))
        if source not in by_source:
            raise gold.fail(key, f"unknown source '{source}' in ref {ref!r}")
        needle = " ".join(words.split()).lower()
        hits = [
            s.id for s in by_source[source].sentences if needle in " ".join(s.text.split()).lower()
        ]
        if len(hits) != 1:
            what = "no sentence" if not hits else f"{len(hits)} sentences ({', '.join(hits)})"
            raise gold.fail(key, f"ref {ref!r} matches {what}; it must match exactly one")
        return hits[0]

    return resolve


def _list(gold: _Gold, data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise gold.fail(key, "expected a list")
    return value


def _date(gold: _Gold, value: Any) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise gold.fail("published", f"'{value}' is not a date (use YYYY-MM-DD)") from None


def load_story(folder: Path, root: Path | None = None) -> Story:
    gold_path = next((folder / n for n in GOLD_NAMES if (folder / n).is_file()), None)
    if gold_path is None:
        raise InputError(str(folder), "story folder has no gold.yaml")
    shown = str(gold_path.relative_to(root)) if root else str(gold_path)
    gold = _Gold(gold_path, shown)
    data = _load_yaml(gold)
    docs = _sources(gold, data, folder)
    resolve = _resolver(gold, docs)
    story = Story(
        name=folder.name,
        folder=folder,
        title=str(data.get("title") or folder.name),
        domain=str(data.get("domain") or "other"),
        published=_date(gold, data.get("published")),
        holdout=bool(data.get("holdout")),
        documents=docs,
    )
    source_of = {s.id: d.id for d in docs for s in d.sentences}
    for group in _list(gold, data, "same_claim"):
        if not isinstance(group, list) or len(group) < 2:
            raise gold.fail("same_claim", "each entry is a list of two or more refs")
        ids = [resolve(r, "same_claim") for r in group]
        story.same_claim |= {
            frozenset((a, b)) for a in ids for b in ids if source_of[a] != source_of[b]
        }
    for entry in _list(gold, data, "discrepancies"):
        if not isinstance(entry, dict) or entry.get("type") not in DISCREPANCY_TYPES:
            raise gold.fail(
                "type", f"a discrepancy's type is one of {', '.join(DISCREPANCY_TYPES)}"
            )
        sides = entry.get("sides")
        if not isinstance(sides, list) or len(sides) < 2:
            raise gold.fail("sides", "a discrepancy needs two or more sides")
        ids = tuple(resolve(r, "sides") for r in sides)
        values = tuple(str(v) for v in entry.get("values") or ())
        if values and len(values) != len(ids):
            raise gold.fail("values", "give one value per side")
        for sid, value in zip(ids, values, strict=False):
            if value_span(value, story.sentences[sid].text) is None:
                raise gold.fail("values", f"value {value!r} is not in its side's sentence")
        story.discrepancies.append(
            GoldDiscrepancy(entry["type"], ids, values, bool(entry.get("update")))
        )
    for entry in _list(gold, data, "traps"):
        sides = entry.get("sides") if isinstance(entry, dict) else None
        if not isinstance(sides, list) or len(sides) != 2:
            raise gold.fail("traps", "a trap has two sides")
        a, b = (resolve(r, "traps") for r in sides)
        story.traps.add(frozenset((a, b)))
    for entry in _list(gold, data, "facts"):
        if not isinstance(entry, dict) or not entry.get("ref") or not entry.get("value"):
            raise gold.fail("facts", "each fact needs a 'ref' and a 'value'")
        sid = resolve(entry["ref"], "facts")
        if str(entry["value"]) not in story.sentences[sid].text:
            raise gold.fail("facts", f"value {entry['value']!r} is not in its sentence")
        story.facts.append((sid, str(entry["value"]), str(entry.get("measures") or "")))
    story.open_questions = [
        resolve(r, "open_questions") for r in _list(gold, data, "open_questions")
    ]
    for entry in _list(gold, data, "timeline"):
        if not isinstance(entry, dict) or not entry.get("ref") or not entry.get("date"):
            raise gold.fail("timeline", "each entry needs a 'ref' and a 'date'")
        days = [str(entry["date"]), *([str(entry["end"])] if entry.get("end") else [])]
        for day in days:
            if not _DAY.fullmatch(day):
                raise gold.fail("timeline", f"{day!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        sid = resolve(entry["ref"], "timeline")
        story.timeline.append((sid, days[0], days[1] if len(days) > 1 else None))
    return story


_DAY = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?")


def story_folders(root: Path) -> list[Path]:
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))
