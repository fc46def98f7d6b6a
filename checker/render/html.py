"""The consistency report as one self-contained HTML file.

The file is meant to be mailed around or opened from disk, so it fetches
nothing: CSS and the small filter script are inline, there are no images,
fonts or links to follow, and a Content-Security-Policy meta tag allows only
that one style block and that one script (by hash). Article text is untrusted,
so every piece of it (titles, ids, sentences, claim text, messages that quote
it) goes through `html.escape`; the CSP is a second fence should that ever slip.

The page leads with what an editor must act on: contradictions and internal
inconsistencies grouped by story, most confident first (`digest.Digest.problems`).
Agreements and single-source figures follow as collapsed `<details>` sections,
their count by rule in the summary line and each finding as one compact row
(no sentences), which keeps a 1,000-article report small enough to open.

Output is deterministic (no timestamps, the engine's finding order, sources in
document order) so a report can be diffed and tested byte for byte.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from html import escape
from itertools import chain

from ..engine import Finding, Verdict
from ..models import Claim, Document
from ..wording import counted, noun
from .claims import format_value
from .digest import Archive, Cited, Digest, gathered
from .html_assets import CSS, SCRIPT
from .inert import inert
from .markdown import LABELS, ORDER, SECTIONS, passage
from .summary import COLLAPSED, document_list, outlet


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def csp(css: str, script: str | None) -> str:
    """Only this page's one style block and (by hash) its one script, or none; nothing fetched."""
    scripts = _hash(script) if script else "'none'"
    return (f"default-src 'none'; style-src {_hash(css)}; script-src {scripts}; "
            "img-src 'none'; font-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'")


CSP = csp(CSS, SCRIPT)


def page(title: str, body: list[str], css: str = CSS, script: str | None = SCRIPT) -> str:
    """A whole self-contained page: the head with its CSP, `body` (lines of markup), the script."""
    return "".join(page_lines(title, body, css, script))


def page_lines(title: str, body: Iterable[str], css: str = CSS, script: str | None = SCRIPT) -> Iterator[str]:
    """`page` a line at a time (each closed by a line break), `body` read as it is written."""
    head = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{_e(csp(css, script))}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="referrer" content="no-referrer">', f"<title>{_e(title)}</title>",
            f"<style>{css}</style>", "</head>", "<body>"]
    tail = [f"<script>{script}</script>"] if script else []
    yield from (line + "\n" for line in chain(head, body, tail, ["</body>", "</html>"]))


def _e(text: object) -> str:
    """Text and attribute values escaped, line breaks as `&#10;` (the same to a browser): when the
    page is sent to standard output, untrusted text never starts a line (a workflow command)."""
    return escape(inert(None if text is None else str(text)), quote=True).replace("\n", "&#10;")


def _badge(verdict: Verdict) -> str:
    return f'<span class="badge b-{verdict.value}">{_e(LABELS[verdict])}</span>'


def _source_table(digest: Digest, verdicts: list[Verdict]) -> Iterator[str]:
    """Per document: title, outlet, date, claims and findings per verdict; collapsed, since a
    large corpus has a row per article."""
    yield from [f'<details class="sources-table"><summary>By source document ({digest.source_count})</summary>',
                '<div class="table-wrap"><table class="sources">',
                "<thead><tr><th>Source document</th><th>Title</th><th>Publisher</th><th>Published</th>"
                '<th class="n">Claims</th>' + "".join(f'<th class="n">{_e(LABELS[v])}</th>' for v in verdicts)
                + "</tr></thead>", "<tbody>"]
    for source, doc in digest.sources():
        count = digest.source_counts(source)
        url = f'<span class="url">{_e(doc.url)}</span>' if doc and doc.url else ""  # text only, never a link
        cells = [f'<td class="doc">{_e(source)}{url}</td>', f'<td class="title">{_e(doc.title if doc else "")}</td>',
                 f'<td class="pub">{_e(doc.source if doc else "")}</td>',
                 f"<td class=\"date\">{_e(doc.published.isoformat() if doc and doc.published else '')}</td>",
                 f'<td class="n">{count["claims"]}</td>']
        cells += [f'<td class="n{" zero" if not count[v] else ""}">{count[v]}</td>' for v in verdicts]
        yield "<tr>" + "".join(cells) + "</tr>"
    yield "</tbody></table></div></details>"


def _fieldset(legend: str, name: str, choices: list[tuple[str, str]]) -> list[str]:
    """One filter: a box per (value, label html), all ticked, and buttons to tick all or none."""
    return [f"<fieldset><legend>{_e(legend)}</legend>",
            '<button type="button" class="pick" data-select="all">all</button>',
            '<button type="button" class="pick" data-select="none">none</button>',
            *(f'<label><input type="checkbox" name="{name}" value="{_e(value)}" checked> {label}</label>'
              for value, label in choices), "</fieldset>"]


