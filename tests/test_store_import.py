"""`checker import` is all or nothing, and an export always imports back.

Each hostile line of an export is one error naming the file and line, with exit 12 and
nothing stored; text with characters Python counts as line breaks (U+2028, U+2029, U+0085)
survives the round trip."""

from __future__ import annotations

import json
import sqlite3

import pytest
from typer.testing import CliRunner

from checker.cli import app
from checker.errors import ImportFormatError
from checker.extract.context import claim_id

SCHEMA_LINE = '{"schema": "checker.export/1"}'


def run(*args):
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "200", "NO_COLOR": "1"})


@pytest.fixture
def exported(tmp_path, monkeypatch):
    """A store of two articles and its export, as lines."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.md").write_text("Japan pledged $550 billion on October 25, 2025.\n", encoding="utf-8")
    (tmp_path / "news" / "b.md").write_text("The tariff fell to 15% in 2025, officials said.\n", encoding="utf-8")
    assert run("ingest", "news", "--store", "a.db").exit_code == 0
    assert run("export", "--store", "a.db", "-o", "dump.jsonl").exit_code == 0
    return (tmp_path / "dump.jsonl").read_text(encoding="utf-8").split("\n")[:-1]


def _count(path) -> int:
    if not path.exists():
        return 0
    db = sqlite3.connect(path)
    try:
        return db.execute("SELECT count(*) FROM documents").fetchone()[0]
    finally:
        db.close()


def _claim_line(lines):
    return next(i for i, line in enumerate(lines) if line.startswith('{"claim"'))


def _duplicate_claim(lines):
    at = _claim_line(lines)
    return lines[: at + 1] + [lines[at]] + lines[at + 1 :], at + 2


def _duplicate_document(lines):
    return lines + lines[1:], len(lines) + 1


def _edit_claim(change):
    def edit(lines):
        at = _claim_line(lines)
        record = json.loads(lines[at])
        change(record["claim"])
        return lines[:at] + [json.dumps(record)] + lines[at + 1 :], at + 1
    return edit


def _raw_claim(old, new):
    def edit(lines):
        at = _claim_line(lines)
        return lines[:at] + [lines[at].replace(old, new, 1)] + lines[at + 1 :], at + 1
    return edit


def _as_kind(kind, **fields):
    """A claim made another kind with other fields, under the id that kind gives it: what
    import must still refuse is the value, not the id."""
    def change(claim):
        claim.update(kind=kind, **fields)
        claim["id"] = claim_id(claim["document"], kind, claim["start"], claim["end"])
    return _edit_claim(change)


def _nested(lines):
    return lines[:2] + ["[" * 100_000 + "]" * 100_000] + lines[2:], 3


def _last(lines):  # the bad line last of all: the documents before it must not be stored either
    record = json.loads(lines[-1])
    record["claim"]["text"] = "\ud800"
    return lines[:-1] + [json.dumps(record)], len(lines)


BAD_LINES = {
    "duplicate claim": (_duplicate_claim, "duplicate claim"),
    "duplicate document": (_duplicate_document, "duplicate document"),
    "lone surrogate": (_edit_claim(lambda c: c.update(text="\ud800")), "surrogate"),
    "huge start": (_edit_claim(lambda c: c.update(start=10**30)), "start"),
    "negative sentence_start": (_edit_claim(lambda c: c.update(sentence_start=-10**25)), "sentence_start"),
    "text not at its offsets": (_edit_claim(lambda c: c.update(end=c["end"] + 1)), "text"),
    "forged claim id": (_edit_claim(lambda c: c.update(id="c000000000000")), "claim id"),
    "start 1e30": (_raw_claim('"start": ', '"start": 1e30, "x": '), "start"),
    "NaN": (_raw_claim('"low": ', '"low": NaN, "x": '), "finite"),
    "1e999": (_raw_claim('"low": ', '"low": 1e999, "x": '), "finite"),
    "5000 digits": (_raw_claim('"start": ', '"start": 1' + "0" * 5000 + ', "x": '), "not JSON"),
    "deep nesting": (_nested, "nested"),
    "time not in minutes": (_as_kind("time", value=550e9), "minutes after midnight"),
    "time zone not an offset": (_as_kind("time", value=600, unit="USD"), "zone"),
    "place without a name": (_as_kind("place", value=None), "name"),
    "bad last line": (_last, "surrogate"),
}


@pytest.mark.parametrize("make, message", BAD_LINES.values(), ids=BAD_LINES.keys())
def test_a_bad_line_is_one_error_and_nothing_is_stored(tmp_path, exported, make, message):
    lines, number = make(exported)
    (tmp_path / "bad.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("import", "bad.jsonl", "--store", "b.db")
    assert result.exit_code == ImportFormatError.exit_code, result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"checker: error: bad.jsonl:{number}: ") and message in result.stderr
    assert not (tmp_path / "b.db").exists()  # checked whole before the store is even made


def test_a_document_whose_hash_is_not_its_text_is_refused(tmp_path, exported):
    record = json.loads(exported[1])
    record["document"]["text"] += "Forged: $1 trillion.\n"
    (tmp_path / "bad.jsonl").write_text("\n".join([exported[0], json.dumps(record), *exported[2:]]) + "\n")
    result = run("import", "bad.jsonl", "--store", "b.db")
    assert result.exit_code == ImportFormatError.exit_code
    assert "bad.jsonl:2: " in result.stderr and "sha256" in result.stderr


def test_two_documents_named_alike_from_two_folders_both_import(tmp_path, exported):
    """A document's path is as ingest was given it, relative to where it ran: two files may
    share one path string, and each is still its own document."""
    at = next(i for i, line in enumerate(exported) if i > 1 and line.startswith('{"document"'))
    first, second = json.loads(exported[1]), json.loads(exported[at])
    second["document"]["path"] = first["document"]["path"]
    lines = exported[:at] + [json.dumps(second)] + exported[at + 1:]
    (tmp_path / "alike.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("import", "alike.jsonl", "--store", "b.db")
    assert result.exit_code == 0, result.stderr
    assert _count(tmp_path / "b.db") == 2


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085", "\x0b\x0c\x1c\x1d\x1e"])
def test_an_export_always_imports_back(tmp_path, monkeypatch, separator):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "odd.md").write_text(f"Japan pledged $550 billion.{separator}On October 25, 2025 it paid 15%.\n",
                                     encoding="utf-8")
    assert run("ingest", "odd.md", "--store", "a.db").exit_code == 0
    assert run("export", "--store", "a.db", "-o", "dump.jsonl").exit_code == 0
    result = run("import", "dump.jsonl", "--store", "b.db")
    assert result.exit_code == 0, result.stderr
    again = run("export", "--store", "b.db")
    assert again.stdout.split("\n")[1:] == (tmp_path / "dump.jsonl").read_text(encoding="utf-8").split("\n")[1:]


def test_an_import_is_stored_whole_in_one_transaction(tmp_path, exported, monkeypatch):
    """A failure while writing (here a full disk on the second document) leaves nothing."""
    from checker.store import sqlite as backend

    real = backend.SQLiteStore._put
    calls = []

    def failing(self, *args):
        calls.append(1)
        if len(calls) == 2:
            raise sqlite3.OperationalError("database or disk is full")
        return real(self, *args)

    monkeypatch.setattr(backend.SQLiteStore, "_put", failing)
    result = run("import", "dump.jsonl", "--store", "b.db")
    assert result.exit_code != 0 and len(calls) == 2
    assert _count(tmp_path / "b.db") == 0


def test_times_and_places_import_back(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.md").write_text("The ferry sank off Danao City just before 2 a.m. CDT.\n", encoding="utf-8")
    assert run("ingest", "news", "--store", "a.db").exit_code == 0
    assert run("export", "--store", "a.db", "-o", "dump.jsonl").exit_code == 0
    assert run("import", "dump.jsonl", "--store", "b.db").exit_code == 0
    assert run("export", "--store", "b.db", "-o", "again.jsonl").exit_code == 0
    claims = [json.loads(line)["claim"] for line in (tmp_path / "again.jsonl").read_text(encoding="utf-8").splitlines()
              if line.startswith('{"claim"')]
    assert [(c["kind"], c["text"], c["value"], c["unit"]) for c in claims] == [
        ("place", "Danao City", "Danao City", "off"), ("time", "just before 2 a.m. CDT", 120.0, "UTC-05:00")]
