"""The bucketed timeline merge gives exactly the entries of the pairwise one it
replaced: on every labelled story, on random events built to collide, and on a
seed that repeats one dated sentence."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest

from evaluation.gold import load_story, story_folders
from pelican.plugins.explainer.analyse import timeline as timeline_module
from pelican.plugins.explainer.analyse.timeline_merge import DatedEvent, merge_events, overlaps
from pelican.plugins.explainer.items import TimelineEntry
from pelican.plugins.explainer.model import Document, SourceMeta
from pelican.plugins.explainer.parse.seed import parse_text

ROOT = Path(__file__).resolve().parents[1]


def pairwise(events: list[DatedEvent]) -> list[TimelineEntry]:
    """The merge as it was: each event against every entry made so far."""
    entries: list[TimelineEntry] = []
    made: list[DatedEvent] = []
    for e in events:
        for entry, first in zip(entries, made, strict=True):
            if entry.date != e.date or entry.end != e.end:
                continue
            if e.sentence_id in entry.cites:
                same = e.label == entry.label
            elif all(not c.startswith(e.source_id + "-s") for c in entry.cites):
                same = overlaps(e.words, first.words)
            else:
                same = bool(e.verbs & first.verbs)
            if same:
                if e.sentence_id not in entry.cites:
                    entry.cites.append(e.sentence_id)
                break
        else:
            entries.append(TimelineEntry(e.date, e.label, [e.sentence_id], e.phrase, e.end))
            made.append(e)
    return entries


def as_rows(entries: list[TimelineEntry]) -> list[tuple[object, ...]]:
    return [(e.date, e.end, e.label, e.phrase, tuple(e.cites)) for e in entries]


def recorded_events(documents: list[Document], published: date) -> list[DatedEvent]:
    """The events ``timeline()`` hands to the merge for these documents."""
    seen: list[list[DatedEvent]] = []

    def record(events: list[DatedEvent]) -> list[TimelineEntry]:
        seen.append(events)
        return merge_events(events)

    original = timeline_module.merge_events
    timeline_module.merge_events = record
    try:
        timeline_module.timeline(documents, published)
    finally:
        timeline_module.merge_events = original
    return seen[0]


FIRST_SIGHT = ROOT / "eval" / "_first-sight"
STORIES = story_folders(ROOT / "eval") + [
    story
    for stop in sorted(FIRST_SIGHT.iterdir())
    if stop.is_dir()
    for story in story_folders(stop)
]


@pytest.mark.parametrize("folder", STORIES, ids=lambda p: p.name)
def test_labelled_stories_merge_as_before(folder: Path) -> None:
    story = load_story(folder)
    events = recorded_events(story.documents, story.published)
    assert as_rows(merge_events(events)) == as_rows(pairwise(events))


def test_random_colliding_events_merge_as_before() -> None:
    rng = random.Random(24)
    vocabulary = [f"w{n}" for n in range(14)]
    verbs = ["sign", "approv", "vot", "meet"]
    for _round in range(200):
        events = []
        for _ in range(rng.randint(1, 60)):
            source = rng.choice("abcd")
            sentence = f"{source}-s{rng.randint(1, 12)}"
            events.append(
                DatedEvent(
                    date=rng.choice(["2025-03-01", "2025-03-02", "2025"]),
                    end=rng.choice([None, None, "2025-03-04"]),
                    label=rng.choice(["x", "y"]),
                    phrase="on Monday",
                    sentence_id=sentence,
                    source_id=source,
                    words=frozenset(rng.sample(vocabulary, rng.randint(0, 8))),
                    verbs=frozenset(rng.sample(verbs, rng.randint(0, 2))),
                )
            )
        events.sort(key=lambda e: e.date)
        assert as_rows(merge_events(events)) == as_rows(pairwise(events))


def test_a_repeated_dated_sentence_merges_as_before() -> None:
    docs = []
    for source, line in (
        ("a", "Councillor Ames said on Tuesday that the bridge would cost 80 million dollars."),
        ("b", "The council approved the bridge on Tuesday after a long debate."),
    ):
        text = "Bridge approved\n" + "\n".join([line] * 300) + "\n"
        meta = SourceMeta(path=f"seeds/{source}.txt", id=source, label=source)
        docs.append(parse_text(text, meta))
    events = recorded_events(docs, date(2025, 3, 6))
    assert len(events) == 600
    merged = merge_events(events)
    assert as_rows(merged) == as_rows(pairwise(events))
    assert len(merged) < len(events)  # the approvals are one event
