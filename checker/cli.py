"""The `checker` command: thin wiring from arguments to library calls.

Each command makes one library call and hands the result to a renderer;
domain errors become a one-line message on stderr and their exit code.
"""

from __future__ import annotations

import signal
import sys
from contextlib import nullcontext
from enum import Enum
from fnmatch import fnmatch
from pathlib import Path
from typing import Annotated

import typer

from . import __version__
from .baseline import baseline_text, read_baseline
from .commands.common import (
    KeepGoingOption,
    ModelOption,
    RulesOption,
    StoreOption,
    extracted,
    finish,
    interrupt,
    plain_pieces,
    reader,
    reported,
    ruleset,
    store_path,
)
from .commands.facts import facts_app
from .commands.rules import rules_app
from .config import load_settings
from .documents import DocumentReader
from .engine import Severity, load_fact_sheet
from .errors import CheckerError, Interrupted
from .exchange import export_lines, read_export, store_entries
from .extract import Extraction, Extractor
from .extract.cluster import connect
from .gather import stored
from .ingest import current_versions, ingest
from .models import Kind
from .output import write_output
from .precheck import CheckResult, at_or_above, check_against
from .render.annotations import github_annotations
from .render.check_html import check_html
from .render.claims import claims_json, claims_tables, ingest_summary
from .render.inert import one_line
from .render.lint import check_json, check_lines, check_text
from .render.sarif import report_sarif
from .render.summary import parse_only
from .reporting import ConsoleParts, Engine, Report, View, files_report, store_report
from .store import is_store, matches, open_store, shown_location
from .streams import (
    CheckerGroup,
    fail,
    on_terminal,
    progress,
    show,
    show_each,
    warn,
    with_progress,
    write,
)
from .wording import counted

app = typer.Typer(
    name="checker",
    cls=CheckerGroup,
    no_args_is_help=True,
    help="Extract dated claims and figures from news text and check them for consistency.",
)

app.add_typer(rules_app, name="rules")
app.add_typer(facts_app, name="facts")


class ReportFormat(str, Enum):
    console = "console"
    json = "json"
    markdown = "markdown"
    html = "html"
    sarif = "sarif"


class ClaimsFormat(str, Enum):
    table = "table"
    json = "json"


def run() -> None:
    """The `checker` command. Ctrl-C and SIGTERM become an `Interrupted` error, so a stopped run
    unwinds like a failed one (store transactions roll back, worker processes stop, output
    files are never half-written) and ends with one line and exit code 128 + signal."""
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, interrupt)
    try:
        app(prog_name="checker")
    except Interrupted as error:  # one raised outside a command's error handling
        fail(error)
        sys.exit(error.exit_code)


def _version(shown: bool) -> None:
    if shown:
        typer.echo(f"checker {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print checker's version and exit.")] = False,
) -> None:
    """checker: claim extraction and fact-consistency checking for news text."""


@app.command()
def claims(
    paths: Annotated[list[Path] | None, typer.Argument(help="Files (.md, .txt) or folders; none: read the store.")] = None,
    store: StoreOption = None,
    kind: Annotated[list[Kind] | None, typer.Option("--kind", "-k", help="Only claims of this kind (repeatable).")] = None,
    unit: Annotated[str | None, typer.Option(help="Only claims in this unit (USD, %, ...).")] = None,
    document: Annotated[str | None, typer.Option(help="Only claims of this document id.")] = None,
    about: Annotated[str | None, typer.Option(help="Only claims whose subject or predicate contains this.")] = None,
    speaker: Annotated[str | None, typer.Option(help="Only quotes whose speaker contains this.")] = None,
    format: Annotated[ClaimsFormat, typer.Option("--format", "-f", help="Output format.")] = ClaimsFormat.table,
    model: ModelOption = None,
    keep_going: KeepGoingOption = False,
) -> None:
    """List the claims of documents, or of the store when no paths are given."""
    filters = {"unit": unit, "document": document, "about": about, "speaker": speaker}
    kinds = set(kind) if kind else None
    with reported():
        documents = reader(keep_going)
        if paths:
            extractions = extracted(paths, model, documents)
            for e in extractions:
                e.claims = [c for c in e.claims if matches(c, **filters)]
        else:
            with open_store(store_path(store), readonly=True) as db:
                extractions = stored(db, **filters)
    if format is ClaimsFormat.json:
        write(claims_json(extractions, kinds))
    else:
        show(*claims_tables(extractions, kinds))
    finish(documents)


