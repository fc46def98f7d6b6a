"""What an editor must look at first: problems ranked and grouped by story, the rest counted.

On a large corpus a flat list of every finding is megabytes nobody reads. The
findings that need a person are contradictions and internal inconsistencies;
they are grouped into stories (findings whose cited documents overlap are
about the same events, so they are read together: `digest` joins them as they
stream past) and ranked by the engine's confidence, so the likeliest real
errors come first. Agreements and
single-source figures need no action: the views collapse them to counts.

Every renderer takes its selection and ranking from here, so the console,
HTML and Markdown agree on what comes first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..engine import Finding, Verdict
from ..models import Document

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
    """Problem findings whose documents overlap: how many, how confident the most confident is,
    and the documents (sorted); the findings themselves are read back one at a time
    (`digest.Digest.problems`)."""

    documents: list[str] = field(default_factory=list)
    size: int = 0
    confidence: float = 0.0


def rank(finding: Finding) -> tuple:
    """A problem's place among others: the most confident first, then the most severe, then
    contradictions before internal inconsistencies."""
    return (-finding.confidence, _SEVERITY_RANK.get(finding.severity.value, 3), PROBLEMS.index(finding.verdict))


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


def headline(sources: list[str], message: str, limit: int = 160) -> tuple[str, str]:
    """A finding in a line of a report's lead: its documents by file name (the first three, the
    rest counted) and its message, the documents named there by file name too, cut at `limit`
    characters, so the lead stays a few lines long."""
    names = [source.rsplit("/", 1)[-1] for source in sources]
    for source, name in sorted(zip(sources, names), key=lambda pair: -len(pair[0])):
        message = message.replace(source, name)
    more = f" and {len(names) - 3} more" if len(names) > 3 else ""
    cut = message if len(message) <= limit else message[:limit - 1].rstrip() + "…"
    return (", ".join(names[:3]) + more) or "a fact sheet", cut
