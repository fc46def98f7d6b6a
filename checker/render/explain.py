"""Plain-text accounts of claims and findings, for assertion messages in tests.

A failed assertion must let an editor see at once where each figure came from
and what checker made of it, so each claim is shown as its source and line,
its words, its normalized value, and the sentence it stands in; never as a
model's repr.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from ..engine import Finding
from ..engine.values import clock, describe, human
from ..models import Claim, Document, Kind
from .annotations import line_col
from .inert import one_line

_SENTENCE_WIDTH = 160


def where(claim: Claim, documents: Mapping[str, Document]) -> str:
    """`document:line` (the id: the path from the working folder), or the bare id for a
    claim without a file (a fact sheet's)."""
    document = documents.get(claim.document)
    if document is None:
        return claim.document
    return f"{document.id}:{line_col(document.text, claim.start)[0]}"


def normalized(claim: Claim) -> str:
    """The value as checker reads it, with the qualifier and interval when they differ."""
    if claim.kind is Kind.QUOTE:
        return f"quote by {claim.speaker or 'an unnamed speaker'}"
    text = describe(claim)
    if claim.kind is Kind.DATE:
        return text + (f" ({claim.resolution})" if claim.resolution else "")
    if claim.kind is Kind.PLACE:
        return f"{text} ({claim.granularity or 'place'})"
    if claim.kind is Kind.TIME:
        interval = f"{clock(claim.low)} to {clock(claim.high)}"
        notes = [f"{claim.qualifier}: {interval}" if claim.qualifier else None, claim.resolution]
        return text + "".join(f" ({n})" for n in notes if n)
    if claim.qualifier:
        text += f" ({claim.qualifier}: {human(claim.low)} to {human(claim.high)})"
    return text


def shown(expected: object) -> str:
    """An expected value as a person wrote it: dates in ISO form, helpers by their label."""
    return expected.isoformat() if isinstance(expected, dt.date) else repr(expected)


def sentence(claim: Claim) -> str:
    """The claim's sentence on one line; a long one is cut to a window around the claim."""
    at = claim.start - claim.sentence_start
    before = " ".join(claim.sentence[:at].split())
    after = " ".join(claim.sentence[at:].split())
    gap = "" if claim.sentence[at - 1 : at].strip() else " "  # none where none was: “cheerful
    if len(before) + len(after) <= _SENTENCE_WIDTH:
        return f"{before}{gap}{after}".strip()
    keep = max(_SENTENCE_WIDTH // 3, _SENTENCE_WIDTH - len(after))
    head = before if len(before) <= keep else "…" + before[-keep:]
    tail = after if len(head) + len(after) <= _SENTENCE_WIDTH else after[: _SENTENCE_WIDTH - len(head)] + "…"
    return f"{head}{gap}{tail}".strip()


def claim_lines(claim: Claim, documents: Mapping[str, Document], indent: str = "  ") -> list[str]:
    """Two lines: where and what; then the sentence, indented further."""
    return [
        one_line(f"{indent}{where(claim, documents)}: “{claim.text}” = {normalized(claim)}"),
        one_line(f"{indent}    {sentence(claim)}"),
    ]


def claims_lines(claims: Iterable[Claim], documents: Mapping[str, Document], indent: str = "  ") -> list[str]:
    lines = [line for claim in claims for line in claim_lines(claim, documents, indent)]
    return lines or [f"{indent}(none)"]


def finding_lines(finding: Finding, claims: Mapping[str, Claim], documents: Mapping[str, Document]) -> list[str]:
    """The finding's rule, verdict and message, then every claim it cites."""
    lines = [one_line(f"  [{finding.rule}] {finding.verdict.value}: {finding.message}")]
    for claim_id in finding.claims:
        claim = claims.get(claim_id)
        lines += claim_lines(claim, documents, "    ") if claim else [f"    {claim_id}"]
    return lines
