"""The consistency report of files or of a store, in each format.

Over files every claim is at hand, and the engine judges them at once. Over a store (an
archive) the engine reads it a part at a time (`engine.stream`) and every report is written as
it is read. The JSON report, which lists every stored document and claim, gives
documents, then each document's claims, then the findings as the engine puts them back in
order. The console, Markdown and HTML reports lead with totals and the problems by story, so
they read the findings once into a digest (`render.digest`: counts, stories, and the findings
kept on disk with the claims they cite), then write each section as its findings come back.
SARIF, whose results are sorted by place, puts them into sorted runs on disk as they come and
writes them back after its rules and artifacts (`render.sarif_stream`). Neither the claims nor
the findings are ever all in memory; both ways give the same bytes.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rich.console import RenderableType

from .engine import Declared, FactSheet, Finding, Ruleset, Verdict, check
from .engine.stream import each_finding
from .extract import Extraction
from .render.digest import Archive, gathered
from .render.html import html_lines, shown_verdicts
from .render.markdown import as_text, markdown_lines
from .render.report import console_parts, report_json, report_json_pieces
from .render.sarif import report_sarif
from .render.sarif_stream import sarif_pieces
from .render.summary import listed
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


@dataclass(frozen=True)
class ConsoleParts:
    """The console report, a part at a time, as rich prints it (to a terminal, or into a file
    as plain text): never the whole report at once."""

    parts: Iterator[RenderableType]


Report = ConsoleParts | str | Iterator[str]  # a whole text (JSON, SARIF of files) or its pieces


def _chosen(findings: Iterable[Finding], only: frozenset[Verdict] | None) -> Iterator[Finding]:
    return (f for f in findings if only is None or f.verdict in only)


def _listed(view: View) -> frozenset[Verdict]:
    """The verdicts the view lists finding by finding (the HTML page lists every one)."""
    return shown_verdicts(True) if view.format == "html" else listed(view.only, view.show_single)


def _digested(view: View, findings: Iterable[Finding], archive: Archive) -> Iterator:
    """The console, Markdown or HTML report, a part at a time, from one reading of the findings."""
    with gathered(findings, archive, _listed(view)) as digest:
        yield from {
            "console": lambda: console_parts(digest, show_single=view.show_single, only=view.only),
            "markdown": lambda: as_text(markdown_lines(digest, show_single=view.show_single, only=view.only)),
            "html": lambda: html_lines(digest),
        }[view.format]()


def _shown(view: View, pieces: Iterator) -> Report:
    return ConsoleParts(pieces) if view.format == "console" else pieces


def files_report(extractions: list[Extraction], engine: Engine, view: View) -> Report:
    """The report of the claims of files, judged at once."""
    documents, claims = [e.document for e in extractions], [c for e in extractions for c in e.claims]
    findings = list(_chosen(check(claims, documents, **engine.options()), view.only))
    if view.format == "json":
        return report_json(documents, claims, findings)
    if view.format == "sarif":
        return report_sarif(documents, claims, findings, engine.ruleset, tool_version=view.tool_version)
    return _shown(view, _digested(view, findings, Archive.of_memory(documents, claims)))


def store_report(db: ClaimStore, engine: Engine, view: View) -> Report:
    """The report of every stored document and claim, judged a part at a time and written as it
    is read (read its pieces while the store is open)."""
    if view.format == "json":
        return _store_json(db, engine, view)
    if view.format == "sarif":
        return _store_sarif(db, engine, view)
    return _shown(view, _store_digested(db, engine, view))


def _store_digested(db: ClaimStore, engine: Engine, view: View) -> Iterator:
    with db.snapshot():
        yield from _digested(view, _chosen(each_finding(db, **engine.options()), view.only), Archive.of_store(db))


def _store_sarif(db: ClaimStore, engine: Engine, view: View) -> Iterator[str]:
    """The SARIF log of a store from one state of it, its results sorted on disk."""
    with db.snapshot():
        findings = _chosen(each_finding(db, **engine.options()), view.only)
        yield from sarif_pieces(findings, Archive.of_store(db), engine.ruleset, tool_version=view.tool_version)


def _store_json(db: ClaimStore, engine: Engine, view: View) -> Iterator[str]:
    """The JSON report of a store, a record at a time, from one state of it."""
    with db.snapshot():
        claims = (claim for _, found in db.extractions() for claim in found)
        findings = _chosen(each_finding(db, **engine.options()), view.only)
        yield from report_json_pieces(db.each_document(), claims, findings)
