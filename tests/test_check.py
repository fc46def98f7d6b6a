"""`checker check`: the pre-publication check as a linter (exit codes, output,
suppression comments, baselines, a store as the corpus, ignore globs)."""

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


def test_baseline_survives_edits_elsewhere(work):
    (work / "draft.md").write_text(DRAFT)
    assert run("draft.md", "--against", "corpus", "--write-baseline", "baseline.json").exit_code == 1
    assert json.loads((work / "baseline.json").read_text())["schema"] == "checker.baseline/1"
    assert run("draft.md", "--against", "corpus", "--baseline", "baseline.json").exit_code == 0
    moved = DRAFT.replace("Japan pledged", "A new first paragraph, added later.\n\nJapan pledged")
    (work / "draft.md").write_text(moved)
    result = run("draft.md", "--against", "corpus", "--baseline", "baseline.json")
    assert result.exit_code == 0 and "in the baseline" in result.stdout


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
        (["draft.md", "--against", "corpus", "--baseline", "nope.json"], "nope.json: cannot read baseline"),
        (["draft.md", "--against", "corpus", "--baseline", "draft.md"], "draft.md:1: not JSON"),
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
