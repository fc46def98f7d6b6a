"""The claim store: schema, incremental ingest, queries, export/import, bad stores,
and safety under a killed process and concurrent writers (real subprocesses)."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from checker.errors import (
    ImportFormatError,
    NewerStoreError,
    NotAStoreError,
    ReadOnlyStoreError,
    StoreError,
)
from checker.exchange import export_lines, import_file, read_export
from checker.ingest import current_versions, ingest
from checker.store import Versions, open_store
from checker.store.migrations import LATEST, MIGRATIONS
from checker.store.sqlite import APPLICATION_ID

from .conftest import ROOT
from .ingest_processes import (
    assert_consistent,
    corpus,
    ingest_process,
    stored_files,
    wait_until_stored,
)

SEEDS = ROOT / "seeds"


@pytest.fixture
def seeds_copy(tmp_path):
    folder = tmp_path / "articles"
    shutil.copytree(SEEDS, folder)
    return folder


def run_ingest(store, paths, extractor, versions=None, prune=False):
    return ingest(store, paths, extractor=extractor, versions=versions or current_versions(), prune=prune)


def test_new_store_has_schema_and_migration_record(tmp_path):
    with open_store(str(tmp_path / "a" / "claims.db")) as store:
        assert store.counts() == (0, 0)
    db = sqlite3.connect(tmp_path / "a" / "claims.db")
    assert db.execute("PRAGMA user_version").fetchone()[0] == LATEST == len(MIGRATIONS)
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert [r[0] for r in db.execute("SELECT version FROM schema_migrations ORDER BY version")] == list(range(1, LATEST + 1))


def test_ingest_is_incremental(store_location, seeds_copy, extractor):
    with open_store(store_location) as store:
        first = run_ingest(store, [seeds_copy], extractor)
        assert len(first.added) == 5 and first.claims > 50
        again = run_ingest(store, [seeds_copy], extractor)
        assert (again.added, again.updated, len(again.unchanged), again.claims) == ([], [], 5, 0)
        victim = min(seeds_copy.glob("*.md"))
        victim.write_text(victim.read_text(encoding="utf-8") + "\nIt cost $7 billion.\n", encoding="utf-8")
        changed = run_ingest(store, [seeds_copy], extractor)
        assert len(changed.updated) == 1 and len(changed.unchanged) == 4
        assert any(c.text == "$7 billion" for c in store.claims(kind="money"))


def test_new_pipeline_or_rules_version_reextracts(store_location, seeds_copy, extractor):
    with open_store(store_location) as store:
        run_ingest(store, [seeds_copy], extractor)
        bumped = run_ingest(store, [seeds_copy], extractor, versions=Versions("checker 9.9", "other-rules"))
        assert len(bumped.updated) == 5


def test_prune_removes_documents_whose_files_are_gone(store_location, seeds_copy, extractor):
    with open_store(store_location) as store:
        run_ingest(store, [seeds_copy], extractor)
        gone = min(seeds_copy.glob("*.md"))
        gone.unlink()
        kept = run_ingest(store, [seeds_copy], extractor)
        assert kept.removed == [] and len(store.documents()) == 5
        pruned = run_ingest(store, [seeds_copy], extractor, prune=True)
        assert len(pruned.removed) == 1 and len(store.documents()) == 4
        assert not list(store.claims(document=pruned.removed[0]))


def test_a_bad_file_stops_ingest_before_anything_is_written(store_location, seeds_copy, extractor):
    (seeds_copy / "zz-broken.txt").write_bytes(b"\xff\xfe not text")
    with open_store(store_location) as store:
        with pytest.raises(Exception, match="zz-broken.txt"):
            run_ingest(store, [seeds_copy], extractor)
        assert store.counts() == (0, 0)


def test_queries(store_location, seeds_copy, extractor):
    with open_store(store_location) as store:
        run_ingest(store, [seeds_copy], extractor)
        money = list(store.claims(kind="money"))
        assert {c.unit for c in money} == {"USD", "JPY"}
        assert [c.value for c in store.claims(kind="money", unit="JPY")] == [7.9e14]
        assert {c.text for c in store.claims(speaker="takaichi")} >= {"cheerful and pleasant", "good and candid"}
        assert all(c.kind == "quote" for c in store.claims(speaker="Takaichi"))
        assert {c.text for c in store.claims(about="tariff")} == {"15%"}
        doc = money[0].document
        assert all(c.document == doc for c in store.claims(document=doc))
        ordered = [(c.document, c.start) for c in store.claims()]
        assert ordered == sorted(ordered)


def test_export_then_import_gives_the_same_claims(tmp_path, store_location, seeds_copy, extractor):
    """Also from one backend to the other: the same claims, in the same order."""
    export = tmp_path / "export.jsonl"
    with open_store(store_location) as store:
        run_ingest(store, [seeds_copy], extractor)
        export.write_text("".join(line + "\n" for line in export_lines(store)), encoding="utf-8")
        original = list(store.claims())
        documents = store.documents()
    with open_store(str(tmp_path / "b.db")) as other:
        assert import_file(other, export) == (5, len(original))
        assert list(other.claims()) == original
        assert other.documents() == documents


@pytest.mark.parametrize(
    "content, line, message",
    [
        ('{"schema": "something-else"}\n', 1, "not a checker export"),
        ('{"schema": "checker.export/1"}\nnot json\n', 2, "not JSON"),
        ('{"schema": "checker.export/1"}\n{"claim": {"id": "x"}}\n', 2, "[claim."),
    ],
)
def test_import_refuses_what_is_not_an_export(tmp_path, content, line, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ImportFormatError) as info:
        read_export(path)
    assert f"bad.jsonl:{line}: " in str(info.value) and message in str(info.value)


def _not_sqlite(path: Path) -> None:
    path.write_text("just some notes\n")


def _foreign_sqlite(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE recipes (name TEXT)")
    db.commit()
    db.close()


def _newer_schema(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute(f"PRAGMA user_version = {LATEST + 1}")
    db.execute("CREATE TABLE future (x)")
    db.commit()
    db.close()


@pytest.mark.parametrize(
    "make, error, message",
    [
        (_not_sqlite, NotAStoreError, "not an SQLite database"),
        (_foreign_sqlite, NotAStoreError, "not a checker claim store"),
        (_newer_schema, NewerStoreError, "newer checker"),
    ],
)
def test_bad_stores_are_refused_and_left_untouched(tmp_path, make, error, message):
    path = tmp_path / "claims.db"
    make(path)
    before = path.read_bytes()
    with pytest.raises(error, match=message) as info:
        open_store(str(path))
    assert str(path) in str(info.value)
    assert path.read_bytes() == before
    assert len({NotAStoreError.exit_code, NewerStoreError.exit_code, ReadOnlyStoreError.exit_code, StoreError.exit_code}) == 4


def test_read_only_store_is_refused_for_writing(tmp_path, seeds_copy, extractor, monkeypatch):
    path = tmp_path / "claims.db"
    with open_store(str(path)) as store:
        run_ingest(store, [seeds_copy], extractor)
    before = path.read_bytes()
    with open_store(str(path), readonly=True) as store:  # opened read-only, a write fails cleanly
        assert len(store.documents()) == 5
        with pytest.raises(ReadOnlyStoreError):
            store.remove(store.documents()[0].id)
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if mode == os.W_OK else real_access(p, mode))
    with pytest.raises(ReadOnlyStoreError, match="read-only"):
        open_store(str(path))  # root may write anywhere, so the permission check is simulated here
    assert path.read_bytes() == before


def test_reading_a_missing_store_is_an_error(tmp_path):
    with pytest.raises(StoreError, match="checker ingest"):
        open_store(str(tmp_path / "nothing.db"), readonly=True)
    assert not (tmp_path / "nothing.db").exists()


# -- real processes ---------------------------------------------------------------------------

def test_a_killed_ingest_leaves_the_store_consistent(tmp_path, store_location):
    folder = corpus(tmp_path / "corpus", 80, "k")
    store = store_location
    process = ingest_process(store, folder)
    assert wait_until_stored(process, store, 5), process.communicate()[1]
    process.kill()
    process.wait()
    stored = assert_consistent(store)
    assert 5 <= stored < 80, "the process was not killed mid-ingest"
    resumed = ingest_process(store, folder)
    out, errors = resumed.communicate(timeout=300)
    assert resumed.returncode == 0, errors
    assert f"unchanged {stored}," in out
    assert assert_consistent(store) == 80


def test_two_concurrent_ingests_both_finish(tmp_path, store_location):
    store = store_location
    first = ingest_process(store, corpus(tmp_path / "one", 40, "a"))
    second = ingest_process(store, corpus(tmp_path / "two", 40, "b"))
    for process in (first, second):
        out, errors = process.communicate(timeout=300)
        assert process.returncode == 0, errors
        assert "added 40," in out
    assert assert_consistent(store) == 80


def test_concurrent_ingests_of_overlapping_folders_store_each_file_once(tmp_path, store_location):
    """Two processes on the same 16 files (and 4 more each), started together into a new
    store: both make the schema, both extract the shared files, and each file is stored
    once with all its claims, none lost."""
    shared = corpus(tmp_path / "shared", 16, "s")
    folders = [corpus(tmp_path / name, 4, name) for name in ("left", "right")]
    processes = [ingest_process(store_location, [shared, folder]) for folder in folders]
    for process in processes:
        _, errors = process.communicate(timeout=300)
        assert process.returncode == 0, errors
    expected = sorted(str(path.resolve()) for folder in (shared, *folders) for path in folder.glob("*.md"))
    assert assert_consistent(store_location) == 24
    assert stored_files(store_location) == expected



def _open_new_store(path: str) -> str:
    """Open (and so make) a store in a child process; the error's text, or '' when it opened."""
    try:
        open_store(path).close()
    except Exception as exc:  # noqa: BLE001 (the test reports whatever any opener met)
        return repr(exc)
    return ""


def test_processes_making_one_new_store_together_all_open_it(tmp_path):
    """Four processes opening a store that does not exist yet, 30 times: each one opens it. The
    switch to WAL answers "busy" without waiting, and a schema read statement by statement can
    see another opener's tables before its mark, as a database that is not checker's."""
    context = multiprocessing.get_context("spawn")
    with context.Pool(4) as pool:
        for trial in range(30):
            path = str(tmp_path / f"store{trial}" / "claims.db")
            errors = [error for error in pool.map(_open_new_store, [path] * 4) if error]
            assert not errors, f"trial {trial}: {errors[0]}"
