"""Value alignment: typed values in different sources that report one measure.

Two reports of one figure often share few words ("a fee of 48 million euros"
against "the club will pay €55m up front"), so sentence alignment alone
misses them. Here each typed value (an amount, a duration, a calendar day) is
aligned on its own, from:

* **what it measures**: the concepts next to it in its clause, idf-weighted,
  and the noun it counts or qualifies ("seats", "visit", "agreement");
* **its sentence**: the statement alignment score of the two sentences;
* **its size**: two figures for one measure are usually of one order.

A value keeps only partners near its best in the other source, and that
partner must rank it near its best too, so each measure pairs with one
measure. Paired values that no single reading satisfies are discrepancies.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .calendar_dates import CalendarDate, calendar_dates
from .claims import EN, Claim, Statement, concept
from .slots import WEEKDAYS, Amount, compatible
from .tokens import STOP_WORDS

# Weights of the signals; pairs below MATCH are not one measure. Calibrated on eval/.
KEY_WEIGHT = 0.55
SENTENCE_WEIGHT = 0.45
NOUN_BONUS = 0.25
SIZE_WEIGHT = 0.2
MATCH = 0.3
MAX_RATIO = 20
MIN_SHARED = 1
# Two lengths of one span of time are seldom misreported by more than this factor
# ("45 minutes" against "two hours"); a quarter and a year are two spans.
MAX_DURATION_RATIO = 3
# More candidates than this for one value means the key words are too common to tell.
MAX_CANDIDATES = 40


@dataclass(frozen=True)
class Value:
    statement: Statement
    claim: Claim
    family: tuple[
        str, str | None
    ]  # ("money", "EUR"), ("count", None), ("duration", None), ("day", None)
    start: int
    end: int
    key: frozenset[str]  # concepts naming what the value measures
    noun: str | None  # concept of the noun it counts or qualifies
    amount: Amount | None = None
    day: CalendarDate | None = None  # May 24, March 2023, 1979: to the precision written
    earlier: bool = False  # an earlier value: "the current 10%", "up from 8%", "in 2019"
    kind_words: frozenset[str] = frozenset()  # "15 suspected cases": which cases
    part: bool = False  # "three of the injured": a share of a group counted elsewhere
    rate: str | None = None  # "a year" in "5,800 marks a year", "share" in "$4 a share"

    @property
    def source_id(self) -> str:
        return self.statement.source_id

    @property
    def ref(self) -> tuple[str, int]:
        """Sentence id and offset: names the value (statements are not hashable)."""
        return (self.statement.id, self.start)

    @property
    def text(self) -> str:
        return self.statement.sentence.text[self.start : self.end]


def _family(a: Amount) -> tuple[str, str | None]:
    if a.kind in ("count", "number"):
        return ("count", None)
    if a.kind == "percent" and not any(c.isdigit() for c in a.text):
        return ("fraction", None)  # "half of its exports" is a share, seldom a rate
    return (a.kind, a.unit)


_HYPHEN_UNIT = re.compile(r"-(?:[a-z]+-)?[a-z]+$")


_DATE_PREPOSITIONS = frozenset({"on", "for", "from", "by", "until", "in", "of", "since"})


def _noun_before(text: str, lo: int, start: int) -> str | None:
    """The event a date belongs to: "a run-off on May 24" gives "run-off"."""
    words = re.findall(r"[A-Za-z][\w-]*", text[lo:start])
    while words and words[-1].lower() in _DATE_PREPOSITIONS:
        words.pop()
    if not words or words[-1].lower() in STOP_WORDS or not words[-1][0].islower():
        return None
    return concept(words[-1])


def _kind_words(text: str, a: Amount) -> frozenset[str]:
    """Words between a count and its noun: "15 suspected cases" gives {"suspect"}."""
    gap = re.match(
        r"((?:\s+[a-z][\w-]*){1,3}?)\s+" + re.escape(a.unit or "") + r"\b", text[a.end :]
    )
    if not gap:
        return frozenset()
    return frozenset(concept(w) for w in gap.group(1).split() if w not in STOP_WORDS)


def _noun_after(text: str, end: int) -> str | None:
    m = re.match(r"\s+([a-z][\w-]+)", text[end:])
    return concept(m.group(1)) if m else None


# "Three of the injured", "40 of them": a part of a group; "64 of the 150 seats" is not.
_PART = re.compile(r"\s+of\s+(?:the|them|whom|those|these)\b(?!\s+[\d,.]+\s)")
# "5,800 marks a year", "$4 per share", "2,900 each": the figure is a rate.
_RATE = re.compile(
    r"\s*(?:[a-z]+\s+)?(?:a|an|per|each)\s+([a-z]+)\b(?!\s+(?:ago|earlier|later|before))"
)


def _rate(text: str, end: int) -> str | None:
    m = _RATE.match(text, end)
    return concept(m.group(1)) if m else None


_EARLIER_PERIOD = re.compile("|".join(map(re.escape, EN.EARLIER_PERIOD)), re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _earlier_word(text: str, claim: Claim, start: int) -> bool:
    """ "The current 10%", "up from 8%": the word before marks an earlier value."""
    before = re.findall(r"[a-z]+", text[max(claim.start, start - 24) : start].lower())
    before = [w for w in before if w not in ("the", "a", "its", "their", "his", "her")]
    return bool(before) and before[-1] in EN.EARLIER_VALUE


def _earlier_marked(text: str, spans: list[tuple[int, int]], year: int | None) -> set[int]:
    """Indexes of the amounts that an earlier period ("last year", "in 2019") belongs to.

    A marker belongs to the nearest amount, so in "profit fell to €112m from €148m a
    year earlier" only €148m is earlier, and in "stood at 7.42 metres, above the 1997
    record of 7.1 metres" only 7.1 is.
    """
    markers = [(m.start(), m.end()) for m in _EARLIER_PERIOD.finditer(text)]
    if year is not None:
        markers += [(m.start(), m.end()) for m in _YEAR.finditer(text) if int(m.group(0)) < year]
    out = set()
    for ms, me in markers:
        gaps = [
            (max(ms - end, start - me, 0), i)
            for i, (start, end) in enumerate(spans)
            if not (start <= ms < end)
        ]
        if gaps:
            out.add(min(gaps)[1])
    return out


_AT_TIME = re.compile(r"\s*(?:by|at|as of)\s+$")


def _snapshot(text: str, claim: Claim, a: Amount) -> bool:
    """ "Shares fell 11.4% by 0930 GMT": a figure at a time of day is a moment's reading,
    not the day's final one ("closed down 8.2%")."""
    return any(
        0 <= t.start - a.end <= 12 and _AT_TIME.fullmatch(text[a.end : t.start])
        for t in claim.times
    )


