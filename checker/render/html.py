"""The consistency report as one self-contained HTML file.

The file is meant to be mailed around or opened from disk, so it fetches
nothing: CSS and the small filter script are inline, there are no images,
fonts or links to follow, and a Content-Security-Policy meta tag allows only
that one style block and that one script (by hash). Article text is untrusted,
so every piece of it (titles, ids, sentences, claim text, messages that quote
it) goes through `html.escape`; the CSP is a second fence should that ever slip.

Output is deterministic (no timestamps, the engine's finding order, sources in
document order) so a report can be diffed and tested byte for byte.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from html import escape

from ..engine import Finding, Verdict
from ..models import Claim, Document
from .claims import format_value
from .inert import inert
from .markdown import (
    LABELS,
    ORDER,
    SECTIONS,
    finding_sources,
    passage,
    source_counts,
    source_ids,
)

CSS = """
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#f6f8fa;--card:#fff;
--contradiction:#b42318;--internal:#8e3ba8;--agreement:#1a7f37;--single-source:#9a6700}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);
font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif}
header,main{max-width:1240px;margin:0 auto;padding:16px 24px}
header{padding-top:24px}
h1{font-size:1.7rem;margin:0 0 4px}
h2{font-size:1.25rem;margin:28px 0 8px;padding-bottom:4px;border-bottom:1px solid var(--line)}
.totals{margin:0 0 10px;color:var(--muted)}
.counts{display:flex;flex-wrap:wrap;gap:8px;list-style:none;margin:0 0 16px;padding:0}
.badge{display:inline-block;padding:1px 10px;border-radius:999px;font-weight:600;font-size:.85rem;
color:#fff;white-space:nowrap;border:1px solid transparent}
.b-contradiction{background:var(--contradiction)}
.b-internal{background:var(--internal)}
.b-agreement{background:var(--agreement)}
.b-single-source{background:#fff8c5;color:#6b4700;border-color:#d4a72c}
.table-wrap{overflow-x:auto;background:var(--card);border:1px solid var(--line);border-radius:8px}
table{border-collapse:collapse;width:100%;font-size:.88rem}
th,td{padding:5px 10px;text-align:left;vertical-align:top;border-bottom:1px solid var(--line)}
tr:last-child td{border-bottom:0}
th{background:#eef1f4;font-weight:600;white-space:nowrap}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
td.doc{overflow-wrap:anywhere;min-width:14em}
.url{display:block;color:var(--muted);font-size:.8rem}
td.zero{color:#8c959f}
td.date{white-space:nowrap}
td.title{min-width:13em}
td.pub{min-width:8em}
#filters{display:flex;flex-wrap:wrap;gap:10px 28px;margin-top:16px;padding:10px 16px;
background:var(--card);border:1px solid var(--line);border-radius:8px}
fieldset{border:0;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:4px 14px;align-items:center;min-width:0}
legend{float:left;font-weight:600;margin-right:6px}
#filters label{display:inline-flex;gap:5px;align-items:center;overflow-wrap:anywhere;cursor:pointer}
#shown{color:var(--muted);align-self:center;margin-left:auto}
.none{color:var(--muted);font-style:italic}
.finding{background:var(--card);border:1px solid var(--line);border-left:6px solid var(--accent);
border-radius:8px;padding:12px 16px;margin:12px 0}
.finding[data-verdict=contradiction]{--accent:var(--contradiction)}
.finding[data-verdict=internal]{--accent:var(--internal)}
.finding[data-verdict=agreement]{--accent:var(--agreement)}
.finding[data-verdict=single-source]{--accent:#d4a72c}
.meta{display:flex;flex-wrap:wrap;gap:6px 12px;align-items:center;font-size:.88rem}
.rule{font-weight:600}
.sev{padding:0 8px;border-radius:4px;border:1px solid var(--line);color:var(--muted)}
.sev-error{color:#a40e26;border-color:#f0b4bd;background:#ffebe9}
.sev-warning{color:#7d4e00;border-color:#e6c36b;background:#fff8c5}
.fid,.conf{color:var(--muted)}
.message{margin:8px 0 10px;overflow-wrap:anywhere}
.columns{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,300px),1fr));gap:12px}
.column{min-width:0;padding:8px 12px;background:#f9fafb;border:1px solid var(--line);border-radius:6px}
.column h3{margin:0 0 6px;font-size:.9rem;line-height:1.35}
.column .doc-id{display:block;font-weight:400;font-size:.8rem;color:var(--muted);overflow-wrap:anywhere}
.claim{margin:0 0 8px}
.claim:last-child{margin-bottom:0}
blockquote{margin:0;font-family:Georgia,"Times New Roman",serif;font-size:1rem;overflow-wrap:anywhere}
mark{-webkit-box-decoration-break:clone;box-decoration-break:clone;background:#ffe066;color:inherit;padding:0 2px;border-radius:2px;box-shadow:0 0 0 1px #e0b700}
.value{margin:4px 0 0;font-size:.85rem;color:var(--muted)}
.surface{color:var(--fg)}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.85em;
background:#eef1f4;padding:1px 5px;border-radius:4px;overflow-wrap:anywhere;color:var(--fg)}
[hidden]{display:none!important}
@media (max-width:640px){header,main{padding:12px}h1{font-size:1.35rem}#shown{margin-left:0}}
"""

SCRIPT = """
(function () {
  "use strict";
  var filters = document.getElementById("filters");
  var cards = Array.prototype.slice.call(document.querySelectorAll(".finding"));
  function ticked(name) {
    var on = {};
    filters.querySelectorAll("input[name=" + name + "]").forEach(function (box) {
      if (box.checked) { on[box.value] = true; }
    });
    return on;
  }
  function apply() {
    var verdicts = ticked("verdict"), sources = ticked("source"), shown = 0;
    cards.forEach(function (card) {
      var cited = JSON.parse(card.getAttribute("data-sources"));
      var show = verdicts[card.getAttribute("data-verdict")] === true &&
        (cited.length === 0 || cited.some(function (s) { return sources[s] === true; }));
      card.hidden = !show;
      if (show) { shown += 1; }
    });
    document.querySelectorAll("section.verdict").forEach(function (section) {
      var has = section.querySelector(".finding") !== null;
      section.hidden = has ? section.querySelector(".finding:not([hidden])") === null
        : verdicts[section.getAttribute("data-verdict")] !== true;
    });
    document.getElementById("shown").textContent = shown + " of " + cards.length + " findings shown";
  }
  filters.hidden = false;
  filters.addEventListener("change", apply);
  apply();
})();
"""


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


CSP = (f"default-src 'none'; style-src {_hash(CSS)}; script-src {_hash(SCRIPT)}; "
       "img-src 'none'; font-src 'none'; connect-src 'none'; base-uri 'none'; form-action 'none'")


def _e(text: object) -> str:
    """Text and attribute values escaped, line breaks as `&#10;` (the same to a browser): when the
    page is sent to standard output, untrusted text never starts a line (a workflow command)."""
    return escape(inert(None if text is None else str(text)), quote=True).replace("\n", "&#10;")


def _badge(verdict: Verdict) -> str:
    return f'<span class="badge b-{verdict.value}">{_e(LABELS[verdict])}</span>'


def _header(documents, claims, findings, sources, show_single) -> list[str]:
    verdicts = [v for v in ORDER if show_single or v is not Verdict.SINGLE_SOURCE]
    counts = Counter(f.verdict for f in findings)
    shown = sum(counts[v] for v in verdicts)
    docs = {d.id: d for d in documents}
    per_source = source_counts(claims, findings)
    out = [
        "<header>", "<h1>Consistency report</h1>",
        f'<p class="totals">{len(documents)} documents · {len(claims)} claims · {shown} findings</p>',
        '<ul class="counts" aria-label="findings per verdict">',
        *(f"<li>{_badge(v)} {counts[v]}</li>" for v in verdicts), "</ul>",
        '<div class="table-wrap"><table class="sources">',
        "<thead><tr><th>Source document</th><th>Title</th><th>Publisher</th><th>Published</th>"
        '<th class="n">Claims</th>' + "".join(f'<th class="n">{_e(LABELS[v])}</th>' for v in verdicts)
        + "</tr></thead>", "<tbody>",
    ]
    for source in sources:
        doc, count = docs.get(source), per_source.get(source, Counter())
        url = f'<span class="url">{_e(doc.url)}</span>' if doc and doc.url else ""  # text only, never a link
        cells = [f'<td class="doc">{_e(source)}{url}</td>', f'<td class="title">{_e(doc.title if doc else "")}</td>',
                 f'<td class="pub">{_e(doc.source if doc else "")}</td>',
                 f"<td class=\"date\">{_e(doc.published.isoformat() if doc and doc.published else '')}</td>",
                 f'<td class="n">{count["claims"]}</td>']
        cells += [f'<td class="n{" zero" if not count[v] else ""}">{count[v]}</td>' for v in verdicts]
        out.append("<tr>" + "".join(cells) + "</tr>")
    out += ["</tbody></table></div>", '<div id="filters" hidden>',
            '<fieldset><legend>Verdict</legend>']
    out += [f'<label><input type="checkbox" name="verdict" value="{v.value}" checked> {_badge(v)} {counts[v]}'
            "</label>" for v in verdicts]
    out += ["</fieldset>", "<fieldset><legend>Source</legend>"]
    out += [f'<label><input type="checkbox" name="source" value="{_e(s)}" checked> {_e(s)}</label>'
            for s in sources]
    out += ["</fieldset>", '<span id="shown" aria-live="polite"></span>', "</div>", "</header>"]
    return out


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


def _card(finding: Finding, by_id: dict[str, Claim], docs: dict[str, Document]) -> list[str]:
    cited = finding_sources(finding, by_id)
    confidence = f'<span class="conf">confidence {finding.confidence:.2f}</span>' if finding.confidence < 1 else ""
    out = [
        f'<article class="finding" id="{_e(finding.id)}" data-verdict="{finding.verdict.value}" '
        f'data-sources="{_e(json.dumps(cited, ensure_ascii=False))}" data-severity="{finding.severity.value}" '
        f'data-rule="{_e(finding.rule)}">',
        f'<div class="meta">{_badge(finding.verdict)}<code class="rule">{_e(finding.rule)}</code>'
        f'<span class="sev sev-{finding.severity.value}">{finding.severity.value}</span>{confidence}'
        f'<span class="fid">{_e(finding.id)}</span></div>',
        f'<p class="message">{_e(finding.message)}</p>', '<div class="columns">',
    ]
    for source in cited:  # one column per source document, its claims stacked in offset order
        document = docs.get(source)
        out.append(f'<div class="column">{_column_title(source, document)}')
        out += [_claims(g, document) for g in _groups([by_id[i] for i in finding.claims
                                                       if i in by_id and by_id[i].document == source])]
        out.append("</div>")
    missing = [i for i in finding.claims if i not in by_id]
    if missing:
        out.append('<div class="column"><p class="none">not among this report\'s claims: '
                   + ", ".join(f"<code>{_e(i)}</code>" for i in missing) + "</p></div>")
    return out + ["</div>", "</article>"]


def report_html(
    documents: Sequence[Document], claims: Sequence[Claim], findings: Sequence[Finding], *, show_single: bool = True
) -> str:
    """The whole report as one HTML page: summary, filters, and a card per finding with sources side by side."""
    by_id = {c.id: c for c in claims}
    docs = {d.id: d for d in documents}
    sources = source_ids(documents, claims, findings)
    shown = [f for f in findings if show_single or f.verdict is not Verdict.SINGLE_SOURCE]
    out = [
        "<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(CSP)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>Consistency report: {len(shown)} findings in {len(documents)} documents</title>",
        f"<style>{CSS}</style>", "</head>", "<body>",
        *_header(documents, claims, shown, sources, show_single), "<main>",
    ]
    for verdict in ORDER:
        if verdict is Verdict.SINGLE_SOURCE and not show_single:
            continue
        chosen = [f for f in shown if f.verdict is verdict]
        out += [f'<section class="verdict" data-verdict="{verdict.value}">',
                f"<h2>{_e(SECTIONS[verdict])} ({len(chosen)})</h2>"]
        if not chosen:
            out.append(f'<p class="none">No {_e(SECTIONS[verdict].lower())}.</p>')
        for finding in chosen:
            out += _card(finding, by_id, docs)
        out.append("</section>")
    out += ["</main>", f"<script>{SCRIPT}</script>", "</body>", "</html>"]
    return "\n".join(out) + "\n"
