"""The editor's decisions in a content file's ``curation:`` block: which sections take
``keep`` and ``drop`` lists, what their entries may hold, and how a page was reviewed.

Light on purpose: the content-file check and the export read it on every build, cached
or not, so it imports nothing of the analysis (:mod:`.analyse.editor` applies the
decisions to the items).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SECTIONS = ("agreements", "facts", "timeline", "open_questions", "only_in")
ACTIONS = ("keep", "drop")
DROPPED = "dropped by the editor"
# What an entry may hold besides ``cites``, per section.
EXTRA_KEYS: dict[str, tuple[str, ...]] = {
    "agreements": (),
    "facts": ("value", "label", "note"),
    "timeline": ("date", "label", "note"),
    "open_questions": ("note",),
    "only_in": ("note",),
}
NOUN = {
    "agreements": "agreement",
    "facts": "fact",
    "timeline": "timeline entry",
    "open_questions": "open question",
    "only_in": "single-source claim",
    "discrepancies": "difference",
}


@dataclass(frozen=True)
class Review:
    """How the page was reviewed: the editor's decisions, counted."""

    confirmed: int
    dropped: int

    @property
    def reviewed(self) -> bool:
        return bool(self.confirmed or self.dropped)

    @property
    def text(self) -> str:
        if not self.reviewed:
            return "Not yet reviewed"
        confirmed = f"{self.confirmed} item{'s' if self.confirmed != 1 else ''} confirmed"
        return f"Reviewed by the editor: {confirmed}, {self.dropped} dropped"

    def to_json(self) -> dict[str, Any]:
        return {
            "reviewed": self.reviewed,
            "confirmed": self.confirmed,
            "dropped": self.dropped,
            "text": self.text,
        }


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def entries(curation: dict[str, Any], section: str, action: str) -> list[dict[str, Any]]:
    """The ``keep`` or ``drop`` entries of one section (discrepancies: confirm, drop)."""
    if section == "discrepancies":
        block = curation.get("comparison") or {}
        return _list(block.get("confirm" if action == "keep" else "drop"))
    return _list((curation.get(section) or {}).get(action))


def review(curation: dict[str, Any]) -> Review:
    """Count the editor's decisions: every pin, keep, confirmation, note and addition
    confirms an item; every drop and dismissal drops one."""
    points = curation.get("key_points") or {}
    comparison = curation.get("comparison") or {}
    confirmed = len(_list(points.get("pin"))) + sum(
        len(_list(comparison.get(k))) for k in ("confirm", "notes", "add")
    )
    dropped = len(_list(points.get("drop"))) + sum(
        len(_list(comparison.get(k))) for k in ("drop", "dismiss")
    )
    for section in SECTIONS:
        confirmed += len(entries(curation, section, "keep"))
        dropped += len(entries(curation, section, "drop"))
    return Review(confirmed, dropped)
