"""Every YAML file a user writes is read with the safe loader: a Python tag is an error, never run."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from checker.cli import app

PAYLOAD = "!!python/object/apply:os.system ['touch {marker}']"


@pytest.mark.parametrize(("name", "layout", "args", "code"), [
    ("front matter", {"a.md": "---\ntitle: {payload}\n---\nThe port cost $5 million.\n"}, ["claims", "a.md"], 4),
    ("rules file", {"a.md": "The port cost $5 million.\n",
                    "mine/evil.yaml": "description: {payload}\ncheck: single_source\nseverity: info\n"},
     ["report", "a.md", "--rules", "mine"], 13),
    ("fact sheet", {"a.md": "The port cost $5 million.\n", "facts.yaml": "facts: {payload}\n"},
     ["report", "a.md", "--facts", "facts.yaml"], 14),
    ("fact sheet named in settings", {"a.md": "The port cost $5 million.\n",
                               "checker.toml": 'facts = "facts.yaml"\n', "facts.yaml": "facts:\n  - {payload}\n"},
     ["report", "a.md"], 14),
])
def test_python_tags_are_refused_not_run(tmp_path, monkeypatch, name, layout, args, code):
    monkeypatch.chdir(tmp_path)
    marker = tmp_path / "executed"
    for path, text in layout.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text.format(payload=PAYLOAD.format(marker=marker)), encoding="utf-8")
    result = CliRunner().invoke(app, args, env={"COLUMNS": "200"})
    assert not marker.exists(), f"the {name} ran code"
    assert result.exit_code == code, result.output
    assert result.stderr.startswith("checker: error: ") and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
