"""Shared fixtures: one extraction pipeline for the whole session (it takes a second to build),
and a new store of each backend."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from checker.extract import Extractor

from .postgres_server import ENV, fresh_database, server_url

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty database on the test server (.ci/postgres). Without a server the test
    is skipped, except in CI, where a skipped PostgreSQL test would hide a broken setup."""
    with fresh_database(_test_server()) as fresh:
        yield fresh


def _test_server() -> str:
    """The test server's URL; without one the test is skipped, or fails in CI."""
    url = server_url()
    if url is None:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but {ENV} is not: run the tests under .ci/postgres")
        pytest.skip(f"no PostgreSQL server: set {ENV} to a database URL, or run the tests under .ci/postgres")
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def store_location(request, tmp_path) -> str:
    """A new store of each backend: an SQLite file's path, or a PostgreSQL database's URL."""
    if request.param == "sqlite":
        return str(tmp_path / "claims.db")
    return request.getfixturevalue("postgres_url")


CORPORA = {
    "seeds": ROOT / "seeds",
    "devcorpus": ROOT / "tests" / "devcorpus",
    "invented": ROOT / "benchmarks" / "judgement" / "invented",
}


@pytest.fixture(scope="session")
def corpus_stores(tmp_path_factory, extractor) -> dict[str, str]:
    """The seeds, the development corpus and the invented judgement corpus, each ingested once
    into its own store (read them only: other tests share them)."""
    from checker.ingest import current_versions, ingest
    from checker.store import open_store

    made = {}
    for name, folder in CORPORA.items():
        path = tmp_path_factory.mktemp(name) / "claims.db"
        with open_store(str(path)) as db:
            ingest(db, [folder], extractor=extractor, versions=current_versions())
        made[name] = str(path)
    return made


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def corpus_locations(request, corpus_stores) -> Iterator[dict[str, str]]:
    """The corpus stores on each backend: the SQLite files, or PostgreSQL databases holding the
    same documents and claims (written by the store, lookups and all; read them only)."""
    if request.param == "sqlite":
        yield corpus_stores
        return
    from checker.ingest import current_versions
    from checker.store import open_store

    url = _test_server()
    with ExitStack() as databases:
        made = {}
        for name, path in corpus_stores.items():
            made[name] = databases.enter_context(fresh_database(url))
            with open_store(path, readonly=True) as source, open_store(made[name]) as copy:
                copy.replace_all((d, c, current_versions()) for d, c in source.extractions())
        yield made
