"""Typed discrepancies between two statements that report the same thing.

The rules live in one ordered table, :data:`RULES`; each is a small function
``rule(a, b) -> list[Conflict]`` over two :class:`~.claims.Statement` objects.
A rule looks for positive evidence of a difference in one slot (times of day,
dates, implied dates, names, status, negation) and returns the differing spans
with a confidence in [0, 1]. Compatible readings are agreement: "2 p.m. local"
and "11:00 GMT", a name and its transliteration. Amounts and durations are not
compared here but value by value across the whole story (:mod:`.values`);
:func:`pair_amounts` stays as one of the alignment signals.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from .claims import EN, Claim, Measured, Statement, concept, same_actor
from .slots import compatible, same_moment
from .tokens import STOP_WORDS

# A measure must share this many concepts with the other's to be the same measure.
MIN_MEASURE_OVERLAP = 1
# Two figures further apart than this factor measure different things.
MAX_RATIO = 20


@dataclass(frozen=True)
class Side:
    sentence_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Conflict:
    kind: str  # number | name | status | date | time | duration | negation
    what: str  # a few words naming what differs
    a: Side
    b: Side
    confidence: float
    rule: str = ""  # the registry entry that found it (see RULES and compare.VALUE_RULES)


def _side(claim: Claim, start: int, end: int) -> Side:
    return Side(claim.sentence.id, start, end, claim.sentence.text[start:end])


def _measured(st: Statement, kinds: Iterable[str]) -> list[tuple[Claim, Measured]]:
    return [(c, m) for c in st.claims for m in c.amounts if m.amount.kind in kinds]


def _family(m: Measured) -> tuple[str, str | None]:
    a = m.amount
    if a.kind in ("count", "number"):
        return ("count", None)
    return (a.kind, a.unit)


def _orders_apart(x: Measured, y: Measured) -> bool:
    """$4 a share and $2 billion are not one measure misreported."""
    vx, vy = x.amount.exact, y.amount.exact
    return bool(vx and vy) and max(vx, vy) / max(min(vx, vy), 1e-9) > MAX_RATIO


def _overlap(x: frozenset[str], y: frozenset[str]) -> float:
    if not x or not y:
        return 0.0
    return len(x & y) / min(len(x), len(y))


def pair_amounts(a: Statement, b: Statement, kinds: tuple[str, ...]):
    """Best one-to-one pairing of amounts measuring the same thing, compatible pairs first."""
    left, right = _measured(a, kinds), _measured(b, kinds)
    scored = []
    for i, (_, ma) in enumerate(left):
        for j, (_, mb) in enumerate(right):
            if _family(ma) != _family(mb) or _orders_apart(ma, mb):
                continue
            shared = ma.measures & mb.measures
            unit_a, unit_b = ma.amount.unit, mb.amount.unit
            counts = ma.amount.kind == "count" and mb.amount.kind == "count"
            same_noun = counts and concept(unit_a or "") == concept(unit_b or "")
            if counts and not same_noun:
                continue  # 31 people and 12 children: two different counts
            if len(shared) < MIN_MEASURE_OVERLAP and not same_noun:
                continue
            ok = compatible(ma.amount, mb.amount)
            scored.append((ok, _overlap(ma.measures, mb.measures) + 0.5 * same_noun, i, j))
    scored.sort(key=lambda t: (not t[0], -t[1], t[2], t[3]))
    used_a, used_b = set(), set()
    for ok, score, i, j in scored:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        yield left[i], right[j], ok, score


def times(a: Statement, b: Statement) -> list[Conflict]:
    """Times of day that cannot be the same moment (zones and 12/24-hour formats honoured)."""
    left = [(c, t) for c in a.claims for t in c.times]
    right = [(c, t) for c in b.claims for t in c.times]
    if not left or not right:
        return []
    verdicts = [(same_moment(x, y), cx, x, cy, y) for cx, x in left for cy, y in right]
    if any(v is True for v, *_ in verdicts):
        return []  # some reading of the two agrees
    # "03:00 local time (01:00 GMT)" names one moment twice: one comparable reading that
    # differs is enough, and the other, which cannot be compared, says nothing.
    differing = [(cx, x, cy, y) for v, cx, x, cy, y in verdicts if v is False]
    if not differing:
        return []
    ca, x, cb, y = differing[0]
    return [
        Conflict("time", "time of day", _side(ca, x.start, x.end), _side(cb, y.start, y.end), 0.8)
    ]


def implied_dates(a: Statement, b: Statement) -> list[Conflict]:
    """ "First visit since 2017" against "second in less than 18 months"."""
    for ca in a.claims:
        for x in ca.priors:
            for cb in b.claims:
                for y in cb.priors:
                    if _what_recurs(x.noun) != _what_recurs(y.noun):
                        continue
                    if x.high < y.low or y.high < x.low:
                        return [
                            Conflict(
                                "date",
                                "when this last happened",
                                _side(ca, x.start, x.end),
                                _side(cb, y.start, y.end),
                                0.75,
                            )
                        ]
    return []


def _what_recurs(noun: str) -> frozenset[str]:
    """The lower-case content words naming what recurs: "state visit" is not "visit"."""
    words = re.findall(r"\b[a-z][a-z-]+\b", noun)
    return frozenset(concept(w) for w in words if w not in STOP_WORDS and not w.endswith("'s"))


def _head(descriptor: frozenset[str], other: frozenset[str]) -> bool:
    return len(descriptor & other) >= 2


def _unmatched(a: Statement, b: Statement) -> list:
    """Actors of ``a`` (not places) that no actor of ``b`` names."""
    return [
        x
        for x in a.actors
        if not x.place and not any(same_actor(x.name, y.name) for y in b.actors if not y.place)
    ]


def _name_conflict(a: Statement, b: Statement, same_role) -> list[Conflict]:
    for x in _unmatched(a, b):
        for y in _unmatched(b, a):
            what = same_role(x, y)
            if what:
                ca = next(c for c in a.claims if c.start <= x.start < c.end)
                cb = next(c for c in b.claims if c.start <= y.start < c.end)
                return [
                    Conflict(
                        "name", what, _side(ca, x.start, x.end), _side(cb, y.start, y.end), 0.65
                    )
                ]
    return []


def roles(a: Statement, b: Statement) -> list[Conflict]:
    """Different actors with the same description: "X, a regional bank" / "the regional bank Y"."""
    return _name_conflict(
        a,
        b,
        lambda x, y: (
            " ".join(sorted(x.descriptor & y.descriptor))
            if _head(x.descriptor, y.descriptor)
            else ""
        ),
    )


def title_words(name: str) -> frozenset[str]:
    """The role words a name is written with, up to its last title word.

    "Judge X" gives {"judge"}; "Interior Minister X Y" gives {"interior", "minister"}.
    """
    words = name.lower().split()
    last = max((i for i, w in enumerate(words[:-1]) if w in EN.TITLES), default=-1)
    return frozenset(words[: last + 1])


def titled(a: Statement, b: Statement) -> list[Conflict]:
    """Different people with one title doing one thing: "Judge X said" / "Judge Y told"."""

    def same_title(x, y) -> str:
        shared = title_words(x.name) & title_words(y.name)
        if not shared or name_kind(x.name) != "person" or name_kind(y.name) != "person":
            return ""
        return " ".join(sorted(shared))

    return _name_conflict(a, b, same_title)


def name_kind(name: str) -> str:
    """person | organisation | other, from the name's own words."""
    words = name.lower().replace("'s", "").split()
    if words[-1] in EN.ORGANISATION_WORDS or (name.isupper() and name.lower() not in EN.TIME_ZONES):
        return "organisation"
    core = [w for w in words if w not in EN.TITLES]
    if len(words) > len(core) or (2 <= len(core) <= 4 and not set(core) & EN.GENERIC_NAME_WORDS):
        return "person"
    return "other"


