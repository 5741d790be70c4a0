"""How two aligned sentences differ: general rules for numbers, names and status.

Each rule looks for specific evidence and returns :class:`Difference` records
with the differing span in each sentence (character offsets), or nothing.
Two sentences with no difference found are taken to agree. The rules use
only general English: quantities, capitalised names and a small lexicon of
status words; nothing about any particular story.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Sentence
from .quantities import Quantity, find_quantities
from .tokens import STOP_WORDS, entity_spans, normalise, stem, word_spans

# Content words either side of a name or quantity that describe its role.
ROLE_WINDOW = 2
# Words before a number that make it a reference ("the two sides"), not a count.
DEFINITE = frozenset({"the", "these", "those", "its", "their", "his", "her", "both", "our"})
# Endings of one-word demonyms ("Chinese", "Canadian"): adjectives, not parties.
DEMONYM_ENDINGS = ("ese", "ian", "ean", "ish")


# Words that make a claim tentative, settled, or negated. General English.
# Stage words only: modal verbs ("may", "could") and purposes ("aims to")
# qualify many things besides a deal's progress, so they are left out.
def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


TENTATIVE = _wordset(
    "consider considers considering considered weigh weighs weighing explore explores "
    "exploring discuss discusses discussing discussed negotiate negotiates negotiating "
    "propose proposes proposing plan plans planning mull mulls mulling study studying"
)
SETTLED = _wordset(
    "signed agreed approved announced completed confirmed concluded finalised finalized "
    "reached sealed inked launched ratified awarded disclosed released"
)
# A status word straight after one of these is an adjective or a noun
# ("a proposed tax", "the signing"), not a report of progress.
DETERMINERS = frozenset({"a", "an", "the", "this", "that", "these", "those", "its", "their"})
FUTURE = frozenset({"will", "shall"})
NEGATORS = frozenset({"not", "no", "never", "n't", "neither", "nor", "without"})

# Titles and honorifics that do not change who a name refers to.
TITLE_WORDS = _wordset(
    "president vice prime minister deputy secretary general chairman chairwoman chair ceo "
    "chief executive mr mrs ms dr sir dame king queen prince princess premier governor "
    "mayor senator representative rep sen gov minister foreign state"
)
# Last words that make a name an organisation distinct from the place or
# person it starts with ("Acme" vs "Acme Airlines").
ORGANISATION_WORDS = _wordset(
    "airline airlines airways air bank group company co corp corporation inc ltd plc "
    "holdings ministry party university college council commission agency authority "
    "customs news times post press television radio institute foundation association "
    "federation union league club fund trust motors energy industries railways railway "
    "telecom"
)


@dataclass(frozen=True)
class Span:
    sentence_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Difference:
    kind: str  # number | name | status | wording
    what: str  # a few words from the text naming what differs
    a: Span
    b: Span


def _span(s: Sentence, start: int, end: int) -> Span:
    return Span(s.id, start, end, s.text[start:end])


def _content_positions(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, stem)`` for each content word of a sentence."""
    return [(a, b, stem(w)) for a, b, w in word_spans(text) if w not in STOP_WORDS]


def _role(text: str, start: int, end: int, exclude: set[str]) -> set[str]:
    """Content stems within ``ROLE_WINDOW`` words either side of ``text[start:end]``.

    Stems are tagged with their side ("<" before, ">" after), so two names
    share a role only when the same word stands on the same side of both.
    """
    words = [w for w in _content_positions(text) if w[2] not in exclude]
    before = ["<" + w[2] for w in words if w[1] <= start][-ROLE_WINDOW:]
    after = [">" + w[2] for w in words if w[0] >= end][:ROLE_WINDOW]
    return set(before) | set(after)


# -- numbers -----------------------------------------------------------------------


def _same_value(a: Quantity, b: Quantity) -> bool:
    if a.value is None or b.value is None:
        return False
    for q, other in ((a, b), (b, a)):
        if q.high is not None and q.value <= other.value <= q.high:
            return True
    return abs(a.value - b.value) <= 1e-9 * max(abs(a.value), abs(b.value), 1.0)


def _unit_key(q: Quantity) -> str | None:
    return stem(q.unit.lower()) if q.unit else None


def _comparable(q: Quantity, text: str) -> bool:
    # Vague amounts ("dozens"), durations counted back from the article date
    # and definite references ("the two countries") are not stated values.
    if q.value is None or q.ago:
        return False
    before = [w for _, _, w in word_spans(text[: q.start])][-1:]
    return not (before and before[0] in DEFINITE)


