"""Calendar arithmetic for dates read from text: periods, years and weekdays.

Pure functions on ISO strings and `datetime.date`, kept apart from the
component so each rule (which year does "October 25" mean?) is easy to test.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_HALF_YEAR = 183  # a year-less date further than this from publication belongs to the adjacent year
_RECENT = 31  # a past-tense date at most this far after publication is a dating slip, not last year


def iso(year: int, month: int | None = None, day: int | None = None) -> str:
    """ISO 8601 text at the granularity given: 2025, 2025-10 or 2025-10-25."""
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def bounds(value: str) -> tuple[str | None, str | None]:
    """First and last day of the period an ISO value names; (None, None) if it has no year."""
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value):
        return value, value
    if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
        y, mo = int(m[1]), int(m[2])
        return f"{value}-01", f"{value}-{calendar.monthrange(y, mo)[1]:02d}"
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
        y, q = int(m[1]), int(m[2])
        last = q * 3
        return iso(y, last - 2, 1), iso(y, last, calendar.monthrange(y, last)[1])
    if m := re.fullmatch(r"(\d{4})-W(\d{2})", value):
        monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat()
    if re.fullmatch(r"\d{4}", value):
        return f"{value}-01-01", f"{value}-12-31"
    return None, None


def valid_day(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def infer_year(month: int, day: int | None, published: dt.date, tense: str | None) -> int:
    """The year of a year-less date, taken from the publication date.

    A past-tense clause puts a date more than a month after publication in the
    previous year ("met in December", written in March) and a future one puts a date before
    publication in the next; with no tense, a date more than half a year away
    is read as belonging to the adjacent year (a January article speaking of
    "December 28").
    """
    year = published.year
    candidate = dt.date(year, month, min(day or 1, calendar.monthrange(year, month)[1]))
    delta = (candidate - published).days
    if tense == "past":
        return year - 1 if delta > _RECENT else year
    if tense == "future":
        return year + 1 if delta < 0 and (day is not None or month < published.month) else year
    if delta > _HALF_YEAR:
        return year - 1
    if delta < -_HALF_YEAR:
        return year + 1
    return year


def month_relative(month: int, published: dt.date, direction: int) -> int:
    """The year of "last May" (-1), "this May" (0) or "next May" (+1)."""
    if direction < 0:
        return published.year if month < published.month else published.year - 1
    if direction > 0:
        return published.year if month > published.month else published.year + 1
    return published.year


def resolve_weekday(weekday: int, published: dt.date, future: bool) -> dt.date:
    """The date of a weekday named without one: the latest on or before
    publication for the past, the next one after it for the future."""
    if future:
        ahead = (weekday - published.weekday()) % 7 or 7
        return published + dt.timedelta(days=ahead)
    back = (published.weekday() - weekday) % 7
    return published - dt.timedelta(days=back)


def shift(published: dt.date, unit: str, amount: int) -> str:
    """The ISO value of the period `amount` units away from publication ("last year")."""
    if unit == "day":
        return (published + dt.timedelta(days=amount)).isoformat()
    if unit == "week":
        y, w, _ = (published + dt.timedelta(weeks=amount)).isocalendar()
        return f"{y:04d}-W{w:02d}"
    if unit == "month":
        index = published.year * 12 + published.month - 1 + amount
        return iso(index // 12, index % 12 + 1)
    if unit == "quarter":
        index = published.year * 4 + (published.month - 1) // 3 + amount
        return f"{index // 4:04d}-Q{index % 4 + 1}"
    return iso(published.year + amount)
