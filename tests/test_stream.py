"""The engine over a store, a part at a time, finds what it finds over the whole store at once:
the same findings, in the same order, byte for byte."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from checker.engine import Declared, check, load_fact_sheet, stream
from checker.engine.stream import check_store
from checker.gather import stored
from checker.ingest import current_versions
from checker.store import open_store

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def stores(corpus_stores):
    return corpus_stores


def in_memory(db, **options) -> list[str]:
    extractions = stored(db)
    found = check([c for e in extractions for c in e.claims], [e.document for e in extractions], **options)
    return [f.model_dump_json() for f in found]


def streamed(db, **options) -> list[str]:
    return [f.model_dump_json() for f in check_store(db, **options)]


@pytest.fixture(params=["batched", "one part per story"])
def parts(request, monkeypatch):
    """As shipped (small stories judged together), and every story and speaker on its own."""
    if request.param != "batched":
        monkeypatch.setattr(stream, "PART_CLAIMS", 1)
        monkeypatch.setattr(stream, "QUOTING_DOCUMENTS", 1)
    return request.param


@pytest.mark.parametrize("corpus", ["devcorpus", "invented", "seeds"])
def test_streamed_findings_are_the_in_memory_ones(stores, corpus, parts):
    with open_store(stores[corpus], readonly=True) as db:
        expected = in_memory(db)
        assert expected, "a corpus with nothing to find tests nothing"
        assert streamed(db) == expected


def test_the_parts_are_the_stories(stores, monkeypatch):
    """The invented corpus is read a story at a time, never all at once: most parts are one
    story's articles (its BRIEF.md, which names every story's people, joins many into one part;
    two stories sharing enough rare words are one part)."""
    monkeypatch.setattr(stream, "PART_CLAIMS", 1)
    read = []
    with open_store(stores["invented"], readonly=True) as db:
        with_claims = {c.document for c in db.claims()}
        original = db.extractions

        def spy(documents=None, **kinds):
            if documents is not None and not kinds:
                read.append(set(documents))
            return original(documents, **kinds)

        monkeypatch.setattr(db, "extractions", spy)
        check_store(db)
    assert len(read) >= 15 and max(len(docs) for docs in read) < len(with_claims) * 2 / 3
    assert sum(len({d.split("/")[-2] for d in docs}) == 1 for docs in read) >= 12
    assert set().union(*read) == with_claims and sum(len(docs) for docs in read) == len(with_claims)


def test_a_fact_sheet_and_declarations_across_stories(stores, tmp_path, parts, monkeypatch):
    """A fact sheet's facts meet every part (one agrees with a claim); a claim declared one fact
    with a claim of another story joins the two stories into one part."""
    read = []
    with open_store(stores["invented"], readonly=True) as db:  # two stories read apart (test_the_parts_are_the_stories)
        money = [c for c in db.claims(kind="money") if c.subject and c.predicate and isinstance(c.value, float)]
        first = next(c for c in money if "/s02-" in c.document)
        second = next(c for c in money if "/s04-" in c.document)
        facts = tmp_path / "facts.yaml"
        facts.write_text(
            f"facts:\n  - {{key: k, kind: money, value: {first.value}, unit: {first.unit}, "
            f"subject: {first.subject!r}, predicate: {first.predicate!r}, source: the sheet}}\n", encoding="utf-8")
        declared = Declared.from_settings([[f"{first.document}: {first.text}", f"{second.document}: {second.text}"]], [])
        options = {"declared": declared, "facts": load_fact_sheet(facts)[0], "facts_path": str(facts)}
        expected = in_memory(db, **options)
        original = db.extractions
        monkeypatch.setattr(db, "extractions", lambda documents=None, **kinds: read.append(documents or ())
                            or original(documents, **kinds))
        assert streamed(db, **options) == expected
    assert any('"rule":"fact-sheet"' in f for f in expected)
    assert any(first.document in docs and second.document in docs for docs in read)


def test_an_archive_of_copies_of_undated_articles(stores, tmp_path, parts):
    """The seeds copied into an archive of 2,000 claims (as benchmarks/stream.py grows one):
    an undated article's day is worked out from its stated dates, "now" left out, in the
    summaries as in the whole run, so its copies meet the same others."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from corpus import Archive
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    with open_store(stores["seeds"], readonly=True) as db:
        grown, documents = Archive(list(db.claims()), db.documents()).grown(2_000)
    assert any(c.time_reference for c in grown) and any(d.published is None for d in documents)
    by_document: dict[str, list] = {d.id: [] for d in documents}
    for claim in grown:
        by_document[claim.document].append(claim)
    with open_store(str(tmp_path / "grown.db")) as db:
        db.replace_all((d, by_document[d.id], current_versions()) for d in documents)
        assert streamed(db) == in_memory(db)
