"""Open questions (placeholder until the analysis lands)."""

from __future__ import annotations

from ..items import Cited
from ..model import Document


def open_questions(documents: list[Document]) -> list[Cited]:
    return []
