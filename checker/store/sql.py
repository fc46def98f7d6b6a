"""What the SQLite and PostgreSQL stores share: the schema (the same registered migrations,
recorded in the database), every query, and a write as one transaction.

A backend brings its connection (in autocommit mode: transactions are begun and ended here,
in SQL), its `Dialect`, the statements that begin a write and a snapshot, the locks a write
takes, how it reads the schema's version and marks the database as checker's, and what its
driver's errors mean. Queries are written once with `?` parameters; the dialect's
placeholder replaces them (no query holds a literal `?` or `%`).
"""

from __future__ import annotations

import datetime as dt
from abc import abstractmethod
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, closing, contextmanager, nullcontext
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import NewerStoreError, NotAStoreError, StoreError
from ..models import Claim, Document, Kind
from . import lookup
from .base import ClaimStore, Overview, StoredState, StoryWords, Versions
from .migrations import LATEST, MIGRATIONS, TABLES, Dialect

_PROJECT_MARKERS = ("checker.toml", "pyproject.toml", ".git")
SCHEMA_LOCK = "(the schema)"  # the lock key of a migration: never a document's id or file


def find_root(start: Path) -> Path | None:
    """The nearest folder from `start` up holding checker.toml, pyproject.toml or .git."""
    for candidate in (start, *start.parents):
        if any((candidate / marker).exists() for marker in _PROJECT_MARKERS):
            return candidate
    return None


def damaged(what: str, shown: str) -> NotAStoreError:
    return NotAStoreError(f"the claim store is damaged ({what}); restore a copy, or ingest into a new store",
                          path=shown)


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


# the claims table's columns, in its order: what `_rows` gives of each claim
CLAIM_COLUMNS = ("id", "document", "start", "end", "kind", "unit", "value_num", "subject", "predicate", "speaker",
                 "time_value", "data")


def _rows(claims: Iterable[Claim]) -> list[tuple]:
    return [
        (c.id, c.document, c.start, c.end, c.kind.value, c.unit,
         c.value if isinstance(c.value, (int, float)) else None,
         c.subject, c.predicate, c.speaker, c.time.value if c.time else None, c.model_dump_json())
        for c in claims
    ]


