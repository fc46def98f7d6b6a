"""The SQLite side of the store's lookups: kept beside each document when it is written, read
through indexes when a draft is checked (`ClaimStore.story_words` and the methods after it).

What is kept is the engine's own summary of the document (`engine.surroundings.Summary`):
its day, the rare words of its story, the full names of the people it names. The statements
are plain SQL (no SQLite extension), so that another backend can run them as they are.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from pydantic import ValidationError

from ..models import Claim, Document
from .base import Overview, StoryWords

_AT_ONCE = 500  # values bound in one statement


@dataclass(frozen=True)
class Lookups:
    """A document's rows in the lookup tables, worked out before its write transaction opens."""

    document: tuple  # day, published, declares, story word count
    words: list[tuple]
    names: list[tuple]


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


def write(db: sqlite3.Connection, document_id: str, rows: Lookups) -> None:
    """The lookups of a document whose row in `documents` was just written."""
    db.execute("INSERT INTO document_lookups VALUES (?, ?, ?, ?, ?)", (document_id, *rows.document))
    db.executemany("INSERT INTO document_words VALUES (?, ?, ?, ?)", rows.words)
    db.executemany("INSERT INTO document_names VALUES (?, ?, ?)", rows.names)


def backfill(db: sqlite3.Connection) -> None:
    """The lookups of every document already stored (a store made by an older checker)."""
    for doc_id, data in db.execute("SELECT id, data FROM documents ORDER BY id").fetchall():
        try:
            document = Document.model_validate_json(data)
            claims = [Claim.model_validate_json(row[0]) for row in db.execute(
                'SELECT data FROM claims WHERE document = ? ORDER BY start, "end", kind', (doc_id,))]
        except ValidationError:
            continue  # a damaged record: every read of it says so
        write(db, doc_id, lookups(document, claims))


def complete(db: sqlite3.Connection) -> bool:
    """Whether every stored document has its lookups."""
    return db.execute("SELECT count(*) FROM documents").fetchone()[0] == \
        db.execute("SELECT count(*) FROM document_lookups").fetchone()[0]


def _chunks(values: Iterable[str]) -> Iterable[tuple[list[str], str]]:
    ordered = sorted(set(values))
    for at in range(0, len(ordered), _AT_ONCE):
        chunk = ordered[at : at + _AT_ONCE]
        yield chunk, ", ".join("?" * len(chunk))


def story_words(db: sqlite3.Connection, documents: Iterable[str]) -> dict[str, StoryWords]:
    found: dict[str, tuple[int | None, set[str], set[str]]] = {}
    for chunk, marks in _chunks(documents):
        for doc_id, day in db.execute(f"SELECT l.document, l.day FROM document_lookups l JOIN documents d ON d.id = "
                                      f"l.document WHERE l.document IN ({marks}) AND d.claim_count > 0", chunk):
            found[doc_id] = (day, set(), set())
        for doc_id, word, name in db.execute(f"SELECT document, word, name FROM document_words WHERE document IN ({marks})",
                                             chunk):
            found[doc_id][1].add(word)
            if name:
                found[doc_id][2].add(word)
    return {d: StoryWords(day, frozenset(words), frozenset(names)) for d, (day, words, names) in found.items()}


def word_holders(db: sqlite3.Connection, words: Iterable[str], all_up_to: int, days: tuple[int, int] | None
                 ) -> dict[str, tuple[int, list[tuple[str, int | None]]]]:
    counts: dict[str, int] = {}
    for chunk, marks in _chunks(words):
        counts.update(db.execute(f"SELECT word, count(*) FROM document_words WHERE word IN ({marks}) GROUP BY word", chunk))
    holders: dict[str, list[tuple[str, int | None]]] = {w: [] for w in counts}
    few = [w for w, n in counts.items() if n <= all_up_to]
    many = [w for w, n in counts.items() if n > all_up_to]
    for chunk, marks in _chunks(few):
        for word, doc_id, day in db.execute(f"SELECT word, document, day FROM document_words WHERE word IN ({marks})",
                                            chunk):
            holders[word].append((doc_id, day))
    for word in many if days else ():
        for doc_id, day in db.execute("SELECT document, day FROM document_words WHERE word = ? AND day BETWEEN ? AND ?",
                                      (word, *days)):
            holders[word].append((doc_id, day))
    return {w: (counts[w], sorted(holders[w])) for w in counts}


def wordless(db: sqlite3.Connection, days: tuple[int, int] | None) -> list[tuple[str, int | None]]:
    sql = ("SELECT l.document, l.day FROM document_lookups l JOIN documents d ON d.id = l.document "
           "WHERE d.claim_count > 0 AND l.story_words = 0")
    if days is None:
        return sorted(db.execute(sql))
    return sorted(db.execute(f"{sql} AND (day IS NULL OR day BETWEEN ? AND ?)", days))


def people(db: sqlite3.Connection, surnames: Iterable[str], excluding: set[str]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for chunk, marks in _chunks(surnames):
        for last, name, document in db.execute(f"SELECT last, name, document FROM document_names WHERE last IN ({marks})",
                                               chunk):
            if document not in excluding:
                found.setdefault(last, set()).add(name)
    return found


def quoting(db: sqlite3.Connection, speakers: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for chunk, marks in _chunks(speakers):
        found |= {r[0] for r in db.execute(
            f"SELECT DISTINCT document FROM claims WHERE kind = 'quote' AND speaker IN ({marks})", chunk)}
    return found


def overview(db: sqlite3.Connection, excluding: Iterable[str]) -> Overview:
    left_out = sorted(set(excluding))
    marks = ", ".join("?" * len(left_out))
    where = f" AND document NOT IN ({marks})" if left_out else ""
    first, last = (db.execute(f"SELECT {end}(published) FROM document_lookups WHERE published IS NOT NULL{where}",
                              left_out).fetchone()[0] for end in ("min", "max"))
    declares = db.execute(f"SELECT 1 FROM document_lookups WHERE declares = 1{where} LIMIT 1", left_out).fetchone()
    return Overview(first and dt.date.fromisoformat(first), last and dt.date.fromisoformat(last), declares is not None,
                    complete(db))
