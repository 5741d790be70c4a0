"""Timeline (placeholder until the analysis lands)."""

from __future__ import annotations

from datetime import date

from ..items import TimelineEntry
from ..model import Document


def timeline(documents: list[Document], published: date) -> list[TimelineEntry]:
    return []
