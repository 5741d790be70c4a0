"""Short labels cut from a sentence at phrase boundaries.

A label keeps the words of its sentence in order (it never rewrites), drops
the span it labels (a figure or a date: the item shows that separately) and
never ends on a word that needs another after it ("of", "the", "and") or in
the middle of a name ("… to North" before "Ridge").
"""

from __future__ import annotations

import re
from itertools import pairwise

from .lexicon.items_en import CARDINALS, DANGLING, NAME_JOINERS, PHRASE_OPENERS

MAX_LABEL_WORDS = 10
# Words that only link a figure to what it measures: "worth $3bn", "stood at 4%".
_LINKERS = frozenset(
    [
        "of",
        "at",
        "worth",
        "by",
        "to",
        "from",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "reached",
        "totalled",
        "totaled",
        "stood",
        "hit",
        "a",
        "an",
        "the",
        "some",
        "about",
        "around",
        "nearly",
        "almost",
        "roughly",
    ]
)
# Clause punctuation a label does not cross (a dash is an aside and may be crossed).
# Sentences are already split, so a full stop inside one ends an abbreviation ("U.S.").
_STOP = re.compile(r"[,;()\[\]\"“”]|:(?!\d)")
_WORD = re.compile(r"(?:[^\s,;:()\[\]\"“”—–]|:(?=\d))+")
_RIGHT_STOP = re.compile(r"[,;()\[\]\"“”—–]|:(?!\d)|\s-\s")
# Reporting words: a label starts after "data shows that", "officials said".
_REPORTING = frozenset(["said", "says", "told", "according"])
_REPORTING_THAT = frozenset(
    {"said", "says", "told", "shows", "show", "showed", "announced", "added", "noted"}
    | {"reported", "stated", "believe", "believes", "argued", "claimed", "warned", "confirmed"}
)
_COORDINATORS = frozenset(["and", "or", "but", "while", "whereas"])


def _words(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text, lo, hi)]


def _bare(word: str) -> str:
    return word.lower().strip(".,;:!?'’—–-").removesuffix("'s").removesuffix("’s")


_VERBISH = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "has",
        "have",
        "had",
        "will",
        "would",
        "said",
        "says",
        "took",
        "made",
        "met",
    ]
)


def _verb(word: str) -> bool:
    """A likely finite verb: an auxiliary or a lower-case past form ("took", "closed")."""
    w = word.lower()
    return w in _VERBISH or (word[:1].islower() and len(w) > 4 and w.endswith("ed"))


def _capital(word: str) -> bool:
    return word[:1].isupper()


def _left_bound(text: str, start: int) -> int:
    found = [m.end() for m in _STOP.finditer(text, 0, start)]
    return max(found, default=0)


def _right_bound(text: str, end: int) -> int:
    m = _RIGHT_STOP.search(text, end)
    return m.start() if m else len(text)


def ends_mid_phrase(label: str, sentence: str = "") -> bool:
    """Whether a label stops where its phrase goes on.

    It does when its last word needs a following one, or when the sentence
    continues a name the label breaks ("to North" before "Ridge").
    """
    words = label.rstrip(" .").split()
    if not words:
        return True
    if sentence and sentence.rstrip(" .").endswith(label.rstrip(" .")[-40:]):
        return False  # it ends where the sentence ends: "…, the regulator said."
    if _bare(words[-1]) in DANGLING or words[-1].endswith(("'s", "’s")):
        return True  # "… the", "… President Xi’s"
    tail = " ".join(words[-3:])
    at = sentence.find(tail) if sentence else -1
    if at < 0 or not _capital(words[-1]):
        return False
    after = sentence[at + len(tail) :].split()
    if not after:
        return False
    nxt = after[0].strip(",.;:")
    return (_capital(nxt) and not nxt.isupper()) or (
        nxt.lower() in NAME_JOINERS and len(after) > 1 and _capital(after[1])
    )


def _trim_end(words: list[tuple[int, int, str]], text: str) -> list[tuple[int, int, str]]:
    while words and (
        _bare(words[-1][2]) in DANGLING
        or _bare(words[-1][2]) in CARDINALS
        or words[-1][2][:1].isdigit()
        or words[-1][2].endswith(("'s", "’s"))
        or ends_mid_phrase(" ".join(w for _, _, w in words[-3:]), text)
    ):
        words = words[:-1]
    return words


