"""The PostgreSQL store: the same migrations and answers as SQLite, chosen by URL (option or
settings), and each way it can fail as one line naming the URL, its password hidden, with its
own exit code. (Killed and concurrent ingests into it are in test_store.py and
test_killed_ingest.py, with SQLite's.)"""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
import threading

import psycopg
import pytest

from checker.documents import read_document
from checker.errors import (
    NewerStoreError,
    NotAStoreError,
    ReadOnlyStoreError,
    StoreDriverError,
    StoreError,
    StoreServerError,
)
from checker.store import Versions, lookup, open_store, shown_location
from checker.store import postgres as backend
from checker.store.migrations import LATEST, MIGRATIONS, POSTGRESQL, TABLES

from .conftest import ROOT
from .postgres_server import ENV
from .test_store_open import _one_line, run

SEEDS = ROOT / "seeds"
VERSIONS = Versions("p", "r")


def _sql(url, *statements):
    """Run statements on the database of `url`; the rows of the last."""
    with psycopg.connect(url, autocommit=True) as db:
        rows = None
        for statement in statements:
            cursor = db.execute(statement)
            rows = cursor.fetchall() if cursor.description else None
        return rows


def _as_user(url, userinfo):
    """`url` (postgresql://checker@...) logging in as `userinfo` instead."""
    scheme, rest = url.split("://", 1)
    return f"{scheme}://{userinfo}@{rest.split('@', 1)[1]}"


