"""What the analyses produce: small cited items.

Every item carries ``cites``, a list of sentence ids (``Sentence.id``) that
exist in one of the explainer's documents. ``to_json`` gives the shape of the
JSON export (see ``schema/explainer.schema.json``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

FactStatus = Literal["all-sources", "some-sources", "one-source", "sources-differ"]
DiffKind = Literal["number", "name", "status", "date", "time", "duration", "negation", "wording"]


@dataclass
class Cited:
    """A piece of text taken from the sources, with the sentences it rests on."""

    text: str
    cites: list[str]
    topic: str | None = None
    translation: bool = False  # rests only on machine-translated sources

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "cites": list(self.cites)}
        if self.translation:
            out["translation"] = True
        return out


@dataclass
class KeyPoint(Cited):
    pinned: bool = False


@dataclass
class DisputeQuestion(Cited):
    """An open question asking which side of a disagreement is right: shown only when
    the page shows that disagreement."""


@dataclass
class Fact:
    topic: str
    label: str  # the short claim the number belongs to
    value: str  # the quantity exactly as written in a cited sentence
    status: FactStatus
    cites: list[str]
    kind: str = "number"  # percent | money | count | duration | date | number
    # Values as each source gives them, when sources differ: {source_id: value}.
    values: dict[str, str] = field(default_factory=dict)
    shown: bool = True  # among the top-ranked figures; the rest are "more figures"
    translation: bool = False  # rests only on machine-translated sources

    def to_json(self) -> dict[str, Any]:
        return {
            "topic": self.topic,
            "label": self.label,
            "value": self.value,
            "status": self.status,
            "kind": self.kind,
            "cites": list(self.cites),
            "shown": self.shown,
            "translation": self.translation,
        }


@dataclass
class TimelineEntry:
    date: str  # "YYYY", "YYYY-MM" or "YYYY-MM-DD": the precision the text gives
    label: str
    cites: list[str]
    phrase: str = ""  # the words the date was resolved from ("on Monday")
    end: str | None = None  # the last day of a range ("15 to 18 April"), same precision
    translation: bool = False  # rests only on machine-translated sources

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"date": self.date, "label": self.label, "cites": list(self.cites)}
        if self.end:
            out["end"] = self.end
        out["translation"] = self.translation
        return out


@dataclass
class Agreement:
    summary: str
    cites: list[str]
    topic: str | None = None
    confidence: float = 1.0  # the calibrated probability that the sources agree on it
    alignment: float = 1.0  # how surely its weakest pair reports one claim (the aligner's)
    note: str | None = None  # an editor's note: "not a difference", and why
    note_html: str | None = None
    decision: str | None = None  # the editor's: "keep", "drop" or None (analyse.editor)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "summary": self.summary,
            "cites": list(self.cites),
            "confidence": round(self.confidence, 2),
        }
        if self.note:
            out["note"] = self.note
        return out


@dataclass
class Discrepancy:
    kind: DiffKind
    summary: str
    cites: list[str]
    values: dict[str, str]  # {source_id: the differing span as written}
    note: str | None = None  # editor's note from curation (Markdown source)
    note_html: str | None = None
    curated: bool = False  # added by an editor rather than found by the rules
    topic: str | None = None
    # Where to highlight: {sentence_id: (start, end)} offsets into that sentence's text.
    marks: dict[str, tuple[int, int]] = field(default_factory=dict)
    confidence: float = 1.0  # how sure the rules are; an editor's addition is 1
    within_source: bool = False  # one source against itself (a dek against its body)
    rules: list[str] = field(default_factory=list)  # the registry entries that found it
    prior: float = 1.0  # the rules' own confidence, before calibration
    alignment: float = 0.0  # how surely two of its sentences report one claim
    decision: str | None = None  # the editor's: "keep", "drop" or None (analyse.editor)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind,
            "summary": self.summary,
            "cites": list(self.cites),
            "values": dict(self.values),
            "spans": {sid: list(span) for sid, span in self.marks.items()},
            "confidence": self.confidence,
            "within_source": self.within_source,
            "curated": self.curated,
            "rules": list(self.rules),
        }
        if self.note:
            out["note"] = self.note
        return out


HeldSection = Literal[
    "discrepancies", "agreements", "facts", "timeline", "key_points", "open_questions", "only_in"
]


@dataclass
class HeldBack:
    """An item the analysis proposes but is not sure enough of to publish: it stays
    in the export for the author to confirm or reject, and the page does not show it."""

    section: HeldSection
    reason: str
    confidence: float
    item: Discrepancy | Agreement | Fact | TimelineEntry | Cited

    def to_json(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "reason": self.reason,
            "confidence": round(self.confidence, 2),
            "item": self.item.to_json(),
        }


@dataclass
class Comparison:
    agreements: list[Agreement] = field(default_factory=list)
    discrepancies: list[Discrepancy] = field(default_factory=list)
    only_in: dict[str, list[Cited]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "agreements": [a.to_json() for a in self.agreements],
            "discrepancies": [d.to_json() for d in self.discrepancies],
            "only_in": {k: [c.to_json() for c in v] for k, v in self.only_in.items()},
        }


@dataclass
class SourceStats:
    """What a source card shows."""

    sentences: int  # body sentences
    words: int
    sections: int
    shared: int  # sentences in an agreement (and in no discrepancy)
    differ: int  # sentences in a discrepancy
    only: int  # sentences no other source reports
