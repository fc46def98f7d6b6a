"""An article against itself: conversions, weekdays, totals and percent changes.

Each check looks inside one sentence, where the article states two things
that must fit together, and reports them with the arithmetic that shows they
do not.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from itertools import pairwise

from ...models import Claim, Kind
from ...pipeline.calendar import WEEKDAYS
from ..corpus import Corpus
from ..findings import Finding, Severity, Verdict
from ..matching import change_words, converts, text_between
from ..measures import convert, physical_dimension
from ..ruleset import Rule, check
from ..values import describe, human, stated_precision, to_base
from .common import finding


def _internal(rule: Rule, claims: list[Claim], message: str) -> Finding:
    return finding(rule, Verdict.INTERNAL, rule.severity, claims, message)


def _point(claim: Claim) -> float | None:
    if isinstance(claim.value, (int, float)):
        return float(claim.value)
    if isinstance(claim.low, (int, float)) and isinstance(claim.high, (int, float)):
        return (claim.low + claim.high) / 2
    return None


def conversion_pairs(claims: list[Claim], kind: Kind) -> Iterator[tuple[Claim, Claim]]:
    """Neighbouring claims of a kind in other units with only a conversion's words between them:
    "229 metres (650 ft)", "46.2C, or 111.2F", "$550 billion (approximately 790 trillion yen)".
    The query API (`checker.query`) reads the second as a conversion by the same test."""
    ordered = sorted((c for c in claims if c.kind is kind), key=lambda c: c.start)
    for a, b in pairwise(ordered):
        if converts(a, b):
            yield a, b


@check("internal_conversion")
def conversion(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    """"$550 billion (approximately 790 trillion yen)": the two amounts must convert."""
    tolerance = float(rule.param("tolerance", 0.25))
    for claims in corpus.by_sentence.values():
        for a, b in conversion_pairs(claims, Kind.MONEY):
            va, vb = _point(a), _point(b)
            month, why = corpus.rate_month(a)
            ca = to_base(a, (va, va), corpus.rates, month)
            cb = to_base(b, (vb, vb), corpus.rates, month)
            if None in (va, vb) or ca is None or cb is None or not ca[0][0]:
                continue
            ratio = cb[0][0] / ca[0][0]
            rate_note = (cb[1] or ca[1]).rstrip(")") + why + ")"
            in_a = ratio * va
            if 1 / (1 + tolerance) <= ratio <= 1 + tolerance:  # a conversion that holds is worth saying too
                yield finding(rule, Verdict.AGREEMENT, Severity.INFO, [a, b],
                              f"{human(vb, b.unit)} is about {human(in_a, a.unit)} at {rate_note}, "
                              f"as the {a.text} it converts")
                continue
            yield _internal(rule, [a, b],
                            f"{human(vb, b.unit)} is about {human(in_a, a.unit)} at {rate_note}, "
                            f"{ratio:.2g} times the {a.text} it converts")


@check("internal_unit_conversion")
def unit_conversion(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    """"229 metres (650 ft)": a measure and its conversion must match, each read at the
    precision it is written with (a converted figure is a rounded one), give or take the
    rule's tolerance."""
    tolerance = float(rule.param("tolerance", 0.05))
    for claims in corpus.by_sentence.values():
        for a, b in conversion_pairs(claims, Kind.QUANTITY):
            va, vb = _point(a), _point(b)
            dim = physical_dimension(a.unit)
            if va is None or vb is None or dim is None or dim != physical_dimension(b.unit):
                continue
            in_b = convert(va, a.unit, b.unit)
            slack = abs(convert(va + stated_precision(a, True), a.unit, b.unit) - in_b) + stated_precision(b, True)
            if abs(in_b - vb) <= slack + tolerance * abs(in_b):
                continue
            yield _internal(rule, [a, b], f"{a.text} is about {human(in_b, b.unit)}, not the {b.text} given beside it")


