"""The PostgreSQL claim store (psycopg 3): one store shared by ingests on several processes
and machines.

Named by a `postgresql://` URL; the schema, its migrations and every query are the SQLite
store's (`sql.py`). Each document is written in one transaction, so a killed process (whose
connection the server then closes, rolling back) leaves each document fully old or fully new.
Writers of the same document take turns: a write transaction first takes transaction-scoped
advisory locks on the ids and files of the documents it writes, in one order (two writers
never wait for each other in a circle), so a second ingest of a document waits for the first
to commit, then replaces it — never two copies, never none. Opening runs the migrations under
one such lock, so processes opening a new database at once take turns. A lock held longer
than a minute, a lost connection, a full disk, a database that is not checker's or a newer
schema are each one error line naming the URL, its password hidden.

Document ids are relative to the project folder of the working folder (the nearest one up
holding checker.toml, pyproject.toml or .git), so machines with the project checked out in
different places give a file the same id.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg.pq import TransactionStatus

from ..errors import (
    NotAStoreError,
    ReadOnlyStoreError,
    StoreError,
    StoreFullError,
    StoreServerError,
)
from .location import shown_location
from .migrations import POSTGRESQL
from .sql import SQLStore, damaged, find_root

MARK = "checker claim store"  # the comment on schema_migrations that makes a database checker's
CONNECT_TIMEOUT_S = 10  # unless the URL says otherwise
LOCK_TIMEOUT = "60s"  # as SQLite's busy timeout
_LOST = ("08", "57P")  # SQLSTATE classes: connection exception, operator intervention
_LOCKED = ("55P03", "40P01")  # lock_not_available (the timeout), deadlock_detected
_READ_ONLY = ("25006", "42501")  # read_only_sql_transaction, insufficient_privilege
_DAMAGED = ("42P01", "42703")  # undefined_table, undefined_column
PAGE_ROWS = 2000  # rows a streamed read fetches from the server at a time
_CURSORS = itertools.count()  # names of server-side cursors, one per streamed read of this process


def _reason(exc: Exception) -> str:
    """The driver's message, first line: libpq adds hints on lines of their own."""
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _connect(url: str, shown: str) -> psycopg.Connection:
    try:
        given = conninfo_to_dict(url)
        defaults = {"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "checker"}
        return psycopg.connect(url, autocommit=True, **{k: v for k, v in defaults.items() if k not in given})
    except psycopg.Error as exc:
        raise StoreServerError(f"cannot connect to the claim store's server: {_reason(exc)}", path=shown) from None


class PostgresStore(SQLStore):
    dialect = POSTGRESQL
    begin_snapshot = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
    not_checkers = "a PostgreSQL database with other tables in it, not a checker claim store"
    driver_error = psycopg.Error

    def __init__(self, url: str, *, readonly: bool = False):
        self.url, self.readonly, self.shown = url, readonly, shown_location(url)
        self.root = find_root(Path.cwd()) or Path.cwd()
        self.db = _connect(url, self.shown)
        try:
            self._execute(f"SET lock_timeout = '{LOCK_TIMEOUT}'")
            if readonly:
                self._execute("SET default_transaction_read_only = on")
                self._check_schema()
            else:
                self._migrate()
        except BaseException as exc:
            self.db.close()
            if isinstance(exc, psycopg.Error):
                raise self._failure(exc, NotAStoreError, "cannot use the store") from None
            raise

    def _streamed(self, sql: str, args: tuple | list = ()) -> Iterator[tuple]:
        """A query's rows through a server-side (named) cursor, `PAGE_ROWS` at a time: psycopg's
        ordinary cursor fetches a whole result into the client. The cursor lives in a transaction
        (the open one, else a read-only snapshot of its own)."""
        with self.snapshot(), self.db.cursor(name=f"checker_read_{next(_CURSORS)}") as cursor:
            cursor.itersize = PAGE_ROWS
            cursor.execute(self.dialect.sql(sql), args)
            yield from cursor

    def _failure(self, exc: Exception, otherwise: type[StoreError], doing: str) -> StoreError:
        state, reason, shown = getattr(exc, "sqlstate", None) or "", _reason(exc), self.shown
        if self.db.closed or state.startswith(_LOST) or (isinstance(exc, psycopg.OperationalError) and not state):
            return StoreServerError(f"lost the connection to the claim store's server: {reason}", path=shown)
        if state.startswith("53"):  # insufficient resources: disk full, out of memory
            return StoreFullError(f"the server could not write the claim store ({reason}); "
                                  "the unfinished change was rolled back", path=shown)
        if state in _READ_ONLY:
            return ReadOnlyStoreError(f"the claim store cannot be written: {reason}", path=shown)
        if state in _LOCKED:
            return StoreError(f"the claim store is locked by another process for over {LOCK_TIMEOUT}; "
                              "try again when it has finished", path=shown)
        if state in _DAMAGED:
            return damaged(reason, shown)
        return otherwise(f"{doing}: {reason}", path=shown)

    def _in_transaction(self) -> bool:
        return not self.db.closed and self.db.info.transaction_status != TransactionStatus.IDLE

    def _rollback(self) -> None:
        """Undo the open transaction; a connection cut off mid-query (a signal during a
        statement) is closed instead, and the server rolls back what it had begun."""
        status = self.db.info.transaction_status
        if status in (TransactionStatus.INTRANS, TransactionStatus.INERROR):
            try:
                self.db.execute("ROLLBACK")
                return
            except psycopg.Error:
                pass
        if status != TransactionStatus.IDLE:
            self.db.close()

    def _sent_together(self) -> AbstractContextManager[object]:
        """psycopg's pipeline mode: a write's dozen statements go out at once and are answered
        together, one round trip per document (the server runs them in order, in the write's one
        transaction; an error skips the rest, COMMIT included, and is raised at the end)."""
        return self.db.pipeline()

    def _lock(self, keys: list[str]) -> None:
        """Advisory locks on the keys (64-bit hashes of them), taken in the order given, held
        until the transaction ends; a killed holder's locks go with its connection."""
        self._execute("SELECT pg_advisory_xact_lock(hashtextextended(key, 0)) FROM unnest(?::text[]) AS key",
                      (keys,))

    def _inspect(self) -> tuple[int, set[str], bool]:
        tables = {row[0] for row in self._execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")}
        if "schema_migrations" not in tables:
            return 0, tables, bool(tables)
        mark = self._execute("SELECT obj_description('schema_migrations'::regclass, 'pg_class')").fetchone()[0]
        if mark != MARK:
            return 0, tables, True
        return self._execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()[0], tables, False

    def _mark(self, version: int) -> None:
        """The version is the last one in schema_migrations; the mark a comment on that table."""
        self._execute(f"COMMENT ON TABLE schema_migrations IS '{MARK}'")
