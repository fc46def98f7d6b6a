"""The pre-publication check for people and programs: compiler-style lines or JSON.

    draft.md:5:15: error [figure-consistency] message
        corpus/wire.md:19: disagrees: the sentence that says otherwise
        corpus/paper.md:8: agrees: a sentence that says the same
    draft.md:9:22: note [unverifiable] “12 million tonnes” (12 million tonne): no source was found to state it
        looked for: 12 million tonne, a quantity (tonne), for handle
        no corpus article tells this story
    draft.md: 1 supported, 1 contradicted, 0 internally inconsistent, 1 unverifiable; 1 error, 0 warnings

Every claim of a draft gets a line, in the draft's order: its problems (the
findings' severities and rules, which `--fail-on` counts), else its verdict
as a `note`, which no tool reading `error`/`warning`/`info` takes for a
finding. The indented lines under it say why: the sources on each side, one
statement per document, or what was looked for and what came closest. The
same lines are coloured on a terminal (`check_lines` gives them as rich text).
"""

from __future__ import annotations

import json
from collections import Counter

from rich.text import Text

from ..engine import Finding, Severity, Verdict
from ..engine.values import describe
from ..models import Claim, Kind
from ..precheck import PROBLEMS, CheckResult, DraftCheck, DraftClaim, Status
from ..wording import counted, verb
from .annotations import line_col
from .claims import claim_record, document_record
from .explain import sentence
from .inert import one_line

SCHEMA = "checker.check/1"
SEVERITY_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "cyan"}
STATUS_STYLES = {Status.SUPPORTED: "green", Status.CONTRADICTED: "red", Status.INTERNAL: "magenta",
                 Status.UNVERIFIABLE: "yellow"}


def check_text(result: CheckResult) -> str:
    return "".join(line.plain + "\n" for line in check_lines(result))


def check_lines(result: CheckResult) -> list[Text]:
    """Each draft's lines, then its summary line."""
    lines: list[Text] = []
    for draft in result.checks:
        for verdict in sorted(draft.verdicts, key=lambda v: v.claim.start):
            lines += _claim_lines(result, draft, verdict)
        lines.append(_summary(draft))
    return lines


def _where(result: CheckResult, claim: Claim, column: bool = False) -> str:
    document = result.documents[claim.document]
    line, col = line_col(document.text, claim.start)
    return one_line(f"{document.path}:{line}" + (f":{col}" if column else ""))


def _head(result: CheckResult, claim: Claim, tag: str, style: str, rule: str, message: str,
          rule_style: str = "") -> Text:
    return Text.assemble((_where(result, claim, column=True), "bold"), ": ", (tag, style), " ",
                         (f"[{rule}]", rule_style), " ", one_line(message))


def _detail(text: str, style: str = "dim") -> Text:
    return Text.assemble("    ", (one_line(text), style))


def _claim_lines(result: CheckResult, draft: DraftCheck, verdict: DraftClaim) -> list[Text]:
    claim = verdict.claim
    problems = [f for f in draft.findings if f.verdict in PROBLEMS and f.claims[0] == claim.id]
    if not problems:
        own = [_source(result, c, "does not fit: ", "magenta") for c in verdict.inconsistent]
        message = verdict_message(verdict, result.documents[claim.document].text)
        return [_head(result, claim, "note", "dim", verdict.status.value, message,
                      STATUS_STYLES[verdict.status]),
                *own, *_reasons(result, verdict)]
    lines = []
    for finding in sorted(problems, key=lambda f: f.rule):
        lines.append(_head(result, claim, finding.severity.value, SEVERITY_STYLES[finding.severity],
                           finding.rule, finding.message))
        if finding.verdict is Verdict.INTERNAL:
            lines += [_source(result, c, "") for c in _cited(result, finding, claim)]
        else:
            lines += _reasons(result, verdict)
    return lines


def _cited(result: CheckResult, finding: Finding, claim: Claim) -> list[Claim]:
    return [result.claims[i] for i in finding.claims if i != claim.id]


