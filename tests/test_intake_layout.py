"""Plain-text news layouts: what the seed parser detects on labelled fixtures."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pelican.plugins.explainer.model import Document, SourceMeta
from pelican.plugins.explainer.parse.layout import classify
from pelican.plugins.explainer.parse.seed import parse_seed, parse_text
from pelican.plugins.explainer.parse.text import normalise

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "intake"

# fixture -> what its layout states; None where it states nothing.
EXPECTED: dict[str, dict[str, object]] = {
    "wire-agency-dateline.txt": {
        "headline": "Harbour authority approves second container terminal at Ostrand",
        "dek": None,
        "dateline": "OSTRAND, March 3 (Tidewater Wire)",
        "byline": "Selma Varg",
        "published": None,
        "furniture": ["Reporting by", "Editing by"],
    },
    "newcomer-dek-byline.txt": {
        "headline": "Flood barrier fails as river reaches record height",
        "dek": "Residents of two riverside districts were told to leave their homes overnight.",
        "dateline": "BRENNICK, April 9 (Meridian Press)",
        "byline": "Tomasz Krell, Valley Courier",
        "published": None,
        "furniture": ["By Tomasz", "Meridian Press"],
    },
    "web-copy-furniture.txt": {
        "headline": "City council backs four-day week trial for staff",
        "dek": "The pilot will run for six months and cover about 900 employees.",
        "dateline": None,
        "byline": "Hanna Okoro",
        "published": date(2025, 5, 21),
        "time": "10:32",
        "furniture": [
            "Publish Date",
            "Updated:",
            "min read",
            "Photo:",
            "Lindmark Gazette",
            "Related:",
            "Read more",
            "Share this",
        ],
    },
    "outlet-tag-heading.txt": {
        "headline": "Regional airline orders twelve new turboprops",
        "dek": None,
        "dateline": "SALDEN (AP)",
        "byline": None,
        "published": None,
        "headings": ["Why it matters"],
        "furniture": ["Northfield News Service", "(AP)"],
    },
    "hard-wrapped.txt": {
        "headline": "Library reopens after two-year renovation",
        "dek": None,
        "dateline": "KELDER, Westmark",
        "byline": "Ruth Abernathy",
        "published": None,
        "paragraphs": 3,
        "furniture": ["By Ruth"],
    },
    "colon-dateline-credits-top.txt": {
        "headline": "Teachers vote to strike over pay offer",
        "dek": None,
        "dateline": "Gransholm",
        "byline": "Ilse Branter",
        "published": None,
        "furniture": ["Reporting by", "Writing by"],
    },
    "dateline-with-year.txt": {
        "headline": "Wind farm connects to the grid ahead of schedule",
        "dek": None,
        "dateline": "VELDHAVEN, Norreland, June 2, 2026",
        "byline": "Linnea Hjort in Veldhaven and Arto Saari in Kestad",
        "published": date(2026, 6, 2),
        "furniture": ["Reports by", "June 2, 2026"],
    },
    "dateline-own-line.txt": {
        "headline": "Museum returns carved panels to island community",
        "dek": None,
        "dateline": "PORT ELLICE, Marrowen (Coastline Press)",
        "byline": None,
        "published": None,
        "furniture": ["hours ago", "PORT ELLICE", "Image credit", "Arvo Mend"],
    },
}


def _parse(name: str, **meta: object) -> Document:
    return parse_seed(FIXTURES / name, SourceMeta(path=name, id="a", label="a", **meta))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_layout_is_detected(name: str) -> None:
    want = EXPECTED[name]
    doc = _parse(name)
    assert (doc.headline.text if doc.headline else None) == want["headline"]
    assert (doc.dek.text if doc.dek else None) == want["dek"]
    assert doc.dateline == want["dateline"] == doc.meta.dateline
    assert doc.meta.byline == want["byline"]
    assert doc.meta.published == want["published"]
    if "time" in want:
        assert doc.meta.published_time == want["time"]
    if "headings" in want:
        assert doc.headings == want["headings"]
    if "paragraphs" in want:
        assert len(doc.paragraphs) == want["paragraphs"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_no_furniture_reaches_a_body_sentence(name: str) -> None:
    doc = _parse(name)
    for s in doc.body_sentences:
        for piece in EXPECTED[name]["furniture"]:  # type: ignore[union-attr]
            assert piece not in s.text, (piece, s.text)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_text_is_kept_and_offsets_point_into_it(name: str) -> None:
    raw = (FIXTURES / name).read_text(encoding="utf-8")
    doc = _parse(name)
    assert doc.text == raw
    for s in doc.sentences:
        assert doc.text[s.start : s.end] == s.text


def test_a_wrapped_paragraph_is_one_paragraph_with_its_line_breaks_kept() -> None:
    doc = _parse("hard-wrapped.txt")
    first = doc.paragraphs[0].sentences
    assert len(first) == 1 and "\n" in first[0].text
    assert first[0].text.endswith("twice\nthe original budget.")
    # a sentence starting at the end of a line starts there
    second = [s.text for s in doc.paragraphs[1].sentences]
    assert second[1].startswith("More\nthan 2,000 visitors")


def test_one_paragraph_per_line_is_not_joined_even_with_short_lines() -> None:
    doc = parse_text(
        normalise(
            "Short lines\nThe first short sentence of the story ends here.\n"
            "The second one is on its own line and is a paragraph.\n"
        ),
        SourceMeta(path="a.txt", id="a", label="a"),
    )
    assert len(doc.paragraphs) == 2


def test_headings_between_unwrapped_paragraphs_are_not_joined() -> None:
    doc = parse_text(
        normalise(
            "Budget debate\n\nParking fees\n"
            "The council raised parking fees in the old town. Drivers will pay more there.\n"
            "School buildings\nTwo school buildings will be renovated over the summer.\n"
        ),
        SourceMeta(path="a.txt", id="a", label="a"),
    )
    assert doc.headings == ["Parking fees", "School buildings"]
    assert all("\n" not in s.text for s in doc.sentences)


@pytest.mark.parametrize(
    ("extra", "in_body"),
    [("A short closing sentence follows the credits.", True), ("Our policy: Example.", False)],
)
def test_after_the_credits_a_sentence_stays_in_the_body(extra: str, in_body: bool) -> None:
    text = (FIXTURES / "wire-agency-dateline.txt").read_text(encoding="utf-8")
    doc = parse_text(normalise(text + extra + "\n"), SourceMeta(path="a.txt", id="a", label="a"))
    assert (doc.body_sentences[-1].text == extra) is in_body
    assert (doc.credits[-1] == extra) is not in_body


def test_the_content_file_wins_over_detected_values() -> None:
    doc = _parse(
        "web-copy-furniture.txt", published=date(2025, 5, 20), byline="Desk staff", dateline="X"
    )
    assert doc.meta.published == date(2025, 5, 20)
    assert doc.meta.published_time is None  # the stamp's time is for another day
    assert doc.meta.byline == "Desk staff" and doc.meta.dateline == "X"


@pytest.mark.parametrize(
    "line",
    [
        "Publish Date : April 14, 2025 10:32 AM",
        "Updated: 14 April 2025, 09:15 GMT",
        "Published on 2025-04-14",
        "Last updated 2 hours ago",
        "5 min read",
        "Reading time: 3 minutes",
        "Photo: A crowd outside the station.",
        "Firefighters at the scene. REUTERS/Anna Kolb",
        "Related: Storm damage in pictures",
        "Read more",
        "Read more: How the vote works",
        "Advertisement",
    ],
)
def test_furniture_lines(line: str) -> None:
    assert classify(line).kind == "furniture"


@pytest.mark.parametrize(
    "line",
    [
        "By Monday, the council had approved the plan.",
        "Updated figures show 40 people were hurt.",
        "Related to the vote, a second motion failed.",
        "Read the full statement on the ministry's website.",
        "Photographers gathered outside the court on Friday.",
        "The minister said the deal was done.",
    ],
)
def test_body_lines_are_text(line: str) -> None:
    assert classify(line).kind == "text"


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Jana Holm", "Jana Holm"),
        ("By Jana Holm and Ben Ode, Eastbay Herald", "Jana Holm and Ben Ode, Eastbay Herald"),
        ("BY JANA HOLM", "JANA HOLM"),
        ("Jana Holm | Eastbay Herald", "Jana Holm"),
    ],
)
def test_bylines(line: str, names: str) -> None:
    info = classify(line)
    assert info.kind == "byline" and info.byline == names
