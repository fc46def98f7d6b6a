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
SQLite cannot create the WAL index, as immutable.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from pydantic import ValidationError

from ..errors import (
    NewerStoreError,
    NotAStoreError,
    ReadOnlyStoreError,
    StoreError,
    StoreFullError,
)
from ..models import Claim, Document, Kind
from . import lookup
from .base import ClaimStore, Overview, StoredState, StoryWords, Versions
from .locks import lock_holders
from .migrations import LATEST, MIGRATIONS, TABLES

APPLICATION_ID = 0x43484B52  # "CHKR": marks a database as checker's
_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 60_000
WAL_CHECKPOINT_PAGES = 10_000
_PROJECT_MARKERS = ("checker.toml", "pyproject.toml", ".git")
_DAMAGED = ("SQLITE_CORRUPT", "SQLITE_NOTADB")
_CLAIM_ORDER = 'ORDER BY document, start, "end", kind'
_IDS_AT_ONCE = 500  # ids bound in one query (SQLite allows 32,766 parameters; PostgreSQL 65,535)


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
    for candidate in (start, *start.parents):
        if any((candidate / marker).exists() for marker in _PROJECT_MARKERS):
            return candidate
    return start


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
        return damaged(str(exc), path)
    return otherwise(f"{doing}: {exc}", path=shown)


def damaged(what: str, path: Path) -> NotAStoreError:
    return NotAStoreError(f"the claim store is damaged ({what}); restore a copy, or ingest into a new store",
                          path=str(path))


def _rollback(db: sqlite3.Connection) -> None:
    """Undo the open transaction, if SQLite has not already (it does on a full disk)."""
    if db.in_transaction:
        db.execute("ROLLBACK")


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _rows(claims: Iterable[Claim]) -> list[tuple]:
    return [
        (c.id, c.document, c.start, c.end, c.kind.value, c.unit,
         c.value if isinstance(c.value, (int, float)) else None,
         c.subject, c.predicate, c.speaker, c.time.value if c.time else None, c.model_dump_json())
        for c in claims
    ]