@app.command(name="ingest")
def ingest_command(
    paths: Annotated[list[Path], typer.Argument(help="Files (.md, .txt) or folders of them.")],
    store: StoreOption = None,
    prune: Annotated[bool, typer.Option("--prune", help="Remove stored documents whose files are gone.")] = False,
    model: ModelOption = None,
    keep_going: KeepGoingOption = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Extract on this many processes.")] = 1,
    scheduler: Annotated[str | None, typer.Option("--scheduler", metavar="tcp://HOST:PORT", help="Extract on this Dask scheduler's workers instead (needs checker[dask]).")] = None,
) -> None:
    """Extract claims into the store; unchanged documents are skipped."""
    if scheduler and jobs > 1:
        raise typer.BadParameter("--jobs is for local processes; with --scheduler the cluster's workers extract", param_hint="--jobs")
    with reported():
        documents = reader(keep_going)
        location = store_path(store)
        # the scheduler is reached before the store is opened: a bad address writes nothing
        with (connect(scheduler) if scheduler else nullcontext()) as cluster, open_store(location) as db, \
                progress("ingesting") as step:
            report = ingest(db, paths, extractor=Extractor(model), versions=current_versions(model), prune=prune,
                            progress=lambda _: step(), reader=documents, jobs=jobs, cluster=cluster)
    warn(report.warnings)
    show(ingest_summary(report, shown_location(location)), markup=False, soft_wrap=True)
    finish(documents)


@app.command(name="export")
def export_command(
    store: StoreOption = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of standard output.")] = None,
) -> None:
    """Write the store as JSON Lines (documents and their claims)."""
    with reported():
        with open_store(store_path(store), readonly=True) as db:
            text = "".join(line + "\n" for line in export_lines(db))
        if output:
            write_output(output, text, inputs=[store_path(store)])
        else:
            write(text)


@app.command(name="import")
def import_command(
    file: Annotated[Path, typer.Argument(help="A file written by `checker export`.")],
    store: StoreOption = None,
) -> None:
    """Load an export into the store, replacing documents with the same ids."""
    with reported():
        location = store_path(store)
        entries = read_export(file)  # all of it checked before the store is opened, or made
        with open_store(location) as db:
            documents, count = store_entries(db, entries)
    show(f"imported {counted(documents, 'document')}, {counted(count, 'claim')} into "
         f"{one_line(shown_location(location))}", markup=False, soft_wrap=True)


def _only(value: str | None):
    """`--only` as verdicts; a bad name is a usage error (one line, exit 2)."""
    try:
        return parse_only(value)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None


@app.command()
def report(
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or folders; none: the store.")] = None,
    store: StoreOption = None,
    format: Annotated[ReportFormat, typer.Option("--format", "-f", help="Output format.")] = ReportFormat.console,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of standard output.")] = None,
    rules: RulesOption = None,
    single: Annotated[bool, typer.Option("--single/--no-single", help="Show single-source figures in the console.")] = False,
    facts: Annotated[Path | None, typer.Option("--facts", help="A fact sheet (YAML) to check claims against.")] = None,
    model: ModelOption = None,
    keep_going: KeepGoingOption = False,
    only: Annotated[str | None, typer.Option("--only", callback=_only, help="Only these verdicts, comma-separated: contradictions,internal,agreements,single-source.")] = None,
) -> None:
    """The consistency report: agreements, contradictions and internal problems."""
    with reported():
        files = reader(keep_going)
        view = View(format.value, only, single, __version__)
        if paths:
            extractions = extracted(paths, model, files)
            engine, sheet = _engine(rules, facts)
            _deliver(files_report(extractions, engine, view), output, [*(e.document.path for e in extractions), *sheet])
        else:
            with open_store(store_path(store), readonly=True) as db:
                engine, sheet = _engine(rules, facts)
                _deliver(store_report(db, engine, view), output, [store_path(store), *sheet])
    finish(files)


def _engine(rules: list[Path] | None, facts: Path | None) -> tuple[Engine, list[Path]]:
    """The rules, fact sheet and declarations a report judges with, and the fact sheet read."""
    settings = load_settings()
    sheet_path = facts or settings.facts
    sheet = load_fact_sheet(sheet_path) if sheet_path else None
    engine = Engine(ruleset(rules), sheet[0] if sheet else None, sheet[1] if sheet else "", settings.declared())
    return engine, [sheet_path] if sheet_path else []


def _deliver(report: Report, output: Path | None, inputs: list) -> None:
    """The report to the console (as rich shows it), to standard output, or into `output`, a
    piece at a time as it is made."""
    if isinstance(report, ConsoleParts):
        if not output:
            show_each(report.parts)
            return
        report = plain_pieces(report.parts)
    if output:
        write_output(output, report, inputs=inputs)
    else:
        write(report)


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"
    html = "html"


def _kept(extractions: list[Extraction], patterns: list[str]) -> list[Extraction]:
    return [e for e in extractions if not any(fnmatch(Path(e.document.path).as_posix(), p) for p in patterns)]