def statement_values(st: Statement, year: int | None = None) -> list[Value]:
    """Every amount, duration and calendar day of a statement, with its key words.

    ``year`` is the report's year: an earlier year marks the figure nearest to it.
    """
    out: list[Value] = []
    text = st.sentence.text
    measured = [(claim, m) for claim in st.claims for m in claim.amounts]
    marked = _earlier_marked(text, [(m.amount.start, m.amount.end) for _, m in measured], year)
    for index, (claim, m) in enumerate(measured):
        a = m.amount
        noun = None
        if a.kind == "count" and a.unit and a.unit.isalpha():
            noun = concept(a.unit)
        key = set(m.measures)
        if _HYPHEN_UNIT.search(a.text):  # "a five-year deal": the deal is measured
            noun = noun if a.kind == "count" else _noun_after(text, a.end)
            key.add(concept(a.text.rsplit("-", 1)[1]))
            if a.kind == "count":  # "the 6.4-magnitude tremor": the tremor is measured
                key |= {w for w in [_noun_after(text, a.end)] if w}
        if noun:
            key.add(noun)
        earlier = (
            index in marked or _earlier_word(text, claim, a.start) or _snapshot(text, claim, a)
        )
        kinds = _kind_words(text, a) if noun else frozenset()
        out.append(
            Value(
                st,
                claim,
                _family(a),
                a.start,
                a.end,
                frozenset(key),
                noun,
                a,
                None,
                earlier,
                kinds,
                bool(_PART.match(text, a.end)),
                _rate(text, a.end),
            )
        )
    for claim in st.claims:
        # A weekday is too common a word to tie one event to; calendar dates are not.
        key = claim.concepts - _DATE_WORDS
        for start, end, when in calendar_dates(text, claim.start, claim.end):
            noun = _noun_before(text, claim.start, start)
            out.append(Value(st, claim, ("day", None), start, end, key, noun, day=when))
    return out


_DATE_WORDS = frozenset(concept(w) for w in WEEKDAYS)


def _weighted(words: Iterable[str], idf: dict[str, float]) -> float:
    return sum(idf.get(w, 1.0) for w in words)


def _size(x: Value, y: Value) -> float:
    """1 for one figure, falling with the ratio of the two (0 at ten times, -1 past MAX_RATIO)."""
    if x.day is not None and y.day is not None:
        return float(x.day.fits(y.day))  # one event on one day is the likelier reading
    ratio = _ratio(x, y)
    if ratio is None:
        return 0.0 if x.amount is None or y.amount is None else 0.5
    if not (x.amount and x.amount.exact and y.amount and y.amount.exact):
        return -1.0 if ratio > MAX_RATIO else 0.5  # a vague figure is near, not exact
    return -1.0 if ratio > MAX_RATIO else max(0.0, 1 - math.log10(ratio))


def _figure(v: Value) -> float | None:
    """The stated figure, or the middle of a vague one ("tens of thousands")."""
    if v.amount is None:
        return None
    if v.amount.exact:
        return v.amount.exact
    low, high = v.amount.low, v.amount.high
    return math.sqrt(low * high) if low > 0 and high < math.inf else None


def _ratio(x: Value, y: Value) -> float | None:
    """The larger figure over the smaller, when both give one."""
    vx, vy = _figure(x), _figure(y)
    return max(vx, vy) / min(vx, vy) if vx and vy else None


