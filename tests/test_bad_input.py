"""Bad input, through the real CLI: one table, every case, the exact line a user sees.

Each case gives one `checker: error:` line on stderr naming the file (and
line where there is one), its own exit code, nothing on stdout and no
traceback; `checker check` turns every one into exit 2, as linters do. Then
what `--keep-going` does with a bad file among good ones, the size limit and
the chunking of texts too long for one spaCy Doc, thousands of files, and a
draft with nothing to check.
"""

from __future__ import annotations

import json
import os
import resource
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from typer.testing import CliRunner

from checker.cli import app
from checker.engine import checks  # noqa: F401  (registers the checks CHECKS lists)
from checker.engine.ruleset import CHECKS
from checker.extract.chunks import split_text
from checker.pipeline.build import build_pipeline
from checker.store.migrations import LATEST
from checker.store.sqlite import APPLICATION_ID

GOOD = "Japan pledged $550 billion in investments on Oct 30, 2025, officials said.\n"
LATIN1 = "line one\nCaf\xe9 au lait\n".encode("latin-1")
RULE = "description: x\ncheck: quote_consistency\nseverity: error\nexample: {bad: a, good: b}\n"
FACT = "facts:\n  - key: pledge\n    kind: money\n    value: 5\n    predicate: pledge\n    source: S\n"


def run(*args: str):
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "80", "NO_COLOR": "1"})


