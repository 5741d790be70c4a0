"""Open questions: hedged statements become cited questions, by general word-order rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from explainer.analyse.questions import open_questions
from explainer.model import SourceMeta
from explainer.parse.content import parse_spec
from explainer.parse.seed import parse_text
from explainer.pipeline import load_documents

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
    assert len(items) == 3
