"""Number parsing: every form news uses for a count, and numbers that are not counts."""

from __future__ import annotations

import pytest

from eventwire.extract.numbers import find_counts, parse_count, word_value


@pytest.mark.parametrize(
    ("text", "low", "best", "high", "vague"),
    [
        ("5", 5, 5, 5, False),
        ("1,200", 1200, 1200, 1200, False),
        ("2.5 million", 2_500_000, 2_500_000, 2_500_000, False),
        ("five", 5, 5, 5, False),
        ("twenty-three", 23, 23, 23, False),
        ("twenty three", 23, 23, 23, False),
        ("one hundred and five", 105, 105, 105, False),
        ("a dozen", 12, 12, 12, False),
        ("half a dozen", 6, 6, 6, False),
        ("two dozen", 24, 24, 24, False),
        ("at least 114", 114, 114, None, False),
        ("more than 100", 100, 100, None, False),
        ("up to 30", None, 30, 30, False),
        ("nearly 40", None, 40, 40, False),
        ("about 40", None, 40, None, False),
        ("between 10 and 15", 10, 10, 15, False),
        ("10 to 15", 10, 10, 15, False),
        ("10-15", 10, 10, 15, False),
        ("two or three", 2, 2, 3, False),
        ("several", 3, 3, None, True),
        ("many", 10, 10, None, True),
        ("dozens", 12, 12, None, True),
        ("scores of", 20, 20, None, True),
        ("hundreds", 100, 100, None, True),
        ("tens of thousands", 10_000, 10_000, None, True),
        ("no one", 0, 0, 0, False),
    ],
)
def test_parse_count_forms(text: str, low: int | None, best: int, high: int | None, vague: bool) -> None:
    count = parse_count(text)
    assert count is not None
    assert (count.low, count.best, count.high, count.vague) == (low, best, high, vague)


def test_parse_count_span_is_offset() -> None:
    count = parse_count("killed at least 114 people", offset=100)
    assert count is not None
    assert (count.text, count.start, count.end) == ("at least 114", 107, 119)


@pytest.mark.parametrize(
    "text",
    [
        "the 5 o'clock news",
        "Route 66",
        "a 9mm handgun",
        "a .45 caliber pistol",
        "killed in 2019",
        "a 25-year-old man",
        "at 8:20 p.m.",
        "on Dec. 2",
        "call 209-538-5616",
        "a $6,000 reward",
        "the 3300 block",
        "the 22nd shooting",
        "40 percent",
    ],
)
def test_numbers_that_are_not_counts(text: str) -> None:
    assert find_counts(text) == []
    assert parse_count(text) is None


def test_age_between_commas_is_not_a_count() -> None:
    assert find_counts("Ronald Munn, 28, was shot") == []


def test_find_counts_keeps_each_number_separate() -> None:
    counts = find_counts("killed five people aboard two vessels")
    assert [(c.best, c.text) for c in counts] == [(5, "five"), (2, "two")]


def test_and_joins_only_after_hundreds() -> None:
    assert [c.best for c in find_counts("two and five")] == [2, 5]


def test_word_value() -> None:
    assert word_value("twenty-three") == 23
    assert word_value("three thousand and twelve") == 3012
    assert word_value("banana") is None


def test_a_family_of_four_counts_four() -> None:
    count = parse_count("a family of four")
    assert count is not None and count.best == 4


def test_a_year_before_a_comma_is_not_a_count() -> None:
    assert [c.best for c in find_counts("in March 2009, where 11 people died")] == [11]
