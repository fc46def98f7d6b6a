"""Reports that read right to an editor: problems first, ranked and grouped by story; the rest
collapsed to counts; `--only`; and the HTML filters (outlet, rule, severity, all / none)."""

from __future__ import annotations

import html
import json
import re

import pytest

from checker.engine import Finding, Severity, Verdict
from checker.render.digest import Archive, gathered
from checker.render.html import report_html
from checker.render.report import report_console
from checker.render.summary import PROBLEMS, document_list, parse_only

from .test_render_docs import IMG, SCRIPT, _claim, _doc, hostile, parse  # noqa: F401  (fixture)
from .test_report import SEEDS, run


def _finding(fid, verdict, claims, confidence=1.0, severity=Severity.ERROR, rule="figure-consistency"):
    return Finding(id=fid, rule=rule, verdict=verdict, severity=severity, claims=claims,
                   message=f"message {fid}", confidence=confidence)


@pytest.fixture(scope="module")
def corpus():
    """Five documents: a, b, c share a story through two findings; d, e another; agreements
    link a and d, which must not merge their stories."""
    from checker.models import Kind

    docs = [_doc(f"{n}.md", f"It cost ${i} million.\n", source=f"Outlet {n.upper()}") for i, n in enumerate("abcde", 1)]
    claims = [_claim(d, f"c{d.id[0]}", f"${i} million", Kind.MONEY, i * 1e6, "USD") for i, d in enumerate(docs, 1)]
    findings = [
        _finding("low", Verdict.CONTRADICTION, ["cd", "ce"], confidence=0.55),
        _finding("ab", Verdict.CONTRADICTION, ["ca", "cb"], confidence=0.7),
        _finding("agree", Verdict.AGREEMENT, ["ca", "cd"], severity=Severity.INFO),
        _finding("bc", Verdict.CONTRADICTION, ["cb", "cc"], confidence=0.9),
        _finding("aa", Verdict.INTERNAL, ["ca", "ca"], confidence=0.8, severity=Severity.WARNING, rule="internal-x"),
        _finding("single", Verdict.SINGLE_SOURCE, ["ce"], severity=Severity.INFO, rule="single-source"),
        _finding("fact", Verdict.CONTRADICTION, ["fact:pledge"], confidence=0.6, rule="fact-sheet"),
    ]
    return docs, claims, findings


def test_stories_group_overlapping_documents_and_rank_by_confidence(corpus):
    docs, claims, findings = corpus
    with gathered(findings, Archive.of_memory(docs, claims), PROBLEMS) as digest:
        ranked = digest.stories
        problems = list(digest.problems())
    assert [s.documents for s in ranked] == [["a.md", "b.md", "c.md"], [], ["d.md", "e.md"]]
    assert [(place, cited.finding.id) for place, cited in problems] == [
        (0, "bc"), (0, "aa"), (0, "ab"), (1, "fact"), (2, "low")]
    assert [(s.size, s.confidence) for s in ranked] == [(3, 0.9), (1, 0.6), (1, 0.55)]
    assert [document_list(s, 2) for s in ranked] == ["a.md, b.md and 1 more", "a fact sheet", "d.md, e.md"]


def test_console_leads_with_stories_and_collapses_the_rest(corpus):
    from checker.commands.common import plain

    _, claims, findings = corpus
    text = plain(report_console(claims, findings))
    assert text.index("Needs attention: 5 findings in 3 stories") < text.index("Story 1 · 3 findings")
    assert text.index("Story 1") < text.index("Story 2") < text.index("Story 3 · 1 finding · confidence up to 0.55 · 2 documents: d.md, e.md")
    assert text.index("message bc") < text.index("message aa") < text.index("message ab") < text.index("message low")
    assert "Agreements: 1 (figure-consistency 1); list them with --only agreement" in text
    assert "message agree" not in text and "message single" not in text
    listed = plain(report_console(claims, findings, only=frozenset({Verdict.AGREEMENT})))
    assert "message agree" in listed and "Agreements: 1" not in listed


def test_by_source_numbers_carry_their_nouns(corpus):
    from checker.commands.common import plain

    _, claims, findings = corpus
    text = plain(report_console(claims, findings))
    listing = text[text.index("by source:\n"):].splitlines()[1:]
    assert listing[:2] == ["  a.md", "    1 claim; findings: 1 contradiction, 1 internal, 1 agreement"]  # "aa" once
    assert listing[2:4] == ["  b.md", "    1 claim; findings: 2 contradictions"]
    assert "  e.md" in listing and "    1 claim; findings: 1 contradiction, 1 single-source" in listing
    counts = listing[1::2]
    assert counts and all(re.fullmatch(r"    \d+ claims?; findings: \d+ [a-z-]+(, \d+ [a-z-]+)*", c) for c in counts)


