"""Fact boxes: values as written, labels from the sentence, status across sources."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from pelican.plugins.explainer.analyse.facts import facts
from pelican.plugins.explainer.model import SourceMeta
from pelican.plugins.explainer.parse.content import parse_spec
from pelican.plugins.explainer.parse.seed import parse_text
from pelican.plugins.explainer.pipeline import load_documents

ROOT = Path(__file__).resolve().parents[1]


def load(rel: str):
    spec = parse_spec((ROOT / rel).read_text(encoding="utf-8"), rel, ROOT)
    return load_documents(spec, ROOT)


def doc(body: str, source_id: str):
    return parse_text(
        f"A headline for {source_id}\n\n{body}\n",
        SourceMeta(f"{source_id}.txt", source_id, source_id),
    )


def by_value(items):
    return {f.value: f for f in items}


def test_status_across_three_sources():
    a = doc("Three workers were injured in the fire at the plant. The fire started at 2 a.m.", "a")
    b = doc(
        "Two workers were injured in the fire, the company said. Damage reached $4 million.", "b"
    )
    c = doc(
        "Damage from the fire reached $4 million, insurers said. About 40 firefighters came.", "c"
    )
    got = facts([a, b, c])
    injured = [f for f in got if f.status == "sources-differ"]
    assert len(injured) == 1
    assert injured[0].values == {"a": "Three", "b": "Two"}
    assert injured[0].cites == ["a-s2", "b-s2"]
    values = by_value(got)
    assert values["$4 million"].status == "some-sources"
    assert values["$4 million"].cites == ["b-s3", "c-s2"]
    assert values["About 40"].status == "one-source"
    assert "2" not in values  # a clock time is not a fact


def test_same_number_in_all_sources_and_numbers_written_as_words():
    a = doc("The bridge took twelve years to build.", "a")
    b = doc("Building the bridge took 12 years in all.", "b")
    (fact,) = facts([a, b])
    assert (fact.value, fact.status, fact.kind) == ("twelve years", "all-sources", "duration")
    assert fact.cites == ["a-s2", "b-s2"]


def test_anaphoric_counts_are_not_facts():
    got = facts([doc("The two sides met again. Both teams scored twice.", "a")])
    assert got == []


def test_real_seeds():
    got = facts(load("content/explainers/xi-jinping-hanoi-2025.md"))
    values = {f.value: f for f in got}
    forty = values["around 40"]
    assert forty.kind == "count" and forty.cites[0] == "rewrite-s3"
    assert "agreements" in forty.label
    assert values["$31.4 billion"].kind == "money"
    assert values["April 15 to 18"].kind == "date"
    # "nine years ago" dates a visit (the timeline's), and "C909" is a model name.
    assert "nine years ago" not in values
    assert not any(f.value == "909" or f.value.endswith("C909") for f in got)
    assert Counter(f.status for f in got)["sources-differ"] == 0
    # Facts are grouped: one topic's facts are contiguous.
    seen, last = [], None
    for f in got:
        if f.topic != last:
            assert f.topic not in seen
            seen.append(f.topic)
            last = f.topic


def test_other_explainer_cost_disagreement():
    got = facts(load("tests/fixtures/other-explainer/explainer.md"))
    differ = [f for f in got if f.status == "sources-differ"]
    assert {"wire": "€310 million", "radio": "€310 million", "paper": "€290 million"} in [
        f.values for f in differ
    ]


def test_a_figure_only_a_machine_translation_gives_ranks_below_an_originals() -> None:
    translated = parse_text(
        "A headline for b\n\nThe harbour gave work to 12,000 persons in the region.\n",
        SourceMeta("b.txt", "b", "b", kind="translation"),
    )
    filler = [f"Crews repaired {n} cranes on quay {n}." for n in range(3, 12)]
    original = doc(" ".join(["The port handled 4.2 million containers last year.", *filler]), "a")
    shown = {f.value for f in facts([original, translated]) if f.shown}
    assert "12,000" not in shown
    assert "4.2 million" in shown


def test_a_second_coordinated_figure_borrows_the_noun_both_measure() -> None:
    text = (
        "Since March the union has imposed overtime bans on shifts across both depots—up to "
        "40% on weekend shifts and a proposed 25% on night shifts—while talks continue."
    )
    labels = {f.value: f.label for f in facts([doc(text, "a")])}
    assert labels["25%"] == "Proposed bans on night shifts"
