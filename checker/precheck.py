"""The pre-publication check: each draft's claims against a corpus, a fact sheet and itself.

Every figure, date and quote of a draft gets a verdict — supported,
contradicted, internally inconsistent or unverifiable (`verdicts`) — and the
findings that involve the draft are kept, less those suppressed inline or
accepted in a baseline (`baseline`). A fact sheet's facts are sources like
corpus claims, cited from the sheet's file at their lines. Each draft is checked on its own: the engine runs
once per draft, over that draft and the corpus documents it can be compared
with (`nearby`), so one draft's figure never stands as a source for, or
against, another's.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from .baseline import Baseline
from .engine import Declared, FactSheet, Finding, Ruleset, Severity, Verdict, check
from .extract import Extraction
from .models import Claim, Document
from .nearby import Neighbourhoods
from .suppress import suppressions
from .unverified import Explainer
from .verdicts import DraftClaim, Status, agreement_message, judge

__all__ = ["CheckResult", "DraftCheck", "DraftClaim", "Status", "at_or_above", "check_drafts"]


@dataclass
class DraftCheck:
    """One draft's outcome: its findings (after suppression and baseline) and its claims' verdicts."""

    document: Document
    findings: list[Finding] = field(default_factory=list)
    verdicts: list[DraftClaim] = field(default_factory=list)
    suppressed: int = 0
    accepted: list[Finding] = field(default_factory=list)  # the problems the baseline accepts

    @property
    def baselined(self) -> int:
        return len(self.accepted)


@dataclass
class CheckResult:
    checks: list[DraftCheck]
    documents: dict[str, Document]  # drafts and corpus, by id
    claims: dict[str, Claim]

    @property
    def drafts(self) -> list[Document]:
        return [c.document for c in self.checks]

    @property
    def findings(self) -> list[Finding]:
        return [f for c in self.checks for f in c.findings]

    @property
    def verdicts(self) -> list[DraftClaim]:
        return [v for c in self.checks for v in c.verdicts]

    @property
    def suppressed(self) -> int:
        return sum(c.suppressed for c in self.checks)

    @property
    def baselined(self) -> int:
        return sum(c.baselined for c in self.checks)

    def problems(self) -> Iterator[tuple[Document, Finding]]:
        """Every problem found in a draft, those the baseline accepted too: what a new baseline records."""
        for outcome in self.checks:
            for finding in [*outcome.findings, *outcome.accepted]:
                if finding.verdict in PROBLEMS:
                    yield outcome.document, finding

    def without_claims(self) -> list[Document]:
        """Drafts with nothing to check (no figure, date or quote found): a pass that says nothing."""
        return [c.document for c in self.checks if not c.verdicts]


PROBLEMS = {Verdict.CONTRADICTION, Verdict.INTERNAL, Verdict.SINGLE_SOURCE}
_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


def at_or_above(finding: Finding, level: Severity) -> bool:
    """Whether a finding is a problem at least as severe as `level` (agreements never are)."""
    return finding.verdict in PROBLEMS and _RANK[finding.severity] >= _RANK[level]


@dataclass(frozen=True)
class _Setup:
    """What every draft's run shares: the rules, the accepted findings, the editor's declarations
    and the fact sheet (its facts as reference claims, and the sheet as the document they cite)."""

    ruleset: Ruleset
    baseline: Baseline | None = None
    declared: Declared | None = None
    facts: FactSheet | None = None
    facts_path: str = ""


def check_drafts(drafts: list[Extraction], corpus: list[Extraction], ruleset: Ruleset, baseline: Baseline | None = None,
                 declared: Declared | None = None, facts: FactSheet | None = None, facts_path: str = "") -> CheckResult:
    """Each draft against the corpus, the fact sheet (when there is one) and itself, never against
    another draft."""
    setup = _Setup(ruleset, baseline, declared, facts, facts_path)
    draft_ids = {e.document.id for e in drafts}
    corpus = [e for e in corpus if e.document.id not in draft_ids]  # a draft inside the corpus is not its own source
    everything = drafts + corpus
    reference = facts.reference_claims(facts_path) if facts else []
    claims = {c.id: c for c in [*(c for e in everything for c in e.claims), *reference]}
    documents = {d.id: d for d in [*(e.document for e in everything), *([facts.document(facts_path)] if facts else [])]}
    nearby = Neighbourhoods(drafts, corpus, setup.ruleset, setup.declared) if drafts and corpus else None
    background = [e.document for e in corpus]
    checks = [_check_one(draft, nearby.of(draft.document.id) if nearby else [], background, setup, reference)
              for draft in drafts]
    return CheckResult(checks, documents, claims)


def _check_one(draft: Extraction, near: list[Extraction], background: list[Document], setup: _Setup,
               reference: list[Claim]) -> DraftCheck:
    """One engine run over the draft's claims and its neighbourhood's, with every corpus document
    at hand (the corpus's publication dates set the rate month of an undated article and the
    years it speaks from); the findings involving the draft."""
    outcome = DraftCheck(draft.document)
    if not draft.claims:
        return outcome
    claims = {c.id: c for e in (draft, *near) for c in e.claims}
    documents = [draft.document, *background]
    findings = check(list(claims.values()), documents, ruleset=setup.ruleset, declared=setup.declared,
                     facts=setup.facts, facts_path=setup.facts_path)
    cited = {**claims, **{c.id: c for c in reference}}
    _keep(outcome, draft, findings, cited, setup.baseline)
    outcome.verdicts = judge(draft.claims, outcome.findings, cited)
    unverifiable = {v.claim.id for v in outcome.verdicts if v.status is Status.UNVERIFIABLE}
    outcome.findings = [f for f in outcome.findings  # a figure found elsewhere is not single-source
                        if f.verdict is not Verdict.SINGLE_SOURCE or set(f.claims) <= unverifiable]
    explainer = Explainer(list(claims.values()), documents, setup.ruleset, setup.declared)
    for verdict in outcome.verdicts:
        if verdict.status is Status.UNVERIFIABLE:
            verdict.why = explainer.why(verdict.claim)
    return outcome


def _keep(outcome: DraftCheck, draft: Extraction, findings: list[Finding], claims: dict[str, Claim],
          baseline: Baseline | None) -> None:
    """The findings involving the draft, less those suppressed in it or accepted in the baseline,
    the draft's claims cited first (locations, annotations and SARIF point at the draft)."""
    ranges, mine = suppressions(draft.document.text), draft.document.id
    for finding in findings:
        in_draft = [claims[i] for i in finding.claims if claims[i].document == mine]
        if not in_draft:
            continue
        covered = [any(s.covers(c.start, finding.rule) for s in ranges) for c in in_draft]
        if any(covered) if finding.verdict in PROBLEMS else all(covered):
            outcome.suppressed += 1
            continue
        update = {"claims": sorted(finding.claims, key=lambda i: claims[i].document != mine)}
        if finding.verdict is Verdict.AGREEMENT and len(in_draft) < len(finding.claims):
            update["message"] = agreement_message(finding, claims, mine)
        kept = finding.model_copy(update=update)
        if finding.verdict in PROBLEMS and baseline is not None and baseline.accepts(draft.document, kept, claims):
            outcome.accepted.append(kept)
        else:
            outcome.findings.append(kept)
