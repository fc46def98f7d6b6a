"""Extraction on a Dask cluster into PostgreSQL (`checker ingest --scheduler` with a
`postgresql://` store): the workers store the documents themselves, and the store, its reports
and the run's summary are those of `--jobs 1` into PostgreSQL and into SQLite; a worker that
loses the store mid-run leaves whole documents and one error line; a cluster and a local
process ingesting at once store each file once.

Without a PostgreSQL server these tests are skipped (in CI they fail: see `postgres_url`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import psycopg
import pytest
from distributed import Client, LocalCluster
from typer.testing import CliRunner

from checker.cli import app
from checker.errors import StoreServerError
from checker.extract import cluster as on_cluster
from checker.store.sql import SQLStore

from .conftest import ROOT
from .ingest_processes import assert_consistent, corpus, ingest_process, stored_files, wait_until_stored
from .postgres_server import fresh_database, server_url
from .test_cli import PIPE, write

DEVCORPUS = ROOT / "tests" / "devcorpus"


@pytest.fixture(scope="module")
def scheduler():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as local:
        yield local.scheduler_address


def run(*args: str):
    return CliRunner().invoke(app, list(args), env=PIPE)


def outcome(result) -> tuple[int, str, str]:
    return result.exit_code, result.stdout, result.stderr


def worker_batches(address: str) -> int:
    """How many batches the cluster's workers have taken so far (each asks for its extractor)."""
    with Client(address, set_as_default=False) as client:
        infos = client.run(lambda: on_cluster._worker_extractor.cache_info())
    return sum(info.hits + info.misses for info in infos.values())


@pytest.fixture
def news(tmp_path, monkeypatch):
    """The development corpus and one file that does not read, in the working folder."""
    shutil.copytree(DEVCORPUS, tmp_path / "news")
    write(tmp_path / "news" / "broken.md", b"\xff\xfe not text")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def client_writes(*_):
    raise AssertionError("the client wrote a document: the workers were to")


def test_workers_store_into_postgresql_what_one_process_stores_into_either_backend(news, scheduler, postgres_url,
                                                                                   monkeypatch):
    """With a file that does not read (--keep-going: exit 3, the others stored), then again
    (nothing sent to the workers), then with a folder gone (--prune)."""
    with fresh_database(server_url()) as local_url:
        stores = {"cluster": postgres_url, "postgresql": local_url, "sqlite": "claims.db"}
        ways = {"cluster": ("--scheduler", scheduler), "postgresql": ("--jobs", "1"), "sqlite": ("--jobs", "1")}

        def ingest(name: str, *more: str) -> tuple[int, str, str]:
            result = run("ingest", "news", "--store", stores[name], "--keep-going", *ways[name], *more)
            return result.exit_code, result.stdout.replace(stores[name], "STORE"), result.stderr

        def ingest_all(*more: str) -> tuple[int, str, str]:
            """The same outcome each way, which it returns."""
            with monkeypatch.context() as client_side:
                client_side.setattr(SQLStore, "replace_all", client_writes)
                clustered = ingest("cluster", *more)
            assert clustered == ingest("postgresql", *more) == ingest("sqlite", *more)
            return clustered

        def same_reports() -> None:
            made = {name: [run(*command, "--store", store).stdout_bytes
                           for command in (["report", "-f", "json"], ["report"], ["export"])]
                    for name, store in stores.items()}
            assert made["cluster"] == made["postgresql"] == made["sqlite"]
            assert b'"claims"' in made["cluster"][0]

        code, summary, errors = ingest_all()
        assert code == 3 and "broken.md" in errors and "added 16, updated 0, unchanged 0" in summary
        same_reports()
        batches = worker_batches(scheduler)
        assert "added 0, updated 0, unchanged 16" in ingest_all()[1]
        (news / "news" / "storm").rename(news / "storm-moved")
        assert "removed" in ingest_all("--prune")[1]
        assert worker_batches(scheduler) == batches  # unchanged documents are never sent to the workers
        same_reports()
