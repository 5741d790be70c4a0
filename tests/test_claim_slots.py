"""Typed slots of the claim model on labelled phrases: what agrees and what differs."""

from __future__ import annotations

from datetime import date

import pytest

from pelican.plugins.explainer.analyse.claims import same_actor
from pelican.plugins.explainer.analyse.slots import (
    amounts,
    clock_times,
    compatible,
    prior_occurrences,
    same_moment,
)


def _amount(text: str):
    (found,) = amounts(text)
    return found


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        ("more than 30 people", "31 people", True),
        ("about 40 observers", "dozens of observers", True),
        ("more than half of voters", "52% of voters", True),
        ("at least 24 people", "31 people", False),
        ("about 4,000 residents", "nearly 6,000 residents", False),
        ("a premium of 4%", "a premium of up to 38%", False),
        ("$2 billion", "up to $4.5 billion", False),
        ("up to 145%", "145%", True),
    ],
)
def test_amounts_agree_only_when_one_value_fits_both(a: str, b: str, agree: bool) -> None:
    assert compatible(_amount(a), _amount(b)) is agree


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("at 14:05 GMT", "at 4:05 p.m. (GMT+2)", True),
        ("at 14:05 GMT", "at 4:40 p.m. local time", False),  # minutes past the hour differ
        ("at 14:05", "at 2:05 pm", True),
        ("at 03:42 UTC", "at 5:42 a.m. local time", None),  # unknowable without the zone
        ("at 15.00 by the local hour", "at three in the afternoon", True),
        ("at 15.00 by the local hour", "at noon and at three in the morning", False),
        ("at 03:40", "shortly before four in the morning", True),  # approximate
        ("about 2:15 a.m.", "shortly before four in the morning", False),
        ("on Monday at 23 hours", "at 11 at night", True),
        ("at midnight local time", "on Saturday at 6 hours of the morning", False),
    ],
)
def test_times_of_day_compare_across_zones_and_formats(a: str, b: str, same: bool | None) -> None:
    x, y = clock_times(a)[0], clock_times(b)[-1]
    assert same_moment(x, y) is same


def _prior(text: str):
    (found,) = prior_occurrences(text, date(2025, 4, 14))
    return found


def _overlap(a: str, b: str) -> bool:
    x, y = _prior(a), _prior(b)
    return x.low <= y.high and y.low <= x.high


def test_implied_dates_agree_or_differ() -> None:
    assert not _overlap(
        "his first visit since 2017", "the trip is his second in less than 18 months"
    )
    assert _overlap("the first state visit since 2013", "the first state visit in twelve years")


@pytest.mark.parametrize(
    ("x", "y", "same"),
    [
        ("Jurgen Hallbeck", "Jürgen Hallbeck", True),
        ("NCA", "National Competition Authority", True),
        ("Halvorsen", "Halvorsen Marine Holdings", True),
        ("the army of Norland", "Norlandic army", True),
        ("VietJet", "Vietnam Airlines", False),
        ("Janet Orrell", "Samir Haddad", False),
    ],
)
def test_name_variants_are_one_actor(x: str, y: str, same: bool) -> None:
    assert same_actor(x, y) is same


@pytest.mark.parametrize(
    "text", ["The river stood at 7.42 metres at the gauge.", "Shares closed at 18.39 on Friday."]
)
def test_figures_with_a_dot_are_not_times_of_day(text: str) -> None:
    assert clock_times(text) == []
