"""Cross-source consistency of figures and dates, and figures only one source gives.

Candidate pairs come from two blockings: claims with the same dimension and
predicate group, and claims with the same dimension and value. A pair whose
context matches (`matching.same_fact`) is compared by value. Compatible pairs
from different documents join into agreement groups; an incompatible pair
that shares a predicate and is confident enough makes the two groups it joins
contradict (inside one document: internal).
"""

from __future__ import annotations

from collections.abc import Iterator

from ...models import Claim, Kind
from ..corpus import Corpus
from ..findings import Finding, Severity, Verdict
from ..matching import Match, distinctive, predicate_blocks, same_fact, value_blocks
from ..ruleset import Rule, check
from ..values import Comparison, describe
from ..window import WINDOW_DAYS, Window
from .common import compare, finding, quote

_MIN_SHARED_CONTEXT = 0.5  # an equal value with no shared predicate needs this much context


def _block_pairs(members: list[Claim], window: Window, days: int) -> Iterator[tuple[Claim, Claim]]:
    """Pairs inside a block that may share a subject (same subject, or one without) from
    articles near each other in time (see `window`)."""
    by_subject: dict[str | None, list[Claim]] = {}
    for claim in members:
        by_subject.setdefault(claim.subject, []).append(claim)
    unnamed = by_subject.pop(None, [])
    named = [claim for group in by_subject.values() for claim in group]
    for group in (*by_subject.values(), unnamed):
        for i, j in window.pairs([c.document for c in group], days):
            yield group[i], group[j]
    for i, j in window.across([c.document for c in unnamed], [c.document for c in named], days):
        yield unnamed[i], named[j]


def _candidates(claims: list[Claim], window: Window, days: int) -> Iterator[tuple[Claim, Claim]]:
    seen: set[tuple[str, str]] = set()
    for blocks in (predicate_blocks(claims), value_blocks(claims)):
        for members in blocks.values():
            for a, b in _block_pairs(members, window, days):
                key = (a.id, b.id) if a.id < b.id else (b.id, a.id)
                if key not in seen:
                    seen.add(key)
                    yield a, b


class _Groups:
    """Union-find over claim ids."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def root(self, x: str) -> str:
        while self.parent.setdefault(x, x) != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, a: str, b: str) -> None:
        self.parent[self.root(a)] = self.root(b)


def _consistency(rule: Rule, corpus: Corpus, claims: list[Claim], *, internal: bool) -> Iterator[Finding]:
    threshold = float(rule.param("min_confidence", 0.75))
    max_days = int(rule.param("max_days_apart", 7))
    by_id = {c.id: c for c in claims}
    groups = _Groups()  # agreements: claims joined by any compatible match
    strong = _Groups()  # the sides of a contradiction: joined by a shared predicate or context
    notes: dict[str, str] = {}  # a group member -> the arithmetic that joined it, when there was some
    conflicts: list[tuple[Claim, Claim, Match, Comparison]] = []
    for a, b in _candidates(claims, corpus.window, int(rule.param("window_days", WINDOW_DAYS))):
        match = same_fact(a, b)
        if match is None:
            continue
        comparison = compare(rule, corpus, a, b)
        if comparison is None:
            continue
        if comparison.compatible and a.document != b.document:
            if match.shared_predicate or match.confidence >= 0.45 + _MIN_SHARED_CONTEXT * 0.25:
                strong.join(a.id, b.id)
            elif not (distinctive(a) and a.value == b.value and match.confidence >= 0.5):
                continue  # the same uncommon value, nothing saying otherwise, joins only an agreement
            groups.join(a.id, b.id)
            if " at " in comparison.reason or " was a " in comparison.reason:
                notes.setdefault(a.id, comparison.reason)
        elif not comparison.compatible and match.shared_predicate and match.confidence >= threshold and (
            match.same_subject or (corpus.same_story(a, b) and (match.same_period or match.confidence >= 0.8))
        ):
            if corpus.days_apart(a, b) > max_days:
                continue  # articles far apart in time: the figure may have changed (a toll, a price)
            if a.document != b.document or internal:
                conflicts.append((a, b, match, comparison))
    members: dict[str, list[Claim]] = {}
    for claim_id in groups.parent:
        members.setdefault(groups.root(claim_id), []).append(by_id[claim_id])
    for group in members.values():
        sources = sorted({c.document for c in group})
        if len(sources) >= 2:
            listed = "; ".join(quote(c) for c in sorted(group, key=lambda c: (c.document, c.start)))
            why = sorted({notes[c.id] for c in group if c.id in notes})
            yield finding(rule, Verdict.AGREEMENT, Severity.INFO, group,
                           f"{len(sources)} sources agree: {listed}" + (f" ({'; '.join(why)})" if why else ""))
    sides: dict[str, list[Claim]] = {}
    for claim_id in strong.parent:
        sides.setdefault(strong.root(claim_id), []).append(by_id[claim_id])
    reported: set[tuple[str, str]] = set()
    for a, b, match, comparison in conflicts:
        ra, rb = strong.root(a.id), strong.root(b.id)
        if ra == rb:  # joined only through a loose figure ("about $550 billion"): the two still conflict
            ra, rb = a.id, b.id
        if (min(ra, rb), max(ra, rb)) in reported:
            continue
        reported.add((min(ra, rb), max(ra, rb)))
        side_a, side_b = sides.get(ra, [a]), sides.get(rb, [b])
        if strong.root(a.id) == strong.root(b.id):
            side_a, side_b = [a], [b]
        verdict = Verdict.INTERNAL if {c.document for c in side_a + side_b} == {a.document} else Verdict.CONTRADICTION
        yield finding(rule, verdict, rule.severity, side_a + side_b,
                       f"{quote(a)}; {quote(b)}: {comparison.reason} ({match.reason})", match.confidence)


@check("cross_source_figures")
def figures(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    kinds = {Kind.MONEY, Kind.PERCENT, Kind.QUANTITY, Kind.COUNT}
    return _consistency(rule, corpus, [c for c in corpus.live if c.kind in kinds], internal=False)


@check("cross_source_dates")
def dates(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    """Event dates: not the dates that only say when a figure holds ("240,000 tonnes in 2023")."""
    events = [c for c in corpus.live if c.kind is Kind.DATE and c.id not in corpus.time_anchors]
    return _consistency(rule, corpus, events, internal=False)


@check("single_source")
def single_source(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    """A figure about a named fact that no other document states."""
    kinds = {Kind.MONEY, Kind.PERCENT, Kind.QUANTITY, Kind.COUNT}
    days = int(rule.param("window_days", WINDOW_DAYS))
    for members in predicate_blocks(c for c in corpus.live if c.kind in kinds).values():
        pairs = _block_pairs(members, corpus.window, days)
        confirmed = {x.id for a, b in pairs if a.document != b.document and same_fact(a, b) for x in (a, b)}
        for claim in members:
            if claim.id not in confirmed:
                yield finding(rule, Verdict.SINGLE_SOURCE, rule.severity, [claim],
                               f"only {claim.document} gives {describe(claim)} for {claim.predicate}"
                               + (f" ({claim.subject})" if claim.subject else ""))
