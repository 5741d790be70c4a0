"""Value alignment on labelled sentence pairs: which figures are one measure misreported.

Each case is two short reports of one event; the expectation is what a news editor
would say: the two figures differ, or they are compatible, or they measure different
things. The filler sentences keep every report a realistic article.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from reports import FILLER, report

from pelican.plugins.explainer.analyse.compare import compare
from pelican.plugins.explainer.analyse.quantities import find_quantities
from pelican.plugins.explainer.model import SourceMeta
from pelican.plugins.explainer.parse.content import parse_spec
from pelican.plugins.explainer.parse.seed import parse_text
from pelican.plugins.explainer.pipeline import load_documents

ROOT = Path(__file__).resolve().parents[1]


def differences(a: list[str], b: list[str]) -> list[dict[str, str]]:
    c = compare([report("a", *a), report("b", *b)], {}, None, date(2026, 5, 12))
    return [d.values for d in c.discrepancies if d.kind in ("number", "duration", "date")]


# Figures an editor reads as one measure misreported, though the sentences share few words.
DIFFERENT = [
    (
        ["Rovena signed the striker from Kalder for a fee of 48 million euros on Monday."],
        ["Our understanding is that Rovena will pay a fee of €55m for the striker."],
        {"a": "48 million euros", "b": "€55m"},
    ),
    (
        ["The president arrived on Tuesday for a three-day visit."],
        ["The president's two-day visit ended with a port accord."],
        {"a": "three-day", "b": "two-day"},
    ),
    (
        ["It is a three-year agreement, with further rises linked to inflation."],
        ["The two-year agreement also adds a rest day after night shifts."],
        {"a": "three-year", "b": "two-year"},
    ),
    (
        ["A repair at a workshop takes about 45 minutes, the company said."],
        ["The company said a repair at the workshop takes around two hours."],
        {"a": "about 45 minutes", "b": "around two hours"},
    ),
    (
        ["The union called a two-day strike at the airport."],
        ["The strike at the airport will last for three days, the union said."],
        {"a": "two-day", "b": "three days"},
    ),
    (
        ["The two candidates will meet again in a run-off on May 24."],
        ["The pair will face each other in a run-off on May 31."],
        {"a": "May 24", "b": "May 31"},
    ),
]

# Figures that are compatible, earlier values, rates or different measures.
NO_DIFFERENCE = [
    (
        ["Shareholders will receive $18.50 in cash for each share they own."],
        [
            "Talmar will pay $18.50 per share in cash, plus a contingent payment of up to "
            "$4 per share if the licence is renewed."
        ],
    ),
    (
        ["The duty on steel will rise from 10 percent to 25 percent on March 1."],
        ["The current 10% duty on imported steel will go up to 25% on March 1."],
    ),
    (
        ["Two former executives were given a year and a half, suspended."],
        ["Two former executives received suspended sentences of 18 months each."],
    ),
    (
        ["The merged group will save about $120 million a year in costs."],
        ["The merger will cut annual costs by about $120 million within three years."],
    ),
    (
        ["The fee eclipses the €39m the club paid for a winger in 2023."],
        ["The club paid a fee of 48 million euros for the midfielder."],
    ),
    (
        ["At first the police counted about 8 wounded; later the number grew to 14."],
        ["Fourteen people were wounded in the fire, the police said."],
    ),
    (
        ["Three of the wounded are firefighters, the fire service said."],
        ["Two firefighters were among the 14 wounded in the fire."],
    ),
    (
        ["The treatment costs 5,800 marks a year at list price."],
        ["The list price of the treatment is 2,900 marks per injection."],
    ),
    (
        ["Tens of thousands of passengers were stranded by the strike."],
        ["The airport handles millions of passengers a year."],
    ),
    (
        ["Harlow shares fell 11.4% by 0930 GMT, wiping 640 million euros off its value."],
        ["Harlow shares closed down 8.2% in Brevik."],
    ),
    (
        ["More than 30 people were killed when the quake struck the valley."],
        ["The quake killed 31 people in the valley, the ministry said."],
    ),
]


@pytest.mark.parametrize(("a", "b", "values"), DIFFERENT)
def test_one_measure_misreported_is_a_difference(a, b, values):
    assert values in differences(a, b)


@pytest.mark.parametrize(("a", "b"), NO_DIFFERENCE)
def test_compatible_earlier_or_other_measures_are_not_differences(a, b):
    assert differences(a, b) == []


def test_a_dek_against_its_own_body_and_a_source_agreeing_with_the_body():
    # The dek says 6.4; the body and another source say 6.1: both pairs differ.
    paper = parse_text(
        "Quake flattens homes in the valley\n"
        "The 6.4-magnitude tremor left hundreds of families spending the night in the streets "
        "of the mountain town\n\n"
        "The national seismic observatory said the earthquake had a magnitude of 6.1.\n"
        + "\n".join(FILLER)
        + "\n",
        SourceMeta(path="paper.txt", id="paper", label="paper"),
    )
    wire = report("wire", "The seismic observatory said the quake measured 6.1 in magnitude.")
    c = compare([paper, wire], {})
    groups = [d for d in c.discrepancies if d.kind == "number"]
    assert len(groups) == 1
    assert set(groups[0].values) == {"paper", "wire"}
    assert "6.4-magnitude" in groups[0].values["paper"]
    assert groups[0].values["wire"] == "6.1"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "won 64 of the 150 seats in the assembly",
            [("64", 64.0, "seats"), ("150", 150.0, "seats")],
        ),
        (
            "sentenced to three and a half years in prison",
            [("three and a half years", 3.5, "years")],
        ),
        ("were given a year and a half, suspended", [("a year and a half", 1.5, "years")]),
        ("About 4.000 persons were evacuated", [("About 4.000", 4000.0, "persons")]),
        # crowns are money, like dollars: the currency is the unit
        ("the budget is near 1.2 milliard crowns", [("1.2 milliard crowns", 1.2e9, "CROWN")]),
        ("the launch pad keeps local time (UTC+2) all year", []),
        ("will save $120 million a year", [("$120 million", 1.2e8, "USD")]),
        ("proposes four and half percents", [("four and half percents", 4.5, "%")]),
        ("At first the police said 8 wounded", [("8", 8.0, "wounded")]),
        ("the two-year agreement adds a second rest day", [("two-year", 2.0, "years")]),
        ("the baths close for a fortnight", [("a fortnight", 1.0, "fortnights")]),
        ("inside for nearly half an hour", [("nearly half an hour", 0.5, "hours")]),
    ],
)
def test_quantities_in_news_wording(text, expected):
    found = [(q.text, q.value, q.unit) for q in find_quantities(text)]
    assert found == expected


def test_hanoi_seeds_show_both_known_disagreements_without_curation():
    path = "content/explainers/xi-jinping-hanoi-2025.md"
    spec = parse_spec((ROOT / path).read_text(encoding="utf-8"), path, ROOT)
    documents = load_documents(spec, ROOT)
    found = compare(documents, {}, None, spec.published).discrepancies
    said = [" | ".join(sorted(d.values.values())) for d in found]
    assert any(
        "first visit to Vietnam since 2017" in s and "less than 18 months" in s for s in said
    )
    assert any("VietJet" in s and "Vietnam Airlines" in s for s in said)
