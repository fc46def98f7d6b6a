"""`checker check DRAFT --against STORE` reads only the draft's neighbourhood, found through the
store's indexes, and says what a check over every stored document says."""

from __future__ import annotations

import sqlite3
from collections import Counter
from contextlib import closing

import pytest
from typer.testing import CliRunner

from checker.cli import app
from checker.engine import Declared, load_ruleset
from checker.gather import stored
from checker.ingest import current_versions
from checker.precheck import check_against, check_drafts, check_drafts_in_store
from checker.render.lint import check_text
from checker.store import is_store_url, open_store
from checker.store.migrations import MIGRATIONS

from .conftest import CORPORA, ROOT

DRAFTS = {  # drafts of each corpus: one it holds, and one from another corpus
    "seeds": ["undated-takaichi-asean-security-and-ai-pivot.md", "2025-11-06-japan-and-us-deepen-alliance-as-takaichi-leads.md"],
    "devcorpus": ["storm/wire.md", "port-deal/business.md"],
    "invented": ["s01-haldener-job-cuts/wire.md", "s05-coastline-rail-pay-deal/blog.md"],
}
OUTSIDE = {"seeds": ROOT / "tests" / "devcorpus" / "storm" / "paper.md",
           "devcorpus": ROOT / "seeds" / "undated-takaichi-trump-phone-call-explainer.md",
           "invented": ROOT / "tests" / "devcorpus" / "central-bank" / "wire.md"}


def outcome(result) -> tuple:
    """What a check says: its findings, each verdict with its sources and why, and the text report."""
    verdicts = [(v.claim.id, v.status, [s.id for s in v.sources], [c.id for c in v.agreeing],
                 [c.id for c in v.disagreeing], v.restates and v.restates.id, repr(v.why)) for v in result.verdicts]
    return [f.model_dump_json() for f in result.findings], verdicts, result.suppressed, check_text(result)


@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_the_store_lookups_give_what_every_document_gives(corpus_locations, extractor, corpus):
    """Drafts: a stored document as stored (a draft is never its own source), a file the store
    also holds under another id, and a file of another corpus; on each backend."""
    first, second = DRAFTS[corpus]
    rules = load_ruleset()
    with open_store(corpus_locations[corpus], readonly=True) as db:
        everything = stored(db)
        inside = next(e for e in everything if e.document.id.endswith(first))
        drafts = [inside, *extractor.paths([CORPORA[corpus] / second, OUTSIDE[corpus]])]
        found = check_drafts_in_store(drafts, db, rules)
    assert found is not None
    expected = check_drafts(drafts, everything, rules)
    assert outcome(found) == outcome(expected)
    assert any(v.sources for v in expected.verdicts), "drafts with no source test nothing"
    if corpus == "invented":  # forty-five stories: only the drafts' are read
        assert len(found.documents) < len(everything) / 3


@pytest.mark.parametrize("held_by", [1, 2, 4])
def test_words_the_news_shares_are_counted_only_as_far_as_a_story_needs(corpus_locations, extractor, monkeypatch,
                                                                      held_by):
    """A word held by more than `MAX_HOLDERS` articles within a window names no story there: the
    store counts its holders no further than that (it reads the nearby ones only), and the check
    says what a whole-store check says. A small bound makes the invented corpus's story words such
    words (its 45 stories share places and names), each draft also stored (its stored copy is
    counted by the store and left out of the corpus)."""
    monkeypatch.setattr("checker.engine.stories.MAX_HOLDERS", held_by)
    monkeypatch.setattr("checker.candidates.MAX_HOLDERS", held_by)
    counted = []
    with open_store(corpus_locations["invented"], readonly=True) as db:
        asked = db.word_holders
        monkeypatch.setattr(db, "word_holders", lambda words, **how: counted.append((asked(words, **how), how))
                            or counted[-1][0])
        everything = stored(db)
        drafts = [e for e in everything if e.document.id.endswith(tuple(DRAFTS["invented"]))]
        found = check_drafts_in_store(drafts, db, load_ruleset())
    assert found is not None
    assert outcome(found) == outcome(check_drafts(drafts, everything, load_ruleset()))
    capped = [w for found, how in counted for w, (n, _) in found.items() if n == how["all_up_to"] + 1]
    assert capped, "no word past the bound: the capped count is not tested"


