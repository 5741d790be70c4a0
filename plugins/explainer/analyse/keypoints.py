"""Key points (placeholder until the analysis lands)."""

from __future__ import annotations

from typing import Any

from ..items import KeyPoint
from ..model import Document


def key_points(documents: list[Document], curation: dict[str, Any]) -> list[KeyPoint]:
    return []
