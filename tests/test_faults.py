"""Faults around the input: a full disk under the store or a report, and hostile output paths.

A full disk is simulated two ways: SQLite's own page limit (always), and a
real tiny tmpfs (when the tests may mount one, as root in a container can;
skipped otherwise).
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker.cli import app
from checker.documents import read_document
from checker.errors import OutputError, StoreFullError
from checker.output import write_output
from checker.store import SQLiteStore, Versions

from .conftest import ROOT

SEEDS = sorted((ROOT / "seeds").glob("*.md"))
DRAFT = "Japan pledged $500 billion in investments in the United States on Nov 7, 2025, officials said.\n"


def run(*args: str):
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "80", "NO_COLOR": "1"})


def stored(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return [row[0] for row in db.execute("SELECT id FROM documents ORDER BY id")]


# --- a full disk under the store ------------------------------------------------------------------


def test_a_full_store_rolls_back_only_the_document_being_written(tmp_path, extractor):
    store = SQLiteStore(tmp_path / "s.db")
    first, second = (read_document(p) for p in SEEDS[:2])
    store.replace(first, extractor.document(first).claims, Versions("p", "r"))
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages}")  # SQLite answers SQLITE_FULL, as a full disk does
    with pytest.raises(StoreFullError) as info:
        store.replace(second, extractor.document(second).claims, Versions("p", "r"))
    assert str(info.value) == f"{tmp_path / 's.db'}: disk full writing the claim store; the unfinished change was rolled back"
    assert info.value.exit_code == 16
    assert not store.db.in_transaction
    store.close()
    assert stored(tmp_path / "s.db") == [first.id]


@pytest.fixture
def tiny_disk(tmp_path):
    """A 1 MB tmpfs at tmp_path/disk, when this process may mount one."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = shutil.which("mount") and subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(disk)], capture_output=True, check=False).returncode == 0
    if not mounted:
        pytest.skip("cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN)")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "--lazy", str(disk)], check=True)  # lazy: detached even if still busy


def fill(disk: Path) -> Path:
    """Take every free byte of `disk`; returns the filler to delete."""
    filler = disk / "filler"
    with filler.open("wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * 4096)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    return filler


def test_a_full_disk_under_the_store_and_the_export(tiny_disk, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for path in SEEDS:
        shutil.copy(path, tmp_path / path.name)
    names = [p.name for p in SEEDS]
    assert run("ingest", *names[:2], "--store", "disk/s.db").exit_code == 0
    assert run("export", "--store", "disk/s.db", "-o", "disk/dump.jsonl").exit_code == 0
    exported = (tiny_disk / "dump.jsonl").read_bytes()
    filler = fill(tiny_disk)

    result = run("ingest", *names, "--store", "disk/s.db")
    assert result.exit_code == StoreFullError.exit_code == 16
    assert result.stderr == "checker: error: disk/s.db: disk full writing the claim store; the unfinished change was rolled back\n"
    export = run("export", "--store", "disk/s.db", "-o", "disk/dump.jsonl")
    assert export.exit_code == OutputError.exit_code == 17
    assert export.stderr == "checker: error: disk/dump.jsonl: cannot write: disk full; nothing written\n"
    assert (tiny_disk / "dump.jsonl").read_bytes() == exported  # the old export, whole
    assert not [p for p in tiny_disk.iterdir() if p.name.endswith(".tmp")]

    filler.unlink()
    # consistent: the documents stored before (ids relative to the store's project root, here absolute)
    assert [Path(i).name for i in stored(tiny_disk / "s.db")] == sorted(names[:2])
    again = run("ingest", *names, "--store", "disk/s.db")
    assert again.exit_code == 0 and "added 3, updated 0, unchanged 2" in again.stdout


# --- output paths ---------------------------------------------------------------------------------


@pytest.fixture
def work(tmp_path, monkeypatch):
    (tmp_path / "corpus").mkdir()
    shutil.copy(SEEDS[1], tmp_path / "corpus")
    (tmp_path / "draft.md").write_text(DRAFT)
    (tmp_path / "out").mkdir()
    monkeypatch.chdir(tmp_path / "out")
    assert run("ingest", "../corpus", "--store", "s.db").exit_code == 0
    return tmp_path


WRITERS = [
    ("report", ["report", "../corpus", "-f", "json", "-o"], 17),
    ("report-console", ["report", "../corpus", "-o"], 17),
    ("export", ["export", "--store", "s.db", "-o"], 17),
    ("baseline", ["check", "../draft.md", "--against", "../corpus", "--write-baseline"], 2),
]


@pytest.mark.parametrize("args, code", [w[1:] for w in WRITERS], ids=[w[0] for w in WRITERS])
def test_a_symlink_at_the_output_path_is_refused(work, args, code):
    """A link planted where the report goes (pointing outside the folder) is not written through."""
    victim = work / "victim.txt"
    victim.write_text("keep me\n")
    (work / "out" / "result").symlink_to(victim)
    result = run(*args, "result")
    assert result.exit_code == code
    assert result.stderr == ("checker: error: result: is a symbolic link; refusing to write through it "
                             "(name the file it points to)\n")
    assert victim.read_text() == "keep me\n" and (work / "out" / "result").is_symlink()


@pytest.mark.parametrize("target, message", [
    ("sub", "sub: is a folder, not a file"),
    ("missing/report.json", "missing/report.json: cannot write: its folder does not exist"),
])
def test_an_output_path_that_cannot_be_a_file(work, target, message):
    (work / "out" / "sub").mkdir()
    result = run("report", "../corpus", "-f", "json", "-o", target)
    assert result.exit_code == 17 and result.stderr == f"checker: error: {message}\n"
    assert not (work / "out" / "missing").exists()


def test_a_failed_run_leaves_the_previous_report_whole(work, monkeypatch):
    assert run("report", "../corpus", "-f", "json", "-o", "report.json").exit_code == 0
    before = (work / "out" / "report.json").read_bytes()
    (work / "empty.md").write_text("")
    bad = run("report", "../corpus", "../empty.md", "-f", "json", "-o", "report.json")
    assert bad.exit_code == 3
    def no_space(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)  # the disk fills while the new report is written
    full = run("report", "../corpus", "../draft.md", "-f", "json", "-o", "report.json")
    assert full.exit_code == 17 and full.stderr == "checker: error: report.json: cannot write: disk full; nothing written\n"
    assert (work / "out" / "report.json").read_bytes() == before
    assert not [p for p in (work / "out").iterdir() if p.name.endswith(".tmp")]


def test_outputs_are_whole_files_with_ordinary_permissions(work):
    console = run("report", "../corpus")
    assert run("report", "../corpus", "-o", "report.txt").exit_code == 0
    written = (work / "out" / "report.txt").read_text()
    assert written == console.stdout and "\x1b[" not in written
    umask = os.umask(0)
    os.umask(umask)
    assert (work / "out" / "report.txt").stat().st_mode & 0o777 == 0o666 & ~umask
    # the draft's $500 billion contradicts the corpus's $550 billion: the baseline records it, and the run passes
    assert run("check", "../draft.md", "--against", "../corpus", "--write-baseline", "b.yaml").exit_code == 0
    assert "schema: checker.baseline/2\n" in (work / "out" / "b.yaml").read_text()


def test_write_output_replaces_a_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text("old")
    write_output(target, "new ✓\n")
    assert target.read_text(encoding="utf-8") == "new ✓\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]
