"""What the review desk and ``invoke review`` show: every candidate item of an
explainer, shown and held back alike, with the editor's decision on it.

Built from the analysis itself (the same ``build_explainer`` the site uses), not
from a built ``output/``, so the desk is right the moment the content file is
saved. No HTML here: :mod:`.page` renders it, :mod:`.cli` prints it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..analyse import editor
from ..confine import content_files
from ..decisions import review
from ..errors import InputError, one_line, shown_path
from ..parse.content import parse_spec
from ..parse.text import normalise, read_text
from ..pipeline import Explainer, build_explainer

# The sections in the order the desk lists them, with their headings.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("discrepancies", "Differences"),
    ("agreements", "Agreements"),
    ("facts", "Facts"),
    ("timeline", "Timeline"),
    ("key_points", "Key points"),
    ("open_questions", "Open questions"),
    ("only_in", "Only in one source"),
)
LABELLED = ("facts", "timeline")  # the sections whose label an editor may rewrite


@dataclass
class Side:
    """One cited sentence, with the compared words to mark: (start, end) offsets."""

    id: str
    source: str  # the source's label
    text: str
    marks: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Item:
    section: str
    number: int  # 1-based within the explainer, for anchors and the terminal
    title: str
    cites: list[str]
    sides: list[Side]
    shown: bool
    confidence: float | None  # None: the page's rules show it without a probability
    reason: str | None  # why it is held back
    decision: str | None  # the editor's: "keep", "drop" or None
    kind: str | None = None  # a difference's kind
    label: str | None = None  # a fact's or timeline entry's label
    value: str | None = None  # a fact's value: names it among its sentence's figures
    date: str | None = None  # a timeline entry's date
    note: str | None = None

    @property
    def open(self) -> bool:
        """Awaiting the editor: held back by the analysis and not yet decided."""
        return not self.shown and self.decision is None


@dataclass
class Review:
    """One explainer on the desk."""

    path: Path  # the content file
    shown_path: str
    slug: str
    title: str
    version: str  # SHA-256 of the content file's bytes as analysed
    items: list[Item]
    sources: list[tuple[str, str, list[tuple[str, str]]]]  # (id, label, [(sentence id, text)])
    summary: str  # "Reviewed by the editor: …" or "Not yet reviewed"

    @property
    def open(self) -> int:
        return sum(item.open for item in self.items)

    def section(self, name: str) -> list[Item]:
        return [i for i in self.items if i.section == name]


@dataclass
class Broken:
    """A content file the analysis refuses: the desk shows its one-line error."""

    path: Path
    shown_path: str
    error: str


def version_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _marks_in(text: str, words: str | None) -> list[tuple[int, int]]:
    at = text.find(words) if words else -1
    return [(at, at + len(words or ""))] if at >= 0 else []


def _sides(ex: Explainer, item: Any, section: str) -> list[Side]:
    sides = []
    for sid in item.cites:
        s = ex.sentences[sid]
        label = ex.by_source[s.source_id].meta.label
        if section == "discrepancies":
            marks = [item.marks[sid]] if sid in item.marks else []
        elif section == "facts":
            marks = _marks_in(s.text, item.value)
        elif section == "timeline":
            marks = _marks_in(s.text, item.phrase)
        else:
            marks = []
        sides.append(Side(sid, label, s.text, marks))
    return sides


def _title(section: str, item: Any) -> str:
    if section in ("discrepancies", "agreements"):
        return str(item.summary)
    if section == "facts":
        return f"{item.label}: {item.value}"
    if section == "timeline":
        return f"{item.date}{'–' + item.end if item.end else ''}: {item.label}"
    return str(item.text)


def _candidates(ex: Explainer) -> list[tuple[str, Any, bool, str | None, float | None]]:
    """(section, item, shown, reason, confidence) for every item, shown ones first."""
    comp = ex.comparison
    shown: dict[str, list[Any]] = {
        "discrepancies": comp.discrepancies,
        "agreements": comp.agreements,
        "facts": ex.facts,
        "timeline": ex.timeline,
        "key_points": ex.key_points,
        "open_questions": ex.open_questions,
        "only_in": [c for items in comp.only_in.values() for c in items],
    }
    out: list[tuple[str, Any, bool, str | None, float | None]] = []
    for section, _ in SECTIONS:
        for item in shown[section]:
            out.append((section, item, True, None, getattr(item, "confidence", None)))
        for held in ex.held_back:
            if held.section == section:
                out.append((section, held.item, False, held.reason, held.confidence))
    return out


def _decision(section: str, item: Any, curation: dict[str, Any]) -> str | None:
    if section == "key_points":
        return "keep" if item.pinned else None
    return editor.decision(section, item, curation)


def review_of(ex: Explainer, path: Path, shown: str, data: bytes) -> Review:
    curation = ex.spec.curation
    items = []
    for number, (section, item, is_shown, reason, confidence) in enumerate(_candidates(ex), 1):
        items.append(
            Item(
                section=section,
                number=number,
                title=_title(section, item),
                cites=list(item.cites),
                sides=_sides(ex, item, section),
                shown=is_shown,
                confidence=confidence,
                reason=reason,
                decision=_decision(section, item, curation),
                kind=getattr(item, "kind", None) if section == "discrepancies" else None,
                label=getattr(item, "label", None),
                value=getattr(item, "value", None) if section == "facts" else None,
                date=getattr(item, "date", None) if section == "timeline" else None,
                note=getattr(item, "note", None),
            )
        )
    sources = [(d.id, d.meta.label, [(s.id, s.text) for s in d.sentences]) for d in ex.documents]
    summary = (ex.review or review(curation)).text
    return Review(path, shown, ex.slug, ex.title, version_of(data), items, sources, summary)


def explainer_files(root: Path) -> list[Path]:
    content = root / "content"
    return content_files(content / "explainers", content, root)


def load(path: Path, root: Path) -> Review | Broken:
    """Analyse one content file as the build does; a bad file is a :class:`Broken`."""
    shown = shown_path(path, root)
    try:
        data = path.read_bytes()
        spec = parse_spec(normalise(read_text(path)), shown, root)
        ex = build_explainer(spec, root)
    except (InputError, OSError) as exc:
        return Broken(path, shown, one_line(exc) or str(exc))
    return review_of(ex, path, shown, data)


def load_all(root: Path) -> list[Review | Broken]:
    return [load(path, root) for path in explainer_files(root)]


def find(root: Path, slug: str) -> Review | Broken | None:
    """The explainer ``slug`` (or its content file's error), or None."""
    for found in load_all(root):
        if isinstance(found, Review) and found.slug == slug:
            return found
        if isinstance(found, Broken) and found.path.stem == slug:
            return found
    return None