def _filters(digest: Digest, verdicts: list[Verdict]) -> list[str]:
    shown = [(rule, severity) for (verdict, rule, severity) in digest.tally if verdict in verdicts]
    rules = sorted({rule for rule, _ in shown})
    severities = [s for s in ("error", "warning", "info") if any(severity == s for _, severity in shown)]
    return ['<div id="filters" hidden>',
            *_fieldset("Verdict", "verdict", [(v.value, f"{_badge(v)} {digest.count(v)}") for v in verdicts]),
            *_fieldset("Outlet", "outlet", [(o, _e(o)) for o in digest.outlets]),
            *_fieldset("Rule", "rule", [(r, f"<code>{_e(r)}</code>") for r in rules]),
            *_fieldset("Severity", "severity", [(s, _e(s)) for s in severities]),
            '<span id="shown" aria-live="polite"></span>', "</div>"]


def _header(digest: Digest, verdicts: list[Verdict]) -> Iterator[str]:
    shown = sum(digest.count(v) for v in verdicts)
    yield from ["<header>", "<h1>Consistency report</h1>",
                (f'<p class="totals">{counted(digest.documents, "document")} · {counted(digest.claims, "claim")} · '
                 f'{counted(shown, "finding")}</p>'),
                '<ul class="counts" aria-label="findings per verdict">',
                *(f"<li>{_badge(v)} {digest.count(v)}</li>" for v in verdicts), "</ul>"]
    yield from _source_table(digest, verdicts)
    yield from [*_filters(digest, verdicts), "</header>"]


def _column_title(source: str, document: Document | None) -> str:
    name = document.title if document and document.title else source.rsplit("/", 1)[-1]
    details = [d for d in (document.source if document else None,
                           document.published.isoformat() if document and document.published else None) if d]
    extra = f" · {' · '.join(details)}" if details else ""
    return f'<h3>{_e(name)}<span class="doc-id">{_e(source)}{_e(extra)}</span></h3>'


def _groups(claims: list[Claim]) -> list[list[Claim]]:
    """Claims of one column, those in the same sentence together (an internal finding often cites
    two figures of one sentence: show it once with both marked), unless their surfaces overlap."""
    groups: list[list[Claim]] = []
    for claim in claims:
        last = groups[-1][-1] if groups else None
        plain = claim.sentence[claim.start - claim.sentence_start:][:len(claim.text)] == claim.text
        if (last is not None and plain and (last.sentence_start, last.sentence) == (claim.sentence_start, claim.sentence)
                and groups[-1][0].start <= claim.start and last.end <= claim.start):
            groups[-1].append(claim)
        else:
            groups.append([claim])
    return groups


def _value(claim: Claim, named: bool) -> str:
    surface = f'<span class="surface">{_e(claim.text)}</span> → ' if named else ""
    return (f'<div class="value" data-claim="{_e(claim.id)}">{surface}normalized '
            f"<code>{_e(format_value(claim))}</code> · {_e(claim.kind.value)}</div>")


def _claims(group: list[Claim], document: Document | None) -> str:
    """One passage with every claim of the group marked by its offsets, then each normalized value."""
    if len(group) == 1:
        before, surface, after = passage(group[0], document)
        quote = f"{_e(before)}<mark>{_e(surface)}</mark>{_e(after)}"
    else:
        sentence, base, at, parts = group[0].sentence, group[0].sentence_start, 0, []
        for claim in group:
            start = claim.start - base
            parts += [_e(sentence[at:start]), f"<mark>{_e(claim.text)}</mark>"]
            at = start + len(claim.text)
        quote = "".join(parts) + _e(sentence[at:])
    values = "".join(_value(c, len(group) > 1) for c in group)
    return f'<figure class="claim"><blockquote>{quote}</blockquote><figcaption>{values}</figcaption></figure>'


def _opening(cited: Cited, full: bool) -> list[str]:
    """A finding's element with what the filters read (verdict, outlets, rule, severity) and its
    badges; a full card also carries its documents' ids (`data-sources`) and the engine's message
    (a compact row's claims say what the message would, in fewer bytes)."""
    finding, docs, cited_sources = cited.finding, cited.documents, cited.sources
    outlets = sorted({outlet(docs.get(s), s) for s in cited_sources})
    confidence = f'<span class="conf">confidence {finding.confidence:.2f}</span>' if finding.confidence < 1 else ""
    sources = f'data-sources="{_e(json.dumps(cited_sources, ensure_ascii=False))}" ' if full else ""
    return [
        (f'<article class="finding{"" if full else " row"}" id="{_e(finding.id)}" '
         f'data-verdict="{finding.verdict.value}" {sources}'
         f'data-outlets="{_e(json.dumps(outlets, ensure_ascii=False))}" data-severity="{finding.severity.value}" '
         f'data-rule="{_e(finding.rule)}">'),
        (f'<div class="meta">{_badge(finding.verdict)}<code class="rule">{_e(finding.rule)}</code>'
         f'<span class="sev sev-{finding.severity.value}">{finding.severity.value}</span>{confidence}'
         f'<span class="fid">{_e(finding.id)}</span></div>'),
        *([f'<p class="message">{_e(finding.message)}</p>'] if full else []),
    ]


