"""Cross-source consistency of figures and dates, and figures only one source gives.

Candidate pairs are claims of one dimension from two articles of one story
(`stories`); the scorer gives each pair the probability that it states one
fact (`scoring`); alignment keeps each claim's single best partner in each
other article (`align`). Aligned pairs whose values agree form groups that
hold together; an aligned pair likely enough to be one fact, clear of its
runners-up, whose values do not agree is a contradiction between the two
groups, the larger side named first.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from ...models import Claim, Kind
from ...pipeline.calendar import bounds
from ...wording import verb
from ..align import Aligned, groups, may_contradict
from ..corpus import Corpus
from ..findings import Finding, Severity, Verdict
from ..matching import predicate_blocks
from ..ruleset import Rule, check
from ..scoring import slip
from ..values import Comparison, describe
from ..window import WINDOW_DAYS
from .common import compare, finding, quote

_ARITHMETIC = re.compile(r" at | was a | is | taken as ")  # a conversion, a weekday's date, a currency read from another outlet: worth showing


class _Verdicts:
    """Value comparisons of claim pairs, each worked out once."""

    def __init__(self, rule: Rule, corpus: Corpus):
        self.rule, self.corpus, self.found = rule, corpus, {}

    def of(self, a: Claim, b: Claim) -> Comparison | None:
        key = (a.id, b.id) if a.id < b.id else (b.id, a.id)
        if key not in self.found:
            self.found[key] = compare(self.rule, self.corpus, a, b)
        return self.found[key]

    def compatible(self, a: Claim, b: Claim) -> bool:
        comparison = self.of(a, b)
        return comparison is not None and comparison.compatible

    def agree(self, a: Claim, b: Claim) -> bool:
        """Compatible, and an open date ("by 2030", "since 2020") meets the date it writes: "by
        2030" restates "2030", but beside "2024" it is a deadline, not that year."""
        return self.compatible(a, b) and (a.kind is not Kind.DATE or written_dates_meet(a, b))


def written_dates_meet(a: Claim, b: Claim) -> bool:
    """Whether two dates meet as written when either is open on one side ("by 2030", "since
    November 2020"): the period each names, not all the time before or after it."""
    if not (_open(a) or _open(b)) or not isinstance(a.value, str) or not isinstance(b.value, str):
        return True
    (la, ha), (lb, hb) = bounds(a.value), bounds(b.value)
    return None in (la, lb) or (la <= hb and lb <= ha)


def _open(claim: Claim) -> bool:
    return (claim.low is None) != (claim.high is None)


def _sources(side: list[Claim]) -> int:
    return len({c.document for c in side})


def _sides(s: Aligned, group_of: dict[str, list[Claim]]) -> tuple[list[Claim], list[Claim]]:
    """The two groups in conflict, the one more sources give first. A side keeps no claim of
    the other side's article: that article gives its value for the fact in the conflict, so a
    claim of it that agrees with the other value is another fact's ("about 510 MW" cut off
    against the wire's "1,150 megawatts", not the wire's "500 megawatts" offline for repairs)."""
    side_a = [c for c in group_of.get(s.a.id, [s.a]) if c.document != s.b.document]
    side_b = [c for c in group_of.get(s.b.id, [s.b]) if c.document != s.a.document]
    return (side_a, side_b) if _sources(side_a) >= _sources(side_b) else (side_b, side_a)


def _conflict_message(s: Aligned, comparison: Comparison, major: list[Claim], minor: list[Claim]) -> str:
    many, few = _sources(major), _sources(minor)
    odd = (f" {many} sources give {describe(major[0])}, {few} {verb(few, 'gives', 'give')} "
           f"{describe(minor[0])}." if many > 1 else "")
    typo = slip(s.a, s.b)
    return (f"{quote(s.a)}; {quote(s.b)}: {comparison.reason}.{odd} Taken as one fact told two ways "
            f"({s.probability:.0%}): {f'{typo}, as a slip of the pen; ' if typo else ''}{s.scored.score.reasons(s.a, s.b)}")


