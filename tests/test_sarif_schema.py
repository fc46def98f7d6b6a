"""SARIF from `check` and `report`, validated against the official SARIF 2.1.0 JSON schema.

The schema is the OASIS committee's own file, kept beside the project in
`../shared/schemas/` (its README says where it comes from); the validator is
the `jsonschema` package, one of the test extras (`pip install -e '.[test]'`).
Where the schema file is missing the tests skip and say so, rather than pass
without having validated anything.
"""

from __future__ import annotations

import json
import shutil

import jsonschema
import pytest
from typer.testing import CliRunner

from checker.cli import app

from .conftest import ROOT

SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
DRAFT = """---
title: Draft <b>bold</b>
published: 2025-11-07
---
Japan pledged $500 billion in investments in the United States, officials said.

Takaichi described Trump as "cheerful and engaging" after the call.

The port will handle 12 million tonnes a year.
"""


@pytest.fixture(scope="module")
def validator():
    if not SCHEMA.is_file():
        pytest.skip(f"the official SARIF schema is not at {SCHEMA} (../shared/ is not beside this checkout)")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@pytest.fixture
def work(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "seeds", tmp_path / "corpus")
    (tmp_path / "draft.md").write_text(DRAFT)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _valid(validator, text: str) -> dict:
    log = json.loads(text)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:10])
    return log


@pytest.mark.parametrize("args", [
    ["check", "draft.md", "--against", "corpus", "-f", "sarif"],
    ["check", "draft.md", "--against", "corpus", "-f", "sarif", "--fail-on", "info"],
    ["report", "corpus", "draft.md", "-f", "sarif"],
])
def test_sarif_matches_the_official_schema(validator, work, args):
    result = CliRunner().invoke(app, args)
    assert result.exit_code in (0, 1), result.stderr
    log = _valid(validator, result.stdout)
    assert log["runs"][0]["results"], "a run with results, so the results' schema is exercised"


def test_the_validator_catches_a_broken_log(validator):
    """The schema really is applied: a level SARIF does not know is an error."""
    broken = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "checker"}},
                                           "results": [{"message": {"text": "x"}, "level": "fatal"}]}]}
    assert list(validator.iter_errors(broken))


def test_a_store_sarif_log_matches_the_official_schema(validator, work):
    """The log written a result at a time over a store is as valid as the whole one."""
    ingested = CliRunner().invoke(app, ["ingest", "--store", "claims.db", "corpus", "draft.md"])
    assert ingested.exit_code == 0, ingested.stderr
    result = CliRunner().invoke(app, ["report", "--store", "claims.db", "-f", "sarif"])
    assert result.exit_code in (0, 1), result.stderr
    log = _valid(validator, result.stdout)
    assert len(log["runs"][0]["results"]) > 1, "results joined in pieces, so the joins are exercised"
