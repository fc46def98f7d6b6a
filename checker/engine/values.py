"""Do two normalized values agree? Intervals read at their stated precision, currencies, units of
measure, dates, weekdays.

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
from ..lexicon import load_lexicon
from ..models import TIME_REFERENCES, Claim, Kind
from ..pipeline.calendar import WEEKDAYS
from ..yamlfile import load_model
from .measures import convert, physical_dimension

Interval = tuple[float | None, float | None]
_NEAREST_MONTHS = 3  # how far from the month asked for a rate may come
MINUTES_A_DAY = 1440  # minutes in a day: times of day are compared around the clock


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


def first_number(claim: Claim) -> float | None:
    """The claim's value, else its low, else its high: the one number it gives, if any."""
    return next((float(v) for v in (claim.value, claim.low, claim.high) if isinstance(v, (int, float))), None)


def numbers_in_one_unit(a: Claim, b: Claim) -> tuple[float | None, float | None]:
    """The two claims' numbers (`first_number`), the second in the first's unit when both are
    quantities of one physical dimension: "roughly 1.4 km" and "2,100 metres" are 1.4 and 2.1,
    of one size, not 1.4 and 2,100. Other units are left as written."""
    x, y = first_number(a), first_number(b)
    if (y is not None and a.kind is Kind.QUANTITY and b.kind is Kind.QUANTITY and a.unit != b.unit
            and physical_dimension(a.unit) and physical_dimension(a.unit) == physical_dimension(b.unit)):
        y = convert(y, b.unit, a.unit)
    return x, y


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


def clock(minutes: float | None) -> str:
    """582 -> "09:42": minutes after midnight as a 24-hour clock (1440, the day's end, "24:00";
    an interval's end past it, "00:05 the next day")."""
    if minutes is None:
        return "unbounded"
    whole = round(minutes)
    day = " the next day" if whole > MINUTES_A_DAY else " the day before" if whole < 0 else ""
    whole = whole % MINUTES_A_DAY if day else whole
    return f"{whole // 60:02d}:{whole % 60:02d}{day}"


def describe(claim: Claim) -> str:
    """A claim's normalized value in words, as a message shows it."""
    if claim.kind is Kind.DATE:
        return TIME_REFERENCES.get(str(claim.value)) or str(claim.value or claim.weekday or "an unresolved date")
    if claim.kind is Kind.TIME:
        zone = {None: "", "local": " local time"}.get(claim.unit, f" {claim.unit}")
        return f"{clock(claim.value if isinstance(claim.value, (int, float)) else None)}{zone}"
    if claim.kind is Kind.PLACE:
        return f"{claim.unit or 'at'} {claim.value}"
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
    """Intervals widened by the tolerance overlap: each figure read at the precision it is
    stated with, money converted to one currency and quantities to one unit first."""
    sa, sb = (stated_maximum(a), stated_maximum(b)) if both_maxima(a, b) else (stated_interval(a), stated_interval(b))
    if sa == (None, None) or sb == (None, None):
        return None
    ia, ib = sa, sb
    a, b, how = _one_currency(a, b)
    if a.kind is Kind.MONEY and a.unit != b.unit:
        ca, cb = to_base(a, ia, rates, months[0]), to_base(b, ib, rates, months[1])
        if ca is None or cb is None:
            return None
        (ia, na), (ib, nb) = ca, cb
        notes = [n for n in (na, nb) if n]
        how = f" at {', '.join(notes)}" if notes else ""
        tolerance = max(tolerance, currency_tolerance)
    elif a.kind is Kind.QUANTITY and a.unit != b.unit:
        found = in_one_unit(a, b, ia, ib)
        if found is None:
            return None
        ia, ib, how = found
    ok = overlap(widen(ia, tolerance), widen(ib, tolerance))
    return Comparison(ok, lambda: f"{stated(a, sa)} and {stated(b, sb)}{how} {'agree' if ok else 'differ'}")


def _one_currency(a: Claim, b: Claim) -> tuple[Claim, Claim, str]:
    """A figure whose currency is a default reading ("$3,000" read as USD in an article that
    names no currency) taken in the other's currency when its words may mean that one ("A$3,000"
    in another outlet's story): an Australian blog's dollars are Australian."""
    if a.kind is not Kind.MONEY or a.unit == b.unit:
        return a, b, ""
    for guessed, stated in ((a, b), (b, a)):
        if stated.unit in (guessed.unit_options or ()) and not stated.unit_options:
            taken = guessed.model_copy(update={"unit": stated.unit, "unit_options": None})
            pair = (taken, b) if guessed is a else (a, taken)
            return *pair, f" (“{guessed.text}” taken as {stated.unit}, as the other states it)"
    return a, b, ""


