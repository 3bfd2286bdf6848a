"""The days a stored date value covers, so dates of any precision sort and filter as days.

An event's ``date`` is an ISO 8601 / TimeML value at the precision the text supports; as text,
``2025-W52`` sorts after ``2025-12-31`` and ``2025-12`` before ``2025-12-01``. ``date_bounds``
turns a value (and an interval's end value) into its first and last day, which the store keeps as
``date_start`` / ``date_last``: listings sort by the first day, date filters test the overlap.

    >>> date_bounds("2025-W52")
    ('2025-12-22', '2025-12-28')
    >>> date_bounds("2025-SU")
    ('2025-06-01', '2025-08-31')
    >>> date_bounds("2025-06", "2025-09-14")
    ('2025-06-01', '2025-09-14')
    >>> date_bounds("PAST_REF")
    (None, None)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from functools import lru_cache

# Meteorological seasons of the northern hemisphere: (first month, months). Winter is named after
# the year it starts in, as TimeML does: 2025-WI is December 2025 to February 2026.
SEASONS = {"SP": (3, 3), "SU": (6, 3), "FA": (9, 3), "WI": (12, 3)}
Days = tuple[date, date]


def _months(year: int, first: int, count: int) -> Days:
    """``count`` whole months from month ``first`` of ``year``: (2025, 12, 3) -> Dec 1 .. Feb 28."""
    start = date(year, first, 1)
    end_year, end_month = year + (first + count - 1) // 12, (first + count - 1) % 12 + 1
    return start, date(end_year, end_month, 1) - timedelta(days=1)


def _day(m: re.Match[str]) -> Days:
    """``2025-12-31``, also with a time (``2025-12-31T14:30``, ``2025-12-31TNI``): that day."""
    day = date(int(m[1]), int(m[2]), int(m[3]))
    return day, day


def _week(m: re.Match[str]) -> Days:
    """``2025-W52``: Monday to Sunday; ``2025-W52-WE``: its Saturday and Sunday."""
    monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
    first = monday + timedelta(days=5) if m[3] else monday
    return first, monday + timedelta(days=6)


def _month(m: re.Match[str]) -> Days:
    """``2025-09``: September 1 to 30."""
    return _months(int(m[1]), int(m[2]), 1)


def _quarter(m: re.Match[str]) -> Days:
    """``2025-Q4``: October 1 to December 31."""
    return _months(int(m[1]), 3 * int(m[2]) - 2, 3)


def _half(m: re.Match[str]) -> Days:
    """``2025-H2``: July 1 to December 31."""
    return _months(int(m[1]), 6 * int(m[2]) - 5, 6)


def _season(m: re.Match[str]) -> Days:
    """``2025-SU``: June 1 to August 31; ``2025-WI``: December 1, 2025 to February 28, 2026."""
    return _months(int(m[1]), *SEASONS[m[2]])


def _years(first: int, count: int) -> Days:
    """``count`` whole years from ``first``: (1990, 10) -> 1990-01-01 .. 1999-12-31."""
    return date(first, 1, 1), date(first + count - 1, 12, 31)


def _century(m: re.Match[str]) -> Days:
    """``20``: 2000-01-01 to 2099-12-31 (``00``: from year 1, the calendar has no year 0)."""
    first = int(m[1]) * 100
    return _years(max(first, 1), 100 - (first == 0))


_FORMS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], Days]], ...] = (
    (re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?"), _day),
    (re.compile(r"(\d{4})-W(\d{2})(-WE)?(?:T.*)?"), _week),
    (re.compile(r"(\d{4})-(\d{2})"), _month),
    (re.compile(r"(\d{4})-Q([1-4])"), _quarter),
    (re.compile(r"(\d{4})-H([12])"), _half),
    (re.compile(r"(\d{4})-(SP|SU|FA|WI)"), _season),
    (re.compile(r"(\d{4})"), lambda m: _years(int(m[1]), 1)),
    (re.compile(r"(\d{3})"), lambda m: _years(int(m[1]) * 10, 10)),  # decade: 199 is the 1990s
    (re.compile(r"(\d{2})"), _century),
)


def period_days(value: str | None) -> Days | None:
    """First and last day of a date value at any precision eventwire writes; None when it names no
    calendar period (``PAST_REF``, ``XXXX-WXX-1``, an impossible day such as ``2025-02-30``)."""
    if not value:
        return None
    for pattern, days in _FORMS:
        if m := pattern.fullmatch(value.strip()):
            try:
                return days(m)
            except ValueError:
                return None
    return None


@lru_cache(maxsize=4096)
def date_bounds(value: str | None, end_value: str | None = None) -> tuple[str | None, str | None]:
    """``(date_start, date_last)`` as ISO days: the first day of ``value`` and the last day of the
    later of ``value`` and ``end_value`` (an interval's end: "between June and September 14").
    ``(None, None)`` when ``value`` names no period; an unreadable end is ignored."""
    days = period_days(value)
    if days is None:
        return None, None
    end = period_days(end_value)
    last = max(days[1], end[1]) if end else days[1]
    return days[0].isoformat(), last.isoformat()


def strictly_within(inner: str | None, outer: str | None) -> bool:
    """Whether ``inner`` names fewer days than ``outer``, all of them inside it ("2015-11-25" in
    "2015-W48", "2026-09-17" in "2026"; not a value in itself or one it only overlaps).

    >>> strictly_within("2015-11-25", "2015-W48"), strictly_within("2015-W48", "2015-11-25")
    (True, False)
    """
    first, last = date_bounds(inner)
    outer_first, outer_last = date_bounds(outer)
    if first is None or last is None or outer_first is None or outer_last is None:
        return False
    return outer_first <= first and last <= outer_last and (first, last) != (outer_first, outer_last)
