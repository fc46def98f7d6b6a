"""The consistency report: the JSON contract and the console view.

JSON (`checker.report/1`): documents, claims and findings, field names fixed
(fields may be added, never renamed). The console leads with what an editor
must look at (contradictions and internal inconsistencies, by story and
confidence, each with its claims' sentences), collapses agreements and
single-source figures to counts by rule, and closes with counts per verdict.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence

from rich.columns import Columns
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from ..engine import Finding, Verdict
from ..models import Claim, Document
from ..wording import counted
from .claims import claim_record, document_record, format_value
from .digest import Archive, Cited, Digest, gathered
from .inert import inert, one_line
from .markdown import SECTIONS
from .summary import COLLAPSED, document_list, headline, listed

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


def _panel(cited: Cited) -> Panel:
    finding, by_id = cited.finding, cited.claims
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


def _totals(digest: Digest) -> str:
    """ "12 findings: 1 contradiction, 3 agreements" """
    summary = ", ".join(counted(digest.count(v), *NOUNS[v]) for v in BADGES if digest.count(v))
    return f"{counted(digest.count(), 'finding')}: {summary or 'none'}"


def _lead(digest: Digest) -> Iterator[Text]:
    """A large report's first lines: its totals and its most important problems, a line each
    (each shown in full below, in its story)."""
    yield Text(f"Summary: {counted(digest.claims, 'claim')} · {_totals(digest)}", style="bold")
    yield Text(f"Most important {counted(len(digest.top), 'finding')} (in full below, in their stories):", style="bold")
    for number, (_, cited) in enumerate(digest.top, 1):
        finding = cited.finding
        label, style = BADGES[finding.verdict]
        sources, message = headline(cited.sources, one_line(finding.message))
        yield Text.assemble(f"{number:>3}. ", (label, style), f" {finding.rule} · {finding.confidence:.2f} · "
                            f"{one_line(sources)}: {message}")


def _stories(digest: Digest) -> Iterator:
    """The problems first, story by story, the most confident story first."""
    if not digest.stories:
        return
    count = sum(s.size for s in digest.stories)
    yield Text(f"Needs attention: {counted(count, 'finding')} in {counted(len(digest.stories), 'story', 'stories')}, "
               "most confident first", style="bold")
    current = None
    for place, cited in digest.problems():
        if place != current:
            story, current = digest.stories[place], place
            yield Text(f"Story {place + 1} · {counted(story.size, 'finding')} · confidence up to "
                       f"{story.confidence:.2f} · {counted(len(story.documents), 'document')}: "
                       f"{one_line(document_list(story))}", style="bold")
        yield _panel(cited)


def _collapsed(digest: Digest, shown: frozenset[Verdict]) -> Iterator[Text]:
    """One line per verdict not listed: its count, by rule, and how to list it."""
    for verdict in BADGES:
        rules = digest.rule_counts(verdict)
        if verdict in shown or not rules:
            continue
        by_rule = ", ".join(f"{rule} {n}" for rule, n in rules)
        yield Text(f"{SECTIONS[verdict]}: {sum(n for _, n in rules)} ({one_line(by_rule)}); "
                   f"list them with --only {verdict.value}", style="dim")


def _by_source(digest: Digest) -> Iterator[Text]:
    """Each cited document, then its claims and the findings citing it by verdict (a finding once
    per document), every number beside its noun: "10 claims; findings: 1 contradiction, 2 agreements"."""
    yield Text("by source:", style="dim")
    for source in sorted(digest.per_source):
        count = digest.source_counts(source)
        verdicts = ", ".join(counted(count[v], *NOUNS[v]) for v in BADGES if count[v])
        yield Text(f"  {one_line(source)}", style="dim")
        yield Text(f"    {counted(count['claims'], 'claim')}; findings: {verdicts}", style="dim")


def console_parts(digest: Digest, *, show_single: bool = False, only: frozenset[Verdict] | None = None
                  ) -> Iterator[RenderableType]:
    """What rich prints, a part at a time: problems by story and confidence, then the verdicts
    listed in full (`--only`, `--single`), then the rest as counts, then totals: the order an
    editor reads in; a large report leads with its totals and most important problems."""
    shown = listed(only, show_single)
    if digest.large:
        yield from _lead(digest)
    yield from _stories(digest)
    for verdict in COLLAPSED:
        if verdict in shown:
            yield from (_panel(cited) for cited in digest.listed(verdict))
    yield from _collapsed(digest, shown)
    yield Text(_totals(digest))
    yield from _by_source(digest)


def report_console(claims: Sequence[Claim], findings: Sequence[Finding], *, show_single: bool = False,
                   only: frozenset[Verdict] | None = None) -> Group:
    """The console report of findings and claims at hand (`console_parts`), as one renderable."""
    with gathered(findings, Archive.of_memory((), claims), listed(only, show_single)) as digest:
        return Group(*console_parts(digest, show_single=show_single, only=only))
