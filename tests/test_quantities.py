"""Quantity extraction: spans as written, values, units, kinds."""

from __future__ import annotations

import pytest

from pelican.plugins.explainer.analyse.quantities import find_quantities


def one(text: str):
    found = find_quantities(text)
    assert len(found) == 1, found
    q = found[0]
    assert text[q.start : q.end] == q.text
    return q


@pytest.mark.parametrize(
    ("text", "span", "value", "unit", "kind", "approx"),
    [
        ("exports were $31.4 billion last quarter", "$31.4 billion", 31.4e9, "USD", "money", False),
        ("worth about $30 billion in goods", "about $30 billion", 30e9, "USD", "money", True),
        ("a tram costing 290 million euros", "290 million euros", 290e6, "EUR", "money", False),
        ("tariffs of up to 145% on goods", "up to 145%", 145, "%", "percent", True),
        ("forty-six percent of voters", "forty-six percent", 46, "%", "percent", False),
        ("rates rose 2.5 percentage points", "2.5 percentage points", 2.5, "pp", "percent", False),
        ("they signed around 40 agreements", "around 40", 40, "agreements", "count", True),
        ("Three workers were hurt", "Three", 3, "workers", "count", False),
        ("a fleet of twenty-one buses", "twenty-one", 21, "buses", "count", False),
        (
            "it will cut two thousand four hundred jobs",
            "two thousand four hundred",
            2400,
            "jobs",
            "count",
            False,
        ),
        (
            "one million two hundred thousand voters",
            "one million two hundred thousand",
            1.2e6,
            "voters",
            "count",
            False,
        ),
        (
            "his second trip in less than 18 months",
            "less than 18 months",
            18,
            "months",
            "duration",
            True,
        ),
        ("a two-day state visit", "two-day", 2, "days", "duration", False),
        ("first visit since 2017 began", "2017", 2017, None, "year", False),
        ("a 6.5-kilometre extension", "6.5-kilometre", 6.5, "kilometre", "count", False),
    ],
)
def test_quantity_spans_values_and_units(text, span, value, unit, kind, approx):
    q = one(text)
    assert (q.text, q.value, q.unit, q.kind, q.approx) == (span, value, unit, kind, approx)


def test_vague_counts_have_no_value_but_keep_the_counted_noun():
    q = one("They signed dozens of cooperation agreements.")
    assert (q.text, q.value, q.unit, q.kind) == ("dozens", None, "agreements", "count")
    money = one("has drawn billions of dollars in investment")
    assert (money.text, money.value, money.unit) == ("billions of dollars", None, "USD")


def test_numbers_written_as_words_are_valued():
    found = find_quantities("One hundred and five people came; a dozen eggs broke; nine years ago.")
    assert [(q.text, q.value) for q in found] == [
        ("One hundred and five", 105),
        ("a dozen", 12),
        ("nine years ago", 9),
    ]
    assert found[2].ago and found[2].kind == "duration"


def test_relative_spans_and_dates():
    found = find_quantities("He last visited 12 years ago and will return from April 15 to 18.")
    assert [(q.text, q.kind) for q in found] == [
        ("12 years ago", "duration"),
        ("April 15 to 18", "date"),
    ]
    assert one("on 14 April 2025 in the capital").value == 2025


@pytest.mark.parametrize(
    "text",
    [
        "ranked No. 2 in the world",
        "the C909 and the G7 met over COVID-19",
        "one of the major goals",
        "the first, second and 3rd rounds",
        "someone often mentioned a canine",
        "the Line 3 tram",
        "a 79-year-old customer was among them",  # an age, not a span of time
        "a girl of eight years old",
    ],
)
def test_things_that_are_not_quantities(text):
    assert find_quantities(text) == []


def test_a_list_of_percentages_is_not_a_range():
    found = find_quantities("they face 49% and 24% of duties respectively")
    assert [(q.text, q.value, q.high) for q in found] == [("49%", 49, None), ("24%", 24, None)]


def test_ranges_keep_both_ends():
    q = one("between 10 and 20 people were evacuated")
    assert (q.value, q.high, q.unit) == (10, 20, "people")


def test_machine_translation_slips_do_not_break_extraction():
    text = "while Beijing faces a 145% U.S. responsibility, while talks go on"
    q = one(text)
    assert (q.text, q.value, q.kind) == ("145%", 145, "percent")
