"""Real `checker ingest` processes for the fault tests and the fault script: a corpus to
ingest, a process to kill, and the consistency every killed run must leave behind."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path


def corpus(folder: Path, count: int, tag: str) -> Path:
    """`count` small articles, each with figures, dates and a quote."""
    folder.mkdir(parents=True)
    for i in range(count):
        (folder / f"{tag}-{i:03d}.md").write_text(
            f"---\ntitle: {tag} {i}\npublished: 2025-03-{i % 28 + 1:02d}\n---\n"
            f"The council approved ${i + 1}.5 billion for {i + 2} new bridges on Tuesday, up 3.{i % 10}% "
            f"from 2024. \"We will build them by 2030,\" Mayor Ana Ruiz said.\n" * 10,
            encoding="utf-8",
        )
    return folder


def ingest_process(store: Path, folder: Path, jobs: int = 1) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "checker", "ingest", str(folder), "--store", str(store), "--jobs", str(jobs)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def stored_documents(store: Path) -> int:
    """How many documents a running ingest has stored so far (0 before the store exists)."""
    try:
        reader = sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=1)
        try:
            return reader.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            reader.close()
    except sqlite3.Error:
        return 0


def wait_until_stored(process: subprocess.Popen, store: Path, count: int, timeout: float = 120) -> bool:
    """Wait until a running ingest has stored `count` documents (0: not at all); True when it is
    still running then, False when it ended first or the timeout passed."""
    deadline = time.time() + timeout
    while time.time() < deadline and process.poll() is None and stored_documents(store) < count:
        time.sleep(0.02)
    return process.poll() is None and stored_documents(store) >= count


def assert_consistent(store: Path) -> int:
    """The store passes SQLite's integrity check and every document has all its claims;
    returns the number of documents."""
    db = sqlite3.connect(store)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = db.execute(
            "SELECT d.id, d.claim_count, (SELECT count(*) FROM claims c WHERE c.document = d.id) FROM documents d"
        ).fetchall()
    finally:
        db.close()
    assert all(expected == actual for _, expected, actual in rows), "a document with a partial set of claims"
    return len(rows)
