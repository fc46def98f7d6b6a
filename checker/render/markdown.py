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
from collections.abc import Iterable, Iterator, Sequence

from ..engine import Finding, Verdict
from ..models import Claim, Document
from ..wording import counted
from .claims import format_value
from .digest import Archive, Cited, Digest, gathered, in_sentence
from .inert import inert, one_line
from .summary import COLLAPSED, document_list, headline, listed

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
    if in_sentence(claim):
        return claim.sentence[:at], claim.text, claim.sentence[at + len(claim.text):]
    if document is not None and document.text[claim.start:claim.end] == claim.text:
        low = min(claim.sentence_start, claim.start)
        high = max(claim.sentence_start + len(claim.sentence), claim.end)
        return document.text[low:claim.start], claim.text, document.text[claim.end:high]
    return "", claim.text, ""


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _summary(digest: Digest, show_single: bool) -> Iterator[str]:
    totals = f"{counted(digest.documents, 'document')} · {counted(digest.claims, 'claim')} · {counted(digest.count(), 'finding')}"
    yield from ["## Summary", "", totals, "", _row(["Verdict", "Findings"]), _row(["---", "---:"])]
    for verdict in ORDER:
        count = digest.count(verdict)
        note = " (not listed below)" if verdict is Verdict.SINGLE_SOURCE and not show_single and count else ""
        yield _row([LABELS[verdict], f"{count}{note}"])
    if digest.large:
        yield from _most_important(digest)
    else:
        yield from ["", "### By source document", ""]
        yield from _sources(digest)


def _sources(digest: Digest) -> Iterator[str]:
    """Every document as a table row: its claims and the findings citing it per verdict."""
    yield from [_row(["Document", "Title", "Source", "Published", "Claims", *(LABELS[v] for v in ORDER)]),
                _row(["---"] * 4 + ["---:"] * (1 + len(ORDER)))]
    for source, doc in digest.sources():
        count = digest.source_counts(source)
        published = doc.published.isoformat() if doc and doc.published else ""
        yield _row([
            escape(one_line(source)), escape(doc.title if doc else ""), escape(doc.source if doc else ""), published,
            str(count["claims"]), *(str(count[v]) for v in ORDER),
        ])


def _most_important(digest: Digest) -> Iterator[str]:
    """A large report's lead: its most important problems, a line each (each listed in full below)."""
    yield from ["", f"### Most important {counted(len(digest.top), 'finding')}", ""]
    for number, (_, cited) in enumerate(digest.top, 1):
        finding = cited.finding
        sources, message = headline(cited.sources, one_line(finding.message))
        yield (f"{number}. {LABELS[finding.verdict]} {_code(finding.rule)} · confidence {finding.confidence:.2f} · "
               f"finding {_code(finding.id)} · {escape(sources)}: {escape(message)}")
    yield from ["", "The table of source documents closes the report."]


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


def _finding(number: int, cited: Cited) -> list[str]:
    finding, by_id, docs = cited.finding, cited.claims, cited.documents
    confidence = f" · confidence {finding.confidence:.2f}" if finding.confidence < 1 else ""
    lines = [
        f"### {number}. {LABELS[finding.verdict]}: {_code(finding.rule)}", "",
        f"Severity **{finding.severity.value}**{confidence} · finding {_code(finding.id)}",
        "", escape(finding.message), "",
    ]
    for claim_id in finding.claims:
        lines += _claim_item(claim_id, by_id, docs)
    return lines + [""]


def _stories(digest: Digest) -> Iterator[str]:
    """Contradictions and internal inconsistencies story by story, the most confident first."""
    yield from [f"## Needs attention ({sum(s.size for s in digest.stories)})", ""]
    if not digest.stories:
        yield from ["No contradictions or internal inconsistencies.", ""]
    current = None
    for number, (place, cited) in enumerate(digest.problems(), 1):
        if place != current:
            story, current = digest.stories[place], place
            yield from [f"### Story {place + 1}: {counted(story.size, 'finding')}, confidence up to {story.confidence:.2f}",
                        "", f"{counted(len(story.documents), 'document')}: {escape(one_line(document_list(story)))}", ""]
        yield from _finding(number, cited)


def markdown_lines(digest: Digest, *, show_single: bool = False, only: frozenset[Verdict] | None = None
                   ) -> Iterator[str]:
    """The report as Markdown, a line at a time: summary, the problems by story, then agreements
    and single-source figures listed when chosen (`only`, `show_single`), else one line of counts
    by rule; a large report leads with its most important problems and closes with its sources."""
    shown = listed(only, show_single)
    yield from ["# Consistency report", "", *_summary(digest, show_single), ""]
    yield from _stories(digest)
    for verdict in COLLAPSED:
        yield from [f"## {SECTIONS[verdict]} ({digest.count(verdict)})", ""]
        if verdict not in shown:
            rules = ", ".join(f"{_code(rule)} {n}" for rule, n in digest.rule_counts(verdict))
            yield from [f"Not listed: {rules or 'none'}; `--only {verdict.value}` lists them.", ""]
            continue
        for number, cited in enumerate(digest.listed(verdict), 1):
            yield from _finding(number, cited)
    if digest.large:
        yield from ["## By source document", "", *_sources(digest)]


def as_text(lines: Iterable[str]) -> Iterator[str]:
    """Lines as text, each closed by a line break, the blank lines at the end left out."""
    blank = 0
    for line in lines:
        if line:
            yield "\n" * blank + line + "\n"
            blank = 0
        else:
            blank += 1


def report_markdown(
    documents: Sequence[Document], claims: Sequence[Claim], findings: Sequence[Finding], *, show_single: bool = False,
    only: frozenset[Verdict] | None = None,
) -> str:
    """The Markdown report of findings and claims at hand (`markdown_lines`)."""
    with gathered(findings, Archive.of_memory(documents, claims), listed(only, show_single)) as digest:
        return "".join(as_text(markdown_lines(digest, show_single=show_single, only=only)))
