"""The Markdown and HTML reports: structure on the seed corpus, and safety on hostile text.

Article text is untrusted, so a hand-built corpus and a tiny real one put
Markdown and HTML injection attempts into titles, sentences, quotes and
messages; the rendered reports must show them as text and nothing else.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from html.parser import HTMLParser

import pytest

from checker.documents import load_documents
from checker.engine import Finding, Severity, Verdict, check
from checker.models import Claim, Document, Kind
from checker.render.html import report_html
from checker.render.markdown import ORDER, escape, report_markdown
from checker.render.summary import COLLAPSED, outlet

from .conftest import ROOT
from .story_order import stories

INJECT_MD = "| ** [x](http://evil) <b>"
SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
VOID = {"meta", "input", "br", "hr", "img", "link", "col", "wbr", "source", "area", "base", "embed", "track"}
FETCHING = {"src", "href", "srcset", "action", "formaction", "poster", "data", "background", "manifest", "ping"}


# --- corpora ---------------------------------------------------------------------------------------

def _extract(extractor, paths):
    documents = load_documents(paths)
    claims = [c for d in documents for c in extractor.document(d).claims]
    return documents, claims, check(claims, documents)


@pytest.fixture(scope="module")
def seeds(extractor):
    return _extract(extractor, [str(ROOT / "seeds")])


def _doc(id_: str, body: str, **meta) -> Document:
    return Document(id=id_, path=id_, sha256=hashlib.sha256(body.encode()).hexdigest(), text=body, **meta)


def _claim(doc: Document, cid: str, surface: str, kind: Kind, value, unit=None, nth: int = 0) -> Claim:
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(surface, start + 1)
    line_start = doc.text.rfind("\n", 0, start) + 1
    line_end = doc.text.find("\n", start)
    sentence = doc.text[line_start:line_end if line_end >= 0 else None]
    return Claim(id=cid, document=doc.id, start=start, end=start + len(surface), text=surface, kind=kind,
                 value=value, low=value if kind is not Kind.QUOTE else None,
                 high=value if kind is not Kind.QUOTE else None, unit=unit,
                 speaker="Jane <b>Doe</b>" if kind is Kind.QUOTE else None, sentence=sentence, sentence_start=line_start)


@pytest.fixture(scope="module")
def hostile():
    """Two documents full of injection attempts, and a finding of every verdict over them."""
    a = _doc("news/a|evil_*doc*.md",
             f"# Council {INJECT_MD} budget\nThe council approved $5 million {INJECT_MD} for roads, "
             f"then $5 million again {SCRIPT}.\nThe mayor said \"{IMG} all fine\" to reporters.\n",
             title=f"# {IMG} {INJECT_MD}", source=SCRIPT)
    b = _doc("news/b.md", f"Roads got $7 million {INJECT_MD} in 2025.\nThe mayor said \"{IMG} all good\".\n",
             title="Roads | budget", source="Other Paper", url="http://example.com/roads")
    claims = [
        _claim(a, "ca1", "$5 million", Kind.MONEY, 5e6, "USD"),
        _claim(a, "ca2", "$5 million", Kind.MONEY, 5e6, "USD", nth=1),
        _claim(a, "ca3", f"{IMG} all fine", Kind.QUOTE, f"{IMG} all fine"),
        _claim(b, "cb1", "$7 million", Kind.MONEY, 7e6, "USD"),
        _claim(b, "cb2", f"{IMG} all good", Kind.QUOTE, f"{IMG} all good"),
    ]
    findings = [
        Finding(id="f1", rule="figure-consistency", verdict=Verdict.CONTRADICTION, severity=Severity.ERROR,
                claims=["ca1", "cb1"], message=f"# Injected heading {INJECT_MD} {SCRIPT} $5 million vs $7 million"),
        Finding(id="f2", rule="figure-consistency", verdict=Verdict.INTERNAL, severity=Severity.WARNING,
                claims=["ca1", "ca2"], message=f"- list? {IMG}"),
        Finding(id="f3", rule="quote-consistency", verdict=Verdict.AGREEMENT, severity=Severity.INFO,
                claims=["ca3", "cb2"], message=f"quoted as “{IMG} all fine”", confidence=0.6),
        Finding(id="f4", rule="single-source", verdict=Verdict.SINGLE_SOURCE, severity=Severity.INFO,
                claims=["cb1"], message=f"only {INJECT_MD} gives $7 million"),
        Finding(id="f5", rule="fact-sheet", verdict=Verdict.CONTRADICTION, severity=Severity.ERROR,
                claims=["fact:pledge", "cb1"], message="the fact sheet says otherwise"),
    ]
    return [a, b], claims, findings


@pytest.fixture(scope="module")
def tiny(extractor, tmp_path_factory):
    """A real run of the pipeline over two small hostile articles that contradict each other."""
    folder = tmp_path_factory.mktemp("tiny")
    (folder / "a.md").write_text(
        f'---\ntitle: "{IMG.replace(chr(34), chr(92) + chr(34))} {INJECT_MD}"\nsource: "{SCRIPT}"\n'
        f"published: 2025-03-01\n---\n# Council {INJECT_MD} budget\n\n"
        f"The Springfield City Council approved $5 million for road repairs in 2025, officials said {SCRIPT}.\n",
        encoding="utf-8")
    (folder / "b.md").write_text(
        "---\ntitle: Roads\npublished: 2025-03-02\n---\n"
        f"The Springfield City Council approved $7 million for road repairs in 2025 {INJECT_MD}.\n", encoding="utf-8")
    return _extract(extractor, [str(folder)])


# --- helpers ---------------------------------------------------------------------------------------

class Strict(HTMLParser):
    """Records tags and fails on any end tag that does not close the innermost open element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.tags, self.errors, self.text = [], [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.errors.append(f"self-closing <{tag}/>")

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def parse(page: str) -> Strict:
    parser = Strict()
    parser.feed(page)
    parser.close()
    assert not parser.errors and not parser.stack, (parser.errors, parser.stack)
    return parser


def render_md(text: str) -> str:
    markdown_it = pytest.importorskip("markdown_it")
    return markdown_it.MarkdownIt("commonmark", {"html": True}).enable("table").render(text)


def cited(claims, findings):
    by_id = {c.id: c for c in claims}
    return [by_id[i] for f in findings for i in f.claims if i in by_id]


# --- Markdown --------------------------------------------------------------------------------------

def test_markdown_summary_and_sections(seeds):
    documents, claims, findings = seeds
    text = report_markdown(documents, claims, findings)
    assert text.startswith("# Consistency report\n") and text.endswith("\n")
    assert "| contradicts | 1 |" in text and "| agrees | 4 |" in text and "| single source | 12 (not listed below) |" in text
    for document in documents:
        assert f"| {escape(document.id)} |" in text
    # problems first, by story; agreements and single-source figures collapsed to counts by rule
    assert text.index("## Needs attention (2)") < text.index("## Agreements (4)") < text.index("## Single-source")
    assert "### Story 1: 2 findings, confidence up to 1.00" in text
    assert "Not listed: `figure-consistency` 3, `date-consistency` 1; `--only agreement` lists them." in text
    assert "### 3." not in text  # two findings listed, the rest counted
    listed = report_markdown(documents, claims, findings, show_single=True)
    assert "## Single-source figures (12)\n\n### 1. single source" in listed
    assert "`quote-consistency`" in text and "severity **error**" in text.lower()
    assert report_markdown(documents, claims, findings) == text


def test_markdown_bolds_every_cited_claim(seeds):
    documents, claims, findings = seeds
    rendered = render_md(report_markdown(documents, claims, findings, only=frozenset(Verdict)))
    strong = [html.unescape(s) for s in re.findall(r"<strong>(.*?)</strong>", rendered)]
    for claim in cited(claims, findings):
        surface = " ".join(claim.text.split())
        assert any(surface in s for s in strong), surface
    assert "**" not in re.sub(r"<code>.*?</code>", "", rendered)  # no stray asterisks: every bold opened and closed


def test_markdown_escapes_hostile_text(hostile):
    documents, claims, findings = hostile
    text = report_markdown(documents, claims, findings, show_single=True)
    rendered = render_md(text)
    for tag in ("<b>", "<script", "<img", "<a ", "<h1>Injected", "<em>doc"):
        assert tag not in rendered, tag
    visible = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    assert INJECT_MD in visible and SCRIPT in visible and IMG in visible and "# Injected heading" in visible
    for row in re.findall(r"<tr>(.*?)</tr>", rendered, re.DOTALL):  # no cell split by a `|` in a title
        assert row.count("<td") in (0, 2, 9), row
    assert "<td>news/a|evil_*doc*.md</td>" in html.unescape(rendered)
    assert "`fact:pledge` is not among" in text
    assert len(re.findall(r"<strong>\$5 million</strong>", rendered)) == 3


def test_markdown_from_the_real_pipeline_is_harmless(tiny):
    documents, claims, findings = tiny
    assert any(f.verdict is Verdict.CONTRADICTION for f in findings)
    rendered = render_md(report_markdown(documents, claims, findings, show_single=True))
    assert "<b>" not in rendered and "<script" not in rendered and "<a " not in rendered and "<img" not in rendered
    assert "<strong>$7 million</strong>" in rendered


# --- HTML ------------------------------------------------------------------------------------------

def test_html_parses_and_fetches_nothing(seeds, hostile, tiny):
    for documents, claims, findings in (seeds, hostile, tiny):
        page = report_html(documents, claims, findings)
        parser = parse(page)
        assert [t for t, _ in parser.tags].count("script") == 1
        for tag, attrs in parser.tags:
            assert tag not in {"img", "iframe", "link", "object", "embed", "a", "form", "base"}, tag
            assert not FETCHING & set(attrs), (tag, attrs)
            assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        assert not re.search(r"""\b(src|href)\s*=\s*["']?\s*(https?:)?//""", page)
        assert "url(" not in page and "@import" not in page
        csp = next(a["content"] for t, a in parser.tags if t == "meta" and a.get("http-equiv"))
        assert "default-src 'none'" in csp
        script = page.split("<script>", 1)[1].split("</script>", 1)[0]
        assert "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'" in csp


def test_html_escapes_hostile_text(hostile, tiny):
    for documents, claims, findings in (hostile, tiny):
        page = report_html(documents, claims, findings)
        assert "<script>alert" not in page and "<img" not in page and "<b>" not in page
        assert html.escape(SCRIPT) in page
        visible = "".join(parse(page).text)
        assert SCRIPT in visible and INJECT_MD in visible
    page = report_html(*hostile)
    assert html.escape(IMG) in page and "Jane &lt;b&gt;Doe&lt;/b&gt;" in page
    assert '<span class="url">http://example.com/roads</span>' in page and "href=" not in page
    assert "fact:pledge" in page  # a cited claim the report does not have is named, not a crash


def test_html_cards_have_verdict_and_source_attributes(seeds, hostile):
    for (documents, claims, findings), single in ((seeds, True), (seeds, False), (hostile, True)):
        page = report_html(documents, claims, findings, show_single=single)
        cards = [a for t, a in parse(page).tags if t == "article"]
        kept = [f for f in findings if single or f.verdict is not Verdict.SINGLE_SOURCE]
        expected = [f for _, found in stories(kept, claims) for f in found]  # problems by story first
        expected += sorted((f for f in kept if f.verdict in COLLAPSED), key=lambda f: ORDER.index(f.verdict))
        assert [c["id"] for c in cards] == [f.id for f in expected]
        ids = {d.id for d in documents}
        docs = {d.id: d for d in documents}
        by_id = {c.id: c for c in claims}
        for card, finding in zip(cards, expected):
            assert card["data-verdict"] == finding.verdict.value
            sources = list(dict.fromkeys(by_id[i].document for i in finding.claims if i in by_id))
            assert set(sources) <= ids
            if finding.verdict not in COLLAPSED:  # a full card names its documents; a compact row its outlets only
                assert json.loads(card["data-sources"]) == sources
            assert json.loads(card["data-outlets"]) == sorted({outlet(docs[s], s) for s in sources})
        boxes = {(a["name"], a["value"]) for t, a in parse(page).tags if t == "input"}
        assert {("outlet", outlet(d, d.id)) for d in documents} <= boxes  # outlets, not file paths
        assert (("verdict", "single-source") in boxes) is single


def test_html_highlights_claims_side_by_side(seeds):
    documents, claims, findings = seeds
    page = report_html(documents, claims, findings)
    for claim in cited(claims, findings):
        assert f"<mark>{html.escape(claim.text)}</mark>" in page
    by_id = {c.id: c for c in claims}
    two = next(f for f in findings if f.verdict is Verdict.CONTRADICTION)  # a problem: sources side by side
    card = page.split(f'id="{two.id}"', 1)[1].split("</article>", 1)[0]
    assert card.count('<div class="column">') == 2
    three = next(f for f in findings if len({by_id[i].document for i in f.claims}) == 3)  # an agreement: one row
    row = page.split(f'id="{three.id}"', 1)[1].split("</article>", 1)[0]
    assert '<div class="column">' not in row and all(html.escape(by_id[i].document) in row for i in three.claims)
    for label in ("contradicts", "internal", "agrees", "single source"):
        assert f">{label}</span>" in page


def test_html_is_deterministic(extractor, seeds):
    again = _extract(extractor, [str(ROOT / "seeds")])
    assert report_html(*seeds).encode() == report_html(*again).encode()
    assert report_markdown(*seeds).encode() == report_markdown(*again).encode()
