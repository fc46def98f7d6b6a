"""Extraction on a Dask cluster (`checker ingest --scheduler`): what a local run stores, in
order, a pipeline per worker, a bounded window; and one clear line when Dask or the
scheduler is missing, with nothing written.

One `LocalCluster` of two worker processes (one thread each) serves the module: worker
processes are what a real cluster has, and each builds its own pipeline once.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys

import dask
import pytest
from distributed import LocalCluster
from typer.testing import CliRunner

from checker.cli import app
from checker.documents import load_documents
from checker.errors import MissingExtraError, SchedulerError
from checker.extract.cluster import BATCH, _worker_extractor, connect, extract_on_worker

from .conftest import ROOT
from .ingest_processes import assert_consistent, corpus, wait_until_stored
from .test_cli import PIPE, assert_clean_failure

DEVCORPUS = ROOT / "tests" / "devcorpus"


@pytest.fixture(scope="module")
def scheduler():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as local:
        yield local.scheduler_address


def ingest(*args: str):
    return CliRunner().invoke(app, ["ingest", *args], env=PIPE)


def report_json(store) -> bytes:
    result = CliRunner().invoke(app, ["report", "--store", str(store), "--format", "json"], env=PIPE)
    assert result.exit_code == 0, result.stderr
    return result.stdout_bytes


def test_a_cluster_ingest_reports_byte_for_byte_what_one_process_does(tmp_path, scheduler):
    on_cluster, local = tmp_path / "cluster.db", tmp_path / "local.db"
    clustered = ingest(str(DEVCORPUS), "--store", str(on_cluster), "--scheduler", scheduler)
    one = ingest(str(DEVCORPUS), "--store", str(local), "--jobs", "1")
    assert clustered.exit_code == one.exit_code == 0, clustered.stderr
    assert clustered.stderr == one.stderr  # the same quote warnings, in the same order
    assert clustered.stdout.replace("cluster.db", "local.db") == one.stdout
    assert re.search(r"; [1-9]\d* claims written", one.stdout)  # something was extracted, the same on both
    assert report_json(on_cluster) == report_json(local)
    again = ingest(str(DEVCORPUS), "--store", str(on_cluster), "--scheduler", scheduler)
    assert "added 0, updated 0, unchanged 16" in again.stdout


def test_workers_extract_in_order_in_a_bounded_window_with_one_pipeline_each(tmp_path, scheduler, extractor):
    documents = load_documents([corpus(tmp_path / "news", 5 * BATCH, "w")])
    read = []

    def stream():
        for document in documents:
            read.append(document.id)
            yield document

    with connect(scheduler) as cluster:
        window = cluster.window()
        results = cluster.extract(extractor, stream())
        first = next(results)
        assert window == 4 and len(read) == window * BATCH < len(documents)  # read no further than the window
        extracted = [first, *results]
        builds = cluster.client.run(lambda: _worker_extractor.cache_info())
    assert [e.document.id for e in extracted] == [d.id for d in documents]
    assert [e.claims for e in extracted] == [extractor.document(d).claims for d in documents]
    assert sorted(info.misses for info in builds.values()) == [1, 1]  # both worked, each built once
    assert sum(info.hits + info.misses for info in builds.values()) >= len(documents) // BATCH


def test_a_worker_with_another_checker_refuses_the_batch(extractor):
    with pytest.raises(SchedulerError, match="a Dask worker runs checker .* the client checker 0.0.1"):
        extract_on_worker(None, None, ("0.0.1", "0123456789abcdef"), [])


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("address, said", [
    ("tcp://127.0.0.1:{port}", "cannot reach the Dask scheduler at tcp://127.0.0.1:{port}: "),
    ("nohost", "'nohost' is not a Dask scheduler address (tcp://HOST:PORT)"),
    ("tcp://nohost.invalid:8786", "cannot reach the Dask scheduler at tcp://nohost.invalid:8786: "),
])
def test_an_unreachable_scheduler_is_one_line_and_writes_nothing(tmp_path, address, said):
    port = closed_port()
    store = tmp_path / "claims.db"
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = ingest(str(DEVCORPUS), "--store", str(store), "--scheduler", address.format(port=port))
    error = assert_clean_failure(result, SchedulerError.exit_code)
    assert said.format(port=port) in error and len(error.splitlines()) == 1
    assert not store.exists()


def test_a_scheduler_without_dask_installed_is_one_line_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # what `import distributed` meets without it
    store = tmp_path / "claims.db"
    result = ingest(str(DEVCORPUS), "--store", str(store), "--scheduler", "tcp://127.0.0.1:8786")
    error = assert_clean_failure(result, MissingExtraError.exit_code)
    assert error == "checker: error: --scheduler needs Dask, which is not installed: pip install 'checker[dask]'\n"
    assert not store.exists()


def test_jobs_and_a_scheduler_together_are_a_usage_error(tmp_path):
    result = ingest(str(DEVCORPUS), "--store", str(tmp_path / "c.db"), "--scheduler", "tcp://127.0.0.1:8786", "-j", "2")
    assert (result.exit_code, result.stdout) == (2, "")
    assert "--jobs is for local processes" in result.stderr
    assert not (tmp_path / "c.db").exists()


def test_a_cluster_lost_midway_is_one_line_and_keeps_what_was_stored(tmp_path):
    """A real `checker ingest` process (Dask logs to the stderr it started with, which only a
    process shows): the scheduler goes away after the first documents are stored."""
    folder = tmp_path / "news"
    folder.mkdir()
    for i in range(300):  # long articles: far more work than the run gets to do
        (folder / f"n{i:03d}.md").write_text(f"Prices rose {i}.5% to ${i + 1} billion on March 3, 2025.\n\n" * 60,
                                            encoding="utf-8")
    store = tmp_path / "claims.db"
    local = LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp", dashboard_address=":0")
    address = local.scheduler_address
    process = subprocess.Popen(
        [sys.executable, "-m", "checker", "ingest", str(folder), "--store", str(store), "--scheduler", address],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "1s", "COLUMNS": "80"})
    try:
        assert wait_until_stored(process, store, 1)
    finally:
        local.close()
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == SchedulerError.exit_code, stderr
    assert stderr.startswith(f"checker: error: lost the Dask cluster at {address} while extracting (")
    assert len(stderr.splitlines()) == 1 and "Traceback" not in stderr, stderr
    assert 1 <= assert_consistent(store) < 300


def test_a_scheduler_without_workers_is_one_line_and_writes_nothing(tmp_path):
    store = tmp_path / "claims.db"
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}), \
            LocalCluster(n_workers=0, processes=False, dashboard_address=":0") as empty:
        result = ingest(str(DEVCORPUS), "--store", str(store), "--scheduler", empty.scheduler_address)
    error = assert_clean_failure(result, SchedulerError.exit_code)
    assert f"the Dask scheduler at {empty.scheduler_address} has no workers; start one with `dask worker" in error
    assert not store.exists()
