"""The committed reports in reports/ are what `bash reports/regenerate.sh` writes now."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from checker.cli import app

from .conftest import ROOT


@pytest.mark.parametrize("name, fmt", [("seeds.md", "markdown"), ("seeds.html", "html")])
def test_committed_report_is_fresh(name, fmt, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)  # document ids are paths relative to the working folder
    out = tmp_path / name
    result = CliRunner().invoke(app, ["report", "seeds/", "--format", fmt, "--output", str(out)])
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes() == (ROOT / "reports" / name).read_bytes(), \
        f"reports/{name} is stale: run `bash reports/regenerate.sh` and commit the result"
