"""Fact boxes (placeholder until the analysis lands)."""

from __future__ import annotations

from ..items import Fact
from ..model import Document


def facts(documents: list[Document]) -> list[Fact]:
    return []
