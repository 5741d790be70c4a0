"""What the page publishes: only items sure enough, one item per disagreement, nothing
disputed shown as settled, and the rest held back with a reason for the author."""

from __future__ import annotations

from datetime import date

from reports import report

from pelican.plugins.explainer.parse.content import ExplainerSpec
from pelican.plugins.explainer.pipeline import analyse

# Two reports of one invented deal that disagree on its value, in the headline and
# again in the body, and agree on the price per share.
A = [
    "Harwick Foods agreed on Monday to buy the snack maker Tolland Brands for $2 billion "
    "in cash, the companies said.",
    "Tolland shareholders will receive $31 a share under the agreement.",
    "The deal values Tolland at about $2 billion, Harwick said in a statement.",
]
B = [
    "Harwick Foods will pay $3.5 billion for the snack maker Tolland Brands in a cash "
    "deal announced on Monday.",
    "Tolland investors will get $31 for each share they own.",
    "The deal values Tolland at roughly $3.5 billion including debt, Harwick said.",
]


def _explainer(threshold: float | None):
    docs = [report("wire", *A), report("paper", *B)]
    spec = ExplainerSpec(
        path="x.md", title="A deal", slug="deal", published=date(2026, 3, 2),
        sources=[d.meta for d in docs],
    )  # fmt: skip
    return analyse(spec, docs, threshold)


def test_with_threshold_one_nothing_doubtful_is_shown_and_all_of_it_is_held_back() -> None:
    shown = _explainer(0.0)
    strict = _explainer(1.0)
    assert shown.comparison.discrepancies, "the rules propose the value difference"
    assert strict.comparison.discrepancies == []
    held = [h for h in strict.held_back if h.section == "discrepancies"]
    assert len(held) == len(shown.comparison.discrepancies)
    assert all(h.reason and 0 <= h.confidence < 1 for h in held)
    assert all(h.to_json()["item"]["kind"] for h in held)


def test_one_disagreement_is_one_item_with_every_value_and_sentence() -> None:
    found = [d for d in _explainer(0.0).comparison.discrepancies if d.kind == "number"]
    about_value = [d for d in found if "$3.5 billion" in " ".join(d.values.values())]
    assert len(about_value) == 1, [d.summary for d in found]
    item = about_value[0]
    assert set(item.values) == {"wire", "paper"}
    assert len(item.cites) >= 3  # the headline-level and body sentences of both reports


def test_a_value_on_one_side_of_a_disagreement_is_never_an_undisputed_fact() -> None:
    ex = _explainer(1.0)  # the difference itself is held back
    for fact in ex.facts:
        if fact.value in ("$2 billion", "$3.5 billion", "about $2 billion"):
            assert fact.status == "sources-differ", fact
    held = [h for h in ex.held_back if h.section == "facts"]
    assert all(any(w in h.reason for w in ("disagreement", "difference", "figures", "names"))
               for h in held)  # fmt: skip


def test_summaries_use_the_words_as_written() -> None:
    for d in _explainer(0.0).comparison.discrepancies:
        head = d.summary.split(":", 1)[0]
        text = " ".join(A + B).lower()
        for word in head.lower().replace("sources differ on", "").split():
            if word not in {
                "the",
                "number",
                "of",
                "an",
                "a",
                "amount",
                "figure",
                "count",
                "percentage",
                "how",
                "far",
                "this",
                "has",
                "gone",
                "when",
                "long",
                "time",
                "day",
                "name",
                "different",
                "parties",
            }:
                assert word in text, (word, d.summary)  # fmt: skip


def test_agreements_carry_a_probability_and_pass_the_threshold() -> None:
    ex = _explainer(None)
    from pelican.plugins.explainer.analyse.publish import PUBLISH_THRESHOLD

    assert all(a.confidence >= PUBLISH_THRESHOLD for a in ex.comparison.agreements)
    assert all(h.confidence < PUBLISH_THRESHOLD for h in ex.held_back if h.section == "agreements")