def test_a_stores_word_holders_are_counted_up_to_one_past_the_bound(corpus_locations):
    """Every holder while they are `all_up_to` or fewer; past that, the count reads one more and
    no holder comes back: how many hold the word each day, and the holders of chosen days, do."""
    with open_store(corpus_locations["invented"], readonly=True) as db, closing(_connect(corpus_locations["invented"])) as raw:
        word, held = raw.execute("SELECT word, count(*) FROM document_words GROUP BY word HAVING count(day) = count(*) "
                                 "ORDER BY count(*) DESC, word LIMIT 1").fetchone()
        holders = sorted(raw.execute(f"SELECT document, day FROM document_words WHERE word = '{word}'").fetchall())
        assert held > 3
        assert db.word_holders([word, "no-such-word"], all_up_to=held) == {word: (held, holders)}
        assert db.word_holders([word], all_up_to=held - 1) == {word: (held, [])}
        assert db.word_holders([word], all_up_to=2) == {word: (3, [])}
        days = sorted(d for _, d in holders)
        first, last = days[0], days[len(days) // 2]
        assert db.word_days([word, "no-such-word"], (first, last)) == {word: Counter(d for d in days if first <= d <= last)}
        assert db.word_holders_on(word, [first, last, last + 1000]) == [h for h in holders if h[1] in (first, last)]


def test_a_declaration_anywhere_reads_the_whole_store(store_location, corpus_stores, extractor):
    """A same-fact declaration pairs claims of any two documents: the indexes cannot find them,
    so the check reads every document, and says the same."""
    path = store_location
    with open_store(corpus_stores["devcorpus"], readonly=True) as db, open_store(path) as copy:
        copy.replace_all((d, c, current_versions()) for d, c in db.extractions())
    draft = list(extractor.paths([CORPORA["devcorpus"] / "storm" / "wire.md"]))
    settings = Declared.from_settings([["storm/wire.md: 12", "storm/paper.md: twelve"]], [])
    rules = load_ruleset()
    with open_store(path, readonly=True) as db:
        assert check_drafts_in_store(draft, db, rules, declared=settings) is None
        assert check_drafts_in_store(draft, db, rules) is not None
        expected = check_drafts(draft, stored(db), rules, declared=settings)
    assert outcome(check_against(draft, [], [path], rules, declared=settings)) == outcome(expected)


def test_the_lookups_of_an_older_store_are_filled_when_it_is_upgraded(store_location, corpus_stores):
    """A store written before the lookups existed (schema 3) gets them on its first writable
    open, the same as the store wrote them, on each backend."""
    with open_store(corpus_stores["seeds"], readonly=True) as db, open_store(store_location) as store:
        store.replace_all((d, c, current_versions()) for d, c in db.extractions())
    tables = ("document_lookups", "document_words", "document_names")
    with closing(_connect(store_location)) as db:
        written = [sorted(db.execute(f"SELECT * FROM {t}").fetchall()) for t in tables]
        for table in tables:
            db.execute(f"DROP TABLE {table}")
        db.execute("DROP INDEX claims_by_kind_speaker")
        db.execute("DELETE FROM schema_migrations WHERE version = 4")
        if not is_store_url(store_location):
            db.execute("PRAGMA user_version = 3")
    open_store(store_location).close()
    with closing(_connect(store_location)) as db:
        assert [sorted(db.execute(f"SELECT * FROM {t}").fetchall()) for t in tables] == written
        assert db.execute("SELECT max(version) FROM schema_migrations").fetchone()[0] == len(MIGRATIONS)
    assert all(written)


def _connect(location: str):
    """A connection of the store's own driver, outside checker, committing each statement."""
    if is_store_url(location):
        import psycopg

        return psycopg.connect(location, autocommit=True)
    return sqlite3.connect(location, isolation_level=None)


def test_check_against_a_store_on_the_command_line(corpus_locations, tmp_path, monkeypatch):
    """The command reads the store through its lookups (never every document) and prints the
    verdicts of a whole-store check."""
    monkeypatch.chdir(tmp_path)
    draft = CORPORA["devcorpus"] / "storm" / "wire.md"
    store = corpus_locations["devcorpus"]
    calls = []
    monkeypatch.setattr("checker.precheck.stored", lambda db: calls.append(db) or stored(db))
    done = CliRunner().invoke(app, ["check", str(draft), "--against", store, "-f", "json"], env={"NO_COLOR": "1"})
    assert done.exit_code in (0, 1), done.output
    assert not calls
    assert '"status": "supported"' in done.output
