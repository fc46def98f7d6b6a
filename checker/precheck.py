"""The pre-publication check: each draft's claims against a corpus and against itself.

Every figure, date and quote of a draft gets a verdict — supported,
contradicted, internally inconsistent or unverifiable (`verdicts`) — and the
findings that involve the draft are kept, less those suppressed inline or
accepted in a baseline. Each draft is checked on its own: the engine runs
once per draft, over that draft and the corpus documents it can be compared
with (`nearby`), so one draft's figure never stands as a source for, or
against, another's.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .candidates import StoredNeighbourhoods
from .engine import Declared, Finding, Ruleset, Severity, Verdict, check
from .engine.findings import fingerprint
from .engine.surroundings import Calendar
from .errors import CheckerError
from .extract import Extraction
from .files import read_limited_text
from .gather import stored
from .models import Claim, Document
from .nearby import Neighbourhoods
from .store import ClaimStore, open_store
from .suppress import suppressions
from .unverified import Explainer
from .verdicts import DraftClaim, Status, agreement_message, judge

__all__ = ["BaselineError", "CheckResult", "DraftCheck", "DraftClaim", "Status", "at_or_above", "baseline_text",
           "check_against", "check_drafts", "check_drafts_in_store", "read_baseline"]

BASELINE_SCHEMA = "checker.baseline/1"
BASELINE_LIMIT_MB = 50  # a fingerprint is ~70 bytes: room for 700,000 accepted findings


class BaselineError(CheckerError):
    """A baseline file is missing or malformed."""

    exit_code = 15


@dataclass
class DraftCheck:
    """One draft's outcome: its findings (after suppression and baseline) and its claims' verdicts."""

    document: Document
    findings: list[Finding] = field(default_factory=list)
    verdicts: list[DraftClaim] = field(default_factory=list)
    suppressed: int = 0
    baselined: int = 0


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

    def fingerprints(self) -> list[str]:
        return sorted({fingerprint(f, self.claims) for f in self.findings if f.verdict in PROBLEMS})

    def without_claims(self) -> list[Document]:
        """Drafts with nothing to check (no figure, date or quote found): a pass that says nothing."""
        return [c.document for c in self.checks if not c.verdicts]


PROBLEMS = {Verdict.CONTRADICTION, Verdict.INTERNAL, Verdict.SINGLE_SOURCE}
_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


def at_or_above(finding: Finding, level: Severity) -> bool:
    """Whether a finding is a problem at least as severe as `level` (agreements never are)."""
    return finding.verdict in PROBLEMS and _RANK[finding.severity] >= _RANK[level]


def read_baseline(path: Path) -> set[str]:
    """The accepted fingerprints: a regular file, bounded, whose JSON nests and counts sanely."""
    text = read_limited_text(path, BASELINE_LIMIT_MB, BaselineError, "baseline")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BaselineError(f"not JSON: {exc.msg}", path=str(path), line=exc.lineno) from None
    except RecursionError:
        raise BaselineError("not JSON: nested too deeply", path=str(path)) from None
    except ValueError:  # an integer of more digits than Python converts
        raise BaselineError("not JSON: a number too long", path=str(path)) from None
    if not isinstance(data, dict) or data.get("schema") != BASELINE_SCHEMA or not isinstance(data.get("findings"), list):
        raise BaselineError(f"not a checker baseline (expected schema {BASELINE_SCHEMA})", path=str(path))
    return {str(item) for item in data["findings"]}


def baseline_text(result: CheckResult) -> str:
    return json.dumps({"schema": BASELINE_SCHEMA, "findings": result.fingerprints()}, indent=2) + "\n"


def check_drafts(drafts: list[Extraction], corpus: list[Extraction], ruleset: Ruleset,
                 baseline: set[str] = frozenset(), declared: Declared | None = None) -> CheckResult:
    """Each draft against the corpus (and itself), never against another draft."""
    draft_ids = {e.document.id for e in drafts}
    corpus = [e for e in corpus if e.document.id not in draft_ids]  # a draft inside the corpus is not its own source
    everything = drafts + corpus
    claims = {c.id: c for e in everything for c in e.claims}
    documents = {e.document.id: e.document for e in everything}
    nearby = Neighbourhoods(drafts, corpus, ruleset, declared) if drafts and corpus else None
    background = [e.document for e in corpus]
    checks = [_check_one(draft, nearby.of(draft.document.id) if nearby else [], [draft.document, *background], None,
                         ruleset, baseline, declared) for draft in drafts]
    return CheckResult(checks, documents, claims)


def check_against(drafts: list[Extraction], corpus: list[Extraction], stores: list[Path], ruleset: Ruleset,
                  baseline: set[str] = frozenset(), declared: Declared | None = None) -> CheckResult:
    """Drafts against a corpus of files and stores: against one store alone, through its indexes
    where they find each draft's neighbourhood; otherwise with every document read."""
    if not corpus and len(stores) == 1:
        with open_store(str(stores[0]), readonly=True) as db:
            result = check_drafts_in_store(drafts, db, ruleset, baseline, declared)
            if result is not None:
                return result
            return check_drafts(drafts, stored(db), ruleset, baseline, declared)
    for location in stores:
        with open_store(str(location), readonly=True) as db:
            corpus = [*corpus, *stored(db)]
    return check_drafts(drafts, corpus, ruleset, baseline, declared)


