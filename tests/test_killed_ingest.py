"""An ingest killed at random points, by each signal, leaves the store consistent, and the
next run finishes the job, in a store of each backend (real subprocesses;
`benchmarks/faults.py` and `benchmarks/postgres_ingest.py` run many more)."""

from __future__ import annotations

import random
import signal

import pytest

from .ingest_processes import (
    assert_consistent,
    corpus,
    ingest_process,
    read_while_ingesting,
    wait_until_stored,
)

COUNT = 40


def kill_at(process, store, target: int, sig: signal.Signals, timeout: float = 120) -> None:
    """Send `sig` once `target` documents are stored (0: at once), unless the run ended first."""
    if wait_until_stored(process, store, target, timeout):
        process.send_signal(sig)
    process.communicate(timeout=timeout)


@pytest.mark.parametrize(("sig", "jobs", "seed"), [
    (signal.SIGKILL, 1, 1), (signal.SIGTERM, 2, 2), (signal.SIGINT, 1, 3), (signal.SIGKILL, 2, 4),
])
def test_a_killed_ingest_leaves_a_consistent_store_that_the_next_run_completes(tmp_path, store_location, sig, jobs,
                                                                              seed):
    folder = corpus(tmp_path / "corpus", COUNT, "k")
    store = store_location
    target = random.Random(seed).randrange(0, COUNT - 10)
    process = ingest_process(store, folder, jobs)
    kill_at(process, store, target, sig)
    stored = assert_consistent(store)
    assert stored < COUNT, "the run ended before the signal"
    resumed = ingest_process(store, folder)
    out, errors = resumed.communicate(timeout=300)
    assert resumed.returncode == 0, errors
    assert f"unchanged {stored}," in out
    assert assert_consistent(store) == COUNT


def test_an_interrupted_ingest_says_so_in_one_line(tmp_path, store_location):
    folder = corpus(tmp_path / "corpus", COUNT, "i")
    store = store_location
    process = ingest_process(store, folder)
    assert wait_until_stored(process, store, 3), "the run ended before the signal"
    process.send_signal(signal.SIGINT)
    _, errors = process.communicate(timeout=120)
    assert process.returncode == 130
    assert "Traceback" not in errors
    assert errors.strip().splitlines() == [
        "checker: error: interrupted by SIGINT; finished work is kept, nothing is half-written; run again to complete it"]


def test_export_and_report_during_an_ingest_show_whole_documents(tmp_path, store_location):
    """Both read one state of the store while the ingest writes (tests/test_store_ingest.py
    interleaves the writes deterministically; this is the same with real processes)."""
    folder = corpus(tmp_path / "corpus", COUNT, "r")
    store = store_location
    process = ingest_process(store, folder)
    assert wait_until_stored(process, store, 2), "the run ended before the reads"
    problems, exported = read_while_ingesting(store)
    process.terminate()  # what is left of the ingest is not this test's business
    _, errors = process.communicate(timeout=120)
    assert "Traceback" not in errors
    assert problems == [] and 2 <= exported <= COUNT
