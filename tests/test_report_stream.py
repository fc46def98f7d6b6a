"""`checker report` over a store judges it a part at a time and writes the JSON report as it
reads the store, SARIF a result at a time; every format gives the bytes the whole-store report
gives, on both backends."""

from __future__ import annotations

import errno
import json

import pytest
from typer.testing import CliRunner

from checker import reporting
from checker.cli import app
from checker.commands.common import plain
from checker.engine import check, load_ruleset, runs, stream
from checker.engine.findings import Finding
from checker.engine.runs import SortedRuns
from checker.errors import OutputError
from checker.gather import stored
from checker.render import digest, sarif, sarif_stream
from checker.render.claims import claim_record, document_record
from checker.render.digest import Archive
from checker.render.html import report_html
from checker.render.markdown import report_markdown
from checker.render.report import SCHEMA, report_console
from checker.render.sarif import report_sarif
from checker.reporting import Engine, View, store_report
from checker.store import open_store


def _whole(location: str, fmt: str) -> str:
    """The report as it was written before: every claim loaded, judged at once, rendered whole."""
    with open_store(location, readonly=True) as db:
        extractions = stored(db)
    documents, claims = [e.document for e in extractions], [c for e in extractions for c in e.claims]
    findings = check(claims, documents)
    if fmt == "json":
        return json.dumps({"schema": SCHEMA, "documents": [document_record(d) for d in documents],
                           "claims": [claim_record(c) for c in claims],
                           "findings": [f.model_dump(mode="json") for f in findings]},
                          ensure_ascii=False, indent=2) + "\n"
    return {
        "console": lambda: plain(report_console(claims, findings)),
        "markdown": lambda: report_markdown(documents, claims, findings),
        "html": lambda: report_html(documents, claims, findings),
        "sarif": lambda: report_sarif(documents, claims, findings, load_ruleset(), tool_version="0"),
    }[fmt]()


def _reported(location: str, fmt: str, tmp_path) -> str:
    out = tmp_path / f"report.{fmt}"
    result = CliRunner().invoke(app, ["report", "--store", location, "-f", fmt, "-o", str(out)],
                                env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["console", "json", "markdown", "html"])
