"""The store's commands: ingest, claims --store, export, import, settings, and their errors."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest
from typer.testing import CliRunner

from checker.cli import app
from checker.errors import ConfigError, NewerStoreError, NotAStoreError, StoreError
from checker.store.migrations import LATEST
from checker.store.sqlite import APPLICATION_ID

from .conftest import ROOT


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args):
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "200", "NO_COLOR": "1"})


def test_ingest_reports_what_changed(workdir):
    first = run("ingest", "seeds")
    assert first.exit_code == 0, first.stderr
    assert "added 5, updated 0, unchanged 0, removed 0" in first.stdout
    assert (workdir / ".checker" / "claims.db").is_file()
    second = run("ingest", "seeds")
    assert "added 0, updated 0, unchanged 5, removed 0; 0 claims written" in second.stdout


def test_claims_from_the_store_with_filters(workdir):
    run("ingest", "seeds", "--store", "x.db")
    result = run("claims", "--store", "x.db", "--kind", "money", "--unit", "USD", "-f", "json")
    assert result.exit_code == 0, result.stderr
    claims = json.loads(result.stdout)["claims"]
    assert len(claims) == 4 and {c["value"] for c in claims} == {550e9}
    quotes = json.loads(run("claims", "--store", "x.db", "--speaker", "Trump", "-f", "json").stdout)["claims"]
    assert quotes and all(q["speaker"] == "Donald Trump" for q in quotes)


def test_export_and_import_round_trip(workdir):
    run("ingest", "seeds", "--store", "a.db")
    assert run("export", "--store", "a.db", "-o", "dump.jsonl").exit_code == 0
    imported = run("import", "dump.jsonl", "--store", "b.db")
    assert imported.exit_code == 0 and "imported 5 documents" in imported.stdout
    again = run("export", "--store", "b.db")
    assert again.stdout.splitlines()[1:] == (workdir / "dump.jsonl").read_text().splitlines()[1:]


@pytest.mark.parametrize("count", [1, 2])
def test_summaries_count_in_words(workdir, count):
    """"1 document, 1 claim", "2 documents, 2 claims": never "1 documents"."""
    folder = workdir / "few"
    for n in range(count):
        (folder / f"{n}.md").parent.mkdir(exist_ok=True)
        (folder / f"{n}.md").write_text(f"It cost ${n + 2} million.\n")
    ingested = run("ingest", "few", "--store", "a.db")
    claims = "1 claim written" if count == 1 else "2 claims written"
    assert ingested.exit_code == 0 and f"added {count}, updated 0, unchanged 0, removed 0; {claims}" in ingested.stdout
    assert run("export", "--store", "a.db", "-o", "dump.jsonl").exit_code == 0
    imported = run("import", "dump.jsonl", "--store", "b.db")
    words = "1 document, 1 claim" if count == 1 else "2 documents, 2 claims"
    assert imported.exit_code == 0 and f"imported {words} into b.db" in imported.stdout


def _foreign(path):
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE notes (x)")
    db.commit()


def _newer(path):
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute(f"PRAGMA user_version = {LATEST + 5}")
    db.execute("CREATE TABLE t (x)")
    db.commit()


@pytest.mark.parametrize(
    "make, code",
    [
        (lambda p: p.write_text("hello"), NotAStoreError.exit_code),
        (_foreign, NotAStoreError.exit_code),
        (_newer, NewerStoreError.exit_code),
    ],
)
def test_bad_store_gives_one_line_and_its_exit_code(workdir, make, code):
    path = workdir / "bad.db"
    make(path)
    before = path.read_bytes()
    for command in (["ingest", "seeds"], ["claims"], ["export"]):
        result = run(*command, "--store", str(path))
        assert result.exit_code == code, result.stderr
        assert result.stderr.startswith("checker: error: ") and result.stderr.count("\n") == 1
        assert "Traceback" not in result.stderr
    assert path.read_bytes() == before


def test_reading_before_any_ingest_says_so(workdir):
    result = run("claims")
    assert result.exit_code == StoreError.exit_code and "checker ingest" in result.stderr


def test_store_location_from_settings(workdir):
    (workdir / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.checker]\nstore = "data/facts.db"\n')
    assert run("ingest", "seeds").exit_code == 0
    assert (workdir / "data" / "facts.db").is_file()
    (workdir / "checker.toml").write_text('store = "other.db"\n')
    assert run("ingest", "seeds").exit_code == 0
    assert (workdir / "other.db").is_file()


@pytest.mark.parametrize("content", ['stroe = "x.db"\n', "store = [1, 2]\n", "store = \n"])
def test_bad_settings(workdir, content):
    (workdir / "checker.toml").write_text(content)
    result = run("ingest", "seeds")
    assert result.exit_code == ConfigError.exit_code
    assert result.stderr.startswith("checker: error: ") and "checker.toml" in result.stderr
