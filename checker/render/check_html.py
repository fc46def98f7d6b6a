"""The pre-publication check as one self-contained HTML page, built from the report's pieces.

A draft's editor may not read a terminal: the page shows each draft with its
counts, then every claim in the draft's order as a card, coloured by its
verdict, with the draft's sentence and, side by side, the sources that agree
and those that do not, or for an unverifiable claim what was looked for and
the corpus claims that came closest. It is the consistency report's page
(`html.page`: the same style sheet, Content-Security-Policy and escaping of
every piece of article text) without the filter script, which has nothing to
filter here.
"""

from __future__ import annotations

from collections import Counter

from ..models import Claim
from ..precheck import PROBLEMS, CheckResult, DraftCheck, DraftClaim, Status
from ..wording import counted
from .annotations import line_col
from .html import CSS, _claims, _column_title, _e, page
from .lint import verdict_message

CHECK_CSS = CSS + """
.finding[data-verdict=supported]{--accent:var(--agreement)}
.finding[data-verdict=contradicted]{--accent:var(--contradiction)}
.finding[data-verdict=internal]{--accent:var(--internal)}
.finding[data-verdict=unverifiable]{--accent:#d4a72c}
.b-supported{background:var(--agreement)}
.b-contradicted{background:var(--contradiction)}
.b-unverifiable{background:#fff8c5;color:#6b4700;border-color:#d4a72c}
.side{margin:0 0 4px;font-size:.8rem;font-weight:600;text-transform:uppercase;color:var(--muted)}
.draft{margin:0 0 32px}
.looked{margin:4px 0;overflow-wrap:anywhere}
"""
SLUGS = {Status.SUPPORTED: "supported", Status.CONTRADICTED: "contradicted", Status.INTERNAL: "internal",
         Status.UNVERIFIABLE: "unverifiable"}


def check_html(result: CheckResult) -> str:
    """The whole check as one page: totals, then each draft's claims as cards."""
    severities = Counter(f.severity.value for f in result.findings if f.verdict in PROBLEMS)
    totals = (f"{counted(len(result.checks), 'draft')} · {counted(len(result.verdicts), 'claim')} · "
              f"{counted(severities['error'], 'error')} · {counted(severities['warning'], 'warning')}")
    body = ["<header>", "<h1>Pre-publication check</h1>", f'<p class="totals">{_e(totals)}</p>', "</header>", "<main>"]
    for draft in result.checks:
        body += _draft(result, draft)
    title = f"Pre-publication check: {counted(len(result.checks), 'draft')}"
    return page(title, [*body, "</main>"], css=CHECK_CSS, script=None)


def _draft(result: CheckResult, draft: DraftCheck) -> list[str]:
    statuses = Counter(v.status for v in draft.verdicts)
    document = draft.document
    name = f"{document.path}" + (f" · {document.title}" if document.title else "")
    out = ['<section class="draft">', f"<h2>{_e(name)}</h2>", '<ul class="counts">']
    out += [f'<li><span class="badge b-{SLUGS[s]}">{_e(s.value)}</span> {statuses[s]}</li>' for s in Status]
    out.append("</ul>")
    if not draft.verdicts:
        out.append('<p class="none">No figures, dates or quotes to check.</p>')
    for verdict in sorted(draft.verdicts, key=lambda v: v.claim.start):
        out += _card(result, draft, verdict)
    return out + ["</section>"]


def _card(result: CheckResult, draft: DraftCheck, verdict: DraftClaim) -> list[str]:
    claim, slug = verdict.claim, SLUGS[verdict.status]
    line, col = line_col(draft.document.text, claim.start)
    problems = [f for f in draft.findings if f.verdict in PROBLEMS and claim.id in f.claims]
    tags = "".join(f'<code class="rule">{_e(f.rule)}</code><span class="sev sev-{f.severity.value}">'
                   f"{f.severity.value}</span>" for f in problems)
    messages = [f.message for f in problems] or [verdict_message(verdict, draft.document.text)]
    out = [f'<article class="finding" id="{_e(claim.id)}" data-verdict="{slug}">',
           (f'<div class="meta"><span class="badge b-{slug}">{_e(verdict.status.value)}</span>{tags}'
           f'<span class="fid">line {line}, column {col}</span></div>'),
           *(f'<p class="message">{_e(m)}</p>' for m in messages), *_why(verdict), '<div class="columns">',
           _column(result, "this draft", claim)]
    out += [_column(result, "does not fit", c) for c in verdict.inconsistent]
    out += [_column(result, "disagrees", c) for c in verdict.disagreeing]
    out += [_column(result, "agrees", c) for c in verdict.agreeing]
    if verdict.why:
        out += [_column(result, "closest" + (f", {c.probability:.0%} one fact" if c.probability is not None else ""),
                        c.claim, c.reasons) for c in verdict.why.candidates]
    return out + ["</div>", "</article>"]


def _why(verdict: DraftClaim) -> list[str]:
    if verdict.why is None:
        return []
    why = verdict.why
    lines = [f'<p class="looked">Looked for: <code>{_e(why.value)}</code>, {_e(why.measures)}</p>']
    return lines + ([f'<p class="none">{_e(why.note)}</p>'] if why.note else [])


def _column(result: CheckResult, side: str, claim: Claim, note: str = "") -> str:
    document = result.documents.get(claim.document)
    extra = f'<p class="value">{_e(note)}</p>' if note else ""
    return (f'<div class="column"><p class="side">{_e(side)}</p>{_column_title(claim.document, document)}'
            f"{_claims([claim], document)}{extra}</div>")