@pytest.mark.parametrize("corpus", ["seeds", "devcorpus", "invented"])
def test_a_store_report_is_the_whole_store_report(corpus_locations, corpus, fmt, tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    expected = _whole(corpus_locations[corpus], fmt)
    assert '"findings": [\n' in expected or fmt != "json"  # a corpus with nothing to find tests nothing
    assert _reported(corpus_locations[corpus], fmt, tmp_path) == expected


@pytest.fixture
def version_zero(monkeypatch):
    """SARIF names the tool's version: the whole-store log is rendered with "0"."""
    import checker

    monkeypatch.setattr(checker, "__version__", "0")
    monkeypatch.setattr("checker.cli.__version__", "0")


@pytest.mark.parametrize("corpus", ["seeds", "devcorpus", "invented"])
def test_a_store_sarif_report_is_the_whole_store_one(corpus_locations, corpus, version_zero, tmp_path):
    location = corpus_locations[corpus]
    expected = _whole(location, "sarif")
    assert json.loads(expected)["runs"][0]["results"]  # a corpus with nothing to find tests nothing
    assert _reported(location, "sarif", tmp_path) == expected


def test_a_store_sarif_report_never_renders_the_whole_log(corpus_stores, version_zero, tmp_path, monkeypatch):
    """Over a store the log is written a result at a time: the renderer that holds every finding
    is never called, and no piece holds more than one result."""
    def whole(*_, **__):
        raise AssertionError("the whole-log renderer was called")

    monkeypatch.setattr(reporting, "report_sarif", whole)
    monkeypatch.setattr(sarif, "report_sarif", whole)
    location = corpus_stores["invented"]
    with open_store(location, readonly=True) as db:
        pieces = list(store_report(db, Engine(load_ruleset()), View("sarif", tool_version="0")))
    results = json.loads("".join(pieces))["runs"][0]["results"]
    assert len(results) > 10 and len(pieces) == len(results) + 1  # the head with the first result, each other, the close
    assert all(piece.count('"ruleId"') <= 1 for piece in pieces)
    assert "".join(pieces) == _whole(location, "sarif")


@pytest.fixture
def spilled(monkeypatch) -> list[int]:
    """How many sorted runs were on disk after each one was written."""
    counts: list[int] = []
    original = SortedRuns._spill

    def spy(self):
        original(self)
        counts.append(len(self.runs))

    monkeypatch.setattr(SortedRuns, "_spill", spy)
    return counts


def test_sarif_results_spilled_to_disk_come_back_in_order(corpus_stores, version_zero, spilled, tmp_path, monkeypatch):
    """With small pages and buffers the results go to disk in many sorted runs; same bytes."""
    monkeypatch.setattr(digest, "PAGE", 3)  # the page `digest.pages` reads for SARIF too
    monkeypatch.setattr(sarif_stream, "SPILLED", 5)
    location = corpus_stores["devcorpus"]
    assert _reported(location, "sarif", tmp_path) == _whole(location, "sarif")
    assert max(spilled) > 3


def test_sarif_of_verdicts_with_no_results(corpus_stores, version_zero, tmp_path):
    """Only agreements asked for: no SARIF results (agreements are not problems), the same log
    the whole-store renderer writes for those findings."""
    location = corpus_stores["devcorpus"]
    out = tmp_path / "agreements.sarif"
    result = CliRunner().invoke(app, ["report", "--store", location, "-f", "sarif", "-o", str(out),
                                      "--only", "agreements"])
    assert result.exit_code == 0, result.stderr
    with open_store(location, readonly=True) as db:
        extractions = stored(db)
    documents, claims = [e.document for e in extractions], [c for e in extractions for c in e.claims]
    agreements = [f for f in check(claims, documents) if f.verdict == "agreement"]
    assert agreements
    written = out.read_text(encoding="utf-8")
    assert written == report_sarif(documents, claims, agreements, load_ruleset(), tool_version="0")
    assert '"results": []' in written


def test_sarif_names_a_rule_outside_the_ruleset(corpus_stores, monkeypatch):
    """A finding whose rule the ruleset lacks gets a minimal descriptor after the others; its
    results' ruleIndex, known only once every finding is read, is set as they come back."""
    monkeypatch.setattr(sarif_stream, "SPILLED", 4)
    with open_store(corpus_stores["invented"], readonly=True) as db:
        extractions = stored(db)
    documents, claims = [e.document for e in extractions], [c for e in extractions for c in e.claims]
    findings = check(claims, documents)
    ruleset = load_ruleset()
    rules = [r for r in ruleset.rules if r.id != "figure-consistency"]
    assert any(f.rule == "figure-consistency" for f in findings)
    streamed = "".join(sarif_stream.sarif_pieces(findings, Archive.of_memory(documents, claims), rules,
                                                 tool_version="0"))
    assert streamed == report_sarif(documents, claims, findings, rules, tool_version="0")
    log = json.loads(streamed)["runs"][0]
    assert log["tool"]["driver"]["rules"][-1] == {"id": "figure-consistency"}
    assert {r["ruleIndex"] for r in log["results"] if r["ruleId"] == "figure-consistency"} == {len(rules)}


def test_only_some_verdicts_in_the_json_report(corpus_stores, tmp_path):
    location = corpus_stores["devcorpus"]
    out = tmp_path / "only.json"
    result = CliRunner().invoke(app, ["report", "--store", location, "-f", "json", "-o", str(out),
                                      "--only", "contradictions"])
    assert result.exit_code == 0, result.stderr
    whole = json.loads(_whole(location, "json"))
    written = json.loads(out.read_text(encoding="utf-8"))
    expected = [f for f in whole["findings"] if f["verdict"] == "contradiction"]
    assert expected and written["findings"] == expected and written["claims"] == whole["claims"]


def test_the_json_report_is_written_as_the_store_is_read(corpus_stores):
    """When the first claim is written, the store has been read up to the first document with
    claims, and the engine has not started: nothing is gathered before it is written."""
    with open_store(corpus_stores["invented"], readonly=True) as db:
        documents = db.documents()
        first = next(i for i, d in enumerate(documents) if list(db.claims(document=d.id)))
        original, read = db.extractions, []

        def counted(ids=None, **kinds):
            for entry in original(ids, **kinds):
                read.append((ids is None, entry[0].id))
                yield entry

        db.extractions = counted
        pieces = store_report(db, Engine(load_ruleset()), View("json"))
        for piece in pieces:
            if piece.lstrip(",\n ").startswith('{\n      "id": "c'):  # the first claim
                break
        assert read == [(True, d.id) for d in documents[: first + 1]]
        rest = "".join(pieces)
    assert rest.endswith("]\n}\n") and any(not whole for whole, _ in read)  # then the engine's parts


def test_findings_spilled_to_disk_come_back_in_order(corpus_stores, spilled, tmp_path, monkeypatch):
    """With a small buffer and a part per story the findings go to disk in many sorted runs;
    the report is the same."""
    monkeypatch.setattr(runs, "BUFFERED", 7)
    monkeypatch.setattr(stream, "PART_CLAIMS", 1)
    monkeypatch.setattr(stream, "QUOTING_DOCUMENTS", 1)
    location = corpus_stores["invented"]
    assert _reported(location, "json", tmp_path) == _whole(location, "json")
    assert max(spilled) > 5


def test_a_full_disk_for_the_findings_is_one_error(monkeypatch, tmp_path):
    def full(*_):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(runs, "_line", full)
    monkeypatch.setattr(runs, "BUFFERED", 1)
    found = (0, ("a.md", 1), "rule", "f1"), Finding(id="f1", rule="rule", verdict="agreement", severity="info",
                                                   claims=["c1"], message="m")
    with SortedRuns() as kept, pytest.raises(OutputError, match="findings' temporary file: No space left"):
        kept.add([found])


def test_postgresql_reads_page_through_server_side_cursors(corpus_stores, postgres_url, monkeypatch):
    """A streamed read on PostgreSQL is a named cursor on the server, fetched a page at a time,
    in a snapshot of its own that ends with the read; it reads what SQLite reads."""
    from psycopg.pq import TransactionStatus

    from checker.ingest import current_versions
    from checker.store import postgres

    monkeypatch.setattr(postgres, "PAGE_ROWS", 3)
    with open_store(corpus_stores["seeds"], readonly=True) as source, open_store(postgres_url) as copy:
        copy.replace_all((d, c, current_versions()) for d, c in source.extractions())
        expected = [(d.id, [c.id for c in found]) for d, found in source.extractions()]
    with open_store(postgres_url, readonly=True) as db:
        reads = db.extractions()
        first = next(reads)
        cursors = [name for (name,) in db.db.execute("SELECT name FROM pg_cursors ORDER BY name")]
        assert len(cursors) == 2 and all(name.startswith("checker_read_") for name in cursors)
        read = [first, *reads]
        assert [(d.id, [c.id for c in found]) for d, found in read] == expected
        assert db.db.info.transaction_status == TransactionStatus.IDLE
        assert [d.id for d in db.each_document()] == [d for d, _ in expected]
        assert not db.db.execute("SELECT name FROM pg_cursors").fetchall()


def test_a_store_json_report_to_standard_output(corpus_stores):
    location = corpus_stores["seeds"]
    result = CliRunner().invoke(app, ["report", "--store", location, "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == _whole(location, "json")