# Done against not done yet, for one verb: "signed" / "expected to sign", "has
# appealed" / "will appeal"; and only considered against decided ("is considering
# leasing" / "will lease").
# The sentences share this many concepts, the verb included: one act, not two.
SAME_ACT_SHARED = 2
_NOT_DONE_YET = {
    frozenset({"settled", "tentative"}),
    frozenset({"settled", "expected"}),
    frozenset({"settled", "future"}),
    frozenset({"tentative", "future"}),
}


def same_act(a: Statement, b: Statement) -> list[Conflict]:
    """One act at two stages: "signed" against "is expected to sign", "ordered" against
    "is considering an order". The verb must be the same, so "agreed to buy" and "will
    take over" (one deal told at two tenses) do not count.
    """
    if len(a.concepts & b.concepts) < SAME_ACT_SHARED:
        return []
    for ca in a.claims:
        for cb in b.claims:
            for stage_a, act_a in ca.acts:
                for stage_b, act_b in cb.acts:
                    # One verb ("will appeal" / "has appealed"; "considering buying" /
                    # "signed a deal to buy", whose acts include what follows the verb).
                    if act_a == act_b and frozenset({stage_a, stage_b}) in _NOT_DONE_YET:
                        return [
                            Conflict(
                                "status",
                                "how far this has gone",
                                _side(ca, ca.start, ca.end),
                                _side(cb, cb.start, cb.end),
                                0.6,
                            )
                        ]
    return []