def _trim_start(words: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """No label opens on a joining word, nor halfway through a name."""
    while words and _bare(words[0][2]) in PHRASE_OPENERS - {"the"}:
        words = words[1:]
    return words


def label_around(
    text: str,
    start: int,
    end: int,
    budget: int = MAX_LABEL_WORDS,
    others: list[tuple[int, int]] | None = None,
    adverbial: bool = False,
) -> str:
    """What the span ``[start, end)`` is about: the words either side of it, span left out.

    The words after the span (what a figure counts, the phrase it qualifies)
    come first, up to half the budget and one prepositional phrase; the rest
    of the budget goes to the words before it, back to the clause's start.
    """
    lo, hi = _left_bound(text, start), _right_bound(text, end)
    clause_lo = lo
    previous: tuple[int, int] | None = None
    # Another figure in the sentence bounds the words that describe this one.
    for s, e in others or []:
        if e <= start:
            if e > lo:
                lo, previous = e, (s, e)
        elif s >= end:
            hi = min(hi, s)
    before = [w for w in _words(text, lo, start) if w[1] <= start]
    after = [w for w in _words(text, end, hi) if w[0] >= end]
    if after:
        after[-1] = (after[-1][0], after[-1][1], after[-1][2].rstrip("."))
    while before and _bare(before[-1][2]) in _LINKERS:
        before = before[:-1]
    head = None
    if lo > clause_lo:  # "… 145% on X and a proposed 46%": the second figure's words only
        cut = max((i + 1 for i, w in enumerate(before) if _bare(w[2]) in _COORDINATORS), default=0)
        before = before[cut:]
        if previous and after and _bare(after[0][2]) in PHRASE_OPENERS:
            head = _shared_head(text, clause_lo, previous[0], before)
    before = _trim_end(before, text)
    said = [
        i + 1
        for i, w in enumerate(before)
        if _bare(w[2]) in _REPORTING
        or (_bare(w[2]) == "that" and i and _bare(before[i - 1][2]) in _REPORTING_THAT)
    ]
    if said and len(before) - said[-1] >= 3:
        before = before[said[-1] :]
    if adverbial and len(before) < 3 and lo > 0:
        # "The next flight, carrying a satellite, is scheduled": the subject is the
        # sentence's opening phrase, beyond an aside.
        first = _words(text, 0, _right_bound(text, 0))
        if 0 < len(first) <= 5 and first[-1][1] <= lo:
            before = _trim_end(first, text) + before
    right: list[tuple[int, int, str]] = []
    openers = 0
    # A span followed by "of …" ("two days of talks in X") takes one phrase more.
    allowed = 2 if after and _bare(after[0][2]) in PHRASE_OPENERS else 1
    phrase_start = 0
    for k, w in enumerate(after):
        nxt = after[k + 1][2] if k + 1 < len(after) else ""
        figure_next = nxt[:1].isdigit() or _bare(nxt) in CARDINALS  # "about 40": a modifier
        if _bare(w[2]) in PHRASE_OPENERS and not figure_next:
            openers += 1
            if openers > allowed or _bare(w[2]) in _COORDINATORS | {"which", "who", "that"}:
                break
            phrase_start = len(right)
        if len(right) >= (budget // 2 + 1 if before else budget):
            # The budget ends inside a phrase: drop that phrase.
            right = right[:phrase_start] if phrase_start else right
            break
        right.append(w)
    right = _trim_end(right, text)
    # A date is an adverbial: after "took office [in 2023]" a new clause starts, and
    # only a phrase that goes on from the date ("… for a three-day visit") belongs.
    if (
        adverbial
        and any(_verb(w[2]) for w in before)
        and right
        and _bare(right[0][2]) not in PHRASE_OPENERS
    ):
        right = []  # but "The president on Monday called for …" keeps its verb
    room = max(budget - len(right), 3)
    left = before[-room:]
    # Do not open halfway through a name: step past the rest of it.
    k = len(before) - len(left)
    while left and k > 0 and _capital(left[0][2]) and _capital(before[k - 1][2]):
        left, k = left[1:], k + 1
    left = _trim_start(_trim_end(left, text))
    if not left:
        right = _trim_start(right)
    if head is not None:  # "a proposed 46% on X" after "tariffs of 145% on Y"
        left = [w for w in before if _bare(w[2]) not in ("a", "an", "the")] + [head]
    label = " ".join(w for _, _, w in [*left, *right]).strip(" —–-")
    return label[:1].upper() + label[1:] if label else ""


def _shared_head(
    text: str, lo: int, hi: int, modifiers: list[tuple[int, int, str]]
) -> tuple[int, int, str] | None:
    """The noun two coordinated figures share: in "tariffs on exports … up to 145% on
    cars and a proposed 46% on steel", the second figure's own words ("a proposed")
    name no noun, and "tariffs" is the head of the first figure's phrase."""
    own = [w for w in modifiers if _bare(w[2]) not in ("a", "an", "the")]
    if len(own) > 2 or not all(w[2][:1].islower() for w in own):
        return None
    words = _words(text, lo, hi)
    for w, nxt in pairwise(words):
        if (
            _bare(nxt[2]) in PHRASE_OPENERS
            and w[2][:1].isalpha()
            and _bare(w[2]) not in _VERBISH | _LINKERS | DANGLING
            and not _capital(w[2])
        ):
            return w
    return None


def clause_label(text: str, start: int, end: int, budget: int = 12) -> str:
    """A short complete phrase from the clause holding ``[start, end)``, span left out."""
    return label_around(text, start, end, budget)
