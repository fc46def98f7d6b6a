"""GitHub Actions annotations: findings as workflow commands, one line each.

A CI job that runs `checker check --format github` gets every contradiction
and internal inconsistency shown on the pull request's diff, at the claim that
states it, without uploading anything. Only problems are annotated: agreements
are not problems and single-source figures are not wrong (they would bury the
real findings in notices), so both are left to the report.

The placing helpers (`line_col`, `document_path`, `claim_span`, `locate`) are
shared with the SARIF renderer, so a claim is placed at the same path, line
and column in both outputs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..engine import Finding, Severity, Verdict
from ..models import Claim, Document
from .inert import inert

PROBLEMS = (Verdict.CONTRADICTION, Verdict.INTERNAL)
COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def line_col(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of a character offset into `text`.

    Lines end at "\\n" (so a CRLF file counts the same lines as the console's
    `line` column and as GitHub does); columns count characters (code points),
    the unit every offset in checker is measured in.
    """
    offset = max(0, min(offset, len(text)))
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def document_path(document: Document) -> str:
    """The path tools should show for a document: relative to the working folder
    when it lies inside it (the document id), with forward slashes on every OS."""
    return (document.id or document.path).removeprefix("./")


def claim_span(document: Document, claim: Claim) -> tuple[int, int, int, int]:
    """(line, column, end line, end column) of a claim; the end is exclusive,
    i.e. the column just after the claim's last character (as SARIF defines it)."""
    return (*line_col(document.text, claim.start), *line_col(document.text, claim.end))


def locate(
    claim_ids: Iterable[str], claims: dict[str, Claim], documents: dict[str, Document]
) -> list[tuple[Claim, Document]]:
    """The cited claims that can be placed in a document of the corpus, in citation order.

    A finding may cite claims that live in no source file (a fact sheet's facts),
    and a report may be rendered from a partial claim list; those are skipped
    rather than failing the whole output.
    """
    found = []
    for claim_id in claim_ids:
        claim = claims.get(claim_id)
        document = documents.get(claim.document) if claim else None
        if claim and document:
            found.append((claim, document))
    return found


def escape_data(value: str) -> str:
    """Escape a command's message, as actions/toolkit does."""
    return inert(value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(value: str) -> str:
    """Escape a property value: the message escapes, plus the property separators."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding, place: tuple[Claim, Document] | None) -> str:
    """One workflow command for a finding, at its first located claim if any."""
    properties: list[tuple[str, object]] = []
    if place:
        claim, document = place
        line, col, end_line, end_col = claim_span(document, claim)
        properties += [("file", document_path(document)), ("line", line), ("col", col),
                       ("endLine", end_line), ("endColumn", end_col)]
    properties.append(("title", finding.rule))
    shown = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties)
    return f"::{COMMANDS[finding.severity]} {shown}::{escape_data(finding.message)}"


def github_annotations(documents: Sequence[Document], claims: Sequence[Claim], findings: Sequence[Finding]) -> str:
    """Workflow commands for the contradictions and internal inconsistencies, one per line,
    in the order of `findings` (the engine's: contradictions first, then by place)."""
    by_id = {c.id: c for c in claims}
    by_doc = {d.id: d for d in documents}
    lines = []
    for finding in findings:
        if finding.verdict not in PROBLEMS:
            continue
        located = locate(finding.claims, by_id, by_doc)
        lines.append(annotation(finding, located[0] if located else None))
    return "".join(line + "\n" for line in lines)
