"""The consistency report: the JSON contract and the console view.

JSON (`checker.report/1`): documents, claims and findings, field names fixed
(fields may be added, never renamed). The console leads with what an editor
must look at (contradictions and internal inconsistencies, by story and
confidence, each with its claims' sentences), collapses agreements and
single-source figures to counts by rule, and closes with counts per verdict.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

from rich.columns import Columns
from rich.console import Group
from rich.panel import Panel
from rich.text import Text

from ..engine import Finding, Verdict
from ..models import Claim, Document
from ..wording import counted
from .claims import claim_record, document_record, format_value
from .inert import inert, one_line
from .markdown import SECTIONS, ClaimCounts, source_counts
from .summary import COLLAPSED, document_list, listed, rule_counts, stories

SCHEMA = "checker.report/1"
BADGES = {
    Verdict.CONTRADICTION: ("contradicts", "bold red"),
    Verdict.INTERNAL: ("internal", "bold magenta"),
    Verdict.AGREEMENT: ("agrees", "bold green"),
    Verdict.SINGLE_SOURCE: ("single source", "yellow"),
}
NOUNS = {  # the closing counts, short enough for one line: "1 contradiction, 3 agreements", never "1 contradicts"
    Verdict.CONTRADICTION: ("contradiction",),
    Verdict.INTERNAL: ("internal", "internal"),
    Verdict.AGREEMENT: ("agreement",),
    Verdict.SINGLE_SOURCE: ("single-source", "single-source"),
}


def report_json(documents: Sequence[Document], claims: Sequence[Claim], findings: Sequence[Finding]) -> str:
    return "".join(report_json_pieces(documents, claims, findings))


def report_json_pieces(documents: Iterable[Document], claims: Iterable[Claim], findings: Iterable[Finding]
                       ) -> Iterator[str]:
    """The JSON report a record at a time, as they are read (the text `json.dumps` with an indent
    of 2 gives for the whole payload): an archive's report is never all in memory."""
    yield f'{{\n  "schema": {json.dumps(SCHEMA)},\n'
    yield from _array("documents", map(document_record, documents))
    yield ",\n"
    yield from _array("claims", map(claim_record, claims))
    yield ",\n"
    yield from _array("findings", (f.model_dump(mode="json") for f in findings))
    yield "\n}\n"


def _array(key: str, records: Iterable[dict]) -> Iterator[str]:
    """`"key": [...]` at the payload's first level: each record indented two levels (JSON text
    holds no line break inside a string, so every line of a record moves right alike)."""
    yield f'  "{key}": ['
    empty = True
    for record in records:
        yield ("\n    " if empty else ",\n    ") + json.dumps(record, ensure_ascii=False, indent=2).replace("\n", "\n    ")
        empty = False
    yield "]" if empty else "\n  ]"


def _highlighted(claim: Claim) -> Text:
    sentence = Text(inert(claim.sentence))
    start = claim.start - claim.sentence_start
    sentence.stylize("bold reverse", start, start + len(claim.text))
    return sentence


def _panel(finding: Finding, by_id: dict[str, Claim]) -> Panel:
    label, style = BADGES[finding.verdict]
    sources = [  # side by side, one column per cited claim (a fact sheet's fact is in the message)
        Panel(Group(_highlighted(by_id[i]), Text(f"= {inert(format_value(by_id[i]))}", style="dim")),
              title=Text(one_line(by_id[i].document.rsplit("/", 1)[-1])), title_align="left")
        for i in finding.claims if i in by_id
    ]
    confidence = f" confidence {finding.confidence:.2f}" if finding.confidence < 1 else ""
    title = Text.assemble((f" {label} ", style), f" {finding.rule} ({finding.severity.value}){confidence}")
    return Panel(Group(Text(one_line(finding.message)), Columns(sources, equal=True, expand=True)),
                 title=title, title_align="left")


def _stories(claims: Sequence[Claim], findings: Sequence[Finding], by_id: dict[str, Claim]) -> list:
    """The problems first, story by story, the most confident story first."""
    ranked = stories(findings, claims)
    if not ranked:
        return []
    count = sum(len(s.findings) for s in ranked)
    parts: list = [Text(f"Needs attention: {counted(count, 'finding')} in {counted(len(ranked), 'story', 'stories')}, "
                        "most confident first",
                        style="bold")]
    for number, story in enumerate(ranked, 1):
        parts.append(Text(f"Story {number} · {counted(len(story.findings), 'finding')} · confidence up to "
                          f"{story.confidence:.2f} · {counted(len(story.documents), 'document')}: "
                          f"{one_line(document_list(story))}", style="bold"))
        parts += [_panel(f, by_id) for f in story.findings]
    return parts


def _collapsed(findings: Sequence[Finding], shown: frozenset[Verdict]) -> list[Text]:
    """One line per verdict not listed: its count, by rule, and how to list it."""
    lines = []
    for verdict in BADGES:
        rules = rule_counts(findings, verdict)
        if verdict in shown or not rules:
            continue
        by_rule = ", ".join(f"{rule} {n}" for rule, n in rules)
        lines.append(Text(f"{SECTIONS[verdict]}: {sum(n for _, n in rules)} ({one_line(by_rule)}); "
                          f"list them with --only {verdict.value}", style="dim"))
    return lines


def _by_source(claims: Sequence[Claim], findings: Sequence[Finding], claim_counts: ClaimCounts) -> list[Text]:
    """Each cited document, then its claims and the findings citing it by verdict (a finding once
    per document), every number beside its noun: "10 claims; findings: 1 contradiction, 2 agreements"."""
    lines = [Text("by source:", style="dim")]
    for source, count in sorted(source_counts(claims, findings, claim_counts).items()):
        verdicts = ", ".join(counted(count[v], *NOUNS[v]) for v in BADGES if count[v])
        if verdicts:
            lines += [Text(f"  {one_line(source)}", style="dim"),
                      Text(f"    {counted(count['claims'], 'claim')}; findings: {verdicts}", style="dim")]
    return lines


def report_console(claims: Sequence[Claim], findings: Sequence[Finding], *, show_single: bool = False,
                   only: frozenset[Verdict] | None = None, claim_counts: ClaimCounts = None) -> Group:
    """Problems by story and confidence, then the verdicts listed in full (`--only`, `--single`),
    then the rest as counts, then totals: the order an editor reads in (`claim_counts`: as
    `report_markdown`'s)."""
    by_id = {c.id: c for c in claims}
    shown = listed(only, show_single)
    parts = _stories(claims, [f for f in findings if f.verdict in shown], by_id)
    for verdict in COLLAPSED:
        if verdict in shown:
            parts += [_panel(f, by_id) for f in findings if f.verdict is verdict]
    parts += _collapsed(findings, shown)
    counts = Counter(f.verdict for f in findings)
    summary = ", ".join(counted(counts[v], *NOUNS[v]) for v in BADGES if counts[v])
    parts.append(Text(f"{counted(len(findings), 'finding')}: {summary or 'none'}"))
    return Group(*parts, *_by_source(claims, findings, claim_counts))
