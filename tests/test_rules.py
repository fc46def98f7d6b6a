"""Each rule against its own pass/fail cases (tests/rule_cases/<rule id>.yaml), and the
ruleset's loading: strict rule files, extra folders, severity overrides, the rules commands."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from checker.cli import app
from checker.engine import (
    FactSheet,
    FactSheetError,
    RuleError,
    Ruleset,
    check,
    load_fact_sheet,
    load_ruleset,
)
from checker.engine.ruleset import default_rules_dir
from checker.models import Document

CASES = Path(__file__).parent / "rule_cases"


def load_cases():
    for path in sorted(CASES.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            yield pytest.param(path.stem, case, id=f"{path.stem}: {case['name']}")


def test_every_rule_has_cases_and_every_case_file_a_rule():
    assert {r.id for r in load_ruleset().rules} == {p.stem for p in CASES.glob("*.yaml")}


@pytest.mark.parametrize("rule_id, case", list(load_cases()))
def test_rule_case(rule_id, case, extractor):
    documents, claims = [], []
    for spec in case["documents"]:
        text = spec["text"]
        documents.append(Document(id=spec["id"], path=spec["id"], published=spec.get("published"),
                                  sha256=hashlib.sha256(text.encode()).hexdigest(), text=text))
        claims += extractor.text(text, published=spec.get("published"), document=spec["id"])
    rule = load_ruleset().get(rule_id)
    sheet = FactSheet.model_validate({"facts": case["facts"]}) if "facts" in case else None
    findings = check(claims, documents, ruleset=Ruleset([rule]), facts=sheet)
    texts = {c.id: c.text for c in claims}  # a fact sheet's fact is cited by its id, "fact:KEY"
    seen = [(f.verdict.value, [texts.get(i, i) for i in f.claims], f.message) for f in findings]
    for expected in case.get("expect") or []:
        assert any(
            verdict == expected["verdict"] and cited == expected["claims"] and expected.get("message", "") in message
            for verdict, cited, message in seen
        ), f"expected {expected}; found {seen}"
    for verdict in case.get("absent") or []:
        assert verdict not in {v for v, _, _ in seen}, f"unexpected {verdict}: {seen}"


# -- loading -------------------------------------------------------------------------------------

@pytest.fixture
def rules_copy(tmp_path):
    folder = tmp_path / "rules"
    folder.mkdir()
    for entry in default_rules_dir().iterdir():
        if entry.name.endswith(".yaml") and entry.name != "rates.yaml":
            (folder / entry.name).write_text(entry.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def test_default_rules_load_with_docs_and_examples():
    rules = load_ruleset().rules
    assert len(rules) == 12
    for rule in rules:
        assert rule.spec.description and rule.spec.example.bad and rule.spec.example.good


@pytest.mark.parametrize(
    "content, fragment",
    [
        ("description: x\ncheck: quote_consistency\nseverity: error\nexample: {bad: a, good: b}\ncolour: red\n", ":5: [colour] Extra inputs"),
        ("description: x\ncheck: no_such_check\nseverity: error\nexample: {bad: a, good: b}\n", "[check] no check named 'no_such_check'"),
        ("description: x\ncheck: quote_consistency\nseverity: fatal\nexample: {bad: a, good: b}\n", ":3: [severity]"),
        ("description: [unclosed\n", ":2: "),
    ],
)
def test_malformed_rule_file_is_one_line_with_file_and_line(tmp_path, content, fragment):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "my-rule.yaml").write_text(content, encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_ruleset([folder])
    assert "my-rule.yaml" in str(info.value) and fragment in str(info.value)
    assert "\n" not in str(info.value)


def test_a_user_folder_adds_and_replaces_rules(tmp_path, rules_copy):
    text = (rules_copy / "single-source.yaml").read_text().replace("severity: info", "severity: warning")
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "single-source.yaml").write_text(text)
    (mine / "strict-quotes.yaml").write_text((rules_copy / "quote-consistency.yaml").read_text())
    loaded = load_ruleset([mine])
    assert loaded.get("single-source").severity == "warning"
    assert loaded.get("strict-quotes").spec.check == "quote_consistency"


def test_severity_override_from_settings():
    assert load_ruleset(severities={"figure-consistency": "warning"}).get("figure-consistency").severity == "warning"
    with pytest.raises(RuleError, match="unknown rule 'nope'"):
        load_ruleset(severities={"nope": "info"})
    with pytest.raises(RuleError, match="error, warning or info"):
        load_ruleset(severities={"figure-consistency": "loud"})


def test_rules_commands(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    listed = runner.invoke(app, ["rules", "list"], env={"COLUMNS": "200"})
    assert listed.exit_code == 0
    assert all(rule.id in listed.stdout for rule in load_ruleset().rules)
    shown = runner.invoke(app, ["rules", "show", "conversion-consistency"], env={"COLUMNS": "200"})
    assert shown.exit_code == 0 and "bad:" in shown.stdout and "790 trillion yen" in shown.stdout
    missing = runner.invoke(app, ["rules", "show", "nope"])  # a name the user typed: a usage error
    assert missing.exit_code == 2 and missing.stderr.startswith("checker: error:")
    typo = runner.invoke(app, ["rules", "show", "figure-consistancy"])
    assert typo.exit_code == 2 and "did you mean 'figure-consistency'?" in typo.stderr
    (tmp_path / "checker.toml").write_text('[severity]\nsingle-source = "warning"\n')
    listed = runner.invoke(app, ["rules", "list"], env={"COLUMNS": "200"})
    assert "single-source" in listed.stdout and "warning" in listed.stdout


def test_malformed_fact_sheet(tmp_path):
    path = tmp_path / "facts.yaml"
    path.write_text("facts:\n  - key: pledge\n    kind: money\n    value: 5\n    predicate: pledge\n")
    with pytest.raises(FactSheetError, match=r"facts.yaml:2: \[facts.0.source\] Field required"):
        load_fact_sheet(path)
    assert FactSheetError.exit_code not in {RuleError.exit_code, 0, 1, 2}
