"""Open questions: what the sources say is not known, not disclosed or unclear.

A sentence is an open statement when one of its clauses uses general
hedging vocabulary: "has not been disclosed/announced", "it is not clear
whether", "is unclear", "did not say how", "is yet to be decided", "could
not be verified"... Each such clause becomes one item, phrased as a question
by word-order rules that only move or drop words already there:

* "X has/have not (yet) been announced" → "Has/Have X been announced?"
  (or "What is/are X?" when X is the details, terms, cost... of something);
* "it is not clear whether they involve Y" → "Do they involve Y?", with a
  pronoun subject replaced by the noun phrase the sentence opens with;
* "... did not say how much the line will cost" → "How much will the line cost?".

When no rule applies safely, the clause is quoted as written. Questions
about the same subject are merged, citing every sentence they rest on.
"""

from __future__ import annotations

import re

from ..items import Cited, Comparison, DisputeQuestion
from ..model import Document, Sentence
from .clauses import strip_connective, trim
from .lexicon.items_en import PENDING
from .phrases import label_around
from .tokens import normalise

_PARTICIPLES = (
    r"(?:disclosed|announced|made\s+public|released|revealed|published|confirmed|decided|"
    r"determined|finali[sz]ed|specified|identified|set|agreed|explained|clarified|known|"
    r"settled|verified|made|given|named|approved|signed)"
)
_NOT_BEEN = re.compile(
    rf"(?P<subj>[^,;:]*?)\s+(?:(?P<aux>has|have|had)\s+not\s+(?:yet\s+)?been|"
    rf"(?P<be>is|are|was|were)\s+not\s+(?:yet\s+)?)\s*(?P<part>{_PARTICIPLES})\b",
    re.IGNORECASE,
)
_WHETHER = re.compile(
    r"\b(?:it\s+(?:is|was|remains|remained)\s+(?:not\s+(?:yet\s+)?clear|unclear|unknown|"
    r"uncertain|not\s+known|to\s+be\s+seen)|(?:no\s+one|nobody)\s+knows|"
    r"(?:did|does|do|would|could)\s+not\s+(?:immediately\s+)?(?:say|disclose|specify|reveal|"
    r"confirm|explain)|declined\s+to\s+(?:say|disclose|specify|confirm)|"
    r"(?:has|have|had)\s+not\s+(?:yet\s+)?(?:said|decided|disclosed|announced|confirmed)|"
    r"(?:has|have|had|is|are)\s+yet\s+to\s+(?:decide|say|announce|confirm|disclose)|"
    r"(?:is|are|was|were)\s+(?:yet\s+to\s+(?:decide|announce|say|confirm)|undecided\s+(?:on)?))"
    r"\s+(?P<wh>whether|if|how\s+much|how\s+many|how\s+long|how|when|where|why|who|what|which)"
    r"\s+(?P<rest>[^;]+)",
    re.IGNORECASE,
)
_STATE = re.compile(
    r"(?P<subj>[^,;:]*?)\s+(?:is|are|was|were|remains?|remained)\s+(?:still\s+)?"
    r"(?:unclear|unknown|uncertain|undecided|not\s+(?:yet\s+)?(?:clear|known|public)|"
    r"(?:yet\s+)?to\s+be\s+(?:decided|determined|announced|confirmed|disclosed|settled|seen))\b",
    re.IGNORECASE,
)
_UNVERIFIED = re.compile(
    r"\b(?:could|can)\s*not\s+(?:be\s+)?(?:independently\s+)?(?:verified|verify|confirmed|confirm)"
    r"|\bno\s+(?:details|decision|date|timeline|figures?|price|terms)\s+(?:has|have|had|was|were)"
    r"\s+(?:yet\s+)?(?:been\s+)?(?:given|announced|made|set|released|disclosed|reached)",
    re.IGNORECASE,
)
# Replies to the reporter are not open questions about the story.
_NO_COMMENT = re.compile(r"respond|comment", re.IGNORECASE)

