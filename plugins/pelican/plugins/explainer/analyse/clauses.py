"""Faithful trimming of source sentences into short clauses.

Trimming only ever removes words: a leading connective ("However,"), a
leading attribution, or trailing subordinate clauses past a word budget.
It never rewrites, so every trimmed clause is a substring of its sentence
(apart from the closing full stop).
"""

from __future__ import annotations

import re

# Connectives that tie a sentence to the one before; dropped from the start of a bullet.
_LEADING_CONNECTIVE = re.compile(
    r"^(?:however|but|and|also|meanwhile|moreover|furthermore|in addition|still|separately|"
    r"instead|indeed|nonetheless|nevertheless|additionally|as a result|in turn|by contrast)"
    r"\s*,?\s+",
    re.IGNORECASE,
)
# Where a long sentence may be cut: before a subordinate or coordinate clause.
_CUT_POINTS = re.compile(
    r"(?:;|\s[—–]\s|—|,\s(?=(?:which|while|whereas|although|though|as|after|before|because|"
    r"since|amid|and|but|including|where|when|with|according)\b))"
)


_LEADING_JOINER = re.compile(r"^(?:and|but|or|while|whereas|so)\s+", re.IGNORECASE)


def strip_connective(text: str) -> str:
    stripped = _LEADING_CONNECTIVE.sub("", text, count=1)
    if stripped is text or not stripped:
        return text
    return stripped[:1].upper() + stripped[1:]


def _finish(text: str) -> str:
    text = text.rstrip(" ,;:—–-")
    if text and text[-1] not in ".!?\"'”’":
        text += "."
    return text


def trim(text: str, max_words: int = 30, min_words: int = 6) -> str:
    """The sentence, or its first clauses up to ``max_words`` words.

    The cut falls at the last clause boundary that keeps at least
    ``min_words`` words; a sentence with no such boundary is kept whole
    (better too long than cut mid-phrase).
    """
    text = " ".join(text.split())
    if len(text.split()) <= max_words:
        return text
    best = None
    for m in _CUT_POINTS.finditer(text):
        head = text[: m.start()]
        n = len(head.split())
        if n > max_words:
            break
        if n >= min_words:
            best = head
    return _finish(best) if best else text


def clause_around(text: str, start: int, end: int, max_words: int = 16) -> str:
    """The clause of ``text`` that contains the span ``[start, end)``, trimmed to a word budget.

    Clauses are split at the same boundaries as :func:`trim` and at commas;
    when the clause is still long, words are dropped from both ends, keeping
    the span and the words nearest it.
    """
    bounds = [0]
    for m in re.finditer(r";|\s[—–]\s|—|,\s|:\s|\(|\)", text):
        bounds.append(m.end())
    bounds.append(len(text) + 1)
    lo = max((b for b in bounds if b <= start), default=0)
    hi = min((b for b in bounds[1:] if b > end), default=len(text))
    # Extend very short clauses to the neighbouring one for context.
    clause = text[lo:hi].strip(" ,;:()—–")
    if len(clause.split()) < 4:
        hi = min((b for b in bounds if b > hi), default=len(text))
        clause = text[lo:hi].strip(" ,;:()—–")
    clause = _LEADING_JOINER.sub("", clause)
    words = clause.split()
    if len(words) <= max_words:
        return clause.rstrip(".")
    # Keep the clause's opening (its subject) when the span falls within the budget,
    # else a window of words around the span.
    before = len(text[lo:start].split())
    span_words = len(text[start:end].split())
    if before + span_words <= max_words:
        first = 0
    else:
        first = max(0, min(before - (max_words - span_words) // 2, len(words) - max_words))
    return " ".join(words[first : first + max_words]).rstrip(".,;:")