class SQLiteStore(ClaimStore):
    def __init__(self, path: str | Path, *, readonly: bool = False):
        self.path = Path(path)
        self.readonly = readonly
        self.root = project_root(self.path)
        shown = str(self.path)
        if self.path.exists():
            self._check_file(shown)
        elif readonly:
            raise StoreError("no claim store here (run `checker ingest` first)", path=shown)
        else:
            self._make_folder(shown)
        try:
            self._open_readonly(shown) if readonly else self._open_writable(shown)
        except BaseException as exc:
            if hasattr(self, "db"):  # a refused store is not left open (nor its mount busy)
                self.db.close()
            if isinstance(exc, sqlite3.DatabaseError):
                raise _failure(exc, self.path, NotAStoreError, "cannot use the store") from None
            raise

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

    def _open_readonly(self, shown: str) -> None:
        """Read-only; where SQLite cannot make the WAL index (`-shm`) beside a store on a
        read-only folder or mount, immutable: nothing can write it there anyway."""
        self._connect("?mode=ro")
        try:
            self._check_schema(shown)
        except sqlite3.OperationalError as exc:
            if getattr(exc, "sqlite_errorname", "") != "SQLITE_CANTOPEN" or os.access(self.path.parent, os.W_OK):
                raise
            self.db.close()
            self._connect("?mode=ro&immutable=1")
            self._check_schema(shown)

    def _open_writable(self, shown: str) -> None:
        self._connect()
        self._check_schema(shown)
        self.db.execute("PRAGMA journal_mode = WAL")
        self.db.execute("PRAGMA synchronous = NORMAL")
        # a checkpoint (which syncs) every ~40 MB of WAL, not every 4 MB: an ingest writes
        # one transaction per document, and at the default the checkpoints cost a third
        self.db.execute(f"PRAGMA wal_autocheckpoint = {WAL_CHECKPOINT_PAGES}")
        self.db.execute("PRAGMA foreign_keys = ON")
        self._migrate(shown)

    def _check_schema(self, shown: str) -> None:
        app_id = self.db.execute("PRAGMA application_id").fetchone()[0]
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if app_id != APPLICATION_ID and (app_id != 0 or tables):
            raise NotAStoreError("an SQLite database, but not a checker claim store", path=shown)
        if version > LATEST:
            raise NewerStoreError(f"written by a newer checker (schema {version}; this one knows up to {LATEST})", path=shown)
        if version and not TABLES <= tables:
            raise damaged(f"no table {', '.join(sorted(TABLES - tables))}", self.path)
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
    def replace_all(self, entries: Iterable[tuple[Document, Iterable[Claim], Versions]]) -> None:
        prepared = []
        for document, claims, versions in entries:
            claims = list(claims)
            prepared.append((document, _rows(claims), lookup.lookups(document, claims), versions))
        self._write(lambda: [self._put(*entry) for entry in prepared])

    def _put(self, document: Document, rows: list[tuple], lookups: lookup.Lookups, versions: Versions) -> None:
        """One document and its claims, in the open transaction; the stored document with its id
        or its file goes (one file is one document, from whichever folder it was ingested). The
        file is found from the id, which is relative to the project root (or absolute), not from
        `document.path`, which is relative to whatever folder the ingest ran in."""
        abspath = str(self.root / document.id)
        self.db.execute("DELETE FROM documents WHERE id = ? OR abspath = ?", (document.id, abspath))
        self.db.execute(
            "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (document.id, document.path, abspath, document.sha256,
             versions.pipeline, versions.rules, len(rows), _now(), document.model_dump_json()),
        )
        self.db.executemany("INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        lookup.write(self.db, document.id, lookups)

    def remove(self, document_id: str) -> None:
        self._write(lambda: self.db.execute("DELETE FROM documents WHERE id = ?", (document_id,)))

    def _write(self, work: Callable[[], object]) -> None:
        try:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                work()
                self.db.execute("COMMIT")
            except BaseException:
                _rollback(self.db)
                raise
        except sqlite3.DatabaseError as exc:
            raise _failure(exc, self.path, StoreError, "cannot write the store") from None

    # -- reading -------------------------------------------------------------------------------
    @contextmanager
    def snapshot(self) -> Iterator[None]:
        if self.db.in_transaction:  # already inside one
            yield
            return
        self.db.execute("BEGIN")  # deferred: the snapshot is taken at the first read
        try:
            yield
        finally:
            _rollback(self.db)  # it only read: nothing to keep

    @contextmanager
    def _reading(self) -> Iterator[None]:
        """Turn what a damaged or locked store raises into its one-line error."""
        try:
            yield
        except sqlite3.DatabaseError as exc:
            raise _failure(exc, self.path, StoreError, "cannot read the store") from None
        except ValidationError as exc:
            raise damaged(f"a stored record is not valid: {exc.errors()[0]['msg']}", self.path) from None

    def state(self) -> dict[str, StoredState]:
        with self._reading():
            rows = self.db.execute("SELECT id, sha256, pipeline_version, rules_version, abspath FROM documents")
            return {r[0]: StoredState(r[1], Versions(r[2], r[3]), r[4]) for r in rows}

    def documents(self) -> list[Document]:
        with self._reading():
            rows = self.db.execute("SELECT data FROM documents ORDER BY id")
            return [Document.model_validate_json(r[0]) for r in rows]

    def claims(self, *, kind=None, unit=None, document=None, about=None, speaker=None) -> Iterator[Claim]:
        where, args = [], []
        for column, value in (("kind", Kind(kind).value if kind is not None else None), ("unit", unit),
                              ("document", document)):
            if value is not None:
                where.append(f"{column} = ?")
                args.append(value)
        if about is not None:
            where.append("(subject LIKE ? OR predicate LIKE ?)")
            args += [f"%{about}%"] * 2
        if speaker is not None:
            where.append("speaker LIKE ?")
            args.append(f"%{speaker}%")
        sql = "SELECT data FROM claims" + (" WHERE " + " AND ".join(where) if where else "")
        with self._reading():
            for (data,) in self.db.execute(f"{sql} {_CLAIM_ORDER}", args):
                yield Claim.model_validate_json(data)

    def extractions(self, documents=None, *, kind=None) -> Iterator[tuple[Document, list[Claim]]]:
        kinds = ("" if kind is None else " AND kind = ?", () if kind is None else (Kind(kind).value,))
        if documents is None:
            yield from self._merged("SELECT id, data FROM documents ORDER BY id", (),
                                    f"SELECT document, data FROM claims WHERE 1{kinds[0]} {_CLAIM_ORDER}", kinds[1])
            return
        wanted = sorted(set(documents))
        for at in range(0, len(wanted), _IDS_AT_ONCE):
            chunk = wanted[at : at + _IDS_AT_ONCE]
            marks = ", ".join("?" * len(chunk))
            yield from self._merged(f"SELECT id, data FROM documents WHERE id IN ({marks}) ORDER BY id", chunk,
                                    f"SELECT document, data FROM claims WHERE document IN ({marks}){kinds[0]} "
                                    f"{_CLAIM_ORDER}", (*chunk, *kinds[1]))

    def _merged(self, documents_sql: str, documents_args, claims_sql: str, claims_args
                ) -> Iterator[tuple[Document, list[Claim]]]:
        """Documents and their claims from two queries in document order, read side by side."""
        with self._reading():
            claims = self.db.execute(claims_sql, claims_args)
            pending = claims.fetchone()
            for doc_id, data in self.db.execute(documents_sql, documents_args):
                while pending is not None and pending[0] < doc_id:  # a claim without its document
                    pending = claims.fetchone()
                found = []
                while pending is not None and pending[0] == doc_id:
                    found.append(Claim.model_validate_json(pending[1]))
                    pending = claims.fetchone()
                yield Document.model_validate_json(data), found

    def story_words(self, documents: Iterable[str]) -> dict[str, StoryWords]:
        with self._reading():
            return lookup.story_words(self.db, documents)

    def word_holders(self, words: Iterable[str], *, all_up_to: int, days: tuple[int, int] | None
                     ) -> dict[str, tuple[int, list[tuple[str, int | None]]]]:
        with self._reading():
            return lookup.word_holders(self.db, words, all_up_to, days)

    def wordless(self, days: tuple[int, int] | None) -> list[tuple[str, int | None]]:
        with self._reading():
            return lookup.wordless(self.db, days)

    def people(self, surnames: Iterable[str], *, excluding: Iterable[str] = ()) -> dict[str, set[str]]:
        with self._reading():
            return lookup.people(self.db, surnames, set(excluding))

    def quoting(self, speakers: Iterable[str], *, excluding: Iterable[str] = ()) -> set[str]:
        with self._reading():
            return lookup.quoting(self.db, speakers) - set(excluding)

    def overview(self, excluding: Iterable[str] = ()) -> Overview:
        with self._reading():
            return lookup.overview(self.db, excluding)

    def counts(self) -> tuple[int, int]:
        """(documents, claims) stored."""
        with self._reading():
            docs = self.db.execute("SELECT count(*) FROM documents").fetchone()[0]
            claims = self.db.execute("SELECT count(*) FROM claims").fetchone()[0]
            return docs, claims

    def close(self) -> None:
        self.db.close()