def number_differences(a: Sentence, b: Sentence) -> list[Difference]:
    """Different values for the same quantity role, and the same value for different nouns."""
    qa = [q for q in find_quantities(a.text) if _comparable(q, a.text)]
    qb = [q for q in find_quantities(b.text) if _comparable(q, b.text)]
    if not qa or not qb:
        return []
    stems_a = {w[2] for w in _content_positions(a.text)}
    stems_b = {w[2] for w in _content_positions(b.text)}
    out: list[Difference] = []
    for x in qa:
        if any(_same_value(x, y) and y.kind == x.kind for y in qb):
            continue  # this value is in both
        for y in qb:
            if y.kind != x.kind or any(_same_value(y, z) and z.kind == y.kind for z in qa):
                continue
            if x.kind == "count":
                same_role = _unit_key(x) is not None and _unit_key(x) == _unit_key(y)
            elif x.kind == "money":
                same_role = x.unit == y.unit and bool(
                    _role(a.text, x.start, x.end, set()) & _role(b.text, y.start, y.end, set())
                )
            else:
                same_role = bool(
                    _role(a.text, x.start, x.end, set()) & _role(b.text, y.start, y.end, set())
                )
            if same_role:
                what = x.unit if x.kind == "count" and x.unit else "figure"
                out.append(
                    Difference("number", what, _span(a, x.start, x.end), _span(b, y.start, y.end))
                )
                break
    # Same count, a different noun for what it counts.
    for x in qa:
        for y in qb:
            if x.kind != "count" or y.kind != "count" or not _same_value(x, y):
                continue
            ux, uy = _unit_key(x), _unit_key(y)
            if ux and uy and ux != uy and ux not in stems_b and uy not in stems_a:
                out.append(
                    Difference(
                        "wording", x.text, _span(a, x.start, x.end), _span(b, y.start, y.end)
                    )
                )
    return out


# -- names -------------------------------------------------------------------------


def _name_words(name: str) -> list[str]:
    words = [w for _, _, w in word_spans(name)]
    core = [w for w in words if w not in TITLE_WORDS]
    return core or words


def same_entity(x: str, y: str) -> bool:
    """Whether two written names plausibly refer to the same entity.

    Titles are ignored ("President Lee" = "Lee"); one name may be a part of
    the other ("Lee" = "Lee Jae-myung"), unless the longer one ends in an
    organisation word ("Acme" ≠ "Acme Airlines").
    """
    wx, wy = _name_words(x), _name_words(y)
    if wx == wy:
        return True
    short, long_ = (wx, wy) if len(wx) <= len(wy) else (wy, wx)
    if len(short) == len(long_):
        return False
    if long_[-1] in ORGANISATION_WORDS and short[-1] != long_[-1]:
        return False
    n = len(short)
    return any(long_[i : i + n] == short for i in range(len(long_) - n + 1))


def _is_party(name: str) -> bool:
    return " " in name or not name.lower().endswith(DEMONYM_ENDINGS)


def name_differences(a: Sentence, b: Sentence) -> list[Difference]:
    """A different name in the same role: both described or acted on by the same words."""
    names_a = [n for n in entity_spans(a.text) if _is_party(n[2])]
    names_b = [n for n in entity_spans(b.text) if _is_party(n[2])]
    only_a = [n for n in names_a if not any(same_entity(n[2], m[2]) for m in names_b)]
    only_b = [m for m in names_b if not any(same_entity(m[2], n[2]) for n in names_a)]
    # The claim must be about the same thing: some other party is in both.
    if not any(same_entity(n[2], m[2]) for n in names_a for m in names_b):
        return []
    name_stems = {stem(w) for n in names_a + names_b for w in _name_words(n[2])}
    out: list[Difference] = []
    used_b: set[int] = set()
    for sa, ea, _ in only_a:
        role_a = _role(a.text, sa, ea, name_stems)
        for j, (sb, eb, _) in enumerate(only_b):
            if j in used_b:
                continue
            shared = role_a & _role(b.text, sb, eb, name_stems)
            if shared:
                used_b.add(j)
                what = " ".join(sorted(w[1:] for w in shared))
                out.append(Difference("name", what, _span(a, sa, ea), _span(b, sb, eb)))
                break
    return out


# -- status ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Marker:
    start: int
    end: int
    status: str  # tentative | settled | future | negated


