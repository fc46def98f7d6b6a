"""Fact sheets: the README's example (loaded here, so the documentation cannot rot), `check --facts`
and `checker facts init`, which proposes a sheet from what the corpus's sources agree on."""

from __future__ import annotations

import json
import re
import shutil

import pytest
import yaml
from typer.testing import CliRunner

from checker.cli import app
from checker.engine import FactSheetError, load_fact_sheet, load_ruleset
from checker.extract import Extractor
from checker.sheetwriter import propose_sheet

from .conftest import ROOT

DRAFT = """---
title: Draft
published: 2025-11-07
---
Japan pledged $500 billion in investments in the United States, officials said.
"""


def readme_example() -> str:
    """The fenced YAML block after the README's `<!-- fact-sheet-example -->` marker."""
    readme = (ROOT / "README.md").read_text()
    found = re.search(r"<!-- fact-sheet-example -->\n```yaml\n(.*?)```\n", readme, re.DOTALL)
    assert found, "README.md has no fact sheet example"
    return found.group(1)


@pytest.fixture
def work(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "seeds", tmp_path / "corpus")
    (tmp_path / "facts.yaml").write_text(readme_example())
    (tmp_path / "draft.md").write_text(DRAFT)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args):
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "200", "NO_COLOR": "1"})


def _line_of(text: str, key: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if f"key: {key}" in line)


def test_the_readme_example_loads_and_the_seed_corpus_agrees_with_it(work):
    sheet, _ = load_fact_sheet(work / "facts.yaml")
    assert [f.key for f in sheet.facts] == ["japan-us-investment-pledge", "japan-defence-spending-target",
                                            "eu-japan-summit"]
    report = json.loads(run("report", "corpus", "--facts", "facts.yaml", "-f", "json").stdout)
    verdicts = {(f["claims"][-1], f["verdict"]) for f in report["findings"] if f["rule"] == "fact-sheet"}
    assert {v for _, v in verdicts} == {"agreement"}
    assert {fact for fact, _ in verdicts} == {f"fact:{f.key}" for f in sheet.facts}  # each fact is used


def test_check_names_the_sheet_and_the_facts_line(work):
    line = _line_of(readme_example(), "japan-us-investment-pledge")
    result = run("check", "draft.md", "--against", "corpus", "--facts", "facts.yaml")
    assert result.exit_code == 1
    head = next(x for x in result.stdout.splitlines() if "[fact-sheet]" in x)
    assert head.startswith("draft.md:5:15: error [fact-sheet] ")
    assert f"japan-us-investment-pledge (US-Japan joint statement, 2025-09-04; facts.yaml:{line})" in head
    assert f"    facts.yaml:{line}: disagrees: japan-us-investment-pledge" in result.stdout
    report = json.loads(run("check", "draft.md", "--against", "corpus", "--facts", "facts.yaml", "-f", "json").stdout)
    verdict = next(v for v in report["verdicts"] if "fact:japan-us-investment-pledge" in v["disagreeing"])
    assert verdict["status"] == "contradicted"
    github = run("check", "draft.md", "--against", "corpus", "--facts", "facts.yaml", "-f", "github").stdout
    assert re.search(rf"::error file=draft\.md,line=5,.*title=fact-sheet::.*facts\.yaml:{line}\)", github)


def test_check_reads_the_sheet_named_in_settings(work):
    assert "[fact-sheet]" not in run("check", "draft.md", "--against", "corpus").stdout
    (work / "checker.toml").write_text('facts = "facts.yaml"\n')
    assert "[fact-sheet]" in run("check", "draft.md", "--against", "corpus").stdout
    (work / "other.yaml").write_text("facts: []\n")  # --facts wins over the settings
    assert "[fact-sheet]" not in run("check", "draft.md", "--against", "corpus", "--facts", "other.yaml").stdout


def test_check_agrees_with_a_sheet_the_draft_matches(work):
    (work / "draft.md").write_text(DRAFT.replace("$500 billion", "$550 billion"))
    result = run("check", "draft.md", "--against", "corpus", "--facts", "facts.yaml", "-f", "json")
    assert result.exit_code == 0
    verdict = json.loads(result.stdout)["verdicts"][0]
    assert verdict["status"] == "supported" and "fact:japan-us-investment-pledge" in verdict["agreeing"]


@pytest.mark.parametrize("args, message", [
    (["--facts", "bad.yaml"], "bad.yaml:2: [facts.0.source] Field required"),
    (["--facts", "nofact.yaml"], "nofact.yaml:2: [facts.0] a fact needs a value, or low and/or high"),
    (["--facts", "facts.yaml", "-o", "facts.yaml"], "facts.yaml: is one of this run's inputs; refusing to write over it"),
], ids=["malformed", "no-value", "output-over-sheet"])
def test_check_refuses_a_bad_sheet_in_one_line(work, args, message):
    (work / "bad.yaml").write_text("facts:\n  - key: a\n    kind: money\n    value: 5\n    predicate: cost\n")
    (work / "nofact.yaml").write_text("facts:\n  - {key: a, kind: money, predicate: cost, source: memo}\n")
    before = (work / "facts.yaml").read_bytes()
    result = run("check", "draft.md", "--against", "corpus", *args)
    assert result.exit_code == 2 and result.stderr == f"checker: error: {message}\n"
    assert (work / "facts.yaml").read_bytes() == before


