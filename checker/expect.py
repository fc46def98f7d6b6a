"""Expected values for assertions on claims: `usd("550bn")`, `percent(2, of="GDP")`,
`time_of_day("18:40")`, `place("Riga")`.

A newsroom pins a fact the way an editor says it, and the comparison allows
for how news states figures: a stated value matches within a relative
tolerance (0.5% unless `within=` says otherwise), a range matches a range, and
a date matches at the precision the article gave it ("October 25" with no
year matches on month and day; "on Saturday" matches any Saturday). Units are
never converted: a yen figure is not a dollar figure, whatever the rate.

Amounts are read with the lexicon's scale words, so "550bn", "550 billion",
"1.2tn" and 550e9 are one value.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .engine.values import overlap, place_key, widen
from .lexicon import load_lexicon
from .models import Claim, Kind
from .pipeline.calendar import WEEKDAYS
from .pipeline.numbers import parse_digits

DEFAULT_TOLERANCE = 0.005
_AMOUNT = re.compile(r"\s*(?P<number>[\d,]*\.?\d+)\s*(?P<scale>[A-Za-z]+)?\s*")

Amount = float | int | str


def amount(value: Amount) -> float:
    """A number as a person writes it: 550e9, "550bn", "550 billion", "1,200"."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    match = _AMOUNT.fullmatch(str(value))
    number = parse_digits(match["number"]) if match else None
    if number is None:
        raise ValueError(f"not an amount: {value!r} (write 550e9, '550bn' or '550 billion')")
    if not match["scale"]:
        return number
    numbers = load_lexicon().numbers
    scales = {**numbers.scales, **numbers.scale_abbreviations}
    scale = scales.get(match["scale"], scales.get(match["scale"].lower()))
    if scale is None:
        raise ValueError(f"unknown scale word {match['scale']!r} in {value!r}")
    return number * scale


@dataclass(frozen=True)
class Expected:
    """A value a claim should state: a kind, a unit (None: any), a point or a range."""

    kind: Kind
    unit: str | None
    low: float
    high: float
    tolerance: float = DEFAULT_TOLERANCE
    label: str = ""

    def __repr__(self) -> str:
        return self.label

    def matches(self, claim: Claim) -> bool:
        if claim.kind is not self.kind or not self._unit_fits(claim.unit):
            return False
        if isinstance(claim.value, (int, float)):
            return within(float(claim.value), (self.low, self.high), self.tolerance)
        low, high = claim.low, claim.high  # a range stated without a single value
        return (self.low != self.high and isinstance(low, (int, float)) and isinstance(high, (int, float))
                and within(low, (self.low, self.low), self.tolerance)
                and within(high, (self.high, self.high), self.tolerance))

    def _unit_fits(self, unit: str | None) -> bool:
        if self.unit is None:
            return True
        if self.kind is Kind.PERCENT and self.unit == "%":  # percent(2): of anything
            return bool(unit) and unit.startswith("%")
        return (unit or "").lower() == self.unit.lower()



def within(stated: float, expected: tuple[float, float], tolerance: float) -> bool:
    """A stated number inside the expected interval widened by the relative tolerance: the
    rule engine's own widening and overlap, so a test and a report never disagree on it."""
    return overlap(widen(expected, tolerance), (stated, stated))


def _expected(kind: Kind, unit: str | None, value: Amount, to: Amount | None, within: float | None,
              shown: str) -> Expected:
    low = amount(value)
    high = amount(to) if to is not None else low
    if high < low:
        raise ValueError(f"range {value!r} to {to!r} runs backwards")
    words = f"{value} to {to}" if to is not None else f"{value}"
    return Expected(kind, unit, low, high, DEFAULT_TOLERANCE if within is None else within,
                    shown.format(words))


def money(value: Amount, currency: str, to: Amount | None = None, *, within: float | None = None) -> Expected:
    """An amount of money in an ISO 4217 currency: `money("790tn", "JPY")`."""
    code = currency.upper()
    return _expected(Kind.MONEY, code, value, to, within, f"{code} {{}}")


def usd(value: Amount, to: Amount | None = None, *, within: float | None = None) -> Expected:
    return money(value, "USD", to, within=within)


def eur(value: Amount, to: Amount | None = None, *, within: float | None = None) -> Expected:
    return money(value, "EUR", to, within=within)


def gbp(value: Amount, to: Amount | None = None, *, within: float | None = None) -> Expected:
    return money(value, "GBP", to, within=within)


def jpy(value: Amount, to: Amount | None = None, *, within: float | None = None) -> Expected:
    return money(value, "JPY", to, within=within)