def _check_inputs(drafts: list[Path], against: list[str] | None, store: str | None, model: str | None,
                  files: DocumentReader) -> tuple[list[Extraction], list[Extraction], list[str], list[str | Path]]:
    """The drafts, the corpus's files (and folders), its stores (paths or URLs), and every path
    read, which is never written over."""
    ignore, extractor = load_settings().ignore, Extractor(model)
    draft_set = _kept(with_progress(extractor.paths(drafts, files), "extracting drafts"), ignore)
    sources = [Path(p) for p in against or [] if not is_store(p)]
    stores = [p for p in against or [] if is_store(p)] or ([] if against else [store_path(store)])
    corpus = _kept(with_progress(extractor.paths(sources, files), "extracting the corpus"), ignore) if sources else []
    inputs = [*(e.document.path for e in draft_set + corpus), *stores]
    warn([w for e in draft_set + corpus for w in e.warnings])
    return draft_set, corpus, stores, inputs


def _check_output(result: CheckResult, rules, format: CheckFormat) -> str:
    documents, claims = list(result.documents.values()), list(result.claims.values())
    return {
        CheckFormat.json: lambda: check_json(result),
        CheckFormat.github: lambda: github_annotations(documents, claims, result.findings),
        CheckFormat.sarif: lambda: report_sarif(documents, claims, result.findings, rules, tool_version=__version__),
        CheckFormat.html: lambda: check_html(result),
        CheckFormat.text: lambda: check_text(result),
    }[format]()


@app.command(name="check")
def check_command(
    drafts: Annotated[list[Path], typer.Argument(help="The draft files (or folders) to check.")],
    against: Annotated[list[str] | None, typer.Option("--against", help="The corpus: files, folders or a claim store (repeatable; default: the store).")] = None,
    store: StoreOption = None,
    format: Annotated[CheckFormat, typer.Option("--format", "-f", help="Output format.")] = CheckFormat.text,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of standard output.")] = None,
    fail_on: Annotated[Severity, typer.Option("--fail-on", help="Exit 1 when a problem at or above this severity remains.")] = Severity.ERROR,
    baseline: Annotated[Path | None, typer.Option("--baseline", help="Accept the findings recorded in this file.")] = None,
    write_baseline: Annotated[Path | None, typer.Option("--write-baseline", help="Record the current findings as accepted, in this file, and exit 0.")] = None,
    facts: Annotated[Path | None, typer.Option("--facts", help="A fact sheet (YAML) to check the drafts against too.")] = None,
    rules: RulesOption = None,
    model: ModelOption = None,
    keep_going: KeepGoingOption = False,
) -> None:
    """Check drafts before publication: exit 0 clean, 1 problems at or above --fail-on, 2 usage or input errors."""
    try:
        files = reader(keep_going)
        draft_set, corpus, stores, inputs = _check_inputs(drafts, against, store, model, files)
        accepted = read_baseline(baseline) if baseline else None
        settings = load_settings()
        sheet_path = facts or settings.facts
        sheet, sheet_name = load_fact_sheet(sheet_path) if sheet_path else (None, "")
        inputs += [sheet_path] if sheet_path else []
        loaded = ruleset(rules)
        result = check_against(draft_set, corpus, stores, loaded, accepted, settings.declared(), sheet, sheet_name)
        if write_baseline:
            text, recorded, in_files = baseline_text(result.problems(), result.claims, write_baseline)
            write_output(write_baseline, text, inputs)
        if output:
            write_output(output, _check_output(result, loaded, format), [*inputs, *([baseline] if baseline else [])])
    except CheckerError as error:  # a linter's contract: every usage or input error is exit 2
        fail(error)
        raise typer.Exit(2) from None
    warn([f"{d.path}: no figures, dates or quotes to check" for d in result.without_claims()])
    if accepted and not write_baseline and (unused := accepted.unused(result.drafts)):
        warn([(f"{baseline}: {counted(unused, 'accepted finding')} no longer found; record the baseline again "
               "with --write-baseline to drop them")])
    if write_baseline:  # every problem is accepted now: the run says what it recorded, and passes
        show(f"recorded {counted(recorded, 'finding')} in {counted(in_files, 'file')} in {one_line(str(write_baseline))}",
             markup=False, soft_wrap=True)
        finish(files, 2)
        raise typer.Exit(0)
    if output is None and format is CheckFormat.text and on_terminal():
        show(*check_lines(result), soft_wrap=True)  # coloured, as the report's console
    elif output is None:
        write(_check_output(result, loaded, format))
    finish(files, 2)
    raise typer.Exit(1 if any(at_or_above(f, fail_on) for f in result.findings) else 0)
