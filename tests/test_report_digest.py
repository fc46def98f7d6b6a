"""The console, Markdown and HTML reports of a store are written as they are read: the findings
go through a digest (counts, stories) and come back from disk section by section. The bytes are
those of the report of the same findings at hand, the problems in the order worked out in
memory, a large report leads with a bounded summary, and a run stopped part-way writes nothing."""

from __future__ import annotations

import html
import re

import pytest
from typer.testing import CliRunner

from checker.cli import app
from checker.commands.common import plain
from checker.engine import Finding, Severity, Verdict, check
from checker.engine.runs import SortedRuns
from checker.errors import StoreError
from checker.gather import stored
from checker.render import digest as digest_module
from checker.render import html as html_module
from checker.render.digest import TOP, Cited
from checker.render.markdown import report_markdown
from checker.render.report import report_console
from checker.render.summary import PROBLEMS, rank
from checker.store import open_store

from .story_order import problem_order
from .test_render_docs import SCRIPT, hostile, render_md  # noqa: F401  (fixture)
from .test_report_stream import _reported, _whole

FORMATS = ["console", "markdown", "html"]


def _spill_often(monkeypatch) -> list[int]:
    """Pages of two findings and runs of three on disk; the runs written, as they are written."""
    monkeypatch.setattr(digest_module, "PAGE", 2)
    monkeypatch.setattr(digest_module, "SPILLED", 3)
    written: list[int] = []
    original = SortedRuns._spill

    def spy(self):
        original(self)
        if self.model is Cited:
            written.append(len(self.runs))

    monkeypatch.setattr(SortedRuns, "_spill", spy)
    return written


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("corpus", ["devcorpus", "invented"])
def test_findings_kept_on_disk_give_the_report_of_the_findings_at_hand(corpus_locations, corpus, fmt, tmp_path,
                                                                       monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    expected = _whole(corpus_locations[corpus], fmt)  # every finding and claim in memory, nothing spilled
    written = _spill_often(monkeypatch)
    assert _reported(corpus_locations[corpus], fmt, tmp_path) == expected
    assert len(written) > 3


def _stored(location: str):
    with open_store(location, readonly=True) as db:
        extractions = stored(db)
    documents, claims = [e.document for e in extractions], [c for e in extractions for c in e.claims]
    return documents, claims, check(claims, documents)


def test_problems_come_story_by_story_in_the_order_worked_out_in_memory(corpus_locations, tmp_path, monkeypatch):
    location = corpus_locations["invented"]
    _, claims, findings = _stored(location)
    _spill_often(monkeypatch)
    page = _reported(location, "html", tmp_path)
    cards = re.findall(r'<article class="finding" id="([^"]+)"', page)  # full cards: the problems
    assert len(cards) > 50 and cards == problem_order(findings, claims)
    rows = re.findall(r'<article class="finding row" id="([^"]+)"', page)
    assert rows == [f.id for v in (Verdict.AGREEMENT, Verdict.SINGLE_SOURCE) for f in findings if f.verdict is v]


def test_a_large_report_leads_with_its_most_important_problems(corpus_stores, tmp_path, monkeypatch):
    location = corpus_stores["invented"]
    _, claims, findings = _stored(location)
    problems = [f for f in findings if f.verdict in PROBLEMS]
    assert len(problems) > digest_module.LARGE_PROBLEMS
    best = [f.id for _, f in sorted(enumerate(problems), key=lambda item: (rank(item[1]), item[0]))[:TOP]]

    text = _reported(location, "markdown", tmp_path)
    lead = text[:text.index("## Needs attention")]
    assert [m for m in re.findall(r"finding `([^`]+)`", lead)] == best
    assert re.findall(r"^(\d+)\. ", lead, re.MULTILINE) == [str(n) for n in range(1, TOP + 1)]
    assert "### By source document" not in text and "| Document |" not in lead
    assert text.index("## Single-source figures") < text.index("## By source document") < text.index("| Document |")

    console = _reported(location, "console", tmp_path)  # 80 columns: long lines wrap
    head = console[:console.index("Needs attention")]
    assert head.startswith(f"Summary: {len(claims)} claims · {len(findings)} findings: ")
    assert f"\nMost important {TOP} findings" in head
    numbered = re.findall(r"^ {0,2}(\d+)\. (?:contradicts|internal) ", head, re.MULTILINE)
    assert numbered == [str(n) for n in range(1, TOP + 1)] and len(head.splitlines()) < 6 * TOP


def test_a_small_report_keeps_its_layout(corpus_stores, tmp_path):
    text = _reported(corpus_stores["seeds"], "markdown", tmp_path)
    assert text.index("### By source document") < text.index("## Needs attention")
    assert "Most important" not in text and "\n## By source document" not in text
    assert not _reported(corpus_stores["seeds"], "console", tmp_path).startswith("Summary:")


def test_the_lead_of_a_large_report_shows_hostile_text_as_text(hostile, monkeypatch):  # noqa: F811
    monkeypatch.setattr(digest_module, "LARGE_PROBLEMS", 0)
    documents, claims, findings = hostile
    escapes = Finding(id="f6", rule="figure-consistency", verdict=Verdict.CONTRADICTION, severity=Severity.ERROR,
                      claims=["ca1"], message="\x1b[31mred [bold]markup[/bold]\nnext line", confidence=0.9)
    findings = [*findings, escapes]
    text = report_markdown(documents, claims, findings)
    lead = text[text.index("### Most important"):text.index("## Needs attention")]
    rendered = render_md(lead)
    for tag in ("<b>", "<script", "<img", "<a ", "<h1>", "<em>"):
        assert tag not in rendered, tag
    visible = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    assert SCRIPT in visible and "a|evil_*doc*.md" in visible and "\x1b" not in visible

    console = plain(report_console(claims, findings))
    head = console[:console.index("Needs attention")]
    assert SCRIPT in head and "[bold]markup[/bold]" in head and "\x1b" not in head
    assert "␛[31mred [bold]markup[/bold]␊next line" in "".join(head.split("\n"))  # shown, never obeyed


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("failure", ["interrupt", "store"])
def test_a_report_stopped_part_way_writes_nothing(corpus_stores, tmp_path, monkeypatch, fmt, failure):
    """Ctrl-C, or a store that fails, once the report has begun: the file named keeps what it
    held, and no temporary file is left beside it."""
    out = tmp_path / f"report.{fmt}"
    out.write_text("the report an editor kept\n", encoding="utf-8")
    calls = []
    original = digest_module._page

    def failing(findings, archive):
        calls.append(len(findings))
        if len(calls) > 2:  # after two pages have been written out
            raise KeyboardInterrupt if failure == "interrupt" else StoreError("cannot read the store: gone", path="x")
        return original(findings, archive)

    monkeypatch.setattr(digest_module, "PAGE", 2)
    monkeypatch.setattr(digest_module, "_page", failing)
    result = CliRunner().invoke(app, ["report", "--store", corpus_stores["invented"], "-f", fmt, "-o", str(out)])
    assert result.exit_code == (130 if failure == "interrupt" else StoreError.exit_code), result.output
    assert len(calls) == 3
    assert out.read_text(encoding="utf-8") == "the report an editor kept\n"
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


def test_a_report_that_fails_while_its_findings_are_written_writes_nothing(corpus_stores, tmp_path, monkeypatch):
    out = tmp_path / "report.html"
    seen = []

    def failing(cited):
        seen.append(cited)
        if len(seen) > 3:
            raise KeyboardInterrupt
        return [f"<p>{html.escape(cited.finding.id)}</p>"]

    monkeypatch.setattr(html_module, "_card", failing)
    result = CliRunner().invoke(app, ["report", "--store", corpus_stores["invented"], "-f", "html", "-o", str(out)])
    assert result.exit_code == 130 and len(seen) == 4
    assert list(tmp_path.iterdir()) == []


def test_the_store_looks_up_what_a_report_cites(corpus_locations):
    with open_store(corpus_locations["devcorpus"], readonly=True) as db:
        whole = list(db.extractions())
        wanted = [claims[0].id for _, claims in whole if claims][:7] + ["c-not-stored"]
        found = list(db.claims_by_id(wanted))
        documents = list(db.documents_by_id([c.document for c in found] + ["not-stored.md"]))
        counts = db.claim_counts()
    by_id = {c.id: c for _, claims in whole for c in claims}
    assert [c.id for c in found] == sorted(wanted[:-1]) and all(c == by_id[c.id] for c in found)
    assert [d.id for d in documents] == sorted({c.document for c in found})
    assert counts == {d.id: len(claims) for d, claims in whole if claims}
