"""Extraction on several processes gives what one process gives, in the same order,
and ingest with `--jobs` stores the same claims."""

from __future__ import annotations

from typer.testing import CliRunner

from checker.cli import app
from checker.documents import load_documents
from checker.store import open_store

from .conftest import ROOT

DEVCORPUS = ROOT / "tests" / "devcorpus"


def test_two_processes_give_the_claims_of_one_in_order(extractor):
    documents = load_documents([DEVCORPUS])
    one = list(extractor.many(documents, jobs=1))
    two = list(extractor.many(iter(documents), jobs=2))  # a stream, not a list
    assert [e.document.id for e in two] == [d.id for d in documents]
    assert [e.claims for e in two] == [e.claims for e in one]
    assert [e.warnings for e in two] == [e.warnings for e in one]
    assert sum(len(e.claims) for e in one) > 300


def test_ingest_with_jobs_stores_what_one_process_stores(tmp_path):
    stored = []
    for jobs in ("1", "2"):
        store = tmp_path / f"jobs{jobs}.db"
        result = CliRunner().invoke(app, ["ingest", str(DEVCORPUS), "--store", str(store), "--jobs", jobs])
        assert result.exit_code == 0, result.output
        with open_store(str(store), readonly=True) as db:
            stored.append(list(db.claims()))
    assert stored[0] == stored[1] and len(stored[0]) > 300