def verdict_message(verdict: DraftClaim, text: str) -> str:
    """The verdict in words, for a claim no finding speaks for (`text`: its draft's, for line numbers)."""
    claim = verdict.claim
    said = f"“{claim.text}”" + ("" if claim.kind is Kind.QUOTE else f" ({describe(claim)})")
    if verdict.restates is not None:
        said += f" restates “{verdict.restates.text}” at line {line_col(text, verdict.restates.start)[0]}"
    if verdict.status is Status.SUPPORTED:
        agree = len(verdict.agreeing)
        return f"{said}: {counted(agree, 'source')} {verb(agree, 'agrees', 'agree')}"
    if verdict.status is Status.CONTRADICTED:
        return f"{said}: {counted(len(verdict.disagreeing), 'source')} {verb(len(verdict.disagreeing), 'says', 'say')} otherwise"
    if verdict.status is Status.INTERNAL:
        return f"{said}: does not fit the draft's own figures"
    return f"{said}: no source was found to state it"


def _reasons(result: CheckResult, verdict: DraftClaim) -> list[Text]:
    """Why the verdict: the sources on each side, or what was looked for and what came closest."""
    if verdict.why is not None:
        why = verdict.why
        lines = [_detail(f"looked for: {why.value}, {why.measures}")]
        for candidate in why.candidates:
            odds = f"{candidate.probability:.0%} one fact: " if candidate.probability is not None else ""
            lines.append(_detail(f"closest: {_where(result, candidate.claim)}: “{candidate.claim.text}”"
                                 f"{_read(candidate.claim)}, {odds}{candidate.reasons}"))
        return lines + ([_detail(why.note)] if why.note else [])
    return ([_source(result, c, "disagrees: ", "red") for c in verdict.disagreeing]
            + [_source(result, c, "agrees: ", "green") for c in verdict.agreeing])


def _read(claim: Claim) -> str:
    return "" if claim.kind is Kind.QUOTE else f" ({describe(claim)})"


def _source(result: CheckResult, claim: Claim, side: str, style: str = "dim") -> Text:
    return Text.assemble("    ", (_where(result, claim), "dim"), ": ", (side, style), one_line(sentence(claim)))


def _summary(draft: DraftCheck) -> Text:
    statuses = Counter(v.status for v in draft.verdicts)
    severities = Counter(f.severity for f in draft.findings if f.verdict in PROBLEMS)
    counts = ", ".join(f"{statuses[s]} {s.value}" for s in Status)
    extra = [f"{n} {what}" for n, what in ((draft.suppressed, "suppressed"), (draft.baselined, "in the baseline")) if n]
    return Text(one_line(draft.document.path) + f": {counts}"
                + (f" ({', '.join(extra)})" if extra else "")
                + f"; {counted(severities[Severity.ERROR], 'error')}, {counted(severities[Severity.WARNING], 'warning')}")


def check_json(result: CheckResult) -> str:
    payload = {
        "schema": SCHEMA,
        "drafts": [document_record(d) for d in result.drafts],
        "verdicts": [_verdict_record(v) for v in result.verdicts],
        "claims": [claim_record(c) for c in sorted(result.claims.values(), key=lambda c: (c.document, c.start, c.kind))],
        "findings": [f.model_dump(mode="json") for f in result.findings],
        "suppressed": result.suppressed,
        "baselined": result.baselined,
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _verdict_record(verdict: DraftClaim) -> dict:
    record = {"claim": verdict.claim.id, "status": verdict.status.value, "sources": [s.id for s in verdict.sources],
              "agreeing": [c.id for c in verdict.agreeing], "disagreeing": [c.id for c in verdict.disagreeing],
              "restates": verdict.restates.id if verdict.restates else None}
    if verdict.why is not None:
        record["why"] = {
            "value": verdict.why.value, "measures": verdict.why.measures, "note": verdict.why.note,
            "closest": [{"claim": c.claim.id, "document": c.claim.document, "text": c.claim.text,
                         "probability": None if c.probability is None else round(c.probability, 3),
                         "reasons": c.reasons} for c in verdict.why.candidates],
        }
    return record
