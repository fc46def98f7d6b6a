"""The consistency report as Markdown, to paste into a pull request or a newsroom wiki.

Article text is untrusted: a sentence may hold `|`, `**`, `[x](http://evil)`
or raw HTML. Everything that comes from a document (ids, titles, sentences,
claim text, messages that quote it, normalized values of quotes) goes through
`escape`, which backslash-escapes each character CommonMark and GitHub give a
meaning to, so the text renders literally: it cannot open a link, emphasis, an
HTML tag, a table cell or GitHub `$math$`. Whitespace is collapsed first, so
article text can never start a new block (heading, list, quote) either.

The helpers shared with the HTML report (labels, section order, per-source
counts, the highlighted passage of a claim) live here so both views agree.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence

from ..engine import Finding, Verdict
from ..models import Claim, Document
from ..wording import counted
from .claims import format_value
from .inert import inert, one_line
from .summary import COLLAPSED, document_list, listed, rule_counts, stories

# Same words as the console's BADGES (render/report.py); kept here so this module
# does not import the console renderer (which will import these renderers).
LABELS = {
    Verdict.CONTRADICTION: "contradicts",
    Verdict.INTERNAL: "internal",
    Verdict.AGREEMENT: "agrees",
    Verdict.SINGLE_SOURCE: "single source",
}
SECTIONS = {
    Verdict.CONTRADICTION: "Contradictions",
    Verdict.INTERNAL: "Internal inconsistencies",
    Verdict.AGREEMENT: "Agreements",
    Verdict.SINGLE_SOURCE: "Single-source figures",
}
ClaimCounts = Mapping[str, int] | None  # claims per document, when a report is given only the cited claims
ORDER = list(SECTIONS)  # the engine's order: what needs a reader's attention first

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~$&])")
_BLOCK_START = re.compile(r"^(#|[-+=]|\d+(?=[.)]))")
_PIECES = re.compile(r"([ |])")  # words, and the separators a code span must not hold (| splits a table cell)
_LINKS = re.compile(r"://|@|#\d|\bwww\.|\bgh-\d", re.IGNORECASE)  # autolinks, e-mail, @mentions, #references
_HASH = re.compile(r"\b[0-9a-f]{7,40}\b", re.IGNORECASE)  # a commit hash, if it has a digit and a letter


def _live(word: str) -> bool:
    """Would GitHub link or ping this word in a comment?"""
    return bool(_LINKS.search(word)) or any(not h.isdigit() and not h.isalpha() for h in _HASH.findall(word))


def _span(word: str) -> str:
    """`word` as a code span, its text unchanged: fenced by more backticks than it holds in a row."""
    fence = "`" * (max(map(len, re.findall("`+", word)), default=0) + 1)
    pad = " " if word[:1] == "`" or word[-1:] == "`" else ""
    return f"{fence}{pad}{word}{pad}{fence}"


def escape(text: str | None) -> str:
    """Article text as literal Markdown: whitespace collapsed, every significant character escaped.

    GitHub links URLs, `www.` and e-mail addresses, and turns `@user` and `#123` into pings and
    references after the Markdown is rendered, so a backslash cannot stop them; a word holding
    one goes into a code span instead, which GitHub leaves alone and which shows the same text.
    """
    words = _PIECES.split(" ".join(inert(text).split()))
    flat = "".join(_span(w) if _live(w) else _SPECIAL.sub(r"\\\1", w) for w in words)
    return _BLOCK_START.sub(lambda m: "\\" + m.group(1) if not m.group(1).isdigit() else m.group(1) + "\\", flat)


def _code(text: str) -> str:
    """A code span; backticks become quotes since they are the one thing a span cannot hold."""
    flat = " ".join(inert(text).replace("`", "'").split())
    return f"`{flat}`" if flat else "—"


def passage(claim: Claim, document: Document | None) -> tuple[str, str, str]:
    """The claim's sentence split as (before, surface, after) by the claim's offsets.

    A quote may run past the end of the sentence the extractor gave it; then
    the passage is widened from the document text so the whole surface shows.
    """
    at = claim.start - claim.sentence_start
    if 0 <= at and claim.sentence[at:at + len(claim.text)] == claim.text:
        return claim.sentence[:at], claim.text, claim.sentence[at + len(claim.text):]
    if document is not None and document.text[claim.start:claim.end] == claim.text:
        low = min(claim.sentence_start, claim.start)
        high = max(claim.sentence_start + len(claim.sentence), claim.end)
        return document.text[low:claim.start], claim.text, document.text[claim.end:high]
    return "", claim.text, ""


def finding_sources(finding: Finding, by_id: dict[str, Claim]) -> list[str]:
    """The documents a finding cites, each once, in the order of its claims."""
    return list(dict.fromkeys(by_id[i].document for i in finding.claims if i in by_id))


def source_ids(documents: Sequence[Document], claims: Sequence[Claim], findings: Sequence[Finding]) -> list[str]:
    """Every source in a stable order: the given documents, then any other cited ones (a fact sheet) sorted."""
    by_id = {c.id: c for c in claims}
    known = [d.id for d in documents]
    extra = {s for f in findings for s in finding_sources(f, by_id)} - set(known)
    return known + sorted(extra)


def source_counts(claims: Sequence[Claim], findings: Sequence[Finding], claim_counts: ClaimCounts = None
                  ) -> dict[str, Counter]:
    """Per source: findings citing it per verdict (once per finding), and its claims under key "claims"
    (`claim_counts`, when `claims` are only those the findings cite)."""
    by_id = {c.id: c for c in claims}
    counts: dict[str, Counter] = {}
    if claim_counts is None:
        claim_counts = Counter(claim.document for claim in claims)
    for document, count in claim_counts.items():
        if count:
            counts[document] = Counter(claims=count)
    for finding in findings:
        for source in finding_sources(finding, by_id):
            counts.setdefault(source, Counter())[finding.verdict] += 1
    return counts


def claim_total(claims: Sequence[Claim], claim_counts: ClaimCounts) -> int:
    """How many claims the report is over: `claims`, or all `claim_counts` counts when given."""
    return len(claims) if claim_counts is None else sum(claim_counts.values())


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _summary(documents, claims, findings, show_single, claim_counts) -> list[str]:
    verdicts = Counter(f.verdict for f in findings)
    lines = [
        "## Summary", "",
        f"{counted(len(documents), 'document')} · {counted(claim_total(claims, claim_counts), 'claim')} · {counted(len(findings), 'finding')}", "",
        _row(["Verdict", "Findings"]), _row(["---", "---:"]),
    ]
    for verdict in ORDER:
        note = " (not listed below)" if verdict is Verdict.SINGLE_SOURCE and not show_single and verdicts[verdict] else ""
        lines.append(_row([LABELS[verdict], f"{verdicts[verdict]}{note}"]))
    docs = {d.id: d for d in documents}
    per_source = source_counts(claims, findings, claim_counts)
    lines += ["", "### By source document", "",
              _row(["Document", "Title", "Source", "Published", "Claims", *(LABELS[v] for v in ORDER)]),
              _row(["---"] * 4 + ["---:"] * (1 + len(ORDER)))]
    for source in source_ids(documents, claims, findings):
        doc, count = docs.get(source), per_source.get(source, Counter())
        published = doc.published.isoformat() if doc and doc.published else ""
        lines.append(_row([
            escape(one_line(source)), escape(doc.title if doc else ""), escape(doc.source if doc else ""), published,
            str(count["claims"]), *(str(count[v]) for v in ORDER),
        ]))
    return lines


def _claim_item(claim_id: str, by_id: dict[str, Claim], docs: dict[str, Document]) -> list[str]:
    claim = by_id.get(claim_id)
    if claim is None:
        return [f"- claim {_code(claim_id)} is not among this report's claims"]
    document = docs.get(claim.document)
    before, surface, after = passage(claim, document)
    # `**` only opens/closes next to punctuation if the other side is not a letter ("US$5"):
    # widen the bold to the whole word then, rather than leave stray asterisks.
    if before[-1:].isalnum() and not surface[:1].isalnum() and (word := re.search(r"\w+$", before)):
        before, surface = before[:word.start()], word.group() + surface
    if after[:1].isalnum() and not surface[-1:].isalnum() and (word := re.match(r"\w+", after)):
        surface, after = surface + word.group(), after[word.end():]
    lead = " " if before[-1:].isspace() else ""
    trail = " " if after[:1].isspace() else ""
    sentence = f"{escape(before)}{lead}**{escape(surface)}**{trail}{escape(after)}"
    title = f" ({escape(document.title)})" if document and document.title else ""
    return [
        f"- *{escape(one_line(claim.document))}*{title}: {sentence}  ",
        f"  normalized: {_code(format_value(claim))} ({claim.kind.value})",
    ]


def _finding(number: int, finding: Finding, by_id, docs) -> list[str]:
    confidence = f" · confidence {finding.confidence:.2f}" if finding.confidence < 1 else ""
    lines = [
        f"### {number}. {LABELS[finding.verdict]}: {_code(finding.rule)}", "",
        f"Severity **{finding.severity.value}**{confidence} · finding {_code(finding.id)}",
        "", escape(finding.message), "",
    ]
    for claim_id in finding.claims:
        lines += _claim_item(claim_id, by_id, docs)
    return lines + [""]


def _stories(claims, findings, by_id, docs) -> list[str]:
    """Contradictions and internal inconsistencies story by story, the most confident first."""
    ranked = stories(findings, claims)
    lines = [f"## Needs attention ({sum(len(s.findings) for s in ranked)})", ""]
    if not ranked:
        lines += ["No contradictions or internal inconsistencies.", ""]
    number = 0
    for count, story in enumerate(ranked, 1):
        lines += [f"### Story {count}: {counted(len(story.findings), 'finding')}, confidence up to {story.confidence:.2f}",
                  "", f"{counted(len(story.documents), 'document')}: {escape(one_line(document_list(story)))}", ""]
        for finding in story.findings:
            number += 1
            lines += _finding(number, finding, by_id, docs)
    return lines


def report_markdown(
    documents: Sequence[Document], claims: Sequence[Claim], findings: Sequence[Finding], *, show_single: bool = False,
    only: frozenset[Verdict] | None = None, claim_counts: ClaimCounts = None,
) -> str:
    """The report as Markdown: summary, the problems by story, then agreements and single-source
    figures listed when chosen (`only`, `show_single`), else one line of counts by rule.
    `claim_counts`: claims per document, when `claims` are only those the findings cite (an
    archive's report holds no more of them)."""
    by_id = {c.id: c for c in claims}
    docs = {d.id: d for d in documents}
    shown = listed(only, show_single)
    lines = ["# Consistency report", "", *_summary(documents, claims, findings, show_single, claim_counts), ""]
    lines += _stories(claims, [f for f in findings if f.verdict in shown], by_id, docs)
    for verdict in COLLAPSED:
        chosen = [f for f in findings if f.verdict is verdict]
        lines += [f"## {SECTIONS[verdict]} ({len(chosen)})", ""]
        if verdict not in shown:
            rules = ", ".join(f"{_code(rule)} {n}" for rule, n in rule_counts(findings, verdict))
            lines += [f"Not listed: {rules or 'none'}; `--only {verdict.value}` lists them.", ""]
            continue
        for number, finding in enumerate(chosen, 1):
            lines += _finding(number, finding, by_id, docs)
    return "\n".join(lines).rstrip("\n") + "\n"
