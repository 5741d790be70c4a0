"""The fitted "one claim" decision, agreement groups and counts in aligned sentences,
on short labelled reports."""

from __future__ import annotations

from reports import report

from pelican.plugins.explainer.analyse.align import align, one_claim
from pelican.plugins.explainer.analyse.compare import compare, statements
from pelican.plugins.explainer.analyse.grouping import group_agreements


def _aligned_texts(*docs) -> set[frozenset[str]]:
    pairs = align(list(statements(list(docs)).values()))
    return {frozenset((p.a.sentence.text, p.b.sentence.text)) for p in pairs if p.aligned}


def test_a_paraphrase_in_the_same_place_aligns_and_an_unrelated_sentence_does_not() -> None:
    para_a = "Rescue crews pulled 14 survivors from the collapsed apartment block overnight."
    para_b = (
        "Overnight, emergency teams rescued 14 survivors from the apartment block that collapsed."
    )
    other = "The apartment block was built in 1968 and renovated twice."
    a = report("a", para_a, "The city opened two shelters for displaced families.")
    b = report("b", para_b, other)
    pairs = _aligned_texts(a, b)
    assert frozenset((para_a, para_b)) in pairs
    assert frozenset((para_a, other)) not in pairs


def test_the_decision_rises_with_evidence_and_falls_with_distance() -> None:
    base = dict(score=0.4, shared=1.6, mutual=1.0, both_best=1.0, gap=0.05)

    def p(score: float, shared: float, mutual: float, both_best: float, gap: float) -> float:
        return one_claim((score, shared, mutual, both_best, gap, 0.0, 0.0, 0.0, 0.6, 0.0))

    assert p(**base) > p(**{**base, "gap": 0.8})
    assert p(**base) > p(**{**base, "mutual": 0.5, "both_best": 0.0})
    assert p(**{**base, "score": 0.7}) > p(**base)


def test_an_agreement_group_holds_only_sentences_that_all_agree() -> None:
    a = report("a", "The ferry carried 212 passengers when it left the harbour.")
    b = report("b", "The ferry left the harbour with 212 passengers on board.")
    c = report("c", "The harbour master said the ferry left the harbour late.")
    sa, sb, sc = (d.body_sentences[0] for d in (a, b, c))
    order = {s.id: i for i, s in enumerate((sa, sb, sc))}
    # a agrees with b, b with c, but a and c were never found to agree.
    rows = group_agreements([(sa, sb), (sb, sc)], order)
    assert sorted(sorted(row.cites) for row in rows) == sorted(
        [sorted((sa.id, sb.id)), sorted((sb.id, sc.id))]
    )
    # With a and c agreeing too, the three are one row.
    rows = group_agreements([(sa, sb), (sb, sc), (sa, sc)], order)
    assert [sorted(row.cites) for row in rows] == [sorted((sa.id, sb.id, sc.id))]


def test_one_claim_with_two_counts_of_one_noun_is_a_number_discrepancy() -> None:
    a = report("a", "Under the deal, 180 prisoners are due to be swapped at the border next week.")
    b = report(
        "b", "Under the deal, the sides will exchange 220 prisoners at the border next week."
    )
    c = compare([a, b], {})
    assert [(d.kind, sorted(d.values.values())) for d in c.discrepancies] == [
        ("number", ["180", "220"])
    ]


def test_counts_of_one_noun_in_two_unrelated_claims_are_not_a_discrepancy() -> None:
    a = report("a", "Under the deal, 180 prisoners are due to be swapped at the border next week.")
    b = report("b", "About 220 prisoners in the northern jail have refused food since March.")
    c = compare([a, b], {})
    assert not [d for d in c.discrepancies if d.kind == "number"]
