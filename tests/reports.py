"""Short synthetic reports for the comparison tests: a headline, the body, and filler.

The filler sentences keep every report a realistic article, so alignment has other
sentences to weigh the pair under test against.
"""

from __future__ import annotations

from pelican.plugins.explainer.model import Document, SourceMeta
from pelican.plugins.explainer.parse.seed import parse_text

FILLER = [
    "The museum will display a collection of medieval manuscripts this winter.",
    "Heavy rain flooded several farms near the river on Sunday.",
]


def report(source_id: str, *body: str) -> Document:
    text = "\n".join([f"Report {source_id}", "", *body, *FILLER]) + "\n"
    return parse_text(text, SourceMeta(path=f"{source_id}.txt", id=source_id, label=source_id))
