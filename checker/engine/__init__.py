"""The rule engine: which claims speak of the same fact, and do the sources agree?

`check(claims, documents)` runs every enabled rule of the ruleset over the
claims and returns their findings in a stable order.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..models import Claim, Document
from .corpus import Corpus
from .declared import Declared
from .factsheet import FactSheet, FactSheetError, load_fact_sheet
from .findings import Finding, Severity, Verdict
from .ruleset import CHECKS, Rule, RuleError, Ruleset, load_ruleset
from .surroundings import Calendar, Surroundings
from .values import load_rates

__all__ = [
    "Declared", "FactSheet", "FactSheetError", "Finding", "Rule", "RuleError", "Ruleset", "Severity", "Verdict",
    "check", "corpus_of", "enabled", "findings_of", "judged", "load_fact_sheet", "load_ruleset",
]

_ORDER = {Verdict.CONTRADICTION: 0, Verdict.INTERNAL: 1, Verdict.AGREEMENT: 2, Verdict.SINGLE_SOURCE: 3}


def check(
    claims: Iterable[Claim],
    documents: Iterable[Document],
    *,
    ruleset: Ruleset | None = None,
    facts: FactSheet | None = None,
    facts_path: str = "facts.yaml",
    declared: Declared | None = None,
    calendar: Calendar | None = None,
) -> list[Finding]:
    """Findings of every enabled rule: contradictions first, then by place in the corpus.
    `calendar`: the publication dates of the whole corpus, when `documents` are a part of it."""
    corpus = corpus_of(claims, documents, facts=facts, facts_path=facts_path, declared=declared, calendar=calendar)
    return findings_of(corpus, ruleset)


def corpus_of(claims: Iterable[Claim], documents: Iterable[Document], *, facts: FactSheet | None = None,
              facts_path: str = "facts.yaml", declared: Declared | None = None, calendar: Calendar | None = None
              ) -> Corpus:
    """The engine's view of a run (see `check`), its findings worked out by `findings_of`: built
    apart, so that what else reads the run (`unverified.Explainer`) shares its scored pairs."""
    documents = list(documents)
    reference = facts.reference_claims(facts_path) if facts else []
    taught = (declared or Declared()).merged(Declared.inline(documents))
    return Corpus(list(claims), {d.id: d for d in documents}, load_rates(), reference, declared=taught,
                  whole=Surroundings(calendar=calendar))


def findings_of(corpus: Corpus, ruleset: Ruleset | None = None) -> list[Finding]:
    """The findings of every enabled rule over the corpus, in `check`'s order."""
    return [finding for _, finding in sorted(judged(corpus, enabled(ruleset or load_ruleset())))]


def enabled(ruleset: Ruleset) -> list[Rule]:
    return [rule for rule in ruleset.rules if rule.spec.enabled]


def judged(corpus: Corpus, rules: Iterable[Rule]) -> list[tuple[tuple, Finding]]:
    """The findings of `rules` over the corpus, each once (the first rule to give it wins), each
    with its place in a report: contradictions first, then by place in the corpus. The place
    depends on the finding alone, so findings of several runs over parts of one archive sort
    into the order of one run over the whole."""
    position = {c.id: (c.document, c.start) for c in corpus.claims}
    found: dict[str, Finding] = {}
    for rule in rules:
        for finding in CHECKS[rule.spec.check](rule, corpus):
            found.setdefault(finding.id, finding)
    return [((_ORDER[f.verdict], position[f.claims[0]], f.rule, f.id), f) for f in found.values()]
