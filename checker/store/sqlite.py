"""The SQLite claim store (stdlib `sqlite3`).

Safe by construction: WAL journal and a busy timeout so concurrent ingests
wait for each other instead of failing, one `BEGIN IMMEDIATE` transaction per
document so a killed process leaves every document either fully old or fully
new, and checks before anything is written — a file that is not SQLite, an
SQLite file that is not checker's, a newer schema or a read-only file is
refused with its own error and left untouched. A disk that fills up mid-write
is its own error too, and costs only the document being written: its
transaction is rolled back, the documents before it stay.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import (
    NewerStoreError,
    NotAStoreError,
    ReadOnlyStoreError,
    StoreError,
    StoreFullError,
)
from ..models import Claim, Document, Kind
from .base import ClaimStore, StoredState, Versions
from .migrations import LATEST, MIGRATIONS

APPLICATION_ID = 0x43484B52  # "CHKR": marks a database as checker's
_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 60_000
WAL_CHECKPOINT_PAGES = 10_000


def is_sqlite_file(path: Path) -> bool:
    """Whether a path is an SQLite database file (checker's or not)."""
    if not path.is_file():
        return False
    with path.open("rb") as handle:
        return handle.read(len(_HEADER)) == _HEADER


def _failure(exc: sqlite3.Error, shown: str, otherwise: type[StoreError], doing: str) -> StoreError:
    """The store error an SQLite failure means: a full disk, a read-only file, or `otherwise`."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    if name.startswith("SQLITE_FULL"):
        return StoreFullError("disk full writing the claim store; the unfinished change was rolled back", path=shown)
    if name.startswith("SQLITE_READONLY"):
        return ReadOnlyStoreError("the claim store is read-only", path=shown)
    return otherwise(f"{doing}: {exc}", path=shown)


def _rollback(db: sqlite3.Connection) -> None:
    """Undo the open transaction, if SQLite has not already (it does on a full disk)."""
    if db.in_transaction:
        db.execute("ROLLBACK")


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class SQLiteStore(ClaimStore):
    def __init__(self, path: str | Path, *, readonly: bool = False):
        self.path = Path(path)
        self.readonly = readonly
        shown = str(self.path)
        if self.path.exists():
            self._check_file(shown)
        elif readonly:
            raise StoreError("no claim store here (run `checker ingest` first)", path=shown)
        else:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise ReadOnlyStoreError(f"cannot create the store's folder: {exc.strerror}", path=shown) from None
            if not os.access(self.path.parent, os.W_OK):
                raise ReadOnlyStoreError("cannot create the store: its folder is read-only", path=shown)
        try:
            uri = f"file:{self.path.resolve()}?mode=ro" if readonly else str(self.path)
            self.db = sqlite3.connect(uri, uri=readonly, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self._check_schema(shown)
            if not readonly:
                self.db.execute("PRAGMA journal_mode = WAL")
                self.db.execute("PRAGMA synchronous = NORMAL")
                # a checkpoint (which syncs) every ~40 MB of WAL, not every 4 MB: an ingest writes
                # one transaction per document, and at the default the checkpoints cost a third
                self.db.execute(f"PRAGMA wal_autocheckpoint = {WAL_CHECKPOINT_PAGES}")
                self.db.execute("PRAGMA foreign_keys = ON")
                self._migrate(shown)
        except sqlite3.DatabaseError as exc:
            raise _failure(exc, shown, NotAStoreError, "cannot use the store") from None

    # -- opening -----------------------------------------------------------------------------
    def _check_file(self, shown: str) -> None:
        if not self.path.is_file():
            raise NotAStoreError("not a claim store: not a file", path=shown)
        with self.path.open("rb") as handle:
            header = handle.read(len(_HEADER))
        if header and header != _HEADER:  # an empty file is an empty database: nothing to overwrite
            raise NotAStoreError("not a claim store: not an SQLite database", path=shown)
        if not self.readonly and not (os.access(self.path, os.W_OK) and os.access(self.path.parent, os.W_OK)):
            raise ReadOnlyStoreError("the claim store is read-only", path=shown)

    def _check_schema(self, shown: str) -> None:
        app_id = self.db.execute("PRAGMA application_id").fetchone()[0]
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        tables = self.db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if app_id != APPLICATION_ID and (app_id != 0 or tables):
            raise NotAStoreError("an SQLite database, but not a checker claim store", path=shown)
        if version > LATEST:
            raise NewerStoreError(f"written by a newer checker (schema {version}; this one knows up to {LATEST})", path=shown)
        if self.readonly and version < LATEST:
            raise StoreError(f"schema {version} needs upgrading to {LATEST}: run `checker ingest` on it once", path=shown)

    def _migrate(self, shown: str) -> None:
        self.db.execute("BEGIN IMMEDIATE")  # concurrent openers take turns here
        try:
            self._check_schema(shown)
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
            for number, name, apply in MIGRATIONS:
                if number > version:
                    apply(self.db)
                    self.db.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", (number, name, _now()))
                    self.db.execute(f"PRAGMA user_version = {number}")
            self.db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            self.db.execute("COMMIT")
        except BaseException:
            _rollback(self.db)
            raise

    # -- writing -------------------------------------------------------------------------------
    def replace(self, document: Document, claims: Iterable[Claim], versions: Versions) -> None:
        rows = [
            (c.id, c.document, c.start, c.end, c.kind.value, c.unit,
             c.value if isinstance(c.value, (int, float)) else None,
             c.subject, c.predicate, c.speaker, c.time.value if c.time else None, c.model_dump_json())
            for c in claims
        ]
        self._write(lambda: (
            self.db.execute("DELETE FROM documents WHERE id = ?", (document.id,)),
            self.db.execute(
                "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (document.id, document.path, str(Path(document.path).resolve()), document.sha256,
                 versions.pipeline, versions.rules, len(rows), _now(), document.model_dump_json()),
            ),
            self.db.executemany("INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows),
        ))

    def remove(self, document_id: str) -> None:
        self._write(lambda: self.db.execute("DELETE FROM documents WHERE id = ?", (document_id,)))

    def _write(self, work) -> None:
        try:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                work()
                self.db.execute("COMMIT")
            except BaseException:
                _rollback(self.db)
                raise
        except sqlite3.OperationalError as exc:
            raise _failure(exc, str(self.path), StoreError, "cannot write the store") from None

    # -- reading -------------------------------------------------------------------------------
    def state(self) -> dict[str, StoredState]:
        rows = self.db.execute("SELECT id, sha256, pipeline_version, rules_version, abspath FROM documents")
        return {r[0]: StoredState(r[1], Versions(r[2], r[3]), r[4]) for r in rows}

    def documents(self) -> list[Document]:
        rows = self.db.execute("SELECT data FROM documents ORDER BY id")
        return [Document.model_validate_json(r[0]) for r in rows]

    def claims(self, *, kind=None, unit=None, document=None, about=None, speaker=None) -> Iterator[Claim]:
        where, args = [], []
        if kind is not None:
            where.append("kind = ?")
            args.append(Kind(kind).value)
        if unit is not None:
            where.append("unit = ?")
            args.append(unit)
        if document is not None:
            where.append("document = ?")
            args.append(document)
        if about is not None:
            where.append("(subject LIKE ? OR predicate LIKE ?)")
            args += [f"%{about}%"] * 2
        if speaker is not None:
            where.append("speaker LIKE ?")
            args.append(f"%{speaker}%")
        sql = "SELECT data FROM claims" + (" WHERE " + " AND ".join(where) if where else "")
        for (data,) in self.db.execute(sql + ' ORDER BY document, start, "end", kind', args):
            yield Claim.model_validate_json(data)

    def counts(self) -> tuple[int, int]:
        """(documents, claims) stored."""
        docs = self.db.execute("SELECT count(*) FROM documents").fetchone()[0]
        claims = self.db.execute("SELECT count(*) FROM claims").fetchone()[0]
        return docs, claims

    def close(self) -> None:
        self.db.close()
