"""The same input gives byte-identical reports: across runs, and whatever the number of processes."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker.cli import app

from .conftest import ROOT

CORPUS = [str(ROOT / "seeds"), *(str(p) for p in sorted((ROOT / "tests" / "devcorpus").iterdir()) if p.is_dir() and p.name != "gold")]


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def stores(tmp_path_factory) -> dict[int, Path]:
    """The corpus ingested on one process and on two."""
    made = {}
    for jobs in (1, 2):
        store = tmp_path_factory.mktemp(f"jobs{jobs}") / "claims.db"
        run("ingest", *CORPUS, "--store", str(store), "--jobs", str(jobs))
        made[jobs] = store
    return made


@pytest.mark.parametrize("form", ["json", "markdown", "sarif", "html"])
def test_reports_are_identical_whatever_the_number_of_processes(stores, form):
    one, two = (run("report", "--store", str(stores[jobs]), "-f", form) for jobs in (1, 2))
    assert one == two
    assert len(one) > 10_000  # a real report, not two empty ones


def test_exports_are_identical_whatever_the_number_of_processes(stores):
    assert run("export", "--store", str(stores[1])) == run("export", "--store", str(stores[2]))


@pytest.mark.parametrize("form", ["json", "markdown"])
def test_reports_from_files_are_identical_across_runs(form):
    assert run("report", *CORPUS, "-f", form) == run("report", *CORPUS, "-f", form)