def _card(cited: Cited) -> list[str]:
    """A finding in full: one column per cited document, its claims marked in their sentences."""
    finding, by_id = cited.finding, cited.claims
    out = [*_opening(cited, True), '<div class="columns">']
    for source in cited.sources:  # its claims stacked in offset order
        document = cited.documents.get(source)
        out.append(f'<div class="column">{_column_title(source, document)}')
        out += [_claims(g, document) for g in _groups([by_id[i] for i in finding.claims
                                                       if i in by_id and by_id[i].document == source])]
        out.append("</div>")
    missing = [i for i in finding.claims if i not in by_id]
    if missing:
        out.append('<div class="column"><p class="none">not among this report\'s claims: '
                   + ", ".join(f"<code>{_e(i)}</code>" for i in missing) + "</p></div>")
    return out + ["</div>", "</article>"]


def _row(cited: Cited) -> list[str]:
    """A collapsed finding: its claims' documents, words and normalized values on one line, without
    the sentences (an agreement needs no reading in context; a large corpus has thousands)."""
    by_id = cited.claims
    shown = " · ".join(f"{_e(by_id[i].document)}: <mark>{_e(by_id[i].text)}</mark> "
                       f"<code>{_e(format_value(by_id[i]))}</code>" if i in by_id
                       else f"<code>{_e(i)}</code>" for i in cited.finding.claims)
    return [*_opening(cited, False), f'<p class="cited">{shown}</p>', "</article>"]


def _stories(digest: Digest) -> Iterator[str]:
    """Contradictions and internal inconsistencies, story by story, the most confident first."""
    yield from ['<section class="verdict problems" data-count>',
                f'<h2>Needs attention (<span class="count">{sum(s.size for s in digest.stories)}</span>)</h2>']
    if not digest.stories:
        yield '<p class="none">No contradictions or internal inconsistencies.</p>'
    current = None
    for place, cited in digest.problems():
        if place != current:
            if current is not None:
                yield "</section>"
            story, current = digest.stories[place], place
            names = f"{counted(len(story.documents), 'document')}: {document_list(story, None)}"
            yield from ['<section class="story" data-count>',
                        (f'<h3>Story {place + 1} · <span class="count">{story.size}</span> '
                         f'<span class="count-word">{noun(story.size, "finding")}</span> · '
                         f"confidence up to {story.confidence:.2f}</h3>"), f'<p class="story-docs">{_e(names)}</p>']
        yield from _card(cited)
    yield from ([] if current is None else ["</section>"]) + ["</section>"]


def _collapsed(verdict: Verdict, digest: Digest) -> Iterator[str]:
    """Agreements or single-source figures: a closed `<details>`, its count by rule in the summary."""
    rules = ", ".join(f"{rule} {n}" for rule, n in digest.rule_counts(verdict))
    yield from [f'<details class="verdict" data-verdict="{verdict.value}" data-count>',
                (f'<summary><h2>{_e(SECTIONS[verdict])} (<span class="count">{digest.count(verdict)}</span>)</h2>'
                 f'<div class="rules">{_e(rules or "none")}</div></summary>')]
    for cited in digest.listed(verdict):
        yield from _row(cited)
    yield "</details>"


def html_lines(digest: Digest, *, show_single: bool = True) -> Iterator[str]:
    """The whole report as one HTML page, a line at a time: summary and filters, problems by
    story, the rest collapsed."""
    verdicts = [v for v in ORDER if show_single or v is not Verdict.SINGLE_SOURCE]
    shown = sum(digest.count(v) for v in verdicts)
    body = chain(_header(digest, verdicts), ["<main>"], _stories(digest),
                 *(_collapsed(v, digest) for v in COLLAPSED if v in verdicts), ["</main>"])
    title = f"Consistency report: {counted(shown, 'finding')} in {counted(digest.documents, 'document')}"
    return page_lines(title, body)


def shown_verdicts(show_single: bool) -> frozenset[Verdict]:
    """The verdicts the page lists finding by finding: all, but single-source figures when not asked for."""
    return frozenset(v for v in Verdict if show_single or v is not Verdict.SINGLE_SOURCE)


def report_html(
    documents: Sequence[Document], claims: Sequence[Claim], findings: Sequence[Finding], *, show_single: bool = True,
) -> str:
    """The HTML report of findings and claims at hand (`html_lines`)."""
    with gathered(findings, Archive.of_memory(documents, claims), shown_verdicts(show_single)) as digest:
        return "".join(html_lines(digest, show_single=show_single))
