"""The pre-publication check for people and programs: compiler-style lines or JSON.

    draft.md:12:34: error [figure-consistency] message
        corpus/wire.md:8: the sentence it disagrees with
    draft.md: 2 supported, 1 contradicted, 4 unverifiable, 0 internally inconsistent; 1 error, 0 warnings
"""

from __future__ import annotations

import json
from collections import Counter

from ..engine import Finding, Severity
from ..precheck import PROBLEMS, CheckResult, Status
from .annotations import line_col
from .claims import claim_record, document_record
from .inert import one_line

SCHEMA = "checker.check/1"


def _anchor(result: CheckResult, finding: Finding):
    drafts = {d.id for d in result.drafts}
    return next(result.claims[i] for i in finding.claims if result.claims[i].document in drafts)


def check_text(result: CheckResult) -> str:
    lines = []
    problems = sorted((f for f in result.findings if f.verdict in PROBLEMS),
                      key=lambda f: (_anchor(result, f).document, _anchor(result, f).start, f.rule))
    for finding in problems:
        claim = _anchor(result, finding)
        document = result.documents[claim.document]
        line, col = line_col(document.text, claim.start)
        lines.append(one_line(f"{document.path}:{line}:{col}: {finding.severity.value} [{finding.rule}] {finding.message}"))
        for other_id in finding.claims:
            other = result.claims[other_id]
            if other.id != claim.id:
                source = result.documents[other.document]
                lines.append(one_line(f"    {source.path}:{line_col(source.text, other.start)[0]}: {' '.join(other.sentence.split())}"))
    severities = Counter(f.severity for f in problems)
    for draft in result.drafts:
        statuses = Counter(v.status for v in result.verdicts if v.claim.document == draft.id)
        counts = ", ".join(f"{statuses[s]} {s.value}" for s in Status)
        extra = [f"{n} {what}" for n, what in ((result.suppressed, "suppressed"), (result.baselined, "in the baseline")) if n]
        lines.append(one_line(draft.path) + f": {counts}" + (f" ({', '.join(extra)})" if extra else "")
                     + f"; {severities[Severity.ERROR]} errors, {severities[Severity.WARNING]} warnings")
    return "\n".join(lines) + "\n"


def check_json(result: CheckResult) -> str:
    payload = {
        "schema": SCHEMA,
        "drafts": [document_record(d) for d in result.drafts],
        "verdicts": [
            {"claim": v.claim.id, "status": v.status.value, "sources": [s.id for s in v.sources]} for v in result.verdicts
        ],
        "claims": [claim_record(c) for c in sorted(result.claims.values(), key=lambda c: (c.document, c.start, c.kind))],
        "findings": [f.model_dump(mode="json") for f in result.findings],
        "suppressed": result.suppressed,
        "baselined": result.baselined,
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