@pytest.fixture
def work(tmp_path, monkeypatch):
    """A working folder with one good document and a one-file corpus."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "good.md").write_text(GOOD)
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "source.md").write_text(GOOD)
    yield tmp_path
    for path in tmp_path.glob("*.md"):  # pytest keeps the last runs' folders: not 50 MB files
        if path.stat().st_size > 1_000_000:
            path.unlink()


def assert_one_error(result, code: int, line: str) -> None:
    """Exit `code`, nothing on stdout, exactly `checker: error: {line}` on stderr, no traceback."""
    assert isinstance(result.exception, SystemExit), result.exception  # not an uncaught exception
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr == f"checker: error: {line}\n", result.stderr
    assert result.exit_code == code, (result.exit_code, result.stderr)
    assert result.stdout == ""


# --- bad documents: the same line from claims, ingest and report; exit 2 from check -------------


def _denied(path: Path, monkeypatch) -> None:
    """Root reads a chmod 000 file, so the refusal is simulated where the bytes are read."""
    path.write_text(GOOD)
    real_open = os.open

    def refusing(name, *args, **kwargs):
        if Path(name).name == path.name:
            raise PermissionError(13, "Permission denied", str(name))
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing)


def _fifty_mb(path: Path, monkeypatch) -> None:
    with path.open("w", encoding="utf-8") as handle:
        block = GOOD * (1_000_000 // len(GOOD)) + "\n"
        while handle.tell() < 50_000_000:
            handle.write(block)
        handle.truncate(50_000_000)


DOCUMENTS = [
    # id, the bad file (name, bytes or a maker; None: not created), exit code, the line after "checker: error: "
    ("not-utf8", "latin1.md", LATIN1, 3, "latin1.md:2: not UTF-8 (byte 12)"),
    ("binary", "image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 3, "image.md: binary file, not text"),
    ("empty", "empty.md", b"", 3, "empty.md: empty file"),
    ("blank", "blank.txt", b" \n\t\n", 3, "blank.txt: empty file"),
    ("front-matter-only", "meta.md", b"---\ntitle: T\nsource: S\n---\n\n", 3,
     "meta.md: no article text after the front matter"),
    ("front-matter-bad-yaml", "a.md", b"---\ntitle: T\nsource: Wire: Reuters\n---\nBody.\n", 4,
     "a.md:3: mapping values are not allowed here"),
    ("front-matter-dates-differ", "a.md", b"---\ndate: 2025-10-31\npublished: 2025-10-30\n---\nBody.\n", 4,
     ("a.md:3: [published] 2025-10-30 differs from date: 2025-10-31 (line 2); give the publication date once, "
      "or the same in both")),
    ("front-matter-wrong-type", "a.md", b"---\ntitle: T\npublished: soon\n---\nBody.\n", 4,
     "a.md:3: [published] a date such as 2025-10-31 or 2025-10-31T09:00:00+01:00, not 'soon'"),
    ("fifty-mb", "huge.md", _fifty_mb, 3,
     "huge.md: file is 50.0 MB, over the 10 MB limit (raise it with max_file_mb in settings)"),
    ("unreadable", "secret.md", _denied, 3, "secret.md: cannot read file: Permission denied"),
    ("missing", "nope.md", None, 3, "nope.md: no such file or folder"),
]
COMMANDS = [
    ("claims", lambda bad: ["claims", bad], None),
    ("ingest", lambda bad: ["ingest", bad, "--store", "s.db"], None),
    ("report", lambda bad: ["report", bad, "-f", "json"], None),
    ("check", lambda bad: ["check", bad, "--against", "corpus"], 2),  # a linter's contract
]


@pytest.mark.parametrize("command, args, override", COMMANDS, ids=[c[0] for c in COMMANDS])
@pytest.mark.parametrize("name, content, code, line", [c[1:] for c in DOCUMENTS], ids=[c[0] for c in DOCUMENTS])
def test_a_bad_document_is_one_line_and_its_exit_code(work, monkeypatch, command, args, override, name, content, code, line):
    if isinstance(content, bytes):
        (work / name).write_bytes(content)
    elif content is not None:
        content(work / name, monkeypatch)
    assert_one_error(run(*args(name)), override or code, line)
    if command == "ingest":  # every file is checked before anything is written
        with closing(sqlite3.connect(work / "s.db")) as db:
            assert db.execute("SELECT count(*) FROM documents").fetchone() == (0,)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a chmod 000 file")
def test_a_really_unreadable_file(work):
    path = work / "secret.md"
    path.write_text(GOOD)
    path.chmod(0)
    try:
        assert_one_error(run("claims", "secret.md"), 3, "secret.md: cannot read file: Permission denied")
    finally:
        path.chmod(0o644)


# --- everything else a user hands checker ------------------------------------------------------


def _newer_store(path: Path) -> None:
    with closing(sqlite3.connect(path)) as db:
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute(f"PRAGMA user_version = {LATEST + 5}")
        db.execute("CREATE TABLE t (x)")
        db.commit()


def _foreign_store(path: Path) -> None:
    with closing(sqlite3.connect(path)) as db:
        db.execute("CREATE TABLE notes (x)")
        db.commit()


OTHER = [
    # id, {file: content or maker}, command line, exit code, the line after "checker: error: "
    ("folder-without-documents", {"pdfs/a.pdf": b"%PDF-1.4"}, ["claims", "pdfs"], 3,
     "pdfs: folder holds no .md or .txt files"),
    ("rules-invalid-yaml", {"mine/r.yaml": "description: [unclosed\n"}, ["report", "good.md", "--rules", "mine"], 13,
     "mine/r.yaml:2: expected ',' or ']', but got '<stream end>'"),
    ("rules-unknown-key", {"mine/r.yaml": RULE + "colour: red\n"}, ["report", "good.md", "--rules", "mine"], 13,
     "mine/r.yaml:5: [colour] Extra inputs are not permitted"),
    ("rules-wrong-type", {"mine/r.yaml": RULE.replace("error", "fatal")}, ["rules", "list", "--rules", "mine"], 13,
     "mine/r.yaml:3: [severity] Input should be 'error', 'warning' or 'info'"),
    ("rules-unknown-check", {"mine/r.yaml": RULE.replace("quote_", "no_")}, ["report", "good.md", "--rules", "mine"], 13,
     f"mine/r.yaml: [check] no check named 'no_consistency' (known: {', '.join(sorted(CHECKS))})"),
    ("rules-folder-missing", {}, ["report", "good.md", "--rules", "nowhere"], 13, "nowhere: rules folder not found"),
    ("facts-bad-kind", {"f.yaml": FACT.replace("money", "weight")}, ["report", "good.md", "--facts", "f.yaml"], 14,
     "f.yaml:3: [facts.0.kind] Input should be 'money', 'percent', 'quantity', 'count', 'date', 'quote', 'time' or 'place'"),
    ("facts-bad-value", {"f.yaml": FACT.replace("5", "[5]")}, ["report", "good.md", "--facts", "f.yaml"], 14,
     "f.yaml:4: [facts.0.value.float] Input should be a valid number"),
    ("facts-missing-field", {"f.yaml": FACT.replace("    source: S\n", "")}, ["report", "good.md", "--facts", "f.yaml"],
     14, "f.yaml:2: [facts.0.source] Field required"),
    ("facts-invalid-yaml", {"f.yaml": "facts: [\n"}, ["report", "good.md", "--facts", "f.yaml"], 14,
     "f.yaml:2: expected the node content, but found '<stream end>'"),
    ("store-newer", {"s.db": _newer_store}, ["claims", "--store", "s.db"], 10,
     f"s.db: written by a newer checker (schema {LATEST + 5}; this one knows up to {LATEST})"),
    ("store-not-a-database", {"s.db": "hello"}, ["ingest", "good.md", "--store", "s.db"], 9,
     "s.db: not a claim store: not an SQLite database"),
    ("store-not-checkers", {"s.db": _foreign_store}, ["claims", "--store", "s.db"], 9,
     "s.db: an SQLite database, but not a checker claim store"),
    ("store-a-folder", {"s.db/x": ""}, ["claims", "--store", "s.db"], 9, "s.db: not a claim store: not a file"),
    ("store-none-yet", {}, ["claims", "--store", "s.db"], 8, "s.db: no claim store here (run `checker ingest` first)"),
    ("settings-invalid-toml", {"checker.toml": "# settings\nstore = \n"}, ["claims", "good.md"], 7,
     "checker.toml:2: invalid TOML: Invalid value"),
    ("settings-unknown-key", {"checker.toml": "# settings\nstroe = 'x.db'\n"}, ["claims", "good.md"], 7,
     "checker.toml:2: [stroe] unknown setting (did you mean 'store'?)"),
    ("settings-wrong-type", {"pyproject.toml": "[project]\nname = 'x'\n\n[tool.checker]\nmax_file_mb = 'big'\n"},
     ["claims", "good.md"], 7,
     "pyproject.toml:5: [max_file_mb] Input should be a valid number, unable to parse string as a number"),
    ("model-missing", {}, ["claims", "good.md", "--model", "no_such_model"], 6,
     ("cannot load spaCy pipeline 'no_such_model': [E050] Can't find model 'no_such_model'. It doesn't seem to be "
      "a Python package or a valid path to a data directory.")),
    ("import-not-an-export", {"dump.jsonl": '{"x": 1}\n'}, ["import", "dump.jsonl", "--store", "s.db"], 12,
     "dump.jsonl:1: not a checker export (expected schema checker.export/1)"),
    ("baseline-not-yaml", {"b.yaml": "{\n"}, ["check", "good.md", "--against", "corpus", "--baseline", "b.yaml"], 2,
     "b.yaml:2: expected the node content, but found '<stream end>'"),
]


@pytest.mark.parametrize("files, args, code, line", [c[1:] for c in OTHER], ids=[c[0] for c in OTHER])
def test_other_bad_input_is_one_line_and_its_exit_code(work, files, args, code, line):
    for name, content in files.items():
        path = work / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if callable(content):
            content(path)
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content)
    before = {p: p.read_bytes() for p in work.rglob("*") if p.is_file()}
    assert_one_error(run(*args), code, line)
    after = {p: p.read_bytes() for p in work.rglob("*") if p.is_file()}
    for new in after.keys() - before.keys():  # at most a new store, opened before the bad file was read: empty
        with closing(sqlite3.connect(new)) as db:
            assert db.execute("SELECT count(*) FROM documents").fetchone() == (0,)
    assert {p: after[p] for p in before} == before  # nothing else written, nothing changed


def test_every_exit_code_is_distinct():
    codes = {c[3] for c in DOCUMENTS} | {c[3] for c in OTHER}
    assert codes == {2, 3, 4, 6, 7, 8, 9, 10, 12, 13, 14}  # 5 (lexicon), 11, 16, 17: tests/test_faults.py


# --- --keep-going ------------------------------------------------------------------------------

BAD = {"b-latin1.md": LATIN1, "c-meta.md": b"---\ntitle: T\n---\n"}
BAD_LINES = (
    "checker: error: b-latin1.md:2: not UTF-8 (byte 12)\n"
    "checker: error: c-meta.md: no article text after the front matter\n"
    "checker: error: nope.md: no such file or folder\n"
)


@pytest.fixture
def mixed(work):
    """good.md, then two bad files, then d-good.md: the good ones on either side of the bad."""
    for name, content in BAD.items():
        (work / name).write_bytes(content)
    (work / "d-good.md").write_text("Exports rose 12% in 2024.\n")
    return ["good.md", "b-latin1.md", "c-meta.md", "nope.md", "d-good.md"]


def test_keep_going_claims(mixed):
    result = run("claims", "-f", "json", "--keep-going", *mixed)
    assert result.exit_code == 3  # the first bad file's code: a skipped file is never success
    assert result.stderr == BAD_LINES
    documents = [d["id"] for d in json.loads(result.stdout)["documents"]]
    assert documents == ["good.md", "d-good.md"]


def test_keep_going_ingest_stores_the_good_documents(mixed, work):
    result = run("ingest", "--store", "s.db", "--keep-going", *mixed)
    assert result.exit_code == 3 and "Traceback" not in result.stderr
    assert result.stderr == BAD_LINES
    assert "added 2, updated 0, unchanged 0, removed 0" in result.stdout
    with closing(sqlite3.connect(work / "s.db")) as db:
        assert [r[0] for r in db.execute("SELECT id FROM documents ORDER BY id")] == ["d-good.md", "good.md"]
    without = run("ingest", "--store", "t.db", *mixed)  # without it: the first bad file stops the run
    assert_one_error(without, 3, "b-latin1.md:2: not UTF-8 (byte 12)")


def test_keep_going_report_and_the_code_of_the_first_bad_file(mixed, work):
    (work / "a-front.md").write_bytes(b"---\ndraft: maybe\n---\nBody.\n")
    result = run("report", "-f", "json", "--keep-going", "a-front.md", *mixed)
    assert result.exit_code == 4  # a-front.md's FrontMatterError comes first
    assert result.stderr.splitlines()[0] == "checker: error: a-front.md:2: [draft] Input should be a valid boolean, unable to interpret input"
    assert len(result.stderr.splitlines()) == 4
    assert [d["id"] for d in json.loads(result.stdout)["documents"]] == ["good.md", "d-good.md"]


def test_keep_going_check_still_exits_2(mixed, work):
    result = run("check", "--against", "corpus", "--keep-going", *mixed)
    assert result.exit_code == 2
    assert result.stderr == BAD_LINES
    lines = result.stdout.splitlines()  # each draft's lines, then its summary line
    assert [line for line in lines if line.endswith("0 warnings")] == [
        "good.md: 2 supported, 0 contradicted, 0 internally inconsistent, 0 unverifiable; 0 errors, 0 warnings",
        "d-good.md: 0 supported, 0 contradicted, 0 internally inconsistent, 2 unverifiable; 0 errors, 0 warnings",
    ]
    (work / "corpus" / "bad.md").write_bytes(b"")  # a bad corpus file is set aside the same way
    corpus = run("check", "--against", "corpus", "--keep-going", "good.md")
    assert corpus.exit_code == 2 and corpus.stderr == "checker: error: corpus/bad.md: empty file\n"
    assert "good.md: 2 supported" in corpus.stdout


# --- size: the limit, and texts longer than spaCy takes at once -----------------------------------


def test_the_size_limit_is_a_setting(work):
    (work / "a.md").write_text(GOOD * 30)  # 2.3 kB
    (work / "checker.toml").write_text("max_file_mb = 0.002\n")
    assert_one_error(run("claims", "a.md"), 3,
                     "a.md: file is 0.0 MB, over the 0.002 MB limit (raise it with max_file_mb in settings)")
    (work / "checker.toml").write_text("max_file_mb = 0.003\n")
    assert run("claims", "a.md").exit_code == 0


def test_split_text_cuts_at_paragraphs_then_sentences_then_spaces():
    text = "One two. Three four.\n\nFive six seven. Eight.\n\n" + "x" * 30
    pieces = list(split_text(text, 25))
    assert "".join(p for _, p in pieces) == text
    assert all(text[offset : offset + len(p)] == p and len(p) <= 25 for offset, p in pieces)
    assert [p for _, p in pieces] == ["One two. Three four.\n\n", "Five six seven. Eight.\n\n", "x" * 25, "x" * 5]
    assert [p for _, p in split_text("Alpha beta. Gamma delta epsilon.", 20)] == ["Alpha beta. ", "Gamma delta epsilon."]
    assert [p for _, p in split_text("alpha beta gamma delta", 12)] == ["alpha beta ", "gamma delta"]
    assert list(split_text("short", 25)) == [(0, "short")]


def test_a_text_longer_than_spacy_takes_is_processed_in_pieces(work, monkeypatch):
    paragraph = ("Japan pledged $550 billion in investments on Oct 30, 2025, officials said. "
                 "Exports rose 12% to 3 trillion yen, Sato said. ")
    text = "---\ntitle: Long\n---\n" + "\n\n".join(paragraph * (1 + i % 3) for i in range(12)) + "\n"
    (work / "long.md").write_text(text)
    whole = json.loads(run("claims", "-f", "json", "long.md").stdout)["claims"]
    monkeypatch.setattr(build_pipeline(), "max_length", 250)  # the cached pipeline the CLI uses: cut
    # between paragraphs, and inside those of two and three sentence pairs (~240 and ~360 characters)
    with pytest.raises(ValueError):
        build_pipeline().make_doc(text)  # spaCy itself refuses it whole
    result = run("claims", "-f", "json", "long.md")
    assert result.exit_code == 0, result.stderr
    pieces = json.loads(result.stdout)["claims"]
    assert len(pieces) == len(whole) > 40
    for claim in pieces:
        assert claim["text"] == text[claim["start"] : claim["end"]]
        assert claim["sentence"] == text[claim["sentence_start"] :][: len(claim["sentence"])]
    assert [(c["start"], c["end"], c["kind"], c["value"]) for c in pieces] == \
           [(c["start"], c["end"], c["kind"], c["value"]) for c in whole]


# --- thousands of files --------------------------------------------------------------------------


@pytest.fixture
def few_descriptors():
    """A low open-files limit, so a descriptor leaked per file fails the run."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(soft, 128), hard))
    yield
    resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def test_a_folder_of_thousands_of_files(work, few_descriptors):
    folder = work / "wire"
    for i in range(3000):
        (folder / f"{i // 500}").mkdir(parents=True, exist_ok=True)
        (folder / f"{i // 500}" / f"{i:04}.md").write_text("A short note.\n")
    (folder / "5" / "2999.md").write_text("It cost $7 billion.\n")
    listed = run("claims", "-f", "json", "wire")
    assert listed.exit_code == 0, listed.stderr
    payload = json.loads(listed.stdout)
    assert len(payload["documents"]) == 3000
    assert [c["text"] for c in payload["claims"]] == ["$7 billion"]
    ingested = run("ingest", "wire", "--store", "s.db")
    assert ingested.exit_code == 0, ingested.stderr
    assert "added 3000, updated 0, unchanged 0, removed 0; 1 claim written" in ingested.stdout


# --- a draft with nothing to check ----------------------------------------------------------------


def test_a_draft_without_claims_passes_with_a_warning(work):
    """An opinion piece can hold no figure, date or quote: not an error (exit 0, CI stays green),
    but not a silent pass either, since a wrong file or a broken extractor looks the same."""
    (work / "opinion.md").write_text("---\ntitle: View\n---\nThe minister should listen more.\n")
    result = run("check", "opinion.md", "good.md", "--against", "corpus")
    assert result.exit_code == 0
    assert result.stderr == "checker: warning: opinion.md: no figures, dates or quotes to check\n"
    assert "opinion.md: 0 supported, 0 contradicted, 0 internally inconsistent, 0 unverifiable" in result.stdout
