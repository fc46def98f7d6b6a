"""Claims against the newsroom's fact sheet (see `engine.factsheet`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from ..corpus import Corpus
from ..findings import Finding, Severity, Verdict
from ..matching import dimension, predicate_group, same_fact
from ..ruleset import Rule, check
from .common import compare, finding, quote


@check("fact_sheet")
def fact_sheet(rule: Rule, corpus: Corpus) -> Iterator[Finding]:
    """Each claim a fact speaks of, agreeing with it or not. A finding cites the claim, then the
    fact (which is in no corpus document: it is cited second, so the finding is placed at the
    claim), so a check lists the sheet among the sources on each side."""
    threshold = float(rule.param("min_confidence", 0.6))
    by_measure: dict[tuple, list] = defaultdict(list)  # a fact meets only claims of its kind, measure and predicate group
    for claim in corpus.live:
        by_measure[claim.kind, dimension(claim), predicate_group(claim.predicate)].append(claim)
    for fact in corpus.reference:
        for claim in by_measure.get((fact.kind, dimension(fact), predicate_group(fact.predicate)), []):
            match = same_fact(claim, fact)
            if match is None or not match.shared_predicate:
                continue
            comparison = compare(rule, corpus, claim, fact)
            if comparison is None:
                continue
            source = fact.text
            if comparison.compatible:
                found = finding(rule, Verdict.AGREEMENT, Severity.INFO, [claim, fact],
                                f"{quote(claim)}, as the fact sheet has it: {source}")
            elif match.confidence >= threshold:
                found = finding(rule, Verdict.CONTRADICTION, rule.severity, [claim, fact],
                                f"{quote(claim)}, but the fact sheet has {comparison.reason.split(' and ')[-1].removesuffix(' differ')} "
                                f"from {source} ({match.reason})", match.confidence)
            else:
                continue
            yield found.model_copy(update={"claims": [claim.id, fact.id]})
