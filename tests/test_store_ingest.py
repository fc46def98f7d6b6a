"""Ingest and the store's readers: a file that changes while ingest runs, one file ingested from
two working folders, and reads that see one state of the store while an ingest goes on."""

from __future__ import annotations

import json
import sqlite3

import pytest
from typer.testing import CliRunner

from checker import documents as documents_module
from checker import ingest as ingest_module
from checker.cli import app
from checker.errors import InputError, Interrupted
from checker.exchange import export_lines, read_export
from checker.gather import stored
from checker.ingest import current_versions, ingest
from checker.store import open_store
from checker.store.migrations import LATEST, MIGRATIONS, SQLITE
from checker.store.sqlite import APPLICATION_ID

ARTICLE = "Japan pledged ${n}50 billion on October 2{n}, 2025, and the tariff fell to 1{n}%.\n"


def run(*args):
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "200", "NO_COLOR": "1"})


@pytest.fixture
def articles(tmp_path):
    folder = tmp_path / "proj" / "news"
    folder.mkdir(parents=True)
    for n in range(1, 6):
        (folder / f"a{n}.md").write_text(ARTICLE.replace("{n}", str(n)), encoding="utf-8")
    return folder


class Meddling:
    """An extractor that does `meddle` just before the second pass reads the files again."""

    def __init__(self, real, meddle):
        self.real, self.meddle = real, meddle

    def many(self, documents, jobs=1, cluster=None):
        self.meddle()
        return self.real.many(documents, jobs, cluster)


@pytest.mark.parametrize("change", [
    lambda path: path.write_bytes(b"\0\1binary now"),
    lambda path: path.write_text("Japan pledged $9 trillion, it now says.\n", encoding="utf-8"),
    lambda path: path.unlink(),
])
def test_a_file_changed_after_its_check_is_not_stored(tmp_path, articles, extractor, change):
    """What holds (README, "Errors"): every file is checked before any is stored, and what is
    stored is what was checked; a file that changes in between is left out, and the run fails
    naming it."""
    victim = articles / "a4.md"
    meddling = Meddling(extractor, lambda: change(victim))
    with open_store(str(tmp_path / "s.db")) as store:
        with pytest.raises(InputError, match="a4.md: changed while ingest ran") as info:
            ingest(store, [articles], extractor=meddling, versions=current_versions())
        assert info.value.exit_code == 3
        assert sorted(d.id for d in store.documents()) == [f"proj/news/a{n}.md" for n in (1, 2, 3, 5)]
        assert all(c.text != "$9 trillion" for c in store.claims())


def test_ctrl_c_while_a_file_is_read_again_stops_the_run(tmp_path, articles, extractor, monkeypatch):
    """A signal during the second read is an interruption (exit 130/143), not a changed file."""
    real, reads = documents_module.read_document, []

    def reading(path, *args, **kwargs):
        reads.append(str(path))
        if str(path).endswith("a4.md") and reads.count(str(path)) == 2:
            raise Interrupted(15)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(documents_module, "read_document", reading)
    monkeypatch.setattr(ingest_module, "read_document", reading, raising=False)
    with open_store(str(tmp_path / "s.db")) as store:
        with pytest.raises(Interrupted):
            ingest(store, [articles], extractor=extractor, versions=current_versions())
        assert len(store.documents()) == 3


def test_one_file_from_two_working_folders_is_one_document(tmp_path, articles, monkeypatch):
    store = str(tmp_path / "proj" / ".checker" / "claims.db")
    monkeypatch.chdir(tmp_path / "proj")
    assert run("ingest", "news").exit_code == 0
    monkeypatch.chdir(articles)
    second = run("ingest", "a1.md", "--store", store)
    assert "added 0, updated 0, unchanged 1" in second.stdout, second.stdout + second.stderr
    monkeypatch.chdir(tmp_path)
    third = run("ingest", "proj/news", "--store", store)
    assert "added 0, updated 0, unchanged 5" in third.stdout, third.stdout + third.stderr
    report = json.loads(run("report", "-f", "json", "--store", store).stdout)
    assert sorted(d["id"] for d in report["documents"]) == [f"news/a{n}.md" for n in range(1, 6)]
    assert not [f for f in report["findings"] if f.get("verdict") == "agreement"]


def _version_2_store(path, rows):
    """A store as checker wrote it before migration 3, holding `rows` (id, abspath, claim id)."""
    db = sqlite3.connect(path, isolation_level=None)
    for number, name, apply in MIGRATIONS[:2]:
        apply(db, SQLITE)
        db.execute("INSERT INTO schema_migrations VALUES (?, ?, '2025-01-01')", (number, name))
    db.execute("PRAGMA user_version = 2")
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    for doc_id, abspath, claim in rows:
        db.execute("INSERT INTO documents VALUES (?, ?, ?, 'h', 'p', 'r', 1, 't', '{}')", (doc_id, doc_id, abspath))
        db.execute("INSERT INTO claims (id, document, start, \"end\", kind, data) VALUES (?, ?, 0, 1, 'money', '{}')",
                   (claim, doc_id))
    db.close()


def test_migration_keeps_one_document_per_file(tmp_path):
    path = tmp_path / "old.db"
    _version_2_store(path, [("news/a.md", "/p/news/a.md", "c1"), ("b.md", "/p/news/b.md", "c2"),
                            ("a.md", "/p/news/a.md", "c3")])
    open_store(str(path)).close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == LATEST >= 3
    assert db.execute("SELECT id FROM documents ORDER BY id").fetchall() == [("a.md",), ("b.md",)]
    assert db.execute("SELECT id FROM claims ORDER BY id").fetchall() == [("c2",), ("c3",)]
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO documents VALUES ('x', 'x', '/p/news/b.md', 'h', 'p', 'r', 0, 't', '{}')")


class Meanwhile:
    """A store whose every read first lets another connection store one more document, as an
    ingest running beside a report or an export would."""

    def __init__(self, store, writer, pending):
        self.store, self.writer, self.pending = store, writer, pending

    def __getattr__(self, name):
        return getattr(self.store, name)

    def _one_more(self):
        if self.pending:
            self.writer.replace(*self.pending.pop(0))

    def state(self):
        self._one_more()
        return self.store.state()

    def documents(self):
        self._one_more()
        return self.store.documents()

    def claims(self, **filters):
        self._one_more()
        return self.store.claims(**filters)


@pytest.fixture
def busy_store(tmp_path, articles, extractor):
    """A store holding one article, a reader on it, and four more articles a writer adds."""
    path = str(tmp_path / "proj" / "s.db")
    versions = current_versions()
    with open_store(path) as writer:
        results = list(extractor.paths(sorted(articles.iterdir())))
        writer.replace(results[0].document, results[0].claims, versions)
        with open_store(path, readonly=True) as reader:
            yield Meanwhile(reader, writer, [(r.document, r.claims, versions) for r in results[1:]]), writer


def test_an_export_during_an_ingest_is_one_state_of_the_store(tmp_path, busy_store):
    reading, writer = busy_store
    (tmp_path / "dump.jsonl").write_text("".join(line + "\n" for line in export_lines(reading)), encoding="utf-8")
    entries = read_export(tmp_path / "dump.jsonl")
    assert entries and all(claims == list(writer.claims(document=d.id)) for d, claims, _ in entries)


def test_a_report_during_an_ingest_shows_documents_with_their_claims(busy_store):
    reading, writer = busy_store
    extractions = stored(reading)
    assert extractions and all(e.claims and e.claims == list(writer.claims(document=e.document.id))
                               for e in extractions)
