"""The strict scorer: one to one, typed, value-checked; repeats and traps counted
honestly; facts matched on value and measure, never by substring."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluation.gold import load_story
from evaluation.matching import Cluster, clusters, covers, one_to_one, same_measure, value_key
from evaluation.score import score
from pelican.plugins.explainer.errors import InputError
from pelican.plugins.explainer.items import Discrepancy


@pytest.mark.parametrize(
    ("a", "b"),
    [("$4.2bn", "4.2 billion dollars"), ("about 12", "12"), ("31 percent", "31%"),
     ("up to $4.5 billion", "$4.5 billion")],
)  # fmt: skip
def test_one_figure_written_two_ways_is_one_value(a: str, b: str) -> None:
    assert value_key(a) == value_key(b)


@pytest.mark.parametrize(
    ("a", "b"), [("12", "12 in the evening"), ("25", "25 basis points"), ("12", "13")]
)
def test_a_figure_is_not_credited_by_a_longer_or_other_one(a: str, b: str) -> None:
    assert value_key(a) != value_key(b)


def test_a_fact_label_must_name_what_the_gold_says_is_measured() -> None:
    assert same_measure("Deal worth", "deal value")
    assert not same_measure("Miles", "people injured")


def test_matching_is_one_to_one() -> None:
    # Item 0 could take gold 0 or 1, item 1 only gold 0: both are matched.
    assert one_to_one({0: [0, 1], 1: [0]}) == {0: 1, 1: 0}
    # Two items for one gold disagreement: only one is credited.
    assert len(one_to_one({0: [0], 1: [0]})) == 1


def test_an_item_of_the_wrong_type_or_on_other_words_does_not_count() -> None:
    gold = Cluster("number", {"a-s1": [(10, 14)], "b-s1": [(3, 7)]})
    assert covers("number", {"a-s1": (10, 14), "b-s1": (0, 8)}, gold)
    assert not covers("date", {"a-s1": (10, 14), "b-s1": (0, 8)}, gold)
    assert not covers("number", {"a-s1": (20, 24), "b-s1": (0, 8)}, gold)


def _story(tmp_path: Path, gold: str) -> Path:
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "a.txt").write_text("Deal agreed\nHarwick will pay $2 billion for Tolland.\n")
    (folder / "b.txt").write_text("Deal struck\nHarwick is paying $3 billion for Tolland.\n")
    (folder / "gold.yaml").write_text(
        "published: 2026-03-03\nsources:\n  - {id: a, path: a.txt}\n  - {id: b, path: b.txt}\n"
        + gold
    )
    return folder


DIFF = (
    "discrepancies:\n  - type: number\n"
    '    sides: ["a: will pay $2 billion", "b: is paying $3 billion"]\n'
    '    values: ["$2 billion", "$3 billion"]\n'
    "  - type: number\n"
    '    sides: ["a: Deal agreed", "b: is paying $3 billion"]\n'
    "    values: [Deal, $3 billion]\n"
)


def test_gold_entries_sharing_a_side_and_its_value_are_one_disagreement(tmp_path: Path) -> None:
    story = load_story(_story(tmp_path, DIFF))
    assert len(story.discrepancies) == 2
    assert len(clusters(story)) == 1


def test_a_second_item_for_one_disagreement_is_a_repeat(tmp_path: Path) -> None:
    story = load_story(_story(tmp_path, DIFF))
    a, b = (d.sentences[-1].id for d in story.documents)
    text = story.sentences
    marks = {a: _span(text[a].text, "$2 billion"), b: _span(text[b].text, "$3 billion")}
    item = Discrepancy("number", "x", [a, b], {"a": "$2 billion", "b": "$3 billion"}, marks=marks)
    again = Discrepancy("number", "y", [a, b], {"a": "$2 billion", "b": "$3 billion"}, marks=marks)

    class Result:
        comparison = type("C", (), {"agreements": [], "discrepancies": [item, again]})()
        key_points, facts, open_questions, timeline, held_back = [], [], [], [], []

    sc = score(story, Result())  # type: ignore[arg-type]
    assert sc.counts["discrepancy_precision.hits"] == 1
    assert sc.counts["repeats"] == 1
    assert sc.ratio("discrepancy_recall") == 1.0


def _span(text: str, value: str) -> tuple[int, int]:
    at = text.index(value)
    return at, at + len(value)


def test_a_gold_value_found_in_no_sentence_is_one_line_naming_file_and_key(
    tmp_path: Path,
) -> None:
    bad = DIFF.replace(
        'values: ["$2 billion", "$3 billion"]', 'values: ["$5 billion", "$3 billion"]'
    )
    with pytest.raises(InputError, match=r"gold.yaml:\d+: values: value '\$5 billion' is not in"):
        load_story(_story(tmp_path, bad))