def in_one_unit(a: Claim, b: Claim, ia: Interval, ib: Interval) -> tuple[Interval, Interval, str] | None:
    """Both quantities' intervals in a's unit, and the conversion in words ("31 miles is 49.9
    kilometre"); None across dimensions. Each is first padded by the rounding its last digit
    admits: a converted figure is a rounded one ("3 km (2 miles)", "-1C (30F)")."""
    if physical_dimension(a.unit) is None or physical_dimension(a.unit) != physical_dimension(b.unit):
        return None
    shown = describe(b.model_copy(update={
        "unit": a.unit, **{k: convert(getattr(b, k), b.unit, a.unit) for k in ("value", "low", "high")}}))
    ia, ib = _padded(ia, stated_precision(a, True)), _padded(ib, stated_precision(b, True))
    return ia, tuple(convert(x, b.unit, a.unit) for x in ib), f" ({b.text} is {shown})"


def _padded(interval: Interval, step: float) -> Interval:
    low, high = interval
    return None if low is None else low - step, None if high is None else high + step


_NUMERAL = re.compile(r"\d[\d,]*(?:\.\d+)?")


def stated_precision(claim: Claim, zeros_count: bool = False) -> float:
    """Half a unit of the last significant digit of a figure as written, in the claim's units.

    A writer's "approximately 550" rounds to 550, so it stands for 545-555, while "about
    3,000" (one significant digit) honestly covers 2,500-3,500: a flat 10% is too wide for
    the one and too narrow for the other. Read from the words, not the float: 3,000 and
    3,001, or 3.4 and 3.40, are one float but not one precision; a figure in words ("some
    three thousand") falls back to the float's last non-zero digit. `zeros_count` takes a
    whole number's trailing zeros as significant ("3,000": 0.5), the least any rounded
    figure admits. 0 for a figure without a single value (a range).
    """
    if not isinstance(claim.value, (int, float)) or not claim.value:
        return 0.0
    return _precision(claim.text, abs(float(claim.value)), zeros_count)


@lru_cache(maxsize=1 << 14)  # asked for both claims of every candidate pair
def _precision(text: str, value: float, zeros_count: bool) -> float:
    found = _NUMERAL.search(text)
    digits = found[0].replace(",", "") if found else "0"
    if float(digits):
        whole, _, fraction = digits.partition(".")
        kept = whole if zeros_count or fraction else whole.rstrip("0")
        return 10.0 ** (-len(fraction) if fraction else len(whole) - len(kept)) / 2 * value / float(digits)
    mantissa, exponent = f"{value:.6e}".split("e")
    return 0.5 * 10.0 ** (int(exponent) - len(mantissa.replace(".", "").rstrip("0")) + 1)


def stated_interval(claim: Claim) -> Interval:
    """The interval the engine reads a figure as. An approximate one ("about", "roughly") is
    its value give or take its stated_precision, not extraction's flat 10%; a "nearly" one
    reaches below its value by that precision, but no further than extraction's 10% (the
    word says the figure is close). Ranges, bounds and exact figures: as extracted."""
    low, high = numeric_interval(claim)
    mode = load_lexicon().qualifier_mode.get(claim.qualifier or "")
    step = stated_precision(claim) if mode in ("approximate", "near_below") else 0.0
    if not step or low is None or high is None:
        return low, high
    value = float(claim.value)
    if mode == "approximate":
        return value - step, value + step
    reach = min(step, high - low)
    return (value - reach, value) if value >= 0 else (value, value + reach)


def both_maxima(a: Claim, b: Claim) -> bool:
    """Whether both figures are stated maxima ("up to 140°C", "as many as 300 jobs"): two
    sources giving the same fact as a maximum state the maximum itself, so 140 and 104 differ.
    (Two lower bounds stay open: "at least 50" and "more than 1,400" may both be true.)"""
    modes = load_lexicon().qualifier_mode
    return modes.get(a.qualifier or "") == modes.get(b.qualifier or "") == "at_most"


def stated_maximum(claim: Claim) -> Interval:
    """A stated maximum read as the figure it names, give or take its stated precision."""
    if not isinstance(claim.value, (int, float)):
        return numeric_interval(claim)
    step = stated_precision(claim)
    return float(claim.value) - step, float(claim.value) + step


def stated(claim: Claim, interval: Interval) -> str:
    """describe(), with the interval a qualified figure is read as when that is not the
    extracted one: "approximately 550 billion USD (545–555 billion USD as stated)"."""
    if interval == numeric_interval(claim):
        return describe(claim)
    low, high = human(interval[0]), human(interval[1], claim.unit)
    number, _, scale = low.partition(" ")
    low = number if scale and high.split(" ")[1:2] == [scale] else low
    return f"{claim.qualifier} {describe(claim)} ({low}–{high} as stated)"


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
