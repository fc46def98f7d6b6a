"""The pre-publication check: a draft's claims against a corpus and against itself.

Every figure, date and quote of the draft gets a verdict — supported (a
source agrees), contradicted (a source disagrees), internally inconsistent,
or unverifiable (no source speaks of it) — and the findings that involve the
draft are kept, less those suppressed inline or accepted in a baseline.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from .engine import Declared, Finding, Ruleset, Severity, Verdict, check
from .engine.findings import fingerprint
from .errors import CheckerError
from .extract import Extraction
from .files import read_limited_text
from .models import Claim, Document
from .suppress import suppressions

BASELINE_SCHEMA = "checker.baseline/1"
BASELINE_LIMIT_MB = 50  # a fingerprint is ~70 bytes: room for 700,000 accepted findings


class BaselineError(CheckerError):
    """A baseline file is missing or malformed."""

    exit_code = 15


class Status(StrEnum):
    SUPPORTED = "supported"
    CONTRADICTED = "contradicted"
    INTERNAL = "internally inconsistent"
    UNVERIFIABLE = "unverifiable"


@dataclass
class DraftClaim:
    claim: Claim
    status: Status
    sources: list[Claim] = field(default_factory=list)  # the corpus claims that support or contradict it


@dataclass
class CheckResult:
    drafts: list[Document]
    documents: dict[str, Document]  # drafts and corpus, by id
    claims: dict[str, Claim]
    findings: list[Finding]  # those that involve a draft claim, after suppression and baseline
    verdicts: list[DraftClaim]
    suppressed: int = 0
    baselined: int = 0

    def fingerprints(self) -> list[str]:
        return sorted({fingerprint(f, self.claims) for f in self.findings if f.verdict in PROBLEMS})

    def without_claims(self) -> list[Document]:
        """Drafts with nothing to check (no figure, date or quote found): a pass that says nothing."""
        checked = {v.claim.document for v in self.verdicts}
        return [d for d in self.drafts if d.id not in checked]


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
    draft_ids = {e.document.id for e in drafts}
    corpus = [e for e in corpus if e.document.id not in draft_ids]  # a draft inside the corpus is not its own source
    everything = drafts + corpus
    claims = {c.id: c for e in everything for c in e.claims}
    documents = {e.document.id: e.document for e in everything}
    findings = check(list(claims.values()), list(documents.values()), ruleset=ruleset, declared=declared)
    ranges = {e.document.id: suppressions(e.document.text) for e in drafts}
    kept, suppressed, baselined = [], 0, 0
    for finding in findings:
        cited = [claims[i] for i in finding.claims]
        in_draft = [c for c in cited if c.document in draft_ids]
        if not in_draft:
            continue
        covered = [any(s.covers(c.start, finding.rule) for s in ranges[c.document]) for c in in_draft]
        if any(covered) if finding.verdict in PROBLEMS else all(covered):
            suppressed += 1
        elif finding.verdict in PROBLEMS and fingerprint(finding, claims) in baseline:
            baselined += 1
        else:  # the draft's claims first: locations, annotations and SARIF point at the draft
            order = sorted(finding.claims, key=lambda i: claims[i].document not in draft_ids)
            kept.append(finding.model_copy(update={"claims": order}))
    verdicts = [_verdict(claim, kept, claims, draft_ids) for e in drafts for claim in e.claims]
    return CheckResult([e.document for e in drafts], documents, claims, kept, verdicts, suppressed, baselined)


def _verdict(claim: Claim, findings: list[Finding], claims: dict[str, Claim], drafts: set[str]) -> DraftClaim:
    mine = [f for f in findings if claim.id in f.claims]
    for verdict, status in ((Verdict.INTERNAL, Status.INTERNAL), (Verdict.CONTRADICTION, Status.CONTRADICTED),
                            (Verdict.AGREEMENT, Status.SUPPORTED)):
        sources = [claims[i] for f in mine if f.verdict is verdict for i in f.claims
                   if i != claim.id and (claims[i].document not in drafts or verdict is Verdict.INTERNAL)]
        if sources:
            return DraftClaim(claim, status, sources)
    return DraftClaim(claim, Status.UNVERIFIABLE)
