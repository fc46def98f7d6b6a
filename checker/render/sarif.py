"""SARIF 2.1.0: findings in the format code-scanning tools read.

Uploading SARIF puts checker's findings next to linters' in GitHub code
scanning (and in any SARIF viewer), with each problem tracked across commits.
What that needs, and why it is built the way it is:

- Only problems are results: contradictions and internal inconsistencies at
  their rule's level, single-source figures as notes (not wrong, unverified).
  Agreements are not problems, so they are not results at all.
- A result's first location is its first cited claim, the others are related
  locations; regions are 1-based lines and columns in characters (the run
  declares `unicodeCodePoints`), plus the character offset and length.
- `partialFingerprints["checker/v1"]` hashes the rule and the cited claims'
  documents, texts and sentences, never their offsets or line numbers, so an
  alert keeps its identity when an editor adds a paragraph above it.
- The output is deterministic: rules, artifacts and results are sorted and
  nothing depends on the clock or the machine, so two runs are byte-identical.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import PurePosixPath
from urllib.parse import quote

from ..engine import Finding, Rule, Severity, Verdict
from ..engine.findings import fingerprint
from ..models import Claim, Document
from .annotations import claim_span, document_path, locate

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT = "checker/v1"
SRCROOT = "%SRCROOT%"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
REPORTED = (Verdict.CONTRADICTION, Verdict.INTERNAL, Verdict.SINGLE_SOURCE)
MIME_TYPES = {".md": "text/markdown", ".txt": "text/plain"}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"“])")


def _squash(text: str) -> str:
    """Whitespace normalized: reflowing a paragraph changes no description or fingerprint."""
    return " ".join(text.split())


def first_sentence(text: str) -> str:
    return _SENTENCE_END.split(_squash(text), maxsplit=1)[0]


def _rule_name(rule_id: str) -> str:
    """SARIF wants a readable identifier as the name: figure-consistency -> FigureConsistency."""
    return "".join(part.capitalize() for part in re.split(r"[^0-9A-Za-z]+", rule_id) if part)


def rule_descriptor(rule: Rule) -> dict:
    """A reportingDescriptor: what the rule checks, and its bad and good example."""
    spec = rule.spec
    description = _squash(spec.description)
    bad, good = spec.example.bad.rstrip(), spec.example.good.rstrip()
    return {
        "id": rule.id,
        "name": _rule_name(rule.id),
        "shortDescription": {"text": first_sentence(description)},
        "fullDescription": {"text": description},
        "help": {
            "text": f"{description}\n\nBad:\n{bad}\n\nGood:\n{good}\n",
            "markdown": f"{description}\n\n**Bad**\n\n```text\n{bad}\n```\n\n**Good**\n\n```text\n{good}\n```\n",
        },
        "defaultConfiguration": {"level": LEVELS[spec.severity], "enabled": spec.enabled},
    }


def artifact_location(document: Document, index: int | None = None) -> dict:
    """A document as an artifactLocation: a relative URI under %SRCROOT% (a file: URI
    for a document outside the working folder), percent-encoded as a URI must be."""
    path = document_path(document)
    if PurePosixPath(path).is_absolute():
        location = {"uri": "file://" + quote(path, safe="/")}
    else:
        location = {"uri": quote(path, safe="/"), "uriBaseId": SRCROOT}
    if index is not None:
        location["index"] = index
    return location


def region(document: Document, claim: Claim) -> dict:
    line, col, end_line, end_col = claim_span(document, claim)
    return {
        "startLine": line,
        "startColumn": col,
        "endLine": end_line,
        "endColumn": end_col,
        "charOffset": claim.start,
        "charLength": claim.end - claim.start,
        "snippet": {"text": claim.text},
    }


def location(claim: Claim, document: Document, artifact_index: dict[str, int]) -> dict:
    return {
        "physicalLocation": {
            "artifactLocation": artifact_location(document, artifact_index[document.id]),
            "region": region(document, claim),
        }
    }


def result(
    finding: Finding,
    rule_index: dict[str, int],
    claims: dict[str, Claim],
    documents: dict[str, Document],
    artifact_index: dict[str, int],
) -> dict:
    located = locate(finding.claims, claims, documents)
    level = "note" if finding.verdict is Verdict.SINGLE_SOURCE else LEVELS[finding.severity]
    out: dict = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index[finding.rule],
        "level": level,
        "message": {"text": finding.message},
    }
    if located:
        out["locations"] = [location(*located[0], artifact_index)]
    if len(located) > 1:
        out["relatedLocations"] = [
            {"id": n, **location(claim, document, artifact_index),
             "message": {"text": f"“{claim.text}” in {document_path(document)}"}}
            for n, (claim, document) in enumerate(located[1:], start=1)
        ]
    out["partialFingerprints"] = {FINGERPRINT: fingerprint(finding, claims)}
    out["properties"] = {"finding": finding.id, "verdict": finding.verdict.value,
                         "confidence": finding.confidence}
    return out


def _sort_key(res: dict) -> tuple:
    """Results in corpus order: by file, position, then rule and fingerprint."""
    loc = res.get("locations", [{}])[0].get("physicalLocation", {})
    reg = loc.get("region", {})
    return (loc.get("artifactLocation", {}).get("uri", ""), reg.get("charOffset", -1),
            reg.get("charLength", 0), res["ruleId"], res["partialFingerprints"][FINGERPRINT])


def report_sarif(
    documents: Sequence[Document],
    claims: Sequence[Claim],
    findings: Sequence[Finding],
    rules,
    *,
    tool_version: str,
) -> str:
    """The SARIF log of one run over the corpus, as JSON text (one trailing newline).

    `rules` is a `Ruleset` or any iterable of `Rule`; a finding whose rule is not
    among them still gets a (minimal) descriptor so that its ruleIndex is valid.
    """
    rule_list = sorted(getattr(rules, "rules", rules), key=lambda r: r.id)
    descriptors = [rule_descriptor(r) for r in rule_list]
    known = {r.id for r in rule_list}
    descriptors += [{"id": rule_id} for rule_id in sorted({f.rule for f in findings} - known)]
    rule_index = {d["id"]: n for n, d in enumerate(descriptors)}

    docs = sorted({d.id: d for d in documents}.values(), key=lambda d: artifact_location(d)["uri"])
    artifact_index = {d.id: n for n, d in enumerate(docs)}
    artifacts = []
    for doc in docs:
        artifact = {"location": artifact_location(doc)}
        mime = MIME_TYPES.get(PurePosixPath(doc.path).suffix.lower())
        if mime:
            artifact["mimeType"] = mime
        artifacts.append(artifact)

    by_id = {c.id: c for c in claims}
    by_doc = {d.id: d for d in docs}
    results = sorted(
        (result(f, rule_index, by_id, by_doc, artifact_index) for f in findings if f.verdict in REPORTED),
        key=_sort_key,
    )
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "checker", "version": tool_version, "rules": descriptors}},
            "columnKind": "unicodeCodePoints",
            "artifacts": artifacts,
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
