"""What the page shows beside the comparison: key points, facts, timeline entries,
open questions and single-source claims, once :mod:`.publish` has decided which
discrepancies and agreements are sure enough to show.

Each rule holds an item back when the page could not show it honestly:

* a **key point** that says "sources differ" about a difference the page does not
  show, or that states as settled a sentence some proposed disagreement disputes;
* a **fact** that no second source confirms and no shown difference explains, whose
  label names nothing, or whose label names a unit its value is not in;
* a **timeline entry** whose date is disputed, or whose label is no event (no subject
  and finite verb with something after it: "The mayor had agreed", "Ana Example");
* an **open question** built from a disagreement the page does not show;
* a **single-source claim** that a proposed link ties to another source's sentence,
  or whose figure another source gives too.

An editor's pin always wins. Held items keep their reason in the export.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..items import Cited, Comparison, DisputeQuestion, Fact, HeldBack, KeyPoint, TimelineEntry
from ..model import Sentence
from .clauses import strip_connective, trim
from .keypoints import DIFFER
from .lexicon import lexicon
from .lexicon.items_en import DANGLING, FINITE_VERBS, MEASURE_UNITS, SUBJECT_PRONOUNS
from .quantities import find_quantities
from .tfidf import pairwise, sentence_vectors

EN = lexicon("en")
MAX_FACTS = 8
# A present-tense verb: a lower-case word in -s, not a plural in -ss, -us or -is.
_PRESENT_S = re.compile(r"[a-z]{2,}[^su'’]s")
_VERB_GROUP = frozenset({"not", "been", "being", "be", "also", "already", "just"})
# A timeline entry told by its whole sentence is cut to its first clauses within this.
TIMELINE_WORDS = 40
# A claim this similar (TF-IDF cosine) to a sentence of another source may be reported
# there too: on labelled stories, the single-source claims below it are right about one
# time in two more often than those above it (0.46 -> 0.59 on development stories).
ONLY_SIMILAR = 0.2
Mark = tuple[str, int, int]  # (kind of the disagreement, start, end) in one sentence
_WHEN = ("date", "time", "duration")
_EMPTY_LABELS = {"this", "that", "these", "those", "he", "she", "they", "it", "miles", "set",
                 "km", "kilometres", "kilometers", "percent", "per", "cent", "days", "hours",
                 "years", "months", "weeks", "minutes"}  # fmt: skip


def hold(held: list[HeldBack], section, reason: str, confidence: float, item) -> None:
    held.append(HeldBack(section, reason, confidence, item))


def key_points(points: list[KeyPoint], shown: set[str], disputed: set[str], held) -> list:
    """``shown``: sentences of the differences the page shows; ``disputed``: sentences of
    every proposed difference, shown or held back."""
    out = []
    for p in points:
        if p.pinned:
            out.append(p)
        elif p.text.startswith(DIFFER) and not shown & set(p.cites):
            hold(held, "key_points", "its difference is not sure enough to show", 0.0, p)
        elif not p.text.startswith(DIFFER) and disputed & set(p.cites):
            hold(held, "key_points", "another source may dispute it", 0.0, p)
        else:
            out.append(p)
    return out


def _names_something(label: str) -> bool:
    """A label names what is measured: a content word, not a unit, a value or a pronoun."""
    words = re.findall(r"[A-Za-z][a-z]{2,}", label)
    return len(words) >= 2 or (bool(words) and words[0].lower() not in _EMPTY_LABELS)


def _cut_label(label: str) -> bool:
    """A label the figure was cut out of: it opens with a verb ("Was released") or ends on
    the unit the figure stood before ("The firm was fined euros", "flying km/h")."""
    words = re.findall(r"[\w’'/%-]+", label)
    if not words:
        return True
    last = words[-1].lower()
    opens = words[0].lower() in FINITE_VERBS or words[0].lower() in EN.IRREGULAR_VERBS
    return opens or last in MEASURE_UNITS or last in EN.CURRENCY_WORDS or "/" in last


def _other_unit(f: Fact) -> bool:
    """The label names a unit the value is not measured in ("Metres of snow": 3 days)."""
    units = {w for w in re.findall(r"[a-z]+", f.label.lower()) if w in MEASURE_UNITS}
    value = f.value.lower()
    return bool(units) and not any(u[:4] in value for u in units)


def _fact_disputed(f: Fact, disputed: dict[str, list[Mark]], sentences) -> bool:
    for sid in f.cites:
        at = sentences[sid].text.find(f.value)
        lo, hi = (at, at + len(f.value)) if at >= 0 else (0, 10**9)
        if any(lo < end and start < hi for _, start, end in disputed.get(sid, ())):
            return True
    return False


def facts(
    items: list[Fact], disputed: dict[str, list[Mark]], sentences, held, shown: set[str]
) -> list[Fact]:
    out: list[Fact] = []
    for f in items:
        if f.status == "sources-differ" and not shown & set(f.cites):
            # A difference the page does not show is not told in the fact boxes either.
            hold(held, "facts", "its difference is not sure enough to show", 0.0, f)
        elif f.status != "sources-differ" and _fact_disputed(f, disputed, sentences):
            hold(held, "facts", "its value is one side of a disagreement", 0.0, f)
        elif f.status == "one-source":
            hold(held, "facts", "no second source gives this figure", 0.3, f)
        elif not _names_something(f.label) or _other_unit(f) or _cut_label(f.label):
            hold(held, "facts", "its label does not name what the figure measures", 0.0, f)
        elif len(out) >= MAX_FACTS:
            hold(held, "facts", f"past the first {MAX_FACTS} figures", 0.5, f)
        else:
            f.shown = True
            out.append(f)
    return out


def _is_verb(words: list[str], i: int) -> bool:
    """A finite verb or a past form, not an adjective after a determiner ("the confirmed
    toll") nor the first word of a name ("United Nations")."""
    low = words[i].lower()
    if low in FINITE_VERBS or low in EN.IRREGULAR_VERBS:
        return True
    after_determiner = i > 0 and words[i - 1].lower() in EN.DETERMINERS
    if _PRESENT_S.fullmatch(words[i]) and i >= 2 and not after_determiner:
        return True  # "The club hopes to sign": a present verb after its subject
    if not (len(low) > 4 and low.endswith("ed")):
        return False
    in_name = words[i][:1].isupper() and i + 1 < len(words) and words[i + 1][:1].isupper()
    return not after_determiner and not in_name


def is_event(label: str) -> bool:
    """A subject that is no bare pronoun, a verb, and something after the verb group:
    "The council voted to close the plant", not "Ana Example", "The mayor had agreed",
    "closed the road", "It changed the total" or "The board had met"."""
    words = re.findall(r"[\w’'-]+", label)
    for i in range(len(words)):
        if not _is_verb(words, i):
            continue
        subject = [w.lower() for w in words[:i]]
        if not subject or (len(subject) == 1 and subject[0] in SUBJECT_PRONOUNS):
            return False  # no subject, or one the label does not name
        j = i + 1
        while j < len(words) and (_is_verb(words, j) or words[j].lower() in _VERB_GROUP):
            j += 1  # "had been warned", "has not spoken": the verb group itself
        rest = [w.lower() for w in words[j:]]
        # "… by July 24, the regulator said": an attribution ends a whole clause
        return bool(rest) and (rest[-1] not in DANGLING or rest[-1] in EN.ATTRIBUTION)
    return False


def _event_label(t: TimelineEntry, sentences: dict[str, Sentence]) -> str | None:
    """The entry's first sentence, trimmed to its first clauses, when it tells an event;
    else the entry's own label when that does; else None. The sentence comes first: a
    label cut around the date loses the figure or the subject ("Water levels are expected
    to hit", "Engineers said early")."""
    whole = trim(strip_connective(sentences[t.cites[0]].text), max_words=TIMELINE_WORDS)
    if is_event(whole):
        return whole
    return t.label if is_event(t.label) else None


_SINCE = re.compile(r"\b(?:\w+est|most|least|first|best|worst)\s+(?:\w+\s+){0,2}since\b", re.I)


def _record_since(t: TimelineEntry, sentences: dict[str, Sentence]) -> bool:
    """ "the highest since 2010" compares with a date; nothing happened then."""
    return t.phrase.lower().startswith("since") and any(
        _SINCE.search(sentences[c].text) for c in t.cites
    )


def timeline(
    entries: list[TimelineEntry], disputed: dict[str, list[Mark]], sentences, held
) -> list[TimelineEntry]:
    out = []
    told: set[str] = set()
    for t in entries:
        label = _event_label(t, sentences)
        if any(kind in _WHEN for sid in t.cites for kind, _, _ in disputed.get(sid, ())):
            hold(held, "timeline", "its date is one side of a disagreement", 0.0, t)
        elif label is None:
            hold(held, "timeline", "its label does not say what happened", 0.0, t)
        elif _record_since(t, sentences):
            hold(held, "timeline", "its date is a comparison, not an event", 0.0, t)
        elif label.lower() in told:
            # "from 2019 to 2022": one sentence, two dates, told once
            hold(held, "timeline", "it repeats an entry told at another date", 0.0, t)
        else:
            t.label = label
            told.add(label.lower())
            out.append(t)
    return out


def open_questions(questions: list[Cited], shown: set[str], agreements: list, held) -> list[Cited]:
    """Questions about shown differences, and unknowns; two sources' words for one unknown
    (their sentences in one shown agreement) are one question citing both."""
    group = {c: i for i, a in enumerate(agreements) for c in a.cites}
    out: list[Cited] = []
    asked: dict[int, Cited] = {}
    for q in questions:
        if isinstance(q, DisputeQuestion):
            if shown & set(q.cites):
                out.append(q)
            else:
                hold(held, "open_questions", "its difference is not sure enough to show", 0.0, q)
            continue
        same = next((asked[group[c]] for c in q.cites if group.get(c) in asked), None)
        if same is not None:
            same.cites.extend(c for c in q.cites if c not in same.cites)
            hold(held, "open_questions", "another source asks the same", 0.0, q)
            continue
        for c in q.cites:
            if c in group:
                asked[group[c]] = q
        out.append(q)
    return out


def _figures(text: str) -> set[tuple[str, float]]:
    """The figures of a sentence by value, so "40" meets "forty"; a bare number and
    a count are one kind ("410 were hired", "410 workers")."""
    kinds = {"count": "number"}
    return {
        (kinds.get(q.kind, q.kind), q.value) for q in find_quantities(text) if q.value is not None
    }


def _nearest_elsewhere(ids: set[str], sentences: dict[str, Sentence]) -> dict[str, float]:
    """For each of ``ids``, its highest TF-IDF cosine with a sentence of another source
    (only pairs sharing a word are compared, so this stays near-linear)."""
    if not ids:
        return {}
    vectors = sentence_vectors({sid: s.text for sid, s in sentences.items() if s.role == "body"})
    sims = pairwise(vectors)
    source = {sid: s.source_id for sid, s in sentences.items()}
    out = {}
    for sid in ids:
        others = (v for other, v in sims.get(sid, {}).items() if source[other] != source[sid])
        out[sid] = max(others, default=0.0)
    return out


def only_in(comparison: Comparison, linked: set[str], sentences: dict[str, Sentence], held) -> None:
    """Keep a claim as single-source only when nothing ties it to another source:
    no proposed agreement or difference, and no figure another source also gives."""
    figures_of: dict[tuple[str, float], set[str]] = {}
    for s in sentences.values():
        for fig in _figures(s.text):
            figures_of.setdefault(fig, set()).add(s.source_id)
    candidates = {c.cites[0] for items in comparison.only_in.values() for c in items}
    near = _nearest_elsewhere(candidates, sentences)
    for source, items in comparison.only_in.items():
        kept = []
        for c in items:
            shared = any(figures_of.get(f, set()) - {source} for f in _figures(c.text))
            if linked & set(c.cites) or shared or near.get(c.cites[0], 0.0) >= ONLY_SIMILAR:
                hold(held, "only_in", "another source may report it too", 0.0, c)
            else:
                kept.append(c)
        comparison.only_in[source] = kept


def cited(items: Iterable) -> set[str]:
    return {c for item in items for c in item.cites}
