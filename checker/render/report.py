"""The consistency report: the JSON contract and the console view.

JSON (`checker.report/1`): documents, claims and findings, field names fixed
(fields may be added, never renamed). The console groups findings by verdict,
shows each with its claims' sentences, and closes with counts per verdict.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

from rich.columns import Columns
from rich.console import Group
from rich.panel import Panel
from rich.text import Text

from ..engine import Finding, Verdict
from ..models import Claim, Document
from .claims import claim_record, document_record, format_value
from .inert import inert, one_line

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
    sentence = Text(inert(claim.sentence))
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
        sources = [  # side by side, one column per cited claim (a fact sheet's fact is in the message)
            Panel(Group(_highlighted(by_id[i]), Text(f"= {inert(format_value(by_id[i]))}", style="dim")),
                  title=Text(one_line(by_id[i].document.rsplit("/", 1)[-1])), title_align="left")
            for i in finding.claims if i in by_id
        ]
        title = Text.assemble((f" {label} ", style), f" {finding.rule} ({finding.severity.value})")
        parts.append(Panel(Group(Text(one_line(finding.message)), Columns(sources, equal=True, expand=True)),
                           title=title, title_align="left"))
    counts = Counter(f.verdict for f in findings)
    summary = ", ".join(f"{counts[v]} {BADGES[v][0]}" for v in BADGES if counts[v])
    per_source = Counter(by_id[i].document for f in findings for i in set(f.claims) if i in by_id)
    parts.append(Text(f"{len(findings)} findings: {summary or 'none'}"))
    parts.append(Text("by source:", style="dim"))
    parts += [Text(f"  {one_line(doc)}: {n}", style="dim") for doc, n in sorted(per_source.items())]
    return Group(*parts)
