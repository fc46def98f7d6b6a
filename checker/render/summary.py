"""What an editor must look at first: problems ranked and grouped by story, the rest counted.

On a large corpus a flat list of every finding is megabytes nobody reads. The
findings that need a person are contradictions and internal inconsistencies;
they are grouped into stories (findings whose cited documents overlap are
about the same events, so they are read together) and ranked by the engine's
confidence, so the likeliest real errors come first. Agreements and
single-source figures need no action: the views collapse them to counts.

Every renderer takes its selection and ranking from here, so the console,
HTML and Markdown agree on what comes first.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..engine import Finding, Verdict
from ..models import Claim, Document

PROBLEMS = (Verdict.CONTRADICTION, Verdict.INTERNAL)
COLLAPSED = (Verdict.AGREEMENT, Verdict.SINGLE_SOURCE)
# Names `--only` takes: the verdicts as the JSON report spells them, and the plural the headings use.
NAMES = {
    **{v.value: v for v in Verdict},
    "contradictions": Verdict.CONTRADICTION,
    "agreements": Verdict.AGREEMENT,
    "single-sources": Verdict.SINGLE_SOURCE,
}
_SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


def parse_only(text: str | None) -> frozenset[Verdict] | None:
    """`--only contradictions,internal` as verdicts (None: all). A bad name raises ValueError
    naming the good ones, so the command can print it as its one usage-error line."""
    if text is None:
        return None
    names = [n.strip().lower() for n in text.split(",") if n.strip()]
    bad = [n for n in names if n not in NAMES]
    if bad or not names:
        choices = ", ".join(v.value for v in Verdict)
        raise ValueError(f"unknown verdict {bad[0]!r}; choose from {choices}" if bad else f"no verdict named; choose from {choices}")
    return frozenset(NAMES[n] for n in names)


def select(findings: Sequence[Finding], only: Iterable[Verdict] | None) -> list[Finding]:
    """The findings of the chosen verdicts (all when `only` is None), in the engine's order."""
    return list(findings) if only is None else [f for f in findings if f.verdict in set(only)]


def outlet(document: Document | None, fallback: str) -> str:
    """The name an editor knows a document by: its outlet (`source`), else its title, else its file name."""
    if document is not None and (document.source or document.title):
        return document.source or document.title or ""
    return fallback.rsplit("/", 1)[-1]


@dataclass
class Story:
    """Problem findings whose documents overlap, most confident first."""

    documents: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def confidence(self) -> float:
        return max((f.confidence for f in self.findings), default=0.0)


def _rank(finding: Finding) -> tuple:
    return (-finding.confidence, _SEVERITY_RANK.get(finding.severity.value, 3), PROBLEMS.index(finding.verdict))


def _cited(finding: Finding, by_id: dict[str, Claim]) -> list[str]:
    return list(dict.fromkeys(by_id[i].document for i in finding.claims if i in by_id))


def stories(findings: Sequence[Finding], claims: Sequence[Claim]) -> list[Story]:
    """Contradictions and internal inconsistencies as stories, the most confident story first.

    Documents are joined (union-find) when one finding cites both; a finding citing no known
    document (only a fact sheet's claims) is a story of its own. Ties keep a stable order:
    more findings first, then the first document's id.
    """
    by_id = {c.id: c for c in claims}
    parent: dict[str, str] = {}

    def root(doc: str) -> str:
        while parent.setdefault(doc, doc) != doc:
            parent[doc] = parent[parent[doc]]
            doc = parent[doc]
        return doc

    problems = [f for f in findings if f.verdict in PROBLEMS]
    for finding in problems:
        docs = _cited(finding, by_id)
        for doc in docs[1:]:
            parent[root(doc)] = root(docs[0])
    grouped: dict[str, Story] = {}
    for number, finding in enumerate(problems):
        docs = _cited(finding, by_id)
        story = grouped.setdefault(root(docs[0]) if docs else f"\0{number}", Story())
        story.findings.append(finding)
        story.documents += [d for d in docs if d not in story.documents]
    for story in grouped.values():
        story.findings.sort(key=_rank)
        story.documents.sort()
    return sorted(grouped.values(), key=lambda s: (-s.confidence, -len(s.findings), s.documents[:1]))


def rule_counts(findings: Sequence[Finding], verdict: Verdict) -> list[tuple[str, int]]:
    """How many findings of `verdict` each rule made, most first: what a collapsed section shows."""
    counts = Counter(f.rule for f in findings if f.verdict is verdict)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def listed(only: Iterable[Verdict] | None, show_single: bool) -> frozenset[Verdict]:
    """The verdicts a view lists finding by finding: those `--only` names, else the problems
    (and single-source figures when asked for); the others are collapsed to counts."""
    if only is not None:
        return frozenset(only)
    return frozenset((*PROBLEMS, *((Verdict.SINGLE_SOURCE,) if show_single else ())))


def document_list(story: Story, limit: int | None = 3) -> str:
    """The story's documents, the first `limit` named and the rest counted: overlapping findings
    chain, and a story across a hundred articles must not bury its findings under their names."""
    if not story.documents:
        return "a fact sheet"
    named = story.documents if limit is None else story.documents[:limit]
    more = len(story.documents) - len(named)
    return ", ".join(named) + (f" and {more} more" if more else "")
