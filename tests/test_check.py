"""`checker check`: the pre-publication check as a linter (exit codes, output,
suppression comments, a store as the corpus, ignore globs)."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from typer.testing import CliRunner

from checker.cli import app

from .conftest import ROOT

DRAFT = """---
title: Draft
published: 2025-11-07
---
Japan pledged $500 billion in investments in the United States, officials said.

Takaichi described Trump as "cheerful and engaging" after the call.
"""
CLEAN = """---
published: 2025-11-07
---
In return, Japan pledged approximately $550 billion in investments, officials said.
"""


@pytest.fixture
def work(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "seeds", tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args):
    return CliRunner().invoke(app, ["check", *args], env={"COLUMNS": "200", "NO_COLOR": "1"})


def test_contradictions_fail_with_compiler_style_lines(work):
    (work / "draft.md").write_text(DRAFT)
    result = run("draft.md", "--against", "corpus")
    assert result.exit_code == 1, result.stderr
    lines = result.stdout.splitlines()
    assert re.match(r"draft\.md:5:15: error \[figure-consistency\] ", lines[0])
    assert lines[1].startswith("    corpus/")  # the corpus sentence it disagrees with
    assert any(re.match(r"draft\.md:7:\d+: error \[quote-consistency\] ", line) for line in lines)
    assert lines[-1].startswith("draft.md: ") and "2 contradicted" in lines[-1] and "errors" in lines[-1]


def test_a_supported_draft_passes(work):
    (work / "draft.md").write_text(CLEAN)
    result = run("draft.md", "--against", "corpus")
    assert result.exit_code == 0, result.stdout
    assert "1 supported" in result.stdout


def test_fail_on_lower_severities(work):
    (work / "draft.md").write_text(CLEAN + "\nThe port will handle 12 million tonnes a year.\n")
    assert run("draft.md", "--against", "corpus").exit_code == 0
    assert run("draft.md", "--against", "corpus", "--fail-on", "warning").exit_code == 0
    info = run("draft.md", "--against", "corpus", "--fail-on", "info")
    assert info.exit_code == 1 and "[single-source]" in info.stdout
    (work / "checker.toml").write_text('[severity]\nsingle-source = "warning"\n')
    assert run("draft.md", "--against", "corpus", "--fail-on", "warning").exit_code == 1


def test_json_verdicts(work):
    (work / "draft.md").write_text(DRAFT + "\nThe port will handle 12 million tonnes a year.\n")
    report = json.loads(run("draft.md", "--against", "corpus", "-f", "json").stdout)
    assert report["schema"] == "checker.check/1"
    texts = {c["id"]: c["text"] for c in report["claims"]}
    status = {texts[v["claim"]]: v["status"] for v in report["verdicts"]}
    assert status["$500 billion"] == "contradicted" and status["cheerful and engaging"] == "contradicted"
    assert status["12 million tonnes"] == "unverifiable"


def test_inline_suppression(work):
    ignored = DRAFT.replace("Japan pledged $500", "<!-- checker: ignore figure-consistency -->\nJapan pledged $500")
    (work / "draft.md").write_text(ignored)
    result = run("draft.md", "--against", "corpus")
    assert "[figure-consistency]" not in result.stdout and "[quote-consistency]" in result.stdout
    assert "suppressed" in result.stdout.splitlines()[-1]
    blocked = DRAFT.replace("Japan pledged", "<!-- checker: off -->\nJapan pledged") + "<!-- checker: on -->\n"
    (work / "draft.md").write_text(blocked)
    result = run("draft.md", "--against", "corpus")
    assert result.exit_code == 0 and "error [" not in result.stdout


def test_a_store_as_the_corpus(work):
    assert CliRunner().invoke(app, ["ingest", "corpus"]).exit_code == 0
    (work / "draft.md").write_text(DRAFT)
    assert run("draft.md").exit_code == 1  # the default store
    assert run("draft.md", "--against", ".checker/claims.db").exit_code == 1


def test_ignore_globs_from_settings(work):
    (work / "drafts").mkdir()
    (work / "drafts" / "old.md").write_text(DRAFT)
    (work / "checker.toml").write_text('ignore = ["drafts/old.md"]\n')
    result = run("drafts", "--against", "corpus")
    assert result.exit_code == 0 and "old.md" not in result.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["missing.md", "--against", "corpus"], "missing.md: no such file or folder"),
        (["draft.md", "--against", "corpus", "--baseline", "nope.yaml"], "nope.yaml: cannot read baseline"),
        (["draft.md", "--against", "corpus", "--baseline", "draft.md"], "draft.md:4: but found another document"),
        (["draft.md", "--against", "corpus", "--fail-on", "fatal"], ""),
    ],
)
def test_usage_and_input_errors_exit_2(work, args, message):
    (work / "draft.md").write_text(DRAFT)
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_github_and_sarif_formats(work):
    (work / "draft.md").write_text(DRAFT)
    github = run("draft.md", "--against", "corpus", "-f", "github")
    assert github.exit_code == 1
    lines = github.stdout.splitlines()
    assert any(line.startswith("::error file=draft.md,line=5,col=15,") for line in lines)
    assert all(line.startswith("::error file=draft.md,") for line in lines)  # anchored at the draft
    sarif = json.loads(run("draft.md", "--against", "corpus", "-f", "sarif").stdout)
    assert sarif["version"] == "2.1.0"
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    assert "draft.md" in uris


# --- each draft on its own, verdicts an editor can read --------------------------------------------

RIGHT = CLEAN.replace("approximately $550 billion", "$550 billion") + "\nThe port will handle 12 million tonnes a year.\n"
WRONG = DRAFT.replace('Takaichi described Trump as "cheerful and engaging" after the call.\n', "") \
    + "\nThe port will handle 14 million tonnes a year.\n"


def _block(stdout: str, draft: str) -> list[str]:
    """One draft's lines: those at its own places and the indented ones under them."""
    lines, mine = [], False
    for line in stdout.splitlines():
        if not line.startswith("    "):
            mine = line.startswith(f"{draft}:")
        if mine:
            lines.append(line)
    return lines