_AUX = {
    "will", "would", "can", "could", "should", "may", "might", "must", "shall",
    "is", "are", "was", "were", "has", "have", "had", "does", "do", "did",
}  # fmt: skip
_PRONOUNS = {"they", "it", "he", "she", "we", "this", "these", "those"}
_INFO_NOUNS = {
    "content", "contents", "detail", "details", "term", "terms", "value", "cost", "costs",
    "price", "amount", "size", "scope", "timing", "date", "dates", "location", "identity",
    "name", "names", "number", "cause", "reason", "reasons", "outcome", "result", "results",
    "wording", "figure", "figures", "timeline", "source", "sources",
}  # fmt: skip
_DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "this", "these", "those", "no"}
# "How the line will be funded remains unclear": the subject is itself a question.
_WH_SUBJECT = re.compile(
    r"^(?P<wh>whether|how\s+much|how\s+many|how\s+long|how|when|where|why|who|what|which)"
    r"\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
# Every pattern above needs one of these words. Checking for them first skips
# the backtracking patterns on the many sentences that hedge nothing.
_HINT = re.compile(
    r"\b(?:not|cannot|no|nobody|unclear|unknown|uncertain|undecided|yet|declined|to\s+be)\b",
    re.IGNORECASE,
)
# A differing value longer than this is a clause, not a figure or a name.
SHORT_VALUE = 6
_CLAUSE_BREAK = re.compile(r",\s+(?:but|and|while|although|though|yet)\s+|;\s+|\s+but\s+")


def _lower_first(phrase: str) -> str:
    first = phrase.split(" ", 1)[0]
    if first.lower() in _DETERMINERS or first.lower() in _PRONOUNS:
        return first.lower() + phrase[len(first) :]
    return phrase


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _clean_subject(subj: str) -> str | None:
    subj = subj.strip(" ,\"'“”")
    # Keep only the clause the subject sits in ("..., but the terms" → "the terms").
    subj = re.split(r"\b(?:and|but|while|although|though|yet|that|as)\s+", subj)[-1].strip()
    subj = re.sub(r"^(?:however|so\s+far|still|also|meanwhile)\s*,?\s*", "", subj, flags=re.I)
    words = subj.split()
    if not words or len(words) > 10:
        return None
    return subj


def _head_noun(subj: str) -> str:
    words = [w.lower().strip(",.") for w in subj.split()]
    while words and words[0] in _DETERMINERS:
        words.pop(0)
    return words[0] if words else ""


def _from_not_been(m: re.Match[str]) -> tuple[str, str] | None:
    subj = _clean_subject(m.group("subj"))
    if not subj or subj.split()[0].lower() in {"it", "there"}:
        return None
    head = _head_noun(subj)
    if head in _INFO_NOUNS and m.group("part").lower() in (
        "disclosed",
        "released",
        "revealed",
        "made public",
        "published",
        "announced",
        "known",
    ):
        verb = "are" if head.endswith("s") else "is"
        return f"What {verb} {_lower_first(subj)}?", subj.lower()
    if m.group("aux"):
        q = f"{_upper_first(m.group('aux').lower())} {_lower_first(subj)} been {m.group('part')}?"
    else:
        q = f"{_upper_first(m.group('be').lower())} {_lower_first(subj)} {m.group('part')}?"
    return q, subj.lower()


def _agrees(pronoun: str, antecedent: str) -> bool:
    """A pronoun may stand for the antecedent only when their number agrees."""
    plural = _head_noun(antecedent).endswith("s")
    p = pronoun.lower()
    return (p in ("they", "these", "those") and plural) or (p in ("it", "this") and not plural)


def _invert(wh: str, rest: str, antecedent: str | None) -> str | None:
    """ "whether they will pay" → "Will they pay?"; "how much it costs" → None (no auxiliary)."""
    rest = re.split(r"[,;]|\s[—–]\s", rest.strip())[0].strip().rstrip(".")
    words = rest.split()
    if len(words) < 2:
        return None
    wh = " ".join(wh.lower().split())
    prefix = "" if wh in ("whether", "if") else _upper_first(wh) + " "
    if wh in ("who", "what", "which") and words[0].lower() in _AUX:
        return None  # "who will pay": the wh-word is the subject, no inversion needed
    for i, w in enumerate(words[:7]):
        if w.lower() in _AUX and i > 0:
            subject = " ".join(words[:i])
            if antecedent and _agrees(subject, antecedent):
                subject = antecedent
            tail = " ".join(words[i + 1 :])
            aux = w.lower()
            q = f"{aux} {_lower_first(subject)} {tail}".strip()
            return (prefix + q if prefix else _upper_first(q)) + "?"
    # No auxiliary: only a plural pronoun subject with a present-tense verb is safe ("they involve").
    if words[0].lower() == "they" and not words[1].lower().endswith("ed"):
        subject = antecedent if antecedent and _agrees("they", antecedent) else "they"
        q = f"do {_lower_first(subject)} {' '.join(words[1:])}"
        return (prefix + q if prefix else _upper_first(q)) + "?"
    return None


def _opening_subject(text: str) -> str | None:
    """The noun phrase a sentence opens with, for "they" → "the contents of the agreement"."""
    m = re.match(
        r"^(?P<np>(?:the|its|their|a|an)\s+[^,;]*?)\s+(?:has|have|had|is|are|was|were|will|would)\b",
        text,
        re.IGNORECASE,
    )
    if not m or len(m.group("np").split()) > 8:
        return None
    return _lower_first(m.group("np"))


def _quote(clause: str) -> str:
    return "“" + trim(clause.strip().rstrip("."), max_words=30).rstrip(".") + "”"


def questions_in(sentence: Sentence) -> list[tuple[str, str]]:
    """``(question text, merge key)`` for each open statement in one sentence."""
    text = normalise(sentence.text).replace('"', "")
    if not _HINT.search(text):
        return []
    if _NO_COMMENT.search(text) and not _WHETHER.search(text):
        return []
    out: list[tuple[str, str]] = []
    antecedent = _opening_subject(text)
    for clause in _CLAUSE_BREAK.split(text):
        clause = clause.strip()
        if not clause:
            continue
        found = False
        if m := _NOT_BEEN.search(clause):
            made = _from_not_been(m)
            out.append(made if made else (_quote(clause), clause.lower()))
            found = True
        if m := _WHETHER.search(clause):
            q = _invert(m.group("wh"), m.group("rest"), antecedent)
            out.append((q or _quote(clause), (q or clause).lower()))
            found = True
        if found:
            continue
        if m := _STATE.search(clause):
            wh = _WH_SUBJECT.match(m.group("subj").strip())
            q = _invert(wh.group("wh"), wh.group("rest"), antecedent) if wh else None
            key = q or _clean_subject(m.group("subj")) or clause
            out.append((q or _quote(clause), key.lower()))
        elif _UNVERIFIED.search(clause):
            out.append((_quote(clause), clause.lower()))
    return out


def pending_in(sentence: Sentence) -> list[tuple[str, str]]:
    """Pending and conditional clauses ("still needs the approval of…", "are assessing").

    What is not settled yet is an open question; the clause is quoted as written,
    trimmed, since no word-order rule turns every such clause into a question.
    """
    text = normalise(sentence.text)
    if not PENDING.search(text):
        return []
    out = []
    for clause in re.split(r";\s+|\s[—–]\s", text):
        if PENDING.search(clause) and not _NO_COMMENT.search(clause):
            quoted = _quote(strip_connective(clause.strip()))
            out.append((quoted, clause.lower()))
    return out


def is_open_statement(sentence: Sentence) -> bool:
    return bool(questions_in(sentence))


def disagreement_questions(
    comparison: Comparison, documents: list[Document], labels: dict[str, str]
) -> list[Cited]:
    """Every disagreement between sources as a question that cites both sides.

    "The treaty runs: 10 years (Wire) or eight years (Paper)?" The words before
    the colon are what the first side's figure or name belongs to.
    """
    sentences = {s.id: s for d in documents for s in d.sentences}
    out = []
    for d in comparison.discrepancies:
        if d.within_source or len(d.values) < 2 or d.kind == "wording" or d.confidence < 0.5:
            continue
        first = d.cites[0]
        span = d.marks.get(first)
        what = label_around(sentences[first].text, *span) if span else ""
        if all(len(v.split()) <= SHORT_VALUE for v in d.values.values()):
            by_value: dict[str, list[str]] = {}  # one option per value, naming its sources
            for src, v in d.values.items():
                by_value.setdefault(v, []).append(labels.get(src, src))
            sides = " or ".join(f"{v} ({', '.join(names)})" for v, names in by_value.items())
            text = f"{what}: {sides}?" if what else f"Which is it: {sides}?"
        else:  # whole clauses differ: name the sources, the cites show their words
            head = d.summary.split(":")[0].strip()
            about = f" ({what})" if what else ""
            sides = " or ".join(labels.get(src, src) for src in d.values)
            text = f"{head}{about}: {sides}?"
        same = next((q for q in out if q.text == text), None)
        if same is not None:  # one question for the same two sources differing the same way
            same.cites.extend(c for c in d.cites if c not in same.cites)
        else:
            out.append(DisputeQuestion(text=text, cites=list(d.cites), topic=d.topic))
    return out


def open_questions(documents: list[Document], comparison: Comparison | None = None) -> list[Cited]:
    """Open questions across sources, in reading order, merged by subject.

    Unknowns and pending steps come first, then the disagreements the
    comparison leaves unresolved. A sentence already asked about through a
    disagreement is not asked about again.
    """
    items: list[Cited] = []
    by_key: dict[str, Cited] = {}
    kinds = {d.id: d.meta.kind for d in documents}
    for d in documents:
        for s in d.body_sentences:
            found = questions_in(s)
            if not found:
                found = pending_in(s)
            for text, key in found:
                key = " ".join(re.findall(r"\w+", key))
                if key in by_key:
                    if s.id not in by_key[key].cites:
                        by_key[key].cites.append(s.id)
                    continue
                item = Cited(text=text, cites=[s.id])
                by_key[key] = item
                items.append(item)
    if comparison is not None:
        labels = {d.id: d.meta.label for d in documents}
        items += disagreement_questions(comparison, documents, labels)
    source_of = {s.id: d.id for d in documents for s in d.sentences}
    for item in items:
        item.translation = all(kinds.get(source_of[c]) == "translation" for c in item.cites)
    return items