def test_only_on_the_command_line():
    result = run("report", SEEDS, "--only", "contradictions,internal", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert {f["verdict"] for f in json.loads(result.stdout)["findings"]} == {"contradiction", "internal"}
    console = run("report", SEEDS, "--only", "agreement")
    assert console.exit_code == 0 and "Needs attention" not in console.stdout
    assert console.stdout.count(" agrees ") == 4 and re.search(r"^4 findings: 4 agreements$", console.stdout, re.MULTILINE)
    assert parse_only("Contradiction, single-source") == {Verdict.CONTRADICTION, Verdict.SINGLE_SOURCE}


@pytest.mark.parametrize("value", ["nope", "contradictions,agreed", ","])
def test_only_with_a_bad_name_is_a_usage_error(value):
    result = run("report", SEEDS, "--only", value)
    assert result.exit_code == 2 and result.stdout == ""
    first = result.stderr.splitlines()[0]
    assert first.startswith("checker: error: Invalid value for '--only': ") and "choose from" in first
    assert "Traceback" not in result.stderr


def test_html_leads_with_stories_and_collapses_agreements(corpus):
    page = report_html(*corpus)
    parse(page)
    main = page.split("<main>", 1)[1]
    assert main.index('<section class="verdict problems" data-count>') < main.index('<details class="verdict" data-verdict="agreement" data-count>')
    assert '<h2>Needs attention (<span class="count">5</span>)</h2>' in main
    assert '<h3>Story 1 · <span class="count">3</span> <span class="count-word">findings</span> · confidence up to 0.90</h3>' in main
    assert '<summary><h2>Agreements (<span class="count">1</span>)</h2><div class="rules">figure-consistency 1</div></summary>' in main
    assert "<details open" not in page  # collapsed until opened
    row = main.split('id="agree"', 1)[1].split("</article>", 1)[0]
    assert 'class="column"' not in row and "message agree" not in row and "data-sources" not in row
    assert "a.md: <mark>$1 million</mark> <code>1,000,000 USD</code> · d.md: <mark>$4 million</mark>" in row


def test_html_filters_by_outlet_rule_and_severity_with_all_and_none(corpus):
    documents, claims, findings = corpus
    tags = parse(report_html(documents, claims, findings)).tags
    boxes = {}
    for tag, attrs in tags:
        if tag == "input":
            boxes.setdefault(attrs["name"], []).append(attrs["value"])
    assert boxes["outlet"] == [f"Outlet {n}" for n in "ABCDE"]  # the outlet's name, never the file path
    assert boxes["rule"] == ["fact-sheet", "figure-consistency", "internal-x", "single-source"]
    assert boxes["severity"] == ["error", "warning", "info"]
    assert [a["data-select"] for t, a in tags if t == "button"] == ["all", "none"] * 4
    cards = {a["id"]: a for t, a in tags if t == "article"}
    assert json.loads(cards["ab"]["data-outlets"]) == ["Outlet A", "Outlet B"]
    assert cards["aa"]["data-rule"] == "internal-x" and cards["aa"]["data-severity"] == "warning"


def test_html_outlet_falls_back_to_title_then_file_name():
    from checker.models import Kind

    titled, bare = _doc("x/t.md", "It cost $1 million.\n", title="A Title"), _doc("x/plain.md", "It cost $2 million.\n")
    claims = [_claim(titled, "ct", "$1 million", Kind.MONEY, 1e6, "USD"), _claim(bare, "cp", "$2 million", Kind.MONEY, 2e6, "USD")]
    tags = parse(report_html([titled, bare], claims, [_finding("f", Verdict.CONTRADICTION, ["ct", "cp"])])).tags
    assert [a["value"] for t, a in tags if t == "input" and a["name"] == "outlet"] == ["A Title", "plain.md"]


def test_html_escapes_hostile_outlets_rules_and_story_names(hostile):
    documents, claims, findings = hostile
    findings = [*findings, _finding("f9", Verdict.CONTRADICTION, ["ca1", "cb1"], rule=f"rule{IMG}")]
    page = report_html(documents, claims, findings)
    assert "<script>alert" not in page and "<img" not in page
    parser = parse(page)
    values = {(a["name"], a["value"]) for t, a in parser.tags if t == "input"}
    assert ("outlet", SCRIPT) in values and ("rule", f"rule{IMG}") in values  # the browser reads them back exactly
    assert f'value="{html.escape(SCRIPT)}"' in page
    assert any(SCRIPT in json.loads(a["data-outlets"]) for t, a in parser.tags if t == "article")
    assert "2 documents: news/a|evil_*doc*.md, news/b.md" in "".join(parser.text)  # the story's documents, as text
