"""Extraction scored against the development corpus's hand-made gold.

Prints the per-kind table (run `pytest -s` or `python tests/score_extraction.py`)
and fails when precision or recall falls below what the extractor reaches
today, so a change that loses claims is caught.
"""

from __future__ import annotations

from .score_extraction import CORPUS, report, score

FLOORS = {"span P": 0.97, "span R": 0.95, "full P": 0.95, "full R": 0.94}


def test_extraction_against_gold(extractor):
    result = score(extractor)
    print("\n" + report(result))
    span_p, span_r, full_p, full_r = result.rates()
    reached = {"span P": span_p, "span R": span_r, "full P": full_p, "full R": full_r}
    low = {k: f"{v:.1%}" for k, v in reached.items() if v < FLOORS[k]}
    assert not low, f"below the floor {FLOORS}: {low}\n" + "\n".join(result.errors[:40])


def test_every_offset_points_at_its_text(extractor):
    from checker.documents import load_documents


    for document in load_documents([CORPUS]):
        for claim in extractor.document(document).claims:
            assert document.text[claim.start : claim.end] == claim.text


def test_findings_against_planted_facts(extractor):
    """The engine on the development corpus: precision first (no false alarm, no trap
    sprung), recall floors at what it reaches today. The corpus is among the data the
    same-fact scorer is fitted on, so these floors guard against regressions only; how the
    engine does on news it was not fitted on is benchmarks/judgement.py's validate split."""
    from .score_findings import report as findings_report
    from .score_findings import score_corpus

    result = score_corpus(extractor)
    print("\n" + findings_report(result))
    assert result.violations == [], result.violations
    assert result.precision() >= 0.9, "\n".join(e for e in result.errors if "false alarm" in e)
    assert result.recall("agreement") >= 0.7
    assert result.recall("contradiction") >= 0.29
    assert result.recall("internal") >= 0.65