def check_drafts_in_store(drafts: list[Extraction], store: ClaimStore, ruleset: Ruleset,
                          baseline: set[str] = frozenset(), declared: Declared | None = None) -> CheckResult | None:
    """As `check_drafts` against every document of the store, reading only each draft's
    neighbourhood, found through the store's indexes (`candidates`); None where it cannot be
    found so (the caller reads the whole store). The result's documents and claims are the
    drafts' and those read."""
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
            checks.append(_check_one(draft, near, at_hand, nearby.calendar(draft), ruleset, baseline, declared))
    everything = [*drafts, *read.values()]
    return CheckResult(checks, {e.document.id: e.document for e in everything},
                       {c.id: c for e in everything for c in e.claims})


def _check_one(draft: Extraction, near: list[Extraction], documents: list[Document], calendar: Calendar | None,
               ruleset: Ruleset, baseline: set[str], declared: Declared | None) -> DraftCheck:
    """One engine run over the draft's claims and its neighbourhood's, with the corpus's
    publication dates (they set the rate month of an undated article and the years it speaks
    from): every corpus document at hand, or their `calendar`; the findings involving the draft."""
    outcome = DraftCheck(draft.document)
    if not draft.claims:
        return outcome
    claims = {c.id: c for e in (draft, *near) for c in e.claims}
    findings = check(list(claims.values()), documents, ruleset=ruleset, declared=declared, calendar=calendar)
    _keep(outcome, draft, findings, claims, baseline)
    outcome.verdicts = judge(draft.claims, outcome.findings, claims)
    unverifiable = {v.claim.id for v in outcome.verdicts if v.status is Status.UNVERIFIABLE}
    outcome.findings = [f for f in outcome.findings  # a figure found elsewhere is not single-source
                        if f.verdict is not Verdict.SINGLE_SOURCE or set(f.claims) <= unverifiable]
    explainer = Explainer(list(claims.values()), documents, ruleset, declared, calendar)
    for verdict in outcome.verdicts:
        if verdict.status is Status.UNVERIFIABLE:
            verdict.why = explainer.why(verdict.claim)
    return outcome


def _keep(outcome: DraftCheck, draft: Extraction, findings: list[Finding], claims: dict[str, Claim],
          baseline: set[str]) -> None:
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
        elif finding.verdict in PROBLEMS and fingerprint(finding, claims) in baseline:
            outcome.baselined += 1
        else:
            update = {"claims": sorted(finding.claims, key=lambda i: claims[i].document != mine)}
            if finding.verdict is Verdict.AGREEMENT and len(in_draft) < len(finding.claims):
                update["message"] = agreement_message(finding, claims, mine)
            outcome.findings.append(finding.model_copy(update=update))
