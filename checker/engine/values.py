"""Do two normalized values agree? Intervals, currencies, dates, weekdays.

Every comparison returns a verdict and the words that explain it, so a
finding's message can show the arithmetic ("790 trillion JPY is about 5.2
trillion USD at 151.5 JPY/USD (2025-10)").
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, PrivateAttr

from ..errors import LexiconError
from ..models import Claim, Kind
from ..pipeline.calendar import WEEKDAYS
from ..yamlfile import load_model

Interval = tuple[float | None, float | None]
_NEAREST_MONTHS = 3  # how far from the month asked for a rate may come


class RateTable(BaseModel):
    """rules/rates.yaml: units of each currency per one unit of `base`, by month."""

    model_config = ConfigDict(extra="forbid")
    source: str
    base: str
    rates: dict[str, dict[str, float]]
    _found: dict[tuple[str, str | None], tuple[float, str] | None] = PrivateAttr(default_factory=dict)

    def per_base(self, code: str, month: str | None) -> tuple[float, str] | None:
        """(rate, month used): the month asked for, else the nearest month in the table within
        a quarter of it; None when the table does not reach that far (a 1989 article). Looked
        up once per currency and month: the engine asks for every pair of money claims."""
        key = (code, month)
        if key not in self._found:
            self._found[key] = self._per_base(code, month)
        return self._found[key]

    def _per_base(self, code: str, month: str | None) -> tuple[float, str] | None:
        if code == self.base:
            return 1.0, month or "any"
        table = self.rates.get(code)
        if not table:
            return None
        if month in table:
            return table[month], month
        months = sorted(table)
        if month is None:
            return table[months[-1]], months[-1]
        chosen = min(months, key=lambda m: abs(_month_index(m) - _month_index(month)))
        if abs(_month_index(chosen) - _month_index(month)) > _NEAREST_MONTHS:
            return None
        return table[chosen], chosen


def _month_index(month: str) -> int:
    year, mon = month.split("-")
    return int(year) * 12 + int(mon)


@lru_cache(maxsize=4)
def load_rates(path: str | None = None) -> RateTable:
    source = Path(path) if path else resources.files("checker.rules") / "rates.yaml"
    return load_model(source.read_text(encoding="utf-8"), RateTable, str(source), LexiconError)


def widen(interval: Interval, tolerance: float) -> Interval:
    low, high = interval
    return (
        None if low is None else low - abs(low) * tolerance,
        None if high is None else high + abs(high) * tolerance,
    )


def overlap(a: Interval, b: Interval) -> bool:
    """Whether two intervals meet (None: unbounded). Asked of every candidate pair, so spelled out."""
    lo = b[0] if a[0] is None else a[0] if b[0] is None else max(a[0], b[0])
    hi = b[1] if a[1] is None else a[1] if b[1] is None else min(a[1], b[1])
    return lo is None or hi is None or lo <= hi


def numeric_interval(claim: Claim) -> Interval:
    return (claim.low if isinstance(claim.low, (int, float)) else None,
            claim.high if isinstance(claim.high, (int, float)) else None)


def human(value: float | None, unit: str | None = None) -> str:
    """550000000000 -> '550 billion'; keeps three significant figures."""
    if value is None:
        return "unbounded"
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            text = f"{value / size:.3g} {word}"
            break
    else:
        text = f"{value:,.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    return f"{text} {unit}".strip() if unit else text


def describe(claim: Claim) -> str:
    """A claim's normalized value in words, as a message shows it."""
    if claim.kind is Kind.DATE:
        return str(claim.value or claim.weekday or "an unresolved date")
    if claim.value is not None:
        return human(claim.value, claim.unit)
    return f"{human(claim.low)} to {human(claim.high, claim.unit)}"


@dataclass(frozen=True)
class Comparison:
    """Whether two values agree, and the words that say why: a string, or a function making
    it (most candidate pairs never reach a message, and describing both values costs)."""

    compatible: bool
    why: str | Callable[[], str]

    @property
    def reason(self) -> str:
        return self.why if isinstance(self.why, str) else self.why()


