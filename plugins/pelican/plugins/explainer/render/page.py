"""Small choices the explainer page makes over existing items, for the templates.

Nothing here analyses text: an automatic lede is the first key points, as the
analysis found and cited them; the fact box shows a few figures first; a
difference is shown as a few words either side of its highlighted span.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from ..items import Discrepancy, Fact, KeyPoint
from ..model import Document, Sentence

LEDE_WORDS = 70  # an automatic lede stops adding key points past this many words
SHOWN_FACTS = 8
# Figures the sources differ on come first, then those every source reports.
STATUS_ORDER = {"sources-differ": 0, "all-sources": 1, "some-sources": 2, "one-source": 3}
CONTEXT_WORDS = 8  # words kept either side of a highlighted span
LABEL_WORDS = 10  # a figure's label in the fact box is cut after this many words


def auto_lede(points: list[KeyPoint], most: int = 3) -> list[KeyPoint]:
    """Two or three key points to stand as the lede when an editor wrote none."""
    chosen: list[KeyPoint] = []
    words = 0
    for point in points[:most]:
        length = len(point.text.split())
        if len(chosen) >= 2 and words + length > LEDE_WORDS:
            break
        chosen.append(point)
        words += length
    return chosen


def split_facts(facts: list[Fact], shown: int = SHOWN_FACTS) -> tuple[list[Fact], list[Fact]]:
    """The figures shown first and the rest, each in the analysis's (topic) order."""
    ranked = sorted(range(len(facts)), key=lambda i: (STATUS_ORDER.get(facts[i].status, 9), i))
    first = set(ranked[:shown])
    return [f for i, f in enumerate(facts) if i in first], [
        f for i, f in enumerate(facts) if i not in first
    ]


def by_topic(facts: list[Fact]) -> list[tuple[str, list[Fact]]]:
    """Consecutive figures under their topic heading."""
    return [(topic, list(group)) for topic, group in itertools.groupby(facts, lambda f: f.topic)]


@dataclass
class Excerpt:
    before: str
    marked: str
    after: str


def excerpt(text: str, span: tuple[int, int] | None, context: int = CONTEXT_WORDS) -> Excerpt:
    """The highlighted span with a few words either side, ellipses where text is cut."""
    if not span:
        return Excerpt("", "", text)
    start, end = span
    before_words = text[:start].split(" ")
    after_words = text[end:].split(" ")
    before = text[:start]
    after = text[end:]
    if len(before_words) > context + 1:
        before = "…" + " ".join(before_words[-(context + 1) :])
    if len(after_words) > context + 1:
        after = " ".join(after_words[: context + 1]) + "…"
    return Excerpt(before, text[start:end], after)


def shorten(text: str, words: int = LABEL_WORDS) -> str:
    """The first ``words`` words of ``text``, with an ellipsis when it is cut."""
    parts = text.split()
    return text if len(parts) <= words else " ".join(parts[:words]).rstrip(",;:") + "…"


@dataclass
class Side:
    """One source's sentences in a difference, with when that source was published."""

    doc: Document
    cites: list[str]
    when: str | None = None


def sides_in_time(
    documents: list[Document], d: Discrepancy, sentences: dict[str, Sentence], long_date
) -> tuple[list[Side], bool]:
    """A difference's sides, and whether its sources were published at different times.

    When they were, the sides come in order of publication, each with its time: a figure
    that differs between an early and a later report may have changed in between, and
    the reader should see which came when. Otherwise the sources keep the page's order."""
    sides = [
        Side(doc, [c for c in d.cites if sentences[c].source_id == doc.id]) for doc in documents
    ]
    sides = [side for side in sides if side.cites]
    stamps = [(side.doc.meta.published, side.doc.meta.published_time or "") for side in sides]
    if any(day is None for day, _ in stamps) or len(set(stamps)) < 2:
        return sides, False
    order = sorted(range(len(sides)), key=lambda i: stamps[i])  # type: ignore[arg-type,return-value]
    for side, (day, time) in zip(sides, stamps, strict=True):
        side.when = long_date(day) + (f", {time}" if time else "")
    return [sides[i] for i in order], True
