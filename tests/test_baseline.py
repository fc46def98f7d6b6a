"""Baselines of `checker check`: a readable, sorted file of accepted findings (per draft, rule and
the claims' words, with a count), matched from any working folder and across edits elsewhere."""

from __future__ import annotations

import os
import re
import shutil

import pytest
import yaml
from typer.testing import CliRunner

from checker.baseline import HEADER, BaselineError, read_baseline
from checker.cli import app
from checker.engine import Finding, Severity, Verdict
from checker.models import Claim, Document, Kind

from .conftest import ROOT

FIGURE = """---
title: Draft
published: 2025-11-07
---
Japan pledged $500 billion in investments in the United States, officials said.
"""
QUOTE = '\nTakaichi described Trump as "cheerful and engaging" after the call.\n'


@pytest.fixture
def work(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "seeds", tmp_path / "corpus")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "draft.md").write_text(FIGURE + QUOTE)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args):
    return CliRunner().invoke(app, ["check", *args], env={"COLUMNS": "200", "NO_COLOR": "1"})


def test_write_baseline_records_every_problem_and_exits_0(work):
    assert run("drafts", "--against", "corpus").exit_code == 1
    result = run("drafts", "--against", "corpus", "--write-baseline", "b.yaml")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "recorded 2 findings in 1 file in b.yaml\n"
    text = (work / "b.yaml").read_text()
    assert text.startswith("# Findings `checker check` accepts")
    assert yaml.safe_load(text) == {"schema": "checker.baseline/2", "files": {"drafts/draft.md": {
        "figure-consistency": [{"claims": ["$500 billion"], "count": 1}],
        "quote-consistency": [{"claims": ["cheerful and engaging"], "count": 1}],
    }}}
    accepted = run("drafts", "--against", "corpus", "--baseline", "b.yaml")
    assert accepted.exit_code == 0 and "(2 in the baseline); 0 errors" in accepted.stdout
    with_output = run("drafts", "--against", "corpus", "--write-baseline", "b.yaml", "-f", "json", "-o", "out.json")
    assert with_output.stdout == result.stdout and '"rule": "figure-consistency"' in (work / "out.json").read_text()


def test_the_written_file_is_the_same_from_any_folder_and_run(work):
    """Sorted, and paths from the baseline's folder: a re-recorded baseline differs only where findings did."""
    assert run("drafts", "--against", "corpus", "--write-baseline", "b.yaml").exit_code == 0
    first = (work / "b.yaml").read_bytes()
    os.chdir(work / "drafts")
    assert run(".", "--against", "../corpus", "--write-baseline", "../b.yaml").exit_code == 0
    assert (work / "b.yaml").read_bytes() == first
    assert run(str(work / "drafts" / "draft.md"), "--against", str(work / "corpus"),
               "--baseline", str(work / "b.yaml"), "--write-baseline", str(work / "b.yaml")).exit_code == 0
    assert (work / "b.yaml").read_bytes() == first  # the accepted findings are recorded again, not dropped
    entries = yaml.safe_load(first)["files"]["drafts/draft.md"]
    assert list(entries) == sorted(entries)


def test_a_baseline_applies_from_another_working_folder(work):
    assert run("drafts", "--against", "corpus", "--write-baseline", "b.yaml").exit_code == 0
    (work / "elsewhere").mkdir()
    os.chdir(work / "elsewhere")
    result = run("../drafts/draft.md", "--against", "../corpus", "--baseline", "../b.yaml")
    assert result.exit_code == 0, result.stdout
    assert "2 in the baseline" in result.stdout
    moved = work / "copy"  # the whole tree checked out somewhere else
    shutil.copytree(work, moved, ignore=shutil.ignore_patterns("elsewhere", "copy"))
    os.chdir(moved / "corpus")
    assert run("../drafts", "--against", ".", "--baseline", "../b.yaml").exit_code == 0


def test_a_baseline_survives_edits_that_move_the_claims(work):
    assert run("drafts", "--against", "corpus", "--write-baseline", "b.yaml").exit_code == 0
    moved = FIGURE.replace("Japan pledged", "A new first paragraph, added later.\n\nJapan  pledged") + QUOTE
    (work / "drafts" / "draft.md").write_text(moved.replace("after the call", "after the\ncall"))
    result = run("drafts", "--against", "corpus", "--baseline", "b.yaml")
    assert result.exit_code == 0 and "2 in the baseline" in result.stdout


def test_a_new_finding_is_reported_past_the_baseline(work):
    (work / "drafts" / "draft.md").write_text(FIGURE)
    assert run("drafts", "--against", "corpus", "--write-baseline", "b.yaml").exit_code == 0
    (work / "drafts" / "draft.md").write_text(FIGURE + QUOTE)
    result = run("drafts", "--against", "corpus", "--baseline", "b.yaml")
    assert result.exit_code == 1
    assert "[quote-consistency]" in result.stdout and "[figure-consistency]" not in result.stdout
    assert "(1 in the baseline); 1 error" in result.stdout
    (work / "drafts" / "other.md").write_text(FIGURE)  # the same words in another draft are not accepted
    assert "drafts/other.md:5:15: error [figure-consistency]" in run("drafts", "--against", "corpus",
                                                                     "--baseline", "b.yaml").stdout