@check("internal_weekday")
def weekday(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    """"Wednesday, October 31" where October 31 is a Thursday."""
    for claims in corpus.by_sentence.values():
        for claim in claims:
            if claim.kind is not Kind.DATE or not claim.weekday or claim.granularity != "day":
                continue
            if not isinstance(claim.value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", claim.value):
                continue
            actual = WEEKDAYS[dt.date.fromisoformat(claim.value).weekday()]
            if actual == claim.weekday or claim.resolution and claim.resolution.startswith("the date written after"):
                continue
            stated = [c for c in claims if c.kind is Kind.DATE and c.end <= claim.start and c.text == claim.weekday]
            yield _internal(rule, stated[-1:] + [claim],
                            f"{claim.text} is written with {claim.weekday}, but {claim.value} was a {actual}")


@check("internal_total")
def total(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    """"21 people dead: nine in Cagayan, eight in Isabela and two in Aurora" must add up."""
    for claims in corpus.by_sentence.values():
        ordered = sorted((c for c in claims if c.kind in (Kind.COUNT, Kind.QUANTITY)), key=lambda c: c.start)
        for i, whole in enumerate(ordered):
            if i + 1 >= len(ordered) or ":" not in text_between(whole, ordered[i + 1]):
                continue
            parts = [p for p in ordered[i + 1 :] if p.unit in (whole.unit, None) and _point(p) is not None]
            parts = [p for j, p in enumerate(parts) if j == 0 or re.fullmatch(r"[^:;.]*", text_between(parts[j - 1], p))]
            if len(parts) < 2 or _point(whole) is None:
                continue
            added = sum(_point(p) for p in parts)
            if abs(added - _point(whole)) > float(rule.param("tolerance", 0)):
                listed = " + ".join(p.text for p in parts)
                yield _internal(rule, [whole, *parts],
                                f"{whole.text} stated, but the parts add up to {added:g} ({listed})")


def _after(word: str, claims: list[Claim]) -> list[Claim]:
    return [c for c in claims if c.sentence[: c.start - c.sentence_start].rstrip().lower().endswith(word)]


def _from(claims: list[Claim]) -> list[Claim]:
    return _after("from", claims)


def _level_before(levels: list[Claim], percent: Claim, new: Claim) -> list[Claim]:
    """The old level of a change written without "from": the one level in the new level's unit
    before the percentage, with a word of change between them ("the pension of €620 will
    rise by 8 percent to €700")."""
    before = [c for c in levels if c.end <= percent.start and c.unit == new.unit and c is not new]
    if len(before) != 1:
        return []
    between = set(re.findall(r"[a-z]+", before[0].sentence[before[0].end - before[0].sentence_start:
                                                           percent.start - percent.sentence_start].lower()))
    return before if between & change_words() else []


def _to(claims: list[Claim]) -> list[Claim]:
    return _after("to", claims)


def _cited(*claims: Claim) -> list[Claim]:
    """The claims a finding cites, each once: a change written as one figure is its old and its
    new level."""
    return list({claim.id: claim for claim in claims}.values())


def _change_text(old: Claim, new: Claim) -> str:
    """A change in the article's words: "from 19% to 22%", as one figure or as two."""
    return new.text if new.id == old.id else f"from {old.text} to {new.text}"


def _old_and_new(claims: list[Claim]) -> tuple[list[Claim], list[Claim]]:
    """The old and new levels of a sentence's changes: figures after "from" and after "to", and
    each change written as one figure ("from 3% to 4%"), its old level read from `previous`."""
    old, new = _from(claims), _to(claims)
    for claim in claims:
        if claim.previous is not None:
            was = claim.previous
            old.append(claim.model_copy(update={"value": was, "low": was, "high": was, "previous": None}))
            new.append(claim)
    return old, new


@check("internal_percent_change")
def percent_change(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    """"rose 12% to $5.6 billion from $5.0 billion": the change must fit the two levels."""
    tolerance = float(rule.param("tolerance", 0.5))
    for claims in corpus.by_sentence.values():
        percents = [c for c in claims if c.kind is Kind.PERCENT and c.unit == "%" and _point(c) is not None]
        points = [c for c in claims if c.kind is Kind.PERCENT and c.unit == "pp" and _point(c) is not None]
        old, new = _old_and_new(percents)
        if len(points) == 1 and len(old) == 1 and len(new) == 1:  # "to 22% from 19%, up 5 percentage points"
            change = _point(new[0]) - _point(old[0])
            if abs(abs(change) - _point(points[0])) > float(rule.param("points_tolerance", 0.05)):
                yield _internal(rule, _cited(points[0], old[0], new[0]),
                                f"{_change_text(old[0], new[0])} is {abs(change):g} percentage points, "
                                f"not {points[0].text}")
            continue
        levels = [c for c in claims if c.kind in (Kind.MONEY, Kind.COUNT, Kind.QUANTITY) and _point(c)]
        old, new = _old_and_new(levels)
        if not old and len(percents) == 1 and len(new) == 1:
            old = _level_before(levels, percents[0], new[0])
        if len(percents) != 1 or len(old) != 1 or len(new) != 1 or old[0].unit != new[0].unit:
            continue
        change = (_point(new[0]) - _point(old[0])) / _point(old[0]) * 100
        stated = _point(percents[0])
        if abs(abs(change) - stated) > max(tolerance, stated * 0.05):
            yield _internal(rule, _cited(percents[0], old[0], new[0]),
                            f"from {describe(old[0])} to {describe(new[0])} is a change of {change:+.1f}%, "
                            f"not {percents[0].text}")
