"""Publish only what is right: a calibrated probability on every candidate item, and
the page shows only items at or above the publishing threshold.

Everything else stays in the export as ``held_back``, with its reason, for the author
to confirm or reject. The rules propose; this step decides what a reader sees:

* **discrepancies** carry the probability that they report a real disagreement,
  from a logistic model over which rules found them and how surely their sentences
  report one claim (weights fitted by ``python -m evaluation.calibrate``);
* **agreements** carry the fitted probability that their weakest pair reports one
  claim (the alignment model's own, :mod:`.align`);
* **facts** whose sentence is one side of a disagreement are never shown as
  undisputed; facts past the first :data:`MAX_FACTS`, or whose label names nothing,
  are held back;
* **timeline** entries whose sentence is one side of a disagreement are held back.

An editor's word always wins: an added discrepancy, or one with an editor's note, is
shown whatever its probability, and an item the editor kept or dropped in the content
file's ``curation:`` block is shown or held back as they said (:mod:`.editor`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from ..decisions import DROPPED, review
from ..items import Agreement, Comparison, Discrepancy, HeldBack
from ..model import Sentence
from . import editor
from . import publish_page as page
from .agreement_checks import figures_clash, names_clash
from .claims import statement
from .compare import VALUE_RULES
from .conflicts import RULES
from .slots import amounts, compatible

# The default of EXPLAINER["publish_threshold"]: the lowest at which discrepancies of
# first-sight stories the weights were not fitted on reach about 0.9 precision
# (``python -m evaluation.calibrate``, leave one story out; see the README).
PUBLISH_THRESHOLD = 0.82
MAX_FACTS = page.MAX_FACTS

RULE_NAMES: tuple[str, ...] = (*(name for name, _ in RULES), *VALUE_RULES.values())
# Rules grouped by what they compare: few features, so that the weights can be fitted on
# the small set of stories scored at first sight without fitting their noise.
FAMILY: dict[str, str] = {
    "time": "clock", "implied date": "day", "role": "name", "title": "name",
    "same act": "status", "negation": "negation", "number values": "figure", "date values": "day",
    "duration values": "duration",
}  # fmt: skip
FAMILIES = tuple(dict.fromkeys(FAMILY.values()))
FEATURES: tuple[str, ...] = (
    *(f"found by {family} rules" for family in FAMILIES),
    "headline or dek",
    "three or more sources",
    "alignment",
    "rule confidence",
    "figures within a factor of two",
    "figures that fit each other",
)
# Fitted by ``python -m evaluation.calibrate --blind DIR`` on the stories scored at first
# sight (the holdout and each stop's new stories), never on the development stories.
WEIGHTS: dict[str, float] = {
    "found by clock rules": 0.63,
    "found by day rules": 0.32,
    "found by name rules": -0.20,
    "found by status rules": -0.08,
    "found by negation rules": -0.15,
    "found by figure rules": -0.95,
    "found by duration rules": 0.42,
    "headline or dek": 0.17,
    "three or more sources": 0.54,
    "alignment": 0.43,
    "rule confidence": 0.96,
    "figures within a factor of two": 0.79,
    "figures that fit each other": 0.00,
    "bias": -0.66,
}
BIAS = WEIGHTS["bias"]


def discrepancy_features(d: Discrepancy, sentences: dict[str, Sentence]) -> tuple[float, ...]:
    found_by = {FAMILY.get(rule, rule) for rule in d.rules}
    sources = {sentences[c].source_id for c in d.cites}
    head = any(sentences[c].role != "body" for c in d.cites)
    return (
        *(float(family in found_by) for family in FAMILIES),
        float(head),
        float(len(sources) >= 3),
        d.alignment,
        d.prior,
        *_figure_features(d),
    )


def _figure_features(d: Discrepancy) -> tuple[float, float]:
    """How far apart the sides' figures are: a real dispute over one count is usually
    within a factor of two (14 against 17 agreements), while figures an order of magnitude
    apart are more often two measures (24 jets against two carriers); and figures whose
    wordings fit each other ("more than 500", 530) may both be right."""
    if d.kind not in ("number", "duration"):
        return 0.0, 0.0
    sides = [amounts(v) for v in d.values.values()]
    firsts = [a[0] for a in sides if a]
    exact = [a.exact for a in firsts if a.exact]
    close = float(len(exact) >= 2 and min(exact) / max(exact) >= 0.5)
    fit = float(
        len(firsts) >= 2
        and all(compatible(x, y) for i, x in enumerate(firsts) for y in firsts[i + 1 :])
    )
    return close, fit


AGREEMENT_FEATURES = ("alignment (log-odds)", "three or more sentences")
# The alignment model's probability, recalibrated on first-sight stories: an agreement
# is right only when its sentences are one claim *and* agree on it.
AGREEMENT_WEIGHTS: dict[str, float] = {
    "alignment (log-odds)": 0.78,
    "three or more sentences": -0.45,
    "bias": -0.65,
}


def agreement_features(a: Agreement) -> tuple[float, ...]:
    p = min(max(a.alignment, 1e-4), 1 - 1e-4)
    return (math.log(p / (1 - p)), float(len(a.cites) >= 3))


def probability(
    features: Iterable[float],
    weights: dict[str, float] | None = None,
    names: tuple[str, ...] = FEATURES,
) -> float:
    weights = WEIGHTS if weights is None else weights
    z = weights.get("bias", BIAS) + sum(
        weights.get(name, 0.0) * x for name, x in zip(names, features, strict=True)
    )
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def _publish_comparison(
    comparison: Comparison, sentences: dict[str, Sentence], threshold: float, held: list
) -> None:
    for d in comparison.discrepancies:
        if not (d.curated or d.note):  # an item the editor has seen keeps its place
            d.confidence = round(probability(discrepancy_features(d, sentences)), 2)
    for a in comparison.agreements:
        features = agreement_features(a)
        a.confidence = round(probability(features, AGREEMENT_WEIGHTS, AGREEMENT_FEATURES), 2)
    comparison.discrepancies = _keep_sure(
        comparison.discrepancies, "discrepancies", "not sure enough it is a real difference",
        threshold, held, lambda d: d.curated or bool(d.note) or d.decision == "keep",
    )  # fmt: skip
    comparison.agreements = _keep_sure(
        comparison.agreements, "agreements", "not sure enough the sentences state one claim",
        threshold, held, lambda a: a.decision == "keep",
    )  # fmt: skip
    kept = []
    for a in comparison.agreements:
        if a.decision == "keep":
            kept.append(a)  # the editor read both sentences: their word wins
            continue
        pairs = [
            (x, y) for i, x in enumerate(a.cites) for y in a.cites[i + 1 :]
            if sentences[x].source_id != sentences[y].source_id
        ]  # fmt: skip
        if any(figures_clash(sentences[x].text, sentences[y].text) for x, y in pairs):
            page.hold(held, "agreements", "its sentences give figures that do not fit", 0.0, a)
        elif any(names_clash(statement(sentences[x]), statement(sentences[y])) for x, y in pairs):
            page.hold(held, "agreements", "its sentences name different people in one role", 0.0, a)
        else:
            kept.append(a)
    comparison.agreements = kept


def _keep_sure(items: list, section, reason: str, threshold: float, held: list, seen) -> list:
    """The items at or above the threshold (or seen by the editor); the rest held back."""
    kept = []
    for item in items:
        if item.decision == "drop":
            page.hold(held, section, DROPPED, item.confidence, item)
        elif seen(item) or item.confidence >= threshold:
            kept.append(item)
        else:
            page.hold(held, section, reason, item.confidence, item)
    return kept


Mark = page.Mark


def disputed_spans(comparison: Comparison, held: list[HeldBack]) -> dict[str, list[Mark]]:
    """Per sentence, the spans some proposed disagreement compares, shown or held back,
    with its kind: a value a reader is told is settled must lie in none of them."""
    # An editor's dropped difference is no disagreement: its sides may be shown as settled.
    proposed = (h.item for h in held if h.section == "discrepancies" and h.reason != DROPPED)
    items = [*comparison.discrepancies, *proposed]
    out: dict[str, list[Mark]] = {}
    for d in items:
        for sid in d.cites:
            start, end = d.marks.get(sid, (0, 10**9))
            out.setdefault(sid, []).append((d.kind, start, end))
    return out


def publish(explainer, threshold: float = PUBLISH_THRESHOLD) -> None:
    """Split the explainer's items into what the page shows and what is held back."""
    held: list[HeldBack] = []
    comparison = explainer.comparison
    sentences = explainer.sentences
    editor.mark_comparison(comparison, explainer.spec.curation)
    _publish_comparison(comparison, sentences, threshold, held)
    disputed = disputed_spans(comparison, held)
    proposed = [h.item for h in held if h.section in ("discrepancies", "agreements")]
    shown = page.cited(comparison.discrepancies)
    explainer.key_points = page.key_points(explainer.key_points, shown, set(disputed), held)
    ranked = sorted(explainer.facts, key=lambda f: not f.shown)  # the ranked top first
    explainer.facts = page.facts(ranked, disputed, sentences, held, shown)
    explainer.timeline = page.timeline(explainer.timeline, disputed, sentences, held)
    explainer.open_questions = page.open_questions(
        explainer.open_questions, shown, comparison.agreements, held
    )
    page.only_in(comparison, page.cited(proposed), sentences, held)
    editor.apply_items(explainer, held)
    explainer.held_back = held
    explainer.review = review(explainer.spec.curation)
