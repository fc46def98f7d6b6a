"""Real `checker ingest` processes for the fault tests and the fault script: a corpus to
ingest, a process to kill, and the consistency every killed run must leave behind."""

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
        reader = sqlite3.connect(store.resolve().as_uri() + "?mode=ro", uri=True, timeout=1)
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


def _claim_counts(store: Path) -> dict[str, int]:
    db = sqlite3.connect(store)
    try:
        return dict(db.execute("SELECT id, claim_count FROM documents").fetchall())
    finally:
        db.close()


def read_while_ingesting(store: Path) -> tuple[list[str], int]:
    """Run `checker export` and `checker report -f json` together on a store an ingest is
    writing. Returns the problems found — a failed run, a traceback, a document shown without
    all its claims (each read must see one state of the store) — and how many documents the
    export held (fewer than the corpus: it read in the middle of the ingest)."""
    commands = {"export": ["export"], "report": ["report", "-f", "json"]}
    runs = {name: subprocess.Popen([sys.executable, "-m", "checker", *args, "--store", str(store)], cwd=store.parent,
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