class SQLStore(ClaimStore):
    """A claim store in an SQL database; see the module's docstring for what a backend adds."""

    dialect: Dialect
    db: Any  # the driver's connection, in autocommit mode
    shown: str  # the store as error messages name it (a path, or a URL without its password)
    readonly: bool
    begin_write = "BEGIN"
    begin_snapshot = "BEGIN"
    not_checkers = "not a checker claim store"  # what a database with other things in it is called
    driver_error: type[Exception] = Exception  # what the driver raises

    # -- what a backend provides -------------------------------------------------------------------
    @abstractmethod
    def _failure(self, exc: Exception, otherwise: type[StoreError], doing: str) -> StoreError:
        """The store error a driver error means (a full disk, a lock held too long, ...)."""

    @abstractmethod
    def _in_transaction(self) -> bool: ...

    @abstractmethod
    def _inspect(self) -> tuple[int, set[str], bool]:
        """The schema's version, the tables there, and whether something other than checker
        made them (then the store is refused, never written over)."""

    @abstractmethod
    def _mark(self, version: int) -> None:
        """Record `version` and mark the database as checker's, in the open transaction."""

    def _lock(self, keys: list[str]) -> None:
        """Hold, until the open transaction ends, whatever keeps other writers of these
        documents out (nothing: a backend whose write transactions take turns)."""

    def _rollback(self) -> None:
        """Undo the open transaction, if the database has not already."""
        if self._in_transaction():
            self.db.execute("ROLLBACK")

    # -- schema ------------------------------------------------------------------------------------
    @property
    def _queries(self) -> lookup.Queries:
        return lookup.Queries(self.db, self.dialect)

    def _execute(self, sql: str, args: tuple | list = ()) -> Any:
        return self._queries.run(sql, args)

    def _check_schema(self) -> int:
        """The schema's version, once it is known to be a checker store this checker can use."""
        version, tables, foreign = self._inspect()
        if foreign:
            raise NotAStoreError(self.not_checkers, path=self.shown)
        if version > LATEST:
            raise NewerStoreError(f"written by a newer checker (schema {version}; this one knows up to {LATEST})",
                                  path=self.shown)
        if version and not TABLES <= tables:
            raise damaged(f"no table {', '.join(sorted(TABLES - tables))}", self.shown)
        if self.readonly and not version:
            raise StoreError("no claim store here (run `checker ingest` first)", path=self.shown)
        if self.readonly and version < LATEST:
            raise StoreError(f"schema {version} needs upgrading to {LATEST}: run `checker ingest` on it once",
                             path=self.shown)
        return version

    def _migrate(self) -> None:
        """Bring the schema up to date in one write transaction: concurrent openers take turns."""
        self._execute(self.begin_write)
        try:
            self._lock([SCHEMA_LOCK])
            version = self._check_schema()
            for number, name, apply in MIGRATIONS:
                if number > version:
                    apply(self.db, self.dialect)
                    self._execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", (number, name, now()))
            self._mark(LATEST)
            self._execute("COMMIT")
        except BaseException:
            self._rollback()
            raise

    # -- writing -----------------------------------------------------------------------------------
    def _abspath(self, document: Document) -> str:
        """The document's file, from its id, which is relative to the project root (or absolute),
        not from `document.path`, which is relative to whatever folder the ingest ran in."""
        return str((self.root or Path.cwd()) / document.id)

    def replace_all(self, entries: Iterable[tuple[Document, Iterable[Claim], Versions]]) -> None:
        prepared = []
        for document, claims, versions in entries:
            claims = list(claims)
            prepared.append((document, _rows(claims), lookup.lookups(document, claims), versions))
        keys = sorted({key for entry in prepared for key in (entry[0].id, self._abspath(entry[0]))})
        self._write(keys, lambda: [self._put(*entry) for entry in prepared])

    def _put(self, document: Document, rows: list[tuple], lookups: lookup.Lookups, versions: Versions) -> None:
        """One document, its claims and its lookups, in the open transaction; the stored document
        with its id or its file goes (one file is one document, from whichever folder it was
        ingested)."""
        abspath = self._abspath(document)
        self._execute("DELETE FROM documents WHERE id = ? OR abspath = ?", (document.id, abspath))
        self._execute(
            "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (document.id, document.path, abspath, document.sha256,
             versions.pipeline, versions.rules, len(rows), now(), document.model_dump_json()),
        )
        self._queries.insert("claims", CLAIM_COLUMNS, rows)
        lookup.write(self._queries, document.id, lookups)

    def remove(self, document_id: str) -> None:
        self._write([document_id], lambda: self._execute("DELETE FROM documents WHERE id = ?", (document_id,)))

    def _write(self, keys: list[str], work: Callable[[], object]) -> None:
        try:
            try:
                with self._sent_together():
                    self._execute(self.begin_write)
                    self._lock(keys)
                    work()
                    self._execute("COMMIT")
            except BaseException:
                self._rollback()
                raise
        except self.driver_error as exc:
            raise self._failure(exc, StoreError, "cannot write the store") from None

    def _sent_together(self) -> AbstractContextManager[object]:
        """A context whose statements a backend may send at once and answer at its end (a
        server's round trip per write, not per statement); a failure is raised there at the latest."""
        return nullcontext()

    # -- reading -----------------------------------------------------------------------------------
    @contextmanager
    def snapshot(self) -> Iterator[None]:
        if self._in_transaction():  # already inside one
            yield
            return
        self._execute(self.begin_snapshot)
        try:
            yield
        finally:
            self._rollback()  # it only read: nothing to keep

    @contextmanager
    def _reading(self) -> Iterator[None]:
        """Turn what a damaged or locked store raises into its one-line error."""
        try:
            yield
        except self.driver_error as exc:
            raise self._failure(exc, StoreError, "cannot read the store") from None
        except ValidationError as exc:
            raise damaged(f"a stored record is not valid: {exc.errors()[0]['msg']}", self.shown) from None

    def state(self) -> dict[str, StoredState]:
        with self._reading():
            rows = self._execute("SELECT id, sha256, pipeline_version, rules_version, abspath FROM documents")
            return {r[0]: StoredState(r[1], Versions(r[2], r[3]), r[4]) for r in rows}

    def _streamed(self, sql: str, args: tuple | list = ()) -> Iterator[tuple]:
        """A query's rows, read as they are used: SQLite's cursor steps through its result (a
        backend whose driver would fetch the whole result at once pages through it instead)."""
        yield from self._execute(sql, args)

    def each_document(self) -> Iterator[Document]:
        with self._reading():
            for (data,) in self._streamed(f"SELECT data FROM documents ORDER BY id COLLATE {self.dialect.binary}"):
                yield Document.model_validate_json(data)

    def claims(self, *, kind=None, unit=None, document=None, about=None, speaker=None) -> Iterator[Claim]:
        where, args = [], []
        for column, value in (("kind", Kind(kind).value if kind is not None else None), ("unit", unit),
                              ("document", document)):
            if value is not None:
                where.append(f"{column} = ?")
                args.append(value)
        like = self.dialect.like
        if about is not None:
            where.append(f"(subject {like} ? OR predicate {like} ?)")
            args += [f"%{about}%"] * 2
        if speaker is not None:
            where.append(f"speaker {like} ?")
            args.append(f"%{speaker}%")
        sql = "SELECT data FROM claims" + (" WHERE " + " AND ".join(where) if where else "")
        with self._reading():
            for (data,) in self._streamed(f"{sql} {self._claim_order}", args):
                yield Claim.model_validate_json(data)

    def claims_by_id(self, ids: Iterable[str]) -> Iterator[Claim]:
        return self._by_id("claims", Claim, ids)

    def documents_by_id(self, ids: Iterable[str]) -> Iterator[Document]:
        return self._by_id("documents", Document, ids)

    def _by_id(self, table: str, model: type[Claim | Document], ids: Iterable[str]) -> Iterator:
        """The rows of `table` with these ids, by id, a statement's worth of ids at a time."""
        with self._reading():
            for chunk, marks in lookup.chunks(ids):
                for (data,) in self._execute(f"SELECT data FROM {table} WHERE id IN ({marks}) "
                                             f"ORDER BY id COLLATE {self.dialect.binary}", chunk):
                    yield model.model_validate_json(data)

    def claim_counts(self) -> dict[str, int]:
        with self._reading():
            return dict(self._execute("SELECT document, COUNT(*) FROM claims GROUP BY document"))

    @property
    def _claim_order(self) -> str:
        """Claims in document order, then offset order: text ordered by its bytes, as Python orders it."""
        binary = self.dialect.binary
        return f'ORDER BY document COLLATE {binary}, start, "end", kind COLLATE {binary}'

    def extractions(self, documents=None, *, kind=None) -> Iterator[tuple[Document, list[Claim]]]:
        kinds = ("" if kind is None else " AND kind = ?", () if kind is None else (Kind(kind).value,))
        by_id = f"ORDER BY id COLLATE {self.dialect.binary}"
        if documents is None:
            yield from self._merged(f"SELECT id, data FROM documents {by_id}", (),
                                    f"SELECT document, data FROM claims WHERE 1 = 1{kinds[0]} {self._claim_order}",
                                    kinds[1])
            return
        for chunk, marks in lookup.chunks(documents):
            yield from self._merged(f"SELECT id, data FROM documents WHERE id IN ({marks}) {by_id}", chunk,
                                    f"SELECT document, data FROM claims WHERE document IN ({marks}){kinds[0]} "
                                    f"{self._claim_order}", (*chunk, *kinds[1]))

    def _merged(self, documents_sql: str, documents_args, claims_sql: str, claims_args
                ) -> Iterator[tuple[Document, list[Claim]]]:
        """Documents and their claims from two queries in document order, read side by side in
        one snapshot (both queries see one state of the store)."""
        with self._reading(), self.snapshot(), closing(self._streamed(claims_sql, claims_args)) as claims, \
                closing(self._streamed(documents_sql, documents_args)) as documents:
            pending = next(claims, None)
            for doc_id, data in documents:
                while pending is not None and pending[0] < doc_id:  # a claim without its document
                    pending = next(claims, None)
                found = []
                while pending is not None and pending[0] == doc_id:
                    found.append(Claim.model_validate_json(pending[1]))
                    pending = next(claims, None)
                yield Document.model_validate_json(data), found

    # -- lookups (`store.lookup`) --------------------------------------------------------------------
    def story_words(self, documents: Iterable[str]) -> dict[str, StoryWords]:
        with self._reading():
            return lookup.story_words(self._queries, documents)

    def word_holders(self, words: Iterable[str], *, all_up_to: int) -> dict[str, tuple[int, list[tuple[str, int | None]]]]:
        with self._reading():
            return lookup.word_holders(self._queries, words, all_up_to)

    def word_days(self, words: Iterable[str], days: tuple[int, int]) -> dict[str, dict[int, int]]:
        with self._reading():
            return lookup.word_days(self._queries, words, days)

    def word_holders_on(self, word: str, days: Iterable[int]) -> list[tuple[str, int]]:
        with self._reading():
            return lookup.word_holders_on(self._queries, word, days)

    def wordless(self, days: tuple[int, int] | None) -> list[tuple[str, int | None]]:
        with self._reading():
            return lookup.wordless(self._queries, days)

    def people(self, surnames: Iterable[str], *, excluding: Iterable[str] = ()) -> dict[str, set[str]]:
        with self._reading():
            return lookup.people(self._queries, surnames, set(excluding))

    def quoting(self, speakers: Iterable[str], *, excluding: Iterable[str] = ()) -> set[str]:
        with self._reading():
            return lookup.quoting(self._queries, speakers) - set(excluding)

    def overview(self, excluding: Iterable[str] = ()) -> Overview:
        with self._reading():
            return lookup.overview(self._queries, excluding)

    def counts(self) -> tuple[int, int]:
        """(documents, claims) stored."""
        with self._reading():
            docs = self._execute("SELECT count(*) FROM documents").fetchone()[0]
            claims = self._execute("SELECT count(*) FROM claims").fetchone()[0]
            return docs, claims

    def close(self) -> None:
        self.db.close()
