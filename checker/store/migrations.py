"""Schema migrations: registered functions, applied in order, recorded in the database.

The same migrations build an SQLite and a PostgreSQL store: each is given the
connection and the backend's `Dialect`, which names the few places where the
two speak differently. Each applied migration is written to
`schema_migrations` with its name and time (SQLite also keeps the version in
`user_version`). A store whose version is higher than the last registered
migration was written by a newer checker and is refused, never downgraded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from .lookup import backfill


class Connection(Protocol):
    """What a migration needs of a connection (sqlite3's and psycopg's both have it)."""

    def execute(self, sql: str, params: Any = (), /) -> Any: ...

    def cursor(self) -> Any: ...


@dataclass(frozen=True)
class Dialect:
    """Where the backends' SQL differs; everything else is written once."""

    placeholder: str  # a query parameter: "?" (sqlite3) or "%s" (psycopg)
    nocase_index: str  # a column indexed for case-insensitive lookups, "{}" the column
    # a column ordering a table's rows by insertion: SQLite's rowid; PostgreSQL's ctid only
    # roughly, which is enough, since its stores never held a row before migration 3
    newest_row: str
    like: str  # case-insensitive substring match
    binary: str  # the collation ordering text by its bytes, as Python orders strings
    # an insert of many rows given as one JSON array of objects, "{table}" the table (empty:
    # none, rows go one statement each, which costs an embedded database no round trips)
    rows_from_json: str = ""

    def sql(self, query: str) -> str:
        """A query written with `?` parameters, in this dialect (no query holds a literal `?` or `%`)."""
        return query.replace("?", self.placeholder)


SQLITE = Dialect("?", "{} COLLATE NOCASE", "rowid", "LIKE", "BINARY")
POSTGRESQL = Dialect("%s", "lower({})", "ctid", "ILIKE", '"C"',
                     "INSERT INTO {table} SELECT * FROM json_populate_recordset(NULL::{table}, ?)")

Migration = Callable[[Connection, Dialect], None]
MIGRATIONS: list[tuple[int, str, Migration]] = []


def run_script(db: Connection, script: str) -> None:
    """Run statements one by one: sqlite3's `executescript` would commit the open transaction."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def migration(version: int, name: str) -> Callable[[Migration], Migration]:
    """Register a migration; versions must follow each other from 1."""

    def register(func: Migration) -> Migration:
        assert version == len(MIGRATIONS) + 1, f"migration {version} registered out of order"
        MIGRATIONS.append((version, name, func))
        return func

    return register


@migration(1, "documents and claims")
def _create_tables(db: Connection, dialect: Dialect) -> None:
    run_script(
        db,
        """
        CREATE TABLE schema_migrations (
            version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            path TEXT NOT NULL,
            abspath TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            pipeline_version TEXT NOT NULL,
            rules_version TEXT NOT NULL,
            claim_count INTEGER NOT NULL,
            ingested_at TEXT NOT NULL,
            data TEXT NOT NULL);
        CREATE TABLE claims (
            id TEXT PRIMARY KEY,
            document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            kind TEXT NOT NULL,
            unit TEXT,
            value_num DOUBLE PRECISION,
            subject TEXT,
            predicate TEXT,
            speaker TEXT,
            time_value TEXT,
            data TEXT NOT NULL);
        CREATE INDEX claims_by_document ON claims(document, start, "end");
        CREATE INDEX claims_by_kind_unit ON claims(kind, unit);
        """
    )


@migration(2, "indexes for the rule engine's lookups")
def _context_indexes(db: Connection, dialect: Dialect) -> None:
    nocase = dialect.nocase_index.format
    run_script(
        db,
        f"""
        CREATE INDEX claims_by_subject ON claims({nocase("subject")});
        CREATE INDEX claims_by_predicate ON claims({nocase("predicate")});
        CREATE INDEX claims_by_speaker ON claims({nocase("speaker")});
        CREATE INDEX claims_by_kind_time ON claims(kind, time_value);
        """
    )


@migration(3, "one document per file")
def _one_document_per_file(db: Connection, dialect: Dialect) -> None:
    """A file ingested from two working folders was stored twice, under two ids, and counted
    as two sources: keep the latest write of each file, and let the file be the key."""
    newest = dialect.newest_row
    run_script(
        db,
        f"""
        DELETE FROM documents WHERE {newest} NOT IN (SELECT max({newest}) FROM documents GROUP BY abspath);
        DELETE FROM claims WHERE document NOT IN (SELECT id FROM documents);
        CREATE UNIQUE INDEX documents_by_abspath ON documents(abspath);
        """
    )


@migration(4, "what a check looks up instead of reading the whole store")
def _lookup_tables(db: Connection, dialect: Dialect) -> None:
    """Each document's day, publication date and story words, the full names of the people it
    names, whether it declares claims one fact: what `checker check` reads through indexes
    (`store.lookup`). Filled for the documents stored so far (a record that does not read is
    left without: a check then reads the whole store, and reports the damage)."""
    run_script(
        db,
        """
        CREATE TABLE document_lookups (
            document TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            day INTEGER,
            published TEXT,
            declares INTEGER NOT NULL,
            story_words INTEGER NOT NULL);
        CREATE TABLE document_words (
            document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            word TEXT NOT NULL,
            name INTEGER NOT NULL,
            day INTEGER);
        CREATE INDEX document_words_by_word ON document_words(word, day);
        CREATE INDEX document_words_by_document ON document_words(document);
        CREATE TABLE document_names (
            document TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            last TEXT NOT NULL);
        CREATE INDEX document_names_by_last ON document_names(last);
        CREATE INDEX document_names_by_document ON document_names(document);
        CREATE INDEX document_lookups_by_day ON document_lookups(day);
        CREATE INDEX document_lookups_by_published ON document_lookups(published);
        CREATE INDEX claims_by_kind_speaker ON claims(kind, speaker);
        """
    )
    backfill(db, dialect)


LATEST = len(MIGRATIONS)
TABLES = {"schema_migrations", "documents", "claims"}  # what a store at any version has
