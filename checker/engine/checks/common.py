"""What every check shares: making a finding, quoting a claim, comparing two claims."""

from __future__ import annotations

from collections.abc import Iterable

from ...models import Claim, Kind
from ..clock_values import compare_times
from ..corpus import Corpus
from ..findings import Finding, Severity, Verdict, finding_id
from ..place_values import compare_places
from ..ruleset import Rule
from ..values import (
    Comparison,
    compare_dates,
    compare_numbers,
    describe,
)


def finding(rule: Rule, verdict: Verdict, severity: Severity, claims: Iterable[Claim], message: str,
            confidence: float = 1.0) -> Finding:
    """A finding citing `claims` in document and offset order, with a stable id."""
    ordered = sorted(claims, key=lambda c: (c.document, c.start))
    ids = [c.id for c in ordered]
    return Finding(id=finding_id(rule.id, ids), rule=rule.id, verdict=verdict, severity=severity,
                   claims=ids, message=message, confidence=round(confidence, 2))


def quote(claim: Claim) -> str:
    """How a message cites a claim: where, the words, the normalized value."""
    return f"{claim.document} says “{claim.text}” ({describe(claim)})"


def compare(rule: Rule, corpus: Corpus, a: Claim, b: Claim) -> Comparison | None:
    """Whether two claims' values agree, with the rule's tolerances and the corpus's rates."""
    if a.kind is Kind.DATE:
        return compare_dates(a, b, corpus.years)
    if a.kind is Kind.TIME:
        return compare_times(a, b)
    if a.kind is Kind.PLACE:
        return compare_places(a, b)
    months = (corpus.rate_month(a)[0], corpus.rate_month(b)[0])
    return compare_numbers(a, b, figure_tolerance(rule), corpus.rates, months,
                           float(rule.param("currency_tolerance", 0.1)))


def figure_tolerance(rule: Rule | None) -> float:
    """The relative slack a rule allows every figure: one number for the report and for a
    test's expected values (`checker.expect`), so the two never disagree on a figure."""
    return float(rule.param("tolerance", 0.02)) if rule else 0.02
