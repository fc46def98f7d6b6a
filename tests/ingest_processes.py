"""Real `checker ingest` processes for the fault tests and the fault scripts: a corpus to
ingest, a process to kill, and the consistency every killed run must leave behind, in a
store of either backend (an SQLite file's path, or a PostgreSQL URL)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from checker.errors import CheckerError
from checker.exchange import read_export
from checker.store import is_store_url


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


def ingest_process(store: str | Path, folders: Path | list[Path], jobs: int = 1) -> subprocess.Popen:
    paths = [str(folder) for folder in (folders if isinstance(folders, list) else [folders])]
    return subprocess.Popen(
        [sys.executable, "-m", "checker", "ingest", *paths, "--store", str(store), "--jobs", str(jobs)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def _query(store: str | Path, sql: str, polling: bool = False) -> list[tuple] | None:
    """The rows of a query on a store of either backend; None when there is no store yet (no
    file; no tables in the database). `polling`: the store is watched while an ingest writes
    it: an SQLite file is opened read-only, and a store being made (not readable yet) is None."""
    if is_store_url(str(store)):
        import psycopg

        try:
            with psycopg.connect(str(store), autocommit=True, connect_timeout=5) as db:
                if db.execute("SELECT to_regclass('documents')").fetchone()[0] is None:
                    return None
                return db.execute(sql).fetchall()
        except psycopg.Error:
            if polling:
                return None
            raise
    if not Path(store).exists():
        return None
    try:
        reader = sqlite3.connect(Path(store).resolve().as_uri() + ("?mode=ro" if polling else ""), uri=True, timeout=1)
        try:
            return reader.execute(sql).fetchall()
        finally:
            reader.close()
    except sqlite3.Error:
        if polling:
            return None
        raise


def stored_documents(store: str | Path) -> int:
    """How many documents a running ingest has stored so far (0 before the store exists, or
    while it cannot be read)."""
    rows = _query(store, "SELECT count(*) FROM documents", polling=True)
    return rows[0][0] if rows else 0


def wait_until_stored(process: subprocess.Popen, store: str | Path, count: int, timeout: float = 120) -> bool:
    """Wait until a running ingest has stored `count` documents (0: not at all); True when it is
    still running then, False when it ended first or the timeout passed."""
    deadline = time.time() + timeout
    while time.time() < deadline and process.poll() is None and stored_documents(store) < count:
        time.sleep(0.02)
    return process.poll() is None and stored_documents(store) >= count


def assert_consistent(store: str | Path) -> int:
    """The store (an SQLite file passing SQLite's integrity check, or a PostgreSQL database)
    has every document with all its claims, each file once and no claim without its
    document; returns the number of documents (0: no store yet)."""
    if not is_store_url(str(store)) and Path(store).exists():
        assert _query(store, "PRAGMA integrity_check") == [("ok",)]
    rows = _query(store, "SELECT d.id, d.claim_count, (SELECT count(*) FROM claims c WHERE c.document = d.id), "
                         "d.abspath FROM documents d")
    if rows is None:
        return 0
    assert all(expected == actual for _, expected, actual, _ in rows), "a document with a partial set of claims"
    assert len({abspath for *_, abspath in rows}) == len(rows), "a file stored twice"
    assert _query(store, "SELECT count(*) FROM claims WHERE document NOT IN (SELECT id FROM documents)") == [(0,)]
    return len(rows)


def stored_files(store: str | Path) -> list[str]:
    """The file of each stored document, sorted (a file stored twice is listed twice)."""
    return sorted(row[0] for row in _query(store, "SELECT abspath FROM documents") or [])


def _claim_counts(store: str | Path) -> dict[str, int]:
    return dict(_query(store, "SELECT id, claim_count FROM documents") or [])


def read_while_ingesting(store: str | Path) -> tuple[list[str], int]:
    """Run `checker export` and `checker report -f json` together on a store an ingest is
    writing. Returns the problems found — a failed run, a traceback, a document shown without
    all its claims (each read must see one state of the store) — and how many documents the
    export held (fewer than the corpus: it read in the middle of the ingest)."""
    commands = {"export": ["export"], "report": ["report", "-f", "json"]}
    folder = None if is_store_url(str(store)) else Path(store).parent
    runs = {name: subprocess.Popen([sys.executable, "-m", "checker", *args, "--store", str(store)], cwd=folder,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for name, args in commands.items()}
    outputs = {name: process.communicate(timeout=300) for name, process in runs.items()}
    problems = [f"{name} exit {runs[name].returncode}: {errors.strip()[-200:]}"
                for name, (_, errors) in outputs.items() if runs[name].returncode != 0 or "Traceback" in errors]
    if problems:
        return problems, 0
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "export.jsonl").write_text(outputs["export"][0], encoding="utf-8")
        try:
            exported = {d.id: len(claims) for d, claims, _ in read_export(Path(tmp) / "export.jsonl")}
        except CheckerError as error:
            return [f"export does not import: {error}"], 0
    report = json.loads(outputs["report"][0])
    reported = {d["id"]: sum(c["document"] == d["id"] for c in report["claims"]) for d in report["documents"]}
    counts = _claim_counts(store)
    return [f"{name}: {doc_id} with {n} of its {counts.get(doc_id)} claims"
            for name, shown in (("export", exported), ("report", reported))
            for doc_id, n in shown.items() if n != counts.get(doc_id) or not n], len(exported)
