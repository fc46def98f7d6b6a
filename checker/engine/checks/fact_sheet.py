"""Claims against the newsroom's fact sheet (see `engine.factsheet`)."""

from __future__ import annotations

from collections.abc import Iterator

from ..corpus import Corpus
from ..findings import Finding, Severity, Verdict
from ..matching import dimension, same_fact
from ..ruleset import Rule, check
from .common import compare, finding, quote


@check("fact_sheet")
def fact_sheet(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    threshold = float(rule.param("min_confidence", 0.6))
    for fact in corpus.reference:
        for claim in corpus.live:
            if dimension(claim) != dimension(fact) or claim.kind != fact.kind:
                continue
            match = same_fact(claim, fact)
            if match is None or not match.shared_predicate:
                continue
            comparison = compare(rule, corpus, claim, fact)
            if comparison is None:
                continue
            source = fact.text
            if comparison.compatible:
                yield finding(rule, Verdict.AGREEMENT, Severity.INFO, [claim],
                               f"{quote(claim)}, as the fact sheet has it: {source}")
            elif match.confidence >= threshold:
                yield finding(rule, Verdict.CONTRADICTION, rule.severity, [claim],
                               f"{quote(claim)}, but the fact sheet has {comparison.reason.split(' and ')[-1].removesuffix(' differ')} "
                               f"from {source} ({match.reason})", match.confidence)
