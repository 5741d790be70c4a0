"""Sentence boundaries with exact character offsets, via pysbd."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pysbd


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    import pysbd  # on first use: cached builds split no sentences

    # clean=False keeps the text as written, so offsets map back to the seed.
    return pysbd.Segmenter(language="en", clean=False)


def split(text: str, offset: int = 0) -> list[tuple[int, int, str]]:
    """Split one paragraph into ``(start, end, sentence)`` triples.

    Offsets are found by walking the paragraph with a cursor rather than
    trusting pysbd's own spans, which drift when a sentence repeats. For the same
    reason the segmenter's processor is called directly: ``segment`` would also
    compute those spans, compiling one regular expression per sentence, which on
    a long seed costs more than the splitting itself.
    """
    spans: list[tuple[int, int, str]] = []
    if not text.strip():
        return spans
    cursor = 0
    for piece in _segmenter().processor(text).process():
        piece = piece.strip()
        if not piece:
            continue
        at = text.find(piece, cursor)
        if at < 0:  # pysbd never rewrites with clean=False; stay safe anyway
            at = cursor
            piece = text[cursor : cursor + len(piece)]
        spans.append((offset + at, offset + at + len(piece), piece))
        cursor = at + len(piece)
    return spans
