"""The report command: the JSON contract, the console view, fact sheets and the store."""

from __future__ import annotations

import json
import re

from typer.testing import CliRunner

from checker.cli import app
from checker.engine import FactSheetError

from .conftest import ROOT

SEEDS = str(ROOT / "seeds")


def run(*args):
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "80", "NO_COLOR": "1"})


def test_json_report_contract():
    result = run("report", SEEDS, "-f", "json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["schema"] == "checker.report/1"
    assert set(report["documents"][0]) >= {"id", "path", "title", "source", "published"}
    assert set(report["claims"][0]) >= {"id", "document", "start", "end", "text", "kind", "value", "unit"}
    ids = {c["id"] for c in report["claims"]}
    for finding in report["findings"]:
        assert set(finding) >= {"id", "rule", "verdict", "severity", "claims", "message"}
        assert finding["verdict"] in {"agreement", "contradiction", "internal", "single-source"}
        assert finding["severity"] in {"error", "warning", "info"}
        assert set(finding["claims"]) <= ids
    assert run("report", SEEDS, "-f", "json").stdout == result.stdout  # byte for byte


def test_console_report_has_badges_and_a_summary():
    result = run("report", SEEDS)
    assert result.exit_code == 0
    assert "contradicts" in result.stdout and "internal" in result.stdout and "agreement" in result.stdout
    lines = result.stdout.splitlines()
    summary = next(i for i, line in enumerate(lines) if re.match(r"\d+ findings: ", line))
    assert lines[summary + 1] == "by source:" and lines[summary + 2].startswith("  seeds/")
    for path, counts in zip(lines[summary + 2::2], lines[summary + 3::2]):  # each number with its noun
        assert path.startswith("  seeds/") and re.fullmatch(r"    \d+ claims; findings: \d+ [a-z-]+(, \d+ [a-z-]+)*", counts)
    assert max(len(line) for line in lines) <= 80
    assert "\x1b[" not in result.stdout


def test_report_from_the_store(tmp_path):
    store = str(tmp_path / "claims.db")
    assert run("ingest", SEEDS, "--store", store).exit_code == 0
    from_store = json.loads(run("report", "--store", store, "-f", "json").stdout)
    assert {f["verdict"] for f in from_store["findings"]} >= {"agreement", "contradiction", "internal"}


def test_fact_sheet(tmp_path):
    sheet = tmp_path / "facts.yaml"
    sheet.write_text(
        "facts:\n  - {key: pledge, kind: money, value: 500000000000, unit: USD, subject: Japan,"
        " predicate: pledge, source: a wrong memo}\n"
    )
    report = json.loads(run("report", SEEDS, "-f", "json", "--facts", str(sheet)).stdout)
    assert any(f["rule"] == "fact-sheet" and f["verdict"] == "contradiction" and "a wrong memo" in f["message"]
               for f in report["findings"])
    sheet.write_text("facts: nope\n")
    bad = run("report", SEEDS, "--facts", str(sheet))
    assert bad.exit_code == FactSheetError.exit_code and "facts.yaml:1:" in bad.stderr
