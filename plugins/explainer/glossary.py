"""Glossary entries and where the seeds mention them (placeholder)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .model import Document


@dataclass
class GlossaryEntry:
    slug: str
    term: str
    short: str
    body_html: str = ""
    aliases: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    path: str = ""


def load_glossary(directory: Path, root: Path) -> list[GlossaryEntry]:
    return []


def find_mentions(entries: list[GlossaryEntry], documents: list[Document]) -> dict[str, list[str]]:
    return {}
