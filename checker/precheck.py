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
from functools import cached_property

from .baseline import Baseline
from .candidates import StoredNeighbourhoods
from .engine import (
    Declared,
    FactSheet,
    Finding,
    Ruleset,
    Severity,
    Verdict,
    corpus_of,
    findings_of,
)
from .engine.surroundings import Calendar
from .extract import Extraction
from .gather import stored
from .models import Claim, Document
from .nearby import Neighbourhoods
from .store import ClaimStore, open_store
from .suppress import suppressions
from .unverified import Explainer
from .verdicts import DraftClaim, Status, agreement_message, judge

__all__ = ["CheckResult", "DraftCheck", "DraftClaim", "Status", "at_or_above", "check_against", "check_drafts",
           "check_drafts_in_store"]


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

    @cached_property
    def reference(self) -> list[Claim]:
        """The fact sheet's facts as claims, cited from the sheet's file."""
        return self.facts.reference_claims(self.facts_path) if self.facts else []


def check_drafts(drafts: list[Extraction], corpus: list[Extraction], ruleset: Ruleset, baseline: Baseline | None = None,
                 declared: Declared | None = None, facts: FactSheet | None = None, facts_path: str = "") -> CheckResult:
    """Each draft against the corpus, the fact sheet (when there is one) and itself, never against
    another draft."""
    setup = _Setup(ruleset, baseline, declared, facts, facts_path)
    draft_ids = {e.document.id for e in drafts}
    corpus = [e for e in corpus if e.document.id not in draft_ids]  # a draft inside the corpus is not its own source
    nearby = Neighbourhoods(drafts, corpus, setup.ruleset, setup.declared) if drafts and corpus else None
    background = [e.document for e in corpus]
    checks = [_check_one(draft, nearby.of(draft.document.id) if nearby else [], [draft.document, *background], None,
                         setup) for draft in drafts]
    return _result(checks, drafts + corpus, setup)


def check_against(drafts: list[Extraction], corpus: list[Extraction], stores: list[str], ruleset: Ruleset,
                  baseline: Baseline | None = None, declared: Declared | None = None, facts: FactSheet | None = None,
                  facts_path: str = "") -> CheckResult:
    """Drafts against a corpus of files and stores (paths or URLs): against one store alone,
    through its indexes where they find each draft's neighbourhood; otherwise with every
    document read."""
    given = (ruleset, baseline, declared, facts, facts_path)
    if not corpus and len(stores) == 1:
        with open_store(stores[0], readonly=True) as db:
            result = check_drafts_in_store(drafts, db, *given)
            return result if result is not None else check_drafts(drafts, stored(db), *given)
    for location in stores:
        with open_store(location, readonly=True) as db:
            corpus = [*corpus, *stored(db)]
    return check_drafts(drafts, corpus, *given)


def check_drafts_in_store(drafts: list[Extraction], store: ClaimStore, ruleset: Ruleset,
                          baseline: Baseline | None = None, declared: Declared | None = None,
                          facts: FactSheet | None = None, facts_path: str = "") -> CheckResult | None:
    """As `check_drafts` against every document of the store, reading only each draft's
    neighbourhood, found through the store's indexes (`candidates`); None where it cannot be
    found so (the caller reads the whole store). The result's documents and claims are the
    drafts', those read and the fact sheet's."""
    setup = _Setup(ruleset, baseline, declared, facts, facts_path)
    with store.snapshot():
        nearby = StoredNeighbourhoods.build(drafts, store, ruleset, declared)
        if nearby is None:
            return None
        checks, read = [], {}
        for draft in drafts:
            near = nearby.of(draft.document.id)
            if near is None:
                return None
            read.update((e.document.id, e) for e in near)
            at_hand = [draft.document, *(e.document for e in near)]
            checks.append(_check_one(draft, near, at_hand, nearby.calendar(draft), setup))
    return _result(checks, [*drafts, *read.values()], setup)


def _result(checks: list[DraftCheck], everything: list[Extraction], setup: _Setup) -> CheckResult:
    """The checks, with every document and claim they may cite: the extractions' and the fact sheet's."""
    facts = setup.facts
    claims = {c.id: c for c in [*(c for e in everything for c in e.claims), *setup.reference]}
    documents = {d.id: d for d in [*(e.document for e in everything),
                                   *([facts.document(setup.facts_path)] if facts else [])]}
    return CheckResult(checks, documents, claims)


def _check_one(draft: Extraction, near: list[Extraction], documents: list[Document], calendar: Calendar | None,
               setup: _Setup) -> DraftCheck:
    """One engine run over the draft's claims and its neighbourhood's, with the corpus's
    publication dates (they set the rate month of an undated article and the years it speaks
    from): every corpus document at hand, or their `calendar`; the findings involving the draft."""
    outcome = DraftCheck(draft.document)
    if not draft.claims:
        return outcome
    claims = {c.id: c for e in (draft, *near) for c in e.claims}
    corpus = corpus_of(claims.values(), documents, declared=setup.declared, facts=setup.facts,
                       facts_path=setup.facts_path, calendar=calendar)
    findings = findings_of(corpus, setup.ruleset)
    cited = {**claims, **{c.id: c for c in setup.reference}}
    _keep(outcome, draft, findings, cited, setup.baseline)
    outcome.verdicts = judge(draft.claims, outcome.findings, cited)
    unverifiable = {v.claim.id for v in outcome.verdicts if v.status is Status.UNVERIFIABLE}
    outcome.findings = [f for f in outcome.findings  # a figure found elsewhere is not single-source
                        if f.verdict is not Verdict.SINGLE_SOURCE or set(f.claims) <= unverifiable]
    explainer = Explainer(corpus, list(claims.values()), setup.ruleset)
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