def value_score(
    x: Value, y: Value, idf: dict[str, float], sentence: Callable[[Statement, Statement], float]
) -> float:
    shared = x.key & y.key
    key = _weighted(shared, idf) / max(
        math.sqrt(_weighted(x.key, idf) * _weighted(y.key, idf)), 1e-9
    )
    same_noun = bool(x.noun) and x.noun == y.noun
    return (
        KEY_WEIGHT * key
        + SENTENCE_WEIGHT * min(sentence(x.statement, y.statement), 1.0)
        + NOUN_BONUS * same_noun
        + SIZE_WEIGHT * max(0.0, _size(x, y))
    )


def _comparable(x: Value, y: Value, one_claim: bool = False) -> bool:
    """Whether two values may measure one thing; ``one_claim`` when their sentences
    were aligned as reporting one claim."""
    if x.family != y.family or x.earlier != y.earlier or x.part != y.part:
        return False
    if x.rate and y.rate and x.rate != y.rate:
        return False  # 5,800 marks a year and 2,900 marks an injection
    if _size(x, y) < 0 and x.amount and y.amount:
        return False  # $4 a share and $2 billion are not one measure misreported
    if x.family[0] == "duration" and (_ratio(x, y) or 1) > MAX_DURATION_RATIO:
        return False  # a strike of three weeks and a rest of two days
    if x.family[0] == "count" and x.noun and y.noun and x.noun != y.noun:
        return False  # 31 people and 12 children are two counts
    for one, other in ((x, y), (y, x)):
        if one.kind_words and not one.kind_words & (other.kind_words | other.key):
            return False  # 15 suspected cases are not the 27 confirmed ones
    if x.noun and x.noun == y.noun:
        # "three people" died and "two people" are missing: a count needs one more word
        # in common than its noun, unless the sentences report one claim.
        return x.family[0] != "count" or one_claim or len(x.key & y.key) >= 2
    # "6.1" against "10 kilometres": a figure without a noun needs more in common. A
    # length of time often has its noun on one side only ("a two-day strike" / "a strike
    # of three days") and is already held to a small ratio.
    one_noun = bool(x.noun) != bool(y.noun) and x.family[0] != "duration"
    return len(x.key & y.key) >= MIN_SHARED + one_noun


def match_values(
    values: list[Value],
    idf: dict[str, float],
    sentence: Callable[[Statement, Statement], float],
    side: Callable[[Value], str] = lambda v: v.source_id,
    aligned: frozenset[frozenset[str]] = frozenset(),
) -> list[tuple[Value, Value, float]]:
    """Pairs of values on different sides that measure one thing, strongest first.

    ``aligned`` holds the pairs of sentence ids that report one claim.
    """
    by_key: dict[tuple, list[int]] = defaultdict(list)
    for i, v in enumerate(values):
        for w in v.key | ({v.noun} if v.noun else set()):
            by_key[(v.family, w)].append(i)
    scores: dict[tuple[int, int], float] = {}
    for i, x in enumerate(values):
        seen: set[int] = set()
        for w in x.key | ({x.noun} if x.noun else set()):
            posting = by_key[(x.family, w)]
            if len(posting) > MAX_CANDIDATES:
                continue
            for j in posting:
                if j <= i or j in seen or side(values[j]) == side(x):
                    continue
                seen.add(j)
                one = frozenset((x.statement.id, values[j].statement.id)) in aligned
                if _comparable(x, values[j], one):
                    scores[(i, j)] = value_score(x, values[j], idf, sentence)
    return _assign(values, scores, side)


def _assign(
    values: list[Value], scores: dict[tuple[int, int], float], side: Callable[[Value], str]
) -> list[tuple[Value, Value, float]]:
    """Greedy one-to-one pairing per pair of sides, strongest first.

    A value already paired takes a further partner only when that partner reads
    the same as its first one: a figure repeated in a headline and a body pairs
    with the other source's figure twice, while "$18.50 in cash" never pairs
    with a contingent "$4" once it has found the other source's "$18.50".
    """
    partners: dict[tuple[int, str], list[int]] = defaultdict(list)
    kept = []
    for (i, j), s in sorted(scores.items(), key=lambda t: (-t[1], t[0])):
        if s < MATCH:
            break
        ok = all(
            _same_reading(values[k], values[other])
            for here, other in ((i, j), (j, i))
            for k in partners[(here, side(values[other]))]
        )
        if ok:
            partners[(i, side(values[j]))].append(j)
            partners[(j, side(values[i]))].append(i)
            kept.append((values[i], values[j], s))
    return kept


def _same_reading(x: Value, y: Value) -> bool:
    return x.text == y.text or not disagree(x, y)


def disagree(x: Value, y: Value) -> bool:
    """No single true value makes both wordings right."""
    if x.amount is not None and y.amount is not None:
        return not compatible(x.amount, y.amount)
    return x.day is not None and y.day is not None and not x.day.fits(y.day)
