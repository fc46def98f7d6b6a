"""The consistency report of files or of a store, in each format.

Over files every claim is at hand, and the engine judges them at once. Over a store (an
archive) the engine reads it a part at a time (`engine.stream`) and the JSON report, which
lists every stored document and claim, is written as it is read: documents, then each
document's claims, then the findings as the engine puts them back in order, so neither
the claims nor the findings are ever all in memory. The other formats show the findings
with the claims they cite, and only count the others: they are given those claims, each
document's claim count, and the text of the documents cited. Both ways give the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from rich.console import Group

from .engine import Declared, FactSheet, Finding, Ruleset, Verdict, check
from .engine.stream import each_finding
from .extract import Extraction
from .models import Claim, Document
from .render.html import report_html
from .render.markdown import report_markdown
from .render.report import report_console, report_json, report_json_pieces
from .render.sarif import report_sarif
from .store import ClaimStore


@dataclass(frozen=True)
class Engine:
    """What the rule engine judges with."""

    ruleset: Ruleset
    facts: FactSheet | None = None
    facts_path: str = ""  # the fact sheet as its claims name it
    declared: Declared | None = None

    def options(self) -> dict:
        return {"ruleset": self.ruleset, "facts": self.facts, "facts_path": self.facts_path, "declared": self.declared}


@dataclass(frozen=True)
class View:
    """How the report is shown: its format, the verdicts listed (None: all) and whether the
    console lists single-source figures."""

    format: str
    only: frozenset[Verdict] | None = None
    show_single: bool = False
    tool_version: str = ""  # SARIF names the tool's version


def _chosen(findings: Iterable[Finding], only: frozenset[Verdict] | None) -> Iterator[Finding]:
    return (f for f in findings if only is None or f.verdict in only)


def rendered(view: View, engine: Engine, documents: Sequence[Document], claims: Sequence[Claim],
             findings: Sequence[Finding], claim_counts: Mapping[str, int] | None = None) -> Group | str:
    """The report as text, or, on the console, as what rich prints (`claim_counts`: claims per
    document, when `claims` are only those the findings cite)."""
    return {
        "console": lambda: report_console(claims, findings, show_single=view.show_single, only=view.only,
                                          claim_counts=claim_counts),
        "json": lambda: report_json(documents, claims, findings),
        "markdown": lambda: report_markdown(documents, claims, findings, show_single=view.show_single, only=view.only,
                                            claim_counts=claim_counts),
        "html": lambda: report_html(documents, claims, findings, claim_counts=claim_counts),
        "sarif": lambda: report_sarif(documents, claims, findings, engine.ruleset, tool_version=view.tool_version),
    }[view.format]()


def files_report(extractions: list[Extraction], engine: Engine, view: View) -> Group | str:
    """The report of the claims of files, judged at once."""
    documents, claims = [e.document for e in extractions], [c for e in extractions for c in e.claims]
    findings = list(_chosen(check(claims, documents, **engine.options()), view.only))
    return rendered(view, engine, documents, claims, findings)


def store_report(db: ClaimStore, engine: Engine, view: View) -> Group | str | Iterator[str]:
    """The report of every stored document and claim, judged a part at a time; the JSON
    report's pieces are read from the store as they are written (read them while it is open)."""
    if view.format == "json":
        return _store_json(db, engine, view)
    with db.snapshot():
        findings = list(_chosen(each_finding(db, **engine.options()), view.only))
        documents, claims, counts = _cited(db, findings)
    return rendered(view, engine, documents, claims, findings, counts)


def _cited(db: ClaimStore, findings: list[Finding]) -> tuple[list[Document], list[Claim], dict[str, int]]:
    """What the other formats show of a store: every document (its text only where a finding
    cites it: a sentence may need it, and SARIF counts lines in it), the claims the findings
    cite, and how many claims each document has."""
    cited = {claim for finding in findings for claim in finding.claims}
    documents, claims, counts = [], [], {}
    for document, found in db.extractions():
        kept = [claim for claim in found if claim.id in cited]
        documents.append(document if kept else document.model_copy(update={"text": ""}))
        claims += kept
        counts[document.id] = len(found)
    return documents, claims, counts


def _store_json(db: ClaimStore, engine: Engine, view: View) -> Iterator[str]:
    """The JSON report of a store, a record at a time, from one state of it."""
    with db.snapshot():
        claims = (claim for _, found in db.extractions() for claim in found)
        findings = _chosen(each_finding(db, **engine.options()), view.only)
        yield from report_json_pieces(db.each_document(), claims, findings)
