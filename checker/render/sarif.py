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
from collections.abc import Iterable, Iterator, Sequence
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


def rule_descriptors(rules, cited_rules: Iterable[str]) -> list[dict]:
    """The run's rules, sorted by id, then a minimal descriptor for each rule a finding names
    that is not among them, so that its ruleIndex is valid: as many as there are rules.

    `rules` is a `Ruleset` or any iterable of `Rule`."""
    rule_list = sorted(getattr(rules, "rules", rules), key=lambda r: r.id)
    known = {r.id for r in rule_list}
    return [*(rule_descriptor(r) for r in rule_list), *({"id": i} for i in sorted(set(cited_rules) - known))]


def _artifact(document: Document) -> dict:
    artifact = {"location": artifact_location(document)}
    mime = MIME_TYPES.get(PurePosixPath(document.path).suffix.lower())
    if mime:
        artifact["mimeType"] = mime
    return artifact


def artifacts(documents: Iterable[Document]) -> tuple[list[dict], dict[str, int]]:
    """The artifacts (each document once, sorted by URI) and each document's index among them:
    as many as there are documents, with none of their text."""
    kept = {d.id: _artifact(d) for d in documents}
    ordered = sorted(kept.items(), key=lambda item: item[1]["location"]["uri"])
    return [artifact for _, artifact in ordered], {doc_id: n for n, (doc_id, _) in enumerate(ordered)}


def sort_key(res: dict) -> tuple:
    """Results in corpus order: by file, position, then rule and fingerprint."""
    loc = res.get("locations", [{}])[0].get("physicalLocation", {})
    reg = loc.get("region", {})
    return (loc.get("artifactLocation", {}).get("uri", ""), reg.get("charOffset", -1),
            reg.get("charLength", 0), res["ruleId"], res["partialFingerprints"][FINGERPRINT])


_RESULTS = "\0results\0"  # where the results go in the log's text
_RESULT_INDENT = " " * 8  # a result's depth in the log: runs, run, results


def log_pieces(descriptors: list[dict], listed: list[dict], results: Iterable[dict], *, tool_version: str) -> Iterator[str]:
    """The SARIF log of one run as JSON text, a piece at a time: the run up to its results, each
    result (sorted by `sort_key`) as it comes, then the close. Joined, the pieces are the log
    dumped whole (indented by two, one trailing newline), so a report of an archive never
    holds its results."""
    run = {"tool": {"driver": {"name": "checker", "version": tool_version, "rules": descriptors}},
           "columnKind": "unicodeCodePoints", "artifacts": listed, "results": []}
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    results = iter(results)
    first = next(results, None)
    if first is None:
        yield json.dumps(log, ensure_ascii=False, indent=2) + "\n"
        return
    run["results"] = [_RESULTS]
    head, _, tail = json.dumps(log, ensure_ascii=False, indent=2).rpartition(json.dumps(_RESULTS))
    yield head + _indented(first)
    yield from (",\n" + _RESULT_INDENT + _indented(res) for res in results)
    yield tail + "\n"


def _indented(res: dict) -> str:
    return json.dumps(res, ensure_ascii=False, indent=2).replace("\n", "\n" + _RESULT_INDENT)


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
    descriptors = rule_descriptors(rules, (f.rule for f in findings))
    rule_index = {d["id"]: n for n, d in enumerate(descriptors)}
    listed, artifact_index = artifacts(documents)
    by_id = {c.id: c for c in claims}
    by_doc = {d.id: d for d in documents}
    results = sorted(
        (result(f, rule_index, by_id, by_doc, artifact_index) for f in findings if f.verdict in REPORTED),
        key=sort_key,
    )
    return "".join(log_pieces(descriptors, listed, results, tool_version=tool_version))
