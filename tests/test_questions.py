"""Open questions: hedged statements become cited questions, by general word-order rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from pelican.plugins.explainer.analyse.questions import open_questions, pending_in
from pelican.plugins.explainer.model import Sentence, SourceMeta
from pelican.plugins.explainer.parse.content import parse_spec
from pelican.plugins.explainer.parse.seed import parse_text
from pelican.plugins.explainer.pipeline import load_documents

ROOT = Path(__file__).resolve().parents[1]


def ask(body: str) -> list[str]:
    doc = parse_text(f"A headline for the test\n\n{body}\n", SourceMeta("a.txt", "a", "A"))
    return [q.text for q in open_questions([doc])]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The terms of the deal were not disclosed.", ["What are the terms of the deal?"]),
        ("A date for the vote has not been set.", ["Has a date for the vote been set?"]),
        (
            "Officials did not say how much the new line will cost.",
            ["How much will the new line cost?"],
        ),
        ("It is unclear when the factory will reopen.", ["When will the factory reopen?"]),
        ("The council has yet to decide whether it will appeal.", ["Will the council appeal?"]),
        ("How the line will be funded remains unclear.", ["How will the line be funded?"]),
        (
            "The contents of the plan have not been disclosed and it is not clear whether they "
            "involve any new taxes.",
            [
                "What are the contents of the plan?",
                "Do the contents of the plan involve any new taxes?",
            ],
        ),
        ("The cause of the fire is not yet known.", ["What is the cause of the fire?"]),
        # No safe rephrasing: quoted as written.
        (
            "Whatever happens, the outcome remains uncertain.",
            ["“Whatever happens, the outcome remains uncertain”"],
        ),
        (
            "The claim could not be independently verified.",
            ["“The claim could not be independently verified”"],
        ),
    ],
)
def test_hedged_statements(sentence, expected):
    assert ask(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The company did not respond to a request for comment.",
        "The council approved the budget on Tuesday.",
        "It is clear that the river will rise.",
        "Officials said the talks were not easy.",
    ],
)
def test_plain_statements_raise_no_question(sentence):
    assert ask(sentence) == []


def test_a_pronoun_is_only_replaced_by_an_antecedent_that_agrees():
    assert ask("Its price is not known and it is unclear whether they will pay.") == [
        "What is its price?",
        "Will they pay?",
    ]


def test_real_seeds_open_questions_are_cited_and_merged():
    spec = parse_spec(
        (ROOT / "content/explainers/xi-jinping-hanoi-2025.md").read_text(), "x.md", ROOT
    )
    items = open_questions(load_documents(spec, ROOT))
    got = {q.text: q.cites for q in items}
    # Two sentences say the contents are not public: one question citing both.
    assert got["What are the contents of the agreement?"] == ["wire-s7", "wire-s28"]
    assert got[
        "Do the contents of the agreement involve any financial or binding commitments?"
    ] == ["wire-s7"]
    assert got["Has a loan agreement been announced?"] == ["wire-s21"]
    # Pending steps: a lease under consideration, deliveries if the deal moves forward.
    pending = [q.cites for q in items if q.text.startswith("“")]
    assert pending == [["rewrite-s15"], ["rewrite-s16"]]
    assert len(items) == 5


def _sentence(text: str) -> Sentence:
    return parse_text(f"A headline\n\n{text}\n", SourceMeta("a.txt", "a", "A")).body_sentences[0]


def doc_of(body: str, source_id: str):
    return parse_text(
        f"A headline\n\n{body}\n", SourceMeta(f"{source_id}.txt", source_id, source_id)
    )


@pytest.mark.parametrize(
    "text",
    [
        "The deal still requires approval from regulators in both countries.",
        "The insurer could pay up to $2 million under certain conditions.",
        "The sale is expected to complete in the third quarter.",
        "Engineers are assessing the damage to the bridge.",
        "The board has yet to name a successor.",
        "The company did not disclose the price of the shares.",
    ],
)
def test_pending_and_conditional_statements_are_open(text):
    assert pending_in(_sentence(text))


@pytest.mark.parametrize(
    "text",
    [
        "The deal was approved by regulators in March.",
        "The insurer paid $2 million to the families.",
        "The sale completed on Friday.",
        "Spokesmen did not respond to a request for comment.",
    ],
)
def test_settled_statements_are_not_pending(text):
    assert not pending_in(_sentence(text))


def test_a_disagreement_is_a_question_citing_both_sides():
    from pelican.plugins.explainer.items import Comparison, Discrepancy

    a = doc_of("The new bridge will cost 40 million euros to build.", "a")
    b = doc_of("The new bridge will cost 55 million euros to build.", "b")
    comparison = Comparison(
        discrepancies=[
            Discrepancy(
                kind="number",
                summary="Sources differ on cost",
                cites=["a-s2", "b-s2"],
                values={"a": "40 million euros", "b": "55 million euros"},
                marks={"a-s2": (25, 41)},
            )
        ]
    )
    items = open_questions([a, b], comparison)
    (question,) = [q for q in items if q.cites == ["a-s2", "b-s2"]]
    assert (
        question.text
        == "The new bridge will cost to build: 40 million euros (a) or 55 million euros (b)?"
    )