def test_drafts_are_never_compared_with_each_other(work):
    (work / "drafts").mkdir()
    (work / "drafts" / "right.md").write_text(RIGHT)
    (work / "drafts" / "wrong.md").write_text(WRONG)
    result = run("drafts", "--against", "corpus")
    assert result.exit_code == 1
    right, wrong = _block(result.stdout, "drafts/right.md"), _block(result.stdout, "drafts/wrong.md")
    assert not any(" error [" in line for line in right)  # the correct figure is not flagged
    assert right[-1] == "drafts/right.md: 1 supported, 0 contradicted, 0 internally inconsistent, 1 unverifiable; 0 errors, 0 warnings"
    assert wrong[0].startswith("drafts/wrong.md:5:15: error [figure-consistency] ")
    assert wrong[-1] == "drafts/wrong.md: 0 supported, 1 contradicted, 0 internally inconsistent, 1 unverifiable; 1 error, 0 warnings"
    assert "drafts/right.md" not in "\n".join(wrong) and "drafts/wrong.md" not in "\n".join(right)
    assert "12 million" not in "\n".join(wrong)  # the tonnages of two drafts are not compared either


def test_a_restated_figure_is_supported_and_not_single_source(work):
    (work / "draft.md").write_text("---\npublished: 2025-11-07\n---\n"
                                   "Japan pledged $550 billion in investments in the United States, officials said.\n\n"
                                   "Critics in Tokyo questioned whether the $550 billion pledge could be financed.\n")
    result = run("draft.md", "--against", "corpus", "--fail-on", "info")
    assert result.exit_code == 0, result.stdout
    assert "[single-source]" not in result.stdout
    assert result.stdout.splitlines()[-1].startswith("draft.md: 2 supported, 0 contradicted, 0 internally inconsistent, 1 unverifiable")
    supported = [line for line in result.stdout.splitlines() if "note [supported]" in line]
    assert len(supported) == 2 and all(line.endswith(": 3 sources agree") for line in supported)
    assert "restates “$550 billion” at line 4" in supported[1]
    agrees = [line for line in _block(result.stdout, "draft.md") if ": agrees: " in line]
    assert len(agrees) == 6 and len({line.split(":")[0] for line in agrees}) == 3  # one statement per document


def test_agreements_count_and_list_documents(work):
    (work / "draft.md").write_text(RIGHT)
    report = json.loads(run("draft.md", "--against", "corpus", "-f", "json").stdout)
    texts = {c["id"]: c for c in report["claims"]}
    agreement = next(f for f in report["findings"] if f["verdict"] == "agreement")
    assert agreement["message"].startswith("3 sources agree with draft.md's “$550 billion”: ")
    assert agreement["message"].count("undated-takaichi-trump-phone-call-explainer.md says") == 1
    verdict = next(v for v in report["verdicts"] if texts[v["claim"]]["text"] == "$550 billion")
    assert len({texts[i]["document"] for i in verdict["agreeing"]}) == len(verdict["agreeing"]) == 3


def test_contradicted_lists_the_sources_on_each_side(work):
    (work / "draft.md").write_text('---\npublished: 2025-11-07\n---\n'
                                   'Takaichi described Trump as "cheerful and pleasant" after the call.\n')
    result = run("draft.md", "--against", "corpus")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert re.match(r"draft\.md:4:\d+: error \[quote-consistency\] ", lines[0])
    assert re.match(r"    corpus/undated-takaichi-trump-phone-call-explainer\.md:\d+: disagrees: .*cheerful and engaging", lines[1])
    assert re.match(r"    corpus/undated-global-economic-times-takaichi-trump-first-call\.md:\d+: agrees: .*cheerful and pleasant", lines[2])
    assert "1 contradicted" in lines[-1]
    report = json.loads(run("draft.md", "--against", "corpus", "-f", "json").stdout)
    documents = {c["id"]: c["document"] for c in report["claims"]}
    verdict = report["verdicts"][0]
    assert verdict["status"] == "contradicted"
    assert [documents[i] for i in verdict["disagreeing"]] == ["corpus/undated-takaichi-trump-phone-call-explainer.md"]
    assert [documents[i] for i in verdict["agreeing"]] == ["corpus/undated-global-economic-times-takaichi-trump-first-call.md"]


