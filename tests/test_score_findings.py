"""The findings scorer on small hand-made claims, findings and gold.

Nothing here runs the extractor, the rule engine or the dev corpus: documents
live under a corpus folder that does not exist (only resolved paths matter).
"""

from __future__ import annotations

from pathlib import Path

from checker.engine.findings import Finding, finding_id
from checker.models import Claim, Document, Kind

from .score_findings import report, score

CORPUS = Path("/nowhere/corpus")
DOCS = [
    # ids differ from the corpus-relative names, as when the checker runs from another folder
    Document(id="run/a.md", path=str(CORPUS / "topic" / "a.md"), sha256="0", text="x"),
    Document(id="run/b.md", path=str(CORPUS / "topic" / "sub" / ".." / "b.md"), sha256="0", text="x"),
    Document(id="run/c.md", path=str(CORPUS / "topic" / "c.md"), sha256="0", text="x"),
]


def claim(cid: str, doc: str, text: str, start: int) -> Claim:
    return Claim(
        id=cid, document=f"run/{doc}", start=start, end=start + len(text), text=text,
        kind=Kind.PERCENT, sentence=text, sentence_start=start,
    )


CLAIMS = [
    claim("a1", "a.md", "4.10%", 10),
    claim("a3", "a.md", "4.35%", 50),  # listed out of order on purpose: occurrences follow offsets
    claim("a2", "a.md", "4.35%", 30),
    claim("a2x", "a.md", "about 4.35%", 40),  # not exactly "4.35%": never counted as an occurrence
    claim("a4", "a.md", "3.2%", 70),
    claim("a5", "a.md", "0.3%", 90),
    claim("a6", "a.md", "0.8%", 110),
    claim("a7", "a.md", "Wednesday", 130),
    claim("a8", "a.md", "October 31", 150),
    claim("a9", "a.md", "$5 billion", 170),
    claim("a10", "a.md", "$2 billion", 190),
    claim("a11", "a.md", "$2 billion", 210),
    claim("a12", "a.md", "1.2%", 230),
    claim("b1", "b.md", "4.1 per cent", 10),
    claim("b2", "b.md", "4.35 percent", 30),
    claim("b3", "b.md", "3.6 per cent", 50),
    claim("c1", "c.md", "4.10 percent", 10),
]


def g(doc: str, text: str, occurrence: int | None = None) -> dict:
    entry = {"document": f"topic/{doc}", "text": text}
    if occurrence:
        entry["occurrence"] = occurrence
    return entry


def fact(fid: str, verdict: str, *claims: dict) -> dict:
    return {"id": fid, "verdict": verdict, "claims": list(claims), "why": "test"}


def finding(verdict: str, *ids: str) -> Finding:
    return Finding(
        id=finding_id(verdict, list(ids)), rule=f"rule-{verdict}", verdict=verdict,
        severity="warning", claims=list(ids), message="m",
    )


def run(findings, gold):
    return score(findings, CLAIMS, DOCS, gold, corpus=CORPUS)


NEW_RATE = fact("new-rate", "agreement", g("a.md", "4.10%"), g("b.md", "4.1 per cent"), g("c.md", "4.10 percent"))
INFLATION = fact("inflation", "contradiction", g("a.md", "3.2%"), g("b.md", "3.6 per cent"))
MARKETS = fact("markets", "trap", g("a.md", "0.3%"), g("a.md", "0.8%"))
WEEKDAY = fact("weekday", "internal", g("a.md", "Wednesday"), g("a.md", "October 31"))
PARTS = fact("parts", "internal", g("a.md", "$5 billion"), g("a.md", "$2 billion"), g("a.md", "$2 billion", 2))


def test_agreement_found_partial_then_full():
    partial = run([finding("agreement", "a1", "b1")], [NEW_RATE])
    assert (partial.resolvable["agreement"], partial.found["agreement"], partial.full["agreement"]) == (1, 1, 0)
    full = run([finding("agreement", "a1", "b1", "c1")], [NEW_RATE])
    assert (full.found["agreement"], full.full["agreement"]) == (1, 1)
    assert full.recall("agreement") == 1.0


def test_agreement_missed():
    result = run([finding("agreement", "a1", "a4"), finding("contradiction", "a1", "b1")], [NEW_RATE])
    assert result.found["agreement"] == 0 and result.recall("agreement") == 0.0
    assert any(e.startswith("missed agreement new-rate") for e in result.errors)


def test_agreement_across_sources_needs_two_documents():
    gold = [fact("prev", "agreement", g("a.md", "4.35%"), g("a.md", "4.35%", 2), g("b.md", "4.35 percent"))]
    assert run([finding("agreement", "a2", "a3")], gold).found["agreement"] == 0
    assert run([finding("agreement", "a3", "b2")], gold).found["agreement"] == 1


def test_agreement_within_one_document():
    gold = [fact("same-doc", "agreement", g("a.md", "4.35%"), g("a.md", "4.35%", 2))]
    assert run([finding("agreement", "a2", "a3")], gold).found["agreement"] == 1


