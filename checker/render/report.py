"""The consistency report: the JSON contract and the console view.

JSON (`checker.report/1`): documents, claims and findings, field names fixed
(fields may be added, never renamed). The console groups findings by verdict,
shows each with its claims' sentences, and closes with counts per verdict.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

from rich.console import Group
from rich.panel import Panel
from rich.text import Text

from ..engine import Finding, Verdict
from ..models import Claim, Document
from .claims import claim_record, document_record

SCHEMA = "checker.report/1"
BADGES = {
    Verdict.CONTRADICTION: ("contradicts", "bold red"),
    Verdict.INTERNAL: ("internal", "bold magenta"),
    Verdict.AGREEMENT: ("agrees", "bold green"),
    Verdict.SINGLE_SOURCE: ("single source", "yellow"),
}


def report_json(documents: Sequence[Document], claims: Sequence[Claim], findings: Sequence[Finding]) -> str:
    payload = {
        "schema": SCHEMA,
        "documents": [document_record(d) for d in documents],
        "claims": [claim_record(c) for c in claims],
        "findings": [f.model_dump(mode="json") for f in findings],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _highlighted(claim: Claim) -> Text:
    sentence = Text(claim.sentence)
    start = claim.start - claim.sentence_start
    sentence.stylize("bold reverse", start, start + len(claim.text))
    return sentence


def report_console(claims: Sequence[Claim], findings: Sequence[Finding], *, show_single: bool = False) -> Group:
    by_id = {c.id: c for c in claims}
    parts = []
    for finding in findings:
        if finding.verdict is Verdict.SINGLE_SOURCE and not show_single:
            continue
        label, style = BADGES[finding.verdict]
        body = [Text(finding.message)]
        for claim_id in finding.claims:
            claim = by_id.get(claim_id)
            if claim is not None:  # a fact sheet's fact is named in the message, not here
                body.append(Text.assemble((f"{claim.document}: ", "dim"), _highlighted(claim)))
        title = Text.assemble((f" {label} ", style), f" {finding.rule} ({finding.severity.value})")
        parts.append(Panel(Group(*body), title=title, title_align="left"))
    counts = Counter(f.verdict for f in findings)
    summary = ", ".join(f"{counts[v]} {BADGES[v][0]}" for v in BADGES if counts[v])
    parts.append(Text(f"{len(findings)} findings: {summary or 'none'}"))
    return Group(*parts)
