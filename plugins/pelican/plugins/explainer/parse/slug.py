"""Slugs for section anchors and glossary entries.

Its own module so that reading content files and the glossary, which every build
does in the main process, does not import the seed parser (layout rules, saved-page
reading, the sentence splitter's module), which only the analysis needs.
"""

from __future__ import annotations

import re

_NOT_WORD = re.compile(r"[^\w]+", re.UNICODE)


def slugify(text: str) -> str:
    slug = _NOT_WORD.sub("-", text.lower()).strip("-_")
    return slug or "section"
