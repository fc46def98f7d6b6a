"""The PostgreSQL server the tests and benchmarks/ use: `.ci/postgres` starts one and names
its database in CHECKER_TEST_POSTGRES; each test (or trial) gets a fresh database on it."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

ENV = "CHECKER_TEST_POSTGRES"


def server_url() -> str | None:
    """The URL of the test server's database, if one was started for this run."""
    return os.environ.get(ENV) or None


def with_database(url: str, name: str) -> str:
    """`url` naming the database `name` instead (its host, user and query kept)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/{name}" + (f"?{parts.query}" if parts.query else "")


@contextmanager
def fresh_database(url: str) -> Iterator[str]:
    """A new, empty database on the server of `url`, dropped afterwards (with any connection
    a killed test left behind)."""
    import psycopg

    name = f"checker_test_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    try:
        yield with_database(url, name)
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE {name} WITH (FORCE)")