def _markers(text: str) -> list[_Marker]:
    """Status words in a sentence; a settled word after a negator is "negated"."""
    words = word_spans(normalise(text))
    out: list[_Marker] = []
    for i, (start, end, w) in enumerate(words):
        if i and words[i - 1][2] in DETERMINERS:
            continue
        if w in FUTURE:
            out.append(_Marker(start, end, "future"))
        elif w in TENTATIVE:
            out.append(_Marker(start, end, "tentative"))
        elif w in SETTLED:
            window = words[max(0, i - 3) : i]
            neg = [x for x in window if x[2] in NEGATORS or x[2].endswith("n't")]
            if neg:
                out.append(_Marker(neg[0][0], end, "negated"))
            else:
                out.append(_Marker(start, end, "settled"))
    return out


def _verb_phrase(text: str, marker: _Marker) -> tuple[int, int]:
    """Extend a status word to the action it governs ("considering leasing", "will lease")."""
    end = marker.end
    for _, stop, w in [w for w in word_spans(text) if w[0] >= marker.end][:3]:
        if w == "to" or w.endswith("ly"):
            continue
        if w not in STOP_WORDS and w not in NEGATORS:
            end = stop
        break
    return marker.start, end


def _predicates(text: str) -> dict[str, _Marker]:
    """Content stems governed by a status word: ``{"leas": marker}`` for "will lease"."""
    words = word_spans(text)
    out: dict[str, _Marker] = {}
    for m in _markers(text):
        following = [w for w in words if w[0] >= m.end][:3]
        for _, _, w in following:
            if w in STOP_WORDS or w in NEGATORS or w.endswith("ly"):
                continue  # skip to the action word ("will reportedly lease")
            out.setdefault(stem(w), m)
            break
        out.setdefault(stem(text[m.start : m.end].split()[-1].lower()), m)
    return out


def _negations(text: str) -> dict[str, tuple[int, int]]:
    """Content stems under a negator: ``{"cut": (start, end)}`` for "will not cut"."""
    words = word_spans(normalise(text))
    out: dict[str, tuple[int, int]] = {}
    for i, (start, _, w) in enumerate(words):
        if w not in NEGATORS and not w.endswith("n't"):
            continue
        for _, end, nxt in words[i + 1 : i + 4]:
            if nxt in STOP_WORDS or nxt in NEGATORS:
                continue
            out.setdefault(stem(nxt), (start, end))
            break
    return out


def negation_differences(a: Sentence, b: Sentence) -> list[Difference]:
    """An action negated in one sentence and stated plainly in the other."""
    na, nb = _negations(a.text), _negations(b.text)
    plain_a = {w[2]: w for w in _content_positions(a.text)}
    plain_b = {w[2]: w for w in _content_positions(b.text)}
    for key in sorted(na.keys() - nb.keys()):
        if key in plain_b:
            w = plain_b[key]
            return [Difference("status", key, _span(a, *na[key]), _span(b, w[0], w[1]))]
    for key in sorted(nb.keys() - na.keys()):
        if key in plain_a:
            w = plain_a[key]
            return [Difference("status", key, _span(a, w[0], w[1]), _span(b, *nb[key]))]
    return []


def status_differences(a: Sentence, b: Sentence) -> list[Difference]:
    """The same action reported at a different stage, or negated in one source only.

    Two cases: a shared action word whose status words differ ("is
    considering leasing" vs "will lease"), and sentences whose status words
    are wholly different kinds ("considering" vs "signed", "agreed" vs "not
    announced").
    """
    negated = negation_differences(a, b)
    if negated:
        return negated
    pa, pb = _predicates(a.text), _predicates(b.text)
    for key in sorted(pa.keys() & pb.keys()):
        ma, mb = pa[key], pb[key]
        if ma.status != mb.status and key not in (stem("will"),):
            sa, sb = _verb_phrase(a.text, ma), _verb_phrase(b.text, mb)
            return [Difference("status", key, _span(a, *sa), _span(b, *sb))]
    ka, kb = _markers(a.text), _markers(b.text)
    statuses_a, statuses_b = {m.status for m in ka}, {m.status for m in kb}
    if not statuses_a or not statuses_b or statuses_a & statuses_b:
        return []
    # Only clear contrasts: a plan against a done deal, a done deal against a denial.
    contrasts = {("tentative", "settled"), ("settled", "negated"), ("future", "negated")}
    for ma in ka:
        for mb in kb:
            if (ma.status, mb.status) in contrasts or (mb.status, ma.status) in contrasts:
                sa, sb = _verb_phrase(a.text, ma), _verb_phrase(b.text, mb)
                return [Difference("status", "status", _span(a, *sa), _span(b, *sb))]
    return []


def differences(a: Sentence, b: Sentence) -> list[Difference]:
    """Every difference the rules find between two aligned sentences."""
    return [*number_differences(a, b), *name_differences(a, b), *status_differences(a, b)]
