"""Timeline: date resolution across month and year boundaries, on synthetic and real text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pelican.plugins.explainer.analyse.timeline import timeline
from pelican.plugins.explainer.model import SourceMeta
from pelican.plugins.explainer.parse.content import parse_spec
from pelican.plugins.explainer.parse.seed import parse_text
from pelican.plugins.explainer.pipeline import load_documents

ROOT = Path(__file__).resolve().parents[1]


def doc(body: str, source_id: str = "a", published: date | None = None):
    meta = SourceMeta(path=f"{source_id}.txt", id=source_id, label=source_id, published=published)
    return parse_text(f"A headline for the test\n\n{body}\n", meta)


def dates(body: str, published: date) -> list[str]:
    return [e.date for e in timeline([doc(body)], published)]


@pytest.mark.parametrize(
    ("body", "published", "expected"),
    [
        # Weekdays: the most recent such day on or before publication.
        ("The board met on Monday to vote.", date(2025, 1, 7), "2025-01-06"),
        ("The strike began on Saturday at noon.", date(2025, 1, 2), "2024-12-28"),
        ("The report came out on Tuesday.", date(2025, 1, 7), "2025-01-07"),
        ("Crews returned on Friday, officials said.", date(2025, 3, 1), "2025-02-28"),
        # Bare months look back by default and forward in future clauses.
        ("Prices rose in December.", date(2025, 1, 10), "2024-12"),
        ("The new rules would apply in July.", date(2025, 4, 14), "2025-07"),
        ("The line will open in February.", date(2024, 11, 20), "2025-02"),
        # Dates without a year; a range keeps its start.
        ("The tour runs from April 15 to 18 across the region.", date(2025, 4, 14), "2025-04-15"),
        ("Voting ended on December 30.", date(2025, 1, 3), "2024-12-30"),
        ("The summit is due to open on January 4.", date(2024, 12, 20), "2025-01-04"),
        # Years and relative spans keep the precision the text gives.
        ("It is the first visit since 2017.", date(2025, 4, 14), "2017"),
        ("He last went there nine years ago.", date(2025, 4, 14), "2016"),
        ("The plant closed three months ago.", date(2025, 2, 10), "2024-11"),
        ("Sales fell last year.", date(2025, 1, 1), "2024"),
    ],
)
def test_resolution(body, published, expected):
    assert dates(body, published) == [expected]


def test_vague_spans_are_skipped():
    assert dates("Duties rose in recent months and in the past few weeks.", date(2025, 4, 1)) == []


def test_each_source_uses_its_own_publication_date():
    early = doc("The council voted on Monday.", "early", published=date(2025, 3, 4))
    late = doc("The mayor resigned on Monday.", "late", published=date(2025, 3, 12))
    entries = timeline([early, late], date(2025, 3, 31))
    assert [(e.date, e.cites) for e in entries] == [
        ("2025-03-03", ["early-s2"]),
        ("2025-03-10", ["late-s2"]),
    ]


def test_same_event_in_two_sources_is_one_entry_citing_both():
    a = doc("The city council approved the new budget on Tuesday.", "a")
    b = doc("On Tuesday the city council approved its budget after a long debate.", "b")
    c = doc("A bridge collapsed on Tuesday in the south.", "c")
    entries = timeline([a, b, c], date(2024, 3, 6))
    assert [(e.date, e.cites) for e in entries] == [
        ("2024-03-05", ["a-s2", "b-s2"]),
        ("2024-03-05", ["c-s2"]),
    ]


def test_labels_are_clauses_of_the_sentence():
    entries = timeline(
        [doc("Rain fell all week, and the river burst its banks on Sunday.")], date(2024, 5, 8)
    )
    assert entries[0].date == "2024-05-05"
    assert (
        entries[0].label.lower() in "rain fell all week, and the river burst its banks on sunday."
    )
    assert "Sunday" not in entries[0].label  # the date is the entry's, not the label's


def test_real_seeds():
    spec = parse_spec(
        (ROOT / "content/explainers/xi-jinping-hanoi-2025.md").read_text(), "x.md", ROOT
    )
    docs = load_documents(spec, ROOT)
    entries = timeline(docs, spec.published)
    by_date = {}
    for e in entries:
        by_date.setdefault(e.date, []).extend(e.cites)
    assert [e.date for e in entries] == sorted(e.date for e in entries)
    assert by_date["2017"] == ["rewrite-s6"]  # "since 2017"
    assert "wire-s17" in by_date["2016"] and "wire-s17" in by_date["2013"]  # years ago
    assert "wire-s8" in by_date["2025-04-12"]  # "On Saturday", published Monday 14 April
    assert "wire-s9" in by_date["2025-04-13"]  # "on Sunday"
    assert "wire-s1" in by_date["2025-04-14"]  # "on Monday": the publication day itself
    assert by_date["2025-04-15"] == ["wire-s16"]  # "from April 15 to 18"
    assert by_date["2025-07"] == ["wire-s2"]  # "would otherwise apply in July"
    # "in recent months" / "in the past few weeks" give no entry.
    assert not any(c in ("wire-s31",) for e in entries for c in e.cites)


@pytest.mark.parametrize(
    ("body", "published", "expected"),
    [
        # A bare month follows its clause's tense: a past verb looks back.
        ("The plant closed in June after a fire.", date(2025, 4, 14), "2024-06"),
        ("The plant will close in June.", date(2025, 4, 14), "2025-06"),
        # Weekdays against the source's own date: past verbs back, future wording ahead.
        ("The council will vote on Tuesday on the budget.", date(2025, 4, 10), "2025-04-15"),
        ("The council voted on Tuesday on the budget.", date(2025, 4, 10), "2025-04-08"),
        # A report names its own day by its weekday: "later on Thursday" in Thursday's copy
        # is that day, whatever the tense; only "next Thursday" is a week on.
        (
            "The minister was expected in the town later on Thursday.",
            date(2025, 4, 10),
            "2025-04-10",
        ),
        ("The council will vote on Thursday on the budget.", date(2025, 4, 10), "2025-04-10"),
        ("The council will vote next Thursday on the budget.", date(2025, 4, 10), "2025-04-17"),
        # A past verb meets a deadline: "had reached ... by Wednesday" is the Wednesday past.
        ("The toll had reached 16 by Wednesday evening.", date(2026, 11, 12), "2026-11-11"),
        ("The union will decide by Wednesday.", date(2026, 11, 12), "2026-11-18"),
        # A day within weeks of the report is that one, whatever the tense of the verb:
        # a strike threatened "from December 1" in late November is the coming one.
        ("The union has threatened a strike from December 1.", date(2026, 11, 24), "2026-12-01"),
        ("The plant closed on December 1 after a fire.", date(2026, 4, 14), "2025-12-01"),
        (
            "The deal still has to be ratified in a vote that closes on May 2.",
            date(2025, 4, 20),
            "2025-05-02",
        ),
    ],
)
def test_tense_sets_the_side(body, published, expected):
    assert dates(body, published) == [expected]


def test_a_range_keeps_its_last_day():
    (entry,) = timeline(
        [doc("The tour runs from April 15 to 18 across the region.")], date(2025, 4, 14)
    )
    assert (entry.date, entry.end) == ("2025-04-15", "2025-04-18")
    (entry,) = timeline([doc("Talks were held on 28–30 March in the capital.")], date(2025, 4, 14))
    assert (entry.date, entry.end) == ("2025-03-28", "2025-03-30")
    (entry,) = timeline([doc("Voting took place on May 3 and 5 in two rounds.")], date(2025, 6, 1))
    assert entry.end is None  # two days, not a range


def test_a_publish_stamp_is_never_an_event():
    entries = timeline(
        [doc("The mayor resigned on Monday.\nUpdated: 14 April 2025, 09:12 GMT.")],
        date(2025, 4, 16),
    )
    assert [e.date for e in entries] == ["2025-04-14"]
    assert "Updated" not in entries[0].label


def test_one_report_telling_one_event_twice_is_one_entry():
    body = (
        "A separate aviation deal was signed on Sunday. "
        "The regional airline and the maker signed a memorandum of understanding on Sunday. "
        "Ministers met on Sunday to discuss railways."
    )
    entries = timeline([doc(body)], date(2025, 4, 14))
    assert [e.cites for e in entries] == [["a-s2", "a-s3"], ["a-s4"]]


@pytest.mark.parametrize(
    ("line", "furniture"),
    [
        ("Updated: 14 April 2025, 09:12 GMT.", True),
        ("Published 14.04.2025 at 14:30", True),
        ("Last updated on April 14, 2025", True),
        ("© 2025 The Daily Paper. All rights reserved.", True),
        ("The update to the law was published on April 14.", False),
        ("Dated documents show the plan was approved in 2019.", False),
    ],
)
def test_furniture_lines(line, furniture):
    from pelican.plugins.explainer.analyse.facts import is_furniture

    assert is_furniture(line) is furniture


def _labels(body: str, published: date) -> dict[str, str]:
    return {e.date: e.label for e in timeline([doc(body)], published)}


def test_two_dates_in_one_sentence_never_label_each_other() -> None:
    labels = _labels(
        "The minister last visited Orvel and Kassa nine years ago and 12 years ago.",
        date(2025, 4, 14),
    )
    assert set(labels) == {"2016", "2013"}
    assert all("years ago" not in label for label in labels.values())
    assert labels["2016"].startswith("The minister last visited Orvel and Kassa")


def test_a_reporting_date_keeps_its_own_clause() -> None:
    labels = _labels(
        "Thieves broke into the city museum early on Sunday and escaped with nine rings, "
        "police said on Tuesday.",
        date(2026, 3, 10),
    )
    assert "Tuesday" not in labels["2026-03-08"] and "police said" not in labels["2026-03-08"]
    assert labels["2026-03-10"] != labels["2026-03-08"]
