"""Agreement grouping by set lookups gives exactly the rows of the member-by-member
grouping it replaced: on every labelled story and on random pairs built to collide."""

from __future__ import annotations

import random
from collections import defaultdict
from pathlib import Path

import pytest

from evaluation.gold import load_story, story_folders
from pelican.plugins.explainer.analyse import compare
from pelican.plugins.explainer.analyse.grouping import group_agreements, merge_rows
from pelican.plugins.explainer.items import Agreement
from pelican.plugins.explainer.model import Sentence

ROOT = Path(__file__).resolve().parents[1]
FIRST_SIGHT = ROOT / "eval" / "_first-sight"
STORIES = story_folders(ROOT / "eval") + [
    story
    for stop in sorted(FIRST_SIGHT.iterdir())
    if stop.is_dir()
    for story in story_folders(stop)
]


def grouped_before(
    pairs: list[tuple[Sentence, Sentence]], order: dict[str, int]
) -> list[Agreement]:
    """The grouping as it was: each pair checked against every member of its groups."""
    groups: list[list[Sentence]] = []
    where: dict[str, list[int]] = defaultdict(list)
    agree = {frozenset((a.id, b.id)) for a, b in pairs}
    for a, b in pairs:
        joined = False
        for s, other in ((a, b), (b, a)):
            for gi in where[s.id]:
                group = groups[gi]
                if other in group:
                    joined = True
                elif all(
                    m.source_id != other.source_id and frozenset((m.id, other.id)) in agree
                    for m in group
                ):
                    group.append(other)
                    where[other.id].append(gi)
                    joined = True
                if joined:
                    break
            if joined:
                break
        if not joined:
            groups.append([a, b])
            where[a.id].append(len(groups) - 1)
            where[b.id].append(len(groups) - 1)
    rows = [
        Agreement(min(g, key=lambda s: (len(s.text), order[s.id])).text, [s.id for s in g])
        for g in groups
    ]
    merged: dict[str, list[Agreement]] = defaultdict(list)
    for row in rows:
        for into in merged[row.summary]:
            if all(frozenset((x, y)) in agree for x in row.cites for y in into.cites if x != y):
                into.cites.extend(row.cites)
                break
        else:
            merged[row.summary].append(Agreement(row.summary, list(row.cites)))
    out = [row for same in merged.values() for row in same]
    for row in out:
        row.cites = sorted(set(row.cites), key=order.__getitem__)
    out.sort(key=lambda a: (order[a.cites[0]], a.cites))
    return out


def rows(agreements: list[Agreement]) -> list[tuple[str, tuple[str, ...]]]:
    return [(a.summary, tuple(a.cites)) for a in agreements]


@pytest.mark.parametrize("folder", STORIES, ids=lambda p: p.name)
def test_labelled_stories_group_as_before(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    story = load_story(folder)
    seen: list[tuple[list[tuple[Sentence, Sentence]], dict[str, int]]] = []

    def record(pairs: list[tuple[Sentence, Sentence]], order: dict[str, int]) -> list[Agreement]:
        seen.append((pairs, order))
        return group_agreements(pairs, order)

    monkeypatch.setattr(compare, "group_agreements", record)
    compare.compare(story.documents, {}, published=story.published)
    (pairs, order), *_ = seen
    assert rows(group_agreements(pairs, order)) == rows(grouped_before(pairs, order))


def test_random_pairs_group_as_before() -> None:
    rng = random.Random(24)
    for _ in range(300):
        sentences = [
            Sentence(
                f"{src}-s{n}", rng.choice(["Same claim.", "A claim.", f"Own {n}."]), 0, 0, src, 0
            )
            for src in "abcde"
            for n in range(1, rng.randint(2, 5))
        ]
        order = {s.id: i for i, s in enumerate(sentences)}
        pairs = []
        for _ in range(rng.randint(1, 40)):
            a, b = rng.sample(sentences, 2)
            if a.source_id != b.source_id:
                pairs.append((a, b))
        assert rows(group_agreements(pairs, order)) == rows(grouped_before(pairs, order))


def test_rows_merge_without_pairs_as_before() -> None:
    rows_in = [Agreement("x", ["a-s1", "b-s1"]), Agreement("x", ["c-s1"]), Agreement("y", ["a-s2"])]
    order = {"a-s1": 0, "a-s2": 1, "b-s1": 2, "c-s1": 3}
    assert rows(merge_rows(rows_in, order)) == [("x", ("a-s1", "b-s1", "c-s1")), ("y", ("a-s2",))]
