"""The store's lookups, for both backends: kept beside each document when it is written, read
through indexes when a draft is checked (`ClaimStore.story_words` and the methods after it).

What is kept is the engine's own summary of the document (`engine.surroundings.Summary`):
its day, the rare words of its story, the full names of the people it names. The statements
are plain SQL written with `?` parameters, put in each backend's `Dialect` as they run.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from ..models import Claim, Document
from .base import Overview, StoryWords

if TYPE_CHECKING:
    from .migrations import Connection, Dialect

WORD_COLUMNS = ("document", "word", "name", "day")  # document_words's, in its order
NAME_COLUMNS = ("document", "name", "last")  # document_names's
_AT_ONCE = 500  # values bound in one statement (SQLite allows 32,766 parameters; PostgreSQL 65,535)


@dataclass(frozen=True)
class Lookups:
    """A document's rows in the lookup tables, worked out before its write transaction opens."""

    document: tuple  # day, published, declares, story word count
    words: list[tuple]
    names: list[tuple]


@dataclass(frozen=True)
class Queries:
    """A connection and its dialect: the statements below run on either backend."""

    db: Connection
    dialect: Dialect

    def run(self, sql: str, args: Sequence[Any] = ()) -> Any:
        return self.db.execute(self.dialect.sql(sql), args)

    def run_many(self, sql: str, rows: list[tuple]) -> None:
        with closing(self.db.cursor()) as cursor:
            cursor.executemany(self.dialect.sql(sql), rows)

    def insert(self, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        """Rows (values in `columns` order, the table's) into `table`: in one statement taking
        them as a JSON array where the dialect can (a server then runs one insert, not one per
        row, and the driver sends one value); else, or when JSON cannot hold a value (a figure
        that is not a number, or infinite), one statement per row."""
        if not rows:
            return
        if self.dialect.rows_from_json:
            try:
                as_json = json.dumps([dict(zip(columns, row, strict=True)) for row in rows], ensure_ascii=False,
                                     allow_nan=False)
            except ValueError:
                pass
            else:
                self.run(self.dialect.rows_from_json.format(table=table), (as_json,))
                return
        self.run_many(f"INSERT INTO {table} VALUES ({', '.join('?' * len(columns))})", rows)


def lookups(document: Document, claims: list[Claim]) -> Lookups:
    """The document's lookups: its summary (`engine.surroundings.Summary`), as rows."""
    # the engine is loaded only by a store that writes
    from ..engine.surroundings import Summary

    summary = Summary.of(document, claims)
    words = summary.words if claims else frozenset()  # a document without claims is in no story
    return Lookups((summary.day, document.published.isoformat() if document.published else None,
                    int(summary.declares), len(words)),
                   [(document.id, w, int(w in summary.rare_names), summary.day) for w in sorted(words)],
                   [(document.id, n, n.split()[-1]) for n in sorted(summary.full_names)])


def write(q: Queries, document_id: str, rows: Lookups) -> None:
    """The lookups of a document whose row in `documents` was just written."""
    q.run("INSERT INTO document_lookups VALUES (?, ?, ?, ?, ?)", (document_id, *rows.document))
    q.insert("document_words", WORD_COLUMNS, rows.words)
    q.insert("document_names", NAME_COLUMNS, rows.names)


def backfill(db: Connection, dialect: Dialect) -> None:
    """The lookups of every document already stored (a store made by an older checker)."""
    q = Queries(db, dialect)
    binary = dialect.binary
    for doc_id, data in q.run("SELECT id, data FROM documents").fetchall():
        try:
            document = Document.model_validate_json(data)
            claims = [Claim.model_validate_json(row[0]) for row in q.run(
                f'SELECT data FROM claims WHERE document = ? ORDER BY start, "end", kind COLLATE {binary}', (doc_id,))]
        except ValidationError:
            continue  # a damaged record: every read of it says so
        write(q, doc_id, lookups(document, claims))


def complete(q: Queries) -> bool:
    """Whether every stored document has its lookups."""
    return q.run("SELECT count(*) FROM documents").fetchone()[0] == \
        q.run("SELECT count(*) FROM document_lookups").fetchone()[0]


def chunks(values: Iterable[Any]) -> Iterable[tuple[list[Any], str]]:
    """The distinct values, sorted, a statement's worth at a time, each with its `?` marks."""
    ordered = sorted(set(values))
    for at in range(0, len(ordered), _AT_ONCE):
        chunk = ordered[at : at + _AT_ONCE]
        yield chunk, ", ".join("?" * len(chunk))


def story_words(q: Queries, documents: Iterable[str]) -> dict[str, StoryWords]:
    found: dict[str, tuple[int | None, set[str], set[str]]] = {}
    for chunk, marks in chunks(documents):
        for doc_id, day in q.run(f"SELECT l.document, l.day FROM document_lookups l JOIN documents d ON d.id = "
                                 f"l.document WHERE l.document IN ({marks}) AND d.claim_count > 0", chunk):
            found[doc_id] = (day, set(), set())
        for doc_id, word, name in q.run(f"SELECT document, word, name FROM document_words WHERE document IN ({marks})",
                                        chunk):
            found[doc_id][1].add(word)
            if name:
                found[doc_id][2].add(word)
    return {d: StoryWords(day, frozenset(words), frozenset(names)) for d, (day, words, names) in found.items()}


def word_holders(q: Queries, words: Iterable[str], all_up_to: int) -> dict[str, tuple[int, list[tuple[str, int | None]]]]:
    # each word's holders counted no further than one past `all_up_to`: a word of the whole
    # month's news is held by tens of thousands, whose count would read that many index entries
    # and say no more than "many"
    counts: dict[str, int] = {}
    for chunk, _ in chunks(words):
        asked = " UNION ALL ".join(["SELECT ? AS word"] * len(chunk))
        counts.update((word, held) for word, held in q.run(
            f"SELECT w.word, (SELECT count(*) FROM (SELECT 1 FROM document_words h WHERE h.word = w.word "
            f"LIMIT {int(all_up_to) + 1}) AS held) FROM ({asked}) AS w", chunk) if held)
    holders: dict[str, list[tuple[str, int | None]]] = {w: [] for w in counts}
    for chunk, marks in chunks(w for w, n in counts.items() if n <= all_up_to):
        for word, doc_id, day in q.run(f"SELECT word, document, day FROM document_words WHERE word IN ({marks})", chunk):
            holders[word].append((doc_id, day))
    return {w: (counts[w], sorted(holders[w])) for w in counts}


def word_days(q: Queries, words: Iterable[str], days: tuple[int, int]) -> dict[str, dict[int, int]]:
    found: dict[str, dict[int, int]] = {}
    for chunk, marks in chunks(words):
        for word, day, held in q.run(f"SELECT word, day, count(*) FROM document_words WHERE word IN ({marks}) "
                                     f"AND day BETWEEN ? AND ? GROUP BY word, day", (*chunk, *days)):
            found.setdefault(word, {})[day] = held
    return found


def word_holders_on(q: Queries, word: str, days: Iterable[int]) -> list[tuple[str, int]]:
    found = []
    for chunk, marks in chunks(days):
        found += q.run(f"SELECT document, day FROM document_words WHERE word = ? AND day IN ({marks})",
                       (word, *chunk)).fetchall()
    return sorted(found)


def wordless(q: Queries, days: tuple[int, int] | None) -> list[tuple[str, int | None]]:
    sql = ("SELECT l.document, l.day FROM document_lookups l JOIN documents d ON d.id = l.document "
           "WHERE d.claim_count > 0 AND l.story_words = 0")
    if days is None:
        return sorted(q.run(sql))
    return sorted(q.run(f"{sql} AND (l.day IS NULL OR l.day BETWEEN ? AND ?)", days))


def people(q: Queries, surnames: Iterable[str], excluding: set[str]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for chunk, marks in chunks(surnames):
        for last, name, document in q.run(f"SELECT last, name, document FROM document_names WHERE last IN ({marks})",
                                          chunk):
            if document not in excluding:
                found.setdefault(last, set()).add(name)
    return found


def quoting(q: Queries, speakers: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for chunk, marks in chunks(speakers):
        found |= {r[0] for r in q.run(
            f"SELECT DISTINCT document FROM claims WHERE kind = 'quote' AND speaker IN ({marks})", chunk)}
    return found


def overview(q: Queries, excluding: Iterable[str]) -> Overview:
    left_out = sorted(set(excluding))
    marks = ", ".join("?" * len(left_out))
    where = f" AND document NOT IN ({marks})" if left_out else ""
    first, last = (q.run(f"SELECT {end}(published) FROM document_lookups WHERE published IS NOT NULL{where}",
                         left_out).fetchone()[0] for end in ("min", "max"))
    declares = q.run(f"SELECT 1 FROM document_lookups WHERE declares = 1{where} LIMIT 1", left_out).fetchone()
    return Overview(first and dt.date.fromisoformat(first), last and dt.date.fromisoformat(last), declares is not None,
                    complete(q))