@pytest.fixture
def news(tmp_path, monkeypatch):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_new_store_records_the_registered_migrations_and_is_marked_as_checkers(postgres_url):
    with open_store(postgres_url) as store:
        assert store.counts() == (0, 0)
    assert _sql(postgres_url, "SELECT version, name FROM schema_migrations ORDER BY version") == [
        (number, name) for number, name, _ in MIGRATIONS]
    assert len(MIGRATIONS) == LATEST
    assert _sql(postgres_url, "SELECT obj_description('schema_migrations'::regclass, 'pg_class')") == [(backend.MARK,)]
    tables = {row[0] for row in _sql(postgres_url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
    assert tables == TABLES | {"document_lookups", "document_words", "document_names"}  # and migration 4's
    open_store(postgres_url).close()  # opened again: nothing to apply, nothing recorded twice
    assert len(_sql(postgres_url, "SELECT * FROM schema_migrations")) == LATEST


def test_either_backend_gives_the_same_claims_report_and_export(news, postgres_url):
    for store in ("claims.db", postgres_url):
        result = run("ingest", "seeds", "--store", store)
        assert result.exit_code == 0, result.stderr
        assert "added 5, updated 0, unchanged 0" in result.stdout
    for command in (["report", "-f", "json"], ["export"], ["claims", "--about", "tariff", "-f", "json"]):
        sqlite, postgres = (run(*command, "--store", store) for store in ("claims.db", postgres_url))
        assert postgres.exit_code == sqlite.exit_code == 0, postgres.stderr
        assert postgres.stdout == sqlite.stdout and "15%" in postgres.stdout


def test_check_against_a_postgres_store(news, postgres_url):
    assert run("ingest", "seeds", "--store", postgres_url).exit_code == 0
    assert run("ingest", "seeds", "--store", "claims.db").exit_code == 0
    draft = min((news / "seeds").glob("*.md"))
    results = [run("check", str(draft), "--against", store, "-f", "json") for store in (postgres_url, "claims.db")]
    assert results[0].stdout == results[1].stdout and '"verdict"' in results[0].stdout
    assert results[0].exit_code == results[1].exit_code


def test_the_store_is_chosen_in_settings_and_its_password_never_shown(news, postgres_url):
    with_password = _as_user(postgres_url, "checker:hunter2")  # the test server trusts: any password does
    (news / "checker.toml").write_text(f'store = "{with_password}"\n', encoding="utf-8")
    result = run("ingest", "seeds")
    assert result.exit_code == 0, result.stderr
    assert f"written to {_as_user(postgres_url, 'checker:***')}" in result.stdout
    assert "hunter2" not in result.stdout + result.stderr
    assert not (news / ".checker").exists()
    assert _sql(postgres_url, "SELECT count(*) FROM documents") == [(5,)]


def test_an_unreachable_server_is_one_line_with_the_password_hidden():
    result = run("report", "--store", "postgresql://checker:s3cret@127.0.0.1:1/claims")
    _one_line(result, StoreServerError.exit_code, "postgresql://checker:***@127.0.0.1:1/claims: ",
              "cannot connect to the claim store's server", "refused")
    assert "s3cret" not in result.stderr


@pytest.mark.parametrize("change, words", [
    (lambda url: _as_user(url, "nobody:pw"), ['role "nobody" does not exist', "nobody:***@"]),
    (lambda url: url.replace("/checker_test_", "/missing_", 1), ["does not exist"]),
])
def test_a_refused_login_or_a_missing_database_is_one_line(postgres_url, change, words):
    _one_line(run("ingest", str(SEEDS), "--store", change(postgres_url)), StoreServerError.exit_code,
              "cannot connect to the claim store's server", *words)


@pytest.mark.parametrize("setup, code, words", [
    (["CREATE TABLE recipes (name TEXT)"], NotAStoreError.exit_code, "with other tables in it, not a checker"),
    (["CREATE TABLE schema_migrations (version TEXT)"], NotAStoreError.exit_code, "not a checker claim store"),
])
def test_a_database_that_is_not_a_store_is_refused_and_left_untouched(postgres_url, setup, code, words):
    _sql(postgres_url, *setup)
    before = _sql(postgres_url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    _one_line(run("ingest", str(SEEDS), "--store", postgres_url), code, shown_location(postgres_url), words)
    assert _sql(postgres_url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'") == before


def test_a_store_written_by_a_newer_checker_is_refused(postgres_url):
    open_store(postgres_url).close()
    _sql(postgres_url, f"INSERT INTO schema_migrations VALUES ({LATEST + 1}, 'future', 'later')")
    _one_line(run("report", "--store", postgres_url), NewerStoreError.exit_code, "newer checker")


def test_reading_an_empty_database_says_to_ingest_first(postgres_url):
    _one_line(run("report", "--store", postgres_url), StoreError.exit_code, "no claim store here", "checker ingest")
    assert _sql(postgres_url, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == [(0,)]


def test_without_the_driver_a_postgres_url_is_one_line(tmp_path):
    """psycopg made unimportable, as where it is not installed; SQLite stores still work."""
    code = ("import sys; sys.modules['psycopg'] = None; sys.argv = ['checker', *sys.argv[1:]]; "
            "from checker.cli import run; run()")
    url = "postgresql://me:pw@db.example/claims"
    missing = subprocess.run([sys.executable, "-c", code, "report", "--store", url],
                             capture_output=True, text=True, cwd=tmp_path, check=False)
    assert missing.returncode == StoreDriverError.exit_code == 19
    assert missing.stderr.count("\n") == 1 and "Traceback" not in missing.stderr, missing.stderr
    assert missing.stderr.startswith("checker: error: postgresql://me:***@db.example/claims: ")
    assert "pip install 'checker[postgres]'" in missing.stderr
    (tmp_path / "a.md").write_text("The council approved $4 billion.\n", encoding="utf-8")
    sqlite = subprocess.run([sys.executable, "-c", code, "ingest", "a.md", "--store", "s.db"],
                            capture_output=True, text=True, cwd=tmp_path, check=False)
    assert sqlite.returncode == 0, sqlite.stderr


def test_exit_codes_of_the_store_errors_are_distinct():
    codes = [error.exit_code for error in (StoreError, NotAStoreError, NewerStoreError, ReadOnlyStoreError,
                                           StoreServerError, StoreDriverError)]
    assert len(set(codes)) == len(codes)


@pytest.mark.parametrize("ci, code, words", [
    ({}, 0, f"no PostgreSQL server: set {ENV}"),
    ({"CI": "true"}, 1, f"CI is set but {ENV} is not"),
])
def test_without_a_server_the_tests_skip_but_fail_in_ci(ci, code, words):
    env = {key: value for key, value in os.environ.items() if key not in (ENV, "CI")} | ci
    test = "tests/test_store_postgres.py::test_reading_an_empty_database_says_to_ingest_first"
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", test], cwd=ROOT,
                          env=env, capture_output=True, text=True, check=False)
    assert done.returncode == code, done.stdout
    assert words in done.stdout


# -- in-process: locks, snapshots, a lost connection ------------------------------------------------

@pytest.fixture
def article(extractor):
    document = read_document(min(SEEDS.glob("*.md")))
    return document, extractor.document(document).claims


def test_a_document_locked_too_long_by_another_writer_is_one_error(postgres_url, article, monkeypatch):
    monkeypatch.setattr(backend, "LOCK_TIMEOUT", "200ms")
    document, claims = article
    with open_store(postgres_url) as store, psycopg.connect(postgres_url, autocommit=True) as other:
        other.execute("SELECT pg_advisory_lock(hashtextextended(%s, 0))", (document.id,))
        with pytest.raises(StoreError, match="locked by another process") as info:
            store.replace(document, claims, VERSIONS)
        assert info.value.exit_code == StoreError.exit_code
        assert store.counts() == (0, 0)
        other.execute("SELECT pg_advisory_unlock_all()")
        store.replace(document, claims, VERSIONS)
        assert store.counts() == (1, len(claims))


def test_a_second_writer_of_a_document_waits_and_replaces_it(postgres_url, article):
    """The first writer holds its transaction open (as a slow one would); the second waits for
    it, then replaces its row: one document, with one set of claims."""
    document, claims = article
    with open_store(postgres_url) as first, open_store(postgres_url) as second:
        first._execute(first.begin_write)
        first._lock(sorted({document.id, first._abspath(document)}))
        first._put(document, [], lookup.lookups(document, []), Versions("first", "r"))
        writer = threading.Thread(target=second.replace, args=(document, claims, VERSIONS))
        writer.start()
        writer.join(0.5)
        assert writer.is_alive(), "the second writer did not wait for the first"
        first._execute("COMMIT")
        writer.join(10)
        assert second.counts() == (1, len(claims))
        assert second.state()[document.id].versions == VERSIONS


def _stored_rows(url) -> dict[str, list[tuple]]:
    """Every row of the tables a document's claims and lookups go to, sorted."""
    return {table: sorted(_sql(url, f"SELECT * FROM {table}"), key=repr)
            for table in ("claims", "document_words", "document_names")}


def test_rows_sent_as_one_json_value_are_the_rows_sent_one_by_one(postgres_url, article, monkeypatch):
    """A document's claims and lookups reach the server as one JSON value per table; what is
    stored is, column for column, what one statement per row stores (as SQLite's store does,
    and as a figure JSON cannot hold is stored: an infinite one)."""
    document, claims = article
    with open_store(postgres_url) as store:
        store.replace(document, claims, VERSIONS)
        as_json = _stored_rows(postgres_url)
        monkeypatch.setattr(backend.PostgresStore, "dialect", dataclasses.replace(POSTGRESQL, rows_from_json=""))
        store.replace(document, claims, VERSIONS)
        assert _stored_rows(postgres_url) == as_json and all(as_json.values())
        monkeypatch.undo()
        infinite = [claims[0].model_copy(update={"value": float("inf")}), *claims[1:]]
        store.replace(document, infinite, VERSIONS)
    assert _sql(postgres_url, f"SELECT value_num FROM claims WHERE id = '{claims[0].id}'") == [(float("inf"),)]
    assert _sql(postgres_url, "SELECT count(*) FROM claims") == [(len(claims),)]


def test_reads_in_a_snapshot_see_one_state(postgres_url, article):
    document, claims = article
    with open_store(postgres_url) as writer, \
            open_store(postgres_url, readonly=True) as reader:
        with reader.snapshot():
            assert reader.counts() == (0, 0)
            writer.replace(document, claims, VERSIONS)
            assert reader.counts() == (0, 0)
        assert reader.counts() == (1, len(claims))


def test_a_store_opened_read_only_refuses_writes(postgres_url, article):
    document, claims = article
    open_store(postgres_url).close()
    with open_store(postgres_url, readonly=True) as store:
        with pytest.raises(ReadOnlyStoreError, match="cannot be written"):
            store.replace(document, claims, VERSIONS)
        assert store.counts() == (0, 0)


def test_a_lost_connection_is_one_error(postgres_url):
    with open_store(postgres_url) as store:
        _sql(postgres_url, f"SELECT pg_terminate_backend({store.db.info.backend_pid})")
        with pytest.raises(StoreServerError, match="lost the connection") as info:
            store.counts()
        assert str(info.value).startswith(shown_location(postgres_url))
