"""The days a date value covers (periods.date_bounds): every precision the date normalization writes."""

from __future__ import annotations

import pytest

from eventwire.periods import date_bounds, period_days


@pytest.mark.parametrize(("value", "start", "last"), [
    ("2025-12-31", "2025-12-31", "2025-12-31"),  # day
    ("2025-12-31T14:30", "2025-12-31", "2025-12-31"),  # time of day
    ("2025-12-31TNI", "2025-12-31", "2025-12-31"),  # part of a day
    ("2026-01-02T09:30:00+00:00", "2026-01-02", "2026-01-02"),  # a publication date and time
    ("2025-W52", "2025-12-22", "2025-12-28"),  # week: Monday to Sunday
    ("2026-W01", "2025-12-29", "2026-01-04"),  # ISO week 1 starting in the year before
    ("2025-W52-WE", "2025-12-27", "2025-12-28"),  # weekend
    ("2025-09", "2025-09-01", "2025-09-30"),  # month
    ("2024-02", "2024-02-01", "2024-02-29"),  # leap February
    ("2025-Q4", "2025-10-01", "2025-12-31"),  # quarter
    ("2025-H1", "2025-01-01", "2025-06-30"),  # half year
    ("2025-SP", "2025-03-01", "2025-05-31"),  # seasons, meteorological
    ("2025-SU", "2025-06-01", "2025-08-31"),
    ("2025-FA", "2025-09-01", "2025-11-30"),
    ("2025-WI", "2025-12-01", "2026-02-28"),  # winter is named after the year it starts in
    ("2025", "2025-01-01", "2025-12-31"),  # year
    ("199", "1990-01-01", "1999-12-31"),  # decade
    ("20", "2000-01-01", "2099-12-31"),  # century
])
def test_each_precision_covers_its_days(value, start, last):
    assert date_bounds(value) == (start, last)


@pytest.mark.parametrize("value", [None, "", "PAST_REF", "PRESENT_REF", "FUTURE_REF", "XXXX-WXX-1", "P3W",
                                   "2025-02-30", "2025-13", "2025-W54", "2025-Q5", "2025-XX", "000"])
def test_a_value_that_names_no_period_has_no_days(value):
    assert period_days(value) is None
    assert date_bounds(value) == (None, None)


def test_a_week_value_sorts_between_the_right_days():
    days = ["2025-12-31", "2025-12-21", "2025-W52", "2025-12-23", "2025-12", "2026-W01"]
    ordered = sorted(days, key=lambda v: date_bounds(v))
    assert ordered == ["2025-12", "2025-12-21", "2025-W52", "2025-12-23", "2026-W01", "2025-12-31"]
    assert sorted(days) != ordered  # as text, the weeks came after every day


def test_an_interval_ends_on_its_end_values_last_day():
    assert date_bounds("2025-06", "2025-09-14") == ("2025-06-01", "2025-09-14")  # "between June and Sept. 14"
    assert date_bounds("2025-06-01", "2025-W37") == ("2025-06-01", "2025-09-14")
    assert date_bounds("2025-03-03", "2025-03-01") == ("2025-03-03", "2025-03-03")  # an end before the start
    assert date_bounds("2025-03-03", "PRESENT_REF") == ("2025-03-03", "2025-03-03")  # an unreadable end
