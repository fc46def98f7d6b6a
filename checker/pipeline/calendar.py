"""Calendar arithmetic for dates read from text: periods, years and weekdays.

Pure functions on ISO strings and `datetime.date`, kept apart from the
component so each rule (which year does "October 25" mean?) is easy to test.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache

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


@lru_cache(maxsize=4096)  # a corpus names the same few periods over and over
def bounds(value: str) -> tuple[str | None, str | None]:
    """First and last day of the period an ISO value names (TimeML's seasons "1998-SU",
    decades "199" and centuries "19" too); (None, None) if it has no year
    or names no such period (month 13, week 53 of a 52-week year, year 0: a fact sheet's
    values are typed by hand)."""
    try:
        period = _period(value)
    except (ValueError, OverflowError):
        period = None
    return (period[0].isoformat(), period[1].isoformat()) if period else (None, None)


def _period(value: str) -> tuple[dt.date, dt.date] | None:
    if m := re.fullmatch(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", value):
        day = dt.date(int(m[1]), int(m[2]), int(m[3]))
        return day, day
    if m := re.fullmatch(r"([0-9]{4})-([0-9]{2})", value):
        first = dt.date(int(m[1]), int(m[2]), 1)
        return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])
    if m := re.fullmatch(r"([0-9]{4})-Q([1-4])", value):
        y, last = int(m[1]), int(m[2]) * 3
        return dt.date(y, last - 2, 1), dt.date(y, last, calendar.monthrange(y, last)[1])
    if m := re.fullmatch(r"([0-9]{4})-W([0-9]{2})", value):
        monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return monday, monday + dt.timedelta(days=6)
    if m := re.fullmatch(r"([0-9]{4})-(SP|SU|FA|WI)", value):
        return _season(int(m[1]), m[2])
    if re.fullmatch(r"[0-9]{2,4}", value):  # a year, a decade ("199": the 1990s) or a century ("19")
        scale = 10 ** (4 - len(value))
        return dt.date(int(value) * scale, 1, 1), dt.date(int(value) * scale + scale - 1, 12, 31)
    return None


_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}  # winter runs into the next year


def _season(year: int, code: str) -> tuple[dt.date, dt.date]:
    """A season of the northern calendar: meteorological seasons, winter from December."""
    first, last = _SEASON_MONTHS[code]
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    return dt.date(year, first, 1), dt.date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])


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


def add_days(day: dt.date, days: int) -> dt.date | None:
    """`day` moved by `days`, or None past the ends of the calendar (years 1 to 9999)."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return None


def resolve_weekday(weekday: int, published: dt.date, future: bool, strictly: bool = False) -> dt.date | None:
    """The date of a weekday named without one: the latest on or before publication for
    the past, the first on or after it for the future (news names the day it is published
    by its weekday); `strictly` ("last Friday", "next Friday") skips the publication day
    itself. None past the ends of the calendar."""
    if future:
        return add_days(published, (weekday - published.weekday()) % 7 or (7 if strictly else 0))
    return add_days(published, -((published.weekday() - weekday) % 7 or (7 if strictly else 0)))


def shift(published: dt.date, unit: str, amount: int) -> str | None:
    """The ISO value of the period `amount` units away from publication ("last year"),
    or None when it falls outside the years 1 to 9999 ("10,000 days ago" in 0005)."""
    try:
        value = _shifted(published, unit, amount)
    except OverflowError:
        return None
    return value if bounds(value)[0] else None


def _shifted(published: dt.date, unit: str, amount: int) -> str:
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