def test_counts_in_plain_words(work):
    (work / "draft.md").write_text(WRONG)
    summary = run("draft.md", "--against", "corpus").stdout.splitlines()[-1]
    assert summary.endswith("; 1 error, 0 warnings")
    (work / "checker.toml").write_text('[severity]\nsingle-source = "warning"\n')
    summary = run("draft.md", "--against", "corpus").stdout.splitlines()[-1]
    assert summary.endswith("; 1 error, 1 warning")
    for name, says in (("a.md", "pledged"), ("b.md", "has pledged")):
        (work / name).write_text(f"---\npublished: 2025-11-07\n---\nJapan {says} $550 billion in investments.\n")
    report = CliRunner().invoke(app, ["report", "a.md", "b.md"], env={"COLUMNS": "200"})
    assert report.exit_code == 0 and re.search(r"^1 finding: 1 agreement$", report.stdout, re.MULTILINE)
    markdown = CliRunner().invoke(app, ["report", "a.md", "b.md", "-f", "markdown"]).stdout
    html = CliRunner().invoke(app, ["report", "a.md", "b.md", "-f", "html"]).stdout
    assert "2 documents · 2 claims · 1 finding\n" in markdown and "2 documents · 2 claims · 1 finding</p>" in html
    assert "<title>Consistency report: 1 finding in 2 documents</title>" in html


# --- where the output goes, and how it looks -------------------------------------------------------

HOSTILE = (DRAFT.replace("title: Draft", "title: <img src=x>")
           + "\nThe port will handle 12 million tonnes a year <script>alert(1)</script>.\n")


def test_output_file_as_the_report_writes_it(work):
    (work / "draft.md").write_text(DRAFT)
    printed = run("draft.md", "--against", "corpus")
    written = run("draft.md", "--against", "corpus", "-o", "out.txt")
    assert written.exit_code == printed.exit_code == 1 and written.stdout == ""
    assert (work / "out.txt").read_text() == printed.stdout
    for target, message in [("draft.md", "draft.md: is one of this run's inputs"),
                            ("corpus/undated-takaichi-asean-security-and-ai-pivot.md", "is one of this run's inputs"),
                            ("missing/out.txt", "missing/out.txt: cannot write: its folder does not exist"),
                            ("corpus", "corpus: is a folder, not a file")]:
        refused = run("draft.md", "--against", "corpus", "-o", target)
        assert refused.exit_code == 2 and message in refused.stderr and "Traceback" not in refused.stderr
    (work / "link.txt").symlink_to(work / "out.txt")
    assert run("draft.md", "--against", "corpus", "-o", "link.txt").exit_code == 2


def test_html_output_escapes_the_drafts_text(work):
    (work / "draft.md").write_text(HOSTILE)
    result = run("draft.md", "--against", "corpus", "-f", "html", "-o", "check.html")
    assert result.exit_code == 1, result.stderr
    page = (work / "check.html").read_text()
    assert page.startswith("<!DOCTYPE html>") and "script-src &#x27;none&#x27;" in page  # no script at all
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;img src=x&gt;" in page
    for verdict in ("contradicted", "unverifiable"):
        assert f'data-verdict="{verdict}"' in page
    assert "Looked for: <code>12 million tonne</code>" in page and "1 draft · 3 claims · " in page


def test_colour_on_a_terminal_only(work):
    (work / "draft.md").write_text(DRAFT)
    plain = run("draft.md", "--against", "corpus")
    assert "\x1b[" not in plain.stdout
    coloured = CliRunner().invoke(app, ["check", "draft.md", "--against", "corpus"],
                                  env={"COLUMNS": "200", "FORCE_COLOR": "1", "NO_COLOR": None})
    assert coloured.exit_code == 1 and "\x1b[" in coloured.stdout
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured.stdout) == plain.stdout


@pytest.mark.parametrize("pledge, day, expected", [
    ("$500 billion", "October 27", "contradicted"),
    ("$550 billion", "October 25", "supported"),
])
def test_a_call_dated_in_other_words_is_checked_against_the_sources(work, pledge, day, expected):
    """"spoke by phone on October 27" dates the event the sources call "her inaugural phone
    call ... on October 25" and "phone call ... on Saturday": one event in other words."""
    (work / "draft.md").write_text(
        "---\npublished: 2025-10-31\n---\n"
        f"Japan has pledged {pledge} in investments in the United States, and the two leaders first spoke by phone on {day}.\n")
    report = json.loads(run("draft.md", "--against", "corpus", "-f", "json").stdout)
    texts = {c["id"]: c["text"] for c in report["claims"]}
    status = {texts[v["claim"]]: v["status"] for v in report["verdicts"]}
    assert status[pledge] == expected and status[day] == expected, status
