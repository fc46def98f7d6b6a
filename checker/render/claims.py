"""Claims as a rich table or as JSON (the claim part of the report contract)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from rich.table import Table
from rich.text import Text

from ..engine.values import clock, describe
from ..extract import Extraction
from ..ingest import IngestReport
from ..models import Claim, Document, Kind
from ..wording import counted
from .inert import inert, one_line

SCHEMA = "checker.claims/1"


def document_record(document: Document) -> dict:
    return {
        "id": document.id,
        "path": document.path,
        "title": document.title,
        "source": document.source,
        "published": document.published.isoformat() if document.published else None,
    }


def claim_record(claim: Claim) -> dict:
    """A claim as JSON: the contract fields first, then interval and context."""
    return claim.model_dump(mode="json")


def claims_json(extractions: Sequence[Extraction], kinds: set[Kind] | None = None) -> str:
    payload = {
        "schema": SCHEMA,
        "documents": [document_record(e.document) for e in extractions],
        "claims": [claim_record(c) for e in extractions for c in e.claims if not kinds or c.kind in kinds],
        "warnings": [w for e in extractions for w in e.warnings],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _number(x: float | str | None) -> str:
    if x is None:
        return "…"
    if isinstance(x, str):
        return x
    return f"{x:,.0f}" if abs(x) >= 1000 and float(x).is_integer() else f"{x:g}"


def format_value(claim: Claim) -> str:
    """The normalized value and interval in one short string."""
    if claim.kind is Kind.QUOTE:
        return claim.speaker or "(no speaker)"
    if claim.kind is Kind.PLACE:  # "near Rustenburg", "in Japan (country)"
        kind = f" ({claim.granularity})" if claim.granularity in ("country", "region") else ""
        return f"{describe(claim)}{kind}"
    if claim.kind is Kind.TIME:  # "06:40 UTC-05:00", "about 18:40 [18:30, 18:50]"
        exact = claim.low == claim.high == claim.value
        return describe(claim) if exact else f"{describe(claim)} [{clock(claim.low)}, {clock(claim.high)}]"
    unit = f" {claim.unit}" if claim.unit else ""
    if claim.kind is Kind.DATE:
        shown = claim.value or (claim.weekday or "?")
    else:
        shown = _number(claim.value) + unit if claim.value is not None else ""
    exact = claim.low == claim.high and claim.low is not None and (claim.value == claim.low or claim.kind is Kind.DATE)
    if not exact and (claim.low is not None or claim.high is not None):
        shown = f"{shown} [{_number(claim.low)}, {_number(claim.high)}]".strip()
    return shown


def format_context(claim: Claim) -> str:
    parts = [
        ("about", claim.subject),
        ("what", claim.predicate),
        ("when", claim.time.text if claim.time else None),
        ("note", claim.resolution),
    ]
    return "; ".join(f"{k}: {v}" for k, v in parts if v)


def claims_tables(extractions: Sequence[Extraction], kinds: set[Kind] | None = None) -> list[Table]:
    """One table per document, one row per claim; article text goes in as `Text`, never as markup."""
    tables = []
    for extraction in extractions:
        table = Table(title=Text(one_line(extraction.document.id)), title_justify="left", expand=True)
        table.add_column("line", no_wrap=True, style="dim", justify="right")
        table.add_column("kind", no_wrap=True, min_width=4)
        table.add_column("text", ratio=3)
        table.add_column("normalized", ratio=3)
        table.add_column("context", ratio=4)
        text = extraction.document.text
        for claim in extraction.claims:
            if kinds and claim.kind not in kinds:
                continue
            table.add_row(
                str(text.count("\n", 0, claim.start) + 1),
                claim.kind.value,
                Text(inert(claim.text)),
                Text(inert(format_value(claim))),
                Text(inert(format_context(claim))),
            )
        if table.row_count:
            tables.append(table)
    return tables


def ingest_summary(report: IngestReport, store: str) -> str:
    """What an ingest did, one line per changed document and a closing count."""
    lines = [f"{verb} {one_line(doc)}" for verb, docs in (("added", report.added), ("updated", report.updated),
                                               ("removed", report.removed)) for doc in docs]
    lines.append(
        f"added {len(report.added)}, updated {len(report.updated)}, unchanged {len(report.unchanged)}, "
        f"removed {len(report.removed)}; {counted(report.claims, 'claim')} written to {one_line(store)}"
    )
    return "\n".join(lines)