def month_of(claim: Claim, published: dt.date | None) -> str | None:
    """The month whose exchange rate applies: the figure's own time, else publication."""
    if claim.time and claim.time.value and re.match(r"\d{4}-\d{2}", claim.time.value):
        return claim.time.value[:7]
    return _month(published) if published else None


@lru_cache(maxsize=1 << 12)
def _month(day: dt.date) -> str:
    return day.strftime("%Y-%m")


def to_base(claim: Claim, interval: Interval, rates: RateTable, month: str | None) -> tuple[Interval, str] | None:
    """A money interval in the rate table's base currency, and how it was converted."""
    found = rates.per_base(claim.unit or "", month)
    if found is None:
        return None
    rate, used = found
    converted = tuple(None if x is None else x / rate for x in interval)
    if claim.unit == rates.base:
        return converted, ""
    return converted, f"{rate:g} {claim.unit}/{rates.base} ({used})"


def compare_numbers(a: Claim, b: Claim, tolerance: float, rates: RateTable, months: tuple[str | None, str | None],
                    currency_tolerance: float) -> Comparison | None:
    """Intervals widened by the tolerance overlap; money converted to one currency first."""
    ia, ib = numeric_interval(a), numeric_interval(b)
    if ia == (None, None) or ib == (None, None):
        return None
    notes = []
    if a.kind is Kind.MONEY and a.unit != b.unit:
        ca, cb = to_base(a, ia, rates, months[0]), to_base(b, ib, rates, months[1])
        if ca is None or cb is None:
            return None
        (ia, na), (ib, nb) = ca, cb
        notes = [n for n in (na, nb) if n]
        tolerance = max(tolerance, currency_tolerance)
    ok = overlap(widen(ia, tolerance), widen(ib, tolerance))
    how = f" at {', '.join(notes)}" if notes else ""
    return Comparison(ok, lambda: f"{describe(a)} and {describe(b)}{how} {'agree' if ok else 'differ'}")


def _month_day(value: str) -> tuple[int, int] | None:
    m = re.fullmatch(r"(?:\d{4}|-)-(\d{2})-(\d{2})", value)
    return (int(m[1]), int(m[2])) if m else None


def compare_dates(a: Claim, b: Claim, years: range) -> Comparison | None:
    """Dates agree when their periods overlap; a year-less date agrees with a full one on its
    month and day; a weekday agrees with a date falling on it (in the corpus's years when the
    year is unknown)."""
    va, vb = a.value, b.value
    if va and vb and not va.startswith("--") and not vb.startswith("--") and "/" not in va + vb:
        ok = overlap((_day(a.low), _day(a.high)), (_day(b.low), _day(b.high)))
        return Comparison(ok, f"{va} and {vb} {'agree' if ok else 'differ'}")
    if va and vb:
        da, db = _month_day(va), _month_day(vb)
        if da and db:
            return Comparison(da == db, f"{va} and {vb} {'name the same day' if da == db else 'differ'}")
        return None
    dated, weekday = (a, b) if va else (b, a)
    if not weekday.weekday or not dated.value:
        return None
    md = _month_day(dated.value)
    if md is None:
        return None
    if not dated.value.startswith("--"):
        day = dt.date.fromisoformat(dated.value)
        ok = WEEKDAYS[day.weekday()] == weekday.weekday
        return Comparison(ok, f"{dated.value} was a {WEEKDAYS[day.weekday()]}")
    fits = [y for y in years if _valid(y, *md) and WEEKDAYS[dt.date(y, *md).weekday()] == weekday.weekday]
    day = f"{calendar.month_name[md[0]]} {md[1]}"
    if fits:
        return Comparison(True, f"{day} was a {weekday.weekday} in {fits[-1]} (the corpus's years: {years[0]}-{years[-1]})")
    return Comparison(False, f"{day} was no {weekday.weekday} in {years[0]}-{years[-1]}")


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _day(value) -> float | None:
    return _ordinal(value) if isinstance(value, str) and len(value) == 10 else None


@lru_cache(maxsize=1 << 16)
def _ordinal(value: str) -> int:
    return dt.date.fromisoformat(value).toordinal()