def test_contradiction_found_and_supported():
    result = run([finding("contradiction", "a4", "b3")], [INFLATION, NEW_RATE])
    assert result.found["contradiction"] == 1
    assert (result.supported, result.alarms) == (1, 1)
    assert not result.violations


def test_contradiction_finding_of_another_verdict_does_not_count():
    result = run([finding("internal", "a4", "b3")], [INFLATION])
    assert result.found["contradiction"] == 0
    assert result.supported == 1  # it still points at a real inconsistency


def test_internal_with_one_claim():
    result = run([finding("internal", "a9")], [PARTS])
    assert result.found["internal"] == 1 and result.full["internal"] == 0
    assert (result.supported, result.alarms) == (1, 1)


def test_internal_listing_two_claims_needs_both():
    assert run([finding("internal", "a7")], [WEEKDAY]).found["internal"] == 0
    assert run([finding("internal", "a7", "a8")], [WEEKDAY]).full["internal"] == 1


def test_trap_violated():
    result = run([finding("contradiction", "a5", "a6"), finding("agreement", "a5", "a6")], [MARKETS, INFLATION])
    assert result.resolvable["trap"] == 1
    assert result.violations == [f"markets: {finding('contradiction', 'a5', 'a6').id}"]
    assert (result.supported, result.alarms) == (0, 1)
    assert any(e.startswith("false alarm") and "trap markets" in e for e in result.errors)


def test_trap_pair_spoils_an_otherwise_matching_finding():
    gold = [INFLATION, fact("t", "trap", g("a.md", "3.2%"), g("a.md", "0.3%")), MARKETS]
    result = run([finding("contradiction", "a4", "a5", "b3")], gold)
    assert result.found["contradiction"] == 1  # recall still counts it
    assert result.supported == 0 and len(result.violations) == 1


def test_trap_pair_inside_a_larger_planted_error_is_excused():
    gold = [PARTS, fact("years", "trap", g("a.md", "$5 billion"), g("a.md", "$2 billion"))]
    whole = run([finding("internal", "a9", "a10", "a11")], gold)
    assert not whole.violations and (whole.supported, whole.alarms) == (1, 1)
    alone = run([finding("contradiction", "a9", "a10")], gold)
    assert len(alone.violations) == 1 and alone.supported == 0


def test_false_alarms_lower_precision():
    findings = [
        finding("contradiction", "a4", "b3"),  # supported
        finding("contradiction", "a12", "b1"),  # 1.2% is in no gold fact at all
        finding("contradiction", "a1", "b1"),  # gold mentions both, but as an agreement
        finding("internal", "a4", "b3", "a12"),  # right pair plus a claim the gold never mentions
        finding("contradiction", "a4", "zz"),  # a claim id extraction never produced
        finding("single-source", "a12"),  # not an alarm: ignored by precision
    ]
    result = run(findings, [INFLATION, NEW_RATE])
    assert (result.supported, result.alarms) == (1, 5)
    assert result.precision() == 0.2
    alarms = [e for e in result.errors if e.startswith("false alarm")]
    assert len(alarms) == 4
    assert sum("never mentions" in e for e in alarms) == 2
    assert any("matches no gold contradiction" in e and "'4.1 per cent'" in e for e in alarms)
    assert any("never extracted: zz" in e for e in alarms)


def test_unresolvable_fact_is_an_extraction_miss():
    gold = [fact("lost", "agreement", g("a.md", "4.10%"), g("b.md", "four point one per cent")), NEW_RATE]
    result = run([finding("agreement", "a1", "b1")], gold)
    assert result.unresolvable == ["lost"]
    assert (result.gold["agreement"], result.resolvable["agreement"], result.found["agreement"]) == (2, 1, 1)
    assert result.recall("agreement") == 1.0
    assert any(e.startswith("unresolvable agreement lost") and "four point one" in e for e in result.errors)


def test_partly_resolved_fact_is_judged_on_what_remains():
    gold = [fact("most", "agreement", g("a.md", "4.10%"), g("b.md", "4.1 per cent"), g("c.md", "4.1%"))]
    result = run([finding("agreement", "a1", "b1")], gold)
    assert result.partly_resolved == 1 and not result.unresolvable
    assert (result.found["agreement"], result.full["agreement"]) == (1, 1)


def test_occurrence_picks_the_nth_exact_match_in_document_order():
    gold = [fact("second", "agreement", g("a.md", "4.35%", 2), g("b.md", "4.35 percent"))]
    assert run([finding("agreement", "a3", "b2")], gold).found["agreement"] == 1
    assert run([finding("agreement", "a2", "b2")], gold).found["agreement"] == 0
    beyond = [fact("third", "agreement", g("a.md", "4.35%", 3), g("b.md", "4.35 percent"))]
    assert run([], beyond).unresolvable == ["third"]


def test_report_table():
    result = run([finding("agreement", "a1", "b1"), finding("contradiction", "a5", "a6")], [NEW_RATE, INFLATION, MARKETS])
    text = report(result)
    assert "agreement" in text and "100.0%" in text
    assert "contradiction precision: 0/1 = 0.0%" in text
    assert "trap violations: 1 of 1" in text
    assert "unresolvable gold facts (extraction misses): 0" in text