def percent(value: Amount, to: Amount | None = None, *, of: str | None = None,
            within: float | None = None) -> Expected:
    """A percentage; `of="GDP"` requires the base ("2% of GDP"), none accepts any base."""
    unit = f"% of {of}" if of else "%"
    return _expected(Kind.PERCENT, unit, value, to, within, f"{{}}{unit}")


def count(value: Amount, what: str | None = None, to: Amount | None = None, *,
          within: float | None = None) -> Expected:
    """A number of things: `count(12, "people")`; without `what`, a count of anything."""
    return _expected(Kind.COUNT, what, value, to, within, f"{{}} {what or 'of anything'}")


def quantity(value: Amount, unit: str, to: Amount | None = None, *, within: float | None = None) -> Expected:
    """A measured amount in the extractor's unit names: `quantity(240000, "tonne")`."""
    return _expected(Kind.QUANTITY, unit, value, to, within, f"{{}} {unit}")


@dataclass(frozen=True)
class ExpectedTime:
    """A time of day a claim should state, in minutes after midnight, in a zone (None: any)."""

    minutes: int
    zone: str | None = None
    label: str = ""

    def __repr__(self) -> str:
        return self.label

    def matches(self, claim: Claim) -> bool:
        """The claim's clock as stated, or inside the interval its qualifier makes ("about
        6.40pm" matches 18:35); zones are never converted, as currencies are not."""
        if claim.kind is not Kind.TIME or (self.zone is not None and claim.unit != self.zone):
            return False
        low, high = claim.low, claim.high
        if isinstance(low, (int, float)) and isinstance(high, (int, float)) and low != high:
            return low <= self.minutes <= high
        return claim.value == self.minutes


def time_of_day(value: str | dt.time, zone: str | None = None) -> ExpectedTime:
    """A time of day on the 24-hour clock: `time_of_day("18:40")`, `time_of_day("09:15", zone="UTC+00:00")`."""
    if isinstance(value, str):
        value = dt.time.fromisoformat(value)
    shown = value.strftime("%H:%M") + (f" {zone}" if zone else "")
    return ExpectedTime(value.hour * 60 + value.minute, zone, shown)


@dataclass(frozen=True)
class ExpectedPlace:
    """A place a claim should name, with its preposition when one is given."""

    name: str
    relation: str | None = None

    def __repr__(self) -> str:
        return f"{self.relation} {self.name}" if self.relation else self.name

    def matches(self, claim: Claim) -> bool:
        """The same name, case and accents aside and "St" for "Saint", as the engine compares."""
        return (claim.kind is Kind.PLACE and isinstance(claim.value, str) and place_key(claim.value) == place_key(self.name)
                and (self.relation is None or claim.unit == self.relation))


def place(name: str, relation: str | None = None) -> ExpectedPlace:
    """A place: `place("Riga")`, `place("Danao City", "off")`."""
    return ExpectedPlace(name, relation)


def value_matches(claim: Claim, expected: object) -> bool:
    """Whether a claim states `expected`: an `Expected`, `ExpectedTime` or `ExpectedPlace`, a
    date, a `datetime.time` (a time claim's clock), an ISO date string, a number (the stated
    value, within the default tolerance) or a quote's words."""
    if isinstance(expected, (Expected, ExpectedTime, ExpectedPlace)):
        return expected.matches(claim)
    if isinstance(expected, dt.datetime):
        expected = expected.date()
    if isinstance(expected, dt.time):
        return time_of_day(expected).matches(claim)
    if isinstance(expected, dt.date):
        return claim.kind is Kind.DATE and _date_matches(claim, expected)
    if isinstance(expected, (int, float)) and not isinstance(expected, bool):
        return (isinstance(claim.value, (int, float))
                and within(claim.value, (expected, expected), DEFAULT_TOLERANCE))
    if isinstance(expected, str):
        if claim.kind is Kind.DATE and re.fullmatch(r"\d{4}-\d{2}-\d{2}", expected):
            return _date_matches(claim, dt.date.fromisoformat(expected))
        return claim.value == expected
    return False


def _date_matches(claim: Claim, day: dt.date) -> bool:
    """A date claim matches a day at the precision it was stated."""
    value = claim.value if isinstance(claim.value, str) else None
    if value is None:
        return claim.weekday is not None and WEEKDAYS[day.weekday()] == claim.weekday
    if value.startswith("--"):  # month and day, year unknown
        return value == day.strftime("--%m-%d")
    return value == day.isoformat()
