"""Cross-source consistency of figures and dates, and figures only one source gives.

Within a block (one dimension, one predicate group), pairs of claims whose
context matches (`matching.same_fact`) are compared by value: compatible pairs
from different documents join into agreements, incompatible ones with enough
confidence are contradictions (inside one document: internal).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations

from ...models import Claim, Kind
from ..corpus import Corpus
from ..findings import Finding, Severity, Verdict, finding_id
from ..matching import Match, blocks, same_fact
from ..ruleset import Rule, check
from ..values import Comparison, compare_dates, compare_numbers, describe, month_of


def _finding(rule: Rule, verdict: Verdict, severity: Severity, claims: list[Claim], message: str,
             confidence: float = 1.0) -> Finding:
    ordered = sorted(claims, key=lambda c: (c.document, c.start))
    ids = [c.id for c in ordered]
    return Finding(id=finding_id(rule.id, ids), rule=rule.id, verdict=verdict, severity=severity,
                   claims=ids, message=message, confidence=round(confidence, 2))


def _quote(claim: Claim) -> str:
    return f"{claim.document} says “{claim.text}” ({describe(claim)})"


def _compare(rule: Rule, corpus: Corpus, a: Claim, b: Claim) -> Comparison | None:
    if a.kind is Kind.DATE:
        return compare_dates(a, b, corpus.years)
    months = (month_of(a, corpus.published(a.document)), month_of(b, corpus.published(b.document)))
    return compare_numbers(a, b, float(rule.param("tolerance", 0.02)), corpus.rates, months,
                           float(rule.param("currency_tolerance", 0.1)))


def _pairs(rule: Rule, corpus: Corpus, kinds: set[str]) -> Iterator[tuple[Claim, Claim, Match, Comparison]]:
    for members in blocks(c for c in corpus.live if c.kind.value in kinds).values():
        for a, b in combinations(members, 2):
            match = same_fact(a, b)
            if match is None:
                continue
            comparison = _compare(rule, corpus, a, b)
            if comparison is not None:
                yield a, b, match, comparison


def _consistency(rule: Rule, corpus: Corpus, kinds: set[str]) -> Iterator[Finding]:
    threshold = float(rule.param("min_confidence", 0.75))
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    members: dict[str, Claim] = {}
    reasons: dict[str, list[str]] = {}
    for a, b, match, comparison in _pairs(rule, corpus, kinds):
        if comparison.compatible and a.document != b.document:
            members[a.id], members[b.id] = a, b
            parent[root(a.id)] = root(b.id)
            reasons.setdefault(a.id, []).append(comparison.reason)
        elif not comparison.compatible and match.confidence >= threshold:
            verdict = Verdict.CONTRADICTION if a.document != b.document else Verdict.INTERNAL
            yield _finding(rule, verdict, rule.severity, [a, b],
                           f"{_quote(a)}; {_quote(b)}: {comparison.reason} ({match.reason})", match.confidence)
    groups: dict[str, list[Claim]] = {}
    for claim_id, claim in members.items():
        groups.setdefault(root(claim_id), []).append(claim)
    for group in groups.values():
        sources = sorted({c.document for c in group})
        if len(sources) < 2:
            continue
        listed = "; ".join(_quote(c) for c in sorted(group, key=lambda c: (c.document, c.start)))
        yield _finding(rule, Verdict.AGREEMENT, Severity.INFO, group, f"{len(sources)} sources agree: {listed}")


@check("cross_source_figures")
def figures(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    return _consistency(rule, corpus, {"money", "percent", "quantity", "count"})


@check("cross_source_dates")
def dates(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    return _consistency(rule, corpus, {"date"})


@check("single_source")
def single_source(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    """A figure about a named fact that no other document states."""
    kinds = {"money", "percent", "quantity", "count"}
    for members in blocks(c for c in corpus.live if c.kind.value in kinds).values():
        for claim in members:
            others = [o for o in members if o.document != claim.document and same_fact(claim, o)]
            if not others:
                yield _finding(rule, Verdict.SINGLE_SOURCE, rule.severity, [claim],
                               f"only {claim.document} gives {describe(claim)} for {claim.predicate}"
                               + (f" ({claim.subject})" if claim.subject else ""))
