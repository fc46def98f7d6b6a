"""Shared fixtures: one extraction pipeline for the whole session (it takes a second to build)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.extract import Extractor

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


CORPORA = {
    "seeds": ROOT / "seeds",
    "devcorpus": ROOT / "tests" / "devcorpus",
    "invented": ROOT / "benchmarks" / "judgement" / "invented",
}


@pytest.fixture(scope="session")
def corpus_stores(tmp_path_factory, extractor) -> dict[str, Path]:
    """The seeds, the development corpus and the invented judgement corpus, each ingested once
    into its own store (read them only: other tests share them)."""
    from checker.ingest import current_versions, ingest
    from checker.store import open_store

    made = {}
    for name, folder in CORPORA.items():
        path = tmp_path_factory.mktemp(name) / "claims.db"
        with open_store(path) as db:
            ingest(db, [folder], extractor=extractor, versions=current_versions())
        made[name] = path
    return made