def test_accepted_findings_that_no_longer_occur_are_pointed_out(work):
    assert run("drafts", "--against", "corpus", "--write-baseline", "b.yaml").exit_code == 0
    (work / "drafts" / "other.md").write_text(FIGURE.replace("$500", "$550"))
    assert run("drafts/other.md", "--against", "corpus", "--baseline", "b.yaml").stderr == ""  # not this draft's
    (work / "drafts" / "draft.md").write_text(FIGURE.replace("$500", "$550") + QUOTE)  # the figure is fixed
    result = run("drafts", "--against", "corpus", "--baseline", "b.yaml")
    assert result.exit_code == 0
    assert result.stderr == ("checker: warning: b.yaml: 1 accepted finding no longer found; record the baseline "
                             "again with --write-baseline to drop them\n")


def _finding_in(document: Document) -> tuple[Finding, dict[str, Claim]]:
    start = document.text.index("$500 billion")
    claim = Claim(id="c1", document=document.id, start=start, end=start + 12, text="$500 billion", kind=Kind.MONEY,
                  value=5e11, unit="USD", sentence=document.text[start:], sentence_start=start)
    other = claim.model_copy(update={"id": "c2", "document": "corpus/a.md"})
    finding = Finding(id="f1", rule="figure-consistency", verdict=Verdict.CONTRADICTION, severity=Severity.ERROR,
                      claims=["c1", "c2"], message="differs")
    return finding, {"c1": claim, "c2": other}


@pytest.mark.parametrize("count", [1, 2])
def test_each_accepted_finding_uses_one_of_its_count(work, count):
    (work / "b.yaml").write_text("schema: checker.baseline/2\nfiles:\n  drafts/draft.md:\n    figure-consistency:\n"
                                 f"    - claims: ['$500 billion']\n      count: {count}\n")
    document = Document(id="drafts/draft.md", path="drafts/draft.md", sha256="0", text=FIGURE)
    finding, claims = _finding_in(document)
    baseline = read_baseline(work / "b.yaml")
    assert [baseline.accepts(document, finding, claims) for _ in range(3)] == [True] * count + [False] * (3 - count)
    other = finding.model_copy(update={"rule": "quote-consistency"})
    assert not read_baseline(work / "b.yaml").accepts(document, other, claims)


@pytest.mark.parametrize("text, message", [
    ("files: [\n", "b.yaml:2: expected the node content, but found '<stream end>'"),
    ("schema: checker.baseline/2\nfiles:\n  d.md:\n    figure-consistency:\n    - claims: [x]\n      count: 0\n",
     "b.yaml:6: [files.d.md.figure-consistency.0.count] Input should be greater than or equal to 1"),
    ("schema: checker.baseline/2\nfiles:\n  d.md:\n    figure-consistency:\n    - claims: []\n      count: 1\n",
     "b.yaml:5: [files.d.md.figure-consistency.0.claims] List should have at least 1 item after validation, not 0"),
    ("schema: checker.baseline/2\nfiles:\n  d.md: 3\n", "b.yaml:3: [files.d.md] Input should be a valid dictionary"),
    ("schema: checker.baseline/2\nfiles: {}\nfindings: []\n", "b.yaml:3: [findings] Extra inputs are not permitted"),
    ('{"schema": "checker.baseline/1", "findings": ["ab12"]}\n',
     "b.yaml:1: a baseline in an older format (checker.baseline/1): record it again with --write-baseline"),
    ("- 1\n- 2\n", "b.yaml:1: not a checker baseline (expected schema: checker.baseline/2)"),
], ids=["not-yaml", "count-0", "no-claims", "wrong-type", "unknown-key", "old-format", "not-a-baseline"])
def test_a_malformed_baseline_is_one_line_naming_file_and_line(work, text, message):
    (work / "b.yaml").write_text(text)
    result = run("drafts", "--against", "corpus", "--baseline", "b.yaml")
    assert result.exit_code == 2  # `check`'s contract: every input error is exit 2
    assert result.stderr == f"checker: error: {message}\n"
    with pytest.raises(BaselineError) as raised:
        read_baseline(work / "b.yaml")
    assert raised.value.exit_code == 15  # its own code wherever a command keeps them apart


def test_a_failed_run_writes_no_baseline(work):
    """Nothing is recorded when the check cannot finish, and an old baseline is left as it was."""
    (work / "b.yaml").write_text("old\n")
    (work / "facts.yaml").write_text("facts: [\n")
    result = run("drafts", "--against", "corpus", "--facts", "facts.yaml", "--write-baseline", "b.yaml")
    assert result.exit_code == 2 and "facts.yaml:2:" in result.stderr
    assert (work / "b.yaml").read_text() == "old\n"
    assert sorted(p.name for p in work.iterdir()) == ["b.yaml", "corpus", "drafts", "facts.yaml"]


def test_the_readme_example_is_a_baseline_as_written(work):
    readme = (ROOT / "README.md").read_text()
    example = re.search(r"<!-- baseline-example -->\n```yaml\n(.*?)```\n", readme, re.DOTALL).group(1)
    assert example.startswith(HEADER)
    (work / "drafts" / "port.md").write_text(FIGURE + QUOTE)
    (work / "b.yaml").write_text(example)
    result = run("drafts/port.md", "--against", "corpus", "--baseline", "b.yaml")
    assert result.exit_code == 0 and "(2 in the baseline)" in result.stdout
    assert run("drafts/port.md", "--against", "corpus", "--write-baseline", "b.yaml").exit_code == 0
    assert (work / "b.yaml").read_text() == example  # the file checker writes for that draft, to the byte
