"""Shared fixtures: one extraction pipeline for the whole session (it takes a second to build),
and a new store of each backend."""

from __future__ import annotations

import os
from collections.abc import Iterator
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
    url = server_url()
    if url is None:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but {ENV} is not: run the tests under .ci/postgres")
        pytest.skip(f"no PostgreSQL server: set {ENV} to a database URL, or run the tests under .ci/postgres")
    with fresh_database(url) as fresh:
        yield fresh


@pytest.fixture(params=["sqlite", "postgresql"])
def store_location(request, tmp_path) -> str:
    """A new store of each backend: an SQLite file's path, or a PostgreSQL database's URL."""
    if request.param == "sqlite":
        return str(tmp_path / "claims.db")
    return request.getfixturevalue("postgres_url")