def _agreement_message(group: list[Claim], notes: list[str]) -> str:
    """The group's statements, and the arithmetic that joined unlike ones (a conversion at a
    rate, a weekday that a date fell on)."""
    listed = "; ".join(quote(c) for c in sorted(group, key=lambda c: (c.document, c.start)))
    return f"{_sources(group)} sources agree: {listed}" + (f" ({'; '.join(sorted(set(notes)))})" if notes else "")


def _group_notes(agreeing: list[Aligned], group_of: dict[str, list[Claim]], verdicts: _Verdicts) -> dict[int, list[str]]:
    """Per group (by identity), the comparisons of its pairs worth showing."""
    notes: dict[int, list[str]] = defaultdict(list)
    for s in agreeing:
        group = group_of.get(s.a.id)
        if group is not None and group is group_of.get(s.b.id):
            reason = verdicts.of(s.a, s.b).reason
            if _ARITHMETIC.search(reason):
                notes[id(group)].append(reason)
    return notes


def _consistency(rule: Rule, corpus: Corpus, kind: str) -> Iterator[Finding]:
    spec, window = corpus.scorer.spec, int(rule.param("window_days", WINDOW_DAYS))
    pairs = corpus.agreement_pairs(kind, window)
    verdicts = _Verdicts(rule, corpus)
    agreeing = [s for s in pairs if s.probability >= spec.agree_min and verdicts.agree(s.a, s.b)]
    found = groups(agreeing, verdicts.agree)
    group_of = {c.id: group for group in found for c in group}
    notes = _group_notes(agreeing, group_of, verdicts)
    for group in found:
        if _sources(group) >= 2:
            yield finding(rule, Verdict.AGREEMENT, Severity.INFO, group, _agreement_message(group, notes[id(group)]))
    max_days, reported = int(rule.param("max_days_apart", 7)), set()
    for s in (s for s in corpus.conflict_pairs(kind, window) if s.probability >= spec.contradict_min
              and may_contradict(s.a, s.b)):
        comparison = verdicts.of(s.a, s.b)
        if comparison is None or comparison.compatible or corpus.days_apart(s.a, s.b) > max_days:
            continue  # articles far apart in time: the figure may have changed (a toll, a price)
        major, minor = _sides(s, group_of)
        key = frozenset((frozenset(c.id for c in major), frozenset(c.id for c in minor)))
        if key not in reported:
            reported.add(key)
            yield finding(rule, Verdict.CONTRADICTION, rule.severity, major + minor,
                          _conflict_message(s, comparison, major, minor), s.probability)


def _register(kind: str, why: str) -> None:
    """One check per kind of fact the corpus compares (`Corpus.compared`): cross_source_figures,
    _dates (events' dates only), _times (across zones), _places (where events happened)."""
    def consistency(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
        return _consistency(rule, corpus, kind)

    consistency.__doc__ = why
    check(f"cross_source_{kind}")(consistency)


for _kind, _why in (("figures", "Figures stated as facts."), ("dates", "Event dates only."),
                    ("times", "The times of day of events, across zones."), ("places", "Where events happened.")):
    _register(_kind, _why)


@check("single_source")
def single_source(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    """A figure about a named fact that no other document states."""
    claims = corpus.compared["figures"]
    pairs = corpus.aligned_pairs("figures", int(rule.param("window_days", WINDOW_DAYS)))
    confirmed = {c.id for s in pairs if s.probability >= corpus.scorer.spec.agree_min for c in (s.a, s.b)}
    for members in predicate_blocks(claims).values():
        for claim in members:
            if claim.id not in confirmed:
                yield finding(rule, Verdict.SINGLE_SOURCE, rule.severity, [claim],
                              f"only {claim.document} gives {describe(claim)} for {claim.predicate}"
                              + (f" ({claim.subject})" if claim.subject else ""))