def test_a_fact_without_a_value_is_refused_by_report_too(work):
    (work / "nofact.yaml").write_text("facts:\n  - {key: a, kind: money, predicate: cost, source: memo}\n")
    result = run("report", "corpus", "--facts", "nofact.yaml")
    assert result.exit_code == FactSheetError.exit_code and "nofact.yaml:2: [facts.0]" in result.stderr


def test_facts_init_writes_a_sheet_that_loads_back_and_the_corpus_passes(work):
    result = run("facts", "init", "corpus", "-o", "sheet.yaml")
    assert result.exit_code == 0, result.stderr
    assert re.fullmatch(r"wrote \d+ facts to sheet\.yaml(; \d+ left out \(.*\))?\n", result.stdout)
    text = (work / "sheet.yaml").read_text()
    sheet, _ = load_fact_sheet(work / "sheet.yaml")
    keys = [f.key for f in sheet.facts]
    assert "japan-pledge-550-billion-usd" in keys and keys == sorted(keys)
    assert len(sheet.facts) == int(result.stdout.split()[1])
    pledge = next(f for f in sheet.facts if f.key == "japan-pledge-550-billion-usd")
    assert (pledge.kind, pledge.value, pledge.unit, pledge.predicate) == ("money", 550e9, "USD", "pledge")
    comment = text.split("- key: japan-pledge-550-billion-usd")[0].rsplit("agree:\n", 1)[1]
    assert len(re.findall(r"^  #   corpus/.*\.md:\d+: “.*\$550 billion”$", comment, re.MULTILINE)) == 3
    checked = run("check", "corpus", "--against", "corpus", "--facts", "sheet.yaml", "-f", "json")
    findings = [f for f in json.loads(checked.stdout)["findings"] if f["rule"] == "fact-sheet"]
    assert findings and {f["verdict"] for f in findings} == {"agreement"}
    report = json.loads(run("report", "corpus", "--facts", "sheet.yaml", "-f", "json").stdout)
    assert {f["verdict"] for f in report["findings"] if f["rule"] == "fact-sheet"} == {"agreement"}


def test_facts_init_leaves_an_existing_file_unless_forced(work):
    (work / "sheet.yaml").write_text("an editor's work\n")
    refused = run("facts", "init", "corpus", "-o", "sheet.yaml")
    assert refused.exit_code == 17
    assert refused.stderr == "checker: error: sheet.yaml: already exists; pass --force to replace it\n"
    assert (work / "sheet.yaml").read_text() == "an editor's work\n"
    assert run("facts", "init", "corpus", "-o", "sheet.yaml", "--force").exit_code == 0
    assert load_fact_sheet(work / "sheet.yaml")[0].facts
    assert sorted(p.name for p in work.iterdir()) == ["corpus", "draft.md", "facts.yaml", "sheet.yaml"]


def test_facts_init_reads_the_store_without_paths(work):
    assert run("ingest", "corpus").exit_code == 0
    assert run("facts", "init", "-o", "sheet.yaml").exit_code == 0
    from_files = (work / "from-files.yaml")
    assert run("facts", "init", "corpus", "-o", str(from_files)).exit_code == 0
    assert (work / "sheet.yaml").read_text() == from_files.read_text()


def test_a_fact_the_corpus_contradicts_is_left_out(tmp_path, monkeypatch):
    """Two sources agree on the port's cost, a third says otherwise: no reference fact."""
    monkeypatch.chdir(tmp_path)
    texts = {"a.md": "The port cost $5 million to build, the city said.",
             "b.md": "The city said the port cost $5 million to build.",
             "c.md": "Building the port cost $9 million, the auditor found."}
    for name, text in texts.items():
        (tmp_path / name).write_text(f"---\npublished: 2025-03-0{len(name)}\n---\n{text}\n")
    extractions = list(Extractor().paths([tmp_path / n for n in texts]))
    agreed = propose_sheet(extractions[:2], load_ruleset())
    assert [(p.fact.value, p.fact.unit) for p in agreed.proposals] == [(5e6, "USD")]
    disputed = propose_sheet(extractions, load_ruleset())
    assert disputed.proposals == [] and disputed.left_out == 1
    assert disputed.text().endswith("facts: []\n") and yaml.safe_load(disputed.text()) == {"facts": []}


def test_untrusted_names_stay_inside_the_comments(work):
    """A file name with a line break cannot add a line of YAML to the sheet."""
    shutil.move(work / "corpus" / "undated-takaichi-trump-phone-call-explainer.md",
                work / "corpus" / "x\n  - key: injected\n.md")
    assert run("facts", "init", "corpus", "-o", "sheet.yaml").exit_code == 0
    text = (work / "sheet.yaml").read_text()
    assert "x␊  - key: injected␊.md" in text
    assert "injected" not in [f.key for f in load_fact_sheet(work / "sheet.yaml")[0].facts]
