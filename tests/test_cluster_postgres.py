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
import signal
import subprocess
import sys

import psycopg
import pytest
from distributed import Client
from typer.testing import CliRunner

from checker.cli import app
from checker.errors import StoreServerError
from checker.extract import cluster as on_cluster
from checker.ingest import current_versions, ingest
from checker.store import open_store
from checker.store.sql import SQLStore

from .ingest_processes import (
    assert_consistent,
    corpus,
    ingest_process,
    stored_files,
    wait_until_stored,
)
from .postgres_server import fresh_database, server_url
from .test_cli import PIPE, write
from .test_cluster import DEVCORPUS, scheduler  # noqa: F401 (the module's 2-worker LocalCluster)


def run(*args: str):
    return CliRunner().invoke(app, list(args), env=PIPE)


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


def test_each_worker_opens_the_store_once_for_a_run_and_closes_it_at_its_end(tmp_path, scheduler, postgres_url,
                                                                             extractor):
    def count_opens():  # on each worker: open_store, counting its calls
        import checker.store

        real = getattr(checker.store.open_store, "real", checker.store.open_store)

        def counted(*args, **kwargs):
            counted.calls += 1
            return real(*args, **kwargs)

        counted.calls, counted.real = 0, real
        checker.store.open_store = counted

    def opens_and_open_stores():
        import checker.store

        opened = checker.store.open_store.calls
        checker.store.open_store = checker.store.open_store.real
        return opened, len(on_cluster._stores)

    folder = corpus(tmp_path / "news", 6 * on_cluster.BATCH, "o")
    before = worker_batches(scheduler)
    with Client(scheduler, set_as_default=False) as client:
        client.run(count_opens)
    with on_cluster.connect(scheduler) as cluster, open_store(postgres_url) as store:
        report = ingest(store, [folder], extractor=extractor, versions=current_versions(), cluster=cluster)
    with Client(scheduler, set_as_default=False) as client:
        after = client.run(opens_and_open_stores)
    assert len(report.added) == 6 * on_cluster.BATCH and report.claims == store_claims(postgres_url)
    assert worker_batches(scheduler) - before == 6
    assert sorted(after.values()) == [(1, 0), (1, 0)]  # both worked, each opened it once, none left open


def store_claims(url: str) -> int:
    with psycopg.connect(url, autocommit=True) as db:
        return db.execute("SELECT count(*) FROM claims").fetchone()[0]


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


def cluster_ingest(store: str, folders: list, address: str) -> subprocess.Popen:
    """A real `checker ingest --scheduler` process: a signal and Dask's own logging reach only one."""
    return subprocess.Popen(
        [sys.executable, "-m", "checker", "ingest", *map(str, folders), "--store", store, "--scheduler", address],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "COLUMNS": "80"})


def finish(process: subprocess.Popen) -> tuple[int, str, str]:
    out, errors = process.communicate(timeout=300)
    return process.returncode, out, errors


def test_a_worker_that_loses_the_store_midway_leaves_whole_documents_and_one_line(tmp_path, scheduler, postgres_url):
    """The server drops every connection of the store's database once a few documents are
    stored: a worker's next write fails, the run stops (exit 18) naming the store and that a
    worker lost it, each stored document has all its claims, and the next run finishes."""
    folder = corpus(tmp_path / "news", 300, "w")
    process = cluster_ingest(postgres_url, [folder], scheduler)
    assert wait_until_stored(process, postgres_url, 5), "the run ended before the connections were dropped"
    with psycopg.connect(postgres_url, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                      "WHERE datname = current_database() AND pid <> pg_backend_pid()")
    code, _, errors = finish(process)
    assert code == StoreServerError.exit_code, errors
    assert errors.startswith(f"checker: error: {postgres_url}: on the Dask worker on ")
    assert ", lost the connection to the claim store's server: " in errors and len(errors.splitlines()) == 1, errors
    assert 5 <= assert_consistent(postgres_url) < 300
    code, out, errors = finish(cluster_ingest(postgres_url, [folder], scheduler))
    assert code == 0, errors
    assert assert_consistent(postgres_url) == 300 and "updated 0" in out


def test_an_interrupted_cluster_ingest_keeps_whole_documents_and_the_next_run_completes(tmp_path, scheduler,
                                                                                        postgres_url):
    """Ctrl-C stops the client at once; a batch already running on a worker still stores its
    documents, each whole, even while the next run stores the rest."""
    folder = corpus(tmp_path / "news", 300, "i")
    process = cluster_ingest(postgres_url, [folder], scheduler)
    assert wait_until_stored(process, postgres_url, 5), "the run ended before the signal"
    process.send_signal(signal.SIGINT)
    code, _, errors = finish(process)
    assert code == 130 and errors.splitlines() == [
        "checker: error: interrupted by SIGINT; finished work is kept, nothing is half-written; run again to complete it"]
    assert 5 <= assert_consistent(postgres_url) < 300
    code, _, errors = finish(cluster_ingest(postgres_url, [folder], scheduler))
    assert code == 0, errors
    assert assert_consistent(postgres_url) == 300


def test_a_cluster_and_a_local_process_ingesting_at_once_store_each_file_once(tmp_path, scheduler, postgres_url):
    """Both start on a new database with 40 files in common (and 8 more each): each file is
    stored once with all its claims, none lost."""
    shared = corpus(tmp_path / "shared", 40, "s")
    left, right = corpus(tmp_path / "left", 8, "l"), corpus(tmp_path / "right", 8, "r")
    runs = [cluster_ingest(postgres_url, [shared, left], scheduler), ingest_process(postgres_url, [shared, right])]
    for process in runs:
        code, _, errors = finish(process)
        assert code == 0, errors
    expected = sorted(str(path.resolve()) for folder in (shared, left, right) for path in folder.glob("*.md"))
    assert assert_consistent(postgres_url) == 56
    assert stored_files(postgres_url) == expected
