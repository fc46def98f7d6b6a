"""The SQLite claim store (stdlib `sqlite3`).

Safe by construction: WAL journal and a busy timeout so concurrent ingests
wait for each other instead of failing, one `BEGIN IMMEDIATE` transaction per
document so a killed process leaves every document either fully old or fully
new, and checks before anything is written — a file that is not SQLite, an
SQLite file that is not checker's, a newer schema or a read-only file is
refused with its own error and left untouched. A disk that fills up mid-write
is its own error too, and costs only the document being written: its
transaction is rolled back, the documents before it stay. Reads inside
`snapshot()` share one read transaction, so they see one state of the store
while an ingest goes on; a damaged store (a scribbled page, a missing table,
a row that is not a record) and a locked one are each one error, never a
traceback.

The file is always opened through a `file:` URI built by `Path.as_uri`, which
escapes `#`, `?` and `%` (a raw path in a URI would open another file), and a
store that is only read is opened read-only: on a read-only folder, where
SQLite cannot create the WAL index, as immutable. The schema and the queries
are the PostgreSQL store's too (`sql.py`).
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from ..errors import NotAStoreError, ReadOnlyStoreError, StoreError, StoreFullError
from .locks import lock_holders
from .migrations import SQLITE
from .sql import SQLStore, damaged, find_root

APPLICATION_ID = 0x43484B52  # "CHKR": marks a database as checker's
_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 60_000
WAL_CHECKPOINT_PAGES = 10_000
WAL_SWITCH_RETRY_S = 0.01
_DAMAGED = ("SQLITE_CORRUPT", "SQLITE_NOTADB")


def is_sqlite_file(path: Path) -> bool:
    """Whether a path is an SQLite database file (checker's or not)."""
    if not path.is_file():
        return False
    with path.open("rb") as handle:
        return handle.read(len(_HEADER)) == _HEADER


def project_root(store: Path) -> Path:
    """The folder a store's document ids are relative to, whatever the working folder: the
    nearest one from the store's folder up holding checker.toml, pyproject.toml or .git, else
    the folder holding `.checker/` for a store inside it, else the store's folder."""
    folder = store.resolve().parent
    start = folder.parent if folder.name == ".checker" else folder
    return find_root(start) or start


def _failure(exc: sqlite3.Error, path: Path, otherwise: type[StoreError], doing: str) -> StoreError:
    """The store error an SQLite failure means: a full disk, a read-only file, a lock held by
    another process, a damaged database, or `otherwise`."""
    name, shown = getattr(exc, "sqlite_errorname", "") or "", str(path)
    if name.startswith("SQLITE_FULL"):
        return StoreFullError("disk full writing the claim store; the unfinished change was rolled back", path=shown)
    if name.startswith("SQLITE_READONLY"):
        return ReadOnlyStoreError("the claim store is read-only", path=shown)
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        holders = lock_holders(path)
        return StoreError(f"the claim store is locked by another process{f', {holders}' if holders else ''}; "
                          "try again when it has finished", path=shown)
    if name.startswith(_DAMAGED) or (name == "SQLITE_ERROR" and str(exc).startswith("no such")):  # a table gone
        return damaged(str(exc), shown)
    return otherwise(f"{doing}: {exc}", path=shown)


class SQLiteStore(SQLStore):
    dialect = SQLITE
    begin_write = "BEGIN IMMEDIATE"  # writers take turns from the start: no lock upgrade to fail
    begin_snapshot = "BEGIN"  # deferred: the snapshot is taken at the first read
    not_checkers = "an SQLite database, but not a checker claim store"
    driver_error = sqlite3.DatabaseError

    def __init__(self, path: str | Path, *, readonly: bool = False):
        self.path = Path(path)
        self.readonly = readonly
        self.root = project_root(self.path)
        self.shown = shown = str(self.path)
        if self.path.exists():
            self._check_file(shown)
        elif readonly:
            raise StoreError("no claim store here (run `checker ingest` first)", path=shown)
        else:
            self._make_folder(shown)
        try:
            self._open_readonly() if readonly else self._open_writable()
        except BaseException as exc:
            if hasattr(self, "db"):  # a refused store is not left open (nor its mount busy)
                self.db.close()
            if isinstance(exc, sqlite3.DatabaseError):
                raise self._failure(exc, NotAStoreError, "cannot use the store") from None
            raise

    def _failure(self, exc: Exception, otherwise: type[StoreError], doing: str) -> StoreError:
        return _failure(exc, self.path, otherwise, doing)

    def _in_transaction(self) -> bool:
        return self.db.in_transaction

    # -- opening -----------------------------------------------------------------------------
    def _make_folder(self, shown: str) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ReadOnlyStoreError(f"cannot create the store's folder: {exc.strerror}", path=shown) from None
        if not os.access(self.path.parent, os.W_OK):
            raise ReadOnlyStoreError("cannot create the store: its folder is read-only", path=shown)

    def _check_file(self, shown: str) -> None:
        if not self.path.is_file():
            raise NotAStoreError("not a claim store: not a file", path=shown)
        with self.path.open("rb") as handle:
            header = handle.read(len(_HEADER))
        if header and header != _HEADER:  # an empty file is an empty database: nothing to overwrite
            raise NotAStoreError("not a claim store: not an SQLite database", path=shown)
        if not self.readonly and not (os.access(self.path, os.W_OK) and os.access(self.path.parent, os.W_OK)):
            raise ReadOnlyStoreError("the claim store is read-only", path=shown)

    def _connect(self, query: str = "") -> None:
        uri = self.path.resolve().as_uri() + query  # escaped: "#", "?" and "%" stay in the name
        self.db = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

    def _open_readonly(self) -> None:
        """Read-only; where SQLite cannot make the WAL index (`-shm`) beside a store on a
        read-only folder or mount, immutable: nothing can write it there anyway."""
        self._connect("?mode=ro")
        try:
            self._check_schema_at_once()
        except sqlite3.OperationalError as exc:
            if getattr(exc, "sqlite_errorname", "") != "SQLITE_CANTOPEN" or os.access(self.path.parent, os.W_OK):
                raise
            self.db.close()
            self._connect("?mode=ro&immutable=1")
            self._check_schema_at_once()

    def _open_writable(self) -> None:
        self._connect()
        self._check_schema_at_once()  # before anything is written: a database not checker's is left as it was
        self._switch_to_wal()
        self.db.execute("PRAGMA synchronous = NORMAL")
        # a checkpoint (which syncs) every ~40 MB of WAL, not every 4 MB: an ingest writes
        # one transaction per document, and at the default the checkpoints cost a third
        self.db.execute(f"PRAGMA wal_autocheckpoint = {WAL_CHECKPOINT_PAGES}")
        self.db.execute("PRAGMA foreign_keys = ON")
        self._migrate()

    def _check_schema_at_once(self) -> None:
        """The schema check in one read transaction: read statement by statement, another
        process's first migration could commit between the application id and the tables, and
        its fresh store would look like a database that is not checker's."""
        self.db.execute("BEGIN")
        try:
            self._check_schema()
        finally:
            self.db.execute("ROLLBACK")

    def _switch_to_wal(self) -> None:
        """WAL mode, waiting up to the busy timeout for other openers: the switch needs the
        database to itself, and SQLite answers "busy" to it at once, without its busy handler,
        while another process has a new store open."""
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                self.db.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                busy = getattr(exc, "sqlite_errorname", "").startswith("SQLITE_BUSY")
                if not busy or time.monotonic() > deadline:
                    raise
                time.sleep(WAL_SWITCH_RETRY_S)

    def _inspect(self) -> tuple[int, set[str], bool]:
        app_id = self.db.execute("PRAGMA application_id").fetchone()[0]
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        return version, tables, app_id != APPLICATION_ID and (app_id != 0 or bool(tables))

    def _mark(self, version: int) -> None:
        self.db.execute(f"PRAGMA user_version = {version}")
        self.db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