def _antonym(x: Claim, y: Claim) -> str | None:
    wx = {w.lower() for w in re.findall(r"[a-z]+", x.text.lower())}
    wy = {w.lower() for w in re.findall(r"[a-z]+", y.text.lower())}
    for one, other in EN.ANTONYMS:
        if (wx & one and wy & other) or (wx & other and wy & one):
            return sorted((wx | wy) & (one | other))[0]
    return None


def _negation(a: Statement, b: Statement, min_shared: int, antonyms: bool) -> list[Conflict]:
    for ca in a.claims:
        for cb in b.claims:
            shared = ca.concepts & cb.concepts
            for x, y in ((ca, cb), (cb, ca)):
                flipped = (x.negated - y.negated) & y.concepts
                if flipped and len(shared - flipped) >= min_shared:
                    left, right = (x, y) if x is ca else (y, x)
                    return [
                        Conflict(
                            "negation",
                            sorted(flipped)[0],
                            _side(left, left.start, left.end),
                            _side(right, right.start, right.end),
                            0.6,
                        )
                    ]
            word = _antonym(ca, cb) if antonyms else None
            if word and len(shared) >= min_shared:
                return [
                    Conflict(
                        "negation",
                        word,
                        _side(ca, ca.start, ca.end),
                        _side(cb, cb.start, cb.end),
                        0.5,
                    )
                ]
    return []


def negation(a: Statement, b: Statement) -> list[Conflict]:
    """An act negated in one source and stated in the other, or stated with its opposite."""
    return _negation(a, b, 2, antonyms=True)


Rule = Callable[[Statement, Statement], list[Conflict]]
# Order matters only for display; every rule runs on every aligned pair.
RULES: tuple[tuple[str, Rule], ...] = (
    ("time", times),
    ("implied date", implied_dates),
    ("role", roles),
    ("title", titled),
    ("same act", same_act),
    ("negation", negation),
)
# Within one source (a dek against its own body) only typed values are compared.
WITHIN_SOURCE_RULES = ("time", "implied date")


def conflicts(a: Statement, b: Statement, rules: Iterable[str] | None = None) -> list[Conflict]:
    wanted = set(rules) if rules is not None else None
    return [
        replace(c, rule=name)
        for name, rule in RULES
        if (wanted is None or name in wanted) and name not in DISABLED
        for c in rule(a, b)
    ]


# Rules switched off for an ablation run (``python -m evaluation --without NAME``);
# empty in every build.
DISABLED: set[str] = set()
