"""Expected values for assertions on claims: `usd("550bn")`, `percent(2, of="GDP")`,
`time_of_day("18:40")`, `place("Riga")`.

A newsroom pins a fact the way an editor says it, and a figure compares as the
report compares two articles' figures (the engine's `compare_numbers`): each
read at the precision it is stated with ("about 3,000 jobs" is 2,500-3,500),
both widened by the figure-consistency rule's tolerance (2%, unless `within=`
says otherwise), agreeing when they meet. A date matches at the precision the
article gave it ("October 25" with no year matches on month and day; "on
Saturday" matches any Saturday). Units are never converted: a yen figure is
not a dollar figure, whatever the rate; a count's thing is its head noun
("3,200 permanent jobs" counts jobs).

Amounts are read with the lexicon's scale words, so "550bn", "550 billion",
"1.2tn" and 550e9 are one value.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from .engine.checks.common import figure_tolerance
from .engine.place_values import place_key
from .engine.ruleset import Ruleset, load_ruleset
from .engine.values import compare_numbers, load_rates
from .lexicon import load_lexicon
from .models import FIGURE_KINDS, Claim, Kind
from .pipeline.calendar import WEEKDAYS
from .pipeline.numbers import parse_digits

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
    """A value a claim should state: a kind, a unit (None: any), a point or a range, and the
    slack allowed on both (None: the report's)."""

    kind: Kind
    unit: str | None
    low: float
    high: float
    tolerance: float | None = None
    label: str = ""

    def __repr__(self) -> str:
        return self.label

    def matches(self, claim: Claim, tolerance: float | None = None) -> bool:
        """The claim and this value compared by the engine, as the report compares two
        articles: a stated range meets a value inside it, "about 3,000" meets 3,400.
        `tolerance` is the report's (the caller's ruleset), unless `within=` was given."""
        if claim.kind is not self.kind or not self._unit_fits(claim.unit):
            return False
        slack = next(t for t in (self.tolerance, tolerance, report_tolerance()) if t is not None)
        result = compare_numbers(claim, self._as_claim(claim), slack, load_rates(), (None, None), 0.0)
        return bool(result and result.compatible)

    def _as_claim(self, claim: Claim) -> Claim:
        """This value as an exact claim in the claim's own unit, so nothing is converted."""
        point = self.low if self.low == self.high else None
        return claim.model_copy(update={"text": self.label, "value": point, "low": self.low, "high": self.high,
                                        "qualifier": None, "unit_options": None})

    def _unit_fits(self, unit: str | None) -> bool:
        if self.unit is None:
            return True
        if self.kind is Kind.PERCENT and self.unit == "%":  # percent(2): of anything
            return bool(unit) and unit.startswith("%")
        return unit_fits(self.kind, unit, self.unit)


def unit_fits(kind: Kind, stated: str | None, asked: str) -> bool:
    """A claim's unit is the one asked for, case aside. A count's is its counted noun phrase,
    and the words asked for need only end it: an adjective before the noun ("3,200 permanent
    jobs") does not make it another thing, but "permanent job" is not said by "3,000 jobs"."""
    if kind is not Kind.COUNT or not asked.strip():
        return (stated or "").lower() == asked.lower()
    words, wanted = (stated or "").lower().split(), asked.lower().split()
    return bool(wanted) and words[len(words) - len(wanted):] == wanted


def report_tolerance(ruleset: Ruleset | None = None) -> float:
    """The slack the report allows every figure: its figure-consistency rule's tolerance."""
    return figure_tolerance(ruleset.get("figure-consistency")) if ruleset else _default_tolerance()


@lru_cache(maxsize=1)
def _default_tolerance() -> float:
    return report_tolerance(load_ruleset())


def _expected(kind: Kind, unit: str | None, value: Amount, to: Amount | None, within: float | None,
              shown: str) -> Expected:
    low = amount(value)
    high = amount(to) if to is not None else low
    if high < low:
        raise ValueError(f"range {value!r} to {to!r} runs backwards")
    words = f"{value} to {to}" if to is not None else f"{value}"
    return Expected(kind, unit, low, high, within, shown.format(words))


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


def value_matches(claim: Claim, expected: object, tolerance: float | None = None) -> bool:
    """Whether a claim states `expected`: an `Expected`, `ExpectedTime` or `ExpectedPlace`, a
    date, a `datetime.time` (a time claim's clock), an ISO date string, a number (a figure's
    value, compared as an `Expected` of its kind and unit; another claim's value exactly) or a
    quote's words. `tolerance`: the report's slack on figures (default: the shipped rules')."""
    if isinstance(expected, Expected):
        return expected.matches(claim, tolerance)
    if isinstance(expected, (ExpectedTime, ExpectedPlace)):
        return expected.matches(claim)
    if isinstance(expected, dt.datetime):
        expected = expected.date()
    if isinstance(expected, dt.time):
        return time_of_day(expected).matches(claim)
    if isinstance(expected, dt.date):
        return claim.kind is Kind.DATE and _date_matches(claim, expected)
    if isinstance(expected, (int, float)) and not isinstance(expected, bool):
        if claim.kind in FIGURE_KINDS:
            return Expected(claim.kind, None, expected, expected, label=f"{expected:g}").matches(claim, tolerance)
        return claim.value == expected
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
