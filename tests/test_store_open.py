"""Opening a store: names with URI characters, read-only mounts, locks held by another process,
and damaged stores — each either works or is one error line with its own exit code."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from checker.cli import app
from checker.errors import NotAStoreError, ReadOnlyStoreError, StoreError
from checker.store import sqlite as backend

ARTICLE = "Japan pledged $550 billion on October 25, 2025, and the tariff fell to 15%.\n"


def run(*args):
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "200", "NO_COLOR": "1"})


def _one_line(result, code, *words):
    assert result.exit_code == code, result.stderr
    assert result.stderr.startswith("checker: error: ") and result.stderr.count("\n") == 1, result.stderr
    assert all(word in result.stderr for word in words), result.stderr


@pytest.fixture
def news(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news.md").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("folder", ["proj #2", "what?", "100%25 sure", "a%2Fb"])
def test_a_store_in_a_folder_with_uri_characters_is_that_store(tmp_path, monkeypatch, folder):
    work = tmp_path / folder
    work.mkdir()
    monkeypatch.chdir(work)
    (work / "news.md").write_text(ARTICLE, encoding="utf-8")
    assert run("ingest", "news.md").exit_code == 0
    before = sorted(p.name for p in tmp_path.iterdir())
    for command in (["claims", "-f", "json"], ["report", "-f", "json"], ["export"]):
        result = run(*command)
        assert result.exit_code == 0, result.stderr
        assert "550" in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no stray file beside the folder


def test_percent_escapes_in_a_store_name_are_not_decoded(news):
    (news / "other.md").write_text("The council approved 12 bridges.\n", encoding="utf-8")
    assert run("ingest", "news.md", "--store", "b%61.db").exit_code == 0
    assert run("ingest", "other.md", "--store", "ba.db").exit_code == 0
    result = run("claims", "--store", "b%61.db", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert "550" in result.stdout and "bridges" not in result.stdout


@pytest.fixture
def read_only(tmp_path):
    """A folder holding a valid store, then made read-only: a read-only bind mount as root
    (who may write anything else), plain permissions otherwise."""
    source, mounted = tmp_path / "source", tmp_path / "ro"
    source.mkdir()
    (source / "news.md").write_text(ARTICLE, encoding="utf-8")
    assert run("ingest", str(source / "news.md"), "--store", str(source / "claims.db")).exit_code == 0
    if os.geteuid() != 0:
        source.chmod(0o555)
        yield source
        source.chmod(0o755)
        return
    mounted.mkdir()
    done = subprocess.run(["mount", "--bind", str(source), str(mounted)], capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip("root without mount rights: no way to make a read-only folder here")
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(mounted)], check=True, capture_output=True)
        yield mounted
    finally:
        if subprocess.run(["umount", str(mounted)], check=False).returncode != 0:
            subprocess.run(["umount", "--lazy", str(mounted)], check=True)


def test_a_store_on_a_read_only_mount_can_be_read(read_only):
    store = str(read_only / "claims.db")
    for command in (["claims", "-f", "json"], ["report", "-f", "json"], ["export"]):
        result = run(*command, "--store", store)
        assert result.exit_code == 0, result.stderr
        assert "550" in result.stdout
    _one_line(run("ingest", str(read_only / "news.md"), "--store", store), ReadOnlyStoreError.exit_code, "read-only")


@pytest.fixture
def locked(news, monkeypatch):
    """A store another process holds an exclusive lock on; the busy timeout cut to 0.2 s."""
    assert run("ingest", "news.md", "--store", "s.db").exit_code == 0
    holder = subprocess.Popen(
        [sys.executable, "-c", ("import sqlite3, sys\n"
         "db = sqlite3.connect('s.db', isolation_level=None)\n"
         "db.execute('PRAGMA locking_mode = EXCLUSIVE'); db.execute('BEGIN EXCLUSIVE')\n"
         "db.execute('DELETE FROM claims WHERE 0')\n"
         "print('locked', flush=True); sys.stdin.read()")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline() == "locked\n"
    monkeypatch.setattr(backend, "BUSY_TIMEOUT_MS", 200)
    yield holder
    holder.communicate("")


@pytest.mark.parametrize("command", [["claims"], ["export"], ["report"], ["ingest", "news.md"]])
def test_a_locked_store_says_so_and_by_whom(locked, command):
    _one_line(run(*command, "--store", "s.db"), StoreError.exit_code, "s.db: ", "locked", f"pid {locked.pid}")


def _bad_row(path):
    db = sqlite3.connect(path)
    db.execute("UPDATE claims SET data = '{\"id\": ' WHERE rowid = (SELECT min(rowid) FROM claims)")
    db.commit()
    db.close()


def _missing_table(path):
    db = sqlite3.connect(path)
    db.execute("DROP TABLE claims")
    db.commit()
    db.close()


def _scribbled(path):
    """Every page after the first (the header and the schema) overwritten."""
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.seek(4096)
        handle.write(bytes((i * 37 + 11) % 256 for i in range(size - 4096)))


@pytest.mark.parametrize("damage", [_bad_row, _missing_table, _scribbled])
@pytest.mark.parametrize("command, code", [
    (["claims"], NotAStoreError.exit_code), (["export"], NotAStoreError.exit_code),
    (["report"], NotAStoreError.exit_code), (["check", "draft.md", "--against", "s.db"], 2),
])
def test_a_damaged_store_is_one_error_naming_it(news, damage, command, code):
    assert run("ingest", "news.md", "--store", "s.db").exit_code == 0
    shutil.copy(news / "news.md", news / "draft.md")
    damage(news / "s.db")
    args = command if "--against" in command else [*command, "--store", "s.db"]
    _one_line(run(*args), code, "s.db: ", "damaged")
