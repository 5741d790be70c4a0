"""A seed's lines, with hard-wrapped paragraphs joined back into one line each.

Most seeds put one paragraph on a line. A seed that separates paragraphs by
blank lines and breaks each at a fixed width (e-mail, a terminal copy) is
read as one paragraph per block instead. A line is joined to the next only
when a greedy wrapper would have broken it there: the next line's first word
would not have fitted within the widest line of the seed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from .layout import classify

# Wider lines than this are not wrapped text but one paragraph per line.
MAX_WRAP_WIDTH = 120
# Wrappers that break at hyphens or trim spaces leave lines a little short.
SLACK = 4
_SENTENCE_END = re.compile(r"[.!?:…\"”’)]\s*$")
_LIST_ITEM = re.compile(r"^(?:[-*•–]\s|\d{1,2}[.)]\s)")


@dataclass(frozen=True)
class Line:
    number: int  # 1-based line number in the seed
    start: int  # offset of the first non-space character
    text: str  # the seed's text from there; several lines of it when joined

    @property
    def words(self) -> int:
        return len(self.text.split())


def _raw_lines(text: str) -> list[tuple[int, Line]]:
    """Non-blank lines with the number of the blank-line-separated block each is in."""
    out, offset, block = [], 0, 0
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip()
        if stripped:
            out.append((block, Line(number, offset + raw.index(stripped[0]), stripped)))
        else:
            block += 1
        offset += len(raw) + 1
    return out


def _wrap_width(raw: list[tuple[int, Line]]) -> int | None:
    """The width a hard-wrapped seed was broken at, or None when it is not wrapped."""
    sizes = Counter(b for b, _ in raw)
    if len(sizes) < 2:
        return None  # no blank lines between paragraphs: one paragraph per line
    stacked = [line for b, line in raw if sizes[b] > 1]
    if not stacked:
        return None
    width = max(len(line.text) for line in stacked)
    # The mark of wrapping: some line breaks in the middle of a sentence.
    mid_sentence = any(
        a == b and not _SENTENCE_END.search(x.text) and y.text[0].islower()
        for (a, x), (b, y) in pairwise(raw)
    )
    return width if width <= MAX_WRAP_WIDTH and mid_sentence else None


def _wrapped_after(prev: Line, nxt: Line, width: int) -> bool:
    last = prev.text.rsplit("\n", 1)[-1]
    first_word = nxt.text.split()[0]
    if _LIST_ITEM.match(nxt.text) or len(last) + 1 + len(first_word) < width - SLACK:
        return False
    if _SENTENCE_END.search(last) and len(nxt.text) < width / 2 and not nxt.text[0].islower():
        return False  # a short line after a full stop: a heading or a paragraph of its own
    return classify(last).kind == "text" and classify(nxt.text).kind == "text"


def logical_lines(text: str) -> list[Line]:
    """The seed's paragraphs-to-be, each as one :class:`Line` with exact offsets."""
    raw = _raw_lines(text)
    width = _wrap_width(raw)
    if width is None:
        return [line for _, line in raw]
    out: list[Line] = []
    prev_block = -1
    for block, line in raw:
        if out and block == prev_block and _wrapped_after(out[-1], line, width):
            head = out[-1]
            out[-1] = Line(head.number, head.start, text[head.start : line.start + len(line.text)])
        else:
            out.append(line)
        prev_block = block
    return out
