"""The problems' order the reports must follow, worked out the plain way, all in memory: the
oracle the streamed reports (`checker.render.digest`) are checked against."""

from __future__ import annotations

from collections.abc import Sequence

from checker.engine import Finding
from checker.models import Claim
from checker.render.summary import PROBLEMS, rank


def _cited(finding: Finding, by_id: dict[str, Claim]) -> list[str]:
    return list(dict.fromkeys(by_id[i].document for i in finding.claims if i in by_id))


def stories(findings: Sequence[Finding], claims: Sequence[Claim]) -> list[tuple[list[str], list[Finding]]]:
    """Each story's documents (sorted) and problems (most important first), the most confident
    story first: documents are joined when one finding cites both; a finding citing no known
    document is a story of its own; ties: more findings first, then the first document."""
    by_id = {c.id: c for c in claims}
    parent: dict[str, str] = {}

    def root(doc: str) -> str:
        while parent.setdefault(doc, doc) != doc:
            doc = parent[doc]
        return doc

    problems = [f for f in findings if f.verdict in PROBLEMS]
    for finding in problems:
        docs = _cited(finding, by_id)
        for doc in docs[1:]:
            parent[root(doc)] = root(docs[0])
    grouped: dict[str, tuple[set[str], list[Finding]]] = {}
    for number, finding in enumerate(problems):
        docs = _cited(finding, by_id)
        story = grouped.setdefault(root(docs[0]) if docs else f"\0{number}", (set(), []))
        story[0].update(docs)
        story[1].append(finding)
    ranked = [(sorted(docs), sorted(found, key=rank)) for docs, found in grouped.values()]
    return sorted(ranked, key=lambda s: (-max(f.confidence for f in s[1]), -len(s[1]), s[0][:1]))


def problem_order(findings: Sequence[Finding], claims: Sequence[Claim]) -> list[str]:
    """The problems' ids in the order the reports list them."""
    return [f.id for _, found in stories(findings, claims) for f in found]
