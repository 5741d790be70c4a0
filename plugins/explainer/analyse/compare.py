"""Source comparison (placeholder until the analysis lands)."""

from __future__ import annotations

from typing import Any

from ..items import Comparison
from ..model import Document


def compare(documents: list[Document], curation: dict[str, Any]) -> Comparison:
    return Comparison(only_in={d.id: [] for d in documents})
