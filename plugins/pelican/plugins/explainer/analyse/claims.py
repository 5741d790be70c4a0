"""The claim model: each sentence split into clauses with typed slots.

A :class:`Claim` is one clause of a sentence and carries what alignment and
the discrepancy rules compare:

* **who**: named actors (:class:`Actor`), each with its descriptor
  ("Acme, a regional bank" gives the actor the role words
  "regional bank") and the predicate it is the agent of;
* **what**: the clause's concepts (content words, synonyms folded together);
* **quantities**: :class:`~.slots.Amount` with the range its modifier allows
  and the concepts it measures;
* **when**: times of day and implied dates (:mod:`.slots`);
* **status**: settled, tentative, future, expected, reported or negated.

Everything here is general English from :mod:`.lexicon`; nothing knows a story.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import pairwise

from rapidfuzz import fuzz

from ..model import Sentence
from .lexicon import lexicon
from .slots import Amount, ClockTime, PriorOccurrence, amounts, clock_times, prior_occurrences
from .tokens import STOP_WORDS, entity_spans, normalise, stem, word_spans

EN = lexicon("en")
# Each synonym and its stem name the group, so inflections fold too ("raising", "hikes").
_CONCEPT = {stem(w): group[0] for group in EN.SYNONYMS for w in group} | {
    w: group[0] for group in EN.SYNONYMS for w in group
}
# How many content words either side of an amount describe what it measures.
MEASURE_WINDOW = 4
FUZZY_SAME_NAME = 85


@lru_cache(maxsize=16384)
def concept(word: str) -> str:
    """One key for a word and its synonyms: "killed", "deaths" and "dead" give "die"."""
    w = word.lower()
    if w in _CONCEPT:
        return _CONCEPT[w]
    w = EN.IRREGULAR_VERBS.get(w, w)
    s = stem(w)
    return _CONCEPT.get(s, s)


@dataclass(frozen=True)
class Actor:
    name: str
    start: int
    end: int
    descriptor: frozenset[str]  # concepts of an apposition or of the words before the name
    agent_of: frozenset[str]  # concepts of the predicate the actor performs
    place: bool  # written as a location ("in the capital") or an adjective (a demonym)

    @property
    def key(self) -> str:
        return name_key(self.name)


@dataclass(frozen=True)
class Measured:
    amount: Amount
    measures: frozenset[str]  # concepts of the words around the amount, in its clause


@dataclass
class Claim:
    """One clause of a sentence, with its slots. Offsets are into the sentence."""

    sentence: Sentence
    start: int
    end: int
    concepts: frozenset[str]
    actors: list[Actor] = field(default_factory=list)
    amounts: list[Measured] = field(default_factory=list)
    times: list[ClockTime] = field(default_factory=list)
    priors: list[PriorOccurrence] = field(default_factory=list)
    status: frozenset[str] = frozenset()  # settled | tentative | future | expected | reported
    negated: frozenset[str] = frozenset()  # concepts of negated predicates
    acts: frozenset[tuple[str, str]] = frozenset()  # (stage, verb): ("settled", "sign")

    @property
    def text(self) -> str:
        return self.sentence.text[self.start : self.end]


@dataclass
class Statement:
    """A sentence and its claims, with the sentence-level features alignment uses."""

    sentence: Sentence
    claims: list[Claim]
    concepts: frozenset[str]
    actors: list[Actor]

    @property
    def id(self) -> str:
        return self.sentence.id

    @property
    def source_id(self) -> str:
        return self.sentence.source_id

    def slot_claims(self) -> list[Claim]:
        return [c for c in self.claims if c.amounts or c.times or c.priors]


# -- names --------------------------------------------------------------------------


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", normalise(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=8192)
def name_key(name: str) -> str:
    return " ".join(w for w in re.findall(r"[\w'-]+", _fold(name)) if w not in EN.TITLES)


def _distinctive(name: str) -> list[str]:
    words = [w.removesuffix("'s") for w in name_key(name).split()]
    core = [w for w in words if w not in EN.GENERIC_NAME_WORDS]
    return core or words


def _same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) >= 5 and fuzz.ratio(a, b) >= FUZZY_SAME_NAME:
        return True
    short, long_ = sorted((a, b), key=len)
    # A place and its adjective or demonym: "iceland" / "icelandic".
    return len(short) >= 4 and long_.startswith(short[:-1]) and len(long_) - len(short) <= 4


def _acronym_of(short: str, long_: str) -> bool:
    letters = short.replace(".", "")
    words = [
        w
        for w in re.findall(r"[A-Za-z][\w'-]*", long_)
        if w.lower() not in ("of", "the", "and", "for", "de")
    ]
    return (
        2 <= len(letters) <= 6
        and letters.isupper()
        and letters == "".join(w[0].upper() for w in words)
    )


@lru_cache(maxsize=65536)
def same_actor(x: str, y: str) -> bool:
    """Whether two written names plausibly name one actor.

    Titles and generic words are ignored ("the army of Ruritania" = "the
    Ruritanian Army"), spelling and transliteration variants match fuzzily, an acronym
    matches the words it abbreviates, and a short name matches a longer one
    that contains it ("Acme" = "Acme Shipping Holdings").
    """
    if x == y:
        return True
    if _acronym_of(x, y) or _acronym_of(y, x):
        return True
    kx, ky = name_key(x), name_key(y)
    if kx.replace(" ", "") == ky.replace(" ", "") or fuzz.ratio(kx, ky) >= FUZZY_SAME_NAME + 5:
        return True
    dx, dy = _distinctive(x), _distinctive(y)
    short, long_ = sorted((dx, dy), key=len)
    return all(any(_same_word(s, w) for w in long_) for s in short)


def _is_adjective(name: str) -> bool:
    return " " not in name and name.lower().endswith(EN.DEMONYM_SUFFIXES[:4])


# "X, a regional bank," and "X, general secretary of the union,": a description after a
# comma (its first word not a verb of saying, a relative or a preposition).
_APPOSITION = re.compile(
    r"^\s*,\s+(?:(?:a|an|the)\s+)?((?!(?:who|which|that|said|says|told|added|in|on|at|for|of|"
    r"and|but|as|from|to|with|after|before|when|while)\b)[a-z][^,;()—]{2,59}?)\s*(?:,|;|—|\(|\.|$)"
)


def _actors(text: str) -> list[Actor]:
    spans = entity_spans(text)
    words = word_spans(normalise(text))
    out = []
    for start, end, name in spans:
        before = [w for s, e, w in words if e <= start]
        cased = [text[s:e] for s, e, _ in words if e <= start]
        after = [(s, w) for s, e, w in words if s >= end]
        place = bool(before and before[-1] in EN.LOCATIVE) or _is_adjective(name)
        descriptor: set[str] = set()
        m = _APPOSITION.match(text[end:])
        if m:
            descriptor |= {concept(w) for w in re.findall(r"\b[a-z][\w-]*", m.group(1))}
        # Lower-case words right before the name: "the regional bank Acme".
        lead = []
        for w, raw in zip(reversed(before), reversed(cased), strict=False):
            if w in STOP_WORDS or w in EN.DETERMINERS or not raw[:1].islower() or len(lead) == 3:
                break
            lead.append(w)
        pre_text = text[max(0, start - 40) : start]
        # "the former minister's X Party": the words describe the owner, not the name.
        possessive = re.search(r"['’]s\s+$", pre_text)
        # "the regional bank Acme" and "the district's chief medical officer, Jane Doe".
        if lead and not possessive and re.search(r"[a-z],?\s+$", pre_text):
            descriptor |= {concept(w) for w in lead}
        agent = set()
        skipped = 0
        for _, w in after:  # the first content word after the name: "X (who) (will) operate"
            if w in STOP_WORDS or w in EN.AUXILIARIES or not w.isalpha():
                skipped += 1
                if skipped > 3:
                    break
                continue
            agent.add(concept(w))
            break
        if before and before[-1] == "by":
            # "signed on the other side by X": X is the agent of the participle before "by".
            participle = next((w for w in reversed(before[-7:-1]) if w.endswith("ed")), None)
            if participle:
                agent.add(concept(participle))
        out.append(Actor(name, start, end, frozenset(descriptor), frozenset(agent), place))
    return out


# -- clauses and status -------------------------------------------------------------

_BOUNDARY = re.compile(
    r";|\s[—–]\s|—|,\s+(?=(?:and|but|while|whereas|which|who|although|though|after|before|when|as|because)\b)|,\s+(?=[a-z]+ing\b)"
)


def clause_bounds(text: str) -> list[tuple[int, int]]:
    cuts = [0, *(m.start() for m in _BOUNDARY.finditer(text)), len(text)]
    return [(a, b) for a, b in pairwise(cuts) if text[a:b].strip(" ,;—–")]


# Stems of the settled verbs: a headline's present tense reports a past act
# ("Regulator approves X" = it has approved X).
_SETTLED_STEMS = frozenset(stem(w) for w in EN.SETTLED)


def _status(
    text: str, headline: bool = False
) -> tuple[frozenset[str], frozenset[str], frozenset[tuple[str, str]]]:
    """Stages, negated concepts, and (stage, act) pairs of one clause.

    The acts are the verb a stage is said of and the two content words after it:
    "signed a deal to buy" gives ("settled", "sign"), ("settled", "deal") and
    ("settled", "buy"); "is expected to sign" gives ("expected", "sign"); "is
    considering an order" gives ("tentative", "order").
    """
    words = [w for _, _, w in word_spans(normalise(text))]
    status, negated, acts = set(), set(), set()

    def next_act(i: int) -> tuple[str, ...]:
        """The next two content words: "weighs an emergency release" gives the release.

        After a directive they stop at "to": in "advised passengers to rebook" the
        rebooking is not done, while in "signed a deal to buy" the buying is agreed.
        """
        skip = STOP_WORDS | EN.DETERMINERS | EN.REPORTED
        ahead = words[i + 1 : i + 5]
        if words[i] in EN.DIRECTIVES and "to" in ahead[1:]:
            ahead = ahead[: ahead.index("to", 1)]
        found = [concept(n) for n in ahead if n not in skip and n.isalpha()]
        return tuple(found[:2])

    for i, w in enumerate(words):
        prev = words[i - 1] if i else ""
        if prev in EN.DETERMINERS:
            continue
        stage: str | None = None
        act: tuple[str, ...] = ()
        if w == "to" and prev in ("yet", "whether"):
            # "has yet to sign off", "will decide whether to open": not done
            stage, act = "tentative", next_act(i)
        elif w in EN.FUTURE:
            # "will appeal" is an act to come; "will be closed" a state, no act.
            passive = i + 1 < len(words) and words[i + 1] in ("be", *EN.STATE_VERBS)
            stage, act = "future", () if passive else next_act(i)
        elif w in EN.EXPECTED and prev in EN.AUXILIARIES:
            stage, act = "expected", next_act(i)
        elif w in EN.TENTATIVE:
            stage, act = "tentative", next_act(i)
        elif w in EN.REPORTED:
            stage = "reported"
        elif w in EN.SETTLED or (headline and w.endswith("s") and stem(w) in _SETTLED_STEMS):
            # "has to be ratified", "should be signed", "recommended that X be approved":
            # still pending; "will be closed": a state to come; "has been signed": done.
            before_be = words[i - 2] if i >= 2 and prev == "be" else ""
            if prev in EN.STATE_VERBS or set(words[max(0, i - 6) : i]) & EN.CONDITIONS:
                pass  # "is closed", "remain closed": a state; "once both have ratified it"
            elif prev == "to":
                stage, act = "tentative", (concept(w),)
            elif before_be in EN.FUTURE:
                stage = "future"  # a state to come ("will be closed"), no act to compare
            elif before_be == "would":
                pass  # "said on Saturday the deals would be signed": then still to come
            elif prev == "be":
                stage, act = "tentative", (concept(w),)
            else:
                stage, act = "settled", (concept(w), *next_act(i))
        elif prev in ("has", "have", "had") and w.endswith("ed"):
            stage, act = "settled", (concept(w), *next_act(i))
        if stage == "settled" and i + 1 < len(words) and words[i + 1] == "to":
            act = ()  # "agreed to buy": a commitment to an act to come, not the act done
        if stage:
            status.add(stage)
            acts.update((stage, a) for a in act)
        if w in EN.NEGATORS or w.endswith("n't"):
            for nxt in words[i + 1 : i + 4]:
                if nxt not in STOP_WORDS and nxt not in EN.NEGATORS:
                    negated.add(concept(nxt))
                    break
            # "found no damage", "paid no ransom": the act found nothing, so it is denied too.
            past = prev.endswith("ed") or prev in EN.IRREGULAR_VERBS
            if w == "no" and past and prev not in EN.ATTRIBUTION:
                negated.add(concept(prev))
    return frozenset(status), frozenset(negated), frozenset(acts)


def _concepts(text: str) -> frozenset[str]:
    return frozenset(
        concept(w)
        for _, _, w in word_spans(normalise(text))
        if w not in STOP_WORDS and len(w) > 1 and not w[0].isdigit()
    )


_DEFINITE = frozenset(
    {"the", "these", "those", "its", "their", "his", "her", "both", "our", "other"}
)


def _anaphoric(text: str, amount: Amount) -> bool:
    """ "The two sides", "the other two": a reference to things already counted.

    A figure with its unit glued on ("the 6.4-magnitude quake", "the two-year
    deal") or any typed amount is a claim, not a reference.
    """
    if amount.kind not in ("count", "number") or "-" in amount.text:
        return False
    before = word_spans(normalise(text[: amount.start]))
    return bool(before) and before[-1][2] in _DEFINITE


def _measure(text: str, lo: int, hi: int, amount: Amount, others: list[Amount]) -> frozenset[str]:
    """Concepts around an amount that say what it measures.

    The window stops at the next amount ("profit fell 22% to €164m on revenue of
    €1.8bn": revenue is not what 22% measures), and at the previous one when words
    stand between them ("from 10% to 25%" keeps the words before 10%).
    """
    words = [
        (s, e, w)
        for s, e, w in word_spans(normalise(text))
        if lo <= s < hi and w not in STOP_WORDS and not w[0].isdigit() and not _in_number(w)
    ]
    later = [o.start for o in others if o.start >= amount.end]
    if later:
        hi = min(hi, min(later))
        # "three dead, thousands evacuated": words before the comma are the first figure's.
        comma = text.rfind(",", amount.end, hi)
        hi = comma if comma >= 0 else hi
    earlier = [o.end for o in others if o.end <= amount.start]
    if earlier and any(max(earlier) <= s and e <= amount.start for s, e, _ in words):
        lo = max(lo, max(earlier), text.rfind(",", max(earlier), amount.start) + 1)
    before = [w for s, e, w in words if lo <= s and e <= amount.start][-MEASURE_WINDOW:]
    after = [w for s, e, w in words if s >= amount.end and s < hi][:MEASURE_WINDOW]
    inside = (
        amount.unit if amount.unit and amount.unit.isalpha() and amount.kind == "count" else None
    )
    found = {concept(w) for w in before + after}
    if inside:
        found.add(concept(inside))
    return frozenset(found)


def _in_number(word: str) -> bool:
    return word in ("million", "billion", "thousand", "trillion", "percent", "cent", "per")


def statement(sentence: Sentence, published: date | None = None) -> Statement:
    text = sentence.text
    actors = _actors(text)
    all_amounts = amounts(text)
    times = clock_times(text)
    priors = prior_occurrences(text, published)
    claims = []
    for lo, hi in clause_bounds(text):
        inside = lambda x, lo=lo, hi=hi: lo <= x.start < hi  # noqa: E731
        status, negated, acts = _status(text[lo:hi], sentence.role == "headline")
        claims.append(
            Claim(
                sentence=sentence,
                start=lo,
                end=hi,
                concepts=_concepts(text[lo:hi]),
                actors=[a for a in actors if inside(a)],
                amounts=[
                    Measured(a, _measure(text, lo, hi, a, all_amounts))
                    for a in all_amounts
                    if inside(a) and not _anaphoric(text, a)
                ],
                times=[t for t in times if inside(t)],
                priors=[p for p in priors if inside(p)],
                status=status,
                negated=negated,
                acts=acts,
            )
        )
    return Statement(sentence, claims, _concepts(text), actors)
