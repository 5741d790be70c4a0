"""Calendar dates to the precision written, times of day as values, and when two disagree."""

from __future__ import annotations

import pytest
from reports import report

from pelican.plugins.explainer.analyse.calendar_dates import CalendarDate, calendar_dates
from pelican.plugins.explainer.analyse.compare import compare
from pelican.plugins.explainer.analyse.slots import clock_times, same_moment


@pytest.mark.parametrize(
    ("text", "span", "date"),
    [
        ("The firm collapsed in March 2023, prosecutors said.", "March 2023", "2023-3-?"),
        ("The last eruption was in 1979.", "1979", "1979-?-?"),
        ("The plant will close at the end of June.", "June", "?-6-?"),
        ("The report is due by July 24.", "July 24", "?-7-24"),
        ("It goes on sale from 1 April 2027.", "1 April 2027", "2027-4-1"),
        ("It opened on May 24, 2026 in the capital.", "May 24, 2026", "2026-5-24"),
        ("the worst blackout since January 2014", "January 2014", "2014-1-?"),
    ],
)
def test_a_date_is_read_to_the_precision_written(text: str, span: str, date: str) -> None:
    ((start, end, when),) = calendar_dates(text)
    assert text[start:end] == span
    assert str(when) == date


@pytest.mark.parametrize(
    "text",
    [
        "Prices may rise, officials said.",  # "may" the verb
        "The 2019-20 season ended early.",  # a season, not a year
        "He scored 1987 points in his career.",  # a count
    ],
)
def test_words_that_only_look_like_dates_are_not_dates(text: str) -> None:
    assert calendar_dates(text) == []


def test_dates_fit_when_every_part_both_state_is_the_same() -> None:
    march = CalendarDate(2023, 3, None)
    assert march.fits(CalendarDate(2023, 3, 14))
    assert march.fits(CalendarDate(None, 3, None))
    assert not march.fits(CalendarDate(2023, 5, None))
    assert not CalendarDate(1979, None, None).fits(CalendarDate(1987, 3, None))


def test_one_event_in_two_months_is_a_date_discrepancy_and_in_one_month_is_not() -> None:
    said = "The company collapsed in {}, leaving debts of 40 million thalers, prosecutors said."
    c = compare([report("a", said.format("March 2023")), report("b", said.format("May 2023"))], {})
    assert [(d.kind, sorted(d.values.values())) for d in c.discrepancies] == [
        ("date", ["March 2023", "May 2023"])
    ]
    c = compare([report("a", said.format("March 2023")), report("b", said.format("March"))], {})
    assert not [d for d in c.discrepancies if d.kind == "date"]


@pytest.mark.parametrize(
    ("a", "b", "differ"),
    [
        (
            "The Selda capsized at 16.40 by the local hour.",
            "It capsized at 3:20 p.m. local time.",
            True,
        ),
        ("The quake struck at 14:05 GMT.", "The quake struck at 4:05 p.m. (GMT+2).", False),
        ("The raid began at about 2:15 a.m.", "The raid began shortly before 2:30 a.m.", False),
    ],
)
def test_times_of_day_differ_only_when_no_reading_agrees(a: str, b: str, differ: bool) -> None:
    # Clock times are compared by the registry's "time" rule, through their readings.
    (x,) = clock_times(a)
    (y,) = clock_times(b)
    assert (same_moment(x, y) is False) is differ
